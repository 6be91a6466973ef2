"""The figure list pages through indexes: EXPLAIN QUERY PLAN of every statement it runs.

Generated claims are imported (and linked into figures by the import), then
each list query's statements are explained: a full scan of the figure or claim
table fails, so `GET /v1/figures?conflict=any` keeps list speed at any size.
"""

from __future__ import annotations

import pytest

from core.pagination import encode_cursor
from schema.db import database
from schema.models import Figure
from tests.test_query_plans import big, plans_of  # noqa: F401  (`big`: the generated archive)

pytestmark = [
    pytest.mark.sqlite_only("reads SQLite's EXPLAIN QUERY PLAN"),
    pytest.mark.usefixtures("big"),
]

QUERIES = [
    "/v1/figures",
    "/v1/figures?conflict=any",
    "/v1/figures?conflict=any&limit=50&cursor=" + encode_cursor("id", None, 40),
    "/v1/figures?conflict=value",
    "/v1/figures?conflict=qualifier&cursor=" + encode_cursor("id", None, 40),
    "/v1/figures?speaker=person-3",
    "/v1/figures?organization=Northwind Energy&conflict=any",
    "/v1/figures?unit=USD&conflict=any",
    "/v1/figures?document=bench-7",
    "/v1/figures?q=반도",
    "/v1/claims?figure=1",
]


def test_the_generated_claims_make_figures_with_conflicts(app):
    with database.connection_context():
        assert Figure.select().count() > 20
        assert Figure.select().where(Figure.conflicted).count() > 5


@pytest.mark.parametrize("url", QUERIES)
def test_no_figure_query_scans_a_table(app, url):
    plans = plans_of(app.test_client(), url)
    assert plans, "no query was captured"
    for sql, plan in plans:
        # data_version holds one row, the data's version (conditional GET reads it whole).
        scans = [
            s for s in plan
            if s.startswith("SCAN") and "claim_search" not in s and "data_version" not in s
        ]  # fmt: skip
        assert not scans, f"{url}\n{sql}\n{plan}"


def test_conflicted_figures_come_from_their_index(app):
    (sql, plan), *_ = plans_of(app.test_client(), "/v1/figures?conflict=any")
    assert any("figure_status_conflicted_id" in step for step in plan), plan
    (sql, plan), *_ = plans_of(app.test_client(), "/v1/figures?conflict=value")
    assert any("figure_conflict_kind_figure_id" in step for step in plan), plan
