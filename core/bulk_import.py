"""Bulk import: whole articles with their claims, streamed in one transaction.

This is the path for loading archives (and the benchmark database). Records
are checked by the API's own schemas and anchoring rules (core.import_checks)
and written with `executemany` in batches, so memory stays bounded; the
search index is filled in the same batches. Any bad record aborts the whole
import: nothing is written, and the error names the article, claim and field.

Two things keep a large import close to the speed of SQLite's own
`executemany`. Into a nearly empty table, the secondary indexes are dropped
and built again from the finished table before the commit (one sort each
instead of a random B-tree insert per row). And a large file is read and
checked by a second process while this one writes, so checking and writing
overlap.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import operator
import signal
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import peewee
from peewee import IntegrityError

from core import linking
from core.import_checks import (
    CHECKED_FIELDS,
    Checked,
    ImportRejected,
    Preparation,
    as_stored,
    checked_articles,
    fail,
    read_articles,
)
from extractor.anchors import CONTEXT_WIDTH
from schema import search
from schema.db import database, executemany, is_sqlite, sync_id_sequence, write_transaction
from schema.models import Claim, Document, Speaker, utc_now

# Tables with their secondary indexes dropped during an import into them while
# they hold fewer than REBUILD_BELOW rows, and built again before the commit.
REBUILT_TABLES = ("claim", "document")
# Rebuilding re-sorts the rows already stored, so it pays only when the import
# brings more rows than the table holds. The size of an import is not known
# until it has been read; below this bound the extra cost is at most sorting
# 10,000 stored rows (milliseconds), above it an import adds to a large table
# and the indexes are maintained row by row as usual.
REBUILD_BELOW = 10_000
# SQLite sorts for an index build with this many helper threads (PRAGMA threads).
SORT_THREADS = 2
# From this file size on (some 50,000 claims) a child process reads and checks
# the articles: starting one takes a few tenths of a second, which a smaller
# file would not win back.
CHECK_APART_FROM = 16 * 2**20
# How long a child that has finished, or lost its parent's pipe, gets to end by itself.
CHILD_EXIT_S = 1.0
# Every column of the claim and document tables is written: the models say which.
CLAIM_COLUMNS = tuple(f.column_name for f in Claim._meta.sorted_fields)
DOCUMENT_COLUMNS = tuple(f.column_name for f in Document._meta.sorted_fields)
# What writing adds to a checked claim, by model field name (see `_Rows`).
WRITTEN = (
    "id",
    "document",
    "sentence",
    "quote_prefix",
    "quote_suffix",
    "quoted_words",
    "restates",
    "published",
    "changed_by",
    "change_reason",
    "created_at",
    "updated_at",
)
# A column neither checked nor written gets its model's default (None where it has none).
_UNSOURCED = [
    f for f in Claim._meta.sorted_fields if f.name not in WRITTEN and f.name not in CHECKED_FIELDS
]
_DEFAULTS = tuple(None if callable(f.default) else f.default for f in _UNSOURCED)
_SOURCES = {
    **{name: i for i, name in enumerate(CHECKED_FIELDS)},
    **{name: len(CHECKED_FIELDS) + i for i, name in enumerate(WRITTEN)},
    **{f.name: len(CHECKED_FIELDS) + len(WRITTEN) + i for i, f in enumerate(_UNSOURCED)},
}
# A claim row in column order, picked from (checked claim + written values + defaults).
_claim_row = operator.itemgetter(*(_SOURCES[f.name] for f in Claim._meta.sorted_fields))
_document_row = operator.itemgetter(*(f.name for f in Document._meta.sorted_fields))


def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    """A parameterised INSERT in the bound database's placeholder style."""
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join([database.param] * len(columns))
    return f'INSERT INTO "{table}" ({names}) VALUES ({marks})'


@dataclass
class ImportReport:
    """What an import wrote."""

    documents: int = 0
    claims: int = 0


@dataclass
class Batch:
    """Rows ready to write: documents, their claims, and each claim's search index text."""

    documents: list[tuple]
    claims: list[tuple] = field(default_factory=list)
    grams: list[tuple[int, str]] = field(default_factory=list)


# Where checked articles come from: given the preparation, a context that yields
# them in order and cleans up after them.
CheckedSource = Callable[[Preparation], contextlib.AbstractContextManager[Iterable[Checked]]]


def import_articles(
    articles: Iterable[dict],
    *,
    author: str = "import",
    reason: str = "bulk import",
    link: bool = True,
) -> ImportReport:
    """Import documents with their claims in one transaction; all or nothing.

    Each article is `{"document": {...}, "claims": [...]}`: document fields as
    in `POST /v1/documents`, claims with `start`/`end` offsets, `speaker` ids
    of speakers already stored, and `restates` as the index of an earlier claim
    of the same article. `link` False leaves the claims out of figures (the
    benchmark's measure of what linking costs; `relink` links them later).
    """

    def checked_here(preparation: Preparation):
        return contextlib.nullcontext(checked_articles(articles, preparation))

    return _import(checked_here, author, reason, link)


def import_file(
    path: Path, *, author: str = "import", reason: str = "bulk import", link: bool = True
) -> ImportReport:
    """Import a JSON Lines file of articles, streamed (one article in memory at a time).

    A large file is read and checked by a child process while this one
    writes. The child is spawned, so a script that calls this must keep its
    top-level code under `if __name__ == "__main__":`, as multiprocessing requires.
    """
    if path.stat().st_size < CHECK_APART_FROM:
        return import_articles(read_articles(path), author=author, reason=reason, link=link)
    return _import(partial(_checked_apart, path), author, reason, link)


def _import(source: CheckedSource, author: str, reason: str, link: bool = True) -> ImportReport:
    """Write the articles of `source` and refresh the statistics, in one transaction."""
    report = ImportReport()
    sqlite = is_sqlite()
    with sqlite_import_settings() if sqlite else contextlib.nullcontext():
        with write_transaction():
            if not sqlite:
                # Claim ids are numbered here from the largest one: like SQLite's
                # writer lock, keep other writers out until the import commits.
                database.execute_sql('LOCK TABLE "claim" IN EXCLUSIVE MODE')
            rebuilt = indexes_rebuilt_after(REBUILT_TABLES) if sqlite else contextlib.nullcontext()
            with rebuilt as build_indexes:
                first_id = _write(source, author, reason, sqlite, report)
                sync_id_sequence("claim")
                # The imported claims join figures, compared in memory (core.linking);
                # the dropped indexes are built while it decides, on the other core.
                if link and report.claims:
                    last_id = first_id + report.claims - 1
                    linking.link_imported(
                        first_id, last_id, author, reason, meanwhile=build_indexes
                    )
            # Fresh statistics let the planner pick the selective index (a speaker's
            # claims) over the one that merely avoids a sort (claims grouped by unit).
            # Inside the transaction: rebuilt indexes never commit without them.
            database.execute_sql("ANALYZE")
    return report


def _write(
    source: CheckedSource, author: str, reason: str, sqlite: bool, report: ImportReport
) -> int:
    """Check, number and write every article of `source`, inside the import's transaction;
    the id of its first claim."""
    speakers = frozenset(row[0] for row in Speaker.select(Speaker.id).tuples())
    preparation = Preparation(speakers, as_stored(utc_now(), sqlite), sqlite)
    last_id = Claim.select(Claim.id).order_by(Claim.id.desc()).limit(1).scalar() or 0
    rows = _Rows(last_id + 1, author, reason, preparation.now)
    cursor = database.cursor()
    with source(preparation) as articles:
        for checked in articles:
            _flush(cursor, rows.of(checked), report)
    return last_id + 1


@contextlib.contextmanager
def sqlite_import_settings() -> Iterator[None]:
    """Connection settings for an import, put back afterwards.

    References are checked while preparing (speakers against a set, documents
    and restatements within the article), so SQLite need not look them up
    again; and helper threads speed up the sorts that build indexes.
    """
    threads = database.execute_sql("PRAGMA threads").fetchone()[0]
    database.execute_sql("PRAGMA foreign_keys = 0")
    database.execute_sql(f"PRAGMA threads = {SORT_THREADS}")
    try:
        yield
    finally:
        database.execute_sql("PRAGMA foreign_keys = 1")
        database.execute_sql(f"PRAGMA threads = {int(threads)}")


@contextlib.contextmanager
def indexes_rebuilt_after(tables: tuple[str, ...]) -> Iterator[Callable[[], None]]:
    """Drop the secondary indexes of nearly empty `tables`, and build them again after.

    Each of the claim table's indexes would otherwise take every row at a
    random place in its B-tree, which costs more than all else the database
    does in an import; building an index from the finished table is one
    sorted pass. Only worthwhile while the tables are nearly empty (see
    REBUILD_BELOW). SQLite's DDL is transactional: the drops and the builds
    commit with the rows or roll back with them, and readers keep seeing the
    old indexes meanwhile. The definitions are read from the schema, so they
    follow the models; unique indexes stay, because they enforce a rule.
    """
    dropped = [index for table in tables if _nearly_empty(table) for index in _plain_indexes(table)]
    for name, _ in dropped:
        database.execute_sql(f"DROP INDEX {quoted_identifier(name)}")

    def build() -> None:
        """Build the dropped indexes now (once): the block may need them before it ends."""
        while dropped:
            database.execute_sql(dropped.pop(0)[1])

    yield build
    build()


def _nearly_empty(table: str) -> bool:
    """Whether `table` holds fewer than REBUILD_BELOW rows (counting no further)."""
    sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM {quoted_identifier(table)} LIMIT ?)"
    return database.execute_sql(sql, (REBUILD_BELOW,)).fetchone()[0] < REBUILD_BELOW


def _plain_indexes(table: str) -> list[tuple[str, str]]:
    """Name and CREATE statement of each index of `table` that enforces nothing.

    Indexes SQLite made for a PRIMARY KEY or UNIQUE constraint have no
    statement and cannot be dropped; UNIQUE indexes are left to reject duplicates.
    """
    rows = database.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL ORDER BY name",
        (table,),
    ).fetchall()
    return [(name, sql) for name, sql in rows if not sql.upper().startswith("CREATE UNIQUE")]


def quoted_identifier(name: str) -> str:
    """An SQL identifier in double quotes."""
    return '"' + name.replace('"', '""') + '"'


# --- checking in a child process ---------------------------------------------------------


@contextlib.contextmanager
def _checked_apart(path: Path, preparation: Preparation) -> Iterator[Iterator[Checked]]:
    """The articles of `path`, read and checked by a child process, received in order.

    Reading and checking articles takes about as long as writing them; on a
    second core the two overlap. The pipe holds one batch at a time, so the
    child runs at most a batch ahead and memory stays bounded. A spawned
    child (not a fork) shares nothing with this process's database
    connection. When the import stops early, or this process is killed, the
    child's next send fails on the closed pipe and it ends by itself; one
    that does not is stopped here.
    """
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_check_file, args=(path, preparation, sender), name="import-checker", daemon=True
    )
    child.start()
    sender.close()
    try:
        yield _received(receiver)
    finally:
        receiver.close()
        child.join(CHILD_EXIT_S)
        if child.is_alive():
            child.terminate()
            child.join()


def _received(receiver) -> Iterator[Checked]:
    """Checked batches from the child until it reports how it ended."""
    while True:
        try:
            kind, payload = receiver.recv()
        except (EOFError, OSError):  # the pipe closed, perhaps in the middle of a batch
            raise RuntimeError("the process checking the import ended unexpectedly") from None
        if kind == "checked":
            yield payload
        elif kind == "done":
            return
        elif kind == "rejected":
            raise ImportRejected(payload)
        else:
            raise RuntimeError(f"checking the import failed in its child process:\n{payload}")


def _check_file(path: Path, preparation: Preparation, sender) -> None:
    """The child's work: send the file's checked batches, then a message saying how it ended."""
    # Ctrl-C reaches the whole process group: the parent decides, and stops the child.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        sender.send(_send_checked(path, preparation, sender))
    except BrokenPipeError:
        pass  # the parent stopped listening: it failed, or was killed
    finally:
        sender.close()


def _send_checked(path: Path, preparation: Preparation, sender) -> tuple[str, str | None]:
    """Send each checked batch of the file; the outcome as the closing message."""
    try:
        for checked in checked_articles(read_articles(path), preparation):
            sender.send(("checked", checked))
    except ImportRejected as error:
        return ("rejected", str(error))
    except BrokenPipeError:
        raise
    except Exception:
        return ("failed", traceback.format_exc())
    return ("done", None)


# --- writing ----------------------------------------------------------------------------


@dataclass
class _Rows:
    """Numbers checked claims and cuts their rows and search index text from the text."""

    first_id: int
    changed_by: str
    reason: str
    now: dt.datetime | str

    def of(self, checked: Checked) -> Batch:
        """The rows of a checked batch, its claims numbered on from the last batch's."""
        batch = Batch(
            [_document_row({**d, "changed_by": self.changed_by}) for d in checked.documents]
        )
        for document, claims in zip(checked.documents, checked.claims, strict=True):
            self._add(batch, document, claims)
            self.first_id += len(claims)
        return batch

    def _add(self, batch: Batch, document: dict, claims: list[tuple]) -> None:
        """Add one document's claim rows (ids from `first_id` on) to `batch`."""
        document_id, published, text = document["id"], document["published"], document["text"]
        grams = search.DocumentGrams(text)
        first_id, changed_by, reason, now = self.first_id, self.changed_by, self.reason, self.now
        for claim_id, claim in enumerate(claims, start=first_id):
            start, end = claim[_START], claim[_END]
            sentence_start, sentence_end = claim[_SENTENCE_START], claim[_SENTENCE_END]
            quoted_start, quoted_end = claim[_QUOTED_START], claim[_QUOTED_END]
            restates = claim[_RESTATES]
            written = (
                claim_id,
                document_id,
                text[sentence_start:sentence_end],
                text[max(0, start - CONTEXT_WIDTH) : start],
                text[end : end + CONTEXT_WIDTH],
                None if quoted_start is None else text[quoted_start:quoted_end],
                None if restates is None else first_id + restates,
                published,
                changed_by,
                reason,
                now,
                now,
            )
            batch.claims.append(_claim_row(claim + written + _DEFAULTS))
            batch.grams.append(
                (claim_id, grams.index_text(sentence_start, sentence_end, claim[_SUBJECT]))
            )


_START, _END, _RESTATES, _SUBJECT, _SENTENCE_START, _SENTENCE_END = map(
    CHECKED_FIELDS.index, ("start", "end", "restates", "subject", "sentence_start", "sentence_end")
)
_QUOTED_START, _QUOTED_END = map(CHECKED_FIELDS.index, ("quoted_start", "quoted_end"))


def _flush(cursor, batch: Batch, report: ImportReport) -> None:
    """Write one batch of rows."""
    if batch.documents:
        # PostgreSQL aborts a transaction at its first error: a savepoint keeps it
        # usable for the look-up below (SQLite needs none, and its costs pages).
        guard = contextlib.nullcontext() if is_sqlite() else database.savepoint()
        try:
            with guard, peewee.__exception_wrapper__:  # driver errors as peewee's
                executemany(cursor, insert_sql("document", DOCUMENT_COLUMNS), batch.documents)
        except IntegrityError:
            ids = [row[DOCUMENT_COLUMNS.index("id")] for row in batch.documents]
            stored = Document.select(Document.id).where(Document.id.in_(ids)).limit(1).scalar()
            fail(f"document {stored!r}, field id", "a document with this id exists already")
    if batch.claims:
        executemany(cursor, insert_sql("claim", CLAIM_COLUMNS), batch.claims)
        search.index_rows(cursor, batch.grams)
    report.documents += len(batch.documents)
    report.claims += len(batch.claims)
