"""What /openapi.json says beyond the schemas: errors, headers, security, examples.

Documentation only: what the views answer besides their main response, so
that /openapi.json describes the API as it behaves (nothing here validates).
Two corrections to apispec's rendering of the schemas live here too (see
`init_app`).
"""

from __future__ import annotations

from flask_smorest import Api
from marshmallow import fields

from api.errors import PROBLEM_MIMETYPE
from core.citations import FORMATS
from schema.schemas import ProblemSchema, RetractionSchema

PROBLEM_DESCRIPTIONS = {
    400: "Invalid query parameters, a body that is not well-formed JSON, or a query string "
    "that is not UTF-8.",
    401: "A write without an `Authorization: Bearer <token>` header.",
    403: "The token is not valid for writes.",
    404: "No such record.",
    409: "Conflicts with stored records: it exists already (`existing` links to it), the "
    "claim is retracted, or (citations) the claim is not active.",
    412: "`If-Match` names an ETag that is no longer current.",
    413: "The body is over 1 MiB, or the text over the extraction limit.",
    415: "The body is not `application/json`.",
    422: "The body did not validate, or the data refuses it: a claim's quote or number does "
    "not check out (`/problems/claim-rejected`), a superseded document is missing "
    "(`/problems/document-rejected`).",
    428: "`If-Match` is missing.",
    429: "The rate limit is reached.",
}
WRITE_ERRORS = (400, 401, 403, 413, 415, 422, 429)
# Writes take a bearer token (api/auth.py); declared once in the spec's components
# (init_app below) and named by each write operation, so clients and /docs know.
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
    """A citation in the media type of its `format` (core.citations.FORMATS)."""
    content = {
        form.media_type.partition(";")[0]: {"schema": {"type": form.shape}}
        for form in FORMATS.values()
    }
    described = "; ".join(f"`{name}`: {form.description}" for name, form in FORMATS.items())
    return {
        200: {"description": f"The citation, by `format`: {described}.", "content": content},
        **problem_responses(400, 404, 409),
    }


def etag_header(what: str = "claim") -> dict:
    """The `ETag` response header of a versioned record (a claim or a speaker)."""
    return {
        "ETag": {
            "description": f"The {what}'s version: send it back as `If-Match`.",
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
    "description": "The record's current ETag (428 without it, 412 when stale).",
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


def nullable_reference(converter, field: fields.Field, ret: dict, **kwargs) -> dict:
    """A nullable nested schema as OpenAPI 3.0 means it: `allOf` its reference, nullable.

    apispec renders one as `anyOf: [{type: object, nullable: true}, {$ref}]`,
    whose first branch matches any object, so generated clients give up on the
    type (every speaker an untyped dict). Runs after apispec's own functions.
    """
    branches = ret.get("anyOf")
    loose = {"type": "object", "nullable": True}
    if not (isinstance(field, fields.Nested) and branches and loose in branches):
        return {}
    ret.pop("anyOf")
    return {"allOf": [branch for branch in branches if branch != loose], "nullable": True}


def no_default_when_partial(converter, field: fields.Field, ret: dict, **kwargs) -> dict:
    """A field that a partial schema (a PATCH body) may leave out has no default.

    Leaving it out leaves the record as it is; the default of the full schema
    (a claim's qualifier is "exact") would say otherwise.
    """
    partial = getattr(field.parent, "partial", None)
    if partial is True or (partial and field.name in partial):
        ret.pop("default", None)
    return {}


def init_app(api: Api) -> None:
    """Declare the bearer token, and correct apispec where its rendering misleads clients."""
    api.spec.components.security_scheme("bearerAuth", BEARER_SCHEME)
    api.ma_plugin.converter.add_attribute_function(nullable_reference)
    api.ma_plugin.converter.add_attribute_function(no_default_when_partial)
