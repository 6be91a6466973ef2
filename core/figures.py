"""Figures as the API serves them: the list, one figure with its appearances, and people's edits.

A figure's claims are read as claim rows (core.claim_rows), so each appearance
is the claim exactly as /v1/claims shows it, with `differences` from the first
appearance and the `link` that put it there. The list takes the claim list's
filters (core.claim_filters: a figure matches when one of its claims does)
and `conflict`, and pages by figure id through indexes.

People attach, detach, split and merge; each change is one transaction that
bumps the figure's version, records an event with who and why, and stores
the decision so that `relink` leaves it alone (core.linking).
"""

from __future__ import annotations

import json

from marshmallow import fields, validate

from core import linking, queries
from core.claim_filters import FILTERS, Where, claim_where
from core.claim_rows import claim_body
from core.figure_rules import CONFLICT_KINDS, pair_conflicts
from core.pagination import CursorError, decode_cursor, encode_cursor
from core.rejections import Rejected, StaleVersion
from schema.db import database, write_transaction
from schema.models import (
    Claim,
    Figure,
    FigureConflict,
    FigureEvent,
    FigureExclusion,
    FigureLink,
    utc_now,
)
from schema.schemas import PAGE_CURSOR, PAGE_LIMIT, REASON, StrictSchema, one_of

# The claim list's filters a figure list takes: a figure matches when one of its claims does.
CLAIM_FILTERS = ("speaker", "organization", "unit", "q", "document")
FigureQueryArgsSchema = StrictSchema.from_dict(
    {
        **{name: FILTERS[name].field for name in CLAIM_FILTERS},
        "conflict": fields.String(
            validate=one_of((*CONFLICT_KINDS, "any")),
            metadata={"description": "Only figures with a conflict of this kind (or any)."},
        ),
        "limit": PAGE_LIMIT,
        "cursor": PAGE_CURSOR,
        "count": fields.Boolean(load_default=False),
    },
    name="FigureQueryArgs",
)
figure_query_args = FigureQueryArgsSchema()
FIGURE_COLUMNS = (
    'f."id", f."subject", f."unit", f."status", f."first_claim", f."first_published", '
    'f."claim_count", f."document_count", f."conflicted", f."version", f."merged_into_id"'
)


class FigureRejected(Rejected):
    """A figure edit the data refuses: a claim that is not active, or not in the figure."""

    resource = "figure"


class ClaimChoiceSchema(StrictSchema):
    """A claim to attach, and why."""

    claim = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    reason = REASON


class FigureCreateSchema(StrictSchema):
    """A new figure from claims a person chose (a split, when they come from another)."""

    claims = fields.List(
        fields.Integer(strict=True, validate=validate.Range(min=1)),
        required=True,
        validate=validate.Length(min=1, max=500),
    )
    reason = REASON


class FigureMergeSchema(StrictSchema):
    """Another figure whose claims move into this one."""

    figure = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    reason = REASON


# --- reading ----------------------------------------------------------------------------


def _where(args: dict) -> tuple[str, list, str]:
    """FROM, WHERE and the ordering column of a figure list query."""
    source = '"figure" AS f'
    order = 'f."id"'
    where = Where()
    where.add("f.\"status\" = 'active'")
    conflict = args.get("conflict")
    if conflict == "any":
        where.add('f."conflicted" = ?', True)
    elif conflict:
        source = '"figure_conflict" AS k JOIN "figure" AS f ON f."id" = k."figure_id"'
        order = 'k."figure_id"'
        where.add('k."kind" = ?', conflict)
    given = {name: args[name] for name in CLAIM_FILTERS if name in args}
    if given:
        claims = claim_where({**given, "status": "active"})
        where.add(
            f'f."id" IN (SELECT t1."figure_id" FROM "claim" AS t1 WHERE {claims.sql()} '
            'AND t1."figure_id" IS NOT NULL)',
            *claims.params,
        )
    return source, where, order


def list_figures(args: dict) -> queries.Page:
    """A page of active figures matching `args`, in id order, with the total when asked."""
    source, where, order = _where(args)
    page_where = where.copy()
    if args.get("cursor"):
        _, last = decode_cursor(args["cursor"], "id")
        if not isinstance(last, int):
            raise CursorError("Not a cursor issued by this API.")
        page_where.add(f"{order} > ?", last)
    limit = args.get("limit", 50)
    sql = (
        f"SELECT {FIGURE_COLUMNS} FROM {source} WHERE {page_where.sql()} "
        f"ORDER BY {order} LIMIT {database.param}"
    )
    rows = database.execute_sql(sql, [*page_where.params, limit + 1]).fetchall()
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor("id", None, rows[-1][0])
    page = queries.Page(rows, next_cursor)
    if args.get("count"):
        sql = f"SELECT COUNT(*) FROM {source} WHERE {where.sql()}"
        page.count = database.execute_sql(sql, where.params).fetchone()[0]
    return page


def conflict_kinds(figure_ids: list[int]) -> dict[int, list[str]]:
    """Each figure's conflict kinds, in CONFLICT_KINDS order."""
    found: dict[int, list[str]] = {f: [] for f in figure_ids}
    if figure_ids:
        rows = FigureConflict.select(FigureConflict.figure, FigureConflict.kind).where(
            FigureConflict.figure.in_(figure_ids)
        )
        for figure_id, kind in rows.tuples():
            found[figure_id].append(kind)
    return {f: sorted(k, key=CONFLICT_KINDS.index) for f, k in found.items()}


def with_figure_facts(claims: list[dict]) -> list[dict]:
    """The claims, each `figure` member given its figure's subject and conflict kinds.

    A claim shows only its figure's id and links; a reader's card also names
    what the figure counts and how its sources disagree. One query per page
    of claims, not one per claim.
    """
    ids = sorted({c["figure"]["id"] for c in claims if c.get("figure")})
    if not ids:
        return claims
    subjects = dict(Figure.select(Figure.id, Figure.subject).where(Figure.id.in_(ids)).tuples())
    kinds = conflict_kinds(ids)
    for claim in claims:
        figure = claim.get("figure")
        if figure:
            claim["figure"] = {**figure, "subject": subjects.get(figure["id"]),
                               "conflict_kinds": kinds.get(figure["id"], [])}  # fmt: skip
    return claims


def figure_links(figure_id: int) -> dict:
    """Where to go from a figure."""
    base = f"/v1/figures/{figure_id}"
    return {"self": base, "claims": f"/v1/claims?figure={figure_id}", "history": f"{base}/history"}


def figure_summary(row: tuple, kinds: list[str]) -> dict:
    """A figure in a list: what it counts, how often it appears, first, and what disagrees."""
    figure_id, subject, unit, status, first_claim, first_published, claims, documents = row[:8]
    return {
        "id": figure_id,
        "subject": subject,
        "unit": unit,
        "status": status,
        "claims": claims,
        "documents": documents,
        "first_appearance": None
        if first_claim is None
        else {"claim": first_claim, "published": _day(first_published)},
        "conflicts": kinds,
        "version": row[9],
        "links": figure_links(figure_id),
    }


def _day(value) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else value.isoformat()


def figure_rows(figure_id: int) -> tuple | None:
    """The figure's own row (FIGURE_COLUMNS), whatever its status."""
    sql = f'SELECT {FIGURE_COLUMNS} FROM "figure" AS f WHERE f."id" = {database.param}'
    return database.execute_sql(sql, (figure_id,)).fetchone()


def appearances(figure_id: int) -> list:
    """The figure's active claims as claim rows, earliest published first (ties by id)."""
    where = Where()
    where.add('t1."figure_id" = ?', figure_id)
    where.add("t1.\"status\" = 'active'")
    sql = f'{queries.claim_select_sql()} WHERE {where.sql()} ORDER BY t1."published", t1."id"'
    return queries.fetch_rows(sql, where.params)


def _difference(kind: str, first: dict, claim: dict, readings: dict) -> dict:
    """How one claim differs from the first appearance in one respect."""
    pair = (first, claim)
    if kind == "speaker":
        shown = [c["speaker"] and c["speaker"]["id"] for c in pair]
    elif kind == "qualifier":  # both ends of a range read as the range
        shown = ["range" if readings[c["id"]].family == "range" else c["qualifier"] for c in pair]
    elif kind == "unit":
        shown = [c["unit"] for c in pair]
    else:
        shown = [c["stated_as"] for c in pair]
    return {"kind": kind, "first": shown[0], "this": shown[1]}


def figure_detail(figure_id: int) -> dict | None:
    """One figure: subject, unit, first appearance, its claims in order with their
    differences from the first and their links, and its conflicts."""
    row = figure_rows(figure_id)
    if row is None:
        return None
    rows = appearances(figure_id)
    links = queries.restatements([r.id for r in rows])
    claims = [claim_body(r, links.get(r.id)) for r in rows]
    names = linking.Names()
    features = linking.features_of([r.id for r in rows])
    readings = {c: linking.reading_of(features[c], names) for c in features}
    evidence = {
        link.claim_id: link
        for link in FigureLink.select().where(FigureLink.claim.in_([r.id for r in rows]))
    }
    first = claims[0] if claims else None
    for claim in claims:
        found = (
            [] if claim is first else pair_conflicts(readings[first["id"]], readings[claim["id"]])
        )
        differences = [_difference(k, first, claim, readings) for k in found]
        if first is not None and claim is not first and "value" not in found:
            if "".join(claim["stated_as"].split()) != "".join(first["stated_as"].split()):
                differences.append(_difference("wording", first, claim, readings))
        claim["differences"] = differences
        link = evidence.get(claim["id"])
        claim["link"] = (
            None
            if link is None
            else {
                "origin": link.origin,
                "rules": json.loads(link.rules),
                "score": link.score,
                "matched": link.matched,
                "changed_by": link.changed_by,
                "reason": link.reason,
            }
        )
    conflicts = [
        {"kind": c.kind, "claims": json.loads(c.claims), "detail": c.detail}
        for c in FigureConflict.select().where(FigureConflict.figure == figure_id)
    ]
    conflicts.sort(key=lambda c: CONFLICT_KINDS.index(c["kind"]))
    body = figure_summary(row, [c["kind"] for c in conflicts])
    body["merged_into"] = row[10]
    body["first_appearance"] = None if first is None else _first_appearance(first, claims)
    body["claims"] = claims
    body["conflicts"] = conflicts
    return body


def _first_appearance(first: dict, claims: list[dict]) -> dict:
    """Who stated the figure first, where and when; claims of other documents the same day."""
    document = first["document"]
    return {
        "claim": first["id"],
        "stated_as": first["stated_as"],
        "speaker": first["speaker"],
        "document": document,
        "published": _day(document["published"]),
        "same_day": [
            c["id"]
            for c in claims
            if c["document"]["id"] != document["id"]
            and _day(c["document"]["published"]) == _day(document["published"])
        ],
    }


def figure_history(figure_id: int) -> list[dict]:
    """Every event of a figure, oldest first: links made and undone, by whom and why."""
    events = FigureEvent.select().where(FigureEvent.figure == figure_id).order_by(FigureEvent.id)
    return [
        {
            "event": event.id,
            "claim": event.claim,
            "action": event.action,
            "evidence": json.loads(event.evidence) if event.evidence else None,
            "changed_by": event.changed_by,
            "reason": event.reason,
            "changed_at": event.changed_at,
        }
        for event in events
    ]


# --- people's edits -----------------------------------------------------------------------


def _figure(figure_id: int, expected_version: int | None) -> Figure:
    figure = Figure.get_by_id(figure_id)
    if figure.status == "merged":
        raise FigureRejected(
            "figure", f"Figure {figure_id} was merged into figure {figure.merged_into_id}.", 409
        )
    if expected_version is not None and expected_version != figure.version:
        raise StaleVersion
    return figure


def _active_claim(claim_id: int) -> Claim:
    claim = Claim.get_or_none(Claim.id == claim_id)
    if claim is None:
        raise FigureRejected("claim", f"No claim {claim_id}.")
    if claim.status != "active":
        raise FigureRejected("claim", f"Claim {claim_id} is {claim.status}; only active claims.")
    return claim


def _bump(figure_id: int, author: str, reason: str) -> None:
    Figure.update(
        version=Figure.version + 1, changed_by=author, change_reason=reason, updated_at=utc_now()
    ).where(Figure.id == figure_id).execute()


def _place(claim: Claim, figure_id: int, author: str, reason: str, action: str) -> set[int]:
    """Put a claim in a figure by a person's decision; the figures it touched."""
    old = claim.__data__["figure"]
    now = utc_now()
    events = []
    if old is not None and old != figure_id:
        events.append(
            (old, claim.id, "moved_out", json.dumps({"to": figure_id}), author, reason, now)
        )
        _bump(old, author, reason)
    FigureLink.delete().where(FigureLink.claim == claim.id).execute()
    FigureLink.create(
        claim=claim.id, figure=figure_id, origin=linking.PERSON, rules=json.dumps(["person"]),
        score=None, matched=None, changed_by=author, reason=reason, created_at=now,
    )  # fmt: skip
    FigureExclusion.delete().where(
        (FigureExclusion.claim == claim.id) & (FigureExclusion.figure == figure_id)
    ).execute()
    Claim.update(figure=figure_id).where(Claim.id == claim.id).execute()
    events.append((figure_id, claim.id, action, None, author, reason, now))
    linking.record_events(database.cursor(), events)
    return {figure_id, *([old] if old is not None else [])}


def attach(figure_id: int, claim_id: int, author: str, reason: str, expected: int | None) -> None:
    """A person puts a claim in this figure (moving it from another): relink keeps it there."""
    with write_transaction():
        _figure(figure_id, expected)
        claim = _active_claim(claim_id)
        if claim.__data__["figure"] == figure_id:
            link = FigureLink.get_or_none(FigureLink.claim == claim_id)
            if link is not None and link.origin == linking.PERSON:
                return
        touched = _place(claim, figure_id, author, reason, "attached")
        _bump(figure_id, author, reason)
        linking.refresh(touched)


def detach(figure_id: int, claim_id: int, author: str, reason: str, expected: int | None) -> None:
    """A person takes a claim out of this figure: automatic linking never puts it back."""
    with write_transaction():
        _figure(figure_id, expected)
        claim = Claim.get_or_none(Claim.id == claim_id)
        if claim is None or claim.__data__["figure"] != figure_id:
            raise FigureRejected("claim", f"Claim {claim_id} is not in figure {figure_id}.", 404)
        FigureLink.delete().where(FigureLink.claim == claim_id).execute()
        Claim.update(figure=None).where(Claim.id == claim_id).execute()
        # Detached before (then attached by a person): the latest decision's author and
        # reason. An upsert both backends speak (PostgreSQL has no INSERT OR REPLACE).
        FigureExclusion.insert(
            claim=claim_id, figure=figure_id, changed_by=author, reason=reason
        ).on_conflict(
            conflict_target=[FigureExclusion.claim, FigureExclusion.figure],
            preserve=[FigureExclusion.changed_by, FigureExclusion.reason],
            update={FigureExclusion.created_at: utc_now()},
        ).execute()
        linking.record_events(
            database.cursor(), [(figure_id, claim_id, "detached", None, author, reason, utc_now())]
        )
        _bump(figure_id, author, reason)
        linking.refresh({figure_id})


def create_figure(claim_ids: list[int], author: str, reason: str) -> int:
    """A person makes a figure of chosen claims (a split when they leave another figure)."""
    with write_transaction():
        claims = [_active_claim(c) for c in dict.fromkeys(claim_ids)]
        now = utc_now()
        figure = Figure.create(
            unit=claims[0].unit, subject=claims[0].subject, changed_by=author,
            change_reason=reason, created_at=now, updated_at=now,
        )  # fmt: skip
        linking.record_events(
            database.cursor(), [(figure.id, None, "created", None, author, reason, now)]
        )
        touched = {figure.id}
        for claim in claims:
            touched |= _place(claim, figure.id, author, reason, "attached")
        linking.refresh(touched)
        return figure.id


def merge(figure_id: int, other_id: int, author: str, reason: str, expected: int | None) -> None:
    """A person merges another figure into this one: its claims move here, it is kept as merged."""
    if figure_id == other_id:
        raise FigureRejected("figure", "A figure cannot be merged into itself.")
    with write_transaction():
        _figure(figure_id, expected)
        if Figure.get_or_none(Figure.id == other_id) is None:
            raise FigureRejected("figure", f"No figure {other_id}.")
        _figure(other_id, None)
        for claim in Claim.select().where(Claim.figure == other_id):
            _place(claim, figure_id, author, reason, "attached")
        Figure.update(status="merged", merged_into=figure_id).where(Figure.id == other_id).execute()
        linking.record_events(
            database.cursor(),
            [
                (other_id, None, "merged_into", json.dumps({"into": figure_id}), author, reason,
                 utc_now()),
                (figure_id, None, "merged_from", json.dumps({"from": other_id}), author, reason,
                 utc_now()),
            ],
        )  # fmt: skip
        _bump(figure_id, author, reason)
        linking.refresh({figure_id})


def first_reported(claim: dict) -> dict | None:
    """The figure's first appearance for a citation, when it is another document's.

    None when the claim is in no figure or is itself (in) the first document.
    """
    figure = claim.get("figure")
    if not figure:
        return None
    row = figure_rows(figure["id"])
    if row is None or row[4] is None:
        return None
    first = queries.get_claim(row[4])
    if first is None or first.document_id == claim["document"]["id"]:
        return None
    return claim_body(first)


def appearance_claims(claim: dict) -> tuple[dict, ...]:
    """Every appearance of the claim's figure, as claims, earliest first (none when the
    claim is in no figure): what a citation lists as the claim's appearances."""
    figure = claim.get("figure")
    if not figure:
        return ()
    return tuple(claim_body(r) for r in appearances(figure["id"]))
