"""Dump and restore speed: a database of N claims dumped, restored, dumped again.

    python -m bench.archive --n 1000000                 # builds var/bench/claims-N.db if missing
    python -m bench.archive --database-url sqlite:///var/bench/claims-1000000.db

Prints claims/s for the dump and the restore (SQLite into SQLite, through the
same functions as `flask --app api dump` and `restore`), the archive's size,
each step's peak memory (resident set size, from a child process per step so
one does not hide another), whether the two dumps are byte-identical, and the
load average at the start: the machine is shared, and a busy one slows every figure.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _step(name: str, url: str, archive: str, answer) -> None:
    """One timed step in a fresh process: dump or restore, its seconds and peak RSS."""
    from core import archive as archives
    from core import restore as restores
    from schema.db import database, open_database
    from schema.migrations import migrate

    open_database(url)
    with database.connection_context():
        migrate()
        started = time.perf_counter()
        if name == "dump":
            header = archives.dump_to_file(Path(archive), replace=True)
            rows = {t.table: t.rows for t in header.tables}
        else:
            rows = restores.restore_file(Path(archive)).rows
        seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    answer.send({"seconds": seconds, "rows": rows, "peak_rss_mib": round(peak_mib)})


def timed(name: str, url: str, archive: Path) -> dict:
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_step, args=(name, url, str(archive), sender))
    process.start()
    result = receiver.recv()
    process.join()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--database-url", help="an existing SQLite database to dump")
    args = parser.parse_args(argv)
    work = ROOT / "var" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    url = args.database_url or f"sqlite:///{work / f'claims-{args.n}.db'}"
    if not Path(url.removeprefix("sqlite:///")).exists():
        from bench.generate import build_database

        build_database(args.n, url)
    first, second = work / "archive-1.jsonl", work / "archive-2.jsonl"
    restored = work / "archive-restored.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{restored}{suffix}").unlink(missing_ok=True)
    dump = timed("dump", url, first)
    restore = timed("restore", f"sqlite:///{restored}", first)
    again = timed("dump", f"sqlite:///{restored}", second)
    claims = dump["rows"]["claim"]
    report = {
        "claims": claims,
        "rows": dump["rows"],
        "archive_mib": round(first.stat().st_size / 2**20),
        "dump_seconds": round(dump["seconds"], 1),
        "dump_claims_per_s": round(claims / dump["seconds"]),
        "dump_peak_rss_mib": dump["peak_rss_mib"],
        "restore_seconds": round(restore["seconds"], 1),
        "restore_claims_per_s": round(claims / restore["seconds"]),
        "restore_peak_rss_mib": restore["peak_rss_mib"],
        "second_dump_seconds": round(again["seconds"], 1),
        "byte_identical": first.read_bytes() == second.read_bytes(),
        "load_average_at_start": [round(x, 2) for x in load],
    }
    print(json.dumps(report, indent=2))
    for path in (first, second):
        path.unlink()
    return 0 if report["byte_identical"] else 1


if __name__ == "__main__":
    sys.exit(main())
