"""Online backup of a SQLite database while the server keeps writing to it.

SQLite's backup API copies the database page by page. Copied in one step, the
copy is a single read transaction: one point in time, taken from the WAL
snapshot, while writers carry on (WAL lets them). A copy made in several
steps would start over whenever another connection writes, and under steady
writes might never finish.

The copy is written under a temporary name beside its target, checked with
SQLite's full `PRAGMA integrity_check`, switched out of WAL mode (one self-contained file),
flushed to disk and only then renamed: a backup that fails leaves no file
that looks like one.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

# How long the backup waits for a lock (a checkpoint, or a writer opening the WAL).
BUSY_TIMEOUT_S = 30.0


class BackupError(Exception):
    """A backup that could not be made; the message says why."""


@dataclass
class BackupReport:
    """What a backup wrote."""

    path: Path
    bytes: int
    pages: int


def backup_sqlite(source: Path, target: Path, *, replace: bool = False) -> BackupReport:
    """Copy the SQLite database at `source` to `target`, consistently, while it serves."""
    if not source.is_file():
        raise BackupError(f"{source} is not a SQLite database file")
    if target.exists() and not replace:
        raise BackupError(f"{target} exists; choose another name, or replace it with --force")
    if target.resolve() == source.resolve():
        raise BackupError("the backup cannot replace the database it copies")
    directory = target.resolve().parent
    if not directory.is_dir():
        raise BackupError(f"{directory} is not a directory")
    handle, name = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.")
    os.close(handle)
    partial = Path(name)
    try:
        pages = _copy(source, partial)
        with partial.open("rb+") as written:
            os.fsync(written.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupReport(target, target.stat().st_size, pages)


def _copy(source: Path, partial: Path) -> int:
    """Copy in one step, check the copy, and leave it as one file in rollback mode."""
    origin = sqlite3.connect(source, timeout=BUSY_TIMEOUT_S)
    copy = sqlite3.connect(partial, timeout=BUSY_TIMEOUT_S)
    try:
        origin.backup(copy, pages=-1)
        result = "; ".join(row[0] for row in copy.execute("PRAGMA integrity_check"))
        if result != "ok":
            raise BackupError(f"the copy failed SQLite's integrity check: {result}")
        copy.execute("PRAGMA journal_mode = DELETE")
        (pages,) = copy.execute("PRAGMA page_count").fetchone()
    except sqlite3.Error as error:
        raise BackupError(f"SQLite could not copy {source}: {error}") from None
    finally:
        copy.close()
        origin.close()
    return pages


def integrity_check(path: Path) -> str:
    """SQLite's full `PRAGMA integrity_check` of a database file: "ok" or what is wrong."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
    finally:
        connection.close()
    return "; ".join(row[0] for row in rows)
