"""The query set: each question as our URL, Datasette's equivalent URLs and raw SQL.

Keeping the forms side by side makes it easy to check they ask the same thing.
Datasette answers each question two ways:

- its table and row URLs, which return the claim's own columns only (a bare
  row: no speaker or document fields). They add `status=active` (our API's
  default filter, so both return the same rows) and `_nocount=1` (our API
  counts only when asked);
- a canned query (`canned`) running exactly our claim-row SQL, joins
  included, through its JSON API: the same work as ours. The raw SQL is the
  ceilings' too, so the canned query, the ceilings and our API all read the
  same columns of the same rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from bench.params import PAGE_SIZE, Params
from core.claim_rows import CLAIM_ROW_COLUMNS
from core.pagination import encode_cursor
from schema.models import Claim
from schema.search import match_expression, query_terms

LOOKUP, LIST, EXPORT = "lookup", "list", "export"

# The columns the API reads for a claim (core/claim_rows.py), joined as it joins them,
# with short aliases: the claim is c, each row it references its table's initial.
_JOINED = list(dict.fromkeys(c.model for c in CLAIM_ROW_COLUMNS.values()))
_ALIASES = {model: model._meta.table_name[0] for model in _JOINED}
_REFERENCES = {ref.rel_model: ref for ref in Claim._meta.refs if ref.rel_model is not Claim}
CLAIM_SELECT = (
    "SELECT "
    + ", ".join(f'{_ALIASES[c.model]}."{c.column_name}"' for c in CLAIM_ROW_COLUMNS.values())
    + " FROM claim c "
    + " ".join(
        f"{'LEFT JOIN' if _REFERENCES[model].null else 'JOIN'} {model._meta.table_name} "
        f"{_ALIASES[model]} ON {_ALIASES[model]}.id = c.{_REFERENCES[model].column_name}"
        for model in _JOINED
        if model is not Claim
    )
)
ACTIVE = "c.status = 'active'"
# Materialised first, so SQLite counts the speaker's rows instead of walking the
# (status, unit, value) index over every active claim to avoid a sort.
FACET_SQL = (
    "WITH matched AS MATERIALIZED (SELECT c.unit FROM claim c WHERE {where}) "
    "SELECT unit, COUNT(*) AS n FROM matched GROUP BY unit ORDER BY n DESC, unit LIMIT 50"
)


@dataclass
class Query:
    """One benchmark question in its forms (paths rotate under load)."""

    name: str
    kind: str
    ours: list[str]
    reference: list[str]
    sql: list[list[tuple[str, tuple]]] = field(default_factory=list)  # per request: statements
    # Datasette's canned-query form: the response format it is asked in ("json",
    # "csv" or "ndjson"), None when the question takes more than one statement.
    canned_format: str | None = "json"

    def canned_sql(self) -> str | None:
        """The canned query's SQL: ours, with `?` as Datasette's named parameters."""
        if self.canned_format is None or any(len(r) != 1 for r in self.sql):
            return None
        texts = {request[0][0] for request in self.sql}
        if len(texts) != 1:
            raise ValueError(f"{self.name}: requests differ in SQL, not only in parameters")
        counter = iter(range(1000))
        return re.sub(r"\?", lambda _: f":p{next(counter)}", texts.pop())

    def canned(self, database: str) -> list[str]:
        """Datasette URLs running `canned_sql` with each request's parameters."""
        if self.canned_sql() is None:
            return []
        shape = {
            "json": ("json", {"_shape": "objects"} if self.kind == LOOKUP else {}),
            "csv": ("csv", {}),
            "ndjson": ("json", {"_shape": "array", "_nl": "on"}),
        }
        extension, extra = shape[self.canned_format]
        return [
            url(
                f"/{database}/{self.name}.{extension}",
                {**{f"p{i}": arg for i, arg in enumerate(request[0][1])}, **extra},
            )
            for request in self.sql
        ]


def url(path: str, params: dict) -> str:
    """`path?query` with every value percent-encoded (Hangul included)."""
    return f"{path}?{urlencode(params, quote_via=quote)}" if params else path


def _rows(where: str, order: str = "c.id", limit: int | None = PAGE_SIZE) -> str:
    """A claim SELECT with the given filter, order and limit."""
    sql = f"{CLAIM_SELECT} WHERE {where} ORDER BY {order}"
    return sql if limit is None else f"{sql} LIMIT {limit}"


def _search_sql(term: str) -> tuple[str, tuple]:
    """The best plan for `q` by id: stream index hits in rowid order, stop at a full page.

    The exact substring test still decides (the index only narrows), as in the API.
    """
    haystack = "lower(c.sentence || ' ' || coalesce(c.subject, '') || ' ' || c.stated_as)"
    terms = query_terms(term)
    expression = match_expression(terms)
    tests = "".join(f" AND instr({haystack}, ?) > 0" for _ in terms)
    if expression is None:  # nothing indexable: a scan in id order, as the API falls back to
        return _rows(ACTIVE + tests), tuple(terms)
    columns, joins = CLAIM_SELECT.split(" FROM claim c ")
    sql = (
        f"{columns} FROM (SELECT rowid AS hit FROM claim_search WHERE claim_search MATCH ? "
        f"ORDER BY rowid) h CROSS JOIN claim c ON c.id = h.hit {joins} "
        f"WHERE {ACTIVE}{tests} ORDER BY h.hit LIMIT {PAGE_SIZE}"
    )
    return sql, (expression, *terms)


def build(p: Params) -> list[Query]:
    """Every query of the benchmark for the parameters picked from the database."""
    table = "/claims/claim"
    active = {"status": "active", "_nocount": "1"}
    by_speaker = f"{ACTIVE} AND c.speaker_id = ?"
    in_range = f"{ACTIVE} AND c.unit = ? AND c.value >= ? AND c.value <= ?"
    deep_cursor = encode_cursor("id", None, p.deep_after_id)
    size = {"_size": str(PAGE_SIZE)}
    return [
        Query(
            "claim_by_id",
            LOOKUP,
            [f"/v1/claims/{i}" for i in p.lookup_ids],
            [f"{table}/{i}.json" for i in p.lookup_ids],
            [[(_rows("c.id = ?", limit=None), (i,))] for i in p.lookup_ids],
        ),
        Query(
            "by_speaker",
            LIST,
            [url("/v1/claims", {"speaker": p.speaker, "limit": PAGE_SIZE})],
            [url(f"{table}.json", {"speaker_id": p.speaker, **active, **size})],
            [[(_rows(by_speaker), (p.speaker,))]],
        ),
        Query(
            "unit_value_range",
            LIST,
            [
                url(
                    "/v1/claims",
                    {
                        "unit": p.unit,
                        "value_min": p.value_min,
                        "value_max": p.value_max,
                        "sort": "value",
                        "limit": PAGE_SIZE,
                    },
                )
            ],
            [
                url(
                    f"{table}.json",
                    {
                        "unit": p.unit,
                        "value__gte": p.value_min,
                        "value__lte": p.value_max,
                        "_sort": "value",
                        **active,
                        **size,
                    },
                )
            ],
            [[(_rows(in_range, "c.value, c.id"), (p.unit, p.value_min, p.value_max))]],
        ),
        Query(
            "search_q",
            LIST,
            [url("/v1/claims", {"q": p.term, "limit": PAGE_SIZE})],
            [url(f"{table}.json", {"_search": p.term, **active, **size})],
            [[_search_sql(p.term)]],
        ),
        Query(
            "facet_unit",
            LIST,
            [url("/v1/claims", {"speaker": p.speaker, "facet": "unit", "limit": 1})],
            [
                url(
                    f"{table}.json",
                    {"speaker_id": p.speaker, "_facet": "unit", **active, "_size": "1"},
                )
            ],
            [
                [
                    (_rows(by_speaker, limit=1), (p.speaker,)),
                    (FACET_SQL.format(where=by_speaker), (p.speaker,)),
                ]
            ],
            canned_format=None,  # a page and its counts: two statements
        ),
        Query(
            "page_1",
            LIST,
            [url("/v1/claims", {"limit": PAGE_SIZE})],
            [url(f"{table}.json", {**active, **size})],
            [[(_rows(ACTIVE), ())]],
        ),
        Query(
            "page_deep",
            LIST,
            [url("/v1/claims", {"limit": PAGE_SIZE, "cursor": deep_cursor})],
            [url(f"{table}.json", {**active, "_next": p.deep_after_id, **size})],
            [[(_rows(f"{ACTIVE} AND c.id > ?"), (p.deep_after_id,))]],
        ),
        Query(
            "export_csv",
            EXPORT,
            [url("/v1/claims", {"speaker": p.speaker, "format": "csv"})],
            [url(f"{table}.csv", {"speaker_id": p.speaker, "status": "active", "_stream": "on"})],
            [[(_rows(by_speaker, limit=None), (p.speaker,))]],
            canned_format="csv",
        ),
        Query(
            "export_ndjson",
            EXPORT,
            [url("/v1/claims", {"speaker": p.speaker, "format": "ndjson"})],
            [
                url(
                    f"{table}.json",
                    {
                        "speaker_id": p.speaker,
                        "status": "active",
                        "_shape": "array",
                        "_nl": "on",
                        "_size": "max",
                    },
                )
            ],
            [[(_rows(by_speaker, limit=None), (p.speaker,))]],
            canned_format="ndjson",
        ),
    ]
