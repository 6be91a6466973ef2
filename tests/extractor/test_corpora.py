"""Every labelled set follows the labelling guide, as far as a program can check it."""

from __future__ import annotations

import pytest

from extractor.corpus import CLAIM_TAGS, NON_CLAIM_CATEGORIES, check_set, read_set
from extractor.evaluate import ROOT, SETS

DIRECTORIES = [directory for directories in SETS.values() for directory in directories]


@pytest.mark.parametrize("directory", DIRECTORIES, ids=lambda d: str(d.relative_to(ROOT)))
def test_labelled_set_is_clean(directory):
    assert check_set(read_set(directory)) == []


def test_development_and_held_out_sets_are_big_enough():
    """At least 40 development and 20 held-out articles, half of each in Korean."""
    sizes = {name: [len(read_set(d).documents) for d in SETS[name]] for name in ("dev", "heldout")}
    assert sum(sizes["dev"]) >= 40 and sum(sizes["heldout"]) >= 20
    dev_ko = sum(len(read_set(d).documents) for d in SETS["dev"] if "ko" in d.name)
    held_ko = len(read_set(SETS["heldout"][0]).documents)
    assert dev_ko >= 20 and held_ko >= 10


def test_every_category_is_explained_in_the_guide():
    guide = (ROOT / "extractor" / "LABELLING.md").read_text(encoding="utf-8")
    for name in (*CLAIM_TAGS, *NON_CLAIM_CATEGORIES):
        assert f"`{name}`" in guide, name


def test_the_checker_finds_a_wrong_offset():
    labelled = read_set(SETS["legacy"][0])
    labelled.claims[0]["start"] += 1
    labelled.claims[0]["end"] += 1
    assert any("text there is" in problem for problem in check_set(labelled))


def test_the_checker_finds_a_qualifier_word_left_outside_the_span():
    labelled = read_set(SETS["validation-7"][0])
    claim = next(c for c in labelled.claims if c["stated_as"].startswith("about "))
    claim["start"] += len("about ")
    claim["stated_as"] = claim["stated_as"][len("about ") :]
    problems = check_set(labelled)
    assert any("'about' gives the qualifier" in problem for problem in problems)
    claim["qualifier"] = "exact"  # without a qualifier, a word before the span is not one
    assert not any("gives the qualifier" in problem for problem in check_set(labelled))
