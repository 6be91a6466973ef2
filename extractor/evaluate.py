"""Score the extractor against hand-labelled gold claims.

`python -m extractor.evaluate [--fixtures DIR] [--corpus DIR] [--min-precision P]
[--min-recall R] [--details]` runs the extractor on every document of the seed
fixtures and of the held-out corpus in `extractor/eval_corpus/` (news-style
paragraphs written for this purpose, never used to write special cases) and
prints one table for each (`--corpus tests/extractor/data/blind` scores the
blind set, written after the extractor). A gold claim is found when an extracted candidate
has the same value, unit, start and end. Exit status 1 when a threshold is
given and a table misses it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from extractor.extract import Candidate, extract_claims

DEFAULT_FIXTURES = Path(__file__).parents[1] / "fixtures"
DEFAULT_CORPUS = Path(__file__).parent / "eval_corpus"


@dataclass
class Score:
    """Counts for one document or a whole set."""

    gold: int = 0
    extracted: int = 0
    matched: int = 0
    qualifier: int = 0
    speaker: int = 0
    attribution: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        """Accumulate another score into this one."""
        for name in ("gold", "extracted", "matched", "qualifier", "speaker", "attribution"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.problems.extend(other.problems)

    @property
    def precision(self) -> float:
        """Share of extracted candidates that are gold claims."""
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        """Share of gold claims that were extracted."""
        return self.matched / self.gold if self.gold else 1.0

    def share(self, count: int) -> float:
        """A count over the matched claims (1.0 when nothing matched)."""
        return count / self.matched if self.matched else 1.0


def read_text(path: Path) -> str:
    """A document's text exactly as stored: no newline translation, so offsets hold."""
    return path.read_bytes().decode("utf-8")


def _value(value: object) -> Decimal:
    """Gold and extracted values compared exactly, whatever their JSON type."""
    return Decimal(str(value))


def _speaker_names(speakers: dict, speaker_id: str | None) -> set[str | None]:
    """Every name a gold speaker may be extracted under."""
    if speaker_id is None:
        return {None}
    record = speakers[speaker_id]
    return {record["name"], *record.get("aliases", [])}


def score_document(
    text: str, gold: list[dict], speakers: dict, language: str, published: str | None
) -> Score:
    """Compare the extractor's candidates for one document with its gold claims."""
    date = datetime.date.fromisoformat(published) if published else None
    candidates = extract_claims(text, language=language, published=date)
    score = Score(gold=len(gold), extracted=len(candidates))
    by_key: dict[tuple, Candidate] = {
        (_value(c.value), c.unit, c.start, c.end): c for c in candidates
    }
    used: set[tuple] = set()
    for claim in gold:
        key = (_value(claim["value"]), claim["unit"], claim["start"], claim["end"])
        candidate = by_key.get(key)
        if candidate is None:
            score.problems.append(
                f"missed {claim['stated_as']!r} ({claim['value']} {claim['unit']})"
            )
            continue
        used.add(key)
        score.matched += 1
        score.qualifier += candidate.qualifier == claim["qualifier"]
        name = candidate.speaker.name if candidate.speaker else None
        if name in _speaker_names(speakers, claim["speaker"]):
            score.speaker += 1
        else:
            score.problems.append(
                f"speaker of {claim['stated_as']!r}: got {name!r}, gold {claim['speaker']!r}"
            )
        if candidate.attribution == claim["attribution"]:
            score.attribution += 1
        else:
            score.problems.append(
                f"attribution of {claim['stated_as']!r}: got {candidate.attribution}, "
                f"gold {claim['attribution']}"
            )
        if candidate.qualifier != claim["qualifier"]:
            score.problems.append(
                f"qualifier of {claim['stated_as']!r}: got {candidate.qualifier}, "
                f"gold {claim['qualifier']}"
            )
    for key, candidate in by_key.items():
        if key not in used:
            score.problems.append(
                f"false {candidate.stated_as!r} ({candidate.value} {candidate.unit})"
            )
    return score


def evaluate_directory(directory: Path) -> list[tuple[str, Score]]:
    """Score every document of a fixtures-shaped directory, in file order."""
    documents = json.loads(read_text(directory / "documents.json"))
    claims = json.loads(read_text(directory / "claims.json"))
    speakers = {s["id"]: s for s in json.loads(read_text(directory / "speakers.json"))}
    rows = []
    for document in documents:
        gold = [claim for claim in claims if claim["document"] == document["id"]]
        text = read_text(directory / document["text_file"])
        score = score_document(
            text, gold, speakers, document.get("language", "auto"), document.get("published")
        )
        rows.append((document["id"], score))
    return rows


def format_table(title: str, rows: list[tuple[str, Score]], details: bool = False) -> str:
    """A plain-text table of per-document and total scores."""
    header = (
        f"{'document':<40} {'gold':>5} {'found':>5} {'prec':>6} {'recall':>6} "
        f"{'qual':>6} {'speaker':>7} {'attrib':>6}"
    )
    lines = [title, header, "-" * len(header)]
    total = Score()
    for name, score in rows + [("TOTAL", total)]:
        if name != "TOTAL":
            total.add(score)
        else:
            lines.append("-" * len(header))
        lines.append(
            f"{name[:40]:<40} {score.gold:>5} {score.extracted:>5} {score.precision:>6.2f} "
            f"{score.recall:>6.2f} {score.share(score.qualifier):>6.2f} "
            f"{score.share(score.speaker):>7.2f} {score.share(score.attribution):>6.2f}"
        )
        if details and name != "TOTAL":
            lines.extend(f"    {problem}" for problem in score.problems)
    return "\n".join(lines)


def total_of(rows: list[tuple[str, Score]]) -> Score:
    """The sum of a table's rows."""
    total = Score()
    for _, score in rows:
        total.add(score)
    return total


def main(argv: list[str] | None = None) -> int:
    """Print the seed and held-out tables; non-zero exit when a threshold is missed."""
    parser = argparse.ArgumentParser(prog="python -m extractor.evaluate", description=__doc__)
    parser.add_argument("--fixtures", type=Path, default=DEFAULT_FIXTURES)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--min-precision", type=float, default=None)
    parser.add_argument("--min-recall", type=float, default=None)
    parser.add_argument("--details", action="store_true", help="list every miss and mismatch")
    args = parser.parse_args(argv)
    failed = False
    for title, directory in (("Seed fixtures", args.fixtures), ("Held-out corpus", args.corpus)):
        if not (directory / "documents.json").is_file():
            print(f"error: no documents.json in {directory}", file=sys.stderr)
            return 2
        rows = evaluate_directory(directory)
        print(format_table(f"{title} ({directory})", rows, args.details))
        print()
        total = total_of(rows)
        if args.min_precision is not None and total.precision < args.min_precision:
            print(f"{title}: precision {total.precision:.2f} < {args.min_precision}")
            failed = True
        if args.min_recall is not None and total.recall < args.min_recall:
            print(f"{title}: recall {total.recall:.2f} < {args.min_recall}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
