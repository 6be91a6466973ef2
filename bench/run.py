"""`make bench`: build or reuse N claims, find Datasette's fastest deployment, compare in rounds.

    python -m bench.run --n 10000            # small mode, a few minutes
    python -m bench.run --n 1000000          # the issue's size
    python -m bench.run --database FILE      # any existing claims database (no build)

1. The in-process ceiling: the raw SQL, fetched and serialised, no HTTP.
2. Screening: every Datasette deployment (bench/reference.py) answers a lookup and
   a list, as a bare row and as a canned query with our joins; the three fastest for
   each kind and form then answer each query, and the fastest at it is kept.
3. Rounds: per query, our API, Datasette's table or row URL, Datasette's canned
   query and the HTTP ceiling (bench/ceiling_app.py) in turn, A B C D A B C D ...,
   at least three times; ratios are taken round by round and their median and
   spread reported.
4. Conditional GETs (304 Not Modified) of our API, reported apart.

Exits 0 with the table even when targets FAIL; non-zero only when something crashed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import sqlite3
import subprocess
import sys
import time
import traceback
from contextlib import ExitStack, closing
from pathlib import Path

from bench import ceiling, ceiling_app, load, params, reference, report, smoke, workload
from bench.servers import Server, ServerError, fetch, free_port

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench"
WORKERS = 2  # as `make run`; Datasette gets as many worker processes
CONNECTIONS = 16
THREADS = 1  # wrk shares the 2 cores with the servers: one thread leaves them more
ROUNDS = 3
# The screening asks each deployment these questions, in both of Datasette's forms;
# lists and exports are measured on the deployment fastest at `by_speaker`.
PROBES = {workload.LOOKUP: "claim_by_id", workload.LIST: "by_speaker"}
FORMS = ("table", "canned")


def durations(n: int) -> dict[str, float]:
    """Seconds of load per query, side and round: 2 s at 10k claims growing to 5 s at a million.

    Three rounds of four sides make a query cost twelve times this; a million
    claims deserve longer runs so that cold pages and GC pauses show up in p99.
    """
    scale = min(1.0, max(0.0, math.log10(max(n, 1) / 10_000) / 2))
    load_s = round(2 + 3 * scale)
    return {
        "load_s": load_s,
        "screen_s": 1 if load_s < 4 else 2,
        "ceiling_s": max(1.0, load_s / 2),
        "timeout_s": max(10, 4 * load_s),
    }


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


def make_server(name: str, path: Path, logs: Path, app: str | None = None) -> Server:
    """Our API (or, with `app`, the HTTP ceiling) through the Makefile's `serve` recipe."""
    port = free_port()
    command = ["make", "--no-print-directory", "serve", f"PORT={port}"]
    command += [f"DATABASE_URL=sqlite:///{path}", f"WORKERS={WORKERS}"]
    if app:
        command.append(f"SERVE_APP={app}")
    return Server(
        name,
        command,
        port=port,
        ready_path="/healthz" if app is None else "/",
        ready_status=200 if app is None else 404,
        workers=WORKERS,
        log_path=logs / f"{name.replace(' ', '-')}.log",
        cwd=ROOT,
        env={ceiling_app.DB_ENV: str(path), ceiling_app.QUERIES_ENV: str(logs / "ceiling.json")},
    )


def reference_server(
    deployment: reference.Deployment, path: Path, logs: Path, max_returned_rows: int
) -> Server:
    """Datasette in one of its deployments."""
    port = free_port()
    command, env = reference.command(
        deployment,
        path,
        port=port,
        workers=WORKERS,
        metadata_file=logs / "metadata.json",
        max_returned_rows=max_returned_rows,
    )
    name = deployment.name(WORKERS)
    return Server(
        name,
        command,
        port=port,
        ready_path="/-/versions.json",
        workers=deployment.processes(WORKERS),
        log_path=logs / f"datasette-{re.sub(r'[^a-z0-9]+', '-', name)}.log",
        cwd=ROOT,
        env=env,
    )


def paths_of(query: workload.Query, side: str, database: str) -> list[str]:
    """The URLs one side is loaded with for `query` (empty: that side cannot ask it)."""
    if side == "ours":
        return query.ours
    if side == "table":
        return [f"/{database}{p.removeprefix('/claims')}" for p in query.reference]
    if side == "canned":
        return query.canned(database)
    return ceiling_app.paths(query.name, len(query.sql))


def wrk(base_url: str, paths: list[str], seconds: float, timing: dict, args) -> dict:
    """One wrk run as a JSON-ready dict."""
    result = load.run(
        base_url,
        paths,
        seconds=max(1, round(seconds)),
        connections=args.connections,
        threads=args.threads,
        timeout_s=int(timing["timeout_s"]),
    )
    return result.as_dict()


def needs_metadata(query: workload.Query, form: str) -> bool:
    """Canned queries, and `_search` on the table, need the metadata."""
    return form == "canned" or query.name == "search_q"


def screen(
    path: Path, picked: params.Params, everything: list[workload.Query], timing, args, logs
) -> dict:
    """Requests/s of every candidate deployment on the probe questions, in both forms."""
    database = reference.database_name(path)
    by_name = {q.name: q for q in everything}
    found = {}
    candidates = [
        d
        for d in reference.candidates()
        if not args.deployments or any(w in d.name(WORKERS) for w in args.deployments.split(","))
    ]
    print(f"screening {len(candidates)} Datasette deployments ({timing['screen_s']} s a probe):")
    for deployment in candidates:
        name = deployment.name(WORKERS)
        rates: dict[str, float | None] = {}
        try:
            with reference_server(deployment, path, logs, picked.speaker_claims) as server:
                for kind, probe in PROBES.items():
                    for form in FORMS:
                        if form == "canned" and not deployment.metadata:
                            continue
                        urls = paths_of(by_name[probe], form, database)
                        status, _ = fetch(server.base_url + urls[0], timeout=120)
                        if status != 200:
                            rates[f"{kind}/{form}"] = None
                            continue
                        smoke.warm(server.base_url, urls, rounds=1)
                        measured = wrk(server.base_url, urls, timing["screen_s"], timing, args)
                        ok = measured["errors"] == 0
                        rates[f"{kind}/{form}"] = measured["rps"] if ok else None
        except ServerError as error:
            # Without every deployment the reference may not be Datasette at its best.
            raise ServerError(f"{name} did not start, so no reference is chosen: {error}") from None
        found[name] = {"deployment": deployment, "rps": rates}
        shown = "  ".join(f"{k} {_rate(v)}" for k, v in rates.items())
        print(f"  {name:70} {shown}", flush=True)
    return found


def _rate(value: float | None) -> str:
    """A screened rate for the console."""
    return "failed" if value is None else f"{value:,.0f}"


FINALISTS = 3  # deployments per query and form measured on the query itself


def finalists(query: workload.Query, form: str, screened: dict) -> list[reference.Deployment]:
    """The deployments fastest at the probe of this query's kind, in this form, best first."""
    kind = workload.LOOKUP if query.kind == workload.LOOKUP else workload.LIST
    ranked = []
    for entry in screened.values():
        deployment, rps = entry["deployment"], entry["rps"].get(f"{kind}/{form}")
        if rps is None or (needs_metadata(query, form) and not deployment.metadata):
            continue
        ranked.append((rps, deployment))
    ranked.sort(key=lambda pair: -pair[0])
    return [deployment for _, deployment in ranked[:FINALISTS]]


def choose_per_query(
    path: Path, picked: params.Params, queries, screened: dict, timing, args, logs
) -> tuple[dict, dict]:
    """For each query and form, the fastest of its finalists, measured on that query.

    The probes rank the deployments; the few best for a query's kind then answer the
    query itself, so each query is compared with the set-up fastest at it. Returns
    the choice per query and form, and what each finalist served.
    """
    database = reference.database_name(path)
    wanted: dict[reference.Deployment, list] = {}
    for query in queries:
        for form in FORMS:
            if paths_of(query, form, database):
                for deployment in finalists(query, form, screened):
                    wanted.setdefault(deployment, []).append((query, form))
    measured: dict[tuple[str, str], dict] = {}
    print(f"finalists: {len(wanted)} deployments answer each query they are finalists for")
    for deployment, asked in sorted(wanted.items(), key=lambda item: str(item[0])):
        try:
            with reference_server(deployment, path, logs, picked.speaker_claims) as server:
                for query, form in asked:
                    urls = paths_of(query, form, database)
                    status, _ = fetch(server.base_url + urls[0], timeout=120)
                    if status != 200:
                        continue
                    smoke.warm(server.base_url, urls, rounds=1)
                    got = wrk(server.base_url, urls, timing["screen_s"], timing, args)
                    if got["errors"] == 0:
                        measured.setdefault((query.name, form), {})[deployment] = got["rps"]
        except ServerError as error:
            raise ServerError(f"{deployment.name(WORKERS)} did not start: {error}") from None
    chosen = {q.name: {form: None for form in FORMS} for q in queries}
    for (name, form), rates in measured.items():
        chosen[name][form] = max(rates, key=rates.get)
        print(
            f"  {name:17} {form:6} {rates[chosen[name][form]]:8,.0f} rps  "
            f"{chosen[name][form].name(WORKERS)}",
            flush=True,
        )
    finals = {
        f"{name}/{form}": {d.name(WORKERS): rps for d, rps in rates.items()}
        for (name, form), rates in measured.items()
    }
    return chosen, finals


def rounds(queries, servers: dict, chosen: dict, database: str, timing, args) -> dict:
    """Every side of every query in turn, `args.rounds` times; results per query and side."""
    results = {q.name: {"rounds": [], "smoke": {}} for q in queries}
    sides_of = {}
    for query in queries:
        sides = ["ours", *[f for f in FORMS if chosen[query.name].get(f)], "http_ceiling"]
        sides = [s for s in sides if paths_of(query, s, database)]
        sides_of[query.name] = sides
        for side in sides:
            server = servers[side if side in ("ours", "http_ceiling") else chosen[query.name][side]]
            urls = paths_of(query, side, database)
            fmt = "json" if side == "http_ceiling" else response_format(query, side)
            results[query.name]["smoke"][side] = smoke.check(server.base_url, urls[0], fmt)
            smoke.warm(server.base_url, urls)
    for number in range(1, args.rounds + 1):
        print(f"round {number} of {args.rounds} (load average {os.getloadavg()[0]:.2f}):")
        for query in queries:
            measured = {}
            for side in sides_of[query.name]:
                server = servers[
                    side if side in ("ours", "http_ceiling") else chosen[query.name][side]
                ]
                urls = paths_of(query, side, database)
                measured[side] = wrk(server.base_url, urls, timing["load_s"], timing, args)
            results[query.name]["rounds"].append(measured)
            print(
                f"  {query.name:17}"
                + "".join(f"  {side} {m['rps']:8,.0f}" for side, m in measured.items()),
                flush=True,
            )
    return results


def response_format(query: workload.Query, side: str) -> str:
    """How one side's responses to `query` are shaped."""
    if side == "canned":
        return {"csv": "csv", "ndjson": "ndjson"}.get(query.canned_format or "", "json")
    return smoke.response_format(query.name)


def conditional_gets(server: Server, queries: list[workload.Query], timing, args) -> dict:
    """Our API answering If-None-Match with 304: per query, the rate and the statuses seen.

    Reported apart from the comparison: clients that revalidate get this, wrk
    loading the comparison never sends the header.
    """
    found = {}
    for query in queries:
        if query.kind == workload.EXPORT:
            continue
        headers = []
        for path in query.ours:
            status, tag = _etag(server.base_url + path)
            if status != 200 or not tag:
                break
            headers.append({"If-None-Match": tag})
        else:
            status, _ = _etag(server.base_url + query.ours[0], headers[0])
            result = load.run(
                server.base_url,
                query.ours,
                seconds=max(1, round(timing["load_s"])),
                connections=args.connections,
                threads=args.threads,
                timeout_s=int(timing["timeout_s"]),
                headers=headers,
            )
            found[query.name] = {"status": status, "load": result.as_dict()}
    return found


def _etag(address: str, headers: dict | None = None) -> tuple[int, str | None]:
    """GET `address`: its status and ETag header."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(address, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("ETag")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("ETag")


def notes(chosen: dict) -> list[str]:
    """How the comparison was set up, printed under the table and kept in the JSON."""
    forms = sorted({d for c in chosen.values() for d in c.values() if d is not None}, key=str)
    return [
        f"wrk ({load.WRK}) runs on the same {os.cpu_count()} cores as every server",
        "Datasette table/row URLs return the bare claim row (no speaker or document fields); "
        "its canned queries run our joined claim-row SQL: the same work as ours. Each ratio is "
        "against the faster of the two",
        "Datasette: time limits 120 s (nothing cut off), facet suggestions off and _nocount=1 "
        "(our API neither suggests nor counts unless asked), status=active added (our default), "
        "same cache_size and mmap_size pragmas as ours, no access log (ours writes one line per "
        "request, as make run does), q= as _search on our claim_search index, uvloop and "
        "httptools installed",
        f"Datasette deployments used: {len(forms)} of those screened",
        f"{ROUNDS} or more rounds per query; a spread is (max - min) / median of the paired "
        "ratios, warned about above 30%",
    ]


def environment_facts() -> dict:
    """What the numbers were measured on."""
    import datasette
    import granian
    import gunicorn
    import uvicorn

    wrk_version = subprocess.run([load.WRK, "-v"], capture_output=True, text=True, check=False)
    text = wrk_version.stdout or wrk_version.stderr
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "datasette": datasette.__version__,
        "uvicorn": uvicorn.__version__,
        "gunicorn": gunicorn.__version__,
        "granian": granian.__version__,
        "wrk": text.splitlines()[0] if text else "",
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="claims in the database")
    parser.add_argument("--database", type=Path, help="use this existing file (skips the build)")
    parser.add_argument("--duration", type=int, help="seconds of load per query, side and round")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="rounds per query (>= 3)")
    parser.add_argument("--connections", type=int, default=CONNECTIONS)
    parser.add_argument("--threads", type=int, default=THREADS, help="wrk threads")
    parser.add_argument("--only", help="comma-separated query names (default: all)")
    parser.add_argument(
        "--deployments",
        help="screen only Datasette deployments whose description contains one of these "
        "comma-separated words (default: every one)",
    )
    parser.add_argument("--json", type=Path, help="report file (default var/bench/bench-N.json)")
    args = parser.parse_args(argv)
    if args.rounds < 3:
        parser.error("--rounds must be at least 3: a spread needs three paired ratios")
    return args


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


def query_records(queries, measured: dict, chosen: dict, ceilings: dict, database: str) -> list:
    """One JSON record per query: every round of every side, the deployments, the ceiling."""
    records = []
    for q in queries:
        found = measured[q.name]
        records.append(
            {
                "name": q.name,
                "kind": q.kind,
                "paths": {side: paths_of(q, side, database)[:3] for side in found["smoke"]},
                "deployments": {
                    form: chosen[q.name][form].name(WORKERS)
                    for form in FORMS
                    if chosen[q.name].get(form)
                },
                "canned_sql": q.canned_sql(),
                "rounds": found["rounds"],
                "ceiling_rps": ceilings.get(q.name),
                "smoke": found["smoke"],
                "rows": {side: s["rows"] for side, s in found["smoke"].items()},
            }
        )
    return records


def show_problems(run_data: dict, logs: Path) -> None:
    """Errors and tracebacks, printed under the table so none goes unnoticed."""
    for side, count in run_data["server_log_tracebacks"].items():
        if count:
            print(f"WARNING: {side} logged {count} tracebacks; see {logs}")
    for q in run_data["queries"]:
        for side, checked in q["smoke"].items():
            if checked["status"] >= 400:
                print(f"ERROR: {q['name']} on {side}: {checked['status']} {checked.get('error')}")


def count_tracebacks(log: Path) -> int:
    """Tracebacks a server logged: errors that a status code alone may not show."""
    if not log.exists():
        return 0
    return log.read_text(encoding="utf-8", errors="replace").count("Traceback (most recent")


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
    everything = workload.build(picked)
    queries = everything
    if args.only:
        queries = [q for q in everything if q.name in set(args.only.split(","))]
    show_params(picked)
    database = reference.database_name(path)
    logs = BENCH_DIR / "logs" / path.stem
    logs.mkdir(parents=True, exist_ok=True)
    canned = {q.name: q.canned_sql() for q in everything if q.canned_sql()}
    (logs / "metadata.json").write_text(json.dumps(reference.metadata(database, canned)))
    ceiling_app.write_queries(logs / "ceiling.json", {q.name: q.sql for q in everything})

    print(f"in-process ceiling ({WORKERS} processes, {timing['ceiling_s']:.1f} s per query) ...")
    ceilings = ceiling.measure_all(
        path, {q.name: q.sql for q in queries}, seconds=timing["ceiling_s"], processes=WORKERS
    )
    screened = screen(path, picked, everything, timing, args, logs)
    chosen, finals = choose_per_query(path, picked, queries, screened, timing, args, logs)
    deployments = {d for c in chosen.values() for d in c.values() if d is not None}
    print(
        f"load: wrk, {args.connections} connections, {args.threads} thread(s), "
        f"{timing['load_s']} s per query, side and round"
    )
    with ExitStack() as stack:
        servers = {
            "ours": stack.enter_context(make_server("our server", path, logs)),
            "http_ceiling": stack.enter_context(
                make_server("http ceiling", path, logs, "bench.ceiling_app:create_app")
            ),
        }
        for deployment in sorted(deployments, key=str):
            servers[deployment] = stack.enter_context(
                reference_server(deployment, path, logs, picked.speaker_claims)
            )
        measured = rounds(queries, servers, chosen, database, timing, args)
        ours_memory = servers["ours"].worker_memory_mb()
        reference_memory = {
            d.name(WORKERS): servers[d].worker_memory_mb() for d in sorted(deployments, key=str)
        }
        print("conditional GETs (If-None-Match) on our API ...")
        conditional = conditional_gets(servers["ours"], queries, timing, args)

    run_data = {
        "n": picked.claims,
        "database": str(path),
        "environment": environment_facts(),
        "settings": {
            **timing,
            "connections": args.connections,
            "wrk_threads": args.threads,
            "workers": WORKERS,
            "rounds": args.rounds,
            "reference_settings": reference.settings(picked.speaker_claims),
        },
        "notes": notes(chosen),
        "params": picked.as_dict(),
        "build": build,
        "screening": {name: entry["rps"] for name, entry in screened.items()},
        "finalists": finals,
        "queries": query_records(queries, measured, chosen, ceilings, database),
        "conditional_get": conditional,
        "ours_worker_memory_mb": ours_memory,
        "reference_worker_memory_mb": reference_memory,
        "ours_worker_rss_mb": [m["rss"] for m in ours_memory],
        "load_average": {"start": load_at_start, "end": os.getloadavg()},
        "server_log_tracebacks": {
            log.stem: count_tracebacks(log) for log in sorted(logs.glob("*.log"))
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


def guarded(run, args) -> int:
    """A benchmark's run: a crash prints its traceback and exits 1, an interrupt 130."""
    try:
        return run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception:
        traceback.print_exc()
        return 1


def main(argv: list[str] | None = None) -> int:
    """Entry point: a crash prints its traceback and exits 1; FAIL marks still exit 0."""
    return guarded(run, parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
