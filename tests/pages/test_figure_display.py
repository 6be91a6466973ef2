"""Figures across sources, before they exist: the pages show them once claims carry one.

The figure feature is not built here; these tests hold the pages to showing a
claim's `figure` member when it is there, and nothing when it is not.
"""

from __future__ import annotations

from core import labels
from core.reading import compare_appearances


def appearance(claim_id: int, published: str, **changed) -> dict:
    """A claim body as a figure's appearance, with some fields changed."""
    claim = {
        "id": claim_id,
        "value": 500_000_000,
        "unit": "units",
        "qualifier": "at_least",
        "stated_as": "5억 대 이상",
        "attribution": "direct_quote",
        "speaker": {"id": "jo-joo-wan", "name": "조주완"},
        "document": {"published": published},
    }
    claim.update(changed)
    return claim


def test_appearances_are_compared_with_the_first():
    rows = compare_appearances(
        [
            appearance(3, "2024-03-01", qualifier="approx", stated_as="약 5억 대"),
            appearance(1, "2024-02-28"),
            appearance(2, "2024-02-29", speaker={"id": "lg-electronics", "name": "LG전자"}),
        ]
    )
    assert [r["claim"]["id"] for r in rows] == [1, 2, 3]
    assert [r["differs"] for r in rows] == [[], ["speaker"], ["qualifier", "stated_as"]]


def test_a_claim_card_shows_its_figure_and_conflicts(app, client):
    body = client.get("/v1/claims/3").get_json()
    body["figure"] = {
        "id": "lg-installed-base",
        "label": "LG전자 기기 설치 대수",
        "conflicts": [{"explanation": "중앙일보는 ‘약 5억 대’로 적었다 (qualifier)."}],
    }
    report = client.get("/v1/claims/3/verify").get_json()
    with app.test_request_context("/"):
        macros = app.jinja_env.get_template("_claims.html").make_module({"labels": labels})
        shown = str(macros.card(body, report, {}, "ko"))
        del body["figure"]
        without = str(macros.card(body, report, {}, "ko"))
    assert 'href="/figures/lg-installed-base"' in shown and "LG전자 기기 설치 대수" in shown
    assert "약 5억 대" in shown
    assert "/figures/" not in without
