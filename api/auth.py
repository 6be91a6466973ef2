"""Bearer tokens for writes: reads are public, every change names who made it.

Tokens come from CLAIMS_WRITE_TOKENS (comma-separated `name:secret` or bare
secrets, for deployments and tests) and from the database, where only their
SHA-256 is stored. Secrets are compared as hashes in constant time and never
logged.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from functools import wraps

from flask import current_app, g, request

from api.errors import Problem
from schema.models import FIXTURES_AUTHOR, ApiToken

TOKEN_BYTES = 32


def token_hash(secret: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


# Names no token may take: a write under the seeder's name would look like the
# fixtures' own, and the next seed would overwrite it.
RESERVED_NAMES = frozenset({FIXTURES_AUTHOR})


class ReservedTokenName(ValueError):
    """A token named like the seeder."""

    def __init__(self, name: str):
        super().__init__(f"the token name {name!r} is reserved for seeding; choose another")


def configured_tokens(setting: str | None) -> dict[str, str]:
    """`{hash: name}` for the tokens in a CLAIMS_WRITE_TOKENS value."""
    tokens = {}
    for position, entry in enumerate((setting or "").split(","), start=1):
        entry = entry.strip()
        if not entry:
            continue
        name, _, secret = entry.rpartition(":")
        name = name.strip() or f"env-token-{position}"
        if name in RESERVED_NAMES:
            raise ReservedTokenName(name)
        tokens[token_hash(secret)] = name
    return tokens


def create_token(name: str) -> str:
    """Store a new named token and return its secret (shown once, never stored)."""
    if name in RESERVED_NAMES:
        raise ReservedTokenName(name)
    secret = secrets.token_urlsafe(TOKEN_BYTES)
    ApiToken.create(name=name, token_hash=token_hash(secret))
    return secret


def token_name(secret: str) -> str | None:
    """The name of the token with this secret, or None if it is not a valid token."""
    return token_name_by_hash(token_hash(secret))


def token_name_by_hash(presented: str) -> str | None:
    """The name of the valid token with this SHA-256 (a signed-in page session keeps
    only the hash, so a revoked token ends the session too)."""
    found = None
    for known, name in current_app.config["WRITE_TOKENS"].items():
        if hmac.compare_digest(known, presented):
            found = name
    if found is None:
        stored = ApiToken.get_or_none(
            (ApiToken.token_hash == presented) & ApiToken.revoked_at.is_null()
        )
        found = stored.name if stored else None
    return found


def require_token(view):
    """Decorate a write view: 401 without a bearer token, 403 with a wrong one."""

    @wraps(view)
    def guarded(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise Problem(
                401,
                "Writes need an 'Authorization: Bearer <token>' header.",
                headers={"WWW-Authenticate": 'Bearer realm="claims"'},
            )
        name = token_name(secret.strip())
        if name is None:
            raise Problem(403, "This token is not valid for writes.")
        g.token_name = name
        return view(*args, **kwargs)

    return guarded
