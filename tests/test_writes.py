"""Authenticated writes: documents, speakers, claims, corrections and retractions."""

from __future__ import annotations

import threading

import pytest

from api import auth, create_app
from schema.db import database
from tests.conftest import AUTH

DOC = "joongang-2024-02-28-zuckerberg-seoul"
NEW_CLAIM = {
    "document": DOC,
    "speaker": None,
    "stated_as": "29일",
    "value": 29,
    "unit": "date",
    "kind": "date",
    "attribution": "narration",
    "subject": "저커버그의 인도행 날짜",
}


def counts(client) -> tuple:
    """Row counts visible through the API, to prove a refused write changed nothing."""
    claims = client.get("/v1/claims?status=all&count=true&limit=1").json["count"]
    speakers = len(client.get("/v1/speakers?limit=500").json["data"])
    documents = len(client.get("/v1/documents?limit=500").json["data"])
    return claims, speakers, documents


def post_claim(client, **changes):
    """POST a claim with the default test body changed as given."""
    return client.post("/v1/claims", json={**NEW_CLAIM, **changes}, headers=AUTH)


# --- authentication -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/v1/claims"),
        ("patch", "/v1/claims/1"),
        ("delete", "/v1/claims/1"),
        ("post", "/v1/documents"),
        ("post", "/v1/speakers"),
        ("patch", "/v1/speakers/meta"),
    ],
)
def test_writes_need_a_token(client, method, path):
    before = counts(client)
    response = getattr(client, method)(path, json={"reason": "no token"})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.mimetype == "application/problem+json"
    bad = getattr(client, method)(path, json={}, headers={"Authorization": "Bearer wrong"})
    assert bad.status_code == 403
    basic = getattr(client, method)(path, json={}, headers={"Authorization": "Basic eDp5"})
    assert basic.status_code == 401
    assert counts(client) == before


def test_bare_environment_token_gets_a_positional_name(client):
    response = post_claim(client)
    assert response.status_code == 201
    other = client.post(
        "/v1/claims",
        json={
            **NEW_CLAIM,
            "stated_as": "2025년",
            "value": 2025,
            "unit": "year",
            "status": "candidate",
        },
        headers={"Authorization": "Bearer second-token"},
    )
    assert other.status_code == 201, other.json
    history = client.get(f"/v1/claims/{other.json['id']}/history").json["data"]
    assert history[0]["changed_by"] == "env-token-2"


def test_cli_token_is_stored_only_as_a_hash(app, runner, client):
    result = runner.invoke(args=["create-token", "desk-editor"])
    assert result.exit_code == 0, result.output
    secret = result.output.strip().splitlines()[-1]
    with database.connection_context():
        rows = database.execute_sql("SELECT name, token_hash FROM api_token").fetchall()
    assert rows == [("desk-editor", auth.token_hash(secret))]
    assert secret not in str(rows)
    response = client.post(
        "/v1/claims", json=NEW_CLAIM, headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status_code == 201
    assert (
        client.get(f"/v1/claims/{response.json['id']}/history").json["data"][0]["changed_by"]
        == "desk-editor"
    )
    again = runner.invoke(args=["create-token", "desk-editor"])
    assert again.exit_code == 1 and "already exists" in again.output


# --- claims -------------------------------------------------------------------------


def test_create_locates_the_quote_and_its_sentence(client):
    response = post_claim(client)
    assert response.status_code == 201, response.json
    body = response.json
    assert response.headers["Location"] == f"/v1/claims/{body['id']}"
    assert response.headers["ETag"] == f'"{body["id"]}-1"'
    text = client.get(f"/v1/documents/{DOC}").json["text"]
    assert text[body["source"]["start"] : body["source"]["end"]] == "29일"
    assert body["source"]["sentence"].startswith("저커버그 CEO는 29일 인도로")
    assert client.get(f"/v1/claims/{body['id']}").json == body


def test_create_with_prefix_disambiguates(client):
    ambiguous = post_claim(client, stated_as="28일", value=28)
    assert ambiguous.status_code == 422
    assert "occurs 6 times" in ambiguous.json["errors"]["stated_as"][0]
    chosen = post_claim(
        client, stated_as="28일", value=28, prefix="전날 밤 한국에 도착한 저커버그 CEO는 "
    )
    assert chosen.status_code == 201, chosen.json
    assert chosen.json["source"]["start"] == 571


def test_create_with_offsets(client):
    assert post_claim(client, stated_as="29일", start=2335, end=2338).status_code == 201
    wrong = post_claim(client, stated_as="29일", start=2336, end=2339)
    assert wrong.status_code == 422 and "start" in wrong.json["errors"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"stated_as": "31일"}, "stated_as"),
        ({"value": 30}, "value"),
        ({"document": "no-such-doc"}, "document"),
        ({"speaker": "no-such-speaker"}, "speaker"),
        ({"restates": 99999}, "restates"),
        ({"unit": "parsecs"}, "unit"),
        ({"value": "29"}, None),
        ({"value": True}, "value"),
        ({"value": "NaN"}, "value"),
        ({"value": 1e300}, "value"),
        ({"attribution": "hearsay"}, "attribution"),
        ({"stated_as": ""}, "stated_as"),
        ({"subject": "x" * 501}, "subject"),
        ({"subject": "nul\x00byte"}, "subject"),
        ({"id": 5}, "id"),
        ({"extra": 1}, "extra"),
        ({"start": 2335}, "start"),
    ],
)
def test_bad_claims_are_422_and_change_nothing(client, changes, field):
    before = counts(client)
    response = post_claim(client, **changes)
    if field is None:  # a numeric string is a valid exact number
        assert response.status_code == 201
        return
    assert response.status_code == 422, response.json
    assert field in response.json["errors"], response.json
    assert counts(client) == before


def test_value_mismatch_can_be_overridden_with_a_reason(client):
    response = post_claim(client, value=30, value_override_reason="the article misprints the date")
    assert response.status_code == 201
    history = client.get(f"/v1/claims/{response.json['id']}/history").json["data"]
    assert "misprints" in history[0]["reason"]


@pytest.mark.parametrize(
    ("body", "headers", "status"),
    [
        (b"{not json", {"Content-Type": "application/json"}, 400),
        (b'{"value": NaN}', {"Content-Type": "application/json"}, 400),
        (b"\xff\xfe", {"Content-Type": "application/json"}, 400),
        (b"[" * 5000 + b"]" * 5000, {"Content-Type": "application/json"}, 400),
        (b"value=1", {"Content-Type": "application/x-www-form-urlencoded"}, 415),
        (b"<claim/>", {"Content-Type": "application/xml"}, 415),
        (b"[1, 2]", {"Content-Type": "application/json"}, 422),
        (b'"text"', {"Content-Type": "application/json"}, 422),
        (b"x" * 1_100_000, {"Content-Type": "application/json"}, 413),
    ],
)
def test_malformed_bodies(client, body, headers, status):
    before = counts(client)
    response = client.post("/v1/claims", data=body, headers={**AUTH, **headers})
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    assert counts(client) == before


def test_patch_needs_if_match_and_a_reason(client):
    etag = client.get("/v1/claims/3").headers["ETag"]
    missing = client.patch("/v1/claims/3", json={"subject": "x", "reason": "why"}, headers=AUTH)
    assert missing.status_code == 428
    no_reason = client.patch(
        "/v1/claims/3", json={"subject": "x"}, headers={**AUTH, "If-Match": etag}
    )
    assert no_reason.status_code == 422 and "reason" in no_reason.json["errors"]
    stale = client.patch(
        "/v1/claims/3",
        json={"subject": "x", "reason": "why"},
        headers={**AUTH, "If-Match": '"3-0"'},
    )
    assert stale.status_code == 412
    assert client.get("/v1/claims/3").json["version"] == 1


def test_create_patch_retract_history(client):
    created = post_claim(client, reason="spotted in review")
    claim_id, etag = created.json["id"], created.headers["ETag"]
    patched = client.patch(
        f"/v1/claims/{claim_id}",
        json={"subject": "인도 방문 날짜", "qualifier": "exact", "reason": "clearer subject"},
        headers={**AUTH, "If-Match": etag},
    )
    assert patched.status_code == 200, patched.json
    assert patched.json["subject"] == "인도 방문 날짜"
    assert patched.headers["ETag"] == f'"{claim_id}-2"'
    same = client.patch(
        f"/v1/claims/{claim_id}",
        json={"subject": "인도 방문 날짜", "reason": "no-op"},
        headers={**AUTH, "If-Match": patched.headers["ETag"]},
    )
    assert same.json["version"] == 2, "an unchanged PATCH writes no version"
    retracted = client.delete(
        f"/v1/claims/{claim_id}", json={"reason": "not a claim: a bare date"}, headers=AUTH
    )
    assert retracted.status_code == 200
    body = client.get(f"/v1/claims/{claim_id}").json
    assert (body["status"], body["status_reason"], body["status_changed_by"]) == (
        "retracted",
        "not a claim: a bare date",
        "tester",
    )
    assert body["status_changed_at"]
    assert claim_id not in [c["id"] for c in client.get("/v1/claims").json["data"]]
    assert claim_id in [c["id"] for c in client.get("/v1/claims?status=retracted").json["data"]]
    history = client.get(f"/v1/claims/{claim_id}/history").json["data"]
    assert [(v["version"], v["changed_by"], v["reason"]) for v in history] == [
        (1, "tester", "spotted in review"),
        (2, "tester", "clearer subject"),
        (3, "tester", "retracted: not a claim: a bare date"),
    ]
    assert history[0]["data"]["subject"] == "저커버그의 인도행 날짜"
    assert history[2]["data"]["status"] == "retracted"
    again = client.delete(f"/v1/claims/{claim_id}?reason=twice", headers=AUTH)
    assert again.status_code == 409
    frozen = client.patch(
        f"/v1/claims/{claim_id}",
        json={"subject": "y", "reason": "z z"},
        headers={**AUTH, "If-Match": f'"{claim_id}-3"'},
    )
    assert frozen.status_code == 409


def test_retract_needs_a_reason(client):
    response = client.delete("/v1/claims/3", headers=AUTH)
    assert response.status_code == 422 and "reason" in response.json["errors"]
    assert client.get("/v1/claims/3").json["status"] == "active"


def test_patch_reanchors_a_corrected_quote(client):
    etag = client.get("/v1/claims/10").headers["ETag"]
    response = client.patch(
        "/v1/claims/10",
        json={"stated_as": "7개", "unit": "items", "reason": "counter belongs to the noun"},
        headers={**AUTH, "If-Match": etag},
    )
    assert response.status_code == 200, response.json
    assert (response.json["source"]["start"], response.json["source"]["end"]) == (2513, 2515)
    assert client.get("/v1/claims/10/verify").json["state"] == "anchored"


def test_racing_writers_exactly_one_wins(database_url):
    app = create_app({"DATABASE_URL": database_url, "CLAIMS_WRITE_TOKENS": "tester:secret-token"})
    from core.seeding import seed

    with database.connection_context():
        seed()
    etag = app.test_client().get("/v1/claims/7").headers["ETag"]
    barrier, statuses = threading.Barrier(6), []

    def write(n: int) -> None:
        client = app.test_client()
        barrier.wait()
        response = client.patch(
            "/v1/claims/7",
            json={"subject": f"writer {n}", "reason": f"race {n}"},
            headers={**AUTH, "If-Match": etag},
        )
        statuses.append(response.status_code)
        database.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 412, 412, 412, 412, 412]
    client = app.test_client()
    history = client.get("/v1/claims/7/history").json["data"]
    assert len(history) == 2
    assert client.get("/v1/claims/7").json["subject"] == history[1]["data"]["subject"]
    database.close()


# --- documents and speakers ----------------------------------------------------------


DOCUMENT = {
    "title": "Test article",
    "outlet": "Test Daily",
    "url": None,
    "author": "A. Reporter",
    "published": "2025-01-02",
    "language": "en",
    "text": "The company said it sold more than 3,500 units.\u00a0“Fine,” she said.",
}


def test_post_document_is_stored_verbatim_and_immutable(client):
    response = client.post("/v1/documents", json=DOCUMENT, headers=AUTH)
    assert response.status_code == 201, response.json
    doc_id = response.json["id"]
    assert response.headers["Location"] == f"/v1/documents/{doc_id}"
    assert client.get(f"/v1/documents/{doc_id}").json["text"] == DOCUMENT["text"]
    again = client.post("/v1/documents", json=DOCUMENT, headers=AUTH)
    assert again.status_code == 409
    changed = client.patch(f"/v1/documents/{doc_id}", json={"text": "x"}, headers=AUTH)
    assert changed.status_code == 405
    corrected = client.post(
        "/v1/documents",
        json={**DOCUMENT, "text": DOCUMENT["text"] + " Corrected.", "supersedes": doc_id},
        headers=AUTH,
    )
    assert corrected.status_code == 201
    assert corrected.json["supersedes"] == doc_id


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"text": ""}, "text"),
        ({"published": "someday"}, "published"),
        ({"language": "fr"}, "language"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"id": "Not A Slug!"}, "id"),
        ({"supersedes": "missing-doc"}, "supersedes"),
        ({"text": "x" * 200_001}, "text"),
    ],
)
def test_bad_documents(client, changes, field):
    before = counts(client)
    response = client.post("/v1/documents", json={**DOCUMENT, **changes}, headers=AUTH)
    assert response.status_code == 422, response.json
    assert field in response.json["errors"]
    assert counts(client) == before


def test_speaker_create_and_patch(client):
    body = {
        "name": "홍길동",
        "kind": "person",
        "role": "사장",
        "organization": "한국전자",
        "aliases": ["홍 사장", "홍 사장"],
    }
    created = client.post("/v1/speakers", json=body, headers=AUTH)
    assert created.status_code == 201, created.json
    speaker_id = created.json["id"]
    assert created.json["aliases"] == ["홍 사장"]
    patched = client.patch(
        f"/v1/speakers/{speaker_id}",
        json={"role": "회장", "aliases": ["홍 회장"]},
        headers={**AUTH, "If-Match": created.headers["ETag"]},
    )
    assert patched.status_code == 200, patched.json
    assert (patched.json["role"], patched.json["aliases"]) == ("회장", ["홍 회장"])
    assert patched.json["name"] == "홍길동"
    assert client.post("/v1/speakers", json=body, headers=AUTH).status_code == 409
    bad = client.patch(f"/v1/speakers/{speaker_id}", json={"kind": "robot"}, headers=AUTH)
    assert bad.status_code == 422 and "kind" in bad.json["errors"]
    assert client.patch("/v1/speakers/nobody", json={"role": "x"}, headers=AUTH).status_code == 404
