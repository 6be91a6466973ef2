"""Turn measurements into ratios, PASS/FAIL marks, a table and a JSON file.

Pure functions over plain dicts, so the marking rules can be tested without
running a server, and the JSON file holds exactly what the table shows.
"""

from __future__ import annotations

import json
from pathlib import Path

# The targets of issues 5 and 12.
MIN_VS_REFERENCE = 5.0  # our requests/s over Datasette's (at its fastest), median of rounds
MIN_VS_CEILING = 1 / 3  # our requests/s over the raw in-process ceiling (list queries)
MIN_VS_HTTP_CEILING = 1 / 2  # ... over the same SQL served by a bare WSGI app (list queries)
MAX_SPREAD = 0.30  # (max - min) / median of a query's paired ratios: more is a noisy run
MAX_DEEP_PAGE_RATIO = 1.2  # page 10,000 latency over page 1 latency (p50)
MIN_SEEDING_RATIO = 0.5  # import claims/s over raw executemany claims/s
MAX_WORKER_RSS_MB = 150.0
FORMS = ("table", "canned")  # Datasette's two ways of answering: bare rows, our joined SQL

PASS, FAIL, NA = "PASS", "FAIL", "n/a"


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator / denominator, or None when either is missing or the denominator is 0."""
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def median(values: list[float]) -> float | None:
    """The median, or None of nothing."""
    ordered = sorted(v for v in values if v is not None)
    if not ordered:
        return None
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def paired(rounds: list[dict], side: str, other: str) -> dict | None:
    """`side`'s requests/s over `other`'s, round by round: median, min, max and spread.

    Each round ran the two back to back, so a ratio compares them under the same
    machine load; the spread, (max - min) / median, says how far rounds disagree.
    """
    ratios = [ratio(r[side]["rps"], r[other]["rps"]) for r in rounds if side in r and other in r]
    ratios = [r for r in ratios if r is not None]
    if not ratios:
        return None
    middle = median(ratios)
    spread = (max(ratios) - min(ratios)) / middle if middle else None
    return {
        "ratios": ratios,
        "median": middle,
        "min": min(ratios),
        "max": max(ratios),
        "spread": spread,
        "noisy": spread is not None and spread > MAX_SPREAD,
    }


def summarise(rounds: list[dict], side: str) -> dict | None:
    """One side's medians over the rounds (requests/s, p50, p99) and its errors in all."""
    runs = [r[side] for r in rounds if side in r]
    if not runs:
        return None
    return {
        "rps": median([r["rps"] for r in runs]),
        "p50_ms": median([r["p50_ms"] for r in runs]),
        "p99_ms": median([r["p99_ms"] for r in runs]),
        "errors": sum(r["errors"] for r in runs),
        "rounds": len(runs),
    }


def at_least(value: float | None, threshold: float) -> str:
    """Mark `value >= threshold` (n/a when there is no value)."""
    return mark(None if value is None else value >= threshold)


def at_most(value: float | None, threshold: float) -> str:
    """Mark `value <= threshold` (n/a when there is no value)."""
    return mark(None if value is None else value <= threshold)


def mark(ok: bool | None) -> str:
    """PASS, FAIL, or n/a when the figure could not be measured."""
    return NA if ok is None else PASS if ok else FAIL


def reference_form(rounds: list[dict]) -> str | None:
    """Datasette's faster form for this query (median requests/s), the one compared against."""
    rates = {f: (summarise(rounds, f) or {}).get("rps") for f in FORMS}
    rates = {f: r for f, r in rates.items() if r is not None}
    return max(rates, key=rates.get) if rates else None


def evaluate_query(query: dict) -> dict:
    """The ratios and marks of one query's rounds (`rounds`, `kind`, `ceiling_rps`).

    A query whose responses failed on our side fails every mark: error responses
    are cheap, so their throughput would flatter us.
    """
    rounds = query.get("rounds") or []
    ours = summarise(rounds, "ours")
    form = reference_form(rounds)
    ref = summarise(rounds, form) if form else None
    vs_ref = paired(rounds, "ours", form) if form else None
    vs_http = paired(rounds, "ours", "http_ceiling")
    ours_rps = ours["rps"] if ours else None
    vs_ceiling = ratio(ours_rps, query.get("ceiling_rps"))
    p99_below = None if not (ours and ref) else ours["p99_ms"] < ref["p50_ms"]
    is_list = query["kind"] == "list"
    marks = {
        "vs_reference": at_least(vs_ref and vs_ref["median"], MIN_VS_REFERENCE),
        "p99_below_reference_p50": mark(p99_below),
        "vs_ceiling": at_least(vs_ceiling, MIN_VS_CEILING) if is_list else NA,
        "vs_http_ceiling": at_least(vs_http and vs_http["median"], MIN_VS_HTTP_CEILING)
        if is_list
        else NA,
        "no_errors": mark(None if ours is None else ours["errors"] == 0),
    }
    if ours and ours["errors"]:
        marks = {k: FAIL if v != NA else v for k, v in marks.items()}
    return {
        "ours": ours,
        "reference": ref,
        "reference_form": form,
        "forms": {f: summarise(rounds, f) for f in FORMS},
        "http_ceiling": summarise(rounds, "http_ceiling"),
        "vs_reference": vs_ref,
        "vs_http_ceiling": vs_http,
        "vs_ceiling": vs_ceiling,
        "marks": marks,
    }


def deep_page(queries: dict[str, dict]) -> dict:
    """Page N versus page 1 of the cursor walk, by our p50 (and p99 for information)."""
    first, deep = queries.get("page_1", {}).get("ours"), queries.get("page_deep", {}).get("ours")
    p50 = ratio(deep and deep["p50_ms"], first and first["p50_ms"])
    p99 = ratio(deep and deep["p99_ms"], first and first["p99_ms"])
    return {"p50_ratio": p50, "p99_ratio": p99, "mark": at_most(p50, MAX_DEEP_PAGE_RATIO)}


def seeding(stats: dict | None) -> dict:
    """Import speed as a fraction of raw executemany speed, from build_database's stats."""
    stats = stats or {}
    imported, raw = stats.get("import_claims_per_s"), stats.get("raw_executemany_claims_per_s")
    value = ratio(imported, raw)
    return {
        "import_claims_per_s": imported,
        "raw_executemany_claims_per_s": raw,
        "ratio": value,
        "mark": at_least(value, MIN_SEEDING_RATIO),
    }


def memory(rss_mb: list[float]) -> dict:
    """Each worker's RSS against the limit; no workers measured is n/a, not a pass."""
    ok = None if not rss_mb else max(rss_mb) < MAX_WORKER_RSS_MB
    return {"worker_rss_mb": rss_mb, "mark": mark(ok)}


def evaluate(run: dict) -> dict:
    """Every ratio and mark of a run, keyed like the JSON report."""
    queries = {q["name"]: q for q in run["queries"]}
    for query in run["queries"]:
        query.update(evaluate_query(query))
    summary = {
        "deep_page": deep_page(queries),
        "seeding": seeding(run.get("build")),
        "memory": memory(run.get("ours_worker_rss_mb") or []),
    }
    marks = [m for q in run["queries"] for m in q["marks"].values()]
    marks += [s["mark"] for s in summary.values()]
    summary["failed"] = marks.count(FAIL)
    summary["passed"] = marks.count(PASS)
    return summary


def _num(value: float | None, digits: int = 0) -> str:
    """A number for the table; '-' when missing."""
    if value is None:
        return "-"
    return f"{value:,.{digits}f}"


def _ms(value: float | None) -> str:
    """A latency in ms with sensible precision."""
    if value is None:
        return "-"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}"


def _memory(workers: list[dict] | None, key: str) -> str:
    """One memory figure of each worker, comma-separated."""
    return ", ".join(f"{w[key]:.1f}" for w in workers or []) or "-"


def _errors(result: dict | None) -> str:
    """Non-2xx plus socket errors over the rounds, '-' when not measured."""
    return "-" if result is None else str(result["errors"])


COLUMNS = (
    ("query", "<"),
    ("ours rps", ">"),
    ("p50 ms", ">"),
    ("p99 ms", ">"),
    ("err", ">"),
    ("DS form", "<"),
    ("DS rps", ">"),
    ("DS p50", ">"),
    ("DS p99", ">"),
    ("ours/DS", ">"),
    ("spread", ">"),
    (">=5x", "<"),
    ("p99<DSp50", "<"),
    ("ceiling", ">"),
    ("/ceil", ">"),
    (">=1/3", "<"),
    ("HTTP ceil", ">"),
    ("/HTTP", ">"),
    (">=1/2", "<"),
    ("rows ours/DS", ">"),
)


def _spread(paired_ratio: dict | None) -> str:
    """A spread as a percentage, flagged when above MAX_SPREAD."""
    if not paired_ratio or paired_ratio["spread"] is None:
        return "-"
    return f"{paired_ratio['spread']:.0%}{'!' if paired_ratio['noisy'] else ''}"


def query_row(query: dict) -> list[str]:
    """One table row (figures are medians over the rounds)."""
    ours, ref, marks = query.get("ours"), query.get("reference"), query["marks"]
    rows = query.get("rows") or {}
    form = query.get("reference_form")
    vs_ref, vs_http = query.get("vs_reference"), query.get("vs_http_ceiling")
    http = query.get("http_ceiling")
    return [
        query["name"],
        _num(ours and ours["rps"]),
        _ms(ours and ours["p50_ms"]),
        _ms(ours and ours["p99_ms"]),
        _errors(ours),
        form or "-",
        _num(ref and ref["rps"]),
        _ms(ref and ref["p50_ms"]),
        _ms(ref and ref["p99_ms"]),
        _num(vs_ref and vs_ref["median"], 1),
        _spread(vs_ref),
        marks["vs_reference"],
        marks["p99_below_reference_p50"],
        _num(query.get("ceiling_rps")),
        _num(query["vs_ceiling"], 2),
        marks["vs_ceiling"],
        _num(http and http["rps"]),
        _num(vs_http and vs_http["median"], 2),
        marks["vs_http_ceiling"],
        f"{_num(rows.get('ours'))}/{_num(rows.get(form) if form else None)}",
    ]


def table(run: dict, summary: dict) -> str:
    """The report printed on stdout."""
    rows = [[name for name, _ in COLUMNS]] + [query_row(q) for q in run["queries"]]
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS))]
    lines = [
        "  ".join(
            cell.ljust(w) if align == "<" else cell.rjust(w)
            for cell, w, (_, align) in zip(row, widths, COLUMNS, strict=True)
        )
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    deep, seed, mem = summary["deep_page"], summary["seeding"], summary["memory"]
    deep_page_number = run.get("params", {}).get("deep_page", "N")
    lines += ["", "Datasette deployment per query and form (the faster form is compared):"]
    for query in run["queries"]:
        for form, name in (query.get("deployments") or {}).items():
            got = (query.get("forms") or {}).get(form)
            lines.append(f"  {query['name']:17} {form:6} {_num(got and got['rps']):>8} rps  {name}")
    noisy = [q["name"] for q in run["queries"] if (q.get("vs_reference") or {}).get("noisy")]
    if noisy:
        lines.append(
            f"WARNING: ratios of {', '.join(noisy)} spread over more than "
            f"{MAX_SPREAD:.0%} between rounds: the machine was busy; run again"
        )
    conditional = run.get("conditional_get") or {}
    if conditional:
        lines.append("conditional GET (If-None-Match, answered 304; not in the ratios):")
        for name, found in conditional.items():
            got = found["load"]
            lines.append(
                f"  {name:17} status {found['status']}  {_num(got['rps'])} rps  "
                f"p50 {_ms(got['p50_ms'])} ms  p99 {_ms(got['p99_ms'])} ms  errors {got['errors']}"
            )
    load_average = run.get("load_average") or {}
    lines += [
        "",
        f"page {deep_page_number:,} vs page 1 (p50 latency): {_num(deep['p50_ratio'], 2)}x "
        f"(p99 {_num(deep['p99_ratio'], 2)}x), target <= {MAX_DEEP_PAGE_RATIO}  {deep['mark']}",
        f"seeding: import {_num(seed['import_claims_per_s'])} claims/s vs raw executemany "
        f"{_num(seed['raw_executemany_claims_per_s'])} claims/s = {_num(seed['ratio'], 2)}, "
        f"target >= {MIN_SEEDING_RATIO}  {seed['mark']}",
        f"server worker RSS after the run: "
        f"{', '.join(f'{m:.1f}' for m in mem['worker_rss_mb']) or '-'} MiB, "
        f"target < {MAX_WORKER_RSS_MB:.0f}  {mem['mark']}",
        f"  of which private (USS): {_memory(run.get('ours_worker_memory_mb'), 'uss')} MiB, "
        f"file-backed/shared (mmap of the database): "
        f"{_memory(run.get('ours_worker_memory_mb'), 'shared')} MiB",
    ]
    for name, workers in (run.get("reference_worker_memory_mb") or {}).items():
        lines.append(f"Datasette worker RSS ({name}): {_memory(workers, 'rss')} MiB")
    if load_average:
        lines.append(
            "load average (1, 5, 15 min): start "
            + ", ".join(f"{v:.2f}" for v in load_average["start"])
            + "; end "
            + ", ".join(f"{v:.2f}" for v in load_average["end"])
        )
    lines.append(f"marks: {summary['passed']} PASS, {summary['failed']} FAIL")
    return "\n".join(lines)


def write_json(path: Path, run: dict, summary: dict) -> None:
    """All figures of the run, with the evaluation, as pretty JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {**run, "summary": summary}
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n")


def _form_name(query: dict) -> str:
    """Datasette's compared form in words, with the set-up it ran in."""
    form = query.get("reference_form")
    if not form:
        return "-"
    words = "canned query (our joins)" if form == "canned" else "row/table URL (bare row)"
    return f"{words}; {(query.get('deployments') or {}).get(form, '?')}"


def markdown(run: dict, summary: dict) -> str:
    """The README's performance table and its reference set-ups, from a run's JSON."""
    lines = [
        "| query | ours rps | p50 | p99 | Datasette rps | p50 | p99 | ours/Datasette "
        "(median, spread) | ours / in-process ceiling | ours / HTTP ceiling |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for q in run["queries"]:
        ours, ref = q.get("ours") or {}, q.get("reference") or {}
        vs_ref, vs_http = q.get("vs_reference") or {}, q.get("vs_http_ceiling") or {}
        http = q.get("http_ceiling") or {}
        spread = vs_ref.get("spread")
        lines.append(
            f"| {q['name']} | {_num(ours.get('rps'))} | {_ms(ours.get('p50_ms'))} | "
            f"{_ms(ours.get('p99_ms'))} | {_num(ref.get('rps'))} | {_ms(ref.get('p50_ms'))} | "
            f"{_ms(ref.get('p99_ms'))} | {_num(vs_ref.get('median'), 1)}× "
            f"({'-' if spread is None else f'{spread:.0%}'}) | "
            f"{_num(q.get('vs_ceiling'), 2)} of {_num(q.get('ceiling_rps'))} | "
            f"{_num(vs_http.get('median'), 2)} of {_num(http.get('rps'))} |"
        )
    lines += ["", "Datasette's fastest set-up per query, in the form compared:", ""]
    lines += [f"- {q['name']}: {_form_name(q)}" for q in run["queries"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """`python -m bench.report FILE.json`: the README's table of a finished run."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    run = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    summary = run.pop("summary", None) or evaluate(run)
    print(markdown(run, summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
