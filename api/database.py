"""Connect the app to its database.

SQLite: one persistent connection per worker thread. PostgreSQL: a pooled
connection per request, given back to the pool when the request ends.
"""

from __future__ import annotations

import logging

from flask import Flask, g, request
from peewee import InterfaceError, OperationalError
from playhouse.pool import MaxConnectionsExceeded

from api.errors import Problem, problem
from schema.db import database, is_sqlite, open_database
from schema.migrations import migrate

log = logging.getLogger(__name__)


def create_schema() -> None:
    """Create a new database, or upgrade an existing one in place (safe to repeat)."""
    with database.connection_context():
        migrate()


def init_app(app: Flask) -> None:
    """Bind the models to DATABASE_URL and open a connection before each request.

    On SQLite the connection stays open after the request: reconnecting per
    request costs more than the queries it serves, and peewee keeps one per
    thread. On PostgreSQL it goes back to the pool, so idle threads and
    workers hold no server connection.
    """
    open_database(app.config["DATABASE_URL"])
    create_schema()

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
