"""Request guards and response headers that apply to every endpoint."""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

import orjson
from flask import Flask, Response, current_app, request
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge, UnsupportedMediaType

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def reject_oversized_bodies() -> None:
    """Refuse a declared-too-large body before any view or routing work reads it."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is not None and request.content_length > limit:
        raise RequestEntityTooLarge(f"Request bodies are limited to {limit} bytes.")


def require_utf8_query() -> None:
    """A query string that is not UTF-8 is refused, not silently decoded with '�'."""
    try:
        unquote_to_bytes(request.query_string.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest("The query string is not valid UTF-8.") from None


def require_json_bodies() -> None:
    """Write bodies must be JSON, and well-formed, before any schema sees them.

    Parsing once here with orjson (strict UTF-8, no NaN, bounded nesting) means
    malformed or hostile bodies get a 400 or 415, never a parser crash later.
    """
    if request.method not in WRITE_METHODS:
        return
    body = request.get_data(cache=True)
    if not body:
        return
    if not request.is_json:
        raise UnsupportedMediaType("Request bodies must be application/json.")
    try:
        orjson.loads(body)
    except orjson.JSONDecodeError as error:
        raise BadRequest(f"The body is not valid JSON: {error}.") from None


def add_security_headers(response: Response) -> Response:
    """Stop sniffing and framing everywhere, caching of writes, and cross-origin writes.

    Browsers may read from the origins listed in CORS_ALLOW_ORIGINS ("*" for
    any); writes never get CORS headers, so no web page can write with a
    visitor's credentials.
    """
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        response.headers["Cache-Control"] = "no-store"
        return response
    origin = request.headers.get("Origin")
    allowed = {o.strip() for o in current_app.config["CORS_ALLOW_ORIGINS"].split(",") if o.strip()}
    if origin and ("*" in allowed or origin in allowed):
        response.headers["Access-Control-Allow-Origin"] = "*" if "*" in allowed else origin
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Expose-Headers"] = "ETag"
        response.vary.add("Origin")
    return response


def init_app(app: Flask) -> None:
    """Register the guards."""
    app.before_request(reject_oversized_bodies)
    app.before_request(require_utf8_query)
    app.before_request(require_json_bodies)
    app.after_request(add_security_headers)
