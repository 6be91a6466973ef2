"""The documents resource: source texts and the claims anchored in them."""

from __future__ import annotations

from flask import g

from api.auth import require_token
from api.blueprint import Blueprint
from api.claims import QUERY, claim_page
from api.errors import Problem
from api.extraction import check_length
from api.limits import write_limit
from api.openapi import claim_list_responses, location_header, problem_responses, write_doc
from api.responses import page_body
from core import candidates, document_writes, queries
from core.claim_filters import claim_query_args
from core.representation import document_body
from schema.db import write_transaction
from schema.models import Document
from schema.schemas import (
    ClaimPageSchema,
    DocumentCreateSchema,
    DocumentPageSchema,
    DocumentSchema,
    PageArgsSchema,
)

blp = Blueprint("documents", __name__, url_prefix="/v1/documents", description="Source texts.")

LIST_COLUMNS = [f for f in Document._meta.sorted_fields if f.name != "text"]


def find_document(document_id: str) -> Document:
    """The document with this id, or a 404 problem."""
    document = Document.get_or_none(Document.id == document_id)
    if document is None:
        raise Problem(404, f"No document {document_id!r}.")
    return document


@blp.route("")
@blp.doc(responses=problem_responses(400))
@blp.arguments(PageArgsSchema(), **QUERY)
@blp.response(200, DocumentPageSchema)
def list_documents(args):
    """List documents (without their texts), ordered by id."""
    page = queries.list_records(Document, args, Document.select(*LIST_COLUMNS))
    return page_body(page, [document_body(d, with_text=False) for d in page.rows])


@blp.route("", methods=["POST"])
@blp.doc(**write_doc(409, success=(201, location_header())))
@require_token
@write_limit
@blp.arguments(DocumentCreateSchema())
@blp.response(201, DocumentSchema)
def create_document(data):
    """Store a document's text verbatim (it never changes); `extract` adds candidates."""
    found = []
    if data["extract"]:
        check_length(data["text"])
        # Extract before taking the write lock: other writers need not wait for it.
        found = candidates.extract_claims(data["text"], data["language"], data["published"])
    with write_transaction():
        document = document_writes.add_document(data, g.token_name)
        stored = candidates.store_candidates(document, found, g.token_name)
    body = document_body(document)
    body["candidates"] = len(stored)
    return body, 201, {"Location": f"/v1/documents/{document.id}"}


@blp.route("/<string:document_id>")
@blp.doc(responses=problem_responses(404))
@blp.response(200, DocumentSchema)
def get_document(document_id):
    """One document with its verbatim text and the text's sha256."""
    return document_body(find_document(document_id))


@blp.route("/<string:document_id>/claims")
@blp.doc(responses=claim_list_responses(404))
@blp.arguments(claim_query_args, **QUERY)
@blp.response(200, ClaimPageSchema)
def document_claims(args, document_id):
    """The claims anchored in one document; takes the same filters as /v1/claims."""
    find_document(document_id)
    return claim_page({**args, "document_id": document_id})
