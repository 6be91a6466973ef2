"""A Datasette plugin giving its connections our server's memory-map size.

Kept apart from bench.reference so that importing the harness (as the tests
do) does not need Datasette, a benchmark-only dependency.
"""

from __future__ import annotations

from datasette import hookimpl

from schema.db import SQLITE_PRAGMAS


@hookimpl
def prepare_connection(conn) -> None:
    """Each Datasette connection maps as much of the file as ours do."""
    conn.execute(f"PRAGMA mmap_size={SQLITE_PRAGMAS['mmap_size']}")
