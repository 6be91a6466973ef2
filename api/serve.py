"""The production server: granian running the WSGI app in worker processes.

`make serve` (and so `make run`) starts the API through this module, and so
do the benchmark and the tests that need a real server, so every figure is
measured on the server users run.

Why granian and not a pure-Python server: it parses HTTP and keeps
connections alive in native code and spreads them over the workers evenly.
On the 1M-claim benchmark, gunicorn's threaded workers served the same app at
roughly half the rate for single claims, and its list figures swung between
about 550 and 1,650 requests/s from one run to the next as keep-alive
connections piled onto one worker; granian held steady near the top of that.

    python -m api.serve --port 8000 --workers 2 --threads 4

Extraction runs in one process of its own (core.extraction_process), started
here before the workers: it loads the Korean model once, so neither a worker
nor a first request pays for it.
"""

from __future__ import annotations

import argparse
import errno
import os
import secrets
import socket
import sys

from granian import Granian
from granian.constants import Interfaces

APP = "api:create_app"


def server(*, host: str, port: int, workers: int, threads: int, app: str = APP) -> Granian:
    """The server for the app factory: `workers` processes of `threads` threads each.

    Threads let a worker go on serving while one of its requests waits (for
    SQLite's write lock, or a long export); failed workers are started again.
    `app` names another factory on the same set-up (the benchmark's HTTP ceiling).
    """
    return Granian(
        app,
        factory=True,
        interface=Interfaces.WSGI,
        address=host,
        port=port,
        workers=workers,
        blocking_threads=threads,
        respawn_failed_workers=True,
        websockets=False,
        # One line per request on standard output: when, who asked what, the answer,
        # how long (granian's format: [time] address - "GET /path HTTP/1.1" 200 1.234).
        log_access=True,
    )


def positive(text: str) -> int:
    """An argparse type: an integer of at least 1."""
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def main(argv: list[str] | None = None) -> None:
    """Command line: serve until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=positive, default=8000)
    parser.add_argument("--workers", type=positive, default=2)
    parser.add_argument("--threads", type=positive, default=4)
    parser.add_argument(
        "--app", default=APP, help="another app factory on this set-up (the benchmark's ceiling)"
    )
    args = parser.parse_args(argv)
    from api.database import StartupError

    problem = port_problem(args.host, args.port)
    if problem:
        sys.exit(f"error: {problem}")
    if args.app != APP:  # the benchmark's ceiling: no database, no extraction process
        server(
            host=args.host, port=args.port, workers=args.workers, threads=args.threads,
            app=args.app,
        ).serve()  # fmt: skip
        return
    # One key signs the pages' session cookies in every worker; without a configured
    # one, a key for this run (restarting signs reviewers out).
    os.environ.setdefault("CLAIMS_SECRET_KEY", secrets.token_hex(32))
    try:
        preflight()
    except StartupError as error:
        sys.exit(f"error: {error.format_message()}")
    from core.extraction_process import ExtractionProcess

    extraction = ExtractionProcess()
    extraction.start()
    os.environ.update(extraction.environment())  # the workers inherit it: see create_app
    try:
        server(host=args.host, port=args.port, workers=args.workers, threads=args.threads).serve()
    finally:
        extraction.stop()


def port_problem(host: str, port: int) -> str | None:
    """Why this server cannot listen on host:port, or None when it can.

    granian binds with SO_REUSEPORT, so a second server on a busy port would
    start and silently share it with the first; binding a plain socket first
    finds the port taken and stops here with one line instead.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT is no owner
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return (
                    f"address in use: {host}:{port} is taken (another server, perhaps a "
                    "second `make run`?); stop it or choose another PORT"
                )
            return f"cannot listen on {host}:{port}: {error.strerror}"
    return None


def preflight() -> None:
    """Build the app once before any worker starts, so a bad setting fails in one line.

    Workers would each fail the same way and be started again and again; here
    the database is reached (and migrated) once, and its connections closed.
    """
    from api import create_app
    from schema.db import database

    create_app()
    database.close()


if __name__ == "__main__":
    main()
