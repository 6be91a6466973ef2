"""Every error becomes an RFC 9457 problem+json response, a 500 included.

One function builds every error body, so all paths answer in the same shape.
"""

from __future__ import annotations

import logging
from http import HTTPStatus

from flask import Flask, Response, request
from marshmallow import ValidationError
from peewee import DoesNotExist, IntegrityError
from werkzeug.exceptions import HTTPException, InternalServerError

from api import error_pages
from core.extraction_process import ExtractionUnavailable
from core.jsonio import dumps_bytes
from core.pagination import CursorError
from core.rejections import Rejected, StaleVersion

PROBLEM_MIMETYPE = "application/problem+json"
VALIDATION_TITLES = {
    400: "Your request parameters didn't validate.",
    422: "Your request body didn't validate.",
}
log = logging.getLogger(__name__)


class Problem(Exception):
    """An error a view raises with a specific problem type and detail."""

    def __init__(self, status: int, detail: str, *, title: str | None = None, **extra):
        super().__init__(detail)
        self.status, self.detail, self.title, self.extra = status, detail, title, extra


def problem(
    status: int,
    detail: str | None = None,
    *,
    title: str | None = None,
    type_: str = "about:blank",
    errors: dict | None = None,
    headers: dict | None = None,
    **extra,
) -> Response:
    """Build a problem+json response (an HTML error page when a page asked)."""
    if error_pages.wanted():
        phrase = title or HTTPStatus(status).phrase
        return error_pages.page(status, phrase, detail, errors, headers)
    body = {
        "type": type_,
        "title": title or HTTPStatus(status).phrase,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    body["instance"] = request.path
    if errors:
        body["errors"] = errors
    body.update(extra)
    response = Response(dumps_bytes(body), status=status, mimetype=PROBLEM_MIMETYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _flatten_messages(messages) -> dict:
    """webargs nests messages under their location ("query", "json"); drop that level."""
    if isinstance(messages, dict) and len(messages) == 1:
        ((location, inner),) = messages.items()
        if location in {"query", "json", "form", "headers", "files", "view_args"}:
            messages = inner
    if isinstance(messages, list):
        return {"_body": [str(m) for m in messages]}
    if not isinstance(messages, dict):
        return {"_body": [str(messages)]}
    return messages


def _describe(errors: dict) -> str:
    """A one-line summary naming the offending fields."""
    names = ", ".join(sorted(str(k) for k in errors))
    return f"Invalid value for: {names}." if names else "Invalid request."


def handle_http_exception(error: HTTPException) -> Response:
    """Werkzeug and webargs errors, with validation messages when there are any."""
    data = getattr(error, "data", None) or {}
    status = error.code or 500
    if "messages" in data:
        in_query = "query" in data["messages"]
        errors = _flatten_messages(data["messages"])
        unknown = sorted(k for k, v in errors.items() if v == ["Unknown field."])
        if unknown:
            detail = f"Unknown {'parameter' if in_query else 'field'}: {', '.join(unknown)}."
        else:
            detail = _describe(errors)
        return problem(
            status,
            detail,
            type_="/problems/validation-error",
            title=VALIDATION_TITLES.get(status, "Your request didn't validate."),
            errors=errors,
        )
    headers = {}
    if status == 405 and error.valid_methods:
        headers["Allow"] = ", ".join(error.valid_methods)
    return problem(status, error.description, headers=headers)


def handle_problem(error: Problem) -> Response:
    """Problems raised deliberately by views and domain functions."""
    return problem(error.status, error.detail, title=error.title, **error.extra)


def handle_validation_error(error: ValidationError) -> Response:
    """A body that failed schema validation inside a view."""
    errors = _flatten_messages(error.messages)
    return problem(
        422,
        _describe(errors),
        type_="/problems/validation-error",
        title=VALIDATION_TITLES[422],
        errors=errors,
    )


def handle_integrity_error(error: IntegrityError) -> Response:
    """A uniqueness or reference violation the checks before it did not catch."""
    return problem(409, "The change conflicts with stored records.")


def handle_not_found(error: DoesNotExist) -> Response:
    """A record looked up by id that is not there."""
    return problem(404, "No such record.")


def handle_unexpected(error: Exception) -> Response:
    """Anything else is our bug: log it, answer a 500 problem without internals."""
    if isinstance(error, HTTPException):
        return handle_http_exception(error)
    log.exception("unhandled error on %s %s", request.method, request.path)
    return problem(500, InternalServerError.description)


def handle_cursor_error(error: CursorError) -> Response:
    """A cursor that this API did not issue for this query."""
    return problem(
        400,
        str(error),
        type_="/problems/validation-error",
        title=VALIDATION_TITLES[400],
        errors={"cursor": [str(error)]},
    )


def handle_rejected(error: Rejected) -> Response:
    """A record the core refused, naming the field at fault; each resource its own type."""
    return problem(
        error.status,
        error.message,
        type_=f"/problems/{error.resource}-rejected",
        title=f"The {error.resource} cannot be stored as given.",
        errors={error.field: [error.message]},
        **error.extra,
    )


def handle_stale_version(error: StaleVersion) -> Response:
    """Another writer changed the record first."""
    return problem(412, "The record changed since that ETag; fetch it again.")


def handle_extraction_unavailable(error: ExtractionUnavailable) -> Response:
    """The extraction process is starting again: ask the client to retry shortly."""
    log.error("extraction process unreachable: %s", error)
    return problem(
        503, "Extraction is starting again; retry shortly.", headers={"Retry-After": "5"}
    )


def init_app(app: Flask) -> None:
    """Register the handlers (after flask-smorest's, so these win)."""
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Problem, handle_problem)
    app.register_error_handler(CursorError, handle_cursor_error)
    app.register_error_handler(Rejected, handle_rejected)
    app.register_error_handler(StaleVersion, handle_stale_version)
    app.register_error_handler(ExtractionUnavailable, handle_extraction_unavailable)
    app.register_error_handler(ValidationError, handle_validation_error)
    app.register_error_handler(IntegrityError, handle_integrity_error)
    app.register_error_handler(DoesNotExist, handle_not_found)
    app.register_error_handler(Exception, handle_unexpected)
