"""The claims resource: filtered lists and single claims with their provenance."""

from __future__ import annotations

from flask_smorest import Blueprint
from marshmallow import RAISE

from api import queries
from api.errors import Problem
from api.representation import claim_body
from api.responses import page_body
from schema.schemas import ClaimPageSchema, ClaimQueryArgsSchema, ClaimSchema

blp = Blueprint("claims", __name__, url_prefix="/v1/claims", description="Quantitative claims.")

QUERY = {"location": "query", "error_status_code": 400, "unknown": RAISE}


def claim_page(args: dict) -> dict:
    """Run a claim list query and shape the page (shared by nested claim lists)."""
    page = queries.list_claims(args)
    links = queries.restatements([c.id for c in page.rows])
    return page_body(page, [claim_body(c, links.get(c.id)) for c in page.rows])


@blp.route("")
@blp.arguments(ClaimQueryArgsSchema, **QUERY)
@blp.response(200, ClaimPageSchema)
def list_claims(args):
    """List claims matching every given filter; follow `next` for more."""
    return claim_page(args)


@blp.route("/<int:claim_id>")
@blp.response(200, ClaimSchema)
def get_claim(claim_id):
    """One claim with its speaker, document and exact place in the text."""
    claim = queries.get_claim(claim_id)
    if claim is None:
        raise Problem(404, f"No claim {claim_id}.")
    return claim_body(claim, queries.restatements([claim.id]).get(claim.id))
