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
    outlet = short_text(allow_none=True, load_default=None)
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
    outlet = fields.String(allow_none=True)
    author = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
    published = fields.Date()


# --- speakers ---------------------------------------------------------------


class SpeakerSchema(StrictSchema):
    """A person or organisation, with the short forms the texts use for it."""

    id = fields.String(validate=SLUG)
    name = short_text(required=True, max_length=200)
    name_en = short_text(allow_none=True, load_default=None, max_length=200)
    kind = fields.String(required=True, validate=one_of(SPEAKER_KINDS))
    role = short_text(allow_none=True, load_default=None, max_length=200)
    organization = short_text(allow_none=True, load_default=None, max_length=200)
    aliases = fields.List(
        short_text(max_length=200), load_default=list, validate=validate.Length(max=50)
    )
    reason = fields.String(
        load_only=True,
        load_default="created",
        validate=[validate.Length(max=1000), reject_control_characters],
        metadata={"description": "Why: kept in the speaker's history."},
    )
    version = fields.Integer(dump_only=True)
    links = fields.Dict(dump_only=True)


class SpeakerRefSchema(Schema):
    """Who stated a claim, as shown with the claim."""

    id = fields.String()
    name = fields.String()
    name_en = fields.String(allow_none=True)
    kind = fields.String()
    role = fields.String(allow_none=True)
    organization = fields.String(allow_none=True)


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
    confidence = fields.Float(allow_none=True, validate=validate.Range(min=0, max=1))
    status = fields.String(load_default="active", validate=one_of(CLAIM_STATUSES))

    @validates_schema
    def offsets_in_order(self, data, **kwargs):
        """`end - start` must be the length of `stated_as` when both are given."""
        start, end = data.get("start"), data.get("end")
        if (start is None) != (end is None):
            raise ValidationError("Give both start and end, or neither.", "start")
        if start is not None and end - start != len(data["stated_as"]):
            raise ValidationError("end - start must equal the length of stated_as.", "end")


class SelectorsSchema(Schema):
    """W3C Web Annotation selectors locating the quote in the document text."""

    TextQuoteSelector = fields.Dict()
    TextPositionSelector = fields.Dict()


class SourceSchema(Schema):
    """Where exactly the claim stands in its document."""

    sentence = fields.String()
    start = fields.Integer()
    end = fields.Integer()
    sentence_start = fields.Integer()
    sentence_end = fields.Integer()
    text_sha256 = fields.String()
    selectors = fields.Nested(SelectorsSchema)


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
    confidence = fields.Float(allow_none=True)
    speaker = fields.Nested(SpeakerRefSchema, allow_none=True)
    document = fields.Nested(DocumentRefSchema)
    source = fields.Nested(SourceSchema)
    restates = fields.Integer(allow_none=True)
    restated_by = fields.List(fields.Integer())
    status_reason = fields.String(allow_none=True)
    status_changed_by = fields.String(allow_none=True)
    status_changed_at = UtcDateTime(allow_none=True)
    version = fields.Integer()
    created_at = UtcDateTime()
    updated_at = UtcDateTime()
    links = fields.Dict()


FACETS = ("unit", "speaker", "kind", "document")
SORTS = ("id", "-id", "value", "-value", "published", "-published")
LIST_STATUSES = ("active", "candidate", "rejected", "retracted", "all")


class ClaimQueryArgsSchema(StrictSchema):
    """Filters, sort and paging of `GET /v1/claims`."""

    speaker = short_text(metadata={"description": "Speaker id, name or alias."})
    organization = short_text(metadata={"description": "Organisation of the speaker."})
    document = fields.String(validate=SLUG)
    unit = fields.String(validate=one_of(UNITS))
    kind = fields.String(validate=one_of(KINDS))
    qualifier = fields.String(validate=one_of(QUALIFIERS))
    attribution = fields.String(validate=one_of(ATTRIBUTIONS))
    status = fields.String(load_default="active", validate=one_of(LIST_STATUSES))
    value_min = ExactNumber()
    value_max = ExactNumber()
    published_from = fields.Date()
    published_to = fields.Date()
    q = fields.String(
        validate=[validate.Length(min=1, max=200), reject_control_characters, require_nonblank],
        metadata={"description": "Substring search over sentence, subject and stated_as."},
    )
    sort = fields.String(load_default="id", validate=one_of(SORTS))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))
    cursor = fields.String(validate=validate.Length(max=500))
    facet = fields.List(fields.String(validate=one_of(FACETS)), validate=validate.Length(max=4))
    count = fields.Boolean(load_default=False)
    format = fields.String(
        validate=one_of(("json", "csv", "ndjson")),
        metadata={"description": "csv or ndjson stream every matching claim (no paging)."},
    )

    @validates_schema
    def ranges_in_order(self, data, **kwargs):
        """A range whose lower bound exceeds its upper bound is a mistake, not an empty set."""
        for low, high in (("value_min", "value_max"), ("published_from", "published_to")):
            if low in data and high in data and data[low] > data[high]:
                raise ValidationError(f"Must not exceed {high}.", low)


class PageArgsSchema(StrictSchema):
    """Paging of the small collections (documents, speakers)."""

    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))
    cursor = fields.String(validate=validate.Length(max=500))


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


document_schema = DocumentSchema()
speaker_schema = SpeakerSchema()
speakers_schema = SpeakerSchema(many=True)
claim_input_schema = ClaimInputSchema()
claim_query_args = ClaimQueryArgsSchema()  # one instance: building it per request is costly
claim_schema = ClaimSchema()
claims_schema = ClaimSchema(many=True)


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

    reason = fields.String(
        load_only=True,
        load_default="updated",
        validate=[validate.Length(max=1000), reject_control_characters],
        metadata={"description": "Why: kept in the speaker's history."},
    )

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


class ClaimUpdateSchema(StrictSchema):
    """A correction to a claim; every change is a new version with its reason."""

    speaker = fields.String(allow_none=True, validate=SLUG)
    attribution = fields.String(validate=one_of(ATTRIBUTIONS))
    subject = short_text(allow_none=True)
    value = ExactNumber()
    unit = fields.String(validate=one_of(UNITS))
    kind = fields.String(validate=one_of(KINDS))
    qualifier = fields.String(validate=one_of(QUALIFIERS))
    stated_as = fields.String(validate=[validate.Length(min=1, max=200), require_nonblank])
    start = fields.Integer(strict=True, validate=validate.Range(min=0))
    end = fields.Integer(strict=True, validate=validate.Range(min=1))
    restates = fields.Integer(strict=True, allow_none=True, validate=validate.Range(min=1))
    confidence = fields.Float(allow_none=True, validate=validate.Range(min=0, max=1))
    status = fields.String(
        validate=validate.OneOf(
            ["active", "candidate", "rejected"],
            error="Must be one of: {choices}; retract with DELETE.",
        )
    )
    value_override_reason = short_text(allow_none=True)
    reason = REASON

    @validates_schema
    def offsets_together(self, data, **kwargs):
        """New offsets come as a pair, like on creation."""
        if ("start" in data) != ("end" in data):
            raise ValidationError("Give both start and end, or neither.", "start")


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


class CitationArgsSchema(StrictSchema):
    """Which citation format and language."""

    format = fields.String(
        load_default="text",
        validate=one_of(("text", "markdown", "csl-json", "annotation", "jsonld")),
    )
    lang = fields.String(load_default="ko", validate=one_of(("ko", "en")))


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

    data = fields.List(fields.Dict())
    language = fields.String()


class DocumentVerificationSchema(Schema):
    """Every claim of a document verified, with a count per state."""

    document = fields.String()
    states = fields.Dict(
        keys=fields.String(metadata={"enum": ["anchored", "ambiguous", "orphaned"]}),
        values=fields.Integer(),
    )
    data = fields.List(fields.Nested(VerificationSchema))


# --- OpenAPI documentation ----------------------------------------------------
#
# Documentation only: what the views answer besides their main response, so
# that /openapi.json describes the API as it behaves (nothing here validates).

PROBLEM_MIMETYPE = "application/problem+json"

PROBLEM_DESCRIPTIONS = {
    400: "Invalid query parameters, a body that is not well-formed JSON, or a query string "
    "that is not UTF-8.",
    401: "A write without an `Authorization: Bearer <token>` header.",
    403: "The token is not valid for writes.",
    404: "No such record.",
    409: "Conflicts with stored records: it exists already, or the claim is retracted.",
    412: "`If-Match` names an ETag that is no longer current.",
    413: "The body is over 1 MiB, or the text over the extraction limit.",
    415: "The body is not `application/json`.",
    422: "The body did not validate, or the claim's quote or number does not check out "
    "(`/problems/claim-rejected`).",
    428: "`If-Match` is missing.",
    429: "The rate limit is reached.",
}
WRITE_ERRORS = (400, 401, 403, 413, 415, 422, 429)
# Writes take a bearer token (api/auth.py); declared once in the spec's components
# (api.__init__) and named by each write operation, so clients and /docs know.
BEARER_SCHEME = {
    "type": "http",
    "scheme": "bearer",
    "description": "A write token: from `flask --app api create-token NAME`, or "
    "CLAIMS_WRITE_TOKENS. Reads need none.",
}
WRITE_SECURITY = [{"bearerAuth": []}]


def write_doc(*statuses: int, success: tuple[int, dict] | None = None, **doc) -> dict:
    """`blp.doc` keywords for a write operation, so every write documents alike.

    The bearer token, the errors every write can meet plus `statuses`, and
    the success response's headers (`success` is its status and headers);
    other keywords (parameters, requestBody) pass through.
    """
    responses = problem_responses(*WRITE_ERRORS, *statuses)
    if success is not None:
        status, headers = success
        responses = {status: {"headers": headers}, **responses}
    return {"security": WRITE_SECURITY, "responses": responses, **doc}


def problem_responses(*statuses: int) -> dict:
    """OpenAPI `responses` for an operation's errors, each an RFC 9457 problem+json body.

    `default` covers everything else (405, 500, ...): every error is a problem.
    """
    descriptions: dict[int | str, str] = {
        status: PROBLEM_DESCRIPTIONS[status] for status in sorted(set(statuses))
    }
    descriptions["default"] = "Any other error, a 500 included."
    return {
        code: {"description": text, "content": {PROBLEM_MIMETYPE: {"schema": ProblemSchema}}}
        for code, text in descriptions.items()
    }


def text_content(*media_types: str) -> dict:
    """OpenAPI `content` for bodies that are text, not a JSON object."""
    return {media_type: {"schema": {"type": "string"}} for media_type in media_types}


def claim_list_responses(*statuses: int) -> dict:
    """A claim list is a JSON page, or a CSV/NDJSON export with `format` or `Accept`."""
    return {
        200: {"content": text_content("text/csv", "application/x-ndjson")},
        **problem_responses(400, *statuses),
    }


def citation_responses() -> dict:
    """A citation in the media type of its `format`."""
    return {
        200: {
            "description": "The citation: text/plain (text), text/markdown (markdown), "
            "CSL-JSON (csl-json), JSON-LD (annotation, jsonld).",
            "content": {
                **text_content("text/plain", "text/markdown"),
                "application/vnd.citationstyles.csl+json": {"schema": {"type": "array"}},
                "application/ld+json": {"schema": {"type": "object"}},
            },
        },
        **problem_responses(400, 404),
    }


def etag_header() -> dict:
    """The `ETag` response header of a claim."""
    return {
        "ETag": {
            "description": "The claim's version: send it back as `If-Match`.",
            "schema": {"type": "string"},
        }
    }


def location_header() -> dict:
    """The `Location` response header of a created resource."""
    return {"Location": {"description": "The new resource's URL.", "schema": {"type": "string"}}}


IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": True,
    "description": "The claim's current ETag (428 without it, 412 when stale).",
    "schema": {"type": "string"},
}
IF_MATCH_OPTIONAL = {
    **IF_MATCH,
    "required": False,
    "description": "The claim's current ETag: retract only that version (412 when stale).",
}
RETRACTION_REASON = {
    "in": "query",
    "name": "reason",
    "required": False,
    "description": "Why the claim is retracted, when the request has no JSON body.",
    "schema": {"type": "string", "minLength": 3, "maxLength": 1000},
}


def json_body_example(example: dict) -> dict:
    """An example JSON request body (merged into the body the schema documents)."""
    return {"content": {"application/json": {"example": example}}}


CLAIM_CREATE_EXAMPLE = {
    "document": "joongang-2024-02-28-zuckerberg-seoul",
    "stated_as": "29일",
    "value": 29,
    "unit": "date",
    "kind": "date",
    "attribution": "narration",
    "reason": "review",
}
CLAIM_UPDATE_EXAMPLE = {"subject": "전 세계에 깔린 LG전자 기기", "reason": "clearer subject"}


def retraction_body() -> dict:
    """DELETE takes `{"reason": ...}` as an optional JSON body (or `?reason=`)."""
    return {
        "required": False,
        "content": {"application/json": {"schema": RetractionSchema}},
    }
