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
"""

from __future__ import annotations

import argparse
import os
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
        log_access=False,
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

    if args.app == APP:
        try:
            preflight()
        except StartupError as error:
            sys.exit(f"error: {error.format_message()}")
    server(
        host=args.host, port=args.port, workers=args.workers, threads=args.threads, app=args.app
    ).serve()


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
