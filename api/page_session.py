"""Signing in to the pages, and the CSRF token every form carries.

Writes from the pages need a write token, like the API's. A reviewer signs in
once with it; the session cookie (signed by SECRET_KEY, HttpOnly, SameSite=Lax,
Secure unless CLAIMS_COOKIE_SECURE=0) keeps only the token's SHA-256 and name,
never the secret, and every write checks that hash again, so a revoked token
ends the session. Each session carries a random CSRF token: every form posts
it back and a form without the session's token changes nothing. A cross-site
Origin header is refused as well.
"""

from __future__ import annotations

import hmac
import os
import secrets

from flask import Flask, request, session

from api.auth import token_hash, token_name_by_hash
from api.errors import Problem

CSRF_FIELD = "csrf_token"


def init_app(app: Flask) -> None:
    """Session cookie settings: HttpOnly, SameSite=Lax, Secure, twelve hours at most.

    Without CLAIMS_SECRET_KEY each process makes its own key: fine for one
    process (tests, `flask run`); `api.serve` sets one for all its workers.
    """
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ.get("CLAIMS_SECRET_KEY") or secrets.token_hex(32)
    secure = str(app.config.get("CLAIMS_COOKIE_SECURE", os.environ.get("CLAIMS_COOKIE_SECURE", 1)))
    app.config.update(
        SESSION_COOKIE_SECURE=secure.lower() not in ("0", "false", "no"),
        SESSION_COOKIE_NAME="claims_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=12 * 3600,
    )


def csrf_token() -> str:
    """This session's CSRF token, made on first use (it starts the session)."""
    token = session.get("csrf")
    if token is None:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def check_form() -> None:
    """Refuse a form post without this session's CSRF token, or from another site."""
    origin = request.headers.get("Origin")
    if origin and origin != "null" and origin.rstrip("/") != request.host_url.rstrip("/"):
        raise Problem(403, "This form was posted from another site; nothing was changed.")
    expected = session.get("csrf")
    given = request.form.get(CSRF_FIELD, "")
    if not expected or not hmac.compare_digest(expected.encode(), given.encode()):
        raise Problem(
            400,
            "The form has expired or did not come from this site; reload the page and "
            "try again. Nothing was changed.",
        )


def sign_in(secret: str) -> str | None:
    """Start a signed-in session for a valid write token; its name, or None."""
    presented = token_hash(secret.strip())
    name = token_name_by_hash(presented)
    if name is None:
        return None
    session.clear()  # a new session on sign-in: nothing carried over from before
    session.update(token=presented, name=name, csrf=secrets.token_urlsafe(32))
    session.permanent = True
    return name


def sign_out() -> None:
    """End the session."""
    session.clear()


def reviewer() -> str | None:
    """The signed-in reviewer's token name, if the token is still valid."""
    presented = session.get("token")
    if not presented:
        return None
    name = token_name_by_hash(presented)
    if name is None:
        session.clear()
    return name
