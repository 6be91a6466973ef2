"""Connect the app to its database, and send reads to a replica when there is one.

SQLite: one persistent connection per worker thread. PostgreSQL: a pooled
connection per request, given back to the pool when the request ends.

With DATABASE_READ_URL (a PostgreSQL streaming replica of DATABASE_URL), a
request that only reads, from a client that has not asked for strong
consistency and sends no credentials, is answered from the replica; every
other request, writes and the reads inside them included, from the primary.
A replica that cannot be reached is passed over for the primary.
"""

from __future__ import annotations

import logging

import click
from flask import Flask, g, request
from peewee import Database, InterfaceError, OperationalError, ProgrammingError
from playhouse.pool import MaxConnectionsExceeded

from api.errors import Problem, problem
from schema.db import (
    POSTGRES_SCHEMES,
    connect_database,
    database,
    describe_url,
    is_sqlite,
    open_database,
)
from schema.migrations import migrate

# The request header that asks for reads from the primary (`strong`) or lets them
# come from a replica (`eventual`, the default).
CONSISTENCY_HEADER = "Consistency"
CONSISTENCY_LEVELS = ("eventual", "strong")
# Methods that only read: the others write, and read what they wrote from the primary.
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

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


def _read_replica(url: str, read_url: str | None) -> Database | None:
    """The replica's database for DATABASE_READ_URL, or None without one.

    The replica is never migrated: it replays the primary's schema.
    """
    if not read_url:
        return None
    for name, given in (("DATABASE_URL", url), ("DATABASE_READ_URL", read_url)):
        if given.partition("://")[0] not in POSTGRES_SCHEMES:
            raise StartupError(
                f"DATABASE_READ_URL needs PostgreSQL for both databases (a streaming replica "
                f"of the primary); {name} is {describe_url(given)}"
            )
    return connect_database(read_url)


def _check_consistency() -> None:
    """Refuse a Consistency header that names no level: a typo must not pass for one."""
    given = request.headers.get(CONSISTENCY_HEADER)
    if given is not None and given.strip().lower() not in CONSISTENCY_LEVELS:
        raise Problem(
            400,
            f"The {CONSISTENCY_HEADER} header must be one of: {', '.join(CONSISTENCY_LEVELS)}.",
            type_="/problems/validation-error",
            errors={CONSISTENCY_HEADER: [f"Unknown consistency level: {given!r}."]},
        )


def _may_read_from_replica() -> bool:
    """A read that may be a little behind: it writes nothing, asks for nothing stronger,
    and comes from no writer (a client with a token reads its own writes back)."""
    strong = request.headers.get(CONSISTENCY_HEADER, "").strip().lower() == "strong"
    return request.method in READ_METHODS and not strong and "Authorization" not in request.headers


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
    replica = _read_replica(app.config["DATABASE_URL"], app.config.get("DATABASE_READ_URL"))
    app.before_request(_check_consistency)

    if is_sqlite():

        @app.before_request
        def connect() -> None:
            database.connect(reuse_if_open=True)

        return

    @app.before_request
    def take_connection() -> None:
        if replica is not None and _may_read_from_replica():
            database.read_from(replica)
            try:
                g.opened_connection = database.connect(reuse_if_open=True)
                return
            except (OperationalError, MaxConnectionsExceeded) as error:
                log.warning("read replica unreachable, reading from the primary: %s", error)
                database.read_from(None)
        try:
            g.opened_connection = database.connect(reuse_if_open=True)
        except (OperationalError, MaxConnectionsExceeded):
            raise Problem(503, "The database is not reachable.") from None

    @app.teardown_request
    def give_back_connection(_error=None) -> None:
        # Only the connection this request opened: a caller's own stays open.
        if g.pop("opened_connection", False) and not database.in_transaction():
            database.close()
        database.read_from(None)

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def database_unavailable(error: Exception):
        # A lost connection (the server restarted, a pooled connection went stale)
        # or a cancelled statement: the client may simply try again.
        log.warning("database error on %s %s: %s", request.method, request.path, error)
        return problem(503, "The database could not answer; try again.")
