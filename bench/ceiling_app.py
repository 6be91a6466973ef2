"""The ceiling through HTTP: a minimal WSGI app on our granian set-up, running the raw SQL.

The in-process ceiling (bench/ceiling.py) leaves HTTP out; this one serves the
same statements, fetched whole and serialised with orjson, from granian with
our workers and threads (api/serve.py), and nothing else: no routing, no
validation, no framework. What it serves per second is what HTTP itself
leaves of the in-process ceiling on this machine; what our API serves is then
measured against both.

`GET /<query>/<n>` runs the statements of request n of that query, as the
harness wrote them into the file named by BENCH_CEILING_QUERIES.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from bench.ceiling import connect, one_request_body

QUERIES_ENV = "BENCH_CEILING_QUERIES"
DB_ENV = "BENCH_CEILING_DB"


def write_queries(path: Path, queries: dict[str, list[list[tuple[str, tuple]]]]) -> None:
    """Store the statements for the app to read (the harness calls this before serving)."""
    path.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")


def paths(name: str, requests: int) -> list[str]:
    """The app's URLs for every request of one query."""
    return [f"/{name}/{i}" for i in range(requests)]


def create_app():
    """The WSGI callable: one connection per serving thread, as our server keeps them."""
    database = Path(os.environ[DB_ENV])
    queries = {
        name: [[(sql, tuple(args)) for sql, args in request] for request in requests]
        for name, requests in json.loads(Path(os.environ[QUERIES_ENV]).read_text()).items()
    }
    local = threading.local()

    def app(environ, start_response):
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = local.conn = connect(database)
        try:
            _, name, index = environ["PATH_INFO"].split("/")
            statements = queries[name][int(index)]
        except (KeyError, ValueError, IndexError):
            start_response("404 Not Found", [("Content-Length", "0")])
            return [b""]
        body = one_request_body(conn, statements)
        start_response(
            "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
        )
        return [body]

    return app
