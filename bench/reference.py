"""The reference: Datasette over the same SQLite file, in each of its usual deployments.

A reference run slower than it is usually deployed flatters every ratio (the
harness once ran it under `uvicorn --workers 2`, about a fifth of its speed
under gunicorn). So the harness tries the ways Datasette is documented and
commonly run, and measures each query against the fastest:

- `datasette serve FILE`: one process, uvicorn inside;
- `datasette gunicorn FILE -w 2` (the datasette-gunicorn plugin): gunicorn
  managing uvicorn workers, `gunicorn -k uvicorn.workers.UvicornWorker`;
- `uvicorn --workers 2` running the app from `create_app` below;

each with the file opened mutable (as `datasette FILE` does) or immutable
(`-i FILE`: no locking, no change detection), with or without metadata (the
FTS table for `_search`, and the canned queries that run our joined SQL), and
with SQL on Datasette's thread pool (its default, 3 threads) or on the event
loop (`num_sql_threads 0`, meant for multi-worker set-ups). uvloop and
httptools are installed, so uvicorn uses them, as `uvicorn[standard]` does.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from schema.db import SQLITE_PRAGMAS

ROOT = Path(__file__).resolve().parents[1]
PLUGINS_DIR = ROOT / "bench" / "datasette_plugins"
DB_ENV = "BENCH_REFERENCE_DB"
CONFIG_ENV = "BENCH_REFERENCE_CONFIG"

# Our server sets these pragmas on every connection (schema/db.py); Datasette gets
# the same page cache (its cache_size_kb setting) and memory map (a plugin hook).
CACHE_SIZE_KB = -SQLITE_PRAGMAS["cache_size"]  # negative cache_size means KiB
SERVERS = ("serve", "gunicorn", "uvicorn")


@dataclass(frozen=True)
class Deployment:
    """One way of running Datasette on the benchmark file."""

    server: str  # one of SERVERS
    immutable: bool
    metadata: bool  # the FTS table and the canned queries
    sql_threads: int | None  # None: Datasette's default pool (3 threads)

    def name(self, workers: int) -> str:
        """How the deployment is started, in words, for the report."""
        server = {
            "serve": "datasette serve",
            "gunicorn": f"datasette gunicorn -w {workers}",
            "uvicorn": f"uvicorn --workers {workers}",
        }[self.server]
        parts = [server, "immutable" if self.immutable else "mutable"]
        parts.append("metadata" if self.metadata else "no metadata")
        if self.sql_threads is not None:
            parts.append(f"num_sql_threads={self.sql_threads}")
        return ", ".join(parts)

    def processes(self, workers: int) -> int:
        """Serving processes: `datasette serve` is one."""
        return 1 if self.server == "serve" else workers


def candidates() -> list[Deployment]:
    """Every deployment the harness tries: server x file mode x metadata x SQL threads."""
    return [
        Deployment(server, immutable, metadata, threads)
        for server in SERVERS
        for immutable in (False, True)
        for metadata in (False, True)
        for threads in (None, 0)
    ]


def settings(max_returned_rows: int = 1000, sql_threads: int | None = None) -> dict:
    """Datasette settings that let every benchmark query finish and do no extra work.

    The time limits are raised so no query is cut off (a cut-off query would look
    fast); facet suggestions are off because our API never suggests facets, so they
    would only add queries our server does not run.
    """
    chosen = {
        "sql_time_limit_ms": 120_000,
        "facet_time_limit_ms": 120_000,
        "suggest_facets": False,
        "max_returned_rows": max(1000, max_returned_rows),
        "cache_size_kb": CACHE_SIZE_KB,
    }
    if sql_threads is not None:
        chosen["num_sql_threads"] = sql_threads
    return chosen


def metadata(database: str, canned: dict[str, str]) -> dict:
    """Datasette's own search on our FTS5 bigram index, and the canned queries."""
    return {
        "databases": {
            database: {
                "tables": {"claim": {"fts_table": "claim_search", "fts_pk": "id"}},
                "queries": {name: {"sql": sql} for name, sql in canned.items()},
            }
        }
    }


def database_name(path: Path) -> str:
    """The name Datasette gives the file (its stem), in every deployment alike."""
    return path.stem


def command(
    deployment: Deployment,
    path: Path,
    *,
    port: int,
    workers: int,
    metadata_file: Path,
    max_returned_rows: int,
) -> tuple[list[str], dict[str, str]]:
    """The command line and extra environment that start `deployment` on `path`."""
    chosen = settings(max_returned_rows, deployment.sql_threads)
    env = {"PYTHONPATH": str(ROOT)}  # the plugin reads our pragmas from schema.db
    if deployment.server == "uvicorn":
        config = {
            "immutable": deployment.immutable,
            "settings": chosen,
            "metadata": str(metadata_file) if deployment.metadata else None,
        }
        env.update({DB_ENV: str(path), CONFIG_ENV: json.dumps(config)})
        line = [sys.executable, "-m", "uvicorn", "--factory", "bench.reference:create_app"]
        line += ["--workers", str(workers), "--host", "127.0.0.1", "--port", str(port)]
        return [*line, "--no-access-log", "--log-level", "warning"], env
    datasette = str(Path(sys.executable).with_name("datasette"))
    line = [datasette, deployment.server, *(["-i"] if deployment.immutable else []), str(path)]
    if deployment.metadata:
        line += ["--metadata", str(metadata_file)]
    for name, value in chosen.items():
        line += ["--setting", name, _setting_text(value)]
    line += ["--plugins-dir", str(PLUGINS_DIR), "--host", "127.0.0.1", "--port", str(port)]
    if deployment.server == "gunicorn":
        line += ["--workers", str(workers)]
    return line, env


def _setting_text(value) -> str:
    """A setting as `datasette --setting` reads it."""
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


def create_app():
    """The ASGI app of a Datasette serving the file named in the environment (uvicorn)."""
    from datasette.app import Datasette
    from datasette.database import Database
    from datasette.plugins import pm

    path = Path(os.environ[DB_ENV])
    config = json.loads(os.environ.get(CONFIG_ENV) or "{}")
    from bench.datasette_plugins import pragmas

    if pm.get_plugin("bench_pragmas") is None:
        pm.register(pragmas, name="bench_pragmas")
    given = config.get("metadata")
    datasette = Datasette(
        metadata=json.loads(Path(given).read_text()) if given else None,
        settings=config.get("settings") or settings(),
    )
    database = Database(datasette, path=str(path), is_mutable=not config.get("immutable", False))
    datasette.add_database(database, name=database_name(path))
    return datasette.app()
