"""The data's version: one counter that every change to what the API shows moves forward.

Reads answer `If-None-Match` from it (api/conditional.py): an entity tag built
from the version is still current exactly while no document, speaker, alias or
claim has changed since. The counter is kept by the database itself, with
triggers on those tables, so no write path can forget it: API writes, seeding,
the bulk import, the CLI and a hand-typed SQL statement all move it.

SQLite has only row triggers: each inserted, updated or deleted row adds one.
PostgreSQL's statement triggers add one per statement, so a bulk import pays
one update per batch, not per row. The counter row is updated inside the
writing transaction, so readers see the new version together with the data it
describes, never before.

`epoch` is drawn when the counter is created: a database made anew (or
rebuilt from a dump) starts again from 0 under another epoch, so a version
number seen before cannot be mistaken for the same state.
"""

from __future__ import annotations

from schema.db import database, is_sqlite

TABLE = "data_version"
# The tables whose rows a read shows; a change to any of them changes a representation.
TRACKED = ("document", "speaker", "speaker_alias", "claim")
TRIGGER = "{table}_changes_data_version"

SQLITE_SQL = [
    f'CREATE TABLE IF NOT EXISTS "{TABLE}" ("id" INTEGER NOT NULL PRIMARY KEY CHECK ("id" = 1), '
    '"version" INTEGER NOT NULL, "epoch" TEXT NOT NULL)',
    f'INSERT OR IGNORE INTO "{TABLE}" VALUES (1, 0, lower(hex(randomblob(4))))',
    *(
        f'CREATE TRIGGER IF NOT EXISTS "{TRIGGER.format(table=table)}_{operation.lower()}" '
        f'AFTER {operation} ON "{table}" '
        f'BEGIN UPDATE "{TABLE}" SET "version" = "version" + 1; END'
        for table in TRACKED
        for operation in ("INSERT", "UPDATE", "DELETE")
    ),
]
POSTGRES_SQL = [
    f'CREATE TABLE IF NOT EXISTS "{TABLE}" ("id" INTEGER NOT NULL PRIMARY KEY CHECK ("id" = 1), '
    '"version" BIGINT NOT NULL, "epoch" TEXT NOT NULL)',
    f'INSERT INTO "{TABLE}" VALUES (1, 0, substr(md5(random()::text), 1, 8)) '
    "ON CONFLICT DO NOTHING",
    "CREATE OR REPLACE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f'BEGIN UPDATE "{TABLE}" SET "version" = "version" + 1; RETURN NULL; END $$',
    *(
        f'CREATE OR REPLACE TRIGGER "{TRIGGER.format(table=table)}" '
        f'AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
        "FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()"
        for table in TRACKED
    ),
]
CURRENT_SQL = f'SELECT "epoch", "version" FROM "{TABLE}"'


def create_counter() -> None:
    """Create the counter and its triggers where they are missing (safe to repeat)."""
    for statement in SQLITE_SQL if is_sqlite() else POSTGRES_SQL:
        database.execute_sql(statement)


def current_version() -> str:
    """The data's version as `epoch.counter`: equal strings, equal data."""
    epoch, version = database.execute_sql(CURRENT_SQL).fetchone()
    return f"{epoch}.{version}"
