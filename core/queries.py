"""Read queries for claims, documents and speakers: plain functions, no request.

Views parse the query string with the schemas and hand the arguments here, so
the same filters serve the HTTP API, exports and tests.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import namedtuple
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import orjson

from core.claim_filters import FACETS, SORTS, Where, claim_where, value_param
from core.claim_rows import (
    CLAIM_JSON_EXACT_SQL,
    CLAIM_JSON_SQL,
    ROW_ALIAS,
    ClaimRow,
    claim_body,
    claim_row_query,
)
from core.pagination import CursorError, decode_cursor, encode_cursor
from schema import search
from schema.db import database, is_sqlite
from schema.fields import MAX_ABS_VALUE
from schema.models import Speaker, SpeakerAlias, exact_number

FACET_SIZE = 50  # values per facet, most frequent first


@dataclass
class Page:
    """One page of rows and the cursor for the next (None on the last page)."""

    rows: list
    next_cursor: str | None
    facets: dict = field(default_factory=dict)
    count: int | None = None


@functools.cache
def claim_select_sql() -> str:
    """`SELECT <ClaimRow columns> FROM claim AS t1 JOIN …`, rendered once by peewee.

    Claim lists are the hot path: rendering the same 38-column join for every
    request cost more than running it, so the text is built once and the
    filters are appended as SQL with bound parameters (see `Where`).
    """
    sql, params = claim_row_query().sql()
    assert not params and '"claim" AS "t1"' in sql
    return sql


# A claim as SQLite's JSON functions built it (core/claim_rows.py), with what paging
# and ETags need besides; `exact` is false when only claim_body shows it exactly.
ClaimJson = namedtuple("ClaimJson", ["id", "value", "published", "version", "body", "exact"])
JSON_KEYS = ("id", "value", "published", "version")


@functools.cache
def claim_json_select_sql() -> str:
    """`claim_select_sql`, selecting each claim as JSON text instead of its 38 columns.

    The JSON expression names the row's columns (`r."speaker_name"`); here each
    becomes the column it is in the rendered SELECT (`"t2"."name"`), so the
    statement has the same FROM, joins and plan as the row query.
    """
    head, tail = claim_select_sql().split(' FROM "claim" AS "t1"', 1)
    columns = {}
    for column in head.removeprefix("SELECT ").split(", "):
        expression, _, alias = column.rpartition(" AS ")
        columns[alias.strip('"')] = expression

    def in_place(sql: str) -> str:
        return re.sub(rf'\b{ROW_ALIAS}\."(\w+)"', lambda m: columns[m[1]], sql)

    keys = ", ".join(columns[key] for key in JSON_KEYS)
    return (
        f"SELECT {keys}, {in_place(CLAIM_JSON_SQL)}, {in_place(CLAIM_JSON_EXACT_SQL)} "
        f'FROM "claim" AS "t1"{tail}'
    )


def fetch_json(sql: str, params: list) -> list[ClaimJson]:
    """Run a claim JSON query (`claim_json_select_sql` with conditions)."""
    return [ClaimJson._make(row) for row in database.execute_sql(sql, params).fetchall()]


def claim_objects(rows: list) -> list:
    """The claim objects of a page: JSON from SQLite as it is, rows through claim_body.

    A JSON row that SQLite cannot show exactly (see core/claim_rows.py) is read
    again as a row; those are rare (numbers of more than 15 digits).
    """
    if rows and isinstance(rows[0], ClaimJson):
        return [
            orjson.Fragment(row.body) if row.exact else claim_object(get_claim(row.id))
            for row in rows
        ]
    links = restatements([row.id for row in rows])
    return [claim_body(row, links.get(row.id)) for row in rows]


def claim_object(row: ClaimRow) -> dict:
    """One claim row's object, its restatements looked up."""
    return claim_body(row, restatements([row.id]).get(row.id))


def fetch_rows(sql: str, params: list) -> list[ClaimRow]:
    """Run a claim row query and return the database's values as they come.

    No model instances and no per-field conversion: the hot path serialises
    these values directly (see `claim_rows.claim_body`).
    """
    return [ClaimRow._make(row) for row in database.execute_sql(sql, params).fetchall()]


def _select(
    where: Where, order: str = "", limit: int | None = None, *, as_json: bool = False
) -> tuple[str, list]:
    """A claim row (or, `as_json`, claim JSON) query with conditions, order and limit."""
    select = claim_json_select_sql() if as_json else claim_select_sql()
    sql = f"{select} WHERE {where.sql()}"
    params = list(where.params)
    if order:
        sql += f" ORDER BY {order}"
    if limit is not None:
        sql += f" LIMIT {database.param}"
        params.append(limit)
    return sql, params


def _keyset(sort: str, cursor: str | None, where: Where) -> str:
    """Add the after-cursor condition for `sort` to `where`; return the ORDER BY."""
    descending = sort.startswith("-")
    column = SORTS[sort.lstrip("-")]
    direction, after = ("DESC", "<") if descending else ("ASC", ">")
    order = f't1."id" {direction}'
    if column is not None:
        order = f't1."{column}" {direction}, {order}'
    if cursor is None:
        return order
    key, last_id = decode_cursor(cursor, sort)
    if not isinstance(last_id, int):
        raise CursorError("Not a cursor issued by this API.")
    if column is None:
        where.add(f't1."id" {after} ?', last_id)
    else:
        key = _cursor_key(sort.lstrip("-"), key)
        where.add(
            f'(t1."{column}" {after} ? OR (t1."{column}" = ? AND t1."id" {after} ?))',
            key,
            key,
            last_id,
        )
    return order


def _cursor_key(name: str, key):
    """Turn a cursor's sort key back into a query parameter, rejecting junk."""
    try:
        if name == "value":
            number = exact_number(Decimal(str(key)))
            if abs(number) >= MAX_ABS_VALUE:
                raise ValueError(key)
            return value_param(number)
        return dt.date.fromisoformat(key).isoformat()
    except (InvalidOperation, ValueError, TypeError, ArithmeticError):
        raise CursorError("Not a cursor issued by this API.") from None


def _sort_key(sort: str, claim: ClaimRow):
    """The cursor key of the last row on a page."""
    name = sort.lstrip("-")
    if name == "value":
        return str(exact_number(claim.value))
    if name == "published":
        return str(claim.published)[:10]
    return None


def _searched_in_id_order(args: dict, sort: str, limit: int, as_json: bool) -> list:
    """A page for `q` sorted by id, driven by the search index in rowid order.

    The index streams matching ids in order and SQLite (told by CROSS JOIN to
    keep that order) checks each against the other filters by primary key,
    stopping when the page is full, however many claims match the term.
    """
    expression = search.match_expression(search.query_terms(args["q"]))
    where = claim_where(args, index_search=False)
    descending = sort == "-id"
    direction = "DESC" if descending else "ASC"
    hits = f"SELECT rowid AS hit FROM claim_search WHERE claim_search MATCH {database.param}"
    params: list = [expression]
    if args.get("cursor"):
        _, last = decode_cursor(args["cursor"], sort)
        if not isinstance(last, int):
            raise CursorError("Not a cursor issued by this API.")
        hits += f" AND rowid {'<' if descending else '>'} {database.param}"
        params.append(last)
    source = (
        f"FROM ({hits} ORDER BY rowid {direction}) AS h "
        'CROSS JOIN "claim" AS "t1" ON ("t1"."id" = h.hit)'
    )
    select = claim_json_select_sql() if as_json else claim_select_sql()
    sql = select.replace('FROM "claim" AS "t1"', source, 1)
    sql += f" WHERE {where.sql()} ORDER BY h.hit {direction} LIMIT {database.param}"
    return (fetch_json if as_json else fetch_rows)(sql, [*params, *where.params, limit + 1])


def list_claims(args: dict, *, as_json: bool = False) -> Page:
    """A page of claims matching `args`, with facets and total count when asked.

    `as_json` (SQLite only) reads each claim as the JSON text of its object
    (ClaimJson rows; see `claim_objects`), else as ClaimRow rows.
    """
    as_json = as_json and is_sqlite()
    sort, limit = args.get("sort", "id"), args.get("limit", 50)
    indexed_text = (
        "q" in args
        and sort in ("id", "-id")
        and is_sqlite()
        and search.match_expression(search.query_terms(args["q"])) is not None
    )
    where = claim_where(args)
    if indexed_text:
        rows = _searched_in_id_order(args, sort, limit, as_json)
    else:
        page_where = where.copy()
        order = _keyset(sort, args.get("cursor"), page_where)
        rows = (fetch_json if as_json else fetch_rows)(
            *_select(page_where, order, limit + 1, as_json=as_json)
        )
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor(sort, _sort_key(sort, last), last.id)
    page = Page(rows, next_cursor)
    for name in args.get("facet") or ():
        page.facets[name] = facet_counts(name, where)
    if args.get("count"):
        sql = f'SELECT COUNT(*) FROM "claim" AS t1 WHERE {where.sql()}'
        page.count = database.execute_sql(sql, where.params).fetchone()[0]
    return page


def facet_counts(name: str, where: Where) -> list[dict]:
    """The most frequent values of one column among the matching claims.

    Ties go by value, no value (narration's speaker) first: SQLite's order,
    which PostgreSQL has to be told.
    """
    column = f't1."{FACETS[name]}"'
    sql = (
        f'SELECT {column}, COUNT(*) AS n FROM "claim" AS t1 WHERE {where.sql()} '
        f"GROUP BY {column} ORDER BY n DESC, {column} NULLS FIRST LIMIT {FACET_SIZE}"
    )
    buckets = [
        {"value": value, "count": count}
        for value, count in database.execute_sql(sql, where.params).fetchall()
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
    marks = ", ".join([database.param] * len(claim_ids))
    # Sorted here: an ORDER BY id would tempt SQLite into walking the whole table.
    sql = f'SELECT "id", "restates_id" FROM "claim" WHERE "restates_id" IN ({marks})'
    for claim_id, target in sorted(database.execute_sql(sql, claim_ids).fetchall()):
        found.setdefault(target, []).append(claim_id)
    return found


def get_claim(claim_id: int) -> ClaimRow | None:
    """One claim with its speaker and document columns, whatever its status."""
    where = Where()
    where.add('t1."id" = ?', claim_id)
    rows = fetch_rows(*_select(where))
    return rows[0] if rows else None


def get_claim_json(claim_id: int) -> ClaimJson | None:
    """One claim as SQLite's JSON of its object (None: no such claim); SQLite only."""
    where = Where()
    where.add('t1."id" = ?', claim_id)
    rows = fetch_json(*_select(where, as_json=True))
    return rows[0] if rows else None


def list_records(model, args: dict, base=None) -> Page:
    """A keyset page of a small collection ordered by its slug id."""
    query = base if base is not None else model.select()
    if "cursor" in args:
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
    return SpeakerAlias.of(speaker_ids)
