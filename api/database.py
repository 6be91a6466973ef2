"""Connect the app to its database.

SQLite: one persistent connection per worker thread. PostgreSQL: a pooled
connection per request, given back to the pool when the request ends.
"""

from __future__ import annotations

import logging

import click
from flask import Flask, g, request
from peewee import InterfaceError, OperationalError, ProgrammingError
from playhouse.pool import MaxConnectionsExceeded

from api.errors import Problem, problem
from schema.db import database, describe_url, is_sqlite, open_database
from schema.migrations import migrate

log = logging.getLogger(__name__)


class StartupError(click.ClickException):
    """The app cannot start as configured; one line says why and what to do.

    A ClickException, so `flask --app api …` prints it as `Error: …` and exits
    1 instead of printing a traceback; `python -m api.serve` does the same.
    """


def create_schema(url: str) -> None:
    """Create a new database, or upgrade an existing one in place (safe to repeat)."""
    try:
        with database.connection_context():
            migrate()
    except OperationalError as error:
        reason = _reason(error)
        raise StartupError(f"cannot use the database at {describe_url(url)}: {reason}") from None
    except ProgrammingError as error:
        # 42501: no CREATE on schema public; 3F000: no USAGE either, so nothing to create in.
        if _pgcode(error) in ("42501", "3F000"):
            raise StartupError(
                f"the database at {describe_url(url)} does not let this role create tables in "
                "schema public (PostgreSQL 15 and later allow only the database owner): create "
                "it with `createdb --owner=ROLE …`, or as its owner run `GRANT CREATE ON SCHEMA "
                "public TO ROLE`"
            ) from None
        raise


def _pgcode(error: Exception) -> str | None:
    """PostgreSQL's error code behind peewee's wrapper (it chains the driver's error)."""
    for candidate in (error, error.__cause__, error.__context__):
        if getattr(candidate, "pgcode", None):
            return candidate.pgcode
    return None


def _reason(error: Exception) -> str:
    """The driver's reason for a failed connection, on one line."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    first = lines[0] if lines else type(error).__name__
    reason = first.rpartition(" failed: ")[2] if " failed: " in first else first
    return reason.removeprefix("FATAL:").strip()


def init_app(app: Flask) -> None:
    """Bind the models to DATABASE_URL and open a connection before each request.

    On SQLite the connection stays open after the request: reconnecting per
    request costs more than the queries it serves, and peewee keeps one per
    thread. On PostgreSQL it goes back to the pool, so idle threads and
    workers hold no server connection.
    """
    open_database(app.config["DATABASE_URL"])
    create_schema(app.config["DATABASE_URL"])

    if is_sqlite():

        @app.before_request
        def connect() -> None:
            database.connect(reuse_if_open=True)

        return

    @app.before_request
    def take_connection() -> None:
        try:
            g.opened_connection = database.connect(reuse_if_open=True)
        except (OperationalError, MaxConnectionsExceeded):
            raise Problem(503, "The database is not reachable.") from None

    @app.teardown_request
    def give_back_connection(_error=None) -> None:
        # Only the connection this request opened: a caller's own stays open.
        if g.pop("opened_connection", False) and not database.in_transaction():
            database.close()

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def database_unavailable(error: Exception):
        # A lost connection (the server restarted, a pooled connection went stale)
        # or a cancelled statement: the client may simply try again.
        log.warning("database error on %s %s: %s", request.method, request.path, error)
        return problem(503, "The database could not answer; try again.")
