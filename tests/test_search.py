"""The bigram index behind Korean substring search."""

from __future__ import annotations

import pytest

from schema.search import bigrams, index_text, match_expression, query_terms


def test_bigrams():
    assert bigrams("콘텐트") == ["콘텐", "텐트"]
    assert bigrams("가") == ["가"]


def test_index_text_is_lowercase_bigrams_of_sentence_and_subject():
    assert index_text("CAPEX 설비", "5억") == "ca ap pe ex x   설 설비 비   5 5억"
    assert index_text("콘텐트", None) == "콘텐 텐트"


@pytest.mark.parametrize(
    ("q", "expression"),
    [
        ("콘텐트", '"콘텐" AND "텐트"'),
        ("콘텐트 업체", '"콘텐" AND "텐트" AND "업체"'),
        ('x" OR 1', '"or"'),
        ("가", None),
        ("CAPEX", '"ca" AND "ap" AND "pe" AND "ex"'),
        ("이상 이상", '"이상"'),
    ],
)
def test_match_expression_quotes_every_bigram(q, expression):
    assert match_expression(query_terms(q)) == expression


def test_query_syntax_cannot_leak_into_match():
    # Quotes and operators are not word characters, so they never reach FTS5.
    assert query_terms('"a" OR b*') == ["a", "or", "b"]
