"""Errors as pages: a browser asking for a page gets a styled HTML error, not JSON.

`api.errors.problem` builds every error; it asks `wanted()` first and hands
the same status, title and detail here when the request is a page's. The
API under /v1 (and /openapi.json, /healthz, /docs) always answers
problem+json, whatever the Accept header says.
"""

from __future__ import annotations

from flask import Response, render_template, request

PAGE_BLUEPRINTS = frozenset({"pages", "review"})
API_PATHS = ("/v1/", "/openapi.json", "/healthz", "/docs")
ERROR_CSP = "default-src 'self'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'"


def wanted() -> bool:
    """Whether this request's error should be an HTML page.

    Pages always; elsewhere outside the API, when the client prefers HTML
    (a browser on a mistyped address), never for curl's `*/*`.
    """
    if request.blueprint in PAGE_BLUEPRINTS:
        return True
    if request.path.startswith(API_PATHS):
        return False
    media = ["application/problem+json", "application/json", "text/html"]
    return request.accept_mimetypes.best_match(media) == "text/html"


def page(
    status: int, title: str, detail: str | None, errors: dict | None, headers: dict | None
) -> Response:
    """The error page: what went wrong, in the pages' own style."""
    try:
        body = render_template(
            "error.html", status=status, title=title, detail=detail, errors=errors or {}
        )
    except Exception:  # the page itself failed (a broken template): say it plainly
        body = f"<!doctype html><title>{status}</title><h1>{status}</h1>"
    response = Response(body, status=status, mimetype="text/html")
    for name, value in (headers or {}).items():
        response.headers[name] = value
    response.headers["Content-Security-Policy"] = ERROR_CSP
    response.headers["Cache-Control"] = "no-store"
    return response
