"""Database selection by URL, and the connection settings each backend needs.

The models bind to `database`, a proxy, so the same code serves SQLite (the
embedded default) and PostgreSQL, chosen by `DATABASE_URL` at start-up.
"""

from __future__ import annotations

import threading
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from peewee import Database, DatabaseProxy, PostgresqlDatabase, SqliteDatabase
from playhouse.db_url import connect, parse
from playhouse.pool import PooledDatabase


class RoutedDatabase(DatabaseProxy):
    """The models' database: the primary, or, for one thread's reads, a read replica.

    A proxy is shared by every thread of a worker, so the replica is chosen
    per thread (`read_from`), for the length of one request; everything else
    (writes, the CLI, migrations) uses the primary that `initialize` bound.
    """

    __slots__ = ("_primary", "_reads")

    def __init__(self) -> None:
        object.__setattr__(self, "_reads", threading.local())
        super().__init__()

    @property
    def obj(self) -> Database | None:
        return getattr(self._reads, "replica", None) or self._primary

    @obj.setter
    def obj(self, value: Database | None) -> None:
        object.__setattr__(self, "_primary", value)

    def __setattr__(self, attr, value) -> None:
        # The proxy's own slots and `obj`, as DatabaseProxy allows; nothing else.
        if attr != "obj" and attr not in DatabaseProxy.__slots__:
            raise AttributeError("Cannot set attribute on proxy.")
        object.__setattr__(self, attr, value)

    @property
    def primary(self) -> Database | None:
        return self._primary

    def read_from(self, replica: Database | None) -> None:
        """Send this thread's queries to `replica` until called again with None."""
        self._reads.replica = replica


database = RoutedDatabase()

DEFAULT_URL = f"sqlite:///{Path(__file__).resolve().parents[1] / 'var' / 'claims.db'}"

# WAL lets readers continue while a writer commits; the busy timeout makes a
# second writer wait instead of failing; foreign keys are off by default in SQLite.
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "synchronous": "normal",
    "cache_size": -16_000,
    "mmap_size": 67_108_864,
}

# PostgreSQL connections come from a pool per worker process: a request takes
# one and gives it back at teardown. Each can be overridden in the URL's query
# string (postgresql://host/db?max_connections=16).
POSTGRES_POOL = {
    "max_connections": 8,  # per worker process; more threads wait (timeout) for one
    "timeout": 10,  # seconds to wait for a free connection before failing
    "stale_timeout": 300,  # seconds after which an idle connection is reopened
}
# peewee maps FloatField to REAL, single precision on PostgreSQL (8 bytes on SQLite).
POSTGRES_FIELD_TYPES = {"FLOAT": "DOUBLE PRECISION"}
POSTGRES_SCHEMES = {"postgres", "postgresql", "postgres+pool", "postgresql+pool"}


def open_database(url: str) -> Database:
    """Bind the model proxy to the database at `url` and return it.

    `postgresql://` (or `postgres://`) URLs get a connection pool. Binding a
    new database closes the pooled connections of the one it replaces.
    """
    db = connect_database(url)
    previous = database.primary
    if isinstance(previous, PooledDatabase) and previous is not db:
        previous.close_all()
    database.initialize(db)
    return db


def connect_database(url: str) -> Database:
    """The database at `url` with this project's settings, not bound to the models."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    parts = urlsplit(url)
    if parts.scheme in POSTGRES_SCHEMES:
        given = parse(url)
        defaults = {k: v for k, v in POSTGRES_POOL.items() if k not in given}
        pooled = urlunsplit(parts._replace(scheme="postgresql+pool"))
        db = connect(pooled, field_types=POSTGRES_FIELD_TYPES, **defaults)
    else:
        db = connect(url)
    if isinstance(db, SqliteDatabase):
        db.init(db.database, pragmas=SQLITE_PRAGMAS, timeout=5)
    return db


def describe_url(url: str) -> str:
    """Where a database URL points, for messages: never its password."""
    parts = urlsplit(url)
    if parts.scheme not in POSTGRES_SCHEMES:
        return parts.path or url
    given = parse(url)
    host = given.get("host") or "localhost"
    where = host if host.startswith("/") else f"{host}:{given.get('port') or 5432}"
    user = f", user {given['user']}" if given.get("user") else ""
    return f"{where} (database {given.get('database')}{user})"


def is_sqlite() -> bool:
    """True when the bound database is SQLite (search uses FTS5 there)."""
    return isinstance(database.obj, SqliteDatabase)


def is_postgres() -> bool:
    """True when the bound database is PostgreSQL."""
    return isinstance(database.obj, PostgresqlDatabase)


def sync_id_sequence(table: str, column: str = "id") -> None:
    """After rows were inserted with explicit ids, let new rows continue after them.

    SQLite picks max(id) + 1 by itself; PostgreSQL's sequence has to be told.
    """
    if is_postgres():
        database.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
            f'COALESCE(MAX("{column}"), 1), MAX("{column}") IS NOT NULL) FROM "{table}"'
        )


def executemany(cursor, sql: str, rows: list) -> None:
    """`cursor.executemany` of an `INSERT … VALUES (…)`.

    On PostgreSQL the rows go as multi-row INSERTs of a page each: one round
    trip per page instead of one per row.
    """
    if is_sqlite():
        cursor.executemany(sql, rows)
        return
    from psycopg2.extras import execute_values

    head, _, row = sql.partition(" VALUES ")
    execute_values(cursor, f"{head} VALUES %s", rows, template=row, page_size=500)


def write_transaction():
    """A transaction that holds SQLite's write lock from BEGIN.

    A deferred transaction that reads first and writes later fails at once
    ("database is locked") when another connection commits in between, busy
    timeout or not; taking the lock up front makes writers queue instead.
    """
    return database.atomic("IMMEDIATE") if is_sqlite() else database.atomic()
