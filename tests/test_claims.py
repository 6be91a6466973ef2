"""GET /v1/claims and /v1/claims/{id}: filters, sorting, cursors, facets, search."""

from __future__ import annotations

import pytest

from core import claim_writes as ledger
from schema.db import database
from schema.models import Document
from tests.conftest import fixture_text, read_fixture

CLAIMS = read_fixture("claims.json")
ALL_IDS = [c["id"] for c in CLAIMS]


def ids(response) -> list[int]:
    """Claim ids on a page, asserting the request succeeded."""
    assert response.status_code == 200, response.get_data(as_text=True)
    return [c["id"] for c in response.json["data"]]


def expected(**match) -> list[int]:
    """Fixture claim ids whose fields equal every given value."""
    return [c["id"] for c in CLAIMS if all(c.get(k) == v for k, v in match.items())]


def add_claim(stated_as: str, value, **overrides) -> int:
    """Store one more claim on the seed document, anchored at the first occurrence."""
    with database.connection_context():
        document = Document.get()
        start = document.text.index(stated_as)
        fields = {
            "document": document.id,
            "speaker": None,
            "attribution": "narration",
            "subject": "test claim",
            "value": value,
            "unit": "items",
            "kind": "count",
            "qualifier": "exact",
            "stated_as": stated_as,
            "status": "active",
            **overrides,
            **ledger.anchored_fields(document, start, start + len(stated_as)),
        }
        return ledger.create_claim(fields, "tests", "added by a test").id


def walk(client, url: str, between=None) -> list[int]:
    """Follow `next` links to the end, calling `between` after each page."""
    seen, pages = [], 0
    while url:
        response = client.get(url)
        seen += ids(response)
        url = response.json["next"]
        pages += 1
        assert pages < 100, "pagination does not terminate"
        if between:
            between(pages)
    return seen


def test_lists_every_seeded_claim(client):
    body = client.get("/v1/claims").json
    assert [c["id"] for c in body["data"]] == ALL_IDS
    assert body["next"] is None
    assert "facets" not in body and "count" not in body


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        ("speaker=jo-joo-wan", expected(speaker="jo-joo-wan")),
        ("speaker=조주완", expected(speaker="jo-joo-wan")),
        ("speaker=조 사장", expected(speaker="jo-joo-wan")),
        ("speaker=박 본부장", expected(speaker="park-hyoung-sei")),
        ("speaker=Meta", expected(speaker="meta")),
        ("speaker=nobody", []),
        (
            "organization=LG전자",
            expected(speaker="jo-joo-wan") + expected(speaker="park-hyoung-sei"),
        ),
        ("organization=LG Electronics", [3, 6, 7]),
        ("organization=메타", expected(speaker="meta")),
        ("document=joongang-2024-02-28-zuckerberg-seoul", ALL_IDS),
        ("document=other-doc", []),
        ("unit=units", expected(unit="units")),
        ("unit=KRW", expected(unit="KRW")),
        ("kind=date", expected(kind="date")),
        ("qualifier=at_least", expected(qualifier="at_least")),
        ("qualifier=since", expected(qualifier="since")),
        ("attribution=direct_quote", expected(attribution="direct_quote")),
        ("attribution=narration", expected(attribution="narration")),
        ("value_min=1000000", [c["id"] for c in CLAIMS if c["value"] >= 1_000_000]),
        ("value_max=10", [c["id"] for c in CLAIMS if c["value"] <= 10]),
        ("value_min=2014&value_max=2025", [c["id"] for c in CLAIMS if 2014 <= c["value"] <= 2025]),
        ("value_min=49000000000000", expected(unit="KRW")),
        ("published_from=2024-02-28", ALL_IDS),
        ("published_from=2024-02-29", []),
        ("published_to=2024-02-27", []),
        ("published_from=2024-01-01&published_to=2024-12-31", ALL_IDS),
        ("q=콘텐트", [4, 5, 6, 7]),
        ("q=콘텐", [4, 5, 6, 7]),
        ("q=콘텐트 업체", [6, 7]),
        ("q=설비투자", [8, 9]),
        ("q=CAPEX", [8, 9]),
        ("q=capex", [8, 9]),
        ("q=이상", [3, 6, 7]),
        ("q=억", [3, 6, 7, 8, 9]),
        ("q=억만장자", []),
        ("q=없는말", []),
        ("q=%", []),
        ("q=_", []),
        ("unit=units&speaker=박형세", [6]),
        ("organization=LG전자&qualifier=at_least&value_max=1000000", [7]),
        ("kind=count&attribution=narration", [10]),
        ("q=기기&unit=units", [3]),
    ],
)
def test_filters(client, query, wanted):
    assert ids(client.get(f"/v1/claims?{query}")) == wanted


@pytest.mark.parametrize(
    ("sort", "key"),
    [
        ("value", lambda c: (c["value"], c["id"])),
        ("-value", lambda c: (-c["value"], -c["id"])),
        ("id", lambda c: c["id"]),
        ("-id", lambda c: -c["id"]),
        ("published", lambda c: c["id"]),
        ("-published", lambda c: -c["id"]),
    ],
)
@pytest.mark.parametrize("limit", [1, 3, 50])
def test_sorted_cursor_walk_visits_every_claim_once(client, sort, key, limit):
    seen = walk(client, f"/v1/claims?sort={sort}&limit={limit}")
    assert seen == [c["id"] for c in sorted(CLAIMS, key=key)]


def test_cursor_walk_with_ties_in_the_sort_key(client):
    for _ in range(5):
        add_claim("7개 사", 7, unit="companies")
    seen = walk(client, "/v1/claims?sort=value&limit=2&value_max=10")
    assert len(seen) == len(set(seen)) == 7
    assert seen == sorted(seen, key=lambda i: (10 if i == 1 else 7, i))


def test_cursor_walk_under_inserts_has_no_repeats_and_no_gaps(client):
    added = []

    def insert(page):
        added.append(add_claim("2025년", 2025 + page, unit="year", kind="date"))

    seen = walk(client, "/v1/claims?limit=3", between=insert)
    assert len(seen) == len(set(seen))
    assert set(ALL_IDS) <= set(seen)
    # Rows inserted after the cursor's position show up later in the same walk.
    assert set(added[:-1]) <= set(seen)


def test_next_link_keeps_the_filters(client):
    body = client.get("/v1/claims?unit=year&limit=1").json
    assert body["next"].startswith("/v1/claims?unit=year&limit=1&cursor=")
    assert ids(client.get(body["next"])) == [4]


def test_cursor_from_another_sort_is_refused(client):
    cursor = client.get("/v1/claims?sort=value&limit=1").json["next"].split("cursor=")[1]
    response = client.get(f"/v1/claims?sort=-value&cursor={cursor}")
    assert response.status_code == 400
    assert "sort=value" in response.json["errors"]["cursor"][0]


def test_facets_and_count(client):
    body = client.get("/v1/claims?facet=unit&facet=speaker&facet=kind&count=true&limit=1").json
    assert body["count"] == 10
    units = {b["value"]: b["count"] for b in body["facets"]["unit"]}
    assert units == {"year": 3, "units": 2, "companies": 2, "USD": 1, "KRW": 1, "years": 1}
    speakers = {b["value"]: (b["name"], b["count"]) for b in body["facets"]["speaker"]}
    assert speakers == {
        None: (None, 5),
        "meta": ("메타", 2),
        "park-hyoung-sei": ("박형세", 2),
        "jo-joo-wan": ("조주완", 1),
    }
    assert sum(b["count"] for b in body["facets"]["kind"]) == 10


def test_facets_follow_the_filters(client):
    body = client.get("/v1/claims?organization=LG전자&facet=document&count=true").json
    assert body["count"] == 3
    assert body["facets"]["document"] == [
        {"value": "joongang-2024-02-28-zuckerberg-seoul", "count": 3}
    ]


def test_claim_detail_has_provenance(client):
    body = client.get("/v1/claims/3").json
    text = fixture_text(body["document"]["id"])
    assert body["value"] == 500_000_000 and isinstance(body["value"], int)
    assert (body["unit"], body["qualifier"], body["stated_as"]) == (
        "units",
        "at_least",
        "5억 대 이상",
    )
    assert body["speaker"] == {
        "id": "jo-joo-wan",
        "name": "조주완",
        "name_en": "Cho Joo-wan",
        "kind": "person",
        "role": "CEO",
        "role_en": None,
        "organization_id": "lg-electronics",
        "organization": "LG전자",
        "organization_en": "LG Electronics",
    }
    assert body["document"]["url"] is None
    assert body["document"]["published"] == "2024-02-28"
    source = body["source"]
    assert text[source["start"] : source["end"]] == "5억 대 이상"
    assert text[source["sentence_start"] : source["sentence_end"]] == source["sentence"]
    assert source["sentence"].startswith("조 사장은") and source["sentence"].endswith("강조했다.")
    quote = source["selectors"]["TextQuoteSelector"]
    position = source["selectors"]["TextPositionSelector"]
    assert text.count(quote["prefix"] + quote["exact"] + quote["suffix"]) == 1
    assert (position["start"], position["end"]) == (source["start"], source["end"])
    assert body["links"]["self"] == "/v1/claims/3"
    assert body["links"]["speaker"] == "/v1/speakers/jo-joo-wan"


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: str(c["id"]))
def test_every_fixture_claim_is_served_exactly(client, claim):
    body = client.get(f"/v1/claims/{claim['id']}").json
    for name in ("value", "unit", "kind", "qualifier", "stated_as", "attribution", "subject"):
        assert body[name] == claim[name], name
    assert (body["speaker"] or {}).get("id") == claim["speaker"]
    assert (body["source"]["start"], body["source"]["end"]) == (claim["start"], claim["end"])


def test_restatement_is_linked_both_ways(client):
    won = client.get("/v1/claims/9").json
    dollars = client.get("/v1/claims/8").json
    assert won["restates"] == 8 and dollars["restated_by"] == [9]
    assert won["value"] == 49_000_000_000_000


def test_korean_is_not_escaped(client):
    raw = client.get("/v1/claims/3").get_data()
    assert "조주완".encode() in raw
    assert b"\\u" not in raw


def test_hidden_statuses_need_asking(client):
    with database.connection_context():
        from schema.models import Claim

        Claim.update(status="candidate").where(Claim.id == 10).execute()
    assert 10 not in ids(client.get("/v1/claims"))
    assert ids(client.get("/v1/claims?status=candidate")) == [10]
    assert 10 in ids(client.get("/v1/claims?status=all"))
    assert client.get("/v1/claims/10").json["status"] == "candidate"


def test_query_values_keep_webargs_semantics(client):
    # A single-valued filter given twice is refused, naming it: which one was meant?
    twice = client.get("/v1/claims?unit=units&unit=USD")
    assert twice.status_code == 400
    assert twice.json["errors"] == {"unit": ["Give this parameter once; it was given 2 times."]}
    # A list-valued one keeps every value.
    facets = client.get("/v1/claims?facet=unit&facet=kind&limit=1").json["facets"]
    assert set(facets) == {"unit", "kind"}
