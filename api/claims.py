"""The claims resource: lists and exports, single claims, and their corrections."""

from __future__ import annotations

import itertools

import orjson
from flask import Response, g, request, stream_with_context
from marshmallow import RAISE

from api.auth import require_token
from api.blueprint import Blueprint, takes_query
from api.errors import Problem
from api.limits import write_limit
from api.openapi import (
    CLAIM_CREATE_EXAMPLE,
    CLAIM_UPDATE_EXAMPLE,
    IF_MATCH,
    IF_MATCH_OPTIONAL,
    RETRACTION_REASON,
    claim_list_responses,
    etag_header,
    json_body_example,
    location_header,
    problem_responses,
    retraction_body,
    write_doc,
)
from api.responses import etag, expected_version, json_response, page_body
from core import claim_writes, exports, queries
from core.claim_filters import claim_query_args
from schema.db import is_sqlite
from schema.models import Claim
from schema.schemas import (
    ClaimCreateSchema,
    ClaimPageSchema,
    ClaimSchema,
    ClaimUpdateSchema,
    RetractionSchema,
)

blp = Blueprint("claims", __name__, url_prefix="/v1/claims", description="Quantitative claims.")

QUERY = {"location": "query", "error_status_code": 400, "unknown": RAISE}
EXPORTS = {"text/csv": "csv", "application/x-ndjson": "ndjson"}


def requested_format() -> str:
    """json, csv or ndjson: the `format` argument, else what Accept prefers."""
    return request.args.get("format") or EXPORTS.get(
        request.accept_mimetypes.best_match(["application/json", *EXPORTS]), "json"
    )


def claim_page(args: dict):
    """A JSON page, or a CSV/NDJSON export of every match (shared by nested lists)."""
    wanted = args.get("format") or requested_format()
    if wanted == "csv":
        # werkzeug adds "; charset=utf-8" to text types itself.
        return _stream(exports.csv_lines(args), "text/csv", "claims.csv")
    if wanted == "ndjson":
        return _stream(exports.ndjson_lines(args), "application/x-ndjson", "claims.ndjson")
    page = queries.list_claims(args, as_json=True)
    return json_response(page_body(page, queries.claim_objects(page.rows)))


def _stream(chunks, mimetype: str, filename: str) -> Response:
    """A download, streamed when it is large; its first chunk is made now, so bad
    input is still a 4xx, and an export that fits in one batch is sent whole."""
    first = next(chunks, b"")
    second = next(chunks, None)
    if second is None:
        response = Response(first, mimetype=mimetype)
    else:
        rest = itertools.chain([first, second], chunks)
        response = Response(stream_with_context(rest), mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


MAX_ID = 2**63 - 1  # SQLite and PostgreSQL integer keys stop here


def find_claim(claim_id: int) -> queries.ClaimRow:
    """The claim with its joined columns, or a 404 problem."""
    claim = queries.get_claim(claim_id) if 0 < claim_id <= MAX_ID else None
    if claim is None:
        raise Problem(404, f"No claim {claim_id}.")
    return claim


def find_record(claim_id: int) -> Claim:
    """The claim as a model instance, for writes and verification, or a 404 problem."""
    claim = Claim.get_or_none(Claim.id == claim_id) if 0 < claim_id <= MAX_ID else None
    if claim is None:
        raise Problem(404, f"No claim {claim_id}.")
    return claim


def represent(claim_id: int, status: int = 200):
    """The claim's body with its ETag (re-read, so joins reflect the write).

    On SQLite the database writes the body (see core/claim_rows.py).
    """
    found = queries.get_claim_json(claim_id) if is_sqlite() and 0 < claim_id <= MAX_ID else None
    if found is not None and found.exact:
        claim, body = found, orjson.Fragment(found.body)
    else:
        claim = find_claim(claim_id)
        body = queries.claim_object(claim)
    headers = {"ETag": etag(claim.id, claim.version)}
    if status == 201:
        headers["Location"] = f"/v1/claims/{claim.id}"
    return json_response(body, status, headers)


@blp.route("")
@blp.doc(responses=claim_list_responses())
@blp.arguments(claim_query_args, **QUERY)
@blp.response(200, ClaimPageSchema)
def list_claims(args):
    """List claims matching every given filter; follow `next` for more.

    `format=csv` or `format=ndjson` (or an Accept header) streams every match.
    """
    return claim_page(args)


@blp.route("", methods=["POST"])
@blp.doc(
    **write_doc(
        409,
        success=(201, {**etag_header(), **location_header()}),
        requestBody=json_body_example(CLAIM_CREATE_EXAMPLE),
    )
)
@require_token
@write_limit
@blp.arguments(ClaimCreateSchema())
@blp.response(201, ClaimSchema)
def create_claim(data):
    """Add a claim: give start/end, or stated_as (with prefix/suffix if it recurs)."""
    return represent(claim_writes.add_claim(data, g.token_name).id, 201)


@blp.route("/<int:claim_id>")
@blp.doc(responses={200: {"headers": etag_header()}, **problem_responses(404)})
@blp.response(200, ClaimSchema)
def get_claim(claim_id):
    """One claim with its speaker, document and exact place in the text."""
    return represent(claim_id)


@blp.route("/<int:claim_id>", methods=["PATCH"])
@blp.doc(
    **write_doc(
        404,
        409,
        412,
        428,
        success=(200, etag_header()),
        parameters=[IF_MATCH],
        requestBody=json_body_example(CLAIM_UPDATE_EXAMPLE),
    )
)
@require_token
@write_limit
@blp.arguments(ClaimUpdateSchema())
@blp.response(200, ClaimSchema)
def update_claim(data, claim_id):
    """Correct a claim (If-Match required); the old version stays in its history."""
    find_record(claim_id)
    version = expected_version(claim_id, "claim")
    claim_writes.correct_claim(claim_id, data, version, g.token_name)
    return represent(claim_id)


@blp.route("/<int:claim_id>", methods=["DELETE"])
@blp.doc(
    **write_doc(
        404,
        409,
        412,
        success=(200, etag_header()),
        parameters=[RETRACTION_REASON, IF_MATCH_OPTIONAL],
        requestBody=retraction_body(),
    )
)
@require_token
@write_limit
@blp.response(200, ClaimSchema)
@takes_query  # ?reason=
def retract_claim(claim_id):
    """Retract a claim with a reason (JSON body or ?reason=); it stays readable by id."""
    find_record(claim_id)
    source = request.get_json(silent=True) if request.content_length else dict(request.args)
    data = RetractionSchema().load(source if isinstance(source, dict) else {})
    version = expected_version(claim_id, "claim", required=False)
    claim_writes.retract_claim(claim_id, data["reason"], version, g.token_name)
    return represent(claim_id)
