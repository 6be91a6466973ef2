"""POST /v1/extract and documents stored with extracted candidates."""

from __future__ import annotations

import pytest

from tests.conftest import AUTH, fixture_text, read_fixture

DOC = "joongang-2024-02-28-zuckerberg-seoul"


def test_extract_returns_the_seed_articles_claims(client):
    text = fixture_text(DOC)
    response = client.post("/v1/extract", json={"text": text, "language": "ko"})
    assert response.status_code == 200, response.json
    found = {(c["source"]["start"], c["source"]["end"]): c for c in response.json["data"]}
    for gold in read_fixture("claims.json"):
        candidate = found[(gold["start"], gold["end"])]
        assert (candidate["value"], candidate["unit"], candidate["qualifier"]) == (
            gold["value"],
            gold["unit"],
            gold["qualifier"],
        )
        assert (candidate["speaker"] or {}).get("id") == gold["speaker"]
        assert candidate["status"] == "candidate" and candidate["id"] is None
        assert text[candidate["source"]["start"] : candidate["source"]["end"]] == gold["stated_as"]
    assert len(found) == len(read_fixture("claims.json"))


def test_extract_english_with_auto_language(client):
    text = (
        "Harbor Motors said on Tuesday it would spend more than $3 billion on new plants. "
        "“We expect to hire about 1,200 people,” said Maria Lopez, the company's chief "
        "executive."
    )
    body = client.post("/v1/extract", json={"text": text}).json
    assert body["language"] == "en"
    values = [(c["value"], c["unit"], c["qualifier"]) for c in body["data"]]
    assert (3_000_000_000, "USD", "more_than") in values
    assert (1200, "people", "approx") in values
    hires = next(c for c in body["data"] if c["value"] == 1200)
    assert hires["speaker"]["name"] == "Maria Lopez"
    assert hires["attribution"] == "direct_quote"


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({}, 422, "text"),
        ({"text": "   "}, 422, "text"),
        ({"text": "x", "language": "fr"}, 422, "language"),
        ({"text": "x", "published": "soon"}, 422, "published"),
        ({"text": "x", "extra": 1}, 422, "extra"),
        ({"text": 42}, 422, "text"),
    ],
)
def test_extract_rejects_bad_bodies(client, body, status, field):
    response = client.post("/v1/extract", json=body)
    assert response.status_code == status
    assert field in response.json["errors"]


def test_extract_text_over_the_limit_is_413(client):
    response = client.post("/v1/extract", json={"text": "가" * 100_001})
    assert response.status_code == 413
    assert response.mimetype == "application/problem+json"


def test_document_with_extract_stores_candidates_for_review(client):
    text = fixture_text(DOC) + "\n"
    response = client.post(
        "/v1/documents",
        json={
            "title": "Copy",
            "published": "2024-02-28",
            "language": "ko",
            "text": text,
            "extract": True,
        },
        headers=AUTH,
    )
    assert response.status_code == 201, response.json
    doc_id, stored = response.json["id"], response.json["candidates"]
    assert stored == 10
    listed = client.get(f"/v1/documents/{doc_id}/claims").json["data"]
    assert listed == [], "candidates stay out of lists until accepted"
    candidates = client.get(f"/v1/documents/{doc_id}/claims?status=candidate").json["data"]
    assert len(candidates) == 10
    speakers = {c["speaker"]["id"] for c in candidates if c["speaker"]}
    assert speakers == {"jo-joo-wan", "park-hyoung-sei", "meta"}, "known speakers are matched"
    won = next(c for c in candidates if c["unit"] == "KRW")
    dollars = next(c for c in candidates if c["unit"] == "USD")
    assert won["restates"] == dollars["id"]
    accepted = client.patch(
        f"/v1/claims/{dollars['id']}",
        json={"status": "active", "reason": "checked against the text"},
        headers={**AUTH, "If-Match": f'"{dollars["id"]}-1"'},
    )
    assert accepted.status_code == 200 and accepted.json["status"] == "active"
    rejected = client.patch(
        f"/v1/claims/{won['id']}",
        json={"status": "rejected", "reason": "conversion, not a claim of its own"},
        headers={**AUTH, "If-Match": f'"{won["id"]}-1"'},
    )
    assert rejected.json["status"] == "rejected"
    assert [c["id"] for c in client.get(f"/v1/documents/{doc_id}/claims").json["data"]] == [
        dollars["id"]
    ]


def test_document_extract_is_atomic(client):
    before = client.get("/v1/claims?status=all&count=true&limit=1").json["count"]
    response = client.post(
        "/v1/documents",
        json={
            "title": "t",
            "published": "2024-02-28",
            "language": "ko",
            "text": "가" * 100_001,
            "extract": True,
        },
        headers=AUTH,
    )
    assert response.status_code == 413
    assert client.get("/v1/claims?status=all&count=true&limit=1").json["count"] == before
    assert len(client.get("/v1/documents").json["data"]) == 1
