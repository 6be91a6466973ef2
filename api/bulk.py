"""Bulk import: whole articles with their claims, streamed in one transaction.

This is the path for loading archives (and the benchmark database). Records
are checked against the same vocabularies and anchoring rules as the API, but
with plain set lookups instead of a schema load per claim, and written with
`executemany` in batches, so memory stays bounded; the search index is filled
in the same batches. Any bad record aborts the whole import: nothing is
written, and the error names the article, claim and field.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import orjson
import peewee
from marshmallow import ValidationError
from peewee import IntegrityError

from api.ledger import write_transaction
from extractor.anchors import CONTEXT_WIDTH, text_sha256
from extractor.sentences import split_sentences
from extractor.vocabulary import ATTRIBUTIONS, CLAIM_STATUSES, KINDS, QUALIFIERS, UNITS
from schema import search
from schema.db import database, executemany, is_sqlite, sync_id_sequence
from schema.fields import MAX_ABS_VALUE
from schema.models import Claim, Document, Speaker, exact_number, utc_now
from schema.schemas import DocumentSchema

BATCH = 2000
DOCUMENT_SCHEMA = DocumentSchema()
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
)
_REQUIRED = ("attribution", "value", "unit", "kind", "stated_as", "start", "end")
_REQUIRED_SET = frozenset(_REQUIRED)
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


def _fail(where: str, message: str):
    """Stop the import, naming the record and field."""
    raise ImportRejected(f"{where}: {message}")


def _document_row(data: dict, where: str, now: dt.datetime) -> tuple:
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
        loaded["published"],
        loaded["language"],
        loaded["text"],
        text_sha256(loaded["text"]),
        now,
    )


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


def _check_claim(claim: dict, index: int, text: str, speakers: set, where: str) -> None:
    """Every rule a claim must meet; cheap enough to run on a million of them."""
    for name in _REQUIRED:
        if claim.get(name) is None:
            _fail(f"{where}, field {name}", "missing")
    for name, vocabulary in _VOCABULARY.items():
        if name in claim and claim[name] not in vocabulary:
            _fail(f"{where}, field {name}", f"{claim[name]!r} is not in the vocabulary")
    speaker = claim.get("speaker")
    if speaker is not None and speaker not in speakers:
        _fail(f"{where}, field speaker", f"no speaker {speaker!r}")
    start, end = claim["start"], claim["end"]
    if not (type(start) is int and type(end) is int and 0 <= start < end):
        _fail(f"{where}, field start", "offsets must be integers with start < end")
    if text[start:end] != claim["stated_as"]:
        _fail(f"{where}, field stated_as", f"text[{start}:{end}] is {text[start:end]!r}")
    restates = claim.get("restates")
    if restates is not None and not (type(restates) is int and 0 <= restates < index):
        _fail(f"{where}, field restates", "must be the index of an earlier claim")


def _claim_rows(
    article: dict,
    document_row: tuple,
    first_id: int,
    speakers: set,
    author: str,
    reason: str,
    now: dt.datetime,
) -> Iterator[tuple[tuple, str]]:
    """Anchored claim rows of one article (ids from `first_id` on) with their index text."""
    document_id, published, text = document_row[0], document_row[5], document_row[7]
    sentences = split_sentences(text)
    starts = [s.start for s in sentences]
    grams = search.DocumentGrams(text)
    for index, claim in enumerate(article.get("claims", ())):
        speaker = claim.get("speaker")
        if not _REQUIRED_SET <= claim.keys() or (speaker is not None and speaker not in speakers):
            _check_claim(claim, index, text, speakers, f"document {document_id!r}, claim #{index}")
        start, end, stated = claim["start"], claim["end"], claim["stated_as"]
        if (
            type(start) is not int
            or text[start:end] != stated
            or not start < end
            or claim["unit"] not in UNITS
            or claim["kind"] not in KINDS
            or claim["attribution"] not in ATTRIBUTIONS
            or claim.get("qualifier", "exact") not in QUALIFIERS
            or claim.get("status", "active") not in CLAIM_STATUSES
            or not (claim.get("restates") is None or type(claim["restates"]) is int)
            or not (claim.get("restates") is None or 0 <= claim["restates"] < index)
        ):
            _check_claim(claim, index, text, speakers, f"document {document_id!r}, claim #{index}")
        position = bisect.bisect_right(starts, start) - 1
        sentence = sentences[position] if position >= 0 else None
        if sentence is None or end > sentence.end:
            sentence_start, sentence_end = start, end
        else:
            sentence_start, sentence_end = sentence.start, sentence.end
        restates = claim.get("restates")
        subject = claim.get("subject")
        row = (
            first_id + index,
            document_id,
            speaker,
            claim["attribution"],
            subject,
            _value(claim["value"], f"document {document_id!r}, claim #{index}"),
            claim["unit"],
            claim["kind"],
            claim.get("qualifier", "exact"),
            stated,
            start,
            end,
            sentence_start,
            sentence_end,
            text[sentence_start:sentence_end],
            text[max(0, start - CONTEXT_WIDTH) : start],
            text[end : end + CONTEXT_WIDTH],
            None if restates is None else first_id + restates,
            published,
            claim.get("status", "active"),
            claim.get("confidence"),
            1,
            author,
            reason,
            now,
            now,
        )
        yield row, grams.index_text(sentence_start, sentence_end, subject)


def import_articles(
    articles: Iterable[dict], *, author: str = "import", reason: str = "bulk import"
) -> ImportReport:
    """Import documents with their claims in one transaction; all or nothing.

    Each article is `{"document": {...}, "claims": [...]}`: document fields as
    in `POST /v1/documents`, claims with `start`/`end` offsets, `speaker` ids
    of speakers already stored, and `restates` as the index of an earlier claim
    of the same article.
    """
    report = ImportReport()
    sqlite = is_sqlite()
    # References are checked while preparing (speakers against a set, documents
    # and restatements within the article), so SQLite need not look them up again.
    if sqlite:
        database.execute_sql("PRAGMA foreign_keys = 0")
    try:
        with write_transaction():
            if not sqlite:
                # Claim ids are numbered here from the largest one: like SQLite's
                # writer lock, keep other writers out until the import commits.
                database.execute_sql('LOCK TABLE "claim" IN EXCLUSIVE MODE')
            speakers = {row[0] for row in Speaker.select(Speaker.id).tuples().iterator()}
            last_id = Claim.select(Claim.id).order_by(Claim.id.desc()).limit(1).scalar() or 0
            cursor = database.cursor()
            for documents, claims, grams in _batches(
                articles, speakers, last_id + 1, author, reason
            ):
                _flush(cursor, documents, claims, grams, report)
            sync_id_sequence("claim")
    finally:
        if sqlite:
            database.execute_sql("PRAGMA foreign_keys = 1")
    # Fresh statistics let the planner pick the selective index (a speaker's
    # claims) over the one that merely avoids a sort (claims grouped by unit).
    database.execute_sql("ANALYZE")
    return report


def import_file(path: Path, *, author: str = "import", reason: str = "bulk import") -> ImportReport:
    """Import a JSON Lines file of articles, streamed (one article in memory at a time)."""
    return import_articles(read_articles(path), author=author, reason=reason)


def _batches(
    articles: Iterable[dict], speakers: set, next_id: int, author: str, reason: str
) -> Iterator[tuple[list, list, list]]:
    """Checked, anchored rows in batches of about BATCH claims."""
    now = utc_now()
    known_documents = set()
    documents, claims, grams = [], [], []
    for number, article in enumerate(articles):
        if not isinstance(article, dict):
            _fail(f"article #{number}", "must be an object with document and claims")
        row = _document_row(article.get("document") or {}, f"article #{number}", now)
        if row[0] in known_documents:
            _fail(f"article #{number}, field id", f"document {row[0]!r} appears twice")
        known_documents.add(row[0])
        documents.append(row)
        for claim_row, index_text in _claim_rows(
            article, row, next_id, speakers, author, reason, now
        ):
            claims.append(claim_row)
            grams.append((claim_row[0], index_text))
        next_id += len(article.get("claims", ()))
        if len(claims) >= BATCH:
            yield documents, claims, grams
            documents, claims, grams = [], [], []
    if documents:
        yield documents, claims, grams


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


def _flush(cursor, documents: list, claims: list, grams: list, report: ImportReport) -> None:
    """Write one batch of rows."""
    if documents:
        # PostgreSQL aborts a transaction at its first error: a savepoint keeps it
        # usable for the look-up below (SQLite needs none, and its costs pages).
        guard = contextlib.nullcontext() if is_sqlite() else database.savepoint()
        try:
            with guard, peewee.__exception_wrapper__:  # driver errors as peewee's
                executemany(cursor, insert_sql("document", DOCUMENT_COLUMNS), documents)
        except IntegrityError:
            ids = [row[0] for row in documents]
            stored = Document.select(Document.id).where(Document.id.in_(ids)).limit(1).scalar()
            _fail(f"document {stored!r}, field id", "a document with this id exists already")
    if claims:
        executemany(cursor, insert_sql("claim", CLAIM_COLUMNS), claims)
        search.index_rows(cursor, grams)
    report.documents += len(documents)
    report.claims += len(claims)
