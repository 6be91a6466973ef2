"""The rate limiter: decorated writes are limited, reads pay for no check.

Flask-Limiter is pinned (requirements.txt); api/limits.py drops the
before-request check its init_app adds when no default or application-wide
limit is set. These tests fail if an upgrade moves the check or makes the
decorated limits depend on it.
"""

from __future__ import annotations

import flask_limiter
import pytest

from api import create_app
from schema.db import database
from tests.conftest import AUTH


def limiter_checks(app) -> list:
    """The before-request functions that belong to Flask-Limiter."""
    return [
        check
        for check in app.before_request_funcs.get(None, [])
        if getattr(check, "__module__", "").startswith(flask_limiter.__name__)
    ]


@pytest.fixture
def limited_app(database_url):
    def make(**config):
        tokens = {"CLAIMS_WRITE_TOKENS": "tester:secret-token"}
        return create_app({"DATABASE_URL": database_url, **tokens, **config})

    yield make
    database.close()


def test_reads_run_no_limiter_check(limited_app):
    assert limiter_checks(limited_app()) == []


def test_decorated_limits_apply_without_the_check(limited_app):
    client = limited_app(WRITE_RATE_LIMIT="2/minute").test_client()
    statuses = [client.post("/v1/speakers", json={}, headers=AUTH).status_code for _ in range(3)]
    assert statuses == [422, 422, 429]
    assert client.get("/v1/claims").status_code == 200


def test_default_limits_keep_the_check(limited_app):
    app = limited_app(RATELIMIT_DEFAULT="2/minute")
    assert limiter_checks(app)
    client = app.test_client()
    assert [client.get("/healthz").status_code for _ in range(3)] == [200, 200, 429]


def test_limited_writes_keep_their_headers_and_reads_skip_the_hooks(limited_app):
    client = limited_app(WRITE_RATE_LIMIT="5/minute").test_client()
    write = client.post("/v1/speakers", json={}, headers=AUTH)
    assert write.status_code == 422
    assert write.headers["X-RateLimit-Limit"] == "5"
    assert write.headers["X-RateLimit-Remaining"] == "4"
    read = client.get("/v1/claims")
    assert read.status_code == 200 and "X-RateLimit-Limit" not in read.headers
    again = client.post("/v1/speakers", json={}, headers=AUTH)
    assert again.headers["X-RateLimit-Remaining"] == "3"  # counting went on across the read
