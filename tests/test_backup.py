"""Backups and dumps under concurrent writes: every copy whole and of one moment.

A writer corrects and retracts claims without pause (each change one
transaction touching the claim and its archived versions) and, after each
commit, records the archive digests of the database as it now stands. Backups
are taken meanwhile. Each must pass `PRAGMA integrity_check`, and its digests
must equal the digests of one recorded state: not a mix of two, nothing
half-written. A dump taken meanwhile must likewise be one of those states.
"""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from bench.generate import articles, make_speakers, store_speakers
from core import archive, bulk_import
from core.backup import integrity_check
from core.claim_writes import correct_claim, retract_claim
from schema.db import database, open_database
from schema.models import Claim

pytestmark = pytest.mark.sqlite_only("SQLite's online backup of a SQLite file")

BACKUPS = 6
GENERATED_CLAIMS = 2000  # a file of a few MB: a copy takes long enough to overlap writes


def _write_until(stop: threading.Event, states: list, commits: list) -> None:
    """Change claims one transaction at a time, recording the digests after each commit."""
    database.connect(reuse_if_open=True)
    try:
        rng = random.Random(15)
        ids = [row[0] for row in Claim.select(Claim.id).where(Claim.status == "active").tuples()]
        number = 0
        while not stop.is_set():
            number += 1
            claim_id = rng.choice(ids)
            if number % 7 == 0:
                retract_claim(claim_id, f"retraction {number}", None, "writer")
                ids.remove(claim_id)
            else:
                correct_claim(claim_id, {"subject": f"change {number}", "reason": "test"},
                              None, "writer")  # fmt: skip
            commits.append(time.monotonic())
            states.append(archive.digests().digests())
    finally:
        database.close()


def test_backups_under_concurrent_writes_are_whole_and_of_one_moment(app, runner, tmp_path):
    speakers = make_speakers(random.Random(1), people=8, organizations=3)
    with database.connection_context():
        store_speakers(speakers)
        bulk_import.import_articles(articles(GENERATED_CLAIMS, speakers, random.Random(2)))
        states = [archive.digests().digests()]
    commits: list[float] = []
    stop = threading.Event()
    writer = threading.Thread(target=_write_until, args=(stop, states, commits), daemon=True)
    writer.start()
    taken = []
    try:
        while len(commits) < 3:  # the writer is under way
            time.sleep(0.01)
        for number in range(BACKUPS):
            path = tmp_path / f"backup-{number}.db"
            started = time.monotonic()
            result = runner.invoke(args=["backup", str(path)])
            assert result.exit_code == 0, result.output
            assert "integrity ok" in result.output
            taken.append((path, started, time.monotonic()))
    finally:
        stop.set()
        writer.join(timeout=60)
    assert not writer.is_alive()
    # Writes committed while backups were being taken, not merely before or after.
    assert any(start < commit < end for _, start, end in taken for commit in commits)

    seen = []
    for path, _, _ in taken:
        assert integrity_check(path) == "ok"
        assert not Path(f"{path}-wal").exists()
        with sqlite3.connect(path) as copy:
            assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            assert copy.execute(
                "SELECT COUNT(*) FROM claim AS c WHERE c.version - 1 <> "
                "(SELECT COUNT(*) FROM claim_version AS v WHERE v.claim_id = c.id)"
            ).fetchone() == (0,)
        open_database(f"sqlite:///{path}")
        with database.connection_context():
            digests = archive.digests().digests()
        assert digests in states, f"{path.name} matches no state the writer committed"
        seen.append(states.index(digests))
    assert len(set(seen)) > 1, "every backup saw the same state: the writes did not interleave"
    assert seen == sorted(seen), "a later backup showed an earlier state"


def test_backup_never_replaces_a_file_unless_told(app, runner, tmp_path):
    path = tmp_path / "kept.db"
    path.write_text("an older backup")
    refused = runner.invoke(args=["backup", str(path)])
    assert refused.exit_code == 1
    assert "exists; choose another name, or replace it with --force" in refused.output
    assert path.read_text() == "an older backup"
    replaced = runner.invoke(args=["backup", str(path), "--force"])
    assert replaced.exit_code == 0, replaced.output
    assert integrity_check(path) == "ok"
    missing = runner.invoke(args=["backup", str(tmp_path / "no" / "such" / "dir.db")])
    assert missing.exit_code == 1 and "is not a directory" in missing.output
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_dump_under_concurrent_writes_is_of_one_moment(app, runner, tmp_path):
    speakers = make_speakers(random.Random(3), people=8, organizations=3)
    with database.connection_context():
        store_speakers(speakers)
        bulk_import.import_articles(articles(GENERATED_CLAIMS, speakers, random.Random(4)))
        states = [archive.digests().digests()]
    commits: list[float] = []
    stop = threading.Event()
    writer = threading.Thread(target=_write_until, args=(stop, states, commits), daemon=True)
    writer.start()
    try:
        while len(commits) < 3:
            time.sleep(0.01)
        started = time.monotonic()
        for number in range(3):
            result = runner.invoke(args=["dump", str(tmp_path / f"dump-{number}.jsonl")])
            assert result.exit_code == 0, result.output
        ended = time.monotonic()
    finally:
        stop.set()
        writer.join(timeout=60)
    assert any(started < commit < ended for commit in commits)
    from core.restore import read_header

    for number in range(3):
        with (tmp_path / f"dump-{number}.jsonl").open("rb") as handle:
            header = read_header(handle.readline())
        assert header.digests() in states
