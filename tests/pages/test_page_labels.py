"""What the pages call things: every vocabulary term has a Korean label, quantities read right."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core import labels
from core.citations import FORMATS, LANGUAGES
from core.history import changes
from extractor import vocabulary

VOCABULARIES = {
    "units": vocabulary.UNITS,
    "qualifiers": vocabulary.QUALIFIERS,
    "kinds": vocabulary.KINDS,
    "attributions": vocabulary.ATTRIBUTIONS,
    "statuses": vocabulary.CLAIM_STATUSES,
    "speaker_kinds": vocabulary.SPEAKER_KINDS,
}


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_every_term_has_a_label(name):
    assert set(labels.LABELS_OF[name]) == set(VOCABULARIES[name])


def test_every_citation_format_and_language_has_a_label():
    assert set(labels.CITATION_FORMAT_LABELS) == set(FORMATS)
    assert set(labels.LANGUAGE_LABELS) == set(LANGUAGES)


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "shown"),
    [
        (500_000_000, "units", "at_least", "500,000,000대 이상"),
        (49_000_000_000_000, "KRW", "approx", "약 49,000,000,000,000원"),
        (2016, "year", "since", "2016년부터"),
        (Decimal("12.5"), "percent", "exact", "12.5%"),
        (0.1, "percent", "exact", "0.1%"),
        (Decimal("-1234.05"), "USD", "exact", "-1,234.05달러"),
        (3500, "companies", "more_than", "3,500개사 초과"),
    ],
)
def test_quantities_are_written_as_korean_prints_them(value, unit, qualifier, shown):
    assert labels.quantity(value, unit, qualifier) == shown


@pytest.mark.parametrize(
    ("value", "reading"),
    [
        (3_300_000_000_000, "3조 3,000억"),
        (500_000_000, "5억"),
        (12_345, "1만 2,345"),
        (-20_000, "-2만"),
        (9_999, None),
        (Decimal("12345.5"), None),
    ],
)
def test_large_numbers_get_a_korean_reading(value, reading):
    assert labels.korean_reading(value) == reading


def test_years_get_no_reading_and_no_separator():
    assert labels.korean_reading(20_240, "year") is None
    assert labels.number(2024, "year") == "2024"


def test_history_entries_say_what_changed():
    versions = [
        {"version": 1, "data": {"value": 1, "unit": "USD"}},
        {"version": 2, "data": {"value": 2, "unit": "USD"}},
        {"version": 3, "data": {"value": 2, "unit": "KRW"}},
    ]
    described = changes(versions)
    assert [v["changes"] for v in described] == [
        [],
        [("value", 1, 2)],
        [("unit", "USD", "KRW")],
    ]
