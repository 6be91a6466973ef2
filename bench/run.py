"""`make bench`: build or reuse N claims, load our server and Datasette, report against targets.

    python -m bench.run --n 10000            # small mode, well under two minutes
    python -m bench.run --n 1000000          # the issue's size
    python -m bench.run --database FILE      # any existing claims database (no build)

Exits 0 with the table even when targets FAIL; non-zero only when something crashed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import sqlite3
import subprocess
import sys
import time
import traceback
from contextlib import closing
from pathlib import Path

from bench import ceiling, load, params, reference, report, smoke, workload
from bench.servers import Server, free_port

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench"
WORKERS = 2  # as `make run`; Datasette gets as many worker processes
CONNECTIONS = 16
THREADS = 1  # wrk shares the 2 cores with the servers: one thread leaves them more


def durations(n: int) -> dict[str, float]:
    """Seconds of load per query: 3 s at 10k claims growing to 10 s at a million.

    The small mode must finish in two minutes with the build; a million claims
    deserve longer runs so that cold pages and GC pauses show up in p99.
    """
    scale = min(1.0, max(0.0, math.log10(max(n, 1) / 10_000) / 2))
    load_s = round(3 + 7 * scale)
    return {"load_s": load_s, "ceiling_s": max(1.0, load_s / 2), "timeout_s": max(10, 2 * load_s)}


def database_path(n: int) -> Path:
    """Where the benchmark database of `n` claims lives."""
    return BENCH_DIR / f"claims-{n}.db"


def count_claims(path: Path) -> int | None:
    """Claims in the file, or None if it is missing or not a claims database."""
    if not path.exists():
        return None
    try:
        with closing(params.connect_readonly(path)) as conn:
            return conn.execute("SELECT COUNT(*) FROM claim").fetchone()[0]
    except sqlite3.Error:
        return None


def remove_database(path: Path) -> None:
    """Delete a stale database with its WAL files and build stats."""
    for suffix in ("", "-wal", "-shm", ".build.json"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def ensure_database(n: int, path: Path) -> dict | None:
    """Reuse the file if it has `n` claims, else build it; returns the build stats if known."""
    stats_path = Path(f"{path}.build.json")
    if count_claims(path) == n:
        print(f"reusing {path} ({n:,} claims)")
        return json.loads(stats_path.read_text()) if stats_path.exists() else None
    from bench.generate import build_database  # the other half of issue 5

    remove_database(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"building {path} with {n:,} claims ...", flush=True)
    began = time.perf_counter()
    stats = build_database(n, f"sqlite:///{path}")
    stats = {**stats, "build_wall_s": round(time.perf_counter() - began, 1)}
    stats_path.write_text(json.dumps(stats, indent=2, default=str))
    found = count_claims(path)
    if found != n:
        raise RuntimeError(f"build_database made {found} claims, not {n}")
    return stats


def our_server(path: Path, logs: Path) -> Server:
    """Our API exactly as `make run` serves it: through the Makefile's `serve` recipe."""
    port = free_port()
    command = ["make", "--no-print-directory", "serve", f"PORT={port}"]
    command += [f"DATABASE_URL=sqlite:///{path}", f"WORKERS={WORKERS}"]
    return Server(
        "our server",
        command,
        port=port,
        ready_path="/healthz",
        workers=WORKERS,
        log_path=logs / "ours.log",
        cwd=ROOT,
    )


def reference_server(path: Path, logs: Path, env: dict[str, str]) -> Server:
    """Datasette's ASGI app in uvicorn with as many worker processes as ours."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "--factory", "bench.reference:create_app"]
    command += ["--workers", str(WORKERS), "--host", "127.0.0.1", "--port", str(port)]
    command += ["--no-access-log", "--log-level", "warning"]
    return Server(
        "Datasette",
        command,
        port=port,
        ready_path="/-/versions.json",
        workers=WORKERS,
        log_path=logs / "reference.log",
        cwd=ROOT,
        env=env,
    )


def measure(
    server: Server, side: str, queries: list[workload.Query], timing: dict, args: argparse.Namespace
) -> dict:
    """Smoke-check, warm and load every query on one server; results keyed by query name."""
    results = {}
    for query in queries:
        paths = query.ours if side == "ours" else query.reference
        checked = smoke.check(server.base_url, paths[0], smoke.response_format(query.name))
        smoke.warm(server.base_url, paths)
        measured = load.run(
            server.base_url,
            paths,
            seconds=int(timing["load_s"]),
            connections=args.connections,
            threads=args.threads,
            timeout_s=int(timing["timeout_s"]),
        )
        results[query.name] = {"smoke": checked, "load": measured.as_dict()}
        print(
            f"  {side:9} {query.name:17} {measured.rps:9,.0f} rps  p50 {measured.p50_ms:8.2f} ms"
            f"  p99 {measured.p99_ms:8.2f} ms  errors {measured.errors}  "
            f"(status {checked['status']}, {checked['rows']} rows)",
            flush=True,
        )
    return results


def count_tracebacks(log: Path) -> int:
    """Tracebacks a server logged: errors that a status code alone may not show."""
    if not log.exists():
        return 0
    return log.read_text(encoding="utf-8", errors="replace").count("Traceback (most recent")


def notes(immutable: bool) -> list[str]:
    """How the comparison was set up, printed under the table and kept in the JSON."""
    opened = (
        "immutable=1 (skips locking and change detection; flatters Datasette)"
        if immutable
        else "mode=ro, mutable as `datasette FILE` opens it (ours opens it read-write, WAL)"
    )
    return [
        f"wrk ({load.WRK}) runs on the same {os.cpu_count()} cores as the servers' workers",
        f"Datasette opens the file {opened}",
        "Datasette: time limits 120 s (nothing cut off), facet suggestions off and _nocount=1 "
        "(our API neither suggests nor counts unless asked), status=active added (our default), "
        "same cache_size and mmap_size pragmas as ours, q= as _search on our claim_search index",
        "uvicorn serves Datasette with h11 + asyncio (no httptools/uvloop in this venv)",
    ]


def environment_facts() -> dict:
    """What the numbers were measured on."""
    import datasette
    import granian
    import uvicorn

    wrk = subprocess.run([load.WRK, "-v"], capture_output=True, text=True, check=False)
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "datasette": datasette.__version__,
        "uvicorn": uvicorn.__version__,
        "granian": granian.__version__,
        "wrk": (wrk.stdout or wrk.stderr).splitlines()[0] if (wrk.stdout or wrk.stderr) else "",
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="claims in the database")
    parser.add_argument("--database", type=Path, help="use this existing file (skips the build)")
    parser.add_argument("--duration", type=int, help="seconds of load per query and server")
    parser.add_argument("--connections", type=int, default=CONNECTIONS)
    parser.add_argument("--threads", type=int, default=THREADS, help="wrk threads")
    parser.add_argument("--only", help="comma-separated query names (default: all)")
    parser.add_argument(
        "--reference-immutable",
        action="store_true",
        help="open the file immutable in Datasette (it then skips locking; not the default)",
    )
    parser.add_argument("--json", type=Path, help="report file (default var/bench/bench-N.json)")
    return parser.parse_args(argv)


def prepare(args: argparse.Namespace) -> tuple[Path, dict | None]:
    """The database file to measure and its build stats (None when unknown)."""
    if not args.database:
        path = database_path(args.n)
        return path, ensure_database(args.n, path)
    path = args.database.resolve()
    stats_path = Path(f"{path}.build.json")
    return path, json.loads(stats_path.read_text()) if stats_path.exists() else None


def show_params(picked: params.Params) -> None:
    """Print the chosen parameters, so every figure can be reproduced by hand."""
    print("parameters picked from the database:")
    for key, value in picked.as_dict().items():
        if key != "lookup_ids":
            print(f"  {key}: {value}")
    print(f"  lookup_ids: {len(picked.lookup_ids)} ids from {picked.min_id} to {picked.max_id}")


def query_records(
    queries: list[workload.Query], ours: dict, theirs: dict, ceilings: dict
) -> list[dict]:
    """One JSON record per query with both servers' figures and the ceiling."""
    return [
        {
            "name": q.name,
            "kind": q.kind,
            "paths": {"ours": q.ours[:3], "reference": q.reference[:3]},
            "ours": ours[q.name]["load"],
            "reference": theirs[q.name]["load"],
            "ceiling_rps": ceilings.get(q.name),
            "smoke": {"ours": ours[q.name]["smoke"], "reference": theirs[q.name]["smoke"]},
            "rows": {
                "ours": ours[q.name]["smoke"]["rows"],
                "reference": theirs[q.name]["smoke"]["rows"],
            },
        }
        for q in queries
    ]


def show_problems(run_data: dict, logs: Path) -> None:
    """Errors and tracebacks, printed under the table so none goes unnoticed."""
    for side, count in run_data["server_log_tracebacks"].items():
        if count:
            print(f"WARNING: {side} server logged {count} tracebacks; see {logs}")
    for q in run_data["queries"]:
        for side, checked in q["smoke"].items():
            if checked["status"] >= 400:
                print(f"ERROR: {q['name']} on {side}: {checked['status']} {checked.get('error')}")


def run(args: argparse.Namespace) -> int:
    """The whole benchmark; raises on crashes, returns 0 whatever the marks say."""
    began, load_at_start = time.perf_counter(), os.getloadavg()
    if load_at_start[0] > 0.5:
        print(
            f"WARNING: load average {load_at_start[0]:.2f} before the run: other processes "
            "compete for the cores and will lower every figure"
        )
    path, build = prepare(args)
    picked = params.pick(path)
    timing = durations(picked.claims)
    if args.duration:
        timing = {**timing, "load_s": args.duration, "ceiling_s": max(1.0, args.duration / 2)}
    queries = workload.build(picked)
    if args.only:
        queries = [q for q in queries if q.name in set(args.only.split(","))]
    show_params(picked)

    print(f"in-process ceiling ({WORKERS} processes, {timing['ceiling_s']:.1f} s per query) ...")
    ceilings = ceiling.measure_all(
        path, {q.name: q.sql for q in queries}, seconds=timing["ceiling_s"], processes=WORKERS
    )
    logs = BENCH_DIR / "logs" / path.stem
    ref_env = reference.environment(
        path, immutable=args.reference_immutable, max_returned_rows=picked.speaker_claims
    )
    print(
        f"load: wrk, {args.connections} connections, {args.threads} thread(s), "
        f"{timing['load_s']} s per query"
    )
    with our_server(path, logs) as server:
        ours = measure(server, "ours", queries, timing, args)
        ours_memory = server.worker_memory_mb()
    with reference_server(path, logs, ref_env) as server:
        theirs = measure(server, "reference", queries, timing, args)
        reference_memory = server.worker_memory_mb()

    run_data = {
        "n": picked.claims,
        "database": str(path),
        "environment": environment_facts(),
        "settings": {
            **timing,
            "connections": args.connections,
            "wrk_threads": args.threads,
            "workers": WORKERS,
            "reference_immutable": args.reference_immutable,
            "reference_settings": reference.settings(picked.speaker_claims),
        },
        "notes": notes(args.reference_immutable),
        "params": picked.as_dict(),
        "build": build,
        "queries": query_records(queries, ours, theirs, ceilings),
        "ours_worker_memory_mb": ours_memory,
        "reference_worker_memory_mb": reference_memory,
        "ours_worker_rss_mb": [m["rss"] for m in ours_memory],
        "reference_worker_rss_mb": [m["rss"] for m in reference_memory],
        "load_average": {"start": load_at_start, "end": os.getloadavg()},
        "server_log_tracebacks": {
            "ours": count_tracebacks(logs / "ours.log"),
            "reference": count_tracebacks(logs / "reference.log"),
        },
    }
    summary = report.evaluate(run_data)
    run_data["wall_s"] = round(time.perf_counter() - began, 1)
    print()
    print(report.table(run_data, summary))
    print("\n".join(f"note: {line}" for line in run_data["notes"]))
    show_problems(run_data, logs)
    out = args.json or BENCH_DIR / f"bench-{run_data['n']}.json"
    report.write_json(out, run_data, summary)
    print(f"figures: {out} ({run_data['wall_s']} s)")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point: a crash prints its traceback and exits 1; FAIL marks still exit 0."""
    args = parse_args(argv)
    try:
        return run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception:
        traceback.print_exc()
        return 1


if __name__ == "__main__":
    sys.exit(main())
