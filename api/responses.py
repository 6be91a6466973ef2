"""Response pieces shared by the blueprints: page bodies and their `next` links."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Response, request

from api.conditional import own_tag
from api.errors import Problem
from core.jsonio import dumps_bytes
from core.queries import Page


def next_link(cursor: str | None) -> str | None:
    """The URL of the next page: this request's URL with the cursor replaced."""
    if cursor is None:
        return None
    params = [(k, v) for k, v in request.args.items(multi=True) if k != "cursor"]
    params.append(("cursor", cursor))
    return f"{request.path}?{urlencode(params)}"


def page_body(page: Page, items: list[dict]) -> dict:
    """`{"data": [...], "next": ...}` plus facets and count when they were asked for."""
    body = {"data": items, "next": next_link(page.next_cursor)}
    if page.facets:
        body["facets"] = page.facets
    if page.count is not None:
        body["count"] = page.count
    return body


def json_response(body, status: int = 200, headers: dict | None = None) -> Response:
    """Serialise a ready-made body with orjson, skipping a second marshmallow dump.

    Used where the body is built from the schema's own definition of the
    representation (the claim hot path); tests compare the two outputs.
    """
    response = Response(dumps_bytes(body), status=status, mimetype="application/json")
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def etag(record_id: int | str, version: int) -> str:
    """A versioned record's entity tag (quoted): it changes with every version."""
    return f'"{record_id}-{version}"'


def expected_version(record_id: int | str, what: str, *, required: bool = True) -> int | None:
    """The version an If-Match header names (None: any): 428 if required and missing.

    Only a tag's own part counts (`"11-2"` of `"11-2~<data>"`, see api/conditional.py).
    The writes compare it with the record inside their write transaction, so a
    change committed between this request's read and its write is a 412.
    """
    if not request.headers.get("If-Match"):
        if required:
            raise Problem(428, f"Send If-Match with the {what}'s ETag to change it.")
        return None
    if request.if_match.star_tag:
        return None
    prefix = f"{record_id}-"
    for tag in request.if_match.as_set():
        tag = own_tag(tag) if isinstance(tag, str) else ""  # not the data part (see conditional)
        if tag.startswith(prefix) and tag[len(prefix) :].isdigit():
            return int(tag[len(prefix) :])
    raise Problem(412, f"That ETag is not one of this {what}'s; fetch the {what} again.")
