"""GET /v1/speakers and what each one claimed."""

from __future__ import annotations

import re

import pytest

from tests.conftest import AUTH

TOKEN_NAME = "tester"  # the name AUTH's token has in the test settings


def test_list_pages_through_every_speaker(client):
    seen, url = [], "/v1/speakers?limit=2"
    while url:
        body = client.get(url).json
        seen += [s["id"] for s in body["data"]]
        url = body["next"]
    assert seen == sorted(seen)
    assert set(seen) == {
        "jo-joo-wan",
        "park-hyoung-sei",
        "meta",
        "mark-zuckerberg",
        "lg-electronics",
    }


def test_speaker_has_aliases_in_order(client):
    body = client.get("/v1/speakers/jo-joo-wan").json
    assert body["name"] == "조주완"
    assert body["aliases"][0] == "조 사장"
    assert (body["role"], body["organization"], body["kind"]) == ("CEO", "LG전자", "person")


@pytest.mark.parametrize(
    ("speaker", "stated"),
    [
        ("jo-joo-wan", ["5억 대 이상"]),
        ("park-hyoung-sei", ["2억 대 이상", "3500개 이상"]),
        ("meta", ["370억 달러", "약 49조원"]),
        ("mark-zuckerberg", []),
    ],
)
def test_speaker_claims(client, speaker, stated):
    body = client.get(f"/v1/speakers/{speaker}/claims").json
    assert [c["stated_as"] for c in body["data"]] == stated
    assert all(c["speaker"]["id"] == speaker for c in body["data"])


def history_of(client, speaker_id: str) -> list[tuple]:
    """(version, changed_by, reason, role, aliases) of each version, oldest first."""
    versions = client.get(f"/v1/speakers/{speaker_id}/history").json["data"]
    return [
        (v["version"], v["changed_by"], v["reason"], v["data"]["role"], v["data"]["aliases"])
        for v in versions
    ]


def test_speaker_changes_keep_the_roles_they_replace(client):
    before = client.get("/v1/speakers/jo-joo-wan").json
    first = client.patch(
        "/v1/speakers/jo-joo-wan",
        json={"role": "부회장", "reason": "promoted"},
        headers={**AUTH, "If-Match": '"jo-joo-wan-1"'},
    )
    assert first.status_code == 200 and first.json["version"] == 2
    assert first.headers["ETag"] == '"jo-joo-wan-2"'
    second = client.patch(
        "/v1/speakers/jo-joo-wan",
        json={"aliases": ["조 부회장"]},
        headers={**AUTH, "If-Match": first.headers["ETag"]},
    )
    assert second.json["version"] == 3 and second.json["role"] == "부회장"
    assert history_of(client, "jo-joo-wan") == [
        (1, "fixtures", "seeded from fixtures", "CEO", before["aliases"]),
        (2, TOKEN_NAME, "promoted", "부회장", before["aliases"]),
        (3, TOKEN_NAME, "updated", "부회장", ["조 부회장"]),
    ]
    links = client.get("/v1/speakers/jo-joo-wan").json["links"]
    assert links["history"] == "/v1/speakers/jo-joo-wan/history"


def test_a_change_that_changes_nothing_writes_no_version(client):
    same = client.patch(
        "/v1/speakers/meta", json={"kind": "organization"}, headers={**AUTH, "If-Match": "*"}
    )
    assert same.status_code == 200 and same.json["version"] == 1
    assert [v[0] for v in history_of(client, "meta")] == [1]


def test_a_refused_speaker_change_writes_no_version(client):
    refused = client.patch("/v1/speakers/meta", json={"role": "x" * 201}, headers=AUTH)
    assert refused.status_code == 422
    assert [v[0] for v in history_of(client, "meta")] == [1]


def test_history_of_an_unknown_speaker_is_404(client):
    assert client.get("/v1/speakers/nobody/history").status_code == 404


def test_speaker_changes_need_the_current_etag(client):
    """Two editors of one speaker: without If-Match a change is refused, and a stale one loses."""
    read = client.get("/v1/speakers/park-hyoung-sei")
    # The speaker's own tag, then the data part a conditional GET adds (api/conditional.py).
    assert read.headers["ETag"].startswith('"park-hyoung-sei-1~')
    bare = client.patch("/v1/speakers/park-hyoung-sei", json={"role": "사장"}, headers=AUTH)
    assert bare.status_code == 428 and "If-Match" in bare.json["detail"]
    tag = {**AUTH, "If-Match": read.headers["ETag"]}
    first = client.patch("/v1/speakers/park-hyoung-sei", json={"role": "사장"}, headers=tag)
    assert first.status_code == 200 and first.json["role"] == "사장"
    second = client.patch("/v1/speakers/park-hyoung-sei", json={"role": "전무"}, headers=tag)
    assert second.status_code == 412, "the second editor's ETag is stale"
    assert client.get("/v1/speakers/park-hyoung-sei").json["role"] == "사장"
    foreign = client.patch(
        "/v1/speakers/park-hyoung-sei", json={"role": "전무"}, headers={**AUTH, "If-Match": '"3-1"'}
    )
    assert foreign.status_code == 412
    assert [v[0] for v in history_of(client, "park-hyoung-sei")] == [1, 2]


def test_a_created_speaker_answers_its_etag_and_derived_id(client):
    created = client.post("/v1/speakers", json={"name": "정다은", "kind": "person"}, headers=AUTH)
    assert created.status_code == 201
    assert re.fullmatch(r"speaker-[0-9a-f]{12}", created.json["id"])
    assert created.headers["ETag"] == f'"{created.json["id"]}-1"'
    assert created.headers["Location"] == f"/v1/speakers/{created.json['id']}"
