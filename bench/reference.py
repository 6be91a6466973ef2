"""The reference server: Datasette over the same SQLite file, run by uvicorn workers.

`uvicorn --factory bench.reference:create_app` calls `create_app` once per worker;
the file and the configuration come from the environment because uvicorn gives
the factory no arguments.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from schema.db import SQLITE_PRAGMAS

DB_ENV = "BENCH_REFERENCE_DB"
CONFIG_ENV = "BENCH_REFERENCE_CONFIG"
DATABASE_NAME = "claims"

# Our server sets these pragmas on every connection (schema/db.py); Datasette gets
# the same page cache (its cache_size_kb setting) and memory map (a plugin hook).
CACHE_SIZE_KB = -SQLITE_PRAGMAS["cache_size"]  # negative cache_size means KiB


def settings(max_returned_rows: int = 1000) -> dict:
    """Datasette settings that let every benchmark query finish and do no extra work.

    The time limits are raised so no query is cut off (a cut-off query would look
    fast); facet suggestions are off because our API never suggests facets, so they
    would only add queries our server does not run.
    """
    return {
        "sql_time_limit_ms": 120_000,
        "facet_time_limit_ms": 120_000,
        "suggest_facets": False,
        "max_returned_rows": max(1000, max_returned_rows),
        "cache_size_kb": CACHE_SIZE_KB,
    }


def metadata() -> dict:
    """Point Datasette's own search at our FTS5 bigram index, its best option for q=."""
    return {
        "databases": {
            DATABASE_NAME: {"tables": {"claim": {"fts_table": "claim_search", "fts_pk": "id"}}}
        }
    }


def environment(path: Path, *, immutable: bool, max_returned_rows: int) -> dict[str, str]:
    """The environment variables `create_app` reads, for the server subprocess."""
    config = {"immutable": immutable, "settings": settings(max_returned_rows)}
    return {DB_ENV: str(path), CONFIG_ENV: json.dumps(config)}


def create_app():
    """The ASGI app of a Datasette serving the file named in the environment as `claims`."""
    from datasette.app import Datasette
    from datasette.database import Database
    from datasette.plugins import pm

    path = os.environ[DB_ENV]
    config = json.loads(os.environ.get(CONFIG_ENV) or "{}")
    from bench import datasette_plugin

    if pm.get_plugin("bench_pragmas") is None:
        pm.register(datasette_plugin, name="bench_pragmas")
    datasette = Datasette(metadata=metadata(), settings=config.get("settings") or settings())
    database = Database(datasette, path=path, is_mutable=not config.get("immutable", False))
    datasette.add_database(database, name=DATABASE_NAME)
    return datasette.app()
