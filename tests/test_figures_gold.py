"""Link precision and recall on the multi-outlet fixtures, against the hand-labelled gold file.

The gold file (fixtures/across-sources/figures.gold.json) lists, per real-world
quantity, the claims that state it, and the conflicts a reader should be
shown. Precision and recall count pairs of claims put in one figure.
"""

from __future__ import annotations

import itertools
import json

import pytest

from core.seeding import FIXTURES_DIR, seed
from schema.db import database
from schema.models import Claim, FigureConflict

ACROSS = FIXTURES_DIR / "across-sources"
GOLD = json.loads((ACROSS / "figures.gold.json").read_text(encoding="utf-8"))


def pairs(groups) -> set[tuple[int, int]]:
    """Every unordered pair of claims that share a group."""
    return {pair for group in groups for pair in itertools.combinations(sorted(group), 2)}


def precision_recall(predicted: set, gold: set) -> tuple[float, float]:
    right = len(predicted & gold)
    return (right / len(predicted) if predicted else 1.0, right / len(gold) if gold else 1.0)


@pytest.fixture
def linked(app):
    """Figure id → its claims, and figure id → its conflict kinds, after seeding the set."""
    with database.connection_context():
        seed(ACROSS)
        ids = [c for group in GOLD["figures"].values() for c in group]
        figures: dict[int, list[int]] = {}
        for claim in Claim.select().where(Claim.figure.is_null(False)):
            figures.setdefault(claim.__data__["figure"], []).append(claim.id)
        conflicts: dict[int, set[str]] = {}
        for row in FigureConflict.select():
            conflicts.setdefault(row.__data__["figure"], set()).add(row.kind)
    assert ids, "the gold file lists no figures"
    return figures, conflicts


def test_links_match_the_gold_file(linked):
    figures, _ = linked
    precision, recall = precision_recall(pairs(figures.values()), pairs(GOLD["figures"].values()))
    print(f"\nlink precision {precision:.2f}, recall {recall:.2f} "
          f"({len(pairs(GOLD['figures'].values()))} gold pairs)")  # fmt: skip
    assert (precision, recall) == (1.0, 1.0)


def test_every_kind_of_conflict_is_shown_and_no_other(linked):
    figures, conflicts = linked
    figure_of = {c: f for f, group in figures.items() for c in group}
    shown = set()
    for subject, kinds in GOLD["conflicts"].items():
        figure = figure_of[GOLD["figures"][subject][0]]
        assert conflicts.get(figure, set()) == set(kinds), subject
        shown |= set(kinds)
    assert shown == {"value", "qualifier", "speaker", "unit", "precision"}


def test_the_measure_would_catch_a_false_link():
    # The scorer itself can fail: one extra pair lowers precision, one missing lowers recall.
    gold = pairs([[1, 2, 3]])
    assert precision_recall(gold | {(3, 4)}, gold)[0] < 1
    assert precision_recall(gold - {(1, 2)}, gold)[1] < 1
