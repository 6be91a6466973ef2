"""The in-process ceiling: the same SQL with no web stack, in as many processes as workers.

A request's floor cost is running its SQL, fetching every row and serialising
the rows; measuring exactly that, with the server's connection pragmas, shows how
much of our throughput the HTTP and ORM layers cost.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from pathlib import Path

import orjson

from schema.db import SQLITE_PRAGMAS

START_DELAY_S = 0.5  # lets every process open its connection before the clock starts
READ_PRAGMAS = ("cache_size", "mmap_size", "busy_timeout")


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the page cache and memory map our server configures."""
    conn = sqlite3.connect(str(path), timeout=5)
    for name in READ_PRAGMAS:
        conn.execute(f"PRAGMA {name} = {SQLITE_PRAGMAS[name]}")
    return conn


def one_request_body(conn: sqlite3.Connection, statements: list[tuple[str, tuple]]) -> bytes:
    """Execute, fetch all and serialise every statement once: the body of one request."""
    if len(statements) == 1:
        sql, args = statements[0]
        return orjson.dumps(conn.execute(sql, args).fetchall())
    return orjson.dumps([conn.execute(sql, args).fetchall() for sql, args in statements])


def one_request(conn: sqlite3.Connection, statements: list[tuple[str, tuple]]) -> int:
    """`one_request_body`'s size in bytes."""
    return len(one_request_body(conn, statements))


def loop(path: str, requests: list[list[tuple[str, tuple]]], start: float, seconds: float) -> float:
    """Run `requests` round-robin for `seconds` from wall time `start`; returns requests/s."""
    conn = connect(Path(path))
    try:
        for statements in requests:  # warm the page cache and the statement cache
            one_request(conn, statements)
        time.sleep(max(0.0, start - time.time()))
        began = time.perf_counter()
        end, done = began + seconds, 0
        while time.perf_counter() < end:
            one_request(conn, requests[done % len(requests)])
            done += 1
        return done / (time.perf_counter() - began)
    finally:
        conn.close()


def measure_all(
    path: Path,
    queries: dict[str, list[list[tuple[str, tuple]]]],
    *,
    seconds: float,
    processes: int,
) -> dict[str, float]:
    """Requests/s of each query, run by `processes` parallel loops (their rates summed)."""
    rates = {}
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        for name, requests in queries.items():
            start = time.time() + START_DELAY_S
            jobs = [(str(path), requests, start, seconds)] * processes
            rates[name] = sum(pool.starmap(loop, jobs, chunksize=1))
    return rates
