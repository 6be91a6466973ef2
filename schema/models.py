"""peewee models: documents, organisations, speakers, claims, figures and their histories."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from peewee import (
    AutoField,
    BooleanField,
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

    SQLite's NUMERIC affinity keeps integers as 64-bit integers (16조 stays
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


class Organization(BaseModel):
    """A company or institution: one record, its names in Korean and English, and aliases.

    Speakers belong to one (`Speaker.organization_id`); the organisation's
    name and English name shown with a speaker are this record's (see
    core.organizations), so an English citation names it one way everywhere.
    """

    id = CharField(primary_key=True, max_length=120)
    name = TextField(index=True)
    name_en = TextField(null=True)  # indexed where present: see below the Claim model
    version = IntegerField(default=1)
    changed_by = TextField(default="unknown")
    change_reason = TextField(default="")
    created_at = DateTimeField(default=utc_now)
    updated_at = DateTimeField(default=utc_now)


class AliasRows:
    """Reading and replacing a record's aliases, for every alias table alike.

    An alias table has one reference (its record), `alias` and `position`: the
    aliases are kept in the order they were given, without repeats.
    """

    @classmethod
    def owner(cls):
        """The alias table's reference to its record."""
        (reference,) = cls._meta.refs
        return reference

    @classmethod
    def of(cls, owner_ids: list[str]) -> dict[str, list[str]]:
        """Each record's aliases in their stored order."""
        owner = cls.owner()
        found: dict[str, list[str]] = {owner_id: [] for owner_id in owner_ids}
        rows = (
            cls.select(owner, cls.alias)
            .where(owner.in_(owner_ids))
            .order_by(owner, cls.position)
            .tuples()
        )
        for owner_id, alias in rows:
            found[owner_id].append(alias)
        return found

    @classmethod
    def replace(cls, owner_id: str, aliases: list[str]) -> None:
        """Replace a record's aliases, keeping their order and dropping repeats."""
        owner = cls.owner()
        cls.delete().where(owner == owner_id).execute()
        rows = [
            {owner.name: owner_id, "alias": alias, "position": i}
            for i, alias in enumerate(dict.fromkeys(aliases))
        ]
        if rows:
            cls.insert_many(rows).execute()


class OrganizationAlias(AliasRows, BaseModel):
    """Another name of an organisation ("Hanbit", "Hanbit Electronics Inc."); one row per alias."""

    organization = ForeignKeyField(Organization, backref="alias_rows", on_delete="CASCADE")
    alias = TextField(index=True)
    position = IntegerField(default=0)

    class Meta:
        primary_key = CompositeKey("organization", "alias")


class Speaker(BaseModel):
    """A person or organisation that states claims."""

    id = CharField(primary_key=True, max_length=120)
    name = TextField(index=True)
    name_en = TextField(null=True)  # indexed where present: see below the Claim model
    kind = CharField(max_length=16)
    role = TextField(null=True)
    role_en = TextField(null=True)
    # The organisation the speaker speaks for: a person's, or the organisation itself.
    # `organization` and `organization_en` are that record's names, kept here so a
    # claim's speaker is read without another join (core.organizations writes them).
    organization_id = ForeignKeyField(Organization, null=True, backref="members", index=False)
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

    @classmethod
    def keep(cls, record, data: dict) -> ArchivedVersion:
        """Keep `record`'s state `data` before a change replaces it: the version it had,
        who wrote it, when and why (every versioned record archives the same way)."""
        (owner,) = (field.name for field in cls._meta.refs)  # the record it belongs to
        return cls.create(
            **{owner: record.id},
            version=record.version,
            data=json.dumps(data, ensure_ascii=False, default=str),
            changed_by=record.changed_by,
            changed_at=record.updated_at,
            reason=record.change_reason,
        )


class SpeakerVersion(ArchivedVersion):
    """A speaker's earlier state: the role or organisation it was quoted under stays told."""

    speaker = ForeignKeyField(Speaker, backref="versions", on_delete="CASCADE")

    class Meta:
        indexes = ((("speaker", "version"), True),)


class OrganizationVersion(ArchivedVersion):
    """An organisation's earlier state: its names as they were."""

    organization = ForeignKeyField(Organization, backref="versions", on_delete="CASCADE")

    class Meta:
        indexes = ((("organization", "version"), True),)


class SpeakerAlias(AliasRows, BaseModel):
    """A short form the text uses for a speaker ("조 사장"); one row per alias."""

    speaker = ForeignKeyField(Speaker, backref="alias_rows", on_delete="CASCADE")
    alias = TextField(index=True)
    position = IntegerField(default=0)

    class Meta:
        primary_key = CompositeKey("speaker", "alias")


class Figure(BaseModel):
    """One real-world quantity ("LG Electronics devices installed worldwide").

    Its claims are its appearances, each in its own document, wording,
    qualifier and speaker (`Claim.figure`; a claim belongs to at most one).
    Figures are proposed by core.linking and corrected by people. The first
    appearance, the counts and the conflicts are kept up to date with the
    membership (core.figures), so the list pages through an index.
    """

    id = AutoField()
    subject = TextField(null=True)
    unit = CharField(max_length=32)
    status = CharField(max_length=16, default="active")  # active, merged, dissolved
    merged_into = ForeignKeyField("self", null=True, backref="merged_from")
    first_claim = IntegerField(null=True)  # the claim published earliest (no FK: a cycle)
    first_published = DateField(null=True)
    claim_count = IntegerField(default=0)
    document_count = IntegerField(default=0)
    conflicted = BooleanField(default=False)
    version = IntegerField(default=1)
    changed_by = TextField(default="unknown")
    change_reason = TextField(default="")
    created_at = DateTimeField(default=utc_now)
    updated_at = DateTimeField(default=utc_now)

    class Meta:
        indexes = ((("status", "id"), False), (("status", "conflicted", "id"), False))


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
    # The figure this claim is an appearance of (null: none yet); why, in FigureLink.
    figure = ForeignKeyField(Figure, null=True, backref="appearances", index=False)

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
Claim.add_index(Claim.figure, name="claim_figure_id", where=Claim.figure.is_null(False))
Organization.add_index(
    Organization.name_en, name="organization_name_en", where=Organization.name_en.is_null(False)
)
Speaker.add_index(
    Speaker.organization_id,
    name="speaker_organization_id",
    where=Speaker.organization_id.is_null(False),
)


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


class FigureLink(BaseModel):
    """Why a claim is in its figure: the rules that matched and a score, or a person's word.

    `origin` is `automatic` (core.linking decided; relinking may undo it) or
    `person` (attached by a token; relinking never touches it).
    """

    claim = ForeignKeyField(Claim, primary_key=True, backref="figure_link", on_delete="CASCADE")
    figure = ForeignKeyField(Figure, backref="link_rows", on_delete="CASCADE")
    origin = CharField(max_length=16)
    rules = TextField()  # JSON: the rules that matched, in order
    score = FloatField(null=True)
    matched = IntegerField(null=True)  # the claim it was compared with and matched
    changed_by = TextField()
    reason = TextField()
    created_at = DateTimeField(default=utc_now)


class FigureExclusion(BaseModel):
    """A person took this claim out of this figure: automatic linking never puts it back."""

    claim = ForeignKeyField(Claim, backref="figure_exclusions", on_delete="CASCADE")
    figure = ForeignKeyField(Figure, backref="exclusions", on_delete="CASCADE")
    changed_by = TextField()
    reason = TextField()
    created_at = DateTimeField(default=utc_now)

    class Meta:
        primary_key = CompositeKey("claim", "figure")


class FigureConflict(BaseModel):
    """A disagreement among a figure's claims: its kind, the claims involved, and why."""

    figure = ForeignKeyField(Figure, backref="conflict_rows", on_delete="CASCADE", index=False)
    kind = CharField(max_length=16)
    claims = TextField()  # JSON list of claim ids
    detail = TextField()

    class Meta:
        primary_key = CompositeKey("figure", "kind")
        indexes = ((("kind", "figure"), False),)


class FigureEvent(BaseModel):
    """The record of a figure: every link made or undone, merge and split, by whom and why."""

    id = AutoField()
    figure = ForeignKeyField(Figure, backref="events", on_delete="CASCADE", index=False)
    claim = IntegerField(null=True)
    action = CharField(max_length=24)
    evidence = TextField(null=True)  # JSON
    changed_by = TextField()
    reason = TextField()
    changed_at = DateTimeField(default=utc_now)

    class Meta:
        indexes = ((("figure", "id"), False),)


MODELS = [
    Document,
    Organization,
    OrganizationAlias,
    OrganizationVersion,
    Speaker,
    SpeakerVersion,
    SpeakerAlias,
    Figure,
    Claim,
    ClaimVersion,
    ApiToken,
    FigureLink,
    FigureExclusion,
    FigureConflict,
    FigureEvent,
]
