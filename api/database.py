"""Connect the app to its database: one persistent connection per worker thread."""

from __future__ import annotations

from flask import Flask

from schema.db import database, open_database
from schema.migrations import migrate


def create_schema() -> None:
    """Create a new database, or upgrade an existing one in place (safe to repeat)."""
    with database.connection_context():
        migrate()


def init_app(app: Flask) -> None:
    """Bind the models to DATABASE_URL and open a connection before each request.

    The connection stays open after the request: reconnecting per request costs
    more than the queries it serves, and peewee keeps one per thread.
    """
    open_database(app.config["DATABASE_URL"])
    create_schema()

    @app.before_request
    def connect() -> None:
        database.connect(reuse_if_open=True)
