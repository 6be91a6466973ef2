"""Headers on every response: no sniffing or framing, no caching of writes, CORS for reads."""

from __future__ import annotations

from flask import Flask, Response, current_app, request


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
    """Add the headers to every response."""
    app.after_request(add_security_headers)
