"""The claim list's query language: each filter, sort and facet, and what it means in SQL.

A filter is one entry of `FILTERS`: the field that reads, validates and
documents its value, and the condition it adds. `ClaimQueryArgsSchema` is made
from that table, so no filter can validate and then do nothing.

Conditions name columns of the claim table only (alias t1): the total count
and the facets count claims without joining speakers or documents. A filter on
another table's column goes through an id list (`speaker`, `organization`);
`on_claims` refuses any other column when the table is built.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from marshmallow import ValidationError, fields, missing, validate, validates_schema

from core import organizations
from extractor.vocabulary import ATTRIBUTIONS, CLAIM_STATUSES, KINDS, QUALIFIERS, UNITS
from schema import search
from schema.db import database, is_sqlite
from schema.fields import ExactNumber, reject_control_characters, require_nonblank
from schema.models import Claim, Speaker
from schema.schemas import PAGE_CURSOR, PAGE_LIMIT, SLUG, StrictSchema, one_of, short_text

CLAIM_COLUMNS = frozenset(field.column_name for field in Claim._meta.sorted_fields)


class Where:
    """A conjunction of SQL conditions on the claim table (alias t1) and their parameters.

    With `index_search` False, a `q` filter contributes only its exact
    substring test; the caller then narrows by the search index itself.
    """

    def __init__(self, *, index_search: bool = True) -> None:
        self.parts: list[str] = []
        self.params: list = []
        self.index_search = index_search

    def add(self, condition: str, *params) -> None:
        """Add one condition; `?` marks a parameter (rewritten for the backend)."""
        self.parts.append(condition.replace("?", database.param))
        self.params.extend(params)

    def column_in(self, column: str, values: list) -> None:
        """`column IN (…)`; an empty list matches nothing."""
        if not values:
            self.add("0 = 1")
        else:
            self.add(f't1."{column}" IN ({", ".join("?" * len(values))})', *values)

    def sql(self) -> str:
        """The WHERE clause (without the keyword)."""
        return " AND ".join(self.parts) if self.parts else "1 = 1"

    def copy(self) -> Where:
        """An independent copy, to add conditions for one query only."""
        other = Where(index_search=self.index_search)
        other.parts, other.params = list(self.parts), list(self.params)
        return other


def on_claims(column: str) -> str:
    """`column`, checked to be the claim table's (see the module's docstring)."""
    if column not in CLAIM_COLUMNS:
        raise ValueError(f"{column!r} is not a column of the claim table")
    return column


def equals(column: str) -> Callable[[Where, Any], None]:
    """The condition `column = value`."""
    on_claims(column)
    return lambda where, value: where.add(f't1."{column}" = ?', value)


def value_param(value):
    """A claim value as the database compares it exactly (Decimal as text on SQLite)."""
    return value if isinstance(value, int) or not is_sqlite() else str(value)


def bound(column: str, operator: str) -> Callable[[Where, Any], None]:
    """The condition `column <operator> value`, for a value or a publication date."""
    on_claims(column)
    as_param = value_param if column == "value" else str
    return lambda where, value: where.add(f't1."{column}" {operator} ?', as_param(value))


def speaker_ids(term: str) -> list[str]:
    """Ids of speakers whose id, name, English name or alias is exactly `term`."""
    # A union of indexed lookups: OR across columns would scan every speaker.
    sql = (
        'SELECT "id" FROM "speaker" WHERE "id" = ? UNION SELECT "id" FROM "speaker" '
        'WHERE "name" = ? UNION SELECT "id" FROM "speaker" WHERE "name_en" = ? '
        'UNION SELECT "speaker_id" FROM "speaker_alias" WHERE "alias" = ?'
    ).replace("?", database.param)
    return [row[0] for row in database.execute_sql(sql, [term] * 4).fetchall()]


def speakers_of_organization(term: str) -> list[str]:
    """Ids of the speakers of the organisation named `term` (any of its record's names or
    aliases, in either language): its people and the organisation speaking as itself."""
    records = organizations.lookup(term)
    speakers = speaker_ids(term)
    if speakers:  # an organisation speaker named by one of its own speaker names
        records += [
            row[0]
            for row in Speaker.select(Speaker.organization_id)
            .where(Speaker.id.in_(speakers) & (Speaker.kind == "organization"))
            .tuples()
            if row[0]
        ]
    if not records:
        return []
    members = Speaker.select(Speaker.id).where(Speaker.organization_id.in_(sorted(set(records))))
    return sorted({row[0] for row in members.tuples()})


def _like_pattern(term: str) -> str:
    """`%term%` with LIKE's wildcards escaped, so they match only themselves."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def text_search(where: Where, q: str) -> None:
    """Every query word must occur as a substring of sentence, subject or stated_as."""
    terms = search.query_terms(q)
    if not terms:
        where.add("0 = 1")
        return
    hits = search.index_filter(terms) if where.index_search else None
    if hits is not None:
        where.add(f't1."id" IN ({hits[0]})', hits[1])
    haystack = search.SEARCHED_TEXT.format(table="t1.")
    for term in terms:
        where.add(f"{haystack} LIKE ? ESCAPE '\\'", _like_pattern(term))


def status_is(where: Where, status: str) -> None:
    """Claims of one status; `all` adds no condition."""
    if status != "all":
        equals("status")(where, status)


@dataclass(frozen=True)
class Filter:
    """One filter of the claim list: how its value is read, and how it narrows the claims."""

    field: fields.Field
    narrow: Callable[[Where, Any], None]


FILTERS: dict[str, Filter] = {
    "speaker": Filter(
        short_text(metadata={"description": "Speaker id, name or alias."}),
        lambda where, term: where.column_in(on_claims("speaker_id"), speaker_ids(term)),
    ),
    "organization": Filter(
        short_text(metadata={"description": "Organisation of the speaker."}),
        lambda where, term: where.column_in(
            on_claims("speaker_id"), speakers_of_organization(term)
        ),
    ),
    "document": Filter(fields.String(validate=SLUG), equals("document_id")),
    "unit": Filter(fields.String(validate=one_of(UNITS)), equals("unit")),
    "kind": Filter(fields.String(validate=one_of(KINDS)), equals("kind")),
    "qualifier": Filter(fields.String(validate=one_of(QUALIFIERS)), equals("qualifier")),
    "attribution": Filter(fields.String(validate=one_of(ATTRIBUTIONS)), equals("attribution")),
    "status": Filter(
        fields.String(load_default="active", validate=one_of([*CLAIM_STATUSES, "all"])),
        status_is,
    ),
    "value_min": Filter(ExactNumber(), bound("value", ">=")),
    "value_max": Filter(ExactNumber(), bound("value", "<=")),
    "figure": Filter(
        fields.Integer(
            validate=validate.Range(min=1, max=2**63 - 1),
            metadata={"description": "Figure id: the claims that are its appearances."},
        ),
        equals("figure_id"),
    ),
    "published_from": Filter(fields.Date(), bound("published", ">=")),
    "published_to": Filter(fields.Date(), bound("published", "<=")),
    "q": Filter(
        fields.String(
            validate=[validate.Length(min=1, max=200), reject_control_characters, require_nonblank],
            metadata={"description": "Substring search over sentence, subject and stated_as."},
        ),
        text_search,
    ),
}
# Nested lists (/v1/documents/{id}/claims, /v1/speakers/{id}/claims) add their
# resource's id under these names; they are not query parameters.
SCOPES = {"document_id": equals("document_id"), "speaker_id": equals("speaker_id")}
# Sorts by name (each also descending, "-name"), with the claim column they order by.
SORTS = {"id": None, "value": on_claims("value"), "published": on_claims("published")}
# Facets by name, with the claim column they count.
FACETS = {
    "unit": on_claims("unit"),
    "speaker": on_claims("speaker_id"),
    "kind": on_claims("kind"),
    "document": on_claims("document_id"),
}
EXPORT_FORMATS = ("json", "csv", "ndjson")


def claim_where(args: dict, *, index_search: bool = True) -> Where:
    """The conditions of every filter and scope in `args` (a parsed query).

    A filter with a default (`status`) applies it when `args` lacks it, as
    the schema would have filled it in.
    """
    where = Where(index_search=index_search)
    for name, claim_filter in FILTERS.items():
        if name in args:
            claim_filter.narrow(where, args[name])
        elif claim_filter.field.load_default is not missing:
            claim_filter.narrow(where, claim_filter.field.load_default)
    for name, narrow in SCOPES.items():
        if name in args:
            narrow(where, args[name])
    return where


_FilterFields = StrictSchema.from_dict(
    {name: claim_filter.field for name, claim_filter in FILTERS.items()}, name="ClaimFilters"
)


class ClaimQueryArgsSchema(_FilterFields):
    """Filters, sort and paging of `GET /v1/claims` (the filters come from FILTERS)."""

    sort = fields.String(
        load_default="id", validate=one_of([s for n in SORTS for s in (n, f"-{n}")])
    )
    limit = PAGE_LIMIT
    cursor = PAGE_CURSOR
    facet = fields.List(fields.String(validate=one_of(FACETS)), validate=validate.Length(max=4))
    count = fields.Boolean(load_default=False)
    format = fields.String(
        validate=one_of(EXPORT_FORMATS),
        metadata={"description": "csv or ndjson stream every matching claim (no paging)."},
    )

    @validates_schema
    def ranges_in_order(self, data, **kwargs):
        """A range whose lower bound exceeds its upper bound is a mistake, not an empty set."""
        for low, high in (("value_min", "value_max"), ("published_from", "published_to")):
            if low in data and high in data and data[low] > data[high]:
                raise ValidationError(f"Must not exceed {high}.", low)


claim_query_args = ClaimQueryArgsSchema()  # one instance: building it per request is costly
