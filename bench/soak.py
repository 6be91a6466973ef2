"""Soak: mixed reads and writes from several client processes against the real server.

    python -m bench.soak --seconds 30
    python -m bench.soak --seconds 30 --database-url sqlite:///var/bench/mine.db

Without --database-url a pristine database of --n claims is built once
(bench.generate, through the project's import path) as var/bench/soak-N.db and
copied to var/bench/soak-N.run.db for each run, so every soak starts from the
same state; with --database-url that file is used (and written to) in place, and
built first if it holds no claims. The server is started as `make serve` runs
it. Each client process loops until the time is up over lists with filters,
single claims, `q=` searches, creates, If-Match corrections (some on claims the
other clients correct too, so 412s are expected) and retractions.

Prints requests, failures by status and p50/p99 latency per kind, then checks
the database (integrity, one history version per write). Exits 1 on any 5xx,
transport error, server traceback or database problem; 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import queue
import random
import re
import secrets
import shutil
import sqlite3
import sys
import threading
import time
from collections import Counter
from contextlib import closing
from pathlib import Path
from urllib.parse import quote, urlencode

from bench.params import STOP_BIGRAMS
from bench.servers import Server, ServerError, api_command, free_port

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench"
WORKERS = 2  # as `make run`
TOKEN_NAME = "soak"
REQUEST_TIMEOUT_S = 30
KINDS = ("list", "claim", "search", "create", "patch", "retract")
# How often each client picks each kind (reads dominate, as in real use).
WEIGHTS = {"list": 30, "claim": 25, "search": 15, "create": 10, "patch": 12, "retract": 8}
HOT_CLAIMS = 6  # claims every client corrects, so If-Match races really happen
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")


# --- the database -----------------------------------------------------------------------


def sqlite_path(url: str) -> Path:
    """The file of a sqlite:/// URL."""
    if not url.startswith("sqlite:///") or url.startswith("sqlite:///:memory:"):
        raise ValueError("the soak needs an SQLite file URL (sqlite:///PATH)")
    return Path(url.removeprefix("sqlite:///"))


def count_claims(path: Path) -> int:
    """Claims in the file (0 when it is missing or not a claims database)."""
    if not path.exists():
        return 0
    try:
        with closing(sqlite3.connect(path, timeout=10)) as conn:
            return conn.execute("SELECT COUNT(*) FROM claim").fetchone()[0]
    except sqlite3.Error:
        return 0


def build(path: Path, n: int) -> None:
    """Generate `n` claims into `path` through the project's import path."""
    from bench.generate import build_database

    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"building {path} with {n:,} claims ...", flush=True)
    began = time.perf_counter()
    stats = build_database(n, f"sqlite:///{path}")
    print(f"built in {time.perf_counter() - began:.1f} s: {stats['claims']:,} claims", flush=True)


def prepare_database(database_url: str | None, n: int) -> Path:
    """The file to soak: the given one (built if empty), or a fresh copy of the template."""
    if database_url:
        path = sqlite_path(database_url).resolve()
        if count_claims(path) == 0:
            build(path, n)
        else:
            print(f"using {path} in place ({count_claims(path):,} claims)")
        return path
    template = BENCH_DIR / f"soak-{n}.db"
    if count_claims(template) != n:
        build(template, n)
    else:
        print(f"reusing {template} ({n:,} claims)")
    with closing(sqlite3.connect(template)) as conn:  # fold any WAL into the file first
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    run = BENCH_DIR / f"soak-{n}.run.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{run}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, run)
    return run


def pick_inputs(path: Path, seed: int) -> dict:
    """Filters, ids, search terms and create bodies taken from the database itself."""
    rng = random.Random(seed)
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        min_id, max_id = conn.execute("SELECT MIN(id), MAX(id) FROM claim").fetchone()
        speakers = [
            row[0]
            for row in conn.execute(
                "SELECT speaker_id FROM claim WHERE speaker_id IS NOT NULL "
                "GROUP BY speaker_id ORDER BY COUNT(*) DESC LIMIT 12"
            )
        ]
        units = {
            unit: (low, high)
            for unit, low, high in conn.execute(
                "SELECT unit, MIN(value), MAX(value) FROM claim GROUP BY unit"
            )
        }
        documents = [
            row[0] for row in conn.execute("SELECT id FROM document ORDER BY random() LIMIT 50")
        ]
        sentences = [
            row[0]
            for row in conn.execute("SELECT sentence FROM claim ORDER BY random() LIMIT 2000")
        ]
        columns = (
            "document_id, speaker_id, attribution, value, unit, kind, qualifier, stated_as, "
            'start, "end"'
        )
        templates = [
            {
                "document": row[0],
                "speaker": row[1],
                "attribution": row[2],
                "value": row[3],
                "unit": row[4],
                "kind": row[5],
                "qualifier": row[6],
                "stated_as": row[7],
                "start": row[8],
                "end": row[9],
            }
            for row in conn.execute(
                f"SELECT {columns} FROM claim WHERE restates_id IS NULL AND status = 'active' "
                "ORDER BY random() LIMIT 200"
            )
        ]
        published = conn.execute("SELECT MIN(published), MAX(published) FROM document").fetchone()
    grams = Counter(
        word[:2]
        for sentence in sentences
        for word in _HANGUL_WORD.findall(sentence)
        if len(word) >= 2 and word[:2] not in STOP_BIGRAMS
    )
    terms = [gram for gram, _ in grams.most_common(10)] + ["billion", "chips", "LG전자"]
    hot = rng.sample(range(min_id, max_id + 1), min(HOT_CLAIMS, max_id - min_id + 1))
    return {
        "min_id": min_id,
        "max_id": max_id,
        "speakers": speakers,
        "units": units,
        "documents": documents,
        "terms": terms,
        "templates": templates,
        "published": published,
        "hot": hot,
    }


def check_database(path: Path) -> dict:
    """After the soak: integrity, and exactly one archived version per earlier write."""
    with closing(sqlite3.connect(path, timeout=30)) as conn:
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        broken = conn.execute(
            "SELECT c.id FROM claim c JOIN (SELECT claim_id, COUNT(*) AS n, MIN(version) AS lo, "
            "MAX(version) AS hi FROM claim_version GROUP BY claim_id) v ON v.claim_id = c.id "
            "WHERE v.n != c.version - 1 OR v.lo != 1 OR v.hi != c.version - 1"
        ).fetchall()
        unarchived = conn.execute(
            "SELECT COUNT(*) FROM claim c WHERE c.version > 1 AND NOT EXISTS "
            "(SELECT 1 FROM claim_version v WHERE v.claim_id = c.id)"
        ).fetchone()[0]
        written = conn.execute("SELECT COUNT(*) FROM claim WHERE version > 1").fetchone()[0]
    return {
        "integrity": integrity,
        "claims_with_broken_history": len(broken) + unarchived,
        "claims_with_versions": written,
    }


# --- one client process -------------------------------------------------------------------


def call(port: int, method: str, path: str, token: str | None = None, body=None, etag=None):
    """One request on a fresh connection: (status, ETag, parsed JSON or None, seconds).

    A transport failure is status 0; a body that is not JSON parses to None.
    """
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if etag:
        headers["If-Match"] = etag
    payload = None
    if body is not None:
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers["Content-Type"] = "application/json"
    began = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)
    try:
        connection.request(method, path, body=payload, headers=headers)
        response = connection.getresponse()
        raw = response.read()
        status, tag = response.status, response.getheader("ETag")
    except OSError:
        return 0, None, None, time.perf_counter() - began
    finally:
        connection.close()
    seconds = time.perf_counter() - began
    try:
        data = json.loads(raw) if raw else None
    except ValueError:
        data = None
    return status, tag, data, seconds


class Client:
    """The loop of one client process: pick a kind, send it, record status and latency."""

    def __init__(self, number: int, port: int, token: str, inputs: dict, seed: int) -> None:
        self.number, self.port, self.token, self.inputs = number, port, token, inputs
        self.rng = random.Random(seed * 1000 + number)
        self.statuses = {kind: Counter() for kind in KINDS}
        self.latencies = {kind: [] for kind in KINDS}
        self.own: list[int] = []  # claims this client created and has not retracted
        self.sent = 0

    def record(self, kind: str, status: int, seconds: float) -> None:
        self.statuses[kind][status] += 1
        self.latencies[kind].append(seconds)

    def read(self, kind: str, path: str):
        status, etag, data, seconds = call(self.port, "GET", path)
        self.record(kind, status, seconds)
        return status, etag, data

    def list_path(self) -> str:
        rng, inputs = self.rng, self.inputs
        params: dict = {"limit": rng.choice([10, 20, 50, 100])}
        shape = rng.randrange(7)
        if shape == 0 and inputs["speakers"]:
            params["speaker"] = rng.choice(inputs["speakers"])
        elif shape == 1:
            unit = rng.choice(sorted(inputs["units"]))
            low, high = inputs["units"][unit]
            a, b = sorted(rng.uniform(float(low), float(high)) for _ in range(2))
            params.update(unit=unit, value_min=int(a), value_max=int(b) + 1, sort="value")
        elif shape == 2 and inputs["documents"]:
            params["document"] = rng.choice(inputs["documents"])
        elif shape == 3:
            params.update(facet=["unit", "speaker"], count="true", limit=1)
        elif shape == 4:
            first, last = inputs["published"]
            params.update(published_from=first, published_to=last, sort="-published")
        elif shape == 5:
            params.update(kind=rng.choice(["count", "money", "percent", "date"]), sort="-id")
        else:
            params["status"] = rng.choice(["all", "retracted", "active"])
        return "/v1/claims?" + urlencode(params, doseq=True, quote_via=quote)

    def random_id(self) -> int:
        if self.own and self.rng.random() < 0.2:
            return self.rng.choice(self.own)
        return self.rng.randint(self.inputs["min_id"], self.inputs["max_id"])

    def create(self) -> None:
        body = {
            **self.rng.choice(self.inputs["templates"]),
            "subject": f"soak client {self.number} #{self.sent}",
            "reason": f"soak create {self.number}-{self.sent}",
            # A copy of an active claim would be a duplicate (409): store it for review.
            "status": "candidate",
        }
        status, _, data, seconds = call(self.port, "POST", "/v1/claims", self.token, body)
        self.record("create", status, seconds)
        if status == 201 and isinstance(data, dict):
            self.own.append(data["id"])

    def patch(self) -> None:
        if self.own and self.rng.random() < 0.5:
            claim_id = self.rng.choice(self.own)
        else:
            claim_id = self.rng.choice(self.inputs["hot"])
        status, etag, _ = self.read("claim", f"/v1/claims/{claim_id}")
        if status != 200:
            return
        body = {
            "subject": f"soak patch {self.number}-{self.sent}",
            "reason": f"soak patch {self.number}-{self.sent}",
        }
        status, _, _, seconds = call(
            self.port, "PATCH", f"/v1/claims/{claim_id}", self.token, body, etag
        )
        self.record("patch", status, seconds)

    def retract(self) -> None:
        if not self.own:
            self.create()
            return
        claim_id = self.own.pop(self.rng.randrange(len(self.own)))
        reason = quote(f"soak retract {self.number}-{self.sent}")
        status, _, _, seconds = call(
            self.port, "DELETE", f"/v1/claims/{claim_id}?reason={reason}", self.token
        )
        self.record("retract", status, seconds)

    def step(self) -> None:
        kind = self.rng.choices(list(WEIGHTS), list(WEIGHTS.values()))[0]
        if kind == "list":
            self.read("list", self.list_path())
        elif kind == "claim":
            self.read("claim", f"/v1/claims/{self.random_id()}")
        elif kind == "search":
            terms = self.rng.sample(self.inputs["terms"], self.rng.choice([1, 1, 2]))
            params = {"q": " ".join(terms), "limit": self.rng.choice([20, 50])}
            self.read("search", "/v1/claims?" + urlencode(params, quote_via=quote))
        else:
            getattr(self, kind)()
        self.sent += 1

    def run(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.step()


def client_main(number, port, token, inputs, seed, seconds, barrier, results) -> None:
    """Client process body: wait for the others, soak, send back the figures."""
    client = Client(number, port, token, inputs, seed)
    try:
        barrier.wait(120)
        client.run(seconds)
    except threading.BrokenBarrierError:
        pass
    finally:
        results.put(
            (
                number,
                {k: dict(v) for k, v in client.statuses.items()},
                client.latencies,
            )
        )


# --- the run ----------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile of `values` (0 for none)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def run_clients(port: int, token: str, inputs: dict, args: argparse.Namespace) -> list:
    """Start the client processes together; their (statuses, latencies), bounded in time."""
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(args.clients), context.Queue()
    processes = [
        context.Process(
            target=client_main,
            args=(n, port, token, inputs, args.seed, args.seconds, barrier, results),
            daemon=True,
        )
        for n in range(args.clients)
    ]
    for process in processes:
        process.start()
    collected, deadline = [], time.monotonic() + args.seconds + REQUEST_TIMEOUT_S + 120
    try:
        while len(collected) < args.clients and time.monotonic() < deadline:
            try:
                collected.append(results.get(timeout=1))
            except queue.Empty:
                if not any(p.is_alive() for p in processes) and results.empty():
                    break
    finally:
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join(timeout=5)
    return collected


def summarise(collected: list, seconds: float) -> dict:
    """Requests, statuses and latency percentiles per kind, merged over the clients."""
    kinds = {}
    for kind in KINDS:
        statuses: Counter = Counter()
        latencies: list[float] = []
        for _, client_statuses, client_latencies in collected:
            statuses.update({int(s): n for s, n in client_statuses[kind].items()})
            latencies.extend(client_latencies[kind])
        kinds[kind] = {
            "requests": sum(statuses.values()),
            "statuses": dict(sorted(statuses.items())),
            "p50_ms": round(percentile(latencies, 0.50) * 1000, 2),
            "p99_ms": round(percentile(latencies, 0.99) * 1000, 2),
            "max_ms": round(max(latencies, default=0) * 1000, 2),
        }
    total = sum(k["requests"] for k in kinds.values())
    errors: Counter = Counter()
    for figures in kinds.values():
        errors.update({s: n for s, n in figures["statuses"].items() if not 200 <= s < 300})
    return {
        "kinds": kinds,
        "requests": total,
        "rps": round(total / seconds, 1) if seconds else 0.0,
        "errors_by_status": dict(sorted(errors.items())),
        "server_errors": sum(n for s, n in errors.items() if s >= 500),
        "transport_errors": errors.get(0, 0),
        "clients_reported": len(collected),
    }


def table(figures: dict) -> str:
    """The per-kind table."""
    lines = [
        f"{'kind':8} {'requests':>9} {'2xx':>7}  {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}"
        "  other statuses"
    ]
    for kind, f in figures["kinds"].items():
        ok = sum(n for s, n in f["statuses"].items() if 200 <= s < 300)
        other = ", ".join(f"{s}: {n}" for s, n in f["statuses"].items() if not 200 <= s < 300)
        lines.append(
            f"{kind:8} {f['requests']:9,} {ok:7,}  {f['p50_ms']:8.2f} {f['p99_ms']:8.2f} "
            f"{f['max_ms']:8.2f}  {other or '-'}"
        )
    return "\n".join(lines)


def soak(args: argparse.Namespace) -> dict:
    """Prepare the database, serve it, soak it, check it; returns every figure."""
    path = prepare_database(args.database_url, args.n)
    inputs = pick_inputs(path, args.seed)
    if not inputs["templates"]:
        raise ValueError(f"{path} has no active claim to copy for creates")
    token = secrets.token_urlsafe(24)
    port = free_port()
    server = Server(
        "our server",
        api_command(port, WORKERS),
        port=port,
        ready_path="/healthz",
        workers=WORKERS,
        log_path=path.with_name(f"{path.stem}.server.log"),
        cwd=ROOT,
        env={
            "DATABASE_URL": f"sqlite:///{path}",
            "CLAIMS_WRITE_TOKENS": f"{TOKEN_NAME}:{token}",
            "CLAIMS_WRITE_RATE_LIMIT": args.write_rate_limit,
        },
    )
    print(
        f"soak: {args.seconds:g} s, {args.clients} client processes, {WORKERS} server workers, "
        f"write limit {args.write_rate_limit}, {path} "
        f"({inputs['max_id'] - inputs['min_id'] + 1:,} claim ids)",
        flush=True,
    )
    try:
        server.__enter__()
        began = time.monotonic()
        collected = run_clients(port, token, inputs, args)
        elapsed = time.monotonic() - began
    finally:
        server.stop()
    log_text = server.log_path.read_text(encoding="utf-8", errors="replace")
    figures = summarise(collected, min(elapsed, args.seconds) or args.seconds)
    figures.update(
        seconds=args.seconds,
        clients=args.clients,
        workers=WORKERS,
        database=str(path),
        server_log=str(server.log_path),
        server_tracebacks=log_text.count("Traceback (most recent"),
        database_check=check_database(path),
    )
    return figures


def failed(figures: dict, clients: int) -> list[str]:
    """Why the soak failed, if it did."""
    problems = []
    if figures["server_errors"]:
        problems.append(f"{figures['server_errors']} responses were 5xx")
    if figures["transport_errors"]:
        problems.append(f"{figures['transport_errors']} requests got no response")
    if figures["server_tracebacks"]:
        problems.append(f"the server logged {figures['server_tracebacks']} tracebacks")
    if figures["clients_reported"] != clients:
        problems.append(f"only {figures['clients_reported']} of {clients} clients reported")
    check = figures["database_check"]
    if check["integrity"] != ["ok"]:
        problems.append(f"integrity_check: {check['integrity'][:5]}")
    if check["claims_with_broken_history"]:
        problems.append(f"{check['claims_with_broken_history']} claims have a broken history")
    return problems


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="how long to soak")
    parser.add_argument("--database-url", help="soak this SQLite file in place")
    parser.add_argument("--n", type=int, default=20_000, help="claims to build (default 20,000)")
    parser.add_argument("--clients", type=int, default=4, help="client processes")
    parser.add_argument("--seed", type=int, default=1, help="seed of the request mix")
    parser.add_argument(
        "--write-rate-limit",
        default="1000000/minute",
        help="CLAIMS_WRITE_RATE_LIMIT for the server (the app's default of 120/minute per "
        "token would turn most writes into 429s)",
    )
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args(argv)
    if not 0 < args.seconds <= 24 * 3600:
        parser.error("--seconds must be above 0 and at most a day")
    if args.n < 1 or args.clients < 1:
        parser.error("--n and --clients must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    """Command line: 0 when clean, 1 on any 5xx or other failure, 2 on bad input."""
    args = parse_args(argv)
    try:
        figures = soak(args)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except ServerError as error:
        print(f"FAIL: {error}", file=sys.stderr)
        return 1
    print(table(figures))
    print(
        f"total {figures['requests']:,} requests, {figures['rps']:,} per second; "
        f"non-2xx by status: {figures['errors_by_status'] or 'none'}"
    )
    check = figures["database_check"]
    print(
        f"5xx: {figures['server_errors']}, transport errors: {figures['transport_errors']}, "
        f"server tracebacks: {figures['server_tracebacks']} (log {figures['server_log']})"
    )
    print(
        f"database: integrity {', '.join(check['integrity'][:3])}; "
        f"{check['claims_with_versions']:,} claims changed, "
        f"{check['claims_with_broken_history']} with a broken history"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2, default=str), encoding="utf-8")
    problems = failed(figures, args.clients)
    for problem in problems:
        print(f"FAIL: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
