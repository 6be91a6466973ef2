"""A direct quote's own words and the extractor's evidence: one definition on every path.

The speaker's words (`source.quote`) are the inside of the quotation marks around
the number, found by `extractor.quotes.quoted_words` whether a person posts the
claim, a fixture seeds it, an import loads it or the extractor finds it; they
are verified like `stated_as`. Extracted claims also show the rule and the
speaker mention that attributed them (`attribution_evidence`).
"""

from __future__ import annotations

import pytest

from core import bulk_import
from extractor.quotes import quoted_words
from schema.db import database
from schema.models import Claim
from tests.conftest import AUTH, fixture_text

DOC = "joongang-2024-02-28-zuckerberg-seoul"
# Our own article: a quote that runs over two paragraphs, a range, a reporter's line.
TEXT = (
    "서다온 누리제약 대표는 기자들에게 “올해 신약 임상에 3~4%의 매출을 더 쓰겠다.\n\n"
    "“그리고 공장 두 곳에 모두 800억원을 들일 계획이다”라고 말했다.\n\n"
    "누리제약의 직원은 1200명이다."
)


@pytest.fixture
def article(client) -> str:
    body = {"id": "nuri", "title": "누리제약 투자", "published": "2024-04-01", "language": "ko",
            "text": TEXT}  # fmt: skip
    assert client.post("/v1/documents", json=body, headers=AUTH).status_code == 201
    speaker = {"id": "seo-da-on", "name": "서다온", "kind": "person", "role": "대표",
               "organization": "누리제약"}  # fmt: skip
    assert client.post("/v1/speakers", json=speaker, headers=AUTH).status_code == 201
    return "nuri"


def claim_body(stated: str, value, unit: str, **more) -> dict:
    return {"document": "nuri", "stated_as": stated, "value": value, "unit": unit,
            "kind": "money" if unit == "KRW" else "percent", "attribution": "direct_quote",
            "speaker": "seo-da-on", **more}  # fmt: skip


def test_a_posted_direct_quote_records_the_speakers_words(client, article):
    response = client.post("/v1/claims", json=claim_body("800억원", 80_000_000_000, "KRW"),
                           headers=AUTH)  # fmt: skip
    assert response.status_code == 201, response.json
    quote = response.json["source"]["quote"]
    assert quote["exact"] == "그리고 공장 두 곳에 모두 800억원을 들일 계획이다"
    assert TEXT[quote["start"] : quote["end"]] == quote["exact"]
    assert response.json["attribution_evidence"] is None, "a person attributed it"
    report = client.get(f"/v1/claims/{response.json['id']}/verify").json
    assert report["ok"] and report["checks"]["speaker_words"]["ok"]


def test_a_quote_over_two_paragraphs_gives_each_paragraphs_words(client, article):
    # The first paragraph's quote never closes: it runs to the paragraph's end.
    response = client.post("/v1/claims", json=claim_body("3~4%", 3, "percent",
                           qualifier="at_least"), headers=AUTH)  # fmt: skip
    assert response.status_code == 201, response.json
    assert response.json["source"]["quote"]["exact"] == "올해 신약 임상에 3~4%의 매출을 더 쓰겠다."


def test_a_ranges_high_end_is_a_second_claim_on_the_span(client, article):
    low = claim_body("3~4%", 3, "percent", qualifier="at_least")
    high = claim_body("3~4%", 4, "percent", qualifier="at_most")
    made = [client.post("/v1/claims", json=body, headers=AUTH) for body in (low, high)]
    assert [r.status_code for r in made] == [201, 201], made[1].json
    for response in made:
        report = client.get(f"/v1/claims/{response.json['id']}/verify").json
        assert report["ok"], report["reasons"]
        assert report["checks"]["value"]["stated"] == [3, 4]
    five = client.post("/v1/claims", json=claim_body("3~4%", 5, "percent"), headers=AUTH)
    assert five.status_code == 422 and "value" in five.json["errors"]


def test_a_direct_quote_outside_quotation_marks_is_refused(client, article):
    before = client.get("/v1/claims?count=true&status=all").json["count"]
    body = {**claim_body("1200명", 1200, "people"), "kind": "count"}
    response = client.post("/v1/claims", json=body, headers=AUTH)
    assert response.status_code == 422
    assert response.json["type"] == "/problems/claim-rejected"
    assert "quotation marks" in response.json["errors"]["attribution"][0]
    assert client.get("/v1/claims?count=true&status=all").json["count"] == before
    narration = {**body, "attribution": "narration", "speaker": None}
    stored = client.post("/v1/claims", json=narration, headers=AUTH)
    assert stored.status_code == 201 and stored.json["source"]["quote"] is None
    etag = stored.headers["ETag"]
    relabel = client.patch(f"/v1/claims/{stored.json['id']}",
                           json={"attribution": "direct_quote", "reason": "relabel"},
                           headers={**AUTH, "If-Match": etag})  # fmt: skip
    assert relabel.status_code == 422 and "attribution" in relabel.json["errors"]


def test_a_duplicate_of_an_active_claim_is_a_409_naming_it(client):
    claim = client.get("/v1/claims/6").json
    body = {"document": DOC, "stated_as": claim["stated_as"], "start": claim["source"]["start"],
            "end": claim["source"]["end"], "value": claim["value"], "unit": claim["unit"],
            "kind": claim["kind"], "attribution": "direct_quote",
            "speaker": "park-hyoung-sei"}  # fmt: skip
    before = client.get("/v1/claims?count=true&status=all").json["count"]
    response = client.post("/v1/claims", json=body, headers=AUTH)
    assert response.status_code == 409
    assert response.json["existing"] == "/v1/claims/6"
    assert client.get("/v1/claims?count=true&status=all").json["count"] == before
    client.delete("/v1/claims/6?reason=to%20be%20replaced", headers=AUTH)
    assert client.post("/v1/claims", json=body, headers=AUTH).status_code == 201


def test_seeded_direct_quotes_carry_the_speakers_words(client):
    text = fixture_text(DOC)
    for claim_id in (3, 6, 7):
        quote = client.get(f"/v1/claims/{claim_id}").json["source"]["quote"]
        assert text[quote["start"] : quote["end"]] == quote["exact"]
        assert "라고" not in quote["exact"] and "“" not in quote["exact"]
    assert client.get("/v1/claims/8").json["source"]["quote"] is None, "an indirect quote"


def test_an_import_records_the_same_words_as_the_api(client):
    text = fixture_text(DOC)
    claim = {"speaker": "jo-joo-wan", "attribution": "direct_quote", "value": 500000000,
             "unit": "units", "kind": "count", "qualifier": "at_least", "stated_as": "5억 대 이상",
             "start": 1127, "end": 1134}  # fmt: skip
    document = {"id": "copy", "title": "사본", "published": "2024-02-28", "language": "ko",
                "text": text}  # fmt: skip
    with database.connection_context():
        bulk_import.import_articles([{"document": document, "claims": [claim]}])
        stored = Claim.get(Claim.document == "copy")
    seeded = client.get("/v1/claims/3").json["source"]["quote"]
    assert (stored.quoted_start, stored.quoted_end, stored.quoted_words) == (
        seeded["start"], seeded["end"], seeded["exact"])  # fmt: skip


def test_verification_checks_the_speakers_words(client):
    with database.connection_context():
        Claim.update(quoted_words="다른 말").where(Claim.id == 3).execute()
        Claim.update(quoted_start=None, quoted_end=None, quoted_words=None).where(
            Claim.id == 6
        ).execute()
    moved = client.get("/v1/claims/3/verify").json
    assert moved["state"] == "orphaned" and moved["ok"] is False
    assert moved["checks"]["speaker_words"]["ok"] is False
    missing = client.get("/v1/claims/6/verify").json
    assert missing["state"] == "anchored" and missing["ok"] is False
    assert any("no quoted words" in reason for reason in missing["reasons"])
    assert client.get("/v1/claims/8/verify").json["checks"]["speaker_words"]["ok"] is True


# --- the extractor's evidence -----------------------------------------------------------------


def test_candidates_show_their_rule_mention_and_quoted_words(client):
    text = fixture_text(DOC)
    found = client.post("/v1/extract", json={"text": text, "language": "ko"}).json["data"]
    by_span = {(c["source"]["start"], c["source"]["end"]): c for c in found}
    ceo = by_span[(1127, 1134)]
    evidence = ceo["attribution_evidence"]
    assert evidence["rule"].startswith("quote")
    mention = evidence["mention"]
    assert text[mention["start"] : mention["end"]] == mention["exact"] == "조 사장"
    assert ceo["source"]["quote"] == client.get("/v1/claims/3").json["source"]["quote"]
    for candidate in found:
        words = candidate["source"]["quote"]
        if words is not None:  # the extractor's quote is the one pairing of quotation marks
            start, end = candidate["source"]["start"], candidate["source"]["end"]
            paired = quoted_words(text, start, end)
            assert (paired.inner_start, paired.inner_end) == (words["start"], words["end"])
    narration = by_span[(368, 374)]
    assert narration["attribution_evidence"]["mention"] is None


def test_a_restatement_names_its_candidate_by_position(client):
    text = "메타는 올해 370억 달러(약 49조원)를 설비에 투자한다고 밝혔다."
    found = client.post("/v1/extract", json={"text": text, "language": "ko"}).json["data"]
    first, second = found
    assert "restates" not in second
    assert second["restates_candidate"] == 0 and first["restates_candidate"] is None
    assert found[second["restates_candidate"]]["stated_as"] == "370억 달러"


def test_stored_candidates_keep_the_evidence_and_create_their_speakers(client):
    text = "신하람 가온전자 사장은 “올해 매장 120곳을 새로 연다”라고 말했다."
    body = {"title": "가온전자", "published": "2024-03-01", "language": "ko", "text": text,
            "extract": True}  # fmt: skip
    response = client.post("/v1/documents", json=body, headers=AUTH)
    assert response.status_code == 201 and response.json["candidates"] == 1
    (claim,) = client.get(f"/v1/documents/{response.json['id']}/claims?status=candidate").json[
        "data"
    ]
    assert claim["attribution_evidence"]["mention"]["exact"] == "신하람 가온전자 사장"
    assert claim["source"]["quote"]["exact"] == "올해 매장 120곳을 새로 연다"
    assert claim["speaker"]["name"] == "신하람" and claim["speaker"]["id"].startswith("speaker-")
    # A reviewer who changes the speaker replaces the extractor's reason with theirs.
    etag = client.get(f"/v1/claims/{claim['id']}").headers["ETag"]
    changed = client.patch(f"/v1/claims/{claim['id']}",
                           json={"speaker": None, "attribution": "narration",
                                 "reason": "the reporter's paraphrase"},
                           headers={**AUTH, "If-Match": etag})  # fmt: skip
    assert changed.status_code == 200, changed.json
    assert changed.json["attribution_evidence"] is None
    assert changed.json["source"]["quote"] is None
    history = client.get(f"/v1/claims/{claim['id']}/history").json["data"]
    assert history[0]["data"]["attribution_rule"] == claim["attribution_evidence"]["rule"]
