"""Bulk import: whole articles with their claims, streamed in one transaction.

This is the path for loading archives (and the benchmark database). Records
are checked against the same vocabularies and anchoring rules as the API, but
with plain set lookups instead of a schema load per claim, and written with
`executemany` in batches, so memory stays bounded; the search index is filled
in the same batches. Any bad record aborts the whole import: nothing is
written, and the error names the article, claim and field.

Two things keep a large import close to the speed of SQLite's own
`executemany`. Into a nearly empty table, the secondary indexes are dropped
and built again from the finished table before the commit (one sort each
instead of a random B-tree insert per row). And a large file is read and
checked by a second process while this one writes, so checking and writing
overlap.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import multiprocessing
import signal
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from pathlib import Path

import orjson
import peewee
from marshmallow import ValidationError, validate
from peewee import IntegrityError

from extractor.anchors import CONTEXT_WIDTH, text_sha256
from extractor.sentences import split_sentences
from extractor.vocabulary import ATTRIBUTIONS, CLAIM_STATUSES, KINDS, QUALIFIERS, UNITS
from schema import search
from schema.db import database, executemany, is_sqlite, sync_id_sequence, write_transaction
from schema.fields import MAX_ABS_VALUE
from schema.models import Claim, Document, Speaker, exact_number, utc_now
from schema.schemas import ClaimInputSchema, DocumentSchema

BATCH = 2000
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
DOCUMENT_SCHEMA = DocumentSchema()
# A claim's subject is checked by the API's own field; the fast path needs its length limit.
SUBJECT_FIELD = ClaimInputSchema().fields["subject"]
SUBJECT_MAX = min(v.max for v in SUBJECT_FIELD.validators if isinstance(v, validate.Length))
CLAIM_COLUMNS = (
    "id",
    "document_id",
    "speaker_id",
    "attribution",
    "subject",
    "value",
    "unit",
    "kind",
    "qualifier",
    "stated_as",
    "start",
    "end",
    "sentence_start",
    "sentence_end",
    "sentence",
    "quote_prefix",
    "quote_suffix",
    "restates_id",
    "published",
    "status",
    "confidence",
    "version",
    "changed_by",
    "change_reason",
    "created_at",
    "updated_at",
)


def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    """A parameterised INSERT in the bound database's placeholder style."""
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join([database.param] * len(columns))
    return f'INSERT INTO "{table}" ({names}) VALUES ({marks})'


DOCUMENT_COLUMNS = (
    "id",
    "title",
    "outlet",
    "url",
    "author",
    "published",
    "language",
    "text",
    "text_sha256",
    "created_at",
    "changed_by",
)
_REQUIRED = ("attribution", "value", "unit", "kind", "stated_as", "start", "end")
_VOCABULARY = {
    "attribution": ATTRIBUTIONS,
    "unit": UNITS,
    "kind": KINDS,
    "qualifier": QUALIFIERS,
    "status": CLAIM_STATUSES,
}


class ImportRejected(Exception):
    """A record that cannot be imported; the whole import is rolled back."""


@dataclass
class ImportReport:
    """What an import wrote."""

    documents: int = 0
    claims: int = 0


@dataclass(frozen=True)
class Preparation:
    """What checking articles needs from the database: plain values a child process can take."""

    speakers: frozenset[str]
    now: dt.datetime | str  # the import's timestamp, as stored
    sqlite: bool


def _as_stored(value: dt.date, sqlite: bool) -> dt.date | str:
    """A date or time as the database stores it, for rows that repeat it.

    sqlite3 would convert it to the same ISO text for every row it appears in
    (a document's date is in each of its claims, the import's time in every
    row); converting it once is cheaper. PostgreSQL's driver takes it as it is.
    """
    if not sqlite:
        return value
    return value.isoformat(" ") if isinstance(value, dt.datetime) else value.isoformat()


@dataclass
class Checked:
    """Articles as read and checked: document rows, and each document's claims.

    A checked claim is a tuple of its own fields and the span of the sentence
    it stands in: (speaker, attribution, subject, value, unit, kind, qualifier,
    start, end, sentence_start, sentence_end, restates, status, confidence).
    The text columns of its row are cut from the document's text when it is
    written, so what a checking child sends is little more than the text.
    """

    documents: list[tuple] = field(default_factory=list)
    claims: list[list[tuple]] = field(default_factory=list)
    count: int = 0


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
    articles: Iterable[dict], *, author: str = "import", reason: str = "bulk import"
) -> ImportReport:
    """Import documents with their claims in one transaction; all or nothing.

    Each article is `{"document": {...}, "claims": [...]}`: document fields as
    in `POST /v1/documents`, claims with `start`/`end` offsets, `speaker` ids
    of speakers already stored, and `restates` as the index of an earlier claim
    of the same article.
    """

    def checked_here(preparation: Preparation):
        return contextlib.nullcontext(_checked(articles, preparation))

    return _import(checked_here, author, reason)


def import_file(path: Path, *, author: str = "import", reason: str = "bulk import") -> ImportReport:
    """Import a JSON Lines file of articles, streamed (one article in memory at a time).

    A large file is read and checked by a child process while this one
    writes. The child is spawned, so a script that calls this must keep its
    top-level code under `if __name__ == "__main__":`, as multiprocessing requires.
    """
    if path.stat().st_size < CHECK_APART_FROM:
        return import_articles(read_articles(path), author=author, reason=reason)
    return _import(partial(_checked_apart, path), author, reason)


def _import(source: CheckedSource, author: str, reason: str) -> ImportReport:
    """Write the articles of `source` and refresh the statistics, in one transaction."""
    report = ImportReport()
    sqlite = is_sqlite()
    with _sqlite_import_settings() if sqlite else contextlib.nullcontext():
        with write_transaction():
            if not sqlite:
                # Claim ids are numbered here from the largest one: like SQLite's
                # writer lock, keep other writers out until the import commits.
                database.execute_sql('LOCK TABLE "claim" IN EXCLUSIVE MODE')
            with _indexes_rebuilt_after(REBUILT_TABLES) if sqlite else contextlib.nullcontext():
                _write(source, author, reason, sqlite, report)
            sync_id_sequence("claim")
            # Fresh statistics let the planner pick the selective index (a speaker's
            # claims) over the one that merely avoids a sort (claims grouped by unit).
            # Inside the transaction: rebuilt indexes never commit without them.
            database.execute_sql("ANALYZE")
    return report


def _write(
    source: CheckedSource, author: str, reason: str, sqlite: bool, report: ImportReport
) -> None:
    """Check, number and write every article of `source`, inside the import's transaction."""
    speakers = frozenset(row[0] for row in Speaker.select(Speaker.id).tuples())
    preparation = Preparation(speakers, _as_stored(utc_now(), sqlite), sqlite)
    last_id = Claim.select(Claim.id).order_by(Claim.id.desc()).limit(1).scalar() or 0
    rows = _Rows(last_id + 1, author, reason, preparation.now)
    cursor = database.cursor()
    with source(preparation) as articles:
        for checked in articles:
            _flush(cursor, rows.of(checked), report)


@contextlib.contextmanager
def _sqlite_import_settings() -> Iterator[None]:
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
def _indexes_rebuilt_after(tables: tuple[str, ...]) -> Iterator[None]:
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
        database.execute_sql(f"DROP INDEX {_quoted(name)}")
    yield
    for _, sql in dropped:
        database.execute_sql(sql)


def _nearly_empty(table: str) -> bool:
    """Whether `table` holds fewer than REBUILD_BELOW rows (counting no further)."""
    sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM {_quoted(table)} LIMIT ?)"
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


def _quoted(name: str) -> str:
    """An SQL identifier in double quotes."""
    return '"' + name.replace('"', '""') + '"'


# --- checking and anchoring -------------------------------------------------------------


def _fail(where: str, message: str):
    """Stop the import, naming the record and field."""
    raise ImportRejected(f"{where}: {message}")


def _checked(articles: Iterable[dict], preparation: Preparation) -> Iterator[Checked]:
    """Read and check articles, in batches of about BATCH claims."""
    known_documents = set()
    checked = Checked()
    for number, article in enumerate(articles):
        where = f"article #{number}"
        if not isinstance(article, dict):
            _fail(where, "must be an object with document and claims")
        document = _document_row(article.get("document") or {}, where, preparation)
        if document[0] in known_documents:
            _fail(f"{where}, field id", f"document {document[0]!r} appears twice")
        known_documents.add(document[0])
        claims = article.get("claims", [])
        if not isinstance(claims, list):
            _fail(f"{where}, field claims", "must be a list")
        checked.documents.append(document)
        checked.claims.append(_checked_claims(claims, document, preparation.speakers))
        checked.count += len(claims)
        if checked.count >= BATCH:
            yield checked
            checked = Checked()
    if checked.documents:
        yield checked


def _document_row(data: dict, where: str, preparation: Preparation) -> tuple:
    """A validated document row (documents are few: the full schema is affordable)."""
    try:
        loaded = DOCUMENT_SCHEMA.load(data)
    except ValidationError as error:
        name, messages = next(iter(error.messages.items()))
        _fail(f"{where}, field {name}", "; ".join(map(str, messages)))
    return (
        loaded["id"],
        loaded["title"],
        loaded["outlet"],
        loaded["url"],
        loaded["author"],
        _as_stored(loaded["published"], preparation.sqlite),
        loaded["language"],
        loaded["text"],
        text_sha256(loaded["text"]),
        preparation.now,
    )


def _checked_claims(claims: list, document: tuple, speakers: frozenset[str]) -> list[tuple]:
    """An article's claims checked, with the span of the sentence each stands in.

    Tuples as `Checked` describes them; a claim that crosses a sentence
    boundary is its own sentence.
    """
    document_id, text = document[0], document[7]
    sentences = split_sentences(text)
    starts = [s.start for s in sentences]
    checked = []
    for index, claim in enumerate(claims):
        where = f"document {document_id!r}, claim #{index}"
        if not _plainly_valid(claim, index, text, speakers):
            _check_claim(claim, index, text, speakers, where)
        start, end = claim["start"], claim["end"]
        position = bisect.bisect_right(starts, start) - 1
        sentence = sentences[position] if position >= 0 else None
        if sentence is None or end > sentence.end:
            sentence_start, sentence_end = start, end
        else:
            sentence_start, sentence_end = sentence.start, sentence.end
        checked.append(
            (
                claim.get("speaker"),
                claim["attribution"],
                claim.get("subject"),
                _value(claim["value"], where),
                claim["unit"],
                claim["kind"],
                claim.get("qualifier", "exact"),
                start,
                end,
                sentence_start,
                sentence_end,
                claim.get("restates"),
                claim.get("status", "active"),
                claim.get("confidence"),
            )
        )
    return checked


def _plainly_valid(claim, index: int, text: str, speakers: frozenset[str]) -> bool:
    """Every rule of `_check_claim` in one expression, for the usual claim that meets them.

    False means "look closer", never "invalid": `_check_claim` then finds and
    names the fault. Rejecting too much here only costs time; accepting too
    much would let a bad claim in, so each rule below is at least as strict.
    """
    try:
        start, end = claim["start"], claim["end"]
        speaker, restates = claim.get("speaker"), claim.get("restates")
        subject, confidence = claim.get("subject"), claim.get("confidence")
        return (
            type(start) is int
            and type(end) is int
            and 0 <= start < end <= len(text)
            and text[start:end] == claim["stated_as"]
            and claim["value"] is not None
            and claim["attribution"] in ATTRIBUTIONS
            and claim["unit"] in UNITS
            and claim["kind"] in KINDS
            and claim.get("qualifier", "exact") in QUALIFIERS
            and claim.get("status", "active") in CLAIM_STATUSES
            and (speaker is None or speaker in speakers)
            and (restates is None or (type(restates) is int and 0 <= restates < index))
            and (subject is None or _plain_subject(subject))
            and (confidence is None or (type(confidence) in (int, float) and 0 <= confidence <= 1))
        )
    except (KeyError, TypeError, AttributeError):  # not an object, or unhashable values
        return False


def _check_claim(claim, index: int, text: str, speakers: frozenset[str], where: str) -> None:
    """Every rule a claim must meet, each failure named; the slow path of `_plainly_valid`."""
    if not isinstance(claim, dict):
        _fail(where, "must be an object")
    for name in _REQUIRED:
        if claim.get(name) is None:
            _fail(f"{where}, field {name}", "missing")
    for name, vocabulary in _VOCABULARY.items():
        if name in claim and not _named_in(claim[name], vocabulary):
            _fail(f"{where}, field {name}", f"{claim[name]!r} is not in the vocabulary")
    speaker = claim.get("speaker")
    if speaker is not None and not _named_in(speaker, speakers):
        _fail(f"{where}, field speaker", f"no speaker {speaker!r}")
    start, end = claim["start"], claim["end"]
    if not (type(start) is int and type(end) is int and 0 <= start < end <= len(text)):
        _fail(f"{where}, field start", "offsets must be integers with 0 <= start < end <= length")
    if text[start:end] != claim["stated_as"]:
        _fail(f"{where}, field stated_as", f"text[{start}:{end}] is {text[start:end]!r}")
    restates = claim.get("restates")
    if restates is not None and not (type(restates) is int and 0 <= restates < index):
        _fail(f"{where}, field restates", "must be the index of an earlier claim")
    subject = claim.get("subject")
    if subject is not None:
        try:
            SUBJECT_FIELD.deserialize(subject)
        except ValidationError as error:
            _fail(f"{where}, field subject", "; ".join(map(str, error.messages)))
    confidence = claim.get("confidence")
    if confidence is not None and not (type(confidence) in (int, float) and 0 <= confidence <= 1):
        _fail(f"{where}, field confidence", "must be a number from 0 to 1")


def _plain_subject(subject) -> bool:
    """A subject that plainly passes the API's checks (short, printable, not blank).

    Stricter than the field (a tab or a no-break space sends it to the full check).
    """
    return (
        type(subject) is str
        and len(subject) <= SUBJECT_MAX
        and subject.isprintable()
        and not subject.isspace()
        and subject != ""
    )


def _named_in(value, names) -> bool:
    """Whether `value` is one of `names` (a list or object never is)."""
    return isinstance(value, str) and value in names


def _value(raw, where: str):
    """An exact claim value from an int, Decimal or numeric string."""
    if type(raw) is int and -MAX_ABS_VALUE < raw < MAX_ABS_VALUE:
        return raw
    if isinstance(raw, bool) or not isinstance(raw, int | Decimal | str | float):
        _fail(f"{where}, field value", "not a number")
    try:
        number = exact_number(raw)
    except ArithmeticError:
        _fail(f"{where}, field value", "not a number")
    if isinstance(number, Decimal) and not number.is_finite() or abs(number) >= MAX_ABS_VALUE:
        _fail(f"{where}, field value", "out of range")
    return number if isinstance(number, int) else str(number)


def read_articles(path: Path) -> Iterator[dict]:
    """Articles from a JSON Lines file, one per line, streamed."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield orjson.loads(line)
            except orjson.JSONDecodeError as error:
                _fail(f"{path.name}, line {number}", f"not valid JSON ({error})")


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
        for checked in _checked(read_articles(path), preparation):
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
        batch = Batch([(*document, self.changed_by) for document in checked.documents])
        for document, claims in zip(checked.documents, checked.claims, strict=True):
            self._add(batch, document, claims)
            self.first_id += len(claims)
        return batch

    def _add(self, batch: Batch, document: tuple, claims: list[tuple]) -> None:
        """Add one document's claim rows (ids from `first_id` on) to `batch`."""
        document_id, published, text = document[0], document[5], document[7]
        grams = search.DocumentGrams(text)
        first_id, changed_by, reason, now = self.first_id, self.changed_by, self.reason, self.now
        for claim_id, (
            speaker,
            attribution,
            subject,
            value,
            unit,
            kind,
            qualifier,
            start,
            end,
            sentence_start,
            sentence_end,
            restates,
            status,
            confidence,
        ) in enumerate(claims, start=first_id):
            batch.claims.append(
                (
                    claim_id,
                    document_id,
                    speaker,
                    attribution,
                    subject,
                    value,
                    unit,
                    kind,
                    qualifier,
                    text[start:end],
                    start,
                    end,
                    sentence_start,
                    sentence_end,
                    text[sentence_start:sentence_end],
                    text[max(0, start - CONTEXT_WIDTH) : start],
                    text[end : end + CONTEXT_WIDTH],
                    None if restates is None else first_id + restates,
                    published,
                    status,
                    confidence,
                    1,
                    changed_by,
                    reason,
                    now,
                    now,
                )
            )
            batch.grams.append((claim_id, grams.index_text(sentence_start, sentence_end, subject)))


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
            ids = [row[0] for row in batch.documents]
            stored = Document.select(Document.id).where(Document.id.in_(ids)).limit(1).scalar()
            _fail(f"document {stored!r}, field id", "a document with this id exists already")
    if batch.claims:
        executemany(cursor, insert_sql("claim", CLAIM_COLUMNS), batch.claims)
        search.index_rows(cursor, batch.grams)
    report.documents += len(batch.documents)
    report.claims += len(batch.claims)
