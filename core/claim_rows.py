"""A claim as one flat row, and the row's claim object: both derived from ClaimSchema.

Lists read claims as rows of one joined SELECT, and build each claim object
straight from its row (no model instances, no marshmallow dump: that is the
hot path). The row's columns and the builder are not typed out: they are
derived here from ClaimSchema and the models, so a field added to the schema
and the model is read, shown, exported and imported without another edit.

- A field of ClaimSchema is the claim's column of that name.
- A nested field named after one of the claim's references (`speaker`,
  `document`) shows columns of the referenced row, named `speaker_name`,
  `document_title`...; one that is not (`source`) shows the claim's own
  columns, or else its document's (`text_sha256`).
- What no column holds is in COMPUTED; what those need besides, in EXTRA.

tests/test_representation.py proves that the builder's output is what
ClaimSchema dumps, for every field.
"""

from __future__ import annotations

from collections import namedtuple

from marshmallow import fields
from peewee import JOIN, ForeignKeyField

from core.representation import claim_links, day, timestamp
from extractor.anchors import selectors
from schema.fields import ExactNumber, UtcDateTime
from schema.models import Claim, exact_number
from schema.schemas import ClaimSchema

# Values of the claim object that no column holds, as expressions of the builder's
# arguments (`row`, `restated_by`).
COMPUTED = {
    "restated_by": "restated_by or []",
    "links": "row_links(row)",
    "attribution_evidence": "evidence(row.attribution_rule, row.mention, row.mention_start, "
    "row.mention_end)",
    "source.selectors": "selectors(row.stated_as, row.quote_prefix, row.quote_suffix, "
    "row.start, row.end)",
    "source.quote": "span(row.quoted_words, row.quoted_start, row.quoted_end)",
    "figure.links": "figure_links(row.figure_id)",
}
# Columns read besides the schema's: the quote's context (for its selectors), the
# claim's publication date (lists sort and page by it), and the spans its computed
# objects show.
EXTRA = {
    "quote_prefix": Claim.quote_prefix,
    "quote_suffix": Claim.quote_suffix,
    "published": Claim.published,
    "quoted_start": Claim.quoted_start,
    "quoted_end": Claim.quoted_end,
    "quoted_words": Claim.quoted_words,
    "attribution_rule": Claim.attribution_rule,
    "mention_start": Claim.mention_start,
    "mention_end": Claim.mention_end,
    "mention": Claim.mention,
}


def span(exact: str | None, start: int | None, end: int | None) -> dict | None:
    """A stored stretch of text as SpanSchema shows it (null when none is stored)."""
    return None if exact is None else {"exact": exact, "start": start, "end": end}


def evidence(rule: str | None, mention: str | None, start, end) -> dict | None:
    """Why the extractor attributed a claim as it did (null for claims people attributed)."""
    return None if rule is None else {"rule": rule, "mention": span(mention, start, end)}


def figure_links(figure_id: int) -> dict:
    """Where to go from a claim's figure."""
    return {"self": f"/v1/figures/{figure_id}"}


def exact(value):
    """A stored claim value as JSON shows it: int, float, or an exact Decimal."""
    return value if type(value) in (int, float) else exact_number(value)


# How a column's value is shown, by the type of the schema field that shows it.
SHOWN_AS = {ExactNumber: exact, UtcDateTime: timestamp, fields.Date: day}


def _reference(name: str) -> ForeignKeyField | None:
    """The claim's reference called `name`, if it has one."""
    field = Claim._meta.fields.get(name)
    return field if isinstance(field, ForeignKeyField) else None


def _only_the_key(group: str) -> bool:
    """Whether a nested field shows nothing of its referenced row but the row's key."""
    shown = ClaimSchema._declared_fields[group].schema.fields
    return [n for n in shown if f"{group}.{n}" not in COMPUTED] == ["id"]


def _column(group: str | None, name: str):
    """The model column a schema field shows (`group` is its nested field, if any).

    A referenced row of which only the key is shown (`figure`) is read from the
    claim's own column: no join for it.
    """
    reference = _reference(group) if group else None
    if reference is not None:
        if name == reference.rel_model._meta.primary_key.name and _only_the_key(group):
            return reference
        return reference.rel_model._meta.fields[name]
    if name in Claim._meta.fields:
        return Claim._meta.fields[name]
    for field in Claim._meta.refs:  # the claim's references, in order
        if name in field.rel_model._meta.fields:
            return field.rel_model._meta.fields[name]
    raise LookupError(f"no column shows ClaimSchema's {group + '.' if group else ''}{name}")


def row_name(group: str | None, name: str) -> str:
    """The row column showing a field (`group` is its nested field, if any)."""
    return f"{group}_{name}" if group and _reference(group) else name


def _columns() -> dict:
    """Row name → model column, in ClaimSchema's order, then EXTRA."""
    columns = {}
    for name, field in ClaimSchema._declared_fields.items():
        if name in COMPUTED:
            continue
        if isinstance(field, fields.Nested):
            for inner in field.schema.fields:
                if f"{name}.{inner}" not in COMPUTED:
                    columns[row_name(name, inner)] = _column(name, inner)
        elif name not in COMPUTED:
            columns[name] = _column(None, name)
    return {**columns, **EXTRA}


CLAIM_ROW_COLUMNS = _columns()
ClaimRow = namedtuple("ClaimRow", CLAIM_ROW_COLUMNS)


def claim_row_query():
    """The SELECT of claim rows: the claim joined to each row it references.

    Each column is named as ClaimRow names it, so the JSON expression below can
    find it (`r."speaker_name"` is `"t2"."name"`).
    """
    query = Claim.select(*(column.alias(name) for name, column in CLAIM_ROW_COLUMNS.items()))
    for model in dict.fromkeys(c.model for c in CLAIM_ROW_COLUMNS.values() if c.model is not Claim):
        reference = next(f for f in Claim._meta.refs if f.rel_model is model)
        join = JOIN.LEFT_OUTER if reference.null else JOIN.INNER
        query = query.switch(Claim).join(model, join, on=reference == model._meta.primary_key)
    return query


def row_links(row) -> dict:
    """Where to go from a claim: its own endpoints, its document, its speaker."""
    links = claim_links(row.id)
    links["document"] = f"/v1/documents/{row.document_id}"
    if row.speaker_id is not None:
        links["speaker"] = f"/v1/speakers/{row.speaker_id}"
    return links


def _shown(field: fields.Field, row_name: str, names: dict) -> str:
    """The expression showing one column, converted as its field's type requires."""
    value = f"row[{ClaimRow._fields.index(row_name)}]"
    convert = SHOWN_AS.get(type(field))
    if convert is None:
        return value
    names[convert.__name__] = convert
    return f"{convert.__name__}({value})"


def _builder_source() -> tuple[str, dict]:
    """The text of `claim_body` and the names it uses."""
    names = {
        "selectors": selectors,
        "row_links": row_links,
        "span": span,
        "evidence": evidence,
        "figure_links": figure_links,
    }
    lines = ["def claim_body(row, restated_by=None):", "    return {"]
    for name, field in ClaimSchema._declared_fields.items():
        if name in COMPUTED:
            lines.append(f"        {name!r}: {COMPUTED[name]},")
            continue
        if not isinstance(field, fields.Nested):
            lines.append(f"        {name!r}: {_shown(field, name, names)},")
            continue
        inner = [
            f"{key!r}: {COMPUTED[f'{name}.{key}']}"
            if f"{name}.{key}" in COMPUTED
            else f"{key!r}: {_shown(value, row_name(name, key), names)}"
            for key, value in field.schema.fields.items()
        ]
        group = "{" + ", ".join(inner) + "}"
        if field.allow_none:
            key = ClaimRow._fields.index(row_name(name, "id"))
            group = f"None if row[{key}] is None else {group}"
        lines.append(f"        {name!r}: {group},")
    lines.append("    }")
    return "\n".join(lines) + "\n", names


def _compiled():
    """`claim_body(row, restated_by=None)`: a claim row as the API's claim object."""
    text, names = _builder_source()
    exec(compile(text, "<claim_body, from ClaimSchema>", "exec"), names)
    builder = names["claim_body"]
    builder.__doc__ = "A claim row (from `queries.fetch_rows`) as the API's claim object."
    builder.source = text  # the generated text, for reading
    return builder


claim_body = _compiled()


# --- The same claim object, built by SQLite's JSON functions -------------------------
#
# On SQLite a page of claims is read as one JSON text per claim, made by the
# database from the row's columns: no Python objects for 38 columns a row, no
# dict to build and serialise again. The expression is derived from ClaimSchema
# as `claim_body` is, over the columns of the row query named as in ClaimRow
# (`r."speaker_name"`); what COMPUTED makes in Python is made from the same
# functions, called with placeholders that stand for columns. Numbers that JSON
# text in SQLite would not give back exactly (a stored decimal, a float needing
# more than 15 digits) mark the row, which is then built by `claim_body`.
# tests/test_claim_shape.py compares the two, field by field, on every claim.

ROW_ALIAS = "r"


def _placeholder(name: str) -> str:
    """A string that stands for the row column `name` inside a generated value."""
    return f"\x00{name}\x00"


def _sql_literal(value) -> str:
    """A Python string or number as an SQL literal."""
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return "NULL" if value is None else str(value)


class _Sql(str):
    """A piece of SQL already written, placed in a generated value as it is."""


def _sql_of(value) -> str:
    """A value built from placeholders as an SQL expression (dicts become json_object)."""
    if isinstance(value, _Sql):
        return value
    if isinstance(value, dict):
        pairs = ", ".join(f"{_sql_literal(k)}, {_sql_of(v)}" for k, v in value.items())
        return f"json_object({pairs})"
    if isinstance(value, str) and "\x00" in value:
        parts = value.split("\x00")  # text, column, text, column, ..., text
        pieces = [
            _sql_literal(part) if i % 2 == 0 else f'{ROW_ALIAS}."{part}"'
            for i, part in enumerate(parts)
            if part or i % 2
        ]
        return " || ".join(pieces) if len(pieces) > 1 else pieces[0]
    return _sql_literal(value)


class _PlaceholderRow:
    """A row whose every column is its placeholder (speaker_id may be None)."""

    def __init__(self, *, with_speaker: bool) -> None:
        self.with_speaker = with_speaker

    def __getattr__(self, name: str):
        if name == "speaker_id" and not self.with_speaker:
            return None
        return _placeholder(name)


def _sql_links() -> str:
    """`row_links` in SQL: with the speaker's link only when the claim has a speaker."""
    column = f'{ROW_ALIAS}."speaker_id"'
    without = _sql_of(row_links(_PlaceholderRow(with_speaker=False)))
    with_speaker = _sql_of(row_links(_PlaceholderRow(with_speaker=True)))
    return f"CASE WHEN {column} IS NULL THEN {without} ELSE {with_speaker} END"


def _sql_selectors() -> str:
    """`selectors` in SQL, from the quote's columns."""
    names = ("stated_as", "quote_prefix", "quote_suffix", "start", "end")
    return _sql_of(selectors(*map(_placeholder, names)))


def _sql_unless_null(function, *names: str) -> _Sql:
    """`function` of row columns in SQL; NULL where its first column is NULL, as the
    Python function gives None there (`span`, `evidence`)."""
    value = function(*map(_placeholder, names))
    return _Sql(f'CASE WHEN {ROW_ALIAS}."{names[0]}" IS NULL THEN NULL ELSE {_sql_of(value)} END')


def _sql_evidence() -> _Sql:
    """`evidence` in SQL: the rule, and the mention's span (itself null when none)."""
    mention = _sql_unless_null(span, "mention", "mention_start", "mention_end")
    value = evidence(_placeholder("attribution_rule"), "", 0, 0)
    value["mention"] = mention
    return _Sql(
        f'CASE WHEN {ROW_ALIAS}."attribution_rule" IS NULL THEN NULL ELSE {_sql_of(value)} END'
    )


# What COMPUTED makes, in SQL. Restatements come from the partial index on
# restates_id, whose entries for one claim are in id order (an ORDER BY id here
# could make SQLite walk the whole table instead).
COMPUTED_SQL = {
    "restated_by": 'json((SELECT json_group_array(x."id") FROM "claim" AS x '
    f'WHERE x."restates_id" = {ROW_ALIAS}."id"))',
    "links": _sql_links(),
    "source.selectors": _sql_selectors(),
    "source.quote": _sql_unless_null(span, "quoted_words", "quoted_start", "quoted_end"),
    "attribution_evidence": _sql_evidence(),
    "figure.links": _sql_of(figure_links(_placeholder("figure_id"))),
}
if set(COMPUTED_SQL) != set(COMPUTED):
    raise LookupError("COMPUTED_SQL must make every value COMPUTED makes")


def _sql_timestamp(column: str) -> str:
    """`timestamp` in SQL: the stored 'YYYY-MM-DD HH:MM:SS' as ISO 8601 in UTC (NULL stays).

    Every writer stores timestamps through peewee in that form, with one space.
    """
    return f"replace({column}, ' ', 'T') || '+00:00'"


def _sql_number(column: str) -> str:
    """A stored number as JSON: integers as they are, floats written to 15 digits."""
    written = f"json(printf('%!.15g', {column}))"  # json(): a number, not a string
    return f"CASE typeof({column}) WHEN 'real' THEN {written} ELSE {column} END"


def _exact_in_sql(column: str) -> str:
    """Whether `_sql_number` gives this column's value back exactly."""
    return (
        f"(typeof({column}) IN ('integer', 'null') OR (typeof({column}) = 'real' "
        f"AND CAST(printf('%!.15g', {column}) AS REAL) = {column}))"
    )


SQL_SHOWN_AS = {ExactNumber: _sql_number, fields.Float: _sql_number, UtcDateTime: _sql_timestamp}


def _sql_shown(field: fields.Field, name: str, checked: list[str]) -> str:
    """The SQL showing one row column, converted as its field's type requires."""
    column = f'{ROW_ALIAS}."{name}"'
    convert = SQL_SHOWN_AS.get(type(field))
    if convert is _sql_number:
        checked.append(_exact_in_sql(column))
    return convert(column) if convert else column


def _json_sql() -> tuple[str, str]:
    """The claim object as one SQLite expression, and the test that it is exact."""
    checked: list[str] = []
    pairs = []
    for name, field in ClaimSchema._declared_fields.items():
        if name in COMPUTED_SQL:
            pairs.append(f"'{name}', {COMPUTED_SQL[name]}")
            continue
        if not isinstance(field, fields.Nested):
            pairs.append(f"'{name}', {_sql_shown(field, name, checked)}")
            continue
        inner = ", ".join(
            f"'{key}', {COMPUTED_SQL[f'{name}.{key}']}"
            if f"{name}.{key}" in COMPUTED_SQL
            else f"'{key}', {_sql_shown(value, row_name(name, key), checked)}"
            for key, value in field.schema.fields.items()
        )
        group = f"json_object({inner})"
        if field.allow_none:
            key = f'{ROW_ALIAS}."{row_name(name, "id")}"'
            group = f"CASE WHEN {key} IS NULL THEN NULL ELSE {group} END"
        pairs.append(f"'{name}', {group}")
    return f"json_object({', '.join(pairs)})", " AND ".join(checked) or "1"


CLAIM_JSON_SQL, CLAIM_JSON_EXACT_SQL = _json_sql()
