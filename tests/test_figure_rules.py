"""The linking rules and conflict kinds one by one (core.figure_rules): no database.

Each test changes one thing about two otherwise matching claims, so a rule
that stopped holding (or started holding where it must not) fails here.
"""

from __future__ import annotations

import math
import random
from decimal import Decimal

import pytest

from core.figure_rules import (
    PAIR_RULES,
    WINDOW_DAYS,
    compare,
    match_score,
    pair_conflicts,
    place,
    read,
)

DAY = 739385  # 2025-05-14 as a day number
GAON = frozenset({"organization:gaon", "speaker:han"})


def reading(claim=1, value=300_000_000, unit="units", qualifier="at_least", stated="3억 대 이상",
            document="a", day=DAY, entities=GAON, heads=frozenset({"device"}), speaker="han",
            restates=None, **more):  # fmt: skip
    """A claim's reading with sensible defaults: Han's 3억 대 이상 devices."""
    return read(
        claim, document, unit, value, qualifier, day, stated, restates, speaker,
        more.get("speaker_organization", "gaon"), more.get("speaker_is_organization", False),
        entities, heads, more.get("aspects", frozenset()),
    )  # fmt: skip


def other(**changes):
    """The same claim as another outlet states it; `changes` make it differ."""
    return reading(**{"claim": 2, "document": "b", **changes})


@pytest.mark.parametrize(
    ("value", "expected"),
    [(500_000_000, 10**8), (3500, 100), (10, 10), (112, 1), (37_000_000_000, 10**9), (0, 1),
     (-3500, 100), (Decimal("5E+8"), 10**8), (Decimal("3500.0"), 100), (Decimal("2.5"),
     Decimal("0.1")), (Decimal("9.25"), Decimal("0.01"))],
)  # fmt: skip
def test_a_number_is_rounded_to_its_last_significant_place(value, expected):
    assert place(value) == expected


def test_intervals_follow_the_qualifier():
    assert (reading().low, reading().high) == (300_000_000, math.inf)
    exact = reading(qualifier="exact", stated="3억 대")
    assert (exact.low, exact.high) == (250_000_000, 350_000_000)
    approx = reading(qualifier="approx", stated="약 3억 대")
    assert (approx.low, approx.high) == pytest.approx((250_000_000, 350_000_000))
    approx_fine = reading(value=2800, qualifier="approx", stated="2800여 개")
    assert (approx_fine.low, approx_fine.high) == pytest.approx((2520, 3080))
    below = reading(qualifier="at_most", stated="3억 대 이하")
    assert (below.low, below.high) == (-math.inf, 300_000_000)


def test_a_range_reads_as_one_interval_for_both_of_its_claims():
    low = reading(qualifier="at_least", stated="3억~4억 대")
    high = reading(value=400_000_000, qualifier="at_most", stated="3억~4억 대")
    for end in (low, high):
        assert (end.low, end.high, end.anchors) == (250e6, 450e6, (300e6, 400e6))
        assert end.family == "range"


def test_restatements_in_spacing_and_language_link_without_conflict():
    korean, english = reading(), other(qualifier="more_than", stated="more than 300 million")
    match = compare(english, korean)
    assert match is not None and {"anchor", "speaker", "organization"} <= set(match.rules)
    assert pair_conflicts(korean, english) == []
    assert pair_conflicts(korean, other(stated="3억대 이상")) == []


def test_the_unit_must_match():
    assert compare(other(unit="people", stated="3억 명 이상"), reading()) is None


def test_units_related_by_definition_link():
    years = reading(value=10, unit="years", qualifier="exact", stated="10년 만에")
    months = other(value=112, unit="months", qualifier="approx", stated="약 9년 4개월 만에")
    match = compare(months, years)
    assert match is not None and "unit:years=months" in match.rules


def test_the_generic_counter_counts_what_a_specific_one_does():
    companies = reading(value=2800, unit="companies", stated="2800개 이상")
    items = other(value=2800, unit="items", qualifier="approx", stated="2800여 개")
    assert compare(items, companies) is not None
    assert compare(other(value=2800, unit="people", stated="2800명"), companies) is None


def test_never_an_exchange_rate_from_outside():
    dollars = reading(value=25_000_000_000, unit="USD", qualifier="exact", stated="250억 달러")
    won = other(value=34_000_000_000_000, unit="KRW", qualifier="approx", stated="약 34조원")
    assert compare(won, dollars) is None


def test_intervals_must_overlap():
    exact = reading(qualifier="exact", stated="3억 대")
    assert compare(other(value=500_000_000, qualifier="exact", stated="5억 대"), exact) is None


def test_numbers_more_than_a_factor_of_two_apart_never_link_though_at_least_overlaps():
    # 1억 대 이상 and 3억 대 이상 overlap from 3억 on, but they are different numbers.
    assert compare(other(value=100_000_000, stated="1억 대 이상"), reading()) is None
    assert compare(other(value=200_000_000, stated="2억 대 이상"), reading()) is not None


def test_the_entity_must_match():
    stranger = other(entities=frozenset({"organization:nuri", "speaker:kim"}), speaker="kim")
    assert compare(stranger, reading()) is None
    # The organisation alone is enough: another of its people, or its name in the subject.
    colleague = other(entities=frozenset({"organization:gaon", "speaker:yoon"}), speaker="yoon")
    assert "organization" in compare(colleague, reading()).rules


def test_subjects_that_name_different_things_never_link():
    smartphones = other(qualifier="exact", stated="3억 대", heads=frozenset({"smartphone"}))
    assert compare(smartphones, reading()) is None


def test_without_a_shared_subject_the_stated_numbers_must_agree():
    headline = other(value=400_000_000, qualifier="exact", stated="4억대", heads=frozenset())
    assert compare(headline, reading()) is None  # 3억 is not within 4억대's 3.5억–4.5억
    same_number = other(qualifier="exact", stated="3억 대", heads=frozenset())
    assert "anchor" in compare(same_number, reading()).rules
    with_subject = other(value=400_000_000, qualifier="exact", stated="4억대")
    assert "subject:device" in compare(with_subject, reading()).rules


def test_the_window_counts_from_the_first_appearance():
    later = other(day=DAY + WINDOW_DAYS + 1)
    assert compare(later, reading()) is None
    assert compare(other(day=DAY + WINDOW_DAYS), reading()) is not None
    assert compare(other(day=DAY + 10), reading(day=DAY + 5), first_day=DAY - 30) is None


def test_the_score_rises_with_what_holds():
    same_speaker = compare(other(), reading())
    colleague = compare(
        other(entities=frozenset({"organization:gaon", "speaker:yoon"}), speaker="yoon"), reading()
    )
    assert same_speaker.score > colleague.score


# --- conflicts ---------------------------------------------------------------------------


def test_value_conflict_when_one_is_far_narrower_and_misses_the_other():
    assert "value" in pair_conflicts(reading(), other(value=400_000_000, qualifier="exact",
                                                      stated="4억대"))  # fmt: skip
    # 3억~4억 holds 3억: narrower, but it agrees.
    assert "value" not in pair_conflicts(reading(), other(qualifier="at_least",
                                                          stated="3억~4억 대"))  # fmt: skip


def test_value_conflict_when_intervals_are_disjoint():
    a = reading(qualifier="exact", stated="3억 대")
    assert "value" in pair_conflicts(
        a, other(value=500_000_000, qualifier="exact", stated="5억 대")
    )


def test_qualifier_conflict_is_at_least_against_approximately():
    assert pair_conflicts(reading(value=3500, unit="companies", stated="3500개 이상"),
                          other(value=3500, unit="companies", qualifier="approx",
                                stated="3500여 개")) == ["qualifier"]  # fmt: skip
    # Exactly against approximately is a hedge, not a disagreement.
    exact = reading(value=3500, qualifier="exact", stated="3500개")
    assert pair_conflicts(exact, other(value=3500, qualifier="approx", stated="약 3500개")) == []


def test_speaker_conflict_between_two_people_not_a_company_and_its_own():
    yoon = other(speaker="yoon", entities=frozenset({"organization:gaon", "speaker:yoon"}))
    assert pair_conflicts(reading(), yoon) == ["speaker"]
    company = other(speaker="gaon", speaker_is_organization=True)
    assert pair_conflicts(reading(), company) == []
    assert pair_conflicts(reading(), other(speaker=None)) == []


def test_unit_conflict_unless_a_stated_conversion_relates_them():
    companies = reading(value=2800, unit="companies", qualifier="approx", stated="약 2800개")
    items = other(value=2800, unit="items", qualifier="approx", stated="2800여 개")
    assert pair_conflicts(companies, items) == ["unit"]
    dollars = reading(value=25_000_000_000, unit="USD", qualifier="exact", stated="250억 달러")
    won = reading(claim=3, value=34 * 10**12, unit="KRW", qualifier="approx",
                  stated="약 34조원", restates=1)  # fmt: skip
    assert pair_conflicts(dollars, won) == []


def test_precision_conflict_ten_years_against_nine_years_four_months():
    years = reading(value=10, unit="years", qualifier="exact", stated="10년 만에")
    months = other(value=112, unit="months", qualifier="approx", stated="약 9년 4개월 만에")
    assert pair_conflicts(years, months) == ["precision"]
    assert pair_conflicts(years, other(value=10, unit="years", qualifier="exact",
                                       stated="10 years")) == []  # fmt: skip


def test_pair_conflicts_are_the_pair_rules_one_by_one():
    """pair_conflicts spells the rules out for speed; it must say what PAIR_RULES say."""
    rng = random.Random(3)
    choices = {
        "value": [0, 3, 10, 112, 2800, 3500, 3600, 300_000_000, 400_000_000, -3500],
        "unit": ["units", "items", "companies", "years", "months", "USD"],
        "qualifier": ["exact", "approx", "at_least", "more_than", "at_most", "since"],
        "stated": ["3억 대", "3억~4억 대", "3500여 개", "10년", "약 3500개"],
        "document": ["a", "b"],
        "speaker": [None, "han", "yoon", "gaon"],
        "speaker_is_organization": [False, True],
        "restates": [None, 1, 2],
    }
    made = [
        reading(claim=claim, **{name: rng.choice(options) for name, options in choices.items()})
        for claim in range(1, 301)
    ]
    for a in made:
        for b in rng.sample(made, 40):
            expected = [kind for kind, rule in PAIR_RULES.items() if rule(a, b)]
            if a.document == b.document and (
                a.restates == b.claim
                or b.restates == a.claim
                or (a.stated == b.stated and a.anchors == b.anchors)
            ):
                expected = []
            assert pair_conflicts(a, b) == expected, (a, b)


def test_a_match_score_is_the_score_compare_gives():
    """Linking ranks candidates by match_score and explains the best with compare: the two
    must agree on every pair, matched or not, whatever the window's first day."""
    rng = random.Random(8)
    choices = {
        "value": [3, 112, 3500, 3600, 300_000_000, 400_000_000],
        "unit": ["units", "items", "companies", "years", "months"],
        "qualifier": ["exact", "approx", "at_least", "at_most"],
        "stated": ["3억 대", "3500여 개", "10년"],
        "speaker": [None, "han", "yoon"],
        "heads": [frozenset(), frozenset({"device"}), frozenset({"store"})],
        "aspects": [frozenset(), frozenset({"sales"}), frozenset({"sales", "growth"})],
        "entities": [GAON, frozenset({"organization:gaon"}), frozenset({"speaker:yoon"})],
        "day": [DAY, DAY + 3, DAY + 20, DAY + 40],
    }
    made = [
        reading(claim=claim, **{name: rng.choice(options) for name, options in choices.items()})
        for claim in range(1, 201)
    ]
    matched = 0
    for a in made:
        for b in rng.sample(made, 30):
            first = rng.choice([None, b.day, b.day - 10])
            match = compare(a, b, first)
            matched += match is not None
            assert match_score(a, b, first) == (match and match.score), (a, b)
    assert matched > 100
