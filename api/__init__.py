"""The claims API: a Flask app factory wiring database, blueprints and errors."""

from __future__ import annotations

import os

from flask import Flask
from flask_smorest import Api

from api import (
    cli,
    conditional,
    database,
    errors,
    limits,
    openapi,
    pages,
    request_checks,
    security_headers,
)
from api.auth import ReservedTokenName, configured_tokens
from api.json_provider import OrjsonProvider
from core import extraction_process
from schema.db import DEFAULT_URL

MAX_BODY_BYTES = 1_048_576  # documented in README; larger bodies get a 413


class ClaimsApp(Flask):
    """Flask, deciding once per function whether it has to run as a coroutine.

    Flask asks of every request hook and view, on every request, whether it is
    an `async def` (inspect unwraps each partial to find out): ten questions a
    request whose answers cannot change once the function is registered.
    `ensure_sync` is the method Flask documents for overriding.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._sync: dict = {}

    def ensure_sync(self, func):
        found = self._sync.get(func)
        if found is None:
            found = self._sync[func] = super().ensure_sync(func)
        return found


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app; `test_config` overrides settings (tests pass DATABASE_URL)."""
    app = ClaimsApp(__name__)
    app.json = OrjsonProvider(app)
    app.config.from_mapping(
        DATABASE_URL=os.environ.get("DATABASE_URL", DEFAULT_URL),
        DATABASE_READ_URL=os.environ.get("DATABASE_READ_URL") or None,
        MAX_CONTENT_LENGTH=MAX_BODY_BYTES,
        API_TITLE="Fact-claim database",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        WRITE_RATE_LIMIT=os.environ.get("CLAIMS_WRITE_RATE_LIMIT", "120/minute"),
        EXTRACT_RATE_LIMIT=os.environ.get("CLAIMS_EXTRACT_RATE_LIMIT", "30/minute"),
        CORS_ALLOW_ORIGINS=os.environ.get("CLAIMS_CORS_ORIGINS", ""),
        RATELIMIT_STORAGE_URI=os.environ.get("CLAIMS_RATELIMIT_STORAGE", "memory://"),
    )
    if test_config:
        app.config.update(test_config)
    try:
        app.config["WRITE_TOKENS"] = configured_tokens(
            app.config.get("CLAIMS_WRITE_TOKENS", os.environ.get("CLAIMS_WRITE_TOKENS"))
        )
    except ReservedTokenName as error:
        raise database.StartupError(f"CLAIMS_WRITE_TOKENS: {error}") from None

    # A server started by api.serve extracts in its extraction process (see there).
    extraction_process.configure(os.environ)
    request_checks.init_app(app)
    security_headers.init_app(app)
    limits.init_app(app)
    database.init_app(app)
    conditional.init_app(app)
    cli.init_app(app)
    pages.init_app(app)  # first: the search page is `/`
    api = Api(app)
    openapi.init_app(api)
    from api import (
        claims,
        docs,
        documents,
        extraction,
        figures,
        health,
        organizations,
        provenance,
        speakers,
    )

    for blueprint in (claims.blp, documents.blp, speakers.blp, provenance.blp, extraction.blp):
        api.register_blueprint(blueprint)
    api.register_blueprint(figures.blp)
    api.register_blueprint(organizations.blp)
    conditional.document(app, api)
    app.register_blueprint(health.bp)
    app.register_blueprint(docs.bp)
    errors.init_app(app)
    return app
