"""Bulk import of articles: checked, atomic, searchable, and the benchmark generator."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from api import bulk
from bench.generate import articles, make_speakers, store_speakers
from schema import search
from schema.db import database
from tests.test_seeding import table_digest

SPEAKERS = make_speakers(random.Random(3), people=8, organizations=3)


def write_articles(path: Path, items: list[dict]) -> Path:
    """A JSON Lines file of articles."""
    path.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in items), "utf-8")
    return path


@pytest.fixture
def generated(app) -> list[dict]:
    """Generated articles whose speakers are stored."""
    with database.connection_context():
        store_speakers(SPEAKERS)
    return list(articles(300, SPEAKERS, random.Random(5)))


def test_import_file_stores_every_claim_anchored(client, generated, tmp_path):
    with database.connection_context():
        report = bulk.import_file(write_articles(tmp_path / "a.jsonl", generated))
    assert report.claims == 300 and report.documents == len(generated)
    body = client.get("/v1/claims?count=true&limit=500&status=all").json
    assert body["count"] == 310
    for claim in body["data"][10:]:
        text = client.get(f"/v1/documents/{claim['document']['id']}").json["text"]
        assert text[claim["source"]["start"] : claim["source"]["end"]] == claim["stated_as"]
    verified = client.get(f"/v1/documents/{generated[0]['document']['id']}/verify").json
    assert set(verified["states"]) == {"anchored"}
    assert all(report["ok"] for report in verified["data"])


def test_imported_claims_are_searchable(client, generated):
    with database.connection_context():
        bulk.import_articles(generated)
    term = next(
        c["stated_as"] for a in generated for c in a["claims"] if c["unit"] == "USD"
    ).split()[0]
    found = client.get(f"/v1/claims?q={term}&limit=500").json["data"]
    assert found and all(term in c["source"]["sentence"] for c in found)


def bad_unit(items):
    items[3]["claims"][0]["unit"] = "gallons"


def bad_offsets(items):
    items[5]["claims"][0]["start"] += 1


def bad_speaker(items):
    items[2]["claims"][0]["speaker"] = "nobody"


def duplicate_document(items):
    items[4]["document"]["id"] = items[1]["document"]["id"]


def stored_document(items):
    items[0]["document"]["id"] = "joongang-2024-02-28-zuckerberg-seoul"


def bad_value(items):
    items[6]["claims"][0]["value"] = "lots"


@pytest.mark.parametrize(
    ("corrupt", "message"),
    [
        (bad_unit, "field unit"),
        (bad_offsets, "field stated_as"),
        (bad_speaker, "field speaker"),
        (duplicate_document, "appears twice"),
        (stored_document, "exists already"),
        (bad_value, "field value"),
    ],
)
@pytest.mark.parametrize("through_file", [False, True])
def test_a_bad_record_writes_nothing(generated, tmp_path, corrupt, message, through_file):
    corrupt(generated)
    with database.connection_context():
        before = table_digest()
        with pytest.raises(bulk.ImportRejected, match=message):
            if through_file:
                bulk.import_file(write_articles(tmp_path / "bad.jsonl", generated))
            else:
                bulk.import_articles(generated)
        assert table_digest() == before


def test_malformed_json_line_is_named(app, tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text("\n{not json\n", "utf-8")
    with database.connection_context(), pytest.raises(bulk.ImportRejected, match="line"):
        bulk.import_file(path)


def test_cli_import(runner, generated, tmp_path):
    path = write_articles(tmp_path / "a.jsonl", generated[:10])
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    assert f"imported 10 documents and {sum(len(a['claims']) for a in generated[:10])}" in (
        result.output
    )
    again = runner.invoke(args=["import", str(path)])
    assert again.exit_code == 1 and "nothing written" in again.output


@pytest.mark.parametrize(
    "text", ["CAPEX 설비투자 370억 달러.", "İstanbul ΣΊΣΥΦΟΣ", "a", "콘텐트 업체와 함께"]
)
def test_document_grams_equal_index_text(text):
    grams = search.DocumentGrams(text)
    for start in range(len(text)):
        for end in range(start + 1, len(text) + 1):
            for subject in (None, "", "LG전자 기기"):
                assert grams.index_text(start, end, subject) == search.index_text(
                    text[start:end], subject
                ), (start, end, subject)
