"""Figures across sources on the pages: appearances compared with the first, and the
figure page with the figure's own subject and conflicts (the multi-outlet fixtures).
"""

from __future__ import annotations

import re

from core import labels
from core.reading import compare_appearances
from core.seeding import FIXTURES_DIR, seed
from schema.db import database


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
        "id": 41,
        "links": {"self": "/v1/figures/41"},
        "subject": "LG전자 기기 설치 대수",
        "conflict_kinds": ["qualifier", "speaker"],
    }
    report = client.get("/v1/claims/3/verify").get_json()
    with app.test_request_context("/"):
        macros = app.jinja_env.get_template("_claims.html").make_module({"labels": labels})
        shown = str(macros.card(body, report, {}, "ko"))
        del body["figure"]
        without = str(macros.card(body, report, {}, "ko"))
    assert 'href="/figures/41"' in shown and "LG전자 기기 설치 대수" in shown
    assert (
        labels.CONFLICT_LABELS["qualifier"] in shown and labels.CONFLICT_LABELS["speaker"] in shown
    )
    assert "/figures/" not in without


def test_the_figure_page_names_the_figure_and_lists_each_conflict_with_its_claims(app):
    with database.connection_context():
        seed(FIXTURES_DIR / "across-sources")
    client = app.test_client()
    figure_id = client.get("/v1/claims/102").json["figure"]["id"]
    figure = client.get(f"/v1/figures/{figure_id}").json
    assert figure["conflicts"], "the devices figure disagrees across outlets"
    page = client.get(f"/figures/{figure_id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f"<h1>{figure['subject']}: 출처별 비교</h1>" in html
    for conflict in figure["conflicts"]:
        item = re.search(rf'<li data-conflict="{conflict["kind"]}">(.*?)</li>', html, re.S)
        assert item, conflict["kind"]
        assert labels.CONFLICT_LABELS[conflict["kind"]] in item.group(1)
        linked = [int(n) for n in re.findall(r'href="#c(\d+)"', item.group(1))]
        assert linked == conflict["claims"]
    rows = dict(re.findall(r'<tr id="c(\d+)"( class="in-conflict")?>', html))
    involved = {c for conflict in figure["conflicts"] for c in conflict["claims"]}
    assert {int(i) for i, marked in rows.items() if marked} == involved
    assert set(map(int, rows)) == {c["id"] for c in figure["claims"]}
    # The claim's card on its document page names the figure and how its sources disagree.
    document = client.get(f"/documents/{figure['claims'][0]['document']['id']}")
    card = document.get_data(as_text=True)
    assert f'href="/figures/{figure_id}">{figure["subject"]}</a>' in card
    for conflict in figure["conflicts"]:
        assert (
            f'data-conflict="{conflict["kind"]}">{labels.CONFLICT_LABELS[conflict["kind"]]}' in card
        )


def test_a_figure_page_that_does_not_exist_is_a_404_page(app):
    client = app.test_client()
    for figure_id in ("999999", "abc", "9" * 30):
        answer = client.get(f"/figures/{figure_id}", headers={"Accept": "text/html"})
        assert answer.status_code == 404, figure_id
