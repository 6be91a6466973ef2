"""extract_claims end to end: the seed article's gold, offsets, JSON shape, evaluation."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from extractor import evaluate
from extractor.corpus import read_set
from extractor.extract import Candidate, detect_language, extract_claims, stated_values
from extractor.morphology import kiwi
from extractor.vocabulary import ATTRIBUTIONS, KINDS, QUALIFIERS, UNITS

ROOT = Path(__file__).parents[2]
FIXTURES = ROOT / "fixtures"
PACKAGE = ROOT / "extractor"


def seed() -> tuple[str, list[dict], dict]:
    """The seed article's text, gold claims and speakers."""
    document = json.loads((FIXTURES / "documents.json").read_text(encoding="utf-8"))[0]
    text = (FIXTURES / document["text_file"]).read_bytes().decode("utf-8")
    claims = json.loads((FIXTURES / "claims.json").read_text(encoding="utf-8"))
    speakers = {s["id"]: s for s in json.loads((FIXTURES / "speakers.json").read_text("utf-8"))}
    return text, [c for c in claims if c["document"] == document["id"]], speakers


def test_seed_article_matches_gold_exactly():
    """Every gold claim of the seed, with value, unit, qualifier and speaker, and nothing else."""
    text, gold, speakers = seed()
    candidates = extract_claims(text, "ko")
    assert len(candidates) == len(gold)
    for claim, candidate in zip(gold, candidates, strict=True):
        assert (candidate.start, candidate.end) == (claim["start"], claim["end"])
        assert candidate.stated_as == claim["stated_as"]
        assert candidate.value == claim["value"]
        assert (candidate.unit, candidate.kind) == (claim["unit"], claim["kind"])
        assert candidate.qualifier == claim["qualifier"]
        assert candidate.attribution == claim["attribution"]
        expected = speakers[claim["speaker"]]["name"] if claim["speaker"] else None
        assert (candidate.speaker.name if candidate.speaker else None) == expected


def test_seed_speakers_carry_role_and_organisation():
    """Short forms in the seed resolve to the full introductions."""
    text, _, speakers = seed()
    by_span = {c.stated_as: c.speaker for c in extract_claims(text)}
    park = speakers["park-hyoung-sei"]
    assert by_span["3500개 이상"].role == park["role"]
    assert by_span["3500개 이상"].organization == park["organization"]
    assert by_span["약 49조원"].kind == "organization"


def test_seed_restatement_points_to_the_dollar_amount():
    """The won conversion restates the dollar figure and shares its speaker."""
    text, _, _ = seed()
    candidates = extract_claims(text)
    converted = next(c for c in candidates if c.unit == "KRW")
    original = candidates[converted.restates]
    assert original.unit == "USD"
    assert original.speaker == converted.speaker


@pytest.mark.parametrize("language", ["ko", "auto"])
def test_offsets_and_vocabulary_hold_for_every_candidate(language):
    """text[start:end] is stated_as, inside its sentence, and every term is controlled."""
    text, _, _ = seed()
    for candidate in extract_claims(text, language):
        assert text[candidate.start : candidate.end] == candidate.stated_as
        assert candidate.sentence_start <= candidate.start < candidate.end
        assert candidate.end <= candidate.sentence_end
        assert candidate.unit in UNITS
        assert candidate.kind in KINDS
        assert candidate.qualifier in QUALIFIERS
        assert candidate.attribution in ATTRIBUTIONS
        assert 0 <= candidate.confidence <= 1


def test_every_stated_as_reads_back_to_its_value():
    """read_quantity agrees with the extractor on every candidate of both corpora."""
    texts = [seed()[0]]
    for directory in (*evaluate.SETS["legacy"], *evaluate.SETS["dev"]):
        if (directory / "documents.json").is_file():
            texts += read_set(directory).texts.values()
    for text in texts:
        for candidate in extract_claims(text):
            assert candidate.value in stated_values(candidate.stated_as), candidate.stated_as


def test_to_dict_is_json_ready():
    """Integers stay int, decimals become strings, speakers become dicts."""
    candidates = extract_claims("“Sales rose 12.5% to $3 billion,” said Jane Doe, Acme's CEO.")
    dumped = [candidate.to_dict() for candidate in candidates]
    assert json.loads(json.dumps(dumped)) == dumped
    assert dumped[0]["value"] == "12.5"
    assert dumped[1]["value"] == 3_000_000_000
    assert dumped[0]["speaker"] == {
        "name": "Jane Doe", "role": "CEO", "organization": "Acme", "kind": "person"
    }  # fmt: skip
    assert Decimal(dumped[0]["value"]) == candidates[0].value


def test_candidate_is_frozen():
    """Candidates are values."""
    [candidate] = extract_claims("매출은 5조원이다.")
    with pytest.raises(AttributeError):
        candidate.value = 1
    assert isinstance(candidate, Candidate)


@pytest.mark.parametrize(
    ("text", "language"),
    [("매출은 5조원이다.", "ko"), ("Sales were $5 billion.", "en"),
     ("LG전자 CEO는 AI 협력을 말했다.", "ko"), ("", "en")],
)  # fmt: skip
def test_detect_language(text, language):
    """Hangul decides Korean; anything else is read as English."""
    assert detect_language(text) == language


def test_unknown_language_is_refused():
    """Only Korean and English are supported."""
    with pytest.raises(ValueError, match="unsupported language"):
        extract_claims("text", language="fr")


def test_empty_and_numberless_texts():
    """No numbers, no candidates; blank text is fine."""
    assert extract_claims("") == []
    assert extract_claims("   \n\n") == []
    assert extract_claims("양사는 협력을 논의했다.") == []


def test_offsets_survive_crlf_and_no_break_space():
    """Offsets are code points of the text as given, whatever its line endings."""
    text = "첫 문단이다.\r\n\r\n조 사장은\u00a0“5억 대 이상 팔았다”라고 말했다."
    [candidate] = extract_claims(text)
    assert text[candidate.start : candidate.end] == "5억 대 이상"


def test_kiwi_is_loaded_once():
    """The analyser is cached per process."""
    assert kiwi() is kiwi()


def test_no_seed_specific_strings_in_code():
    """The extractor generalises: no seed names or figures appear in its code."""
    pattern = re.compile("|".join(["조주" + "완", "박형" + "세", "저커" + "버그", "5억 " + "대",
                                   "3500" + "개", "370" + "억"]))  # fmt: skip
    for path in PACKAGE.rglob("*.py"):
        assert not pattern.search(path.read_text(encoding="utf-8")), path


def test_no_framework_imports():
    """The package stays framework-free."""
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(?:from|import) (?:flask|peewee)\b", source, re.M), path


def test_evaluate_meets_targets_on_the_seed_and_legacy_sets(capsys):
    """The evaluation prints a table per directory and passes the given thresholds."""
    assert evaluate.main(["seed", "legacy", "--min-precision", "0.9", "--min-recall", "0.9"]) == 0
    out = capsys.readouterr().out
    assert "seed: fixtures" in out and "legacy: extractor/corpora/legacy/tuning" in out
    assert "Errors by category" in out


def test_evaluate_fails_an_impossible_threshold(capsys):
    """A threshold above what is reached gives a non-zero exit."""
    assert evaluate.main(["seed", "--min-precision", "1.01"]) == 1
    assert "precision" in capsys.readouterr().out


def test_evaluate_reports_a_missing_directory(tmp_path, capsys):
    """A fixtures directory without documents.json is a usage error."""
    assert evaluate.main([str(tmp_path)]) == 2
    assert "documents.json" in capsys.readouterr().err


def test_blind_set_meets_targets():
    """The blind set (written after the extractor, never tuned on first) stays above target."""
    rows = evaluate.evaluate_directory(evaluate.CORPORA / "legacy" / "blind-b")
    total = evaluate.total_of(rows)
    assert total.precision >= 0.9 and total.recall >= 0.9
    assert total.share(total.speaker) >= 0.8


@pytest.mark.parametrize(
    ("stated_as", "values"),
    [
        ("5억 대 이상", {500_000_000}),
        ("12조원", {12_000_000_000_000}),
        ("10만~20만 명", {100_000, 200_000}),
        ("more than $37 billion", {37_000_000_000}),
        ("3~4%", {3, 4}),
    ],
)
def test_a_span_states_only_its_own_values(stated_as, values):
    """A claim of 5 for "5억 대 이상" must fail the API's value check: no bare digits."""
    assert set(stated_values(stated_as)) == values
