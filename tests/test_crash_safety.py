"""A seed or bulk import killed with SIGKILL leaves the database unchanged or complete.

Each workload runs as the real CLI (`flask --app api import FILE` and
`flask --app api seed --fixtures DIR`) in its own process group against a copy
of one template database. One unkilled run gives the complete state and its
duration; the other runs are killed at points spread over that duration, and at
moments picked by watching the files (uncommitted pages spilling into the WAL,
the commit, the checkpoint). After each kill a fresh connection (which runs WAL
recovery) must find an intact database whose content is exactly the template's
or exactly the complete run's, and no process of the killed group may linger.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest

from api import create_app
from bench.generate import (
    articles,
    as_speaker_record,
    make_speakers,
    store_speakers,
    write_articles,
)
from core.seeding import FIXTURES_DIR, seed
from schema.db import database

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.sqlite_only("kills writers of SQLite files and checks their WAL recovery")
# Over SQLite's 64 MB page cache (SQLITE_PRAGMAS), so the import's single
# transaction spills uncommitted pages into the WAL before it commits.
IMPORT_CLAIMS = 80_000
SEED_CLAIMS = 2_000
TIMESTAMPS = {"created_at", "updated_at", "changed_at", "status_changed_at"}
TABLES = ("document", "speaker", "speaker_alias", "claim", "claim_version", "claim_search")
SEARCH_PROBES = ("반도", "설비", "판매", "bi", "ll", "성장")
POLL_S = 0.002
RUN_TIMEOUT_S = 60
SEED = int(os.environ.get("CRASH_SAFETY_SEED", random.randrange(1_000_000)))


# --- the database as a fresh connection sees it ---------------------------------------


def database_state(path: Path) -> dict:
    """Integrity, references, counts and a content digest (timestamps left out).

    Opening the file is what recovers it: SQLite replays committed WAL frames
    and ignores the rest. Closing the last connection checkpoints the WAL.
    """
    conn = sqlite3.connect(path, timeout=10)
    try:
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        conn.execute("INSERT INTO claim_search (claim_search) VALUES ('integrity-check')")
        foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
        digest = hashlib.sha256()
        counts = {}
        for table in TABLES:
            columns = [
                f'"{row[1]}"'
                for row in conn.execute(f"PRAGMA table_info({table})")
                if row[1] not in TIMESTAMPS
            ]
            rows = conn.execute(
                f"SELECT {', '.join(columns)}, rowid FROM {table} ORDER BY rowid"
            ).fetchall()
            counts[table] = len(rows)
            digest.update(f"{table}:{len(rows)}".encode())
            for row in rows:
                digest.update(repr(row).encode())
        for probe in SEARCH_PROBES:
            hits = conn.execute(
                "SELECT COUNT(*) FROM claim_search WHERE claim_search MATCH ?", (f'"{probe}"',)
            ).fetchone()[0]
            digest.update(f"{probe}:{hits}".encode())
    finally:
        conn.close()
    return {
        "integrity": integrity,
        "foreign_key_violations": len(foreign),
        "counts": counts,
        "digest": digest.hexdigest(),
    }


def copy_database(template: Path, target: Path) -> Path:
    """A fresh copy of the (checkpointed, WAL-less) template."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, target)
    return target


def file_size(path: Path) -> int:
    """Size of a file, -1 when it does not exist."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return -1


# --- the process group of one CLI run -----------------------------------------------


def group_members(pgid: int) -> list[psutil.Process]:
    """Living (non-zombie) processes of the process group `pgid`."""
    members = []
    for proc in psutil.process_iter():
        try:
            if os.getpgid(proc.pid) == pgid and proc.status() != psutil.STATUS_ZOMBIE:
                members.append(proc)
        except (ProcessLookupError, psutil.Error):
            continue
    return members


def wait_group_gone(pgid: int, timeout_s: float) -> list[psutil.Process]:
    """Wait until the group is empty; the processes still alive at the deadline."""
    deadline = time.monotonic() + timeout_s
    while (alive := group_members(pgid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive


def start_cli(args: list[str], db: Path, log: Path) -> subprocess.Popen:
    """`flask --app api ARGS` on `db`, in a new session (its own process group)."""
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "api", *args],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": f"sqlite:///{db}", "CLAIMS_WRITE_TOKENS": ""},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


@dataclass
class Observed:
    """What the files looked like while the run went on."""

    elapsed: float
    wal: int
    main: int


Trigger = Callable[[Observed], bool]


@dataclass
class Kill:
    """One kill point: when to kill, and whether the whole group or only its leader."""

    name: str
    trigger: Trigger
    leader_only: bool = False


@dataclass
class KillResult:
    """Where a kill landed and what the reopened database held afterwards."""

    name: str
    at_s: float
    wal_at_kill: int
    members_at_kill: int
    exited_first: bool
    outcome: str = ""
    state: dict = field(default_factory=dict)


def run_and_kill(args: list[str], db: Path, log: Path, kill: Kill) -> KillResult:
    """Run the CLI until `kill.trigger` fires, SIGKILL it, and check nothing lingers."""
    wal_path = Path(f"{db}-wal")
    began = time.monotonic()
    proc = start_cli(args, db, log)
    pgid = proc.pid
    try:
        while True:
            seen = Observed(time.monotonic() - began, file_size(wal_path), file_size(db))
            if proc.poll() is not None or kill.trigger(seen):
                break
            if seen.elapsed > RUN_TIMEOUT_S:
                pytest.fail(f"{kill.name}: the run neither finished nor triggered in time")
            time.sleep(POLL_S)
        exited_first = proc.poll() is not None
        members = len(group_members(pgid)) if kill.leader_only else 0
        if not exited_first:
            if kill.leader_only:
                os.kill(proc.pid, signal.SIGKILL)
            else:
                os.killpg(pgid, signal.SIGKILL)
        proc.wait(timeout=10)
        # The preparing child and multiprocessing's resource tracker must go too:
        # with the whole group killed at once, and on their own (their pipes close)
        # when only the leader dies.
        lingering = wait_group_gone(pgid, 10)
        assert not lingering, (
            f"{kill.name}: orphans outlived the killed run: "
            f"{[' '.join(p.cmdline())[:120] for p in lingering]}"
        )
    finally:
        if proc.poll() is None or group_members(pgid):
            try:
                os.killpg(pgid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=10)
    return KillResult(kill.name, round(seen.elapsed, 3), seen.wal, members, exited_first)


def at_time(seconds: float) -> Trigger:
    """Fire `seconds` after the start."""
    return lambda seen: seen.elapsed >= seconds


def classify(result: KillResult, db: Path, before: dict, after: dict) -> KillResult:
    """Reopen the database and name its state: before, after, or HALF-WRITTEN."""
    state = database_state(db)
    result.state = state
    if state["integrity"] != ["ok"] or state["foreign_key_violations"]:
        result.outcome = "CORRUPT"
    elif state["digest"] == before["digest"]:
        result.outcome = "before"
    elif state["digest"] == after["digest"]:
        result.outcome = "after"
    else:
        result.outcome = "HALF-WRITTEN"
    return result


def report(title: str, reference_s: float, peak_wal: int, results: list[KillResult]) -> str:
    """A table of the kill points and what each left behind."""
    lines = [
        f"{title}: unkilled run {reference_s:.2f} s (WAL up to {peak_wal:,} B), kill seed {SEED}"
    ]
    for r in results:
        lines.append(
            f"  {r.name:22} at {r.at_s:6.2f} s  wal {r.wal_at_kill:>11,} B  "
            f"{'(had exited) ' if r.exited_first else ''}-> {r.outcome} "
            f"(claims {r.state.get('counts', {}).get('claim')})"
        )
    return "\n".join(lines)


def spread(reference_s: float, count: int, low: float = 0.12, high: float = 0.97) -> list[float]:
    """`count` kill delays spread over the run, each jittered within its slot."""
    rng = random.Random(SEED)
    slot = (high - low) / count
    return [reference_s * (low + slot * (i + rng.uniform(0.15, 0.85))) for i in range(count)]


def run_unkilled(args: list[str], db: Path, log: Path) -> tuple[float, int]:
    """Run the CLI to completion, watching the WAL; its duration and largest WAL size."""
    began, peak_wal = time.monotonic(), 0
    proc = start_cli(args, db, log)
    try:
        while proc.poll() is None:
            peak_wal = max(peak_wal, file_size(Path(f"{db}-wal")))
            if time.monotonic() - began > RUN_TIMEOUT_S:
                pytest.fail(f"{args[0]} did not finish in {RUN_TIMEOUT_S} s")
            time.sleep(POLL_S)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    elapsed = time.monotonic() - began
    assert proc.returncode == 0, log.read_text(errors="replace")
    assert not wait_group_gone(proc.pid, 10), "the unkilled run left processes behind"
    return elapsed, peak_wal


def crash_image(db: Path, target: Path) -> Path:
    """Copy the files a killed run left (database, WAL, shared memory) as they are."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
        if Path(f"{db}{suffix}").exists():
            shutil.copyfile(f"{db}{suffix}", f"{target}{suffix}")
    return target


def check_kills(
    title: str,
    args: list[str],
    workdir: Path,
    template: Path,
    kills: Callable[[float, int], list[Kill]],
    retry: str | None = None,
) -> tuple[dict, dict, list[KillResult]]:
    """The unkilled reference run, then every kill point; returns all figures.

    With `retry`, the crash image that kill point left is also handed, untouched
    (hot WAL and all), to a second unkilled run, which must complete the work.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    before = database_state(template)
    reference = copy_database(template, workdir / "reference.db")
    reference_s, peak_wal = run_unkilled(args, reference, workdir / "reference.log")
    after = database_state(reference)
    assert after["integrity"] == ["ok"] and not after["foreign_key_violations"]
    assert after["digest"] != before["digest"], "the workload changed nothing"
    results, retried = [], None
    for number, kill in enumerate(kills(reference_s, peak_wal)):
        db = copy_database(template, workdir / f"killed-{number}.db")
        result = run_and_kill(args, db, workdir / f"killed-{number}.log", kill)
        if kill.name == retry:
            image = crash_image(db, workdir / "retried.db")
        results.append(classify(result, db, before, after))
        if kill.name == retry:
            run_unkilled(args, image, workdir / "retried.log")
            retried = database_state(image)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    table = report(title, reference_s, peak_wal, results)
    print("\n" + table)
    bad = [r for r in results if r.outcome not in ("before", "after")]
    assert not bad, f"half-written or corrupt after a kill:\n{table}\n{[r.state for r in bad]}"
    if retry is not None:
        assert retried == after, f"rerun after the {retry!r} kill did not complete the work"
    return before, after, results


# --- the workloads ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> dict:
    """A template database (fixtures seeded, speakers stored), an import file, fixtures."""
    workdir = tmp_path_factory.mktemp("crash")
    template = workdir / "template.db"
    create_app({"DATABASE_URL": f"sqlite:///{template}"})
    rng = random.Random(23)
    speakers = make_speakers(rng, people=40, organizations=8)
    try:
        with database.connection_context():
            seed(FIXTURES_DIR)
            store_speakers(speakers)
    finally:
        database.close()
    assert not Path(f"{template}-wal").exists(), "the template must be checkpointed"
    import_file = workdir / "articles.jsonl"
    write_articles(import_file, IMPORT_CLAIMS, speakers, rng)
    return {
        "dir": workdir,
        "template": template,
        "import_file": import_file,
        "fixtures": write_fixtures(workdir / "fixtures", speakers, rng),
    }


def write_fixtures(directory: Path, speakers: list[dict], rng: random.Random) -> Path:
    """The real fixtures plus generated documents and claims, three claims corrected.

    Seeding it over the template creates documents and claims and versions
    three stored claims, all in one transaction.
    """
    shutil.copytree(FIXTURES_DIR, directory)
    documents = json.loads((directory / "documents.json").read_text("utf-8"))
    stored_speakers = json.loads((directory / "speakers.json").read_text("utf-8"))
    claims = json.loads((directory / "claims.json").read_text("utf-8"))
    stored_speakers += [as_speaker_record(s) for s in speakers]
    next_id = 1000
    for article in articles(SEED_CLAIMS, speakers, rng):
        document = dict(article["document"])
        text = document.pop("text")
        name = f"texts/{document['id']}.txt"
        with (directory / name).open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        documents.append({**document, "text_file": name})
        first = next_id
        for claim in article["claims"]:
            restates = claim.get("restates")
            claims.append(
                {
                    **claim,
                    "id": next_id,
                    "document": document["id"],
                    "restates": None if restates is None else first + restates,
                }
            )
            next_id += 1
    for claim in claims[:3]:
        claim["subject"] = f"{claim['subject']} (corrected)"
    for name, records in (
        ("documents.json", documents),
        ("speakers.json", stored_speakers),
        ("claims.json", claims),
    ):
        (directory / name).write_text(json.dumps(records, ensure_ascii=False), "utf-8")
    return directory


def test_killed_bulk_import_leaves_nothing_or_everything(workspace):
    template = workspace["template"]
    template_size = template.stat().st_size
    args = ["import", str(workspace["import_file"])]

    def kills(reference_s: float, peak_wal: int) -> list[Kill]:
        timed = [Kill(f"t={d:.2f}s", at_time(d)) for d in spread(reference_s, 2)]
        return [
            *timed,
            # Uncommitted pages already spilled into the WAL.
            Kill("mid-spill", lambda s: s.wal > 8_000_000),
            # The commit is writing the rest of the transaction's pages to the WAL.
            Kill("mid-commit", lambda s: s.wal > 0.6 * peak_wal),
            # The commit is done and the checkpoint is copying pages into the main file.
            Kill("mid-checkpoint", lambda s: s.main > template_size and s.wal > 0),
        ]

    before, after, results = check_kills(
        "bulk import", args, workspace["dir"] / "import", template, kills
    )
    assert after["counts"]["claim"] == before["counts"]["claim"] + IMPORT_CLAIMS
    outcomes = {r.name: r for r in results}
    spill = outcomes["mid-spill"]
    assert not spill.exited_first and spill.wal_at_kill > 8_000_000, "no spill to kill in"
    assert spill.outcome == "before", "uncommitted WAL frames must be ignored on recovery"
    # Some kill really landed in the middle of the run, not before it started writing.
    assert any(r.outcome == "before" and r.wal_at_kill > 0 for r in results)


def test_killed_seed_leaves_nothing_or_everything(workspace):
    template = workspace["template"]
    args = ["seed", "--fixtures", str(workspace["fixtures"])]

    def kills(reference_s: float, peak_wal: int) -> list[Kill]:
        timed = [Kill(f"t={d:.2f}s", at_time(d)) for d in spread(reference_s, 4)]
        # The one transaction fits in the page cache: the WAL grows only at commit.
        return [
            *timed,
            Kill("mid-commit", lambda s: s.wal > 0),
            Kill("committed", lambda s: s.wal >= peak_wal),
        ]

    before, after, results = check_kills(
        "seed", args, workspace["dir"] / "seed", template, kills, retry="mid-commit"
    )
    assert after["counts"]["claim"] == before["counts"]["claim"] + SEED_CLAIMS
    assert after["counts"]["claim_version"] == before["counts"]["claim_version"] + 3
    assert any(r.outcome == "before" and not r.exited_first for r in results)
