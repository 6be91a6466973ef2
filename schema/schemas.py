"""marshmallow schemas: what the API reads and writes, and what fixtures must hold.

The fixtures loader and the API load input through the same schemas, so a
record that seeds is a record the API would accept, and the reverse.
"""

from __future__ import annotations

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from extractor.vocabulary import (
    ATTRIBUTIONS,
    CLAIM_STATUSES,
    KINDS,
    QUALIFIERS,
    SPEAKER_KINDS,
    UNITS,
)
from schema.fields import (
    ExactNumber,
    UtcDateTime,
    reject_control_characters,
    require_nonblank,
)

SLUG = validate.Regexp(
    r"^[a-z0-9][a-z0-9-]{0,119}$",
    error="Must be a slug: lower-case letters, digits and hyphens, at most 120.",
)
LANGUAGES = ("ko", "en")
MAX_TEXT_LENGTH = 200_000


def one_of(vocabulary) -> validate.OneOf:
    """Validator for a controlled vocabulary, listing the accepted terms."""
    return validate.OneOf(list(vocabulary), error="Must be one of: {choices}.")


def short_text(*, required: bool = False, max_length: int = 500, **kwargs) -> fields.String:
    """A single-line text field with the checks every human-written field needs."""
    return fields.String(
        required=required,
        validate=[validate.Length(max=max_length), reject_control_characters, require_nonblank],
        **kwargs,
    )


class StrictSchema(Schema):
    """Unknown fields are errors: a typo must not be silently dropped."""

    class Meta:
        unknown = RAISE


# --- documents --------------------------------------------------------------


class DocumentSchema(StrictSchema):
    """A source document; `text` is stored verbatim and never changes."""

    id = fields.String(validate=SLUG, metadata={"description": "Stable slug."})
    title = short_text(required=True)
    title_en = short_text(
        allow_none=True,
        load_default=None,
        metadata={"description": "The title in English, if the article has one."},
    )
    outlet = short_text(allow_none=True, load_default=None)
    outlet_en = short_text(
        allow_none=True,
        load_default=None,
        metadata={"description": "The outlet's English name (English citations use it)."},
    )
    url = fields.Url(allow_none=True, load_default=None, validate=validate.Length(max=2000))
    author = short_text(allow_none=True, load_default=None)
    published = fields.Date(required=True)
    language = fields.String(required=True, validate=one_of(LANGUAGES))
    text = fields.String(
        required=True,
        validate=[validate.Length(min=1, max=MAX_TEXT_LENGTH), require_nonblank],
    )
    text_sha256 = fields.String(dump_only=True)
    supersedes = fields.String(allow_none=True, load_default=None, validate=SLUG)
    created_at = UtcDateTime(dump_only=True)
    candidates = fields.Integer(
        dump_only=True, metadata={"description": "Candidate claims stored with `extract`."}
    )
    links = fields.Dict(dump_only=True)


class DocumentSummarySchema(DocumentSchema):
    """A document in a list: everything but the text."""

    class Meta:
        exclude = ("text",)


class DocumentRefSchema(Schema):
    """The citation-relevant fields of a claim's document."""

    id = fields.String()
    title = fields.String()
    title_en = fields.String(allow_none=True)
    outlet = fields.String(allow_none=True)
    outlet_en = fields.String(allow_none=True)
    author = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
    published = fields.Date()
    language = fields.String()


# --- speakers ---------------------------------------------------------------


def aliases_field() -> fields.List:
    """Other names a record goes by (a speaker's short forms, an organisation's names)."""
    return fields.List(
        short_text(max_length=200), load_default=list, validate=validate.Length(max=50)
    )


def history_reason(default: str, record: str | None = None) -> fields.String:
    """Why a record was written: optional, `default` when absent, kept in its history."""
    metadata = {"description": f"Why: kept in the {record}'s history."} if record else {}
    return fields.String(
        load_only=True,
        load_default=default,
        validate=[validate.Length(max=1000), reject_control_characters],
        metadata=metadata,
    )


class SpeakerSchema(StrictSchema):
    """A person or organisation, with the short forms the texts use for it."""

    id = fields.String(validate=SLUG)
    name = short_text(required=True, max_length=200)
    name_en = short_text(allow_none=True, load_default=None, max_length=200)
    kind = fields.String(required=True, validate=one_of(SPEAKER_KINDS))
    role = short_text(allow_none=True, load_default=None, max_length=200)
    role_en = short_text(allow_none=True, load_default=None, max_length=200)
    organization_id = fields.String(
        allow_none=True,
        load_default=None,
        validate=SLUG,
        metadata={
            "description": "The organisation record the speaker speaks for "
            "(/v1/organizations); without it, `organization` names one, or a new one."
        },
    )
    organization = short_text(
        allow_none=True,
        load_default=None,
        max_length=200,
        metadata={"description": "The organisation's name (shown: its record's name)."},
    )
    organization_en = short_text(
        allow_none=True,
        load_default=None,
        max_length=200,
        metadata={"description": "Shown: the organisation record's English name."},
    )
    aliases = aliases_field()
    reason = history_reason("created", "speaker")
    version = fields.Integer(dump_only=True)
    links = fields.Dict(dump_only=True)


class SpeakerRefSchema(Schema):
    """Who stated a claim, as shown with the claim."""

    id = fields.String()
    name = fields.String()
    name_en = fields.String(allow_none=True)
    kind = fields.String()
    role = fields.String(allow_none=True)
    role_en = fields.String(allow_none=True)
    organization_id = fields.String(allow_none=True)
    organization = fields.String(allow_none=True)
    organization_en = fields.String(allow_none=True)


class OrganizationSchema(StrictSchema):
    """A company or institution: its names in Korean and English, and its aliases."""

    id = fields.String(validate=SLUG)
    name = short_text(required=True, max_length=200)
    name_en = short_text(allow_none=True, load_default=None, max_length=200)
    aliases = aliases_field()
    reason = history_reason("created", "organisation")
    version = fields.Integer(dump_only=True)
    links = fields.Dict(dump_only=True)


class OrganizationUpdateSchema(OrganizationSchema):
    """A partial change to an organisation (id is fixed); its people show the new names."""

    reason = history_reason("updated")

    class Meta:
        exclude = ("id",)


class OrganizationPageSchema(Schema):
    """A page of organisations."""

    data = fields.List(fields.Nested(OrganizationSchema))
    next = fields.String(allow_none=True)


# --- claims -----------------------------------------------------------------


class ClaimInputSchema(StrictSchema):
    """A claim as written by a fixture or a client.

    Offsets are optional for clients (the quote is located in the text), but
    fixtures always carry them and the loader checks them.
    """

    id = fields.Integer(strict=True, validate=validate.Range(min=1, max=2**53))
    document = fields.String(required=True, validate=SLUG)
    speaker = fields.String(allow_none=True, load_default=None, validate=SLUG)
    attribution = fields.String(required=True, validate=one_of(ATTRIBUTIONS))
    subject = short_text(allow_none=True, load_default=None)
    value = ExactNumber(required=True)
    unit = fields.String(required=True, validate=one_of(UNITS))
    kind = fields.String(required=True, validate=one_of(KINDS))
    qualifier = fields.String(load_default="exact", validate=one_of(QUALIFIERS))
    stated_as = fields.String(
        required=True, validate=[validate.Length(min=1, max=200), require_nonblank]
    )
    start = fields.Integer(strict=True, validate=validate.Range(min=0))
    end = fields.Integer(strict=True, validate=validate.Range(min=1))
    restates = fields.Integer(strict=True, allow_none=True, validate=validate.Range(min=1))
    confidence = fields.Float(
        allow_none=True, load_default=None, validate=validate.Range(min=0, max=1)
    )
    status = fields.String(load_default="active", validate=one_of(CLAIM_STATUSES))

    @validates_schema
    def offsets_in_order(self, data, **kwargs):
        """`end - start` must be the length of `stated_as` when all three are given."""
        start, end = data.get("start"), data.get("end")
        if (start is None) != (end is None):
            raise ValidationError("Give both start and end, or neither.", "start")
        if start is not None and "stated_as" in data and end - start != len(data["stated_as"]):
            raise ValidationError("end - start must equal the length of stated_as.", "end")


class ImportedClaimSchema(ClaimInputSchema):
    """A claim in an import file (`flask --app api import`): the claim's own rules.

    Its article gives the document, and `restates` is the index of an earlier
    claim of the same article, which has no id yet.
    """

    restates = fields.Integer(
        strict=True, allow_none=True, load_default=None, validate=validate.Range(min=0)
    )

    class Meta:
        exclude = ("id", "document")


class SelectorsSchema(Schema):
    """W3C Web Annotation selectors locating the quote in the document text."""

    TextQuoteSelector = fields.Dict()
    TextPositionSelector = fields.Dict()


class SpanSchema(Schema):
    """A stretch of the document text: its exact characters and code-point offsets."""

    exact = fields.String()
    start = fields.Integer()
    end = fields.Integer()


class SourceSchema(Schema):
    """Where exactly the claim stands in its document."""

    sentence = fields.String()
    start = fields.Integer()
    end = fields.Integer()
    quote = fields.Nested(
        SpanSchema,
        allow_none=True,
        metadata={
            "description": "A direct quote's speaker's own words: the inside of the "
            "quotation marks that hold the number (null for other attributions)."
        },
    )
    sentence_start = fields.Integer()
    sentence_end = fields.Integer()
    text_sha256 = fields.String()
    selectors = fields.Nested(SelectorsSchema)


class AttributionEvidenceSchema(Schema):
    """Why the extractor gave a claim its speaker: the rule, and where the text names them."""

    rule = fields.String()
    mention = fields.Nested(SpanSchema, allow_none=True)


class FigureRefSchema(Schema):
    """The figure a claim is an appearance of (GET /v1/figures/{id})."""

    id = fields.Integer()
    links = fields.Dict()


class ClaimSchema(Schema):
    """A stored claim with its speaker, document and exact source span."""

    id = fields.Integer()
    status = fields.String(metadata={"enum": list(CLAIM_STATUSES)})
    value = ExactNumber()
    unit = fields.String(metadata={"enum": list(UNITS)})
    kind = fields.String(metadata={"enum": list(KINDS)})
    qualifier = fields.String(metadata={"enum": list(QUALIFIERS)})
    stated_as = fields.String()
    subject = fields.String(allow_none=True)
    attribution = fields.String(metadata={"enum": list(ATTRIBUTIONS)})
    attribution_evidence = fields.Nested(
        AttributionEvidenceSchema,
        allow_none=True,
        metadata={"description": "Null unless the extractor attributed the claim."},
    )
    confidence = fields.Float(allow_none=True)
    speaker = fields.Nested(SpeakerRefSchema, allow_none=True)
    document = fields.Nested(DocumentRefSchema)
    source = fields.Nested(SourceSchema)
    restates = fields.Integer(allow_none=True)
    restated_by = fields.List(fields.Integer())
    figure = fields.Nested(
        FigureRefSchema,
        allow_none=True,
        metadata={
            "description": "The figure this claim is an appearance of: the same real-world "
            "quantity in other documents (null: none)."
        },
    )
    status_reason = fields.String(allow_none=True)
    status_changed_by = fields.String(allow_none=True)
    status_changed_at = UtcDateTime(allow_none=True)
    version = fields.Integer()
    created_at = UtcDateTime()
    updated_at = UtcDateTime()
    links = fields.Dict()


# What the record keeps about a stored claim's changes: who set its status, when and
# why, its version and the times of its first and latest one.
CLAIM_HISTORY_FIELDS = (
    "status_reason",
    "status_changed_by",
    "status_changed_at",
    "version",
    "created_at",
    "updated_at",
)


class CandidateSpeakerSchema(SpeakerRefSchema):
    """Who a candidate quotes, as the text names them; `id` when a stored speaker matches."""

    id = fields.String(allow_none=True)

    class Meta:
        exclude = ("name_en", "role_en", "organization_id", "organization_en")


class CandidateSchema(ClaimSchema):
    """An extracted claim awaiting review: a claim as stored, less what storing gives it.

    No id, document, history or links yet; offsets count into the posted text.
    """

    id = fields.Integer(allow_none=True, metadata={"description": "Null: not stored yet."})
    speaker = fields.Nested(CandidateSpeakerSchema, allow_none=True)
    restates_candidate = fields.Integer(
        allow_none=True,
        metadata={
            "description": "The candidate this one restates in another unit, by its "
            "0-based position in `data` (candidates have no ids; stored claims name "
            "the claim they restate in `restates`)."
        },
    )

    class Meta:
        exclude = ("document", "restates", "restated_by", "links", *CLAIM_HISTORY_FIELDS)


# Paging of every list: the claim list's arguments (core.claim_filters) share these.
PAGE_LIMIT = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))
PAGE_CURSOR = fields.String(validate=validate.Length(max=500))


class PageArgsSchema(StrictSchema):
    """Paging of the small collections (documents, speakers)."""

    limit = PAGE_LIMIT
    cursor = PAGE_CURSOR


class ProblemSchema(Schema):
    """RFC 9457 problem details, the body of every error response."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String()
    instance = fields.String()
    errors = fields.Dict(
        keys=fields.String(),
        metadata={"description": "Field name → messages, on validation failures."},
    )
    existing = fields.String(
        metadata={"description": "On a 409 for a duplicate: the link of the record it repeats."}
    )


class FacetBucketSchema(Schema):
    """One value of a faceted column and how many matching claims have it."""

    value = fields.Raw(allow_none=True)
    name = fields.String(allow_none=True)
    count = fields.Integer()


class ClaimPageSchema(Schema):
    """A page of claims; follow `next` until it is null."""

    data = fields.List(fields.Nested(ClaimSchema))
    next = fields.String(allow_none=True)
    facets = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(FacetBucketSchema)))
    count = fields.Integer()


class DocumentPageSchema(Schema):
    """A page of documents (without their texts)."""

    data = fields.List(fields.Nested(DocumentSummarySchema))
    next = fields.String(allow_none=True)


class SpeakerPageSchema(Schema):
    """A page of speakers."""

    data = fields.List(fields.Nested(SpeakerSchema))
    next = fields.String(allow_none=True)


# --- writes -----------------------------------------------------------------

REASON = fields.String(
    required=True,
    validate=[validate.Length(min=3, max=1000), reject_control_characters, require_nonblank],
    metadata={"description": "Why: kept in the claim's history."},
)


class DocumentCreateSchema(DocumentSchema):
    """A new document; `id` defaults to one derived from the text's hash."""

    extract = fields.Boolean(
        load_default=False,
        metadata={"description": "Also store extracted claims as candidates."},
    )


class SpeakerUpdateSchema(SpeakerSchema):
    """A partial change to a speaker (id is fixed); the state it replaces is archived."""

    reason = history_reason("updated", "speaker")

    class Meta:
        exclude = ("id",)


class ClaimCreateSchema(ClaimInputSchema):
    """A claim posted by a client: offsets, or the quote with optional context."""

    prefix = fields.String(validate=validate.Length(max=200), load_default=None)
    suffix = fields.String(validate=validate.Length(max=200), load_default=None)
    value_override_reason = short_text(
        allow_none=True,
        load_default=None,
        metadata={"description": "Store a value the quote does not literally state."},
    )
    reason = fields.String(
        validate=[validate.Length(max=1000), reject_control_characters],
        load_default="created",
    )

    class Meta:
        exclude = ("id",)


class ClaimUpdateSchema(ClaimCreateSchema):
    """A correction to a claim; every change is a new version with its reason.

    The claim's fields and their rules are ClaimInputSchema's: each may be
    given alone (a missing one stays as it is, with no default filled in).
    Only the status is narrower, since retracting is DELETE, and the reason
    is required.
    """

    status = fields.String(
        validate=validate.OneOf(
            [s for s in CLAIM_STATUSES if s != "retracted"],
            error="Must be one of: {choices}; retract with DELETE.",
        )
    )
    reason = REASON

    class Meta:
        exclude = ("id", "document", "prefix", "suffix")

    def __init__(self, **kwargs):
        kwargs.setdefault("partial", tuple(n for n in self._declared_fields if n != "reason"))
        super().__init__(**kwargs)


class RetractionSchema(StrictSchema):
    """Why a claim is withdrawn; the claim stays readable by id."""

    reason = REASON


class VersionSchema(Schema):
    """One version of a claim or speaker: its state after a change, who, when and why."""

    version = fields.Integer()
    changed_by = fields.String()
    changed_at = UtcDateTime()
    reason = fields.String()
    data = fields.Dict()


class HistorySchema(Schema):
    """Every version of a claim or speaker, oldest first."""

    data = fields.List(fields.Nested(VersionSchema))


class VerificationSchema(Schema):
    """Whether a claim's quote still sits where it says, and why (not)."""

    claim = fields.Integer()
    state = fields.String(metadata={"enum": ["anchored", "ambiguous", "orphaned"]})
    ok = fields.Boolean()
    checks = fields.Dict()
    reasons = fields.List(fields.String())


MAX_EXTRACT_CHARS = 100_000


class ExtractRequestSchema(StrictSchema):
    """A text to extract candidate claims from (nothing is stored)."""

    text = fields.String(
        required=True,
        validate=[require_nonblank],
        metadata={"description": f"At most {MAX_EXTRACT_CHARS} characters (else 413)."},
    )
    language = fields.String(load_default="auto", validate=one_of(("ko", "en", "auto")))
    published = fields.Date(load_default=None, allow_none=True)


class CandidatePageSchema(Schema):
    """Candidate claims in the shape of stored claims, offsets into the posted text."""

    data = fields.List(fields.Nested(CandidateSchema))
    language = fields.String()


class DocumentVerificationSchema(Schema):
    """Every claim of a document verified, with a count per state."""

    document = fields.String()
    states = fields.Dict(
        keys=fields.String(metadata={"enum": ["anchored", "ambiguous", "orphaned"]}),
        values=fields.Integer(),
    )
    data = fields.List(fields.Nested(VerificationSchema))


# --- figures ----------------------------------------------------------------


class FigureConflictSchema(Schema):
    """A disagreement among a figure's claims: its kind, the claims involved, and why."""

    kind = fields.String(metadata={"enum": ["value", "qualifier", "speaker", "unit", "precision"]})
    claims = fields.List(fields.Integer())
    detail = fields.String()


class FigureSummarySchema(Schema):
    """A figure in a list: one real-world quantity and how its sources state it."""

    id = fields.Integer()
    subject = fields.String(allow_none=True)
    unit = fields.String()
    status = fields.String(metadata={"enum": ["active", "merged", "dissolved"]})
    claims = fields.Integer(metadata={"description": "How many claims state it."})
    documents = fields.Integer(metadata={"description": "In how many documents."})
    first_appearance = fields.Dict(allow_none=True)
    conflicts = fields.List(fields.String())
    version = fields.Integer()
    links = fields.Dict()


class FigureSchema(FigureSummarySchema):
    """A figure: its first appearance, every claim in publication order with its
    differences from the first and the link that put it there, and its conflicts."""

    claims = fields.List(fields.Dict())
    conflicts = fields.List(fields.Nested(FigureConflictSchema))
    merged_into = fields.Integer(allow_none=True)


class FigurePageSchema(Schema):
    """A page of figures; follow `next` until it is null."""

    data = fields.List(fields.Nested(FigureSummarySchema))
    next = fields.String(allow_none=True)
    count = fields.Integer()


class FigureEventSchema(Schema):
    """One change to a figure: a link made or undone, a merge or a split; who, when, why."""

    event = fields.Integer()
    claim = fields.Integer(allow_none=True)
    action = fields.String()
    evidence = fields.Dict(allow_none=True)
    changed_by = fields.String()
    changed_at = UtcDateTime()
    reason = fields.String()


class FigureHistorySchema(Schema):
    """Every change to a figure, oldest first."""

    data = fields.List(fields.Nested(FigureEventSchema))
