"""The organisations resource: companies and institutions, their names and aliases."""

from __future__ import annotations

from flask import g

from api.auth import require_token
from api.blueprint import Blueprint
from api.claims import QUERY
from api.errors import Problem
from api.limits import write_limit
from api.openapi import IF_MATCH, etag_header, location_header, problem_responses, write_doc
from api.responses import etag, expected_version, page_body
from core import history, organizations, queries
from schema.models import Organization, OrganizationVersion
from schema.schemas import (
    HistorySchema,
    OrganizationPageSchema,
    OrganizationSchema,
    OrganizationUpdateSchema,
    PageArgsSchema,
)

blp = Blueprint(
    "organizations", __name__, url_prefix="/v1/organizations", description="Who speakers work for."
)


def find_organization(organization_id: str) -> Organization:
    """The organisation with this id, or a 404 problem."""
    record = Organization.get_or_none(Organization.id == organization_id)
    if record is None:
        raise Problem(404, f"No organization {organization_id!r}.")
    return record


def represent(organization_id: str, status: int = 200, headers: dict | None = None):
    """An organisation's body, freshly read, with its ETag."""
    record = find_organization(organization_id)
    body = organizations.organization_body(record, organizations.aliases_of([record.id])[record.id])
    return body, status, {"ETag": etag(record.id, record.version), **(headers or {})}


@blp.route("")
@blp.doc(responses=problem_responses(400))
@blp.arguments(PageArgsSchema(), **QUERY)
@blp.response(200, OrganizationPageSchema)
def list_organizations(args):
    """List organisations with their English names and aliases, ordered by id."""
    page = queries.list_records(Organization, args)
    aliases = organizations.aliases_of([o.id for o in page.rows])
    return page_body(page, [organizations.organization_body(o, aliases[o.id]) for o in page.rows])


@blp.route("", methods=["POST"])
@blp.doc(**write_doc(409, success=(201, {**etag_header("organization"), **location_header()})))
@require_token
@write_limit
@blp.arguments(OrganizationSchema())
@blp.response(201, OrganizationSchema)
def create_organization(data):
    """Add an organisation with its names in Korean and English and its aliases."""
    record = organizations.add_organization(data, g.token_name)
    return represent(record.id, 201, {"Location": f"/v1/organizations/{record.id}"})


@blp.route("/<string:organization_id>")
@blp.doc(responses={200: {"headers": etag_header("organization")}, **problem_responses(404)})
@blp.response(200, OrganizationSchema)
def get_organization(organization_id):
    """One organisation with every name it answers to."""
    return represent(organization_id)


@blp.route("/<string:organization_id>", methods=["PATCH"])
@blp.doc(
    **write_doc(404, 412, 428, success=(200, etag_header("organization")), parameters=[IF_MATCH])
)
@require_token
@write_limit
@blp.arguments(OrganizationUpdateSchema(partial=True))
@blp.response(200, OrganizationSchema)
def update_organization(data, organization_id):
    """Rename an organisation or change its aliases (If-Match required); its people's
    organisation names, as claims and English citations show them, change with it."""
    find_organization(organization_id)
    version = expected_version(organization_id, "organization")
    organizations.update_organization(organization_id, data, g.token_name, version)
    return represent(organization_id)


@blp.route("/<string:organization_id>/history")
@blp.doc(responses=problem_responses(404))
@blp.response(200, HistorySchema)
def organization_history(organization_id):
    """Every version of the organisation's names: who changed them, when and why."""
    record = find_organization(organization_id)
    archived = record.versions.order_by(OrganizationVersion.version)
    current = organizations.snapshot(record, organizations.aliases_of([record.id])[record.id])
    return {"data": history.version_history(archived, record, current)}
