"""Concurrent writers against one real server: nothing lost, nothing doubled, no 5xx.

Our server runs as `make serve` runs it (two worker processes) on a seeded
SQLite file. Four client processes create claims, correct hot claims with
If-Match while the others do the same (and in lock-step duels where all four
hold the same ETag), and retract claims, some of them all at once. Every
response is recorded; afterwards every successful write must be in the
database and in its claim's history, every refused one must have left no
trace, and each history must hold exactly one version per successful write.
"""

from __future__ import annotations

import http.client
import json
import multiprocessing
import queue
import random
import sqlite3
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote

import pytest

from api import create_app
from bench.servers import Server, api_command, free_port
from core.seeding import FIXTURES_DIR, seed
from schema.db import database

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.sqlite_only("serves and checks an SQLite file; see test_postgres.py")
TOKEN = "secret-token"
TOKEN_NAME = "tester"
CLIENTS = 4
OPERATIONS = 60  # free-running operations per client
HOT = (1, 2, 3, 4)  # corrected by every client at once
DUEL = 5  # all clients GET it, wait for each other, then PATCH with the same ETag
DUEL_ROUNDS = 3
VICTIMS = (6, 7, 8, 9)  # corrected, then retracted by every client at once
REQUEST_TIMEOUT_S = 30
BARRIER_TIMEOUT_S = 60
RUN_TIMEOUT_S = 120
ALLOWED = {200, 201, 409, 412}


# --- the client side (runs in spawned processes) ---------------------------------------


def request(port: int, method: str, path: str, body=None, headers=None) -> dict:
    """One HTTP exchange on a fresh connection; transport failures become status 0."""
    headers = {"Accept": "application/json", **(headers or {})}
    payload = None
    if body is not None:
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers["Content-Type"] = "application/json"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)
    began = time.perf_counter()
    try:
        connection.request(method, path, body=payload, headers=headers)
        response = connection.getresponse()
        raw = response.read()
        status, etag = response.status, response.getheader("ETag")
    except OSError as error:
        return {"status": 0, "error": repr(error), "seconds": time.perf_counter() - began}
    finally:
        connection.close()
    try:
        data = json.loads(raw) if raw else None
    except ValueError:
        data = raw[:300].decode("utf-8", "replace")
    return {"status": status, "etag": etag, "data": data, "seconds": time.perf_counter() - began}


def write_headers(etag: str | None = None) -> dict:
    """Authorization, and If-Match when an ETag is given."""
    headers = {"Authorization": f"Bearer {TOKEN}"}
    if etag:
        headers["If-Match"] = etag
    return headers


def client_main(number: int, port: int, templates: list[dict], barrier, results) -> None:
    """One client process: free-running mixed writes, then duels and mass retractions."""
    rng = random.Random(1000 + number)
    log: list[dict] = []
    own: dict[int, str] = {}  # created claim id -> its latest known ETag
    stale: dict[int, str] = {}  # hot claim id -> an ETag that was current once

    def record(op: str, claim_id: int | None, answer: dict, **fields) -> dict:
        body = answer.get("data") if isinstance(answer.get("data"), dict) else {}
        entry = {
            "client": number,
            "seq": len(log),
            "op": op,
            "claim": claim_id,
            "status": answer["status"],
            "etag": answer.get("etag"),
            "version": body.get("version"),
            "seconds": answer["seconds"],
            **fields,
        }
        if answer["status"] not in (200, 201):
            entry["detail"] = answer.get("error") or (body.get("detail") if body else None)
        log.append(entry)
        return entry

    def tag(kind: str) -> str:
        return f"{kind} by client {number} #{len(log)}"

    def create() -> None:
        template = rng.choice(templates)
        subject, reason = tag("subject"), tag("create")
        body = {**template, "subject": subject, "reason": reason}
        answer = request(port, "POST", "/v1/claims", body, write_headers())
        claim_id = answer["data"].get("id") if answer["status"] == 201 else None
        record("create", claim_id, answer, body=body, reason=reason, subject=subject)
        if claim_id is not None:
            own[claim_id] = answer["etag"]

    def patch(claim_id: int, etag: str | None, op: str) -> dict:
        subject, reason = tag("subject"), tag("patch")
        answer = request(
            port,
            "PATCH",
            f"/v1/claims/{claim_id}",
            {"subject": subject, "reason": reason},
            write_headers(etag),
        )
        return record(op, claim_id, answer, reason=reason, subject=subject, if_match=etag)

    def retract(claim_id: int, etag: str | None, op: str) -> dict:
        reason = tag("retract")
        answer = request(
            port,
            "DELETE",
            f"/v1/claims/{claim_id}?reason={quote(reason)}",
            headers=write_headers(etag),
        )
        return record(op, claim_id, answer, reason=f"retracted: {reason}", if_match=etag)

    def current_etag(claim_id: int) -> str | None:
        answer = request(port, "GET", f"/v1/claims/{claim_id}")
        record("get", claim_id, answer)
        return answer.get("etag")

    try:
        barrier.wait(BARRIER_TIMEOUT_S)
        for _ in range(OPERATIONS):
            roll = rng.random()
            if roll < 0.25 or not own:
                create()
            elif roll < 0.60:
                hot = rng.choice(HOT)
                etag = current_etag(hot)
                stale.setdefault(hot, etag)
                patch(hot, etag, "patch-hot")
            elif roll < 0.70:
                hot = rng.choice(HOT)
                patch(hot, stale.get(hot) or f'"{hot}-1"', "patch-stale")
            elif roll < 0.80:
                victim = rng.choice(VICTIMS)
                patch(victim, current_etag(victim), "patch-victim")
            elif roll < 0.92:
                claim_id = rng.choice(sorted(own))
                entry = patch(claim_id, own[claim_id], "patch-own")
                if entry["status"] == 200:
                    own[claim_id] = entry["etag"]
            else:
                claim_id = rng.choice(sorted(own))
                etag = own.pop(claim_id)
                retract(claim_id, etag if rng.random() < 0.5 else None, "retract-own")
        for _ in range(DUEL_ROUNDS):
            barrier.wait(BARRIER_TIMEOUT_S)
            etag = current_etag(DUEL)
            barrier.wait(BARRIER_TIMEOUT_S)
            patch(DUEL, etag, "duel")
        for victim in VICTIMS:
            barrier.wait(BARRIER_TIMEOUT_S)
            etag = current_etag(victim)
            barrier.wait(BARRIER_TIMEOUT_S)
            retract(victim, etag, "retract-victim")
        for victim in VICTIMS:  # a retracted claim refuses every further change
            patch(victim, current_etag(victim), "patch-retracted")
            retract(victim, None, "retract-again")
    except threading.BrokenBarrierError:
        log.append({"client": number, "op": "barrier", "status": 0, "detail": "barrier broken"})
    finally:
        results.put((number, log))


# --- the server and the run -------------------------------------------------------------


@pytest.fixture
def seeded_database(tmp_path: Path) -> Path:
    """A seeded SQLite file, closed (checkpointed) before the server opens it."""
    path = tmp_path / "claims.db"
    create_app({"DATABASE_URL": f"sqlite:///{path}"})
    try:
        with database.connection_context():
            seed(FIXTURES_DIR)
    finally:
        database.close()
    return path


@pytest.fixture
def server(seeded_database: Path, tmp_path: Path):
    """Our server with two workers, started as `make serve` starts it; always stopped."""
    port = free_port()
    process = Server(
        "our server",
        api_command(port, workers=2),
        port=port,
        ready_path="/healthz",
        workers=2,
        log_path=tmp_path / "server.log",
        cwd=ROOT,
        env={
            "DATABASE_URL": f"sqlite:///{seeded_database}",
            "CLAIMS_WRITE_TOKENS": f"{TOKEN_NAME}:{TOKEN}",
            # Races are the subject here, not the per-token write limit (120/minute).
            "CLAIMS_WRITE_RATE_LIMIT": "1000000/minute",
        },
    )
    try:
        process.__enter__()
        yield process
    finally:
        process.stop()


def claim_templates() -> list[dict]:
    """Valid create bodies: the seed claims' quotes, located by start/end."""
    records = json.loads((FIXTURES_DIR / "claims.json").read_text("utf-8"))
    keep = (
        "document",
        "speaker",
        "attribution",
        "value",
        "unit",
        "kind",
        "qualifier",
        "stated_as",
        "start",
        "end",
    )
    # As candidates: an active copy of a seed claim would be a duplicate (409).
    return [
        {**{k: r[k] for k in keep}, "status": "candidate"}
        for r in records
        if r.get("restates") is None
    ]


def run_clients(port: int) -> list[dict]:
    """Start the client processes together and collect every record they made."""
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(CLIENTS), context.Queue()
    templates = claim_templates()
    processes = [
        context.Process(target=client_main, args=(n, port, templates, barrier, results))
        for n in range(CLIENTS)
    ]
    for process in processes:
        process.start()
    logs, deadline = {}, time.monotonic() + RUN_TIMEOUT_S
    try:
        while len(logs) < CLIENTS:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                pytest.fail(f"clients did not finish in {RUN_TIMEOUT_S} s")
            try:
                number, log = results.get(timeout=min(remaining, 5))
            except queue.Empty:
                if not any(p.is_alive() for p in processes) and results.empty():
                    pytest.fail("a client process died without reporting")
                continue
            logs[number] = log
    finally:
        for process in processes:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
                process.join(timeout=5)
        results.close()
        results.join_thread()
    return [entry for n in sorted(logs) for entry in logs[n]]


def fetch_json(port: int, path: str) -> dict:
    """GET a JSON resource; it must answer 200."""
    answer = request(port, "GET", path)
    assert answer["status"] == 200, (path, answer)
    return answer


def test_concurrent_writers_lose_nothing(server, seeded_database):
    port = server.port
    log = run_clients(port)
    statuses = Counter(entry["status"] for entry in log)
    by_op = defaultdict(Counter)
    for entry in log:
        by_op[entry["op"]][entry["status"]] += 1
    summary = {op: dict(counts) for op, counts in sorted(by_op.items())}
    print(f"\nresponses by operation and status: {json.dumps(summary)}")

    # No server error, no transport error, nothing but the statuses a race may give.
    failures = [e for e in log if e["status"] >= 500 or e["status"] == 0]
    assert not failures, failures[:5]
    unexpected = [e for e in log if e["op"] != "get" and e["status"] not in ALLOWED]
    assert not unexpected, unexpected[:5]
    assert all(e["status"] == 200 for e in log if e["op"] == "get")

    writes = [e for e in log if e["op"] != "get"]
    created = [e for e in writes if e["op"] == "create" and e["status"] == 201]
    changed = [e for e in writes if e["op"] != "create" and e["status"] == 200]
    refused = [e for e in writes if e["status"] in (409, 412)]
    assert created and changed and statuses[412], summary

    # Every claim any write touched, with its history as the API reports it.
    touched = sorted({e["claim"] for e in writes if e["claim"] is not None})
    histories = {c: fetch_json(port, f"/v1/claims/{c}/history")["data"]["data"] for c in touched}
    claims = {c: fetch_json(port, f"/v1/claims/{c}") for c in touched}

    # Created claims exist with the posted values; version 1 carries the posted reason.
    for entry in created:
        body, claim = entry["body"], claims[entry["claim"]]["data"]
        assert (claim["stated_as"], claim["value"], claim["unit"], claim["kind"]) == (
            body["stated_as"],
            body["value"],
            body["unit"],
            body["kind"],
        )
        assert (claim["source"]["start"], claim["source"]["end"]) == (body["start"], body["end"])
        assert claim["document"]["id"] == body["document"]
        assert (claim["speaker"] or {}).get("id") == body["speaker"]
        first = histories[entry["claim"]][0]
        assert (first["version"], first["reason"], first["changed_by"]) == (
            1,
            entry["reason"],
            TOKEN_NAME,
        )
        assert first["data"]["subject"] == entry["subject"]

    # Each successful PATCH or DELETE is exactly one version with its reason and values.
    # (The response re-reads the claim, so it may already show a later writer's version.)
    overtaken = 0
    for entry in changed:
        history = histories[entry["claim"]]
        mine = [v for v in history if v["reason"] == entry["reason"]]
        assert len(mine) == 1, (entry, history)
        version = mine[0]
        assert version["changed_by"] == TOKEN_NAME
        assert version["version"] >= 2 and entry["version"] >= version["version"]
        overtaken += entry["version"] > version["version"]
        if entry["op"].startswith("retract"):
            assert version["data"]["status"] == "retracted"
        else:
            assert version["data"]["subject"] == entry["subject"]

    # A refused write (412 stale, 409 retracted) left no trace anywhere.
    all_reasons = Counter(v["reason"] for h in histories.values() for v in h)
    for entry in refused:
        assert all_reasons[entry["reason"]] == 0, entry

    # Histories: versions 1..n, n = 1 + the claim's successful PATCH/DELETE count.
    successes = Counter(e["claim"] for e in changed)
    for claim_id, history in histories.items():
        n = 1 + successes[claim_id]
        assert [v["version"] for v in history] == list(range(1, n + 1)), (claim_id, history)
        current = claims[claim_id]
        assert current["data"]["version"] == n and current["etag"].startswith(f'"{claim_id}-{n}~')
        assert current["data"]["subject"] == history[-1]["data"]["subject"]
        assert current["data"]["status"] == history[-1]["data"]["status"]

    # Lock-step races: of writers holding the same ETag exactly one won.
    for op in ("duel", "retract-victim"):
        rounds = defaultdict(list)
        for entry in (e for e in writes if e["op"] == op):
            rounds[(entry["claim"], entry["if_match"])].append(entry["status"])
        for key, got in rounds.items():
            assert got.count(200) == 1, (op, key, got)
    assert {e["status"] for e in writes if e["op"] in ("patch-retracted", "retract-again")} == {409}
    for victim in VICTIMS:
        assert claims[victim]["data"]["status"] == "retracted"
        tries = [
            e["status"] for e in writes if e["claim"] == victim and e["op"] == "retract-victim"
        ]
        assert len(tries) == CLIENTS and tries.count(200) == 1, (victim, tries)

    server.stop()
    log_text = server.log_path.read_text(errors="replace")
    assert "Traceback" not in log_text, log_text[-3000:]
    with sqlite3.connect(seeded_database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        gaps = conn.execute(
            "SELECT c.id, c.version, COUNT(v.id), MIN(v.version), MAX(v.version) FROM claim c "
            "LEFT JOIN claim_version v ON v.claim_id = c.id GROUP BY c.id "
            "HAVING COUNT(v.id) != c.version - 1 OR COALESCE(MAX(v.version), 0) != c.version - 1"
        ).fetchall()
        assert not gaps
    conn.close()
    print(
        f"writes attempted {len(writes)}: created {len(created)}, changed {len(changed)}, "
        f"412 {sum(e['status'] == 412 for e in writes)}, "
        f"409 {sum(e['status'] == 409 for e in writes)}; "
        f"histories checked {len(histories)} ({sum(map(len, histories.values()))} versions); "
        f"responses already showing a later version: {overtaken}"
    )
