"""Checks every request passes before routing: body size, UTF-8 query, JSON bodies."""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

import orjson
from flask import Flask, current_app, request
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge, UnsupportedMediaType

from api.blueprint import reads_query
from api.errors import VALIDATION_TITLES, Problem

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# The reader's pages post HTML forms; api/review.py checks them (CSRF token, schemas).
FORM_BLUEPRINTS = frozenset({"review"})


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
    if request.method not in WRITE_METHODS or request.blueprint in FORM_BLUEPRINTS:
        return
    body = request.get_data(cache=True)
    if not body:
        return
    if not request.is_json:
        raise UnsupportedMediaType("Request bodies must be application/json.")
    try:
        parsed = orjson.loads(body)
    except orjson.JSONDecodeError as error:
        raise BadRequest(f"The body is not valid JSON: {error}.") from None
    if not isinstance(parsed, dict):
        kind = "an array" if isinstance(parsed, list) else "a bare value"
        raise Problem(
            422,
            f"The body must be a JSON object, not {kind}.",
            title=VALIDATION_TITLES[422],
            type_="/problems/validation-error",
            errors={"_body": ["Must be a JSON object."]},
        )


def refuse_query_parameters() -> None:
    """An API view that declares no query parameters refuses any (a typo must not pass).

    Views with a query schema check their own (unknown and repeated names are
    errors there too); the pages outside /v1 (docs, health) are left alone.
    """
    if not request.args or not request.path.startswith("/v1/"):
        return
    if reads_query(current_app.view_functions.get(request.endpoint)):
        return
    names = sorted(request.args)
    raise Problem(
        400,
        f"Unknown parameter: {', '.join(names)}.",
        title=VALIDATION_TITLES[400],
        type_="/problems/validation-error",
        errors={name: ["Unknown field."] for name in names},
    )


def init_app(app: Flask) -> None:
    """Run the checks before every request."""
    app.before_request(reject_oversized_bodies)
    app.before_request(require_utf8_query)
    app.before_request(require_json_bodies)
    app.before_request(refuse_query_parameters)
