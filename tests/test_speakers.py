"""GET /v1/speakers and what each one claimed."""

from __future__ import annotations

import pytest


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
