"""Turn measurements into ratios, PASS/FAIL marks, a table and a JSON file.

Pure functions over plain dicts, so the marking rules can be tested without
running a server, and the JSON file holds exactly what the table shows.
"""

from __future__ import annotations

import json
from pathlib import Path

# The targets of issue 5.
MIN_VS_REFERENCE = 5.0  # our requests/s over Datasette's
MIN_VS_CEILING = 1 / 3  # our requests/s over the raw in-process ceiling (list queries)
MAX_DEEP_PAGE_RATIO = 1.2  # page 10,000 latency over page 1 latency (p50)
MIN_SEEDING_RATIO = 0.5  # import claims/s over raw executemany claims/s
MAX_WORKER_RSS_MB = 150.0

PASS, FAIL, NA = "PASS", "FAIL", "n/a"


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator / denominator, or None when either is missing or the denominator is 0."""
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def mark(ok: bool | None) -> str:
    """PASS, FAIL, or n/a when the figure could not be measured."""
    return NA if ok is None else PASS if ok else FAIL


def at_least(value: float | None, threshold: float) -> str:
    """Mark `value >= threshold` (n/a when there is no value)."""
    return mark(None if value is None else value >= threshold)


def at_most(value: float | None, threshold: float) -> str:
    """Mark `value <= threshold` (n/a when there is no value)."""
    return mark(None if value is None else value <= threshold)


def evaluate_query(query: dict) -> dict:
    """The ratios and marks of one query's measurements (`ours`, `reference`, `ceiling_rps`).

    A query whose responses failed on our side fails every mark: error responses
    are cheap, so their throughput would flatter us.
    """
    ours, ref = query.get("ours"), query.get("reference")
    ours_rps = ours["rps"] if ours else None
    vs_ref = ratio(ours_rps, ref["rps"] if ref else None)
    p99_below = None if not (ours and ref) else ours["p99_ms"] < ref["p50_ms"]
    vs_ceiling = ratio(ours_rps, query.get("ceiling_rps"))
    ours_errors = ours["errors"] if ours else None
    marks = {
        "vs_reference": at_least(vs_ref, MIN_VS_REFERENCE),
        "p99_below_reference_p50": mark(p99_below),
        "vs_ceiling": at_least(vs_ceiling, MIN_VS_CEILING) if query["kind"] != "lookup" else NA,
        "no_errors": mark(None if ours_errors is None else ours_errors == 0),
    }
    if ours_errors:
        marks = {k: FAIL if v != NA else v for k, v in marks.items()}
    return {
        "vs_reference": vs_ref,
        "p99_below_reference_p50": p99_below,
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
    """Non-2xx plus socket errors, '-' when not measured."""
    return "-" if result is None else str(result["errors"])


COLUMNS = (
    ("query", "<"),
    ("ours rps", ">"),
    ("p50 ms", ">"),
    ("p99 ms", ">"),
    ("err", ">"),
    ("DS rps", ">"),
    ("DS p50", ">"),
    ("DS p99", ">"),
    ("DS err", ">"),
    ("ours/DS", ">"),
    (">=5x", "<"),
    ("p99<DSp50", "<"),
    ("ceiling", ">"),
    ("/ceil", ">"),
    (">=1/3", "<"),
    ("rows ours/DS", ">"),
)


def query_row(query: dict) -> list[str]:
    """One table row."""
    ours, ref, marks = query.get("ours"), query.get("reference"), query["marks"]
    rows = query.get("rows") or {}
    return [
        query["name"],
        _num(ours and ours["rps"]),
        _ms(ours and ours["p50_ms"]),
        _ms(ours and ours["p99_ms"]),
        _errors(ours),
        _num(ref and ref["rps"]),
        _ms(ref and ref["p50_ms"]),
        _ms(ref and ref["p99_ms"]),
        _errors(ref),
        _num(query["vs_reference"], 1),
        marks["vs_reference"],
        marks["p99_below_reference_p50"],
        _num(query.get("ceiling_rps")),
        _num(query["vs_ceiling"], 2),
        marks["vs_ceiling"],
        f"{_num(rows.get('ours'))}/{_num(rows.get('reference'))}",
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
        f"Datasette worker RSS (for comparison): "
        f"{', '.join(f'{m:.1f}' for m in run.get('reference_worker_rss_mb') or []) or '-'} MiB",
        f"marks: {summary['passed']} PASS, {summary['failed']} FAIL",
    ]
    return "\n".join(lines)


def write_json(path: Path, run: dict, summary: dict) -> None:
    """All figures of the run, with the evaluation, as pretty JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {**run, "summary": summary}
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n")
