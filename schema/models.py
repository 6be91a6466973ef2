"""peewee models: documents, speakers, claims and the version history of claims."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from peewee import (
    AutoField,
    CharField,
    CompositeKey,
    DateField,
    DateTimeField,
    Field,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from schema.db import database


def utc_now() -> dt.datetime:
    """Timestamps are UTC, second precision, so they compare and serialise simply."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)


def exact_number(raw: int | float | str | Decimal) -> int | Decimal:
    """Integral values become `int`; others stay `Decimal`, so nothing is rounded."""
    number = raw if isinstance(raw, Decimal) else Decimal(str(raw))
    if number == number.to_integral_value():
        return int(number)
    return number.normalize()


class ValueField(Field):
    """A claim's number: NUMERIC in the database, int or Decimal in Python.

    SQLite's NUMERIC affinity keeps integers as 64-bit integers (49조 stays
    49000000000000 exactly); PostgreSQL's NUMERIC keeps every digit.
    """

    field_type = "NUMERIC"

    def db_value(self, value):
        if value is None:
            return None
        number = exact_number(value)
        return number if isinstance(number, int) else str(number)

    def python_value(self, value):
        return None if value is None else exact_number(value)


# The author the seeder writes under. Seeding changes only what this author wrote
# last, so no token may take the name (see api/auth.py).
FIXTURES_AUTHOR = "fixtures"


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class Document(BaseModel):
    """A source text, stored verbatim; its text never changes once stored."""

    id = CharField(primary_key=True, max_length=120)
    title = TextField()
    title_en = TextField(null=True)  # English citations show only English names
    outlet = TextField(null=True)
    outlet_en = TextField(null=True)
    url = TextField(null=True)
    author = TextField(null=True)
    published = DateField(index=True)
    language = CharField(max_length=8)
    text = TextField()
    text_sha256 = CharField(max_length=64)
    supersedes = ForeignKeyField("self", null=True, backref="superseded_by")
    # Who stored it (a token's name, an import, or the fixtures): seeding only
    # ever changes the metadata of a document that the fixtures wrote.
    changed_by = TextField(default="unknown")
    created_at = DateTimeField(default=utc_now)


class Speaker(BaseModel):
    """A person or organisation that states claims."""

    id = CharField(primary_key=True, max_length=120)
    name = TextField(index=True)
    name_en = TextField(null=True)  # indexed where present: see below the Claim model
    kind = CharField(max_length=16)
    role = TextField(null=True)
    role_en = TextField(null=True)
    organization = TextField(null=True, index=True)
    organization_en = TextField(null=True)
    version = IntegerField(default=1)
    changed_by = TextField(default="unknown")
    change_reason = TextField(default="")
    created_at = DateTimeField(default=utc_now)
    updated_at = DateTimeField(default=utc_now)


class ArchivedVersion(BaseModel):
    """A superseded state of a record, kept when a change replaced it (no table of its own).

    The record's row is always its current version; each earlier one is a row
    of a subclass, its state as JSON with who made it, when and why.
    """

    version = IntegerField()
    data = TextField()
    changed_by = TextField()
    changed_at = DateTimeField(default=utc_now)
    reason = TextField()


class SpeakerVersion(ArchivedVersion):
    """A speaker's earlier state: the role or organisation it was quoted under stays told."""

    speaker = ForeignKeyField(Speaker, backref="versions", on_delete="CASCADE")

    class Meta:
        indexes = ((("speaker", "version"), True),)


class SpeakerAlias(BaseModel):
    """A short form the text uses for a speaker ("조 사장"); one row per alias."""

    speaker = ForeignKeyField(Speaker, backref="alias_rows", on_delete="CASCADE")
    alias = TextField(index=True)
    position = IntegerField(default=0)

    class Meta:
        primary_key = CompositeKey("speaker", "alias")


class Claim(BaseModel):
    """One quantitative statement anchored to a span of a document's text.

    `sentence`, `quote_prefix` and `quote_suffix` are copied from the document
    when the claim is written. The document text is immutable, so they never go
    stale, and lists can be served without reading whole documents; verification
    recomputes them from the text to prove they still hold.
    """

    id = AutoField()
    document = ForeignKeyField(Document, backref="claims")
    speaker = ForeignKeyField(Speaker, null=True, backref="claims")
    attribution = CharField(max_length=24)
    subject = TextField(null=True)
    value = ValueField()
    unit = CharField(max_length=32)
    kind = CharField(max_length=16)
    qualifier = CharField(max_length=16)
    stated_as = TextField()
    start = IntegerField()
    end = IntegerField()
    sentence_start = IntegerField()
    sentence_end = IntegerField()
    sentence = TextField()
    quote_prefix = TextField()
    quote_suffix = TextField()
    restates = ForeignKeyField("self", null=True, backref="restatements", index=False)
    # A direct quote's speaker's own words: the inside of the quotation marks around
    # the number, computed from the text (extractor.quotes), null for other claims.
    quoted_start = IntegerField(null=True)
    quoted_end = IntegerField(null=True)
    quoted_words = TextField(null=True)
    # Why an extracted claim has its speaker: the extractor's rule, and where the text
    # names the speaker (null when a person attributed the claim).
    attribution_rule = TextField(null=True)
    mention_start = IntegerField(null=True)
    mention_end = IntegerField(null=True)
    mention = TextField(null=True)
    published = DateField()
    status = CharField(max_length=16, default="active")
    status_reason = TextField(null=True)
    status_changed_by = TextField(null=True)
    status_changed_at = DateTimeField(null=True)
    confidence = FloatField(null=True)
    version = IntegerField(default=1)
    changed_by = TextField(default="unknown")
    change_reason = TextField(default="")
    created_at = DateTimeField(default=utc_now)
    updated_at = DateTimeField(default=utc_now)

    class Meta:
        indexes = (
            (("status", "id"), False),
            (("status", "value", "id"), False),
            (("status", "published", "id"), False),
            (("status", "speaker", "id"), False),
            (("status", "document", "id"), False),
            (("status", "unit", "value", "id"), False),
            (("status", "kind", "id"), False),
        )


# Columns that are mostly empty (no English name, no restated claim) are indexed
# only where they hold a value. A full index there is mostly NULLs: a Korean-only
# archive gives `name_en` a single value in the planner's statistics, so lookups
# by English name scan the table; and every claim would pay an index entry for
# a link that few have. An equality test (`name_en = ?`, `restates_id IN (…)`)
# implies IS NOT NULL, so both backends still use these for the queries we run.
Speaker.add_index(Speaker.name_en, name="speaker_name_en", where=Speaker.name_en.is_null(False))
Claim.add_index(Claim.restates, name="claim_restates_id", where=Claim.restates.is_null(False))


class ClaimVersion(ArchivedVersion):
    """A claim's earlier state, archived when a correction or retraction replaced it."""

    claim = ForeignKeyField(Claim, backref="versions")

    class Meta:
        indexes = ((("claim", "version"), True),)


class ApiToken(BaseModel):
    """A named write token; only the SHA-256 of the secret is stored."""

    name = CharField(unique=True, max_length=80)
    token_hash = CharField(unique=True, max_length=64)
    created_at = DateTimeField(default=utc_now)
    revoked_at = DateTimeField(null=True)


MODELS = [Document, Speaker, SpeakerVersion, SpeakerAlias, Claim, ClaimVersion, ApiToken]
