"""Reading and checking the articles of an import, with the API's own rules.

Every claim is loaded by `ImportedClaimSchema` (the claim's schema, with the
article standing for its document), compiled for speed (schema.fast_load); a
claim that fails is loaded by the schema itself, whose message names the
field. Beyond
the schema, an imported claim meets the rules the API applies when it stores
a claim: its offsets hold its quote in the text, its speaker is stored, and it
restates an earlier claim of its article.

Nothing here writes: `checked_articles` turns articles into plain values that
core.bulk_import numbers and writes, in this process or sent from a child.
"""

from __future__ import annotations

import bisect
import datetime as dt
import operator
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from marshmallow import ValidationError

from core.claim_writes import quoted_fields
from core.document_writes import document_id_for
from core.rejections import ClaimRejected
from extractor.anchors import text_sha256
from extractor.quotes import find_quotes
from extractor.sentences import split_sentences
from schema.fast_load import fast_loader
from schema.models import Claim
from schema.schemas import DocumentSchema, ImportedClaimSchema

BATCH = 2000  # claims per checked batch (and per write)
DOCUMENT_SCHEMA = DocumentSchema()
CLAIM_SCHEMA = ImportedClaimSchema()
_load_claim = fast_loader(CLAIM_SCHEMA)
# A checked claim is the tuple of its loaded fields in this order, then the span
# of the sentence it stands in and of a direct quote's own words (core.bulk_import
# cuts their text columns from those). Every field is loaded (an imported claim
# gives its offsets; the rest have defaults).
CHECKED_FIELDS = (
    *CLAIM_SCHEMA.load_fields,
    "sentence_start",
    "sentence_end",
    "quoted_start",
    "quoted_end",
)
_loaded_tuple = operator.itemgetter(*CLAIM_SCHEMA.load_fields)
_stored_value = Claim.value.db_value  # int, or a non-integral value as exact text


class ImportRejected(Exception):
    """A record that cannot be imported; the whole import is rolled back."""


@dataclass(frozen=True)
class Preparation:
    """What checking articles needs from the database: plain values a child process can take."""

    speakers: frozenset[str]
    now: dt.datetime | str  # the import's timestamp, as stored
    sqlite: bool


@dataclass
class Checked:
    """Articles as read and checked: document rows (by field name), and each one's claims.

    Claims are tuples in CHECKED_FIELDS order; their text columns are cut from
    the document's text when they are written, so what a checking child sends
    is little more than the text.
    """

    documents: list[dict] = field(default_factory=list)
    claims: list[list[tuple]] = field(default_factory=list)
    count: int = 0


def as_stored(value: dt.date, sqlite: bool) -> dt.date | str:
    """A date or time as the database stores it, for rows that repeat it.

    sqlite3 would convert it to the same ISO text for every row it appears in
    (a document's date is in each of its claims, the import's time in every
    row); converting it once is cheaper. PostgreSQL's driver takes it as it is.
    """
    if not sqlite:
        return value
    return value.isoformat(" ") if isinstance(value, dt.datetime) else value.isoformat()


def fail(where: str, message: str):
    """Stop the import, naming the record and field."""
    raise ImportRejected(f"{where}: {message}")


def read_articles(path: Path) -> Iterator[dict]:
    """Articles from a JSON Lines file, one per line, streamed."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield orjson.loads(line)
            except orjson.JSONDecodeError as error:
                fail(f"{path.name}, line {number}", f"not valid JSON ({error})")


def checked_articles(articles: Iterable[dict], preparation: Preparation) -> Iterator[Checked]:
    """Read and check articles, in batches of about BATCH claims."""
    known_documents = set()
    checked = Checked()
    for number, article in enumerate(articles):
        where = f"article #{number}"
        if not isinstance(article, dict):
            fail(where, "must be an object with document and claims")
        document = _document(article.get("document") or {}, where, preparation)
        if document["id"] in known_documents:
            fail(f"{where}, field id", f"document {document['id']!r} appears twice")
        known_documents.add(document["id"])
        claims = article.get("claims", [])
        if not isinstance(claims, list):
            fail(f"{where}, field claims", "must be a list")
        checked.documents.append(document)
        checked.claims.append(_claims(claims, document, preparation.speakers))
        checked.count += len(claims)
        if checked.count >= BATCH:
            yield checked
            checked = Checked()
    if checked.documents:
        yield checked


def _first_error(error: ValidationError) -> tuple[str, str]:
    """The first field a schema named, with its messages on one line."""
    name, messages = next(iter(error.messages.items()))
    if isinstance(messages, dict):  # a nested or indexed field: take its first message
        messages = next(iter(messages.values()))
    return name, "; ".join(map(str, messages))


def _document(data: dict, where: str, preparation: Preparation) -> dict:
    """A document checked by the API's schema (documents are few: the full load is cheap)."""
    try:
        loaded = DOCUMENT_SCHEMA.load(data)
    except ValidationError as error:
        fail(*_where_field(where, *_first_error(error)))
    if loaded["supersedes"] is not None:
        fail(f"{where}, field supersedes", "an import cannot supersede; post the correction")
    digest = text_sha256(loaded["text"])
    return {
        **loaded,
        "id": loaded.get("id") or document_id_for(digest),
        "published": as_stored(loaded["published"], preparation.sqlite),
        "text_sha256": digest,
        "created_at": preparation.now,
    }


def _where_field(where: str, name: str, message: str) -> tuple[str, str]:
    return f"{where}, field {name}", message


def _claims(claims: list, document: dict, speakers: frozenset[str]) -> list[tuple]:
    """An article's claims checked, each with the span of the sentence it stands in.

    A claim that crosses a sentence boundary is its own sentence.
    """
    text = document["text"]
    sentences = split_sentences(text)
    starts = [s.start for s in sentences]
    quotes = None  # paired once per article, when a direct quote asks
    checked = []
    for index, claim in enumerate(claims):
        loaded = _load_claim(claim)
        if not (
            loaded is not None
            and "start" in loaded
            and 0 <= loaded["start"] < loaded["end"] <= len(text)
            and text[loaded["start"] : loaded["end"]] == loaded["stated_as"]
            and (loaded["speaker"] is None or loaded["speaker"] in speakers)
            and (loaded.get("restates") is None or loaded["restates"] < index)
        ):
            where = f"document {document['id']!r}, claim #{index}"
            loaded = _loaded_or_rejected(claim, index, text, speakers, where)
        start, end = loaded["start"], loaded["end"]
        position = bisect.bisect_right(starts, start) - 1
        sentence = sentences[position] if position >= 0 else None
        if sentence is None or end > sentence.end:
            span = (start, end)
        else:
            span = (sentence.start, sentence.end)
        if type(loaded["value"]) is not int:
            loaded["value"] = _stored_value(loaded["value"])
        quoted = (None, None)
        if loaded["attribution"] == "direct_quote":
            quotes = quotes or find_quotes(text)
            try:
                words = quoted_fields(text, "direct_quote", start, end, quotes)
            except ClaimRejected as error:
                fail(
                    f"document {document['id']!r}, claim #{index}, field {error.field}",
                    error.message,
                )
            quoted = (words["quoted_start"], words["quoted_end"])
        checked.append(_loaded_tuple(loaded) + span + quoted)
    return checked


def _loaded_or_rejected(claim, index: int, text: str, speakers, where: str) -> dict:
    """The claim loaded by the schema and checked in full, or the fault by field.

    The slow path of `_claims`, for claims its shortcut doubts. The offsets
    come first: they say where the quote is, and the API checks them first.
    """
    if not isinstance(claim, dict):
        fail(where, "must be an object")
    for name in ("start", "end"):
        if claim.get(name) is None:
            fail(f"{where}, field {name}", "missing: an imported claim gives its offsets")
    start, end = claim["start"], claim["end"]
    if not (type(start) is int and type(end) is int and 0 <= start < end <= len(text)):
        fail(f"{where}, field start", "offsets must be integers with 0 <= start < end <= length")
    if text[start:end] != claim.get("stated_as"):
        fail(f"{where}, field stated_as", f"text[{start}:{end}] is {text[start:end]!r}")
    try:
        loaded = CLAIM_SCHEMA.load(claim)
    except ValidationError as error:
        fail(*_where_field(where, *_first_error(error)))
    if loaded["speaker"] is not None and loaded["speaker"] not in speakers:
        fail(f"{where}, field speaker", f"no speaker {loaded['speaker']!r}")
    if loaded.get("restates") is not None and not loaded["restates"] < index:
        fail(f"{where}, field restates", "must be the index of an earlier claim")
    return loaded
