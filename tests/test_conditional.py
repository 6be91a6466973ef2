"""Conditional GET: ETags from the data's version, 304 without a body, and every write moves it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schema.changes import current_version
from schema.db import database
from tests.conftest import AUTH, read_fixture

DOC = "joongang-2024-02-28-zuckerberg-seoul"
# Every conditional endpoint, as a client reads it.
READS = [
    "/v1/claims/3",
    "/v1/claims?limit=5",
    "/v1/claims?speaker=조 사장&facet=unit&count=true",
    "/v1/claims?format=csv",
    "/v1/documents",
    f"/v1/documents/{DOC}",
    f"/v1/documents/{DOC}/claims?limit=3",
    "/v1/speakers",
    "/v1/speakers/park-hyoung-sei",
    "/v1/speakers/park-hyoung-sei/claims",
]


def tags(client) -> dict[str, str]:
    """The current ETag of every read."""
    found = {}
    for path in READS:
        response = client.get(path)
        assert response.status_code == 200, (path, response.data[:200])
        found[path] = response.headers["ETag"]
    return found


@pytest.mark.parametrize("path", READS)
def test_a_matching_if_none_match_is_answered_304_without_a_body(client, path):
    first = client.get(path)
    assert first.status_code == 200 and first.data
    tag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "no-cache"
    again = client.get(path, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == tag
    weak = client.get(path, headers={"If-None-Match": f'W/{tag}, "other"'})
    assert weak.status_code == 304  # If-None-Match compares weakly
    head = client.head(path, headers={"If-None-Match": tag})
    assert head.status_code == 304
    assert client.get(path).headers["ETag"] == tag  # stable while nothing changes


def test_a_tag_is_current_only_for_the_url_and_format_that_issued_it(client):
    page = client.get("/v1/claims?limit=2")
    assert (
        client.get(
            "/v1/claims?limit=3", headers={"If-None-Match": page.headers["ETag"]}
        ).status_code
        == 200
    )
    csv = client.get(
        "/v1/claims?limit=2", headers={"If-None-Match": page.headers["ETag"], "Accept": "text/csv"}
    )
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert csv.headers["ETag"] != page.headers["ETag"]
    assert "Accept" in page.headers["Vary"] and "Accept" in csv.headers["Vary"]
    claim = client.get("/v1/claims/3").headers["ETag"]
    assert client.get("/v1/claims/4", headers={"If-None-Match": claim}).status_code == 200


def test_errors_carry_no_tag_and_bad_input_is_still_a_400(client):
    missing = client.get("/v1/claims/99999")
    assert missing.status_code == 404 and "ETag" not in missing.headers
    bad = client.get("/v1/claims?spekaer=x", headers={"If-None-Match": '"anything"'})
    assert bad.status_code == 400 and "ETag" not in bad.headers


def test_the_claim_tag_still_guards_corrections(client):
    tag = client.get("/v1/claims/3").headers["ETag"]
    assert tag.startswith('"3-1~')
    patched = client.patch(
        "/v1/claims/3",
        json={"subject": "고친 주제", "reason": "test"},
        headers={**AUTH, "If-Match": tag},
    )
    assert patched.status_code == 200, patched.json
    stale = client.patch(
        "/v1/claims/3",
        json={"subject": "다시", "reason": "test"},
        headers={**AUTH, "If-Match": tag},
    )
    assert stale.status_code == 412
    # A correction of another claim changes the data version, not claim 3's own tag.
    fresh = client.get("/v1/claims/3").headers["ETag"]
    other = client.get("/v1/claims/4").headers["ETag"]
    client.patch(
        "/v1/claims/4",
        json={"subject": "넷", "reason": "test"},
        headers={**AUTH, "If-Match": other},
    )
    again = client.patch(
        "/v1/claims/3",
        json={"subject": "셋", "reason": "test"},
        headers={**AUTH, "If-Match": fresh},
    )
    assert again.status_code == 200, again.json


def post_document(client):
    body = {
        "title": "조건부 요청", "outlet": "테스트", "url": None, "author": None,
        "published": "2024-03-01", "language": "ko",
        "text": "한빛전자는 2014년부터 로봇 사업을 키워 왔다.",
    }  # fmt: skip
    return client.post("/v1/documents", json=body, headers=AUTH)


def post_claim(client):
    body = {
        "document": DOC, "speaker": None, "stated_as": "29일", "value": 29, "unit": "date",
        "kind": "date", "attribution": "narration", "subject": "인도행 날짜", "reason": "test",
    }  # fmt: skip
    return client.post("/v1/claims", json=body, headers=AUTH)


def patch_claim(client):
    tag = client.get("/v1/claims/3").headers["ETag"]
    body = {"subject": "바뀐 주제", "reason": "test"}
    return client.patch("/v1/claims/3", json=body, headers={**AUTH, "If-Match": tag})


def retract_claim(client):
    return client.delete("/v1/claims/10", json={"reason": "test"}, headers=AUTH)


def post_speaker(client):
    body = {"name": "홍길동", "kind": "person", "role": "사장", "organization": "한국전자"}
    return client.post("/v1/speakers", json=body, headers=AUTH)


def patch_speaker(client):
    tag = client.get("/v1/speakers/park-hyoung-sei").headers["ETag"]
    return client.patch(
        "/v1/speakers/park-hyoung-sei", json={"role": "부사장"}, headers={**AUTH, "If-Match": tag}
    )


def new_alias(client):
    tag = client.get("/v1/speakers/park-hyoung-sei").headers["ETag"]
    body = {"aliases": ["박 본부장", "박 부사장"]}
    return client.patch(
        "/v1/speakers/park-hyoung-sei", json=body, headers={**AUTH, "If-Match": tag}
    )


@pytest.mark.parametrize(
    "write",
    [post_document, post_claim, patch_claim, retract_claim, post_speaker, patch_speaker, new_alias],
)
def test_every_api_write_makes_every_tag_stale(client, write):
    before = tags(client)
    response = write(client)
    assert response.status_code in (200, 201), response.json
    for path, tag in before.items():
        assert client.get(path, headers={"If-None-Match": tag}).status_code == 200, path
    after = tags(client)
    assert all(after[path] != tag for path, tag in before.items())


def test_a_refused_write_changes_no_tag(client):
    before = tags(client)
    refused = client.patch(
        "/v1/claims/3",
        json={"subject": "바뀐 주제", "reason": "test"},
        headers={**AUTH, "If-Match": '"3-9"'},
    )
    assert refused.status_code == 412
    assert client.post("/v1/claims", json={"document": DOC}, headers=AUTH).status_code == 422
    assert tags(client) == before


def test_seeding_a_changed_fixture_makes_tags_stale(client, runner, fixture_copy: Path):
    before = tags(client)
    claims = read_fixture("claims.json", fixture_copy)
    next(c for c in claims if c["id"] == 3)["subject"] = "시드가 바꾼 주제"
    (fixture_copy / "claims.json").write_text(json.dumps(claims, ensure_ascii=False), "utf-8")
    result = runner.invoke(args=["seed", "--fixtures", str(fixture_copy)])
    assert result.exit_code == 0, result.output
    assert (
        client.get("/v1/claims/3", headers={"If-None-Match": before["/v1/claims/3"]}).status_code
        == 200
    )
    assert tags(client)["/v1/claims?limit=5"] != before["/v1/claims?limit=5"]


def test_seeding_that_changes_nothing_keeps_every_tag(client, runner):
    before = tags(client)
    assert runner.invoke(args=["seed"]).exit_code == 0
    assert tags(client) == before


def test_a_bulk_import_makes_tags_stale(client, runner, tmp_path: Path):
    before = tags(client)
    text = "한빛전자는 2014년부터 로봇 사업을 키워 왔다."
    article = {
        "document": {
            "title": "가져온 기사", "outlet": "테스트", "url": None, "author": None,
            "published": "2024-03-02", "language": "ko", "text": text,
        },
        "claims": [
            {
                "value": 2014, "unit": "year", "kind": "date", "qualifier": "since",
                "attribution": "narration", "speaker": None, "subject": "로봇 사업 시작",
                "stated_as": "2014년부터", "start": 6, "end": 13, "restates": None,
            }
        ],
    }  # fmt: skip
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(article, ensure_ascii=False) + "\n", "utf-8")
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    after = tags(client)
    assert all(after[p] != tag for p, tag in before.items())


def test_any_sql_write_moves_the_version_as_triggers_keep_it(app):
    with database.connection_context():
        start = current_version()
        epoch, counter = start.split(".")
        for statement in (
            "UPDATE speaker SET role = 'CEO' WHERE id = 'jo-joo-wan'",
            "UPDATE document SET title = 'x' WHERE id = 'nothing-matches'",  # no row: no change
            "DELETE FROM speaker_alias WHERE alias = '조 사장'",
            "UPDATE claim SET subject = 'y' WHERE id = 3",
        ):
            database.execute_sql(statement)
        end_epoch, end_counter = current_version().split(".")
    assert end_epoch == epoch and int(end_counter) > int(counter)


def test_openapi_declares_if_none_match_and_the_304(client):
    spec = client.get("/openapi.json").json
    conditional = [
        "/v1/claims",
        "/v1/claims/{claim_id}",
        "/v1/documents",
        "/v1/documents/{document_id}",
        "/v1/documents/{document_id}/claims",
        "/v1/speakers",
        "/v1/speakers/{speaker_id}",
        "/v1/speakers/{speaker_id}/claims",
    ]
    for path in conditional:
        operation = spec["paths"][path]["get"]
        assert "If-None-Match" in [p["name"] for p in operation["parameters"]], path
        assert (
            "304" in operation["responses"] and "ETag" in operation["responses"]["200"]["headers"]
        )
    history = spec["paths"]["/v1/claims/{claim_id}/history"]["get"]
    assert "304" not in history["responses"]


@pytest.mark.parametrize("header", ['""', 'W/""', '"", "x"', "*", "garbage", '"a~b~c"'])
def test_odd_if_none_match_headers_get_the_full_answer(client, header):
    for path in ("/v1/claims/3", "/v1/claims?limit=2", "/v1/speakers/meta"):
        response = client.get(path, headers={"If-None-Match": header})
        assert response.status_code == 200, (path, header)
