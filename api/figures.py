"""The figures resource: one real-world quantity across sources, and people's corrections."""

from __future__ import annotations

from flask import g, request

from api.auth import require_token
from api.blueprint import Blueprint, takes_query
from api.claims import QUERY
from api.errors import Problem
from api.limits import write_limit
from api.openapi import (
    IF_MATCH_OPTIONAL,
    RETRACTION_REASON,
    etag_header,
    location_header,
    problem_responses,
    write_doc,
)
from api.responses import etag, expected_version, json_response, page_body
from core import figures
from schema.schemas import FigureHistorySchema, FigurePageSchema, FigureSchema, RetractionSchema

blp = Blueprint(
    "figures", __name__, url_prefix="/v1/figures", description="The same figure across sources."
)
MAX_ID = 2**63 - 1


def represent(figure_id: int, status: int = 200):
    """A figure's body with its ETag, or a 404 problem."""
    body = figures.figure_detail(figure_id) if 0 < figure_id <= MAX_ID else None
    if body is None:
        raise Problem(404, f"No figure {figure_id}.")
    headers = {"ETag": etag(f"figure-{figure_id}", body["version"])}
    if status == 201:
        headers["Location"] = f"/v1/figures/{figure_id}"
    return json_response(body, status, headers)


def find_figure(figure_id: int) -> None:
    """404 unless the figure exists."""
    if not (0 < figure_id <= MAX_ID) or figures.figure_rows(figure_id) is None:
        raise Problem(404, f"No figure {figure_id}.")


def version(figure_id: int) -> int | None:
    """The version an optional If-Match names (412 when the figure changed since)."""
    return expected_version(f"figure-{figure_id}", "figure", required=False)


@blp.route("")
@blp.doc(responses=problem_responses(400))
@blp.arguments(figures.figure_query_args, **QUERY)
@blp.response(200, FigurePageSchema)
def list_figures(args):
    """List figures whose claims match the claim filters given; `conflict` narrows to those
    whose sources disagree (`any`, or one kind)."""
    page = figures.list_figures(args)
    kinds = figures.conflict_kinds([row[0] for row in page.rows])
    items = [figures.figure_summary(row, kinds[row[0]]) for row in page.rows]
    return json_response(page_body(page, items))


@blp.route("", methods=["POST"])
@blp.doc(**write_doc(404, success=(201, {**etag_header("figure"), **location_header()})))
@require_token
@write_limit
@blp.arguments(figures.FigureCreateSchema())
@blp.response(201, FigureSchema)
def create_figure(data):
    """Make a figure of chosen claims, taking them from any figure they are in (a split)."""
    return represent(figures.create_figure(data["claims"], g.token_name, data["reason"]), 201)


@blp.route("/<int:figure_id>")
@blp.doc(responses={200: {"headers": etag_header("figure")}, **problem_responses(404)})
@blp.response(200, FigureSchema)
def get_figure(figure_id):
    """One figure: first appearance, its claims in publication order with their differences
    from the first and the evidence of each link, and its conflicts."""
    return represent(figure_id)


@blp.route("/<int:figure_id>/claims", methods=["POST"])
@blp.doc(**write_doc(404, 409, 412, success=(200, etag_header("figure")),
                     parameters=[IF_MATCH_OPTIONAL]))  # fmt: skip
@require_token
@write_limit
@blp.arguments(figures.ClaimChoiceSchema())
@blp.response(200, FigureSchema)
def attach_claim(data, figure_id):
    """Attach a claim to this figure (moving it from another); relinking keeps it here."""
    find_figure(figure_id)
    figures.attach(figure_id, data["claim"], g.token_name, data["reason"], version(figure_id))
    return represent(figure_id)


@blp.route("/<int:figure_id>/claims/<int:claim_id>", methods=["DELETE"])
@blp.doc(
    **write_doc(404, 409, 412, success=(200, etag_header("figure")),
                parameters=[RETRACTION_REASON, IF_MATCH_OPTIONAL])
)  # fmt: skip
@require_token
@write_limit
@blp.response(200, FigureSchema)
@takes_query  # ?reason=
def detach_claim(figure_id, claim_id):
    """Detach a claim with a reason (JSON body or ?reason=); relinking never puts it back."""
    find_figure(figure_id)
    source = request.get_json(silent=True) if request.content_length else dict(request.args)
    data = RetractionSchema().load(source if isinstance(source, dict) else {})
    figures.detach(figure_id, claim_id, g.token_name, data["reason"], version(figure_id))
    return represent(figure_id)


@blp.route("/<int:figure_id>/merge", methods=["POST"])
@blp.doc(**write_doc(404, 409, 412, success=(200, etag_header("figure")),
                     parameters=[IF_MATCH_OPTIONAL]))  # fmt: skip
@require_token
@write_limit
@blp.arguments(figures.FigureMergeSchema())
@blp.response(200, FigureSchema)
def merge_figure(data, figure_id):
    """Merge another figure into this one: its claims move here; it stays, as merged."""
    find_figure(figure_id)
    figures.merge(figure_id, data["figure"], g.token_name, data["reason"], version(figure_id))
    return represent(figure_id)


@blp.route("/<int:figure_id>/history")
@blp.doc(responses=problem_responses(404))
@blp.response(200, FigureHistorySchema)
def figure_history(figure_id):
    """Every change to the figure: links made and undone, by the rules or by whom, and why."""
    find_figure(figure_id)
    return {"data": figures.figure_history(figure_id)}
