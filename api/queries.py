"""Read queries for claims, documents and speakers: plain functions, no request.

Views parse the query string with the schemas and hand the arguments here, so
the same filters serve the HTTP API, exports and tests.
"""

from __future__ import annotations

import datetime as dt
from collections import namedtuple
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from peewee import JOIN, SQL, fn

from api.pagination import CursorError, decode_cursor, encode_cursor
from schema import search
from schema.db import database, is_sqlite
from schema.fields import MAX_ABS_VALUE
from schema.models import Claim, Document, Speaker, SpeakerAlias, exact_number

SORT_COLUMNS = {"id": None, "value": Claim.value, "published": Claim.published}
FACET_COLUMNS = {
    "unit": Claim.unit,
    "kind": Claim.kind,
    "speaker": Claim.speaker,
    "document": Claim.document,
}
FACET_SIZE = 50


@dataclass
class Page:
    """One page of rows and the cursor for the next (None on the last page)."""

    rows: list
    next_cursor: str | None
    facets: dict = field(default_factory=dict)
    count: int | None = None


# The columns a claim is shown with, in the order of ClaimRow's fields.
CLAIM_ROW_COLUMNS = {
    "id": Claim.id,
    "status": Claim.status,
    "value": Claim.value,
    "unit": Claim.unit,
    "kind": Claim.kind,
    "qualifier": Claim.qualifier,
    "stated_as": Claim.stated_as,
    "subject": Claim.subject,
    "attribution": Claim.attribution,
    "confidence": Claim.confidence,
    "speaker_id": Speaker.id,
    "speaker_name": Speaker.name,
    "speaker_name_en": Speaker.name_en,
    "speaker_kind": Speaker.kind,
    "speaker_role": Speaker.role,
    "speaker_organization": Speaker.organization,
    "document_id": Document.id,
    "document_title": Document.title,
    "document_outlet": Document.outlet,
    "document_author": Document.author,
    "document_url": Document.url,
    "document_published": Document.published,
    "sentence": Claim.sentence,
    "start": Claim.start,
    "end": Claim.end,
    "sentence_start": Claim.sentence_start,
    "sentence_end": Claim.sentence_end,
    "text_sha256": Document.text_sha256,
    "quote_prefix": Claim.quote_prefix,
    "quote_suffix": Claim.quote_suffix,
    "restates": Claim.restates,
    "status_reason": Claim.status_reason,
    "status_changed_by": Claim.status_changed_by,
    "status_changed_at": Claim.status_changed_at,
    "version": Claim.version,
    "created_at": Claim.created_at,
    "updated_at": Claim.updated_at,
    "published": Claim.published,
}
ClaimRow = namedtuple("ClaimRow", CLAIM_ROW_COLUMNS)


def claim_rows():
    """Claims joined with the citation-relevant columns of speaker and document."""
    return (
        Claim.select(*CLAIM_ROW_COLUMNS.values())
        .join(Speaker, JOIN.LEFT_OUTER)
        .switch(Claim)
        .join(Document)
    )


def fetch_rows(query) -> list[ClaimRow]:
    """Run a `claim_rows` query and return the database's values as they come.

    No model instances and no per-field conversion: the hot path serialises
    these values directly (see `representation.claim_body`).
    """
    return [ClaimRow._make(row) for row in database.execute(query).fetchall()]


def speakers_matching(term: str):
    """Ids of speakers whose id, name, English name or alias is exactly `term`."""
    # A union of indexed lookups: OR across columns would scan every speaker.
    return (
        Speaker.select(Speaker.id).where(Speaker.id == term)
        | Speaker.select(Speaker.id).where(Speaker.name == term)
        | Speaker.select(Speaker.id).where(Speaker.name_en == term)
        | SpeakerAlias.select(SpeakerAlias.speaker).where(SpeakerAlias.alias == term)
    )


def speakers_of_organization(term: str):
    """Ids of the organisation named `term` (by any of its names) and of its people."""
    ids, names = set(), {term}
    matches = ids_of(speakers_matching(term))
    if matches:
        organizations = Speaker.select(Speaker.id, Speaker.name).where(
            Speaker.id.in_(matches) & (Speaker.kind == "organization")
        )
        for speaker_id, name in organizations.tuples():
            ids.add(speaker_id)
            names.add(name)
    people = Speaker.select(Speaker.id).where(Speaker.organization.in_(list(names)))
    if not ids:
        return people
    return Speaker.select(Speaker.id).where(Speaker.id.in_(list(ids))) | people


def ids_of(select) -> list:
    """Run a small id query now, so the claim query gets literal ids its indexes can use.

    As a subquery, SQLite would walk the claims in id order testing membership,
    which costs a table scan for a speaker with few claims.
    """
    return [row[0] for row in select.tuples()]


def claim_conditions(args: dict, *, index_search: bool = True) -> list:
    """The WHERE conditions for the claim filters in `args` (a parsed query).

    With `index_search` False, a `q` filter contributes only its exact
    substring test; the caller then narrows by the search index itself.
    """
    conditions = []
    status = args.get("status", "active")
    if status != "all":
        conditions.append(Claim.status == status)
    if "speaker_id" in args:
        conditions.append(Claim.speaker == args["speaker_id"])
    if "document_id" in args:
        conditions.append(Claim.document == args["document_id"])
    if "speaker" in args:
        conditions.append(Claim.speaker.in_(ids_of(speakers_matching(args["speaker"]))))
    if "organization" in args:
        organization = speakers_of_organization(args["organization"])
        conditions.append(Claim.speaker.in_(ids_of(organization)))
    for name in ("document", "unit", "kind", "qualifier", "attribution"):
        if name in args:
            conditions.append(getattr(Claim, name) == args[name])
    if "value_min" in args:
        conditions.append(Claim.value >= args["value_min"])
    if "value_max" in args:
        conditions.append(Claim.value <= args["value_max"])
    if "published_from" in args:
        conditions.append(Claim.published >= args["published_from"])
    if "published_to" in args:
        conditions.append(Claim.published <= args["published_to"])
    if "q" in args:
        conditions.extend(_text_conditions(args["q"], index_search))
    return conditions


def _text_conditions(q: str, index_search: bool) -> list:
    """Every query word must occur as a substring of sentence, subject or stated_as."""
    terms = search.query_terms(q)
    if not terms:
        return [SQL("0")]
    haystack = fn.LOWER(
        Claim.sentence.concat(" ")
        .concat(fn.COALESCE(Claim.subject, ""))
        .concat(" ")
        .concat(Claim.stated_as)
    )
    conditions = []
    expression = search.match_expression(terms)
    if expression is not None and is_sqlite() and index_search:
        conditions.append(
            Claim.id.in_(
                SQL("(SELECT rowid FROM claim_search WHERE claim_search MATCH ?)", (expression,))
            )
        )
    for term in terms:
        conditions.append(fn.INSTR(haystack, term) > 0)
    return conditions


def _where(query, conditions: list):
    """Apply all conditions with AND."""
    for condition in conditions:
        query = query.where(condition)
    return query


def _keyset(sort: str, cursor: str):
    """The ORDER BY and the after-cursor condition for `sort`."""
    descending = sort.startswith("-")
    column = SORT_COLUMNS[sort.lstrip("-")]
    order = [Claim.id.desc() if descending else Claim.id.asc()]
    if column is not None:
        order.insert(0, column.desc() if descending else column.asc())
    if cursor is None:
        return order, None
    key, last_id = decode_cursor(cursor, sort)
    if not isinstance(last_id, int):
        raise CursorError("Not a cursor issued by this API.")
    after = (lambda a, b: a < b) if descending else (lambda a, b: a > b)
    if column is None:
        return order, after(Claim.id, last_id)
    key = _cursor_key(sort.lstrip("-"), key)
    return order, after(column, key) | ((column == key) & after(Claim.id, last_id))


def _cursor_key(name: str, key):
    """Turn a cursor's sort key back into the column's type, rejecting junk."""
    try:
        if name == "value":
            number = exact_number(Decimal(str(key)))
            if abs(number) >= MAX_ABS_VALUE:
                raise ValueError(key)
            return number
        return dt.date.fromisoformat(key)
    except (InvalidOperation, ValueError, TypeError, ArithmeticError):
        raise CursorError("Not a cursor issued by this API.") from None


def _sort_key(sort: str, claim: Claim):
    """The cursor key of the last row on a page."""
    name = sort.lstrip("-")
    if name == "value":
        return str(exact_number(claim.value))
    if name == "published":
        return str(claim.published)[:10]
    return None


def _searched_in_id_order(args: dict, sort: str, limit: int) -> list[ClaimRow]:
    """A page for `q` sorted by id, driven by the search index in rowid order.

    The index yields matching ids in order, a growing chunk at a time; each
    chunk is checked against the other filters by primary key. The page stops
    as soon as it is full, however many claims match the term overall.
    """
    expression = search.match_expression(search.query_terms(args["q"]))
    conditions = claim_conditions(args, index_search=False)
    descending = sort == "-id"
    last = None
    if args.get("cursor"):
        _, last = decode_cursor(args["cursor"], sort)
        if not isinstance(last, int):
            raise CursorError("Not a cursor issued by this API.")
    rows: list[ClaimRow] = []
    chunk = 256
    while len(rows) <= limit:
        ids = search.matching_ids(expression, after=last, descending=descending, limit=chunk)
        if not ids:
            break
        query = _where(claim_rows(), [*conditions, Claim.id.in_(ids)])
        order = Claim.id.desc() if descending else Claim.id.asc()
        rows += fetch_rows(query.order_by(order).limit(limit + 1 - len(rows)))
        if len(ids) < chunk:
            break
        last, chunk = ids[-1], min(chunk * 4, 16_384)
    return rows


def list_claims(args: dict) -> Page:
    """A page of claims matching `args`, with facets and total count when asked."""
    sort, limit = args.get("sort", "id"), args.get("limit", 50)
    indexed_text = (
        "q" in args
        and sort in ("id", "-id")
        and is_sqlite()
        and search.match_expression(search.query_terms(args["q"])) is not None
    )
    conditions = claim_conditions(args)
    if indexed_text:
        rows = _searched_in_id_order(args, sort, limit)
    else:
        order, after = _keyset(sort, args.get("cursor"))
        query = _where(claim_rows(), conditions + ([after] if after is not None else []))
        rows = fetch_rows(query.order_by(*order).limit(limit + 1))
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor(sort, _sort_key(sort, last), last.id)
    page = Page(rows, next_cursor)
    for name in args.get("facet") or ():
        page.facets[name] = facet_counts(name, conditions)
    if args.get("count"):
        page.count = _where(Claim.select(), conditions).count()
    return page


def facet_counts(name: str, conditions: list) -> list[dict]:
    """The most frequent values of one column among the matching claims."""
    column = FACET_COLUMNS[name]
    count = fn.COUNT(Claim.id).alias("n")
    query = _where(Claim.select(column.alias("v"), count), conditions).group_by(column)
    buckets = [
        {"value": row["v"], "count": row["n"]}
        for row in query.order_by(SQL("n").desc(), column).limit(FACET_SIZE).dicts()
    ]
    if name == "speaker":
        names = dict(
            Speaker.select(Speaker.id, Speaker.name)
            .where(Speaker.id.in_([b["value"] for b in buckets if b["value"]]))
            .tuples()
        )
        for bucket in buckets:
            bucket["name"] = names.get(bucket["value"])
    return buckets


def restatements(claim_ids: list[int]) -> dict[int, list[int]]:
    """For each claim id, the ids of claims that restate it."""
    found: dict[int, list[int]] = {}
    if not claim_ids:
        return found
    # Sorted here: an ORDER BY id would tempt SQLite into walking the whole table.
    rows = Claim.select(Claim.id, Claim.restates).where(Claim.restates.in_(claim_ids)).tuples()
    for claim_id, target in sorted(rows):
        found.setdefault(target, []).append(claim_id)
    return found


def get_claim(claim_id: int) -> ClaimRow | None:
    """One claim with its speaker and document columns, whatever its status."""
    rows = fetch_rows(claim_rows().where(Claim.id == claim_id))
    return rows[0] if rows else None


def list_records(model, args: dict, base=None) -> Page:
    """A keyset page of a small collection ordered by its slug id."""
    query = base if base is not None else model.select()
    if args.get("cursor"):
        _, last_id = decode_cursor(args["cursor"], "id")
        if not isinstance(last_id, str):
            raise CursorError("Not a cursor issued by this API.")
        query = query.where(model.id > last_id)
    rows = list(query.order_by(model.id).limit(args["limit"] + 1))
    next_cursor = None
    if len(rows) > args["limit"]:
        rows = rows[: args["limit"]]
        next_cursor = encode_cursor("id", None, rows[-1].id)
    return Page(rows, next_cursor)


def aliases_of(speaker_ids: list[str]) -> dict[str, list[str]]:
    """Each speaker's aliases in their stored order."""
    found: dict[str, list[str]] = {sid: [] for sid in speaker_ids}
    rows = (
        SpeakerAlias.select(SpeakerAlias.speaker, SpeakerAlias.alias)
        .where(SpeakerAlias.speaker.in_(speaker_ids))
        .order_by(SpeakerAlias.speaker, SpeakerAlias.position)
        .tuples()
    )
    for speaker_id, alias in rows:
        found[speaker_id].append(alias)
    return found
