"""GET /v1/documents and their claims."""

from __future__ import annotations

from extractor.anchors import text_sha256
from tests.conftest import fixture_text

DOC = "joongang-2024-02-28-zuckerberg-seoul"


def test_list_leaves_out_the_text(client):
    body = client.get("/v1/documents").json
    assert [d["id"] for d in body["data"]] == [DOC]
    assert "text" not in body["data"][0]
    assert body["data"][0]["url"] is None
    assert body["next"] is None


def test_document_text_is_verbatim_with_its_hash(client):
    body = client.get(f"/v1/documents/{DOC}").json
    text = fixture_text(DOC)
    assert body["text"] == text
    assert "\u00a0" in body["text"], "the no-break space before a quote must survive"
    assert body["text_sha256"] == text_sha256(text)
    assert (body["outlet"], body["published"], body["language"]) == ("중앙일보", "2024-02-28", "ko")


def test_document_claims_take_the_claim_filters(client):
    body = client.get(f"/v1/documents/{DOC}/claims?unit=units&count=true").json
    assert [c["id"] for c in body["data"]] == [3, 6]
    assert body["count"] == 2


def test_documents_page_with_a_cursor(client):
    body = client.get("/v1/documents?limit=1").json
    assert body["next"] is None
