"""Signing in and reviewing over HTTP: the session cookie, CSRF, and every refusal.

A decision from the pages must leave exactly what `PATCH /v1/claims/{id}`
leaves, and anything short of a signed-in reviewer with the form's token
must change nothing.
"""

from __future__ import annotations

import re

import pytest

from schema.db import database
from schema.models import ApiToken
from tests.pages.articles import REVIEW

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
SESSION = "claims_session"


def form_token(client, path: str = "/sign-in") -> str:
    """The CSRF token a page's forms carry for this client's session."""
    return CSRF.search(client.get(path).get_data(as_text=True)).group(1)


def signed_in(client, secret: str = "secret-token") -> str:
    """Sign the client in; return the CSRF token of its new session."""
    response = client.post(
        "/sign-in",
        data={"csrf_token": form_token(client), "token": secret, "next": "/review"},
    )
    assert response.status_code == 303 and response.headers["Location"] == "/review"
    return form_token(client, "/review")


def decide(client, claim_id: int, csrf: str, **fields):
    """Post one decision form, with the candidate's current version unless given."""
    version = client.get(f"/v1/claims/{claim_id}").get_json()["version"]
    data = {"csrf_token": csrf, "version": str(version), **fields}
    return client.post(f"/review/{claim_id}", data=data)


def test_the_session_cookie_is_httponly_secure_samesite_and_holds_no_secret(client, articles):
    response = client.post(
        "/sign-in", data={"csrf_token": form_token(client), "token": "secret-token"}
    )
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith(SESSION))
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=Lax" in cookie
    assert "secret-token" not in cookie
    page = client.get("/review").get_data(as_text=True)
    assert "검토자 <strong>tester</strong>" in page and "승인" in page


def test_a_wrong_token_is_refused_with_a_403_page(client, articles):
    response = client.post(
        "/sign-in", data={"csrf_token": form_token(client), "token": "not-a-token"}
    )
    assert response.status_code == 403 and response.mimetype == "text/html"
    assert "not valid for writes" in response.get_data(as_text=True)
    assert "로그아웃" not in client.get("/review").get_data(as_text=True)


@pytest.mark.parametrize("target", ["//elsewhere.example/x", "https://elsewhere.example/", "x"])
def test_sign_in_never_redirects_off_site(client, articles, target):
    response = client.post(
        "/sign-in",
        data={"csrf_token": form_token(client), "token": "secret-token", "next": target},
    )
    assert response.headers["Location"] == "/review"


def test_accepting_is_the_apis_correction(client, articles):
    claim = articles[REVIEW.id][1]
    csrf = signed_in(client)
    response = decide(client, claim, csrf, decision="accept")
    assert response.status_code == 303
    body = client.get(f"/v1/claims/{claim}").get_json()
    assert body["status"] == "active" and body["version"] == 2
    history = client.get(f"/v1/claims/{claim}/history").get_json()["data"]
    assert history[-1]["changed_by"] == "tester"
    assert history[-1]["reason"] == "accepted in review"
    assert client.get(f"/v1/claims?document={REVIEW.id}").get_json()["data"][0]["id"] == claim


def test_the_queue_opens_at_the_next_candidate(client, articles):
    first, second, third, fourth = articles[REVIEW.id]
    csrf = signed_in(client)
    assert decide(client, second, csrf, decision="accept").headers["Location"] == (
        f"/review#candidate-{third}"
    )
    assert decide(client, fourth, csrf, decision="accept").headers["Location"] == (
        f"/review#candidate-{first}"
    )


def test_rejecting_needs_a_reason(client, articles):
    claim = articles[REVIEW.id][2]
    csrf = signed_in(client)
    response = decide(client, claim, csrf, decision="reject", reason="")
    assert response.status_code == 422
    assert "reason" in response.get_data(as_text=True)
    assert client.get(f"/v1/claims/{claim}").get_json()["status"] == "candidate"
    assert decide(client, claim, csrf, decision="reject", reason="a bare date").status_code == 303
    body = client.get(f"/v1/claims/{claim}").get_json()
    assert body["status"] == "rejected" and body["status_reason"] == "a bare date"


def test_a_correction_the_text_does_not_bear_out_is_refused(client, articles):
    claim = articles[REVIEW.id][1]
    csrf = signed_in(client)
    response = decide(client, claim, csrf, decision="correct", value="500000")
    assert response.status_code == 422
    assert "value_override_reason" in response.get_data(as_text=True)
    response = decide(client, claim, csrf, decision="correct", stated_as="90만 대")
    assert response.status_code == 422
    assert client.get(f"/v1/claims/{claim}").get_json()["version"] == 1
    response = decide(client, claim, csrf, decision="correct", speaker="nobody-at-all")
    assert response.status_code == 422


def test_a_correction_can_move_the_span(client, articles):
    claim = articles[REVIEW.id][1]  # "40만 대", moved to the quote of the same sentence
    csrf = signed_in(client)
    response = decide(
        client, claim, csrf, decision="correct", stated_as="100만 대", value="1000000"
    )
    assert response.status_code == 303
    body = client.get(f"/v1/claims/{claim}").get_json()
    assert body["stated_as"] == "100만 대" and body["value"] == 1_000_000
    text = client.get(f"/v1/documents/{REVIEW.id}").get_json()["text"]
    assert text[body["source"]["start"] : body["source"]["end"]] == "100만 대"


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"csrf_token": "forged"}, 400),
        ({"csrf_token": ""}, 400),
        ({"decision": "publish"}, 400),
        ({"version": "abc"}, 400),
        ({"version": "7"}, 412),
    ],
)
def test_a_bad_form_changes_nothing(client, articles, change, status):
    claim = articles[REVIEW.id][0]
    csrf = signed_in(client)
    data = {"csrf_token": csrf, "version": "1", "decision": "accept", **change}
    response = client.post(f"/review/{claim}", data=data)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    assert client.get(f"/v1/claims/{claim}").get_json()["version"] == 1


def test_a_form_from_another_site_is_refused(client, articles):
    claim = articles[REVIEW.id][0]
    csrf = signed_in(client)
    data = {"csrf_token": csrf, "version": "1", "decision": "accept"}
    response = client.post(
        f"/review/{claim}", data=data, headers={"Origin": "https://elsewhere.example"}
    )
    assert response.status_code == 403
    assert client.get(f"/v1/claims/{claim}").get_json()["status"] == "candidate"


def test_deciding_needs_a_signed_in_reviewer(client, articles):
    claim = articles[REVIEW.id][0]
    csrf = form_token(client)  # a session with a form token, but nobody signed in
    response = client.post(
        f"/review/{claim}", data={"csrf_token": csrf, "version": "1", "decision": "accept"}
    )
    assert response.status_code == 401
    assert client.get(f"/v1/claims/{claim}").get_json()["status"] == "candidate"


def test_a_reviewed_candidate_cannot_be_decided_again(client, articles):
    claim = articles[REVIEW.id][0]
    csrf = signed_in(client)
    assert decide(client, claim, csrf, decision="accept").status_code == 303
    again = decide(client, claim, csrf, decision="reject", reason="changed my mind")
    assert again.status_code == 409


def test_a_revoked_token_ends_the_session(app, client, articles):
    client.application.config["WRITE_TOKENS"] = {}
    with app.app_context(), database.connection_context():
        from api.auth import create_token

        secret = create_token("desk-editor")
    csrf = signed_in(client, secret)
    with database.connection_context():
        ApiToken.update(revoked_at="2024-01-01 00:00:00").execute()
    claim = articles[REVIEW.id][0]
    response = decide(client, claim, csrf, decision="accept")
    assert response.status_code == 401


def test_signing_out_ends_the_session(client, articles):
    csrf = signed_in(client)
    response = client.post("/sign-out", data={"csrf_token": csrf})
    assert response.status_code == 303
    assert "로그인" in client.get("/review").get_data(as_text=True)
    claim = articles[REVIEW.id][0]
    assert decide(client, claim, csrf, decision="accept").status_code in (400, 401)
