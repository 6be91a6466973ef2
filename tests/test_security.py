"""Rate limits, security headers and CORS."""

from __future__ import annotations

import pytest

from api import create_app
from core.seeding import seed
from schema.db import database
from tests.conftest import AUTH

NEW_CLAIM = {
    "document": "joongang-2024-02-28-zuckerberg-seoul",
    "stated_as": "29일",
    "value": 29,
    "unit": "date",
    "kind": "date",
    "attribution": "narration",
}


@pytest.fixture
def strict_app(database_url):
    """An app with tight limits and CORS for one origin."""
    app = create_app(
        {
            "DATABASE_URL": database_url,
            "CLAIMS_WRITE_TOKENS": "tester:secret-token,other:other-token",
            "WRITE_RATE_LIMIT": "3/minute",
            "EXTRACT_RATE_LIMIT": "2/minute",
            "CORS_ALLOW_ORIGINS": "https://newsroom.example",
        }
    )
    with database.connection_context():
        seed()
    yield app
    database.close()


def test_writes_are_limited_per_token(strict_app):
    client = strict_app.test_client()
    # Candidates: the same body stored again is no duplicate of an active claim.
    body = {**NEW_CLAIM, "status": "candidate"}
    statuses = [client.post("/v1/claims", json=body, headers=AUTH).status_code for _ in range(4)]
    assert statuses == [201, 201, 201, 429]
    limited = client.post("/v1/claims", json=NEW_CLAIM, headers=AUTH)
    assert limited.mimetype == "application/problem+json"
    assert limited.json["status"] == 429
    other = client.post("/v1/claims", json=body, headers={"Authorization": "Bearer other-token"})
    assert other.status_code == 201, "another token has its own budget"
    assert client.get("/v1/claims").status_code == 200, "reads are not limited"


def test_extraction_is_limited_per_address(strict_app):
    client = strict_app.test_client()
    statuses = [
        client.post("/v1/extract", json={"text": "3 apples."}).status_code for _ in range(3)
    ]
    assert statuses == [200, 200, 429]


def test_security_headers_on_every_response(client):
    for response in (
        client.get("/v1/claims/3"),
        client.get("/v1/claims/0"),
        client.post("/v1/claims", json={}, headers=AUTH),
    ):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
    write = client.post("/v1/claims", json=NEW_CLAIM, headers=AUTH)
    assert write.headers["Cache-Control"] == "no-store"


def test_cors_for_reads_only(strict_app):
    client = strict_app.test_client()
    origin = {"Origin": "https://newsroom.example"}
    read = client.get("/v1/claims/3", headers=origin)
    assert read.headers["Access-Control-Allow-Origin"] == "https://newsroom.example"
    assert "ETag" in read.headers["Access-Control-Expose-Headers"]
    stranger = client.get("/v1/claims/3", headers={"Origin": "https://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in stranger.headers
    write = client.post("/v1/claims", json=NEW_CLAIM, headers={**AUTH, **origin})
    assert "Access-Control-Allow-Origin" not in write.headers


def test_cors_is_off_by_default(client):
    response = client.get("/v1/claims/3", headers={"Origin": "https://newsroom.example"})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_tokens_never_reach_the_logs(client, caplog):
    caplog.set_level("DEBUG")
    client.post("/v1/claims", json=NEW_CLAIM, headers=AUTH)
    client.post("/v1/claims", json=NEW_CLAIM, headers={"Authorization": "Bearer wrong-secret"})
    assert "secret-token" not in caplog.text
    assert "wrong-secret" not in caplog.text


def test_retry_after_comes_only_with_a_refusal(strict_app):
    client = strict_app.test_client()
    body = {**NEW_CLAIM, "status": "candidate"}
    written = [client.post("/v1/claims", json=body, headers=AUTH) for _ in range(3)]
    assert [r.status_code for r in written] == [201, 201, 201]
    for response in written:
        assert "Retry-After" not in response.headers, "a success is no time to come back"
        assert response.headers["X-RateLimit-Remaining"].isdigit()
    refused = client.post("/v1/claims", json=body, headers=AUTH)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 0
