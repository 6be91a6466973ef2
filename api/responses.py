"""Response pieces shared by the blueprints: page bodies and their `next` links."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Response, request

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
