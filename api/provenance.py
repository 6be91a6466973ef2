"""Provenance of claims: citations in five formats, verification, version history."""

from __future__ import annotations

import datetime as dt

from flask import Response, request

from api.blueprint import Blueprint
from api.claims import QUERY, find_claim, find_record
from api.documents import find_document
from api.errors import Problem
from api.openapi import citation_responses, problem_responses
from core import citations, figures, history
from core.citations import CitationArgsSchema
from core.claim_rows import claim_body
from core.jsonio import dumps_bytes
from core.verification import verify_claim, verify_claims
from schema.models import Claim, Document
from schema.schemas import DocumentVerificationSchema, HistorySchema, VerificationSchema

blp = Blueprint("provenance", __name__, url_prefix="/v1", description="Cite and verify claims.")


def _absolute(path: str) -> str:
    """An absolute URL on this server."""
    return f"{request.host_url.rstrip('/')}{path}"


@blp.route("/claims/<int:claim_id>/citation")
@blp.doc(responses=citation_responses())
@blp.arguments(CitationArgsSchema(), **QUERY)
@blp.response(200)
def cite_claim(args, claim_id):
    """Cite an active claim in the `format` asked for (each is described below).

    A retracted, rejected or candidate claim is not cited (409, saying why).
    """
    claim = claim_body(find_claim(claim_id))
    refusal = citations.not_citable(claim)
    if refusal is not None:
        raise Problem(409, refusal, type_="/problems/claim-not-citable")
    form = citations.FORMATS[args["format"]]
    return Response(citation(claim, args["format"], args["lang"]), mimetype=form.media_type)


def citation(claim: dict, format_name: str, lang: str) -> str:
    """The claim's citation as the endpoint answers it (the pages show the same text)."""
    citing = citations.Citing(
        permalink=_absolute(f"/v1/claims/{claim['id']}"),
        document_link=_absolute(f"/v1/documents/{claim['document']['id']}"),
        accessed=dt.date.today(),
        lang=lang,
        appearances=figures.appearance_claims(claim),
        first_reported=figures.first_reported(claim),
    )
    body = citations.FORMATS[format_name].build(claim, citing)
    return body + "\n" if isinstance(body, str) else dumps_bytes(body, indent=True).decode()


@blp.route("/claims/<int:claim_id>/verify")
@blp.doc(responses=problem_responses(404))
@blp.response(200, VerificationSchema)
def verify(claim_id):
    """Re-check the claim against the stored text: anchored, ambiguous or orphaned."""
    claim = find_record(claim_id)
    return verify_claim(claim, Document.get_by_id(claim.__data__["document"]))


@blp.route("/claims/<int:claim_id>/history")
@blp.doc(responses=problem_responses(404))
@blp.response(200, HistorySchema)
def claim_history(claim_id):
    """Every version of the claim: its values, who changed it, when and why."""
    return {"data": history.claim_history(find_record(claim_id))}


@blp.route("/documents/<string:document_id>/verify")
@blp.doc(
    responses={
        200: {"content": {"application/json": {"schema": DocumentVerificationSchema}}},
        **problem_responses(404),
    }
)
@blp.response(200)
def verify_document(document_id):
    """Verify every claim of a document (retracted ones included)."""
    document = find_document(document_id)
    claims = list(Claim.select().where(Claim.document == document.id).order_by(Claim.id))
    reports = verify_claims(claims, document)
    states = {}
    for report in reports:
        states[report["state"]] = states.get(report["state"], 0) + 1
    return {"document": document.id, "states": states, "data": reports}
