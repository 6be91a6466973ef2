"""The hand-labelled seed article: every claim where the text says it is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.anchors import text_sha256
from extractor.vocabulary import ATTRIBUTIONS, KINDS, QUALIFIERS, UNITS
from tests.conftest import fixture_text, read_fixture

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_df4e0a6d31795b02.txt"
DOC = "joongang-2024-02-28-zuckerberg-seoul"
CLAIMS = read_fixture("claims.json")


def test_document_text_is_the_seed_file_verbatim():
    if not SEED.exists():
        pytest.skip("shared/seed is not beside this checkout")
    with SEED.open(encoding="utf-8", newline="") as handle:
        assert fixture_text(DOC) == handle.read()


def test_document_sha256_matches_text():
    doc = read_fixture("documents.json")[0]
    assert doc["text_sha256"] == text_sha256(fixture_text(DOC))
    assert doc["url"] is None, "the article's URL is unknown and must not be invented"


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: f"{c['id']}-{c['stated_as']}")
def test_claim_offsets_and_vocabulary(claim):
    text = fixture_text(claim["document"])
    assert text[claim["start"] : claim["end"]] == claim["stated_as"]
    assert claim["unit"] in UNITS
    assert claim["kind"] in KINDS
    assert claim["qualifier"] in QUALIFIERS
    assert claim["attribution"] in ATTRIBUTIONS
    assert (claim["speaker"] is None) == (claim["attribution"] == "narration")


@pytest.mark.parametrize(
    ("stated_as", "value", "unit", "qualifier", "speaker"),
    [
        ("5억 대 이상", 500_000_000, "units", "at_least", "jo-joo-wan"),
        ("2억 대 이상", 200_000_000, "units", "at_least", "park-hyoung-sei"),
        ("3500개 이상", 3500, "companies", "at_least", "park-hyoung-sei"),
        ("370억 달러", 37_000_000_000, "USD", "exact", "meta"),
        ("약 49조원", 49_000_000_000_000, "KRW", "approx", "meta"),
        ("10년 만에", 10, "years", "exact", None),
        ("2016년부터", 2016, "year", "since", None),
        ("2014년부터", 2014, "year", "since", None),
        ("2025년", 2025, "year", "exact", None),
        ("7개 사", 7, "companies", "exact", None),
    ],
)
def test_every_quantitative_claim_is_labelled(stated_as, value, unit, qualifier, speaker):
    (claim,) = [c for c in CLAIMS if c["stated_as"] == stated_as]
    assert (claim["value"], claim["unit"], claim["qualifier"], claim["speaker"]) == (
        value,
        unit,
        qualifier,
        speaker,
    )


def test_no_bare_dates_or_product_names():
    for claim in CLAIMS:
        assert not re.fullmatch(r"\d{1,2}일", claim["stated_as"])
        assert not re.search(r"[가-힣A-Za-z]\d", claim["stated_as"]), claim


def test_won_conversion_is_linked_to_the_dollar_figure():
    won = next(c for c in CLAIMS if c["unit"] == "KRW")
    dollars = next(c for c in CLAIMS if c["id"] == won["restates"])
    assert dollars["unit"] == "USD"
    assert dollars["end"] < won["start"]


def test_speakers_have_the_short_forms_the_text_uses():
    text = fixture_text(DOC)
    speakers = {s["id"]: s for s in read_fixture("speakers.json")}
    for speaker_id in ("jo-joo-wan", "park-hyoung-sei"):
        short_forms = [a for a in speakers[speaker_id]["aliases"] if a in text]
        assert short_forms, speaker_id
