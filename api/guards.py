"""Request guards and response headers that apply to every endpoint."""

from __future__ import annotations

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import RequestEntityTooLarge


def reject_oversized_bodies() -> None:
    """Refuse a declared-too-large body before any view or routing work reads it."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is not None and request.content_length > limit:
        raise RequestEntityTooLarge(f"Request bodies are limited to {limit} bytes.")


def add_security_headers(response: Response) -> Response:
    """Stop content sniffing everywhere, and caching of anything but reads."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if request.method not in ("GET", "HEAD"):
        response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    """Register the guards."""
    app.before_request(reject_oversized_bodies)
    app.after_request(add_security_headers)
