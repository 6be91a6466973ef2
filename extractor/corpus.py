"""Labelled sets of articles: read them, and check them against the labelling guide.

`python -m extractor.corpus check DIR [DIR ...]` reports every problem a program can
find in a labelled set (see `extractor/LABELLING.md`): offsets that do not hold the
quote, terms outside the vocabulary, a kind that disagrees with its unit, unknown
speakers, categories and restatements, ranges whose two ends do not share a span. It
never runs the extractor, so the people who label a held-out set can use it without
seeing how claims are extracted.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from extractor.lexicon_en import PRE_QUALIFIERS
from extractor.vocabulary import ATTRIBUTIONS, QUALIFIERS, SPEAKER_KINDS, UNIT_KINDS

# The categories of LABELLING.md section 8: what a gold claim exercises ...
CLAIM_TAGS = (
    "headline_claim",
    "quote_continuation",
    "title_apposition",
    "organization_speaker",
    "pronoun_speaker",
    "multiword_organization",
    "compound_number",
    "compound_duration",
    "anniversary",
    "age",
    "local_unit",
    "range",
    "scale_syllable_counter",
    "word_number",
    "comparative_qualifier",
    "unit_carryover",
    "multiple",
    "percent_spelling",
    "currency_subunit",
    "year_claim",
    "restatement",
)
# ... and what a number that is not a claim is.
NON_CLAIM_CATEGORIES = (
    "headline_restatement",
    "dateline",
    "caption",
    "byline",
    "year_label",
    "age_band",
    "apposition_age",
    "vague_amount",
    "name_or_identifier",
    "bare_date",
    "rank_or_ordinal",
    "time_or_score",
    "identifying_count",
)
DOCUMENT_FIELDS = ("id", "title", "published", "language", "text_file")
CLAIM_FIELDS = (
    "id",
    "document",
    "speaker",
    "attribution",
    "value",
    "unit",
    "kind",
    "qualifier",
    "stated_as",
    "start",
    "end",
)


@dataclass
class LabelledSet:
    """A labelled set read from its directory: texts by document id, and the records."""

    directory: Path
    documents: list[dict]
    texts: dict[str, str]
    speakers: dict[str, dict]
    claims: list[dict]
    non_claims: list[dict] = field(default_factory=list)

    def claims_of(self, document_id: str) -> list[dict]:
        """The gold claims of one document, in file order."""
        return [c for c in self.claims if c["document"] == document_id]

    def non_claims_of(self, document_id: str) -> list[dict]:
        """The labelled non-claims of one document."""
        return [n for n in self.non_claims if n["document"] == document_id]


def read_text(path: Path) -> str:
    """A text exactly as stored: no newline translation, so offsets hold."""
    return path.read_bytes().decode("utf-8")


def _records(path: Path, required: bool = True) -> list:
    if not path.is_file():
        if required:
            raise FileNotFoundError(f"{path} is missing")
        return []
    records = json.loads(read_text(path))
    if not isinstance(records, list):
        raise ValueError(f"{path.name} must hold a JSON array")
    return records


def read_set(directory: Path) -> LabelledSet:
    """Read a labelled set; raises on files that are missing or not JSON arrays."""
    documents = _records(directory / "documents.json")
    texts = {}
    for document in documents:
        name = document.get("text_file")
        if isinstance(name, str) and (directory / name).is_file():
            texts[document.get("id")] = read_text(directory / name)
    speakers = {s.get("id"): s for s in _records(directory / "speakers.json")}
    return LabelledSet(
        directory=directory,
        documents=documents,
        texts=texts,
        speakers=speakers,
        claims=_records(directory / "claims.json"),
        non_claims=_records(directory / "non_claims.json", required=False),
    )


def _decimal(value) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def check_set(labelled: LabelledSet) -> list[str]:
    """Every problem found in a labelled set, one line each (empty when it is clean)."""
    problems: list[str] = []
    documents = {}
    for document in labelled.documents:
        where = f"documents.json {document.get('id')!r}"
        problems += [f"{where}: no {name}" for name in DOCUMENT_FIELDS if not document.get(name)]
        text = labelled.texts.get(document.get("id"))
        if text is None:
            problems.append(f"{where}: text file {document.get('text_file')!r} not found")
            continue
        if "\r" in text:
            problems.append(f"{where}: the text has \\r line ends")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if document.get("text_sha256") != digest:
            problems.append(f"{where}: text_sha256 should be {digest}")
        if document.get("id") in documents:
            problems.append(f"{where}: duplicate id")
        documents[document.get("id")] = text
    for speaker_id, speaker in labelled.speakers.items():
        where = f"speakers.json {speaker_id!r}"
        if not speaker.get("name"):
            problems.append(f"{where}: no name")
        if speaker.get("kind") not in SPEAKER_KINDS:
            problems.append(f"{where}: kind must be one of {sorted(SPEAKER_KINDS)}")
    problems += _check_claims(labelled, documents)
    problems += _check_non_claims(labelled, documents)
    return problems


def _check_claims(labelled: LabelledSet, documents: dict[str, str]) -> list[str]:
    problems = []
    by_id = {}
    for claim in labelled.claims:
        where = f"claims.json id {claim.get('id')!r}"
        missing = [name for name in CLAIM_FIELDS if name not in claim]
        if missing:
            problems.append(f"{where}: missing {', '.join(missing)}")
            continue
        if not isinstance(claim["id"], int) or claim["id"] < 1 or claim["id"] in by_id:
            problems.append(f"{where}: id must be a positive integer, unique in the set")
        by_id[claim["id"]] = claim
        text = documents.get(claim["document"])
        if text is None:
            problems.append(f"{where}: no document {claim['document']!r}")
        elif not (0 <= claim["start"] < claim["end"] <= len(text)):
            problems.append(f"{where}: offsets {claim['start']}–{claim['end']} outside the text")
        elif text[claim["start"] : claim["end"]] != claim["stated_as"]:
            found = text[claim["start"] : claim["end"]]
            at = text.find(claim["stated_as"])
            hint = f" (first occurs at {at})" if at >= 0 else " (not in the text)"
            problems.append(f"{where}: text there is {found!r}, not {claim['stated_as']!r}{hint}")
        if claim["speaker"] is not None and claim["speaker"] not in labelled.speakers:
            problems.append(f"{where}: no speaker {claim['speaker']!r} in speakers.json")
        if claim["attribution"] == "narration" and claim["speaker"] is not None:
            problems.append(f"{where}: narration has no speaker")
        if claim["attribution"] == "according_to" and claim["speaker"] is None:
            problems.append(f"{where}: according_to names its source")
        if claim["attribution"] not in ATTRIBUTIONS:
            problems.append(f"{where}: attribution must be one of {sorted(ATTRIBUTIONS)}")
        if claim["qualifier"] not in QUALIFIERS:
            problems.append(f"{where}: qualifier must be one of {sorted(QUALIFIERS)}")
        if claim["unit"] not in UNIT_KINDS:
            problems.append(f"{where}: unit {claim['unit']!r} is not in the vocabulary")
        elif claim["kind"] != UNIT_KINDS[claim["unit"]]:
            problems.append(f"{where}: kind of {claim['unit']} is {UNIT_KINDS[claim['unit']]}")
        if _decimal(claim["value"]) is None:
            problems.append(f"{where}: value must be an integer or a decimal string")
        for tag in claim.get("tags", []):
            if tag not in CLAIM_TAGS:
                problems.append(f"{where}: unknown tag {tag!r}")
        word = _qualifier_left_out(claim, text)
        if word:
            problems.append(f"{where}: {word!r} gives the qualifier, so it belongs in the span")
    for claim in labelled.claims:
        target = by_id.get(claim.get("restates")) if claim.get("restates") is not None else None
        if claim.get("restates") is not None and (
            target is None or target["document"] != claim["document"]
        ):
            problems.append(f"claims.json id {claim['id']!r}: restates no claim of its document")
    problems += _check_ranges(labelled.claims)
    return problems


# An English qualifier word right before a span (LABELLING.md section 5: the span runs from
# the qualifier words); a range's "between" is read apart.
_QUALIFIER_BEFORE = re.compile(
    r"(?:^|[\s(“\"'])("
    + "|".join(re.escape(w) for w in sorted(PRE_QUALIFIERS, key=len, reverse=True)
               if PRE_QUALIFIERS[w] != "range")
    + r")[ \u00a0]$",
    re.IGNORECASE,
)  # fmt: skip


def _qualifier_left_out(claim: dict, text: str | None) -> str | None:
    """The qualifier word just before the span that gives the claim its qualifier, if any."""
    if text is None or claim.get("qualifier") in (None, "exact"):
        return None
    before = _QUALIFIER_BEFORE.search(text, max(0, claim["start"] - 25), claim["start"])
    if before and PRE_QUALIFIERS[before[1].lower()] == claim["qualifier"]:
        return before[1]
    return None


def _check_ranges(claims: list[dict]) -> list[str]:
    """The two ends of a range share one span: low `at_least`, high `at_most`."""
    problems = []
    spans: dict[tuple, list[dict]] = {}
    for claim in claims:
        if "range" in claim.get("tags", []):
            spans.setdefault((claim["document"], claim["start"], claim["end"]), []).append(claim)
    for (document, start, end), ends in spans.items():
        qualifiers = sorted(c["qualifier"] for c in ends)
        if qualifiers != ["at_least", "at_most"]:
            problems.append(
                f"claims.json {document} {start}–{end}: a range is two claims on one span, "
                f"at_least and at_most (found {qualifiers})"
            )
        elif _decimal(ends[0]["value"]) is not None and _decimal(ends[1]["value"]) is not None:
            low = next(c for c in ends if c["qualifier"] == "at_least")
            high = next(c for c in ends if c["qualifier"] == "at_most")
            if _decimal(low["value"]) > _decimal(high["value"]):
                problems.append(f"claims.json {document} {start}–{end}: low end above high end")
    return problems


def _check_non_claims(labelled: LabelledSet, documents: dict[str, str]) -> list[str]:
    problems = []
    for index, item in enumerate(labelled.non_claims):
        where = f"non_claims.json #{index}"
        if item.get("category") not in NON_CLAIM_CATEGORIES:
            problems.append(f"{where}: category must be one of {list(NON_CLAIM_CATEGORIES)}")
        text = documents.get(item.get("document"))
        start, end = item.get("start"), item.get("end")
        if text is None:
            problems.append(f"{where}: no document {item.get('document')!r}")
        elif not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end:
            problems.append(f"{where}: start and end must be offsets")
        elif text[start:end] != item.get("stated_as"):
            problems.append(f"{where}: text there is {text[start:end]!r}")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Check labelled sets; exit 1 when any has a problem."""
    parser = argparse.ArgumentParser(prog="python -m extractor.corpus", description=__doc__)
    parser.add_argument("command", choices=["check"])
    parser.add_argument("directories", nargs="+", type=Path)
    args = parser.parse_args(argv)
    failed = False
    for directory in args.directories:
        try:
            labelled = read_set(directory)
        except (OSError, ValueError) as error:
            print(f"{directory}: {error}")
            failed = True
            continue
        problems = check_set(labelled)
        for problem in problems:
            print(f"{directory}: {problem}")
        print(
            f"{directory}: {len(labelled.documents)} documents, {len(labelled.claims)} claims, "
            f"{len(labelled.non_claims)} non-claims, {len(problems)} problems"
        )
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
