"""Number normalisation: exact values from Korean and English number expressions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.numbers import Quantity, kind_of, parse_number, read_quantity, units_compatible
from extractor.vocabulary import KINDS, QUALIFIERS, UNITS


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("3,500", 3500),
        ("3500", 3500),
        ("1.2", Decimal("1.2")),
        ("12.50", Decimal("12.5")),
        ("-3.2", Decimal("-3.2")),
        ("0", 0),
        ("5억", 500_000_000),
        ("370억", 37_000_000_000),
        ("49조", 49_000_000_000_000),
        ("1조2천억", 1_200_000_000_000),
        ("1조 2000억", 1_200_000_000_000),
        ("3만5000", 35_000),
        ("2천500", 2_500),
        ("2천500억", 250_000_000_000),
        ("1.5조", 1_500_000_000_000),
        ("12만", 120_000),
        ("오백억", 50_000_000_000),
        ("삼천", 3_000),
        ("만", 10_000),
        ("세", 3),
        ("열두", 12),
        ("스물다섯", 25),
        ("37 billion", 37_000_000_000),
        ("37bn", 37_000_000_000),
        ("200 million", 200_000_000),
        ("1.2 trillion", 1_200_000_000_000),
        ("3.5m", 3_500_000),
        ("2.5 thousand", 2_500),
        ("twenty-five", 25),
        ("seven", 7),
        ("a dozen", 12),
        ("two million", 2_000_000),
    ],
)
def test_parse_number(expr, expected):
    """Every supported form reads to its exact value and type."""
    value = parse_number(expr)
    assert value == expected
    assert type(value) is type(expected)


def test_large_values_stay_exact_integers():
    """49조 and 1.2 trillion are ints, never floats rounded by the way."""
    assert parse_number("49조") == 49 * 10**12
    assert isinstance(parse_number("1.2 trillion"), int)
    assert parse_number("0.1 billion") == 100_000_000


@pytest.mark.parametrize(
    "expr", ["", "abc", "억만장자", "이", "5억3억", "3만만", "1,2,3", "수백억", "twenty twenty"]
)
def test_parse_number_rejects_non_numbers(expr):
    """Words that merely contain number characters are not numbers."""
    assert parse_number(expr) is None


@pytest.mark.parametrize(
    ("stated_as", "value", "unit", "qualifier"),
    [
        ("5억 대 이상", 500_000_000, "units", "at_least"),
        ("약 49조원", 49_000_000_000_000, "KRW", "approx"),
        ("370억 달러", 37_000_000_000, "USD", "exact"),
        ("2016년부터", 2016, "year", "since"),
        ("2030년까지", 2030, "year", "until"),
        ("2025년", 2025, "year", "exact"),
        ("10년 만에", 10, "years", "exact"),
        ("3년간", 3, "years", "exact"),
        ("6개월", 6, "months", "exact"),
        ("7개 사", 7, "companies", "exact"),
        ("3500개 이상", 3500, "items", "at_least"),
        ("3,500개가량", 3500, "items", "approx"),
        ("20여 명", 20, "people", "approx"),
        ("5억여 원", 500_000_000, "KRW", "approx"),
        ("1천억원대", 100_000_000_000, "KRW", "approx"),
        ("세 명", 3, "people", "exact"),
        ("오백억 원", 50_000_000_000, "KRW", "exact"),
        ("12.5%", Decimal("12.5"), "percent", "exact"),
        ("-3.2%", Decimal("-3.2"), "percent", "exact"),
        ("3%포인트", 3, "percentage_points", "exact"),
        ("0.25%p", Decimal("0.25"), "percentage_points", "exact"),
        ("60% 미만", 60, "percent", "less_than"),
        ("9200억원 초과", 920_000_000_000, "KRW", "more_than"),
        ("300만 원 이하", 3_000_000, "KRW", "at_most"),
        ("1조원 안팎", 10**12, "KRW", "approx"),
        ("3배", 3, "multiple", "exact"),
        ("35건", 35, "cases", "exact"),
        ("4곳", 4, "places", "exact"),
        ("100만 주", 1_000_000, "items", "exact"),
        ("2주 동안", 2, "weeks", "exact"),
        ("3일 만에", 3, "days", "exact"),
        ("30~40%", 30, "percent", "at_least"),
        ("20만~25만 명", 200_000, "people", "at_least"),
        ("more than $37 billion", 37_000_000_000, "USD", "more_than"),
        ("about 3,500", 3500, None, "approx"),
        ("nearly 1,000", 1000, None, "approx"),
        ("up to 20%", 20, "percent", "at_most"),
        ("at least 14", 14, None, "at_least"),
        ("less than £100", 100, "GBP", "less_than"),
        ("$37bn", 37_000_000_000, "USD", "exact"),
        ("US$5 billion", 5_000_000_000, "USD", "exact"),
        ("€200m", 200_000_000, "EUR", "exact"),
        ("2.5bn euros", 2_500_000_000, "EUR", "exact"),
        ("37 billion won", 37_000_000_000, "KRW", "exact"),
        ("1.2 trillion won", 1_200_000_000_000, "KRW", "exact"),
        ("9 per cent", 9, "percent", "exact"),
        ("3 percentage points", 3, "percentage_points", "exact"),
        ("since 2016", 2016, "year", "since"),
        ("by 2026", 2026, "year", "until"),
        ("10 years", 10, "years", "exact"),
        ("500MW", 500_000_000, "watts", "exact"),
        ("30-40%", 30, "percent", "at_least"),
    ],
)
def test_read_quantity(stated_as, value, unit, qualifier):
    """A stated expression reads back to value, unit, kind and qualifier."""
    quantity = read_quantity(stated_as)
    assert quantity == Quantity(value, unit, kind_of(unit), qualifier)
    assert quantity.unit is None or quantity.unit in UNITS
    assert quantity.kind is None or quantity.kind in KINDS
    assert quantity.qualifier in QUALIFIERS


@pytest.mark.parametrize("stated_as", ["", "   ", "콘텐트 업체", "억만장자", "about", "LG전자"])
def test_read_quantity_without_a_number(stated_as):
    """Text with no number in it reads as None, never as zero."""
    assert read_quantity(stated_as) is None


def test_read_quantity_tolerates_no_break_space():
    """News copy carries U+00A0; it reads like an ordinary space."""
    assert read_quantity("5억\u00a0대 이상").value == 500_000_000


def test_quantity_is_frozen():
    """A Quantity is a value object."""
    quantity = read_quantity("3%")
    with pytest.raises(AttributeError):
        quantity.value = 4


@pytest.mark.parametrize(
    ("stated", "claimed", "ok"),
    [
        (None, "companies", True),
        ("items", "companies", True),
        ("items", "people", True),
        ("units", "units", True),
        ("items", "USD", False),
        ("KRW", "USD", False),
        ("percent", "percentage_points", False),
    ],
)
def test_units_compatible(stated, claimed, ok):
    """A span's counter may be less specific than the claim, never contradict it."""
    assert units_compatible(stated, claimed) is ok


def test_every_unit_has_a_kind():
    """The unit → kind table covers the whole controlled vocabulary."""
    assert {kind_of(unit) for unit in UNITS} <= set(KINDS)
    assert all(kind_of(unit) for unit in UNITS)
