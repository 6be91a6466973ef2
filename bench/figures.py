"""`make bench`'s figures part: what linking adds to a bulk import, and figure-list paging.

    python -m bench.figures --n 1000000          # the issue's size
    python -m bench.figures --n 20000 --seconds 3  # a quick look

Issue 13 asks two things of scale. At 1M claims linking must add at most 20%
to import time: the same generated articles (bench.generate) are imported
into fresh databases with `link=False` and `link=True`, alternately, `--runs`
times each, so the ratio comes with its spread and a slow moment of the
machine does not land on one side only. And `GET /v1/figures?conflict=any`
must page at list speed: the linked database is served as `make run` serves
it and wrk walks the conflicted figures' pages and the claim list's pages
(the same page size, the same number of pages along each cursor walk).

Exits 0 with the figures even when a target is missed; non-zero only on a crash.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from bench import load, smoke
from bench.generate import generate, import_generated
from bench.params import PAGE_SIZE
from bench.run import BENCH_DIR, CONNECTIONS, THREADS, guarded, make_server, remove_database
from bench.servers import fetch

IMPORT_TARGET = 1.20  # linking adds at most 20% to import time
PAGES = 200  # pages of each list the load rotates through


def import_times(n: int, runs: int, workdir: Path) -> tuple[list[dict], Path]:
    """Import the same articles `runs` times without and with linking; the linked file."""
    source = workdir / f"figures-{n}.jsonl"
    print(f"generating {n:,} claims ...", flush=True)
    speakers = generate(n, source)
    results, linked = [], workdir / f"figures-{n}-linked.db"
    try:
        for run in range(runs):
            for link in (False, True):
                path = linked if link else workdir / f"figures-{n}-unlinked.db"
                remove_database(path)
                stats = import_generated(source, speakers, f"sqlite:///{path}", link=link)
                results.append({"run": run, "link": link, **stats})
                print(
                    f"  import {'with' if link else 'without'} linking: "
                    f"{stats['import_seconds']:8.1f} s ({stats['import_claims_per_s']:,} claims/s)",
                    flush=True,
                )
                if not link:
                    remove_database(path)
    finally:
        source.unlink(missing_ok=True)
    return results, linked


def import_summary(results: list[dict]) -> dict:
    """Median times with and without linking, each run's ratio, and the target's mark."""
    without = [r["import_seconds"] for r in results if not r["link"]]
    with_ = [r["import_seconds"] for r in results if r["link"]]
    ratios = [w / o for w, o in zip(with_, without, strict=True)]
    ratio = statistics.median(with_) / statistics.median(without)
    return {
        "without_linking_s": without,
        "with_linking_s": with_,
        "ratio_median": round(ratio, 3),
        "ratio_per_run": [round(r, 3) for r in ratios],
        "target": IMPORT_TARGET,
        "met": ratio <= IMPORT_TARGET,
    }


def figure_counts(path: Path) -> dict:
    """How many figures the linked import made, how many conflict, and of which kinds."""
    import sqlite3

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        one = conn.execute(
            "SELECT COUNT(*), SUM(conflicted), SUM(claim_count) FROM figure WHERE status = 'active'"
        ).fetchone()
        kinds = dict(conn.execute("SELECT kind, COUNT(*) FROM figure_conflict GROUP BY kind"))
    return {"figures": one[0], "conflicted": one[1] or 0, "linked_claims": one[2] or 0, **kinds}


def walk(base_url: str, path: str, params: dict, pages: int) -> list[str]:
    """The first `pages` pages of a list, following each page's `next` link."""
    found, url = [], f"{path}?{urlencode(params)}"
    while url and len(found) < pages:
        found.append(url)
        status, body = fetch(base_url + url, timeout=120)
        if status != 200:
            raise RuntimeError(f"{url}: {status} {body[:300]!r}")
        url = json.loads(body)["next"]
    return found


def paging(path: Path, seconds: int) -> dict:
    """wrk over the conflicted figures' pages and the claim list's pages of one database."""
    lists = {
        "figures?conflict=any": ("/v1/figures", {"conflict": "any", "limit": PAGE_SIZE}),
        "claims": ("/v1/claims", {"limit": PAGE_SIZE}),
    }
    measured = {}
    logs = BENCH_DIR / "logs" / path.stem
    with make_server("our server", path, logs) as server:
        walks = {name: walk(server.base_url, *spec, PAGES) for name, spec in lists.items()}
        pages = min(len(w) for w in walks.values())  # as many pages of each
        for name, urls in walks.items():
            urls = urls[:pages]
            checked = smoke.check(server.base_url, urls[-1], "json")
            smoke.warm(server.base_url, urls)
            result = load.run(
                server.base_url,
                urls,
                seconds=seconds,
                connections=CONNECTIONS,
                threads=THREADS,
                timeout_s=max(10, 2 * seconds),
            )
            measured[name] = {"pages": len(urls), "smoke": checked, "load": result.as_dict()}
            print(
                f"  {name:22} {result.rps:9,.0f} rps  p50 {result.p50_ms:7.2f} ms  "
                f"p99 {result.p99_ms:7.2f} ms  errors {result.errors}  ({len(urls)} pages)",
                flush=True,
            )
    figures, claims = measured["figures?conflict=any"]["load"], measured["claims"]["load"]
    measured["figures_over_claims_rps"] = round(figures["rps"] / claims["rps"], 3)
    measured["figures_over_claims_p50"] = round(figures["p50_ms"] / claims["p50_ms"], 3)
    return measured


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="claims imported")
    parser.add_argument("--runs", type=int, default=2, help="imports with and without linking")
    parser.add_argument("--seconds", type=int, default=10, help="seconds of load per list")
    parser.add_argument("--json", type=Path, help="report file (default var/bench/figures-N.json)")
    return parser.parse_args(argv)


def run(args: argparse.Namespace) -> int:
    """Both measures, printed and written as JSON with the machine's load around them."""
    began, load_at_start = time.perf_counter(), os.getloadavg()
    if load_at_start[0] > 0.5:
        print(f"WARNING: load average {load_at_start[0]:.2f} before the run: figures will suffer")
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    print(f"bulk import of {args.n:,} claims, without and with linking, {args.runs} run(s) each")
    results, linked = import_times(args.n, args.runs, BENCH_DIR)
    summary = import_summary(results)
    counts = figure_counts(linked)
    load_after_import = os.getloadavg()
    print(f"paging on the linked database ({counts['figures']:,} figures) ...", flush=True)
    pages = paging(linked, args.seconds)
    report = {
        "n": args.n,
        "imports": results,
        "import": summary,
        "figures": counts,
        "paging": pages,
        "load_average": {
            "start": load_at_start,
            "after_import": load_after_import,
            "end": os.getloadavg(),
        },  # fmt: skip
        "cpus": os.cpu_count(),
        "wall_s": round(time.perf_counter() - began, 1),
    }
    out = args.json or BENCH_DIR / f"figures-{args.n}.json"
    out.write_text(json.dumps(report, indent=2))
    mark = "met" if summary["met"] else "NOT MET"
    print(
        f"\nlinking: import {statistics.median(summary['without_linking_s']):.1f} s without, "
        f"{statistics.median(summary['with_linking_s']):.1f} s with (median of {args.runs}); "
        f"ratio {summary['ratio_median']:.2f} (runs {summary['ratio_per_run']}); "
        f"target ≤ {IMPORT_TARGET:.2f}: {mark}"
    )
    print(
        f"figures: {counts['figures']:,} ({counts['conflicted']:,} with a conflict) over "
        f"{counts['linked_claims']:,} linked claims"
    )
    print(
        f"paging: figures?conflict=any at {pages['figures_over_claims_rps']:.2f}× the claim "
        f"list's requests/s (p50 {pages['figures_over_claims_p50']:.2f}×)"
    )
    print(f"load average: start {load_at_start}, end {report['load_average']['end']}")
    print(f"figures: {out} ({report['wall_s']} s)")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point: a crash prints its traceback and exits 1."""
    return guarded(run, parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
