"""A Datasette plugin giving the reference our server's settings: memory map, no access log.

Kept apart from bench.reference so that importing the harness (as the tests
do) does not need Datasette, a benchmark-only dependency. `datasette serve`
and `datasette gunicorn` load it with `--plugins-dir bench/datasette_plugins`;
the uvicorn factory registers it itself.
"""

from __future__ import annotations

import logging

from datasette import hookimpl

from schema.db import SQLITE_PRAGMAS


@hookimpl
def prepare_connection(conn) -> None:
    """Each Datasette connection maps as much of the file as ours do."""
    conn.execute(f"PRAGMA mmap_size={SQLITE_PRAGMAS['mmap_size']}")


@hookimpl
def startup(datasette) -> None:
    """No access log, as our server runs (granian's log_access=False).

    uvicorn decides per connection whether to log from whether its access
    logger has handlers, so removing them skips the formatting work too;
    `datasette serve` offers no switch for it.
    """
    access = logging.getLogger("uvicorn.access")
    access.handlers.clear()
    access.propagate = False
