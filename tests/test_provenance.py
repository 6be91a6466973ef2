"""Citations in every format, verification of anchors, and exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from schema.db import database
from schema.models import Claim
from tests.conftest import fixture_text

TODAY = dt.date.today()


def cite(client, claim_id: int, fmt: str, lang: str = "ko"):
    """A citation response, asserting success."""
    response = client.get(f"/v1/claims/{claim_id}/citation?format={fmt}&lang={lang}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response


def test_text_citation_korean(client):
    text = cite(client, 3, "text").get_data(as_text=True)
    assert text.startswith("조주완 LG전자 CEO는 “메타의 AI 언어모델과 전 세계 5억 대 이상")
    assert "”이라고 말했다(중앙일보, 2024-02-28)." in text
    assert "「AI 퍼즐 찾으러 온 저커버그" in text
    assert "http://localhost/v1/claims/3" in text
    assert f"{TODAY.year}년 {TODAY.month}월 {TODAY.day}일 접속" in text
    assert "None" not in text, "a missing URL must not print as None"


def test_text_citation_english(client):
    text = cite(client, 6, "text", "en").get_data(as_text=True)
    assert text.startswith(
        "Park Hyoung-sei, head of the Home Entertainment (TV) business of LG Electronics, "
        "said “LG전자가 2억 대 이상 TV를"
    )
    assert "(JoongAng Ilbo, 28 Feb 2024)" in text and "accessed" in text


def test_narration_is_cited_as_the_outlet(client):
    assert cite(client, 10, "text").get_data(as_text=True).startswith("중앙일보는 “한편, 저커버그")
    english = cite(client, 10, "text", "en").get_data(as_text=True)
    assert english.startswith("JoongAng Ilbo reported: “한편, 저커버그")


def test_markdown_marks_the_number(client):
    response = cite(client, 7, "markdown")
    assert response.mimetype == "text/markdown"
    text = response.get_data(as_text=True)
    assert "**3500개 이상**" in text
    assert "<http://localhost/v1/claims/7>" in text


def test_csl_json_item(client):
    response = cite(client, 3, "csl-json")
    (item,) = json.loads(response.get_data())
    # CSL-JSON requires id and type; the rest is what Zotero and pandoc read.
    assert item["id"] == "claim-3"
    assert item["type"] == "article-newspaper"
    assert item["title"].startswith("AI 퍼즐")
    assert item["container-title"] == "중앙일보"
    assert item["issued"] == {"date-parts": [[2024, 2, 28]]}
    assert item["accessed"] == {"date-parts": [[TODAY.year, TODAY.month, TODAY.day]]}
    assert item["author"] == [{"literal": "김주원"}]
    assert "URL" not in item, "no URL is invented"
    assert "5억 대 이상" in item["note"]


def test_web_annotation(client):
    response = cite(client, 3, "annotation")
    assert response.mimetype == "application/ld+json"
    note = json.loads(response.get_data())
    # The W3C Web Annotation model requires @context, id, type and target.
    assert note["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert note["type"] == "Annotation"
    assert note["id"].startswith("http://localhost/v1/claims/3")
    assert note["created"].endswith("+00:00")
    target = note["target"]
    assert target["source"] == "http://localhost/v1/documents/joongang-2024-02-28-zuckerberg-seoul"
    quote, position = target["selector"]
    text = fixture_text("joongang-2024-02-28-zuckerberg-seoul")
    assert quote["type"] == "TextQuoteSelector" and quote["exact"] == "5억 대 이상"
    assert text.count(quote["prefix"] + quote["exact"] + quote["suffix"]) == 1
    assert position == {"type": "TextPositionSelector", "start": 1127, "end": 1134}
    assert text[position["start"] : position["end"]] == quote["exact"]


def test_schema_org_claim(client):
    claim = json.loads(cite(client, 3, "jsonld").get_data())
    assert claim["@context"] == "https://schema.org" and claim["@type"] == "Claim"
    assert claim["author"] == {
        "@type": "Person",
        "name": "조주완",
        "jobTitle": "CEO",
        "worksFor": {"@type": "Organization", "name": "LG전자"},
    }
    assert claim["appearance"]["@type"] == "Quotation"
    assert claim["appearance"]["creator"] == claim["author"], "the CEO's own words"
    article = claim["appearance"]["isPartOf"]
    assert article["@type"] == "NewsArticle" and article["datePublished"] == "2024-02-28"
    assert claim["datePublished"] == "2024-02-28"
    assert "5억 대 이상" in claim["text"] and "조 사장은" not in claim["text"]
    organization = json.loads(cite(client, 8, "jsonld").get_data())
    assert organization["author"] == {"@type": "Organization", "name": "메타"}


@pytest.mark.parametrize(
    ("query", "field"), [("format=bibtex", "format"), ("lang=fr", "lang"), ("style=apa", "style")]
)
def test_unknown_citation_options_name_the_accepted_values(client, query, field):
    response = client.get(f"/v1/claims/3/citation?{query}")
    assert response.status_code == 400
    assert field in response.json["errors"]
    if field == "format":
        assert "csl-json" in response.json["errors"]["format"][0]


def test_citation_of_unknown_claim_is_404(client):
    assert client.get("/v1/claims/12345/citation").status_code == 404


# --- verification --------------------------------------------------------------------


def test_every_seed_claim_is_anchored(client):
    body = client.get("/v1/documents/joongang-2024-02-28-zuckerberg-seoul/verify").json
    assert body["states"] == {"anchored": 10}
    assert all(report["ok"] for report in body["data"])


def tamper(claim_id: int, **columns) -> None:
    """Change stored columns behind the API's back, as corruption would."""
    with database.connection_context():
        Claim.update(**columns).where(Claim.id == claim_id).execute()


def test_verify_detects_a_shifted_offset(client):
    tamper(3, start=1128, end=1135)
    report = client.get("/v1/claims/3/verify").json
    assert report["state"] == "ambiguous"
    assert report["checks"]["position"]["ok"] is False
    assert report["checks"]["quote"]["occurrences"] == [1127]
    assert any("1128" in reason for reason in report["reasons"])


def test_verify_orphans_a_quote_that_is_not_there(client):
    tamper(3, stated_as="6억 대 이상")
    report = client.get("/v1/claims/3/verify").json
    assert report["state"] == "orphaned"
    assert report["ok"] is False
    assert report["checks"]["quote"]["count"] == 0


def test_verify_catches_a_value_the_quote_does_not_state(client):
    tamper(6, value=300_000_000)
    report = client.get("/v1/claims/6/verify").json
    assert report["state"] == "anchored" and report["ok"] is False
    value = report["checks"]["value"]
    assert value["stored"] == 300_000_000 and value["ok"] is False
    assert 200_000_000 in value["stated"] and 300_000_000 not in value["stated"]


def test_verify_catches_an_ambiguous_selector(client):
    tamper(3, quote_prefix="", quote_suffix="")
    with database.connection_context():
        Claim.update(stated_as="이상", start=1132, end=1134).where(Claim.id == 3).execute()
    report = client.get("/v1/claims/3/verify").json
    assert report["state"] == "ambiguous"
    assert report["checks"]["quote"]["count"] == 3


def test_verify_detects_a_changed_text(client):
    with database.connection_context():
        database.execute_sql("UPDATE document SET text = text || '!'")
    report = client.get("/v1/claims/3/verify").json
    assert report["state"] == "orphaned"
    assert report["checks"]["text_sha256"]["ok"] is False


# --- exports -------------------------------------------------------------------------


def test_csv_export_matches_the_json_list(client):
    response = client.get("/v1/claims?unit=units&format=csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [int(r["id"]) for r in rows] == [3, 6]
    assert rows[0]["stated_as"] == "5억 대 이상" and rows[0]["value"] == "500000000"
    assert rows[0]["speaker_name"] == "조주완" and rows[0]["url"] == ""


def test_accept_header_selects_csv(client):
    response = client.get("/v1/claims?speaker=meta", headers={"Accept": "text/csv"})
    assert response.mimetype == "text/csv"
    assert len(response.get_data(as_text=True).strip().splitlines()) == 3


def test_ndjson_export_streams_every_claim_in_batches(client, monkeypatch):
    from core import exports

    monkeypatch.setattr(exports, "BATCH", 3)
    response = client.get("/v1/claims?format=ndjson&limit=1")
    assert response.mimetype == "application/x-ndjson"
    assert response.is_streamed
    lines = response.get_data(as_text=True).splitlines()
    claims = [json.loads(line) for line in lines]
    assert [c["id"] for c in claims] == list(range(1, 11))
    assert claims[8]["restates"] == 8 and claims[7]["restated_by"] == [9]


def test_csv_cells_cannot_become_formulas(client):
    tamper(1, subject='=HYPERLINK("http://evil")')
    rows = list(csv.reader(io.StringIO(client.get("/v1/claims?format=csv").get_data(as_text=True))))
    assert rows[1][7] == '\'=HYPERLINK("http://evil")'


def test_csv_names_its_charset_once(client):
    response = client.get("/v1/claims?format=csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"


def test_the_root_is_the_search_page_and_points_to_the_docs(client):
    response = client.get("/")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert 'href="/docs"' in response.get_data(as_text=True)
    assert client.get("/docs").status_code == 200
