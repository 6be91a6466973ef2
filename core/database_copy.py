"""Moving the archive to another database in one step (SQLite to PostgreSQL, usually).

The copy is a dump and a restore through a scratch file, then a proof: the
new database's digests, read back from it, must equal the archive's. The dump
is one snapshot of the source, so the source may keep serving; writes made
after the snapshot are not in the copy, and a SQLite source reports whether
any were made (its `data_version` moves when another connection commits).
"""

from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from core.archive import ArchiveError, Header, digests, dump
from core.restore import RestoreReport, restore
from schema.db import database, open_database
from schema.migrations import migrate


@dataclass
class CopyReport:
    """What a copy wrote, and whether the source changed while it ran."""

    header: Header
    restored: RestoreReport
    source_changed: bool | None  # None: the source cannot tell (PostgreSQL)


class _SourceWrites:
    """Notices commits to a SQLite source made by anyone else while the copy runs."""

    def __init__(self) -> None:
        source = database.obj
        self.connection = None
        if isinstance(source, SqliteDatabase):
            self.connection = sqlite3.connect(source.database)
            self.first = self._version()

    def _version(self) -> int:
        return self.connection.execute("PRAGMA data_version").fetchone()[0]

    def changed(self) -> bool | None:
        if self.connection is None:
            return None
        try:
            return self._version() != self.first
        finally:
            self.connection.close()


def copy_database(to_url: str, scratch: Path | None = None) -> CopyReport:
    """Copy the bound database into the empty database at `to_url`, and verify it.

    Leaves the models bound to the new database.
    """
    writes = _SourceWrites()
    with tempfile.TemporaryFile(dir=scratch, prefix="claims-copy-") as archive:
        with database.connection_context():
            header = dump(archive, scratch)
        archive.seek(0)
        open_database(to_url)
        with database.connection_context():
            migrate()
            restored = restore(archive)
            copied = digests()
    differing = [
        table for table, digest in header.digests().items() if copied.digests().get(table) != digest
    ]
    if differing:
        raise ArchiveError(
            f"the copy does not match its archive ({', '.join(differing)}): do not switch "
            "to it; report this as a bug"
        )
    return CopyReport(header, restored, writes.changed())
