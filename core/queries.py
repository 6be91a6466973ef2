"""Read queries for claims, documents and speakers: plain functions, no request.

Views parse the query string with the schemas and hand the arguments here, so
the same filters serve the HTTP API, exports and tests.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from core.claim_filters import FACETS, SORTS, Where, claim_where, value_param
from core.claim_rows import ClaimRow, claim_row_query
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


def fetch_rows(sql: str, params: list) -> list[ClaimRow]:
    """Run a claim row query and return the database's values as they come.

    No model instances and no per-field conversion: the hot path serialises
    these values directly (see `claim_rows.claim_body`).
    """
    return [ClaimRow._make(row) for row in database.execute_sql(sql, params).fetchall()]


def _select(where: Where, order: str = "", limit: int | None = None) -> tuple[str, list]:
    """A claim row query with conditions, order and limit."""
    sql = f"{claim_select_sql()} WHERE {where.sql()}"
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


def _searched_in_id_order(args: dict, sort: str, limit: int) -> list[ClaimRow]:
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
    sql = claim_select_sql().replace('FROM "claim" AS "t1"', source, 1)
    sql += f" WHERE {where.sql()} ORDER BY h.hit {direction} LIMIT {database.param}"
    return fetch_rows(sql, [*params, *where.params, limit + 1])


def list_claims(args: dict) -> Page:
    """A page of claims matching `args`, with facets and total count when asked."""
    sort, limit = args.get("sort", "id"), args.get("limit", 50)
    indexed_text = (
        "q" in args
        and sort in ("id", "-id")
        and is_sqlite()
        and search.match_expression(search.query_terms(args["q"])) is not None
    )
    where = claim_where(args)
    if indexed_text:
        rows = _searched_in_id_order(args, sort, limit)
    else:
        page_where = where.copy()
        order = _keyset(sort, args.get("cursor"), page_where)
        rows = fetch_rows(*_select(page_where, order, limit + 1))
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
