"""Database selection by URL, and the connection settings each backend needs.

The models bind to `database`, a proxy, so the same code serves SQLite (the
embedded default) and PostgreSQL, chosen by `DATABASE_URL` at start-up.
"""

from __future__ import annotations

from pathlib import Path

from peewee import Database, DatabaseProxy, SqliteDatabase
from playhouse.db_url import connect

database = DatabaseProxy()

DEFAULT_URL = f"sqlite:///{Path(__file__).resolve().parents[1] / 'var' / 'claims.db'}"

# WAL lets readers continue while a writer commits; the busy timeout makes a
# second writer wait instead of failing; foreign keys are off by default in SQLite.
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "synchronous": "normal",
    "cache_size": -64_000,
    "mmap_size": 268_435_456,
}


def open_database(url: str) -> Database:
    """Bind the model proxy to the database at `url` and return it."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    db = connect(url)
    if isinstance(db, SqliteDatabase):
        db.init(db.database, pragmas=SQLITE_PRAGMAS, timeout=5)
    database.initialize(db)
    return db


def is_sqlite() -> bool:
    """True when the bound database is SQLite (search uses FTS5 there)."""
    return isinstance(database.obj, SqliteDatabase)
