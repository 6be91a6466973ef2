"""Every list query uses an index: EXPLAIN QUERY PLAN, so none can silently go missing.

(`data_version` is read whole: it holds one row, the data's version.)

The benchmark's queries run against generated claims; each SQL statement they
issue is explained, and a full scan of the claim table fails the test.
"""

from __future__ import annotations

import logging
import random

import pytest

from bench.generate import articles, make_speakers, store_speakers
from core import bulk_import as bulk
from core.pagination import encode_cursor
from schema.db import database

pytestmark = pytest.mark.sqlite_only("reads SQLite's EXPLAIN QUERY PLAN")


class Captured(logging.Handler):
    """Collects the (sql, params) peewee logs for each query it runs."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.queries = []

    def emit(self, record):
        if isinstance(record.msg, tuple):
            self.queries.append(record.msg)


@pytest.fixture
def big(app):
    """A few thousand generated claims beside the seed article."""
    speakers = make_speakers(random.Random(11), people=40, organizations=8)
    with database.connection_context():
        store_speakers(speakers)
        bulk.import_articles(articles(4000, speakers, random.Random(12)))
    return app


def plans_of(client, url: str) -> list[tuple[str, list[str]]]:
    """The query plan of every SELECT a request runs."""
    handler = Captured()
    logger = logging.getLogger("peewee")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        response = client.get(url)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    assert response.status_code == 200, response.get_data(as_text=True)
    plans = []
    with database.connection_context():
        for sql, params in handler.queries:
            # A WHERE that is constant false ("0 = 1", from an empty id list) is
            # never executed, whatever plan SQLite prints for it.
            if sql.lstrip().upper().startswith("SELECT") and "(0 = 1)" not in sql:
                rows = database.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
                plans.append((sql, [row[-1] for row in rows]))
    return plans


QUERIES = [
    "/v1/claims/123",
    "/v1/claims?speaker=person-3&limit=50",
    "/v1/claims?speaker=person-3&facet=unit&limit=1",
    "/v1/claims?organization=Northwind Energy&limit=50",
    "/v1/claims?unit=USD&value_min=1000000000&value_max=50000000000&sort=value&limit=50",
    "/v1/claims?q=반도&limit=50",
    "/v1/claims?q=설비투자&limit=50&sort=-id",
    "/v1/claims?limit=50",
    "/v1/claims?limit=50&cursor=" + encode_cursor("id", None, 3000),
    "/v1/claims?sort=-published&limit=50",
    "/v1/claims?document=bench-7",
]


@pytest.mark.parametrize("url", QUERIES)
def test_no_query_scans_a_table(big, url):
    client = big.test_client()
    plans = plans_of(client, url)
    assert plans, "no query was captured"
    for sql, plan in plans:
        scans = [
            step
            for step in plan
            if step.startswith("SCAN") and "claim_search" not in step and "data_version" not in step
        ]
        assert not scans, f"{url}\n{sql}\n{plan}"


def test_korean_search_is_driven_by_the_index(big):
    plans = plans_of(big.test_client(), "/v1/claims?q=반도&limit=50")
    assert any("VIRTUAL TABLE" in step for _, plan in plans for step in plan)
    claim_plans = [plan for sql, plan in plans if 'JOIN "document"' in sql]
    assert claim_plans and all(
        any("INTEGER PRIMARY KEY" in step for step in plan) for plan in claim_plans
    )


def test_speaker_lookup_uses_indexes_when_no_speaker_has_an_english_name(big):
    # A Korean-only archive: every name_en is NULL. A full index on it would
    # hold one value for all rows, and ANALYZE would steer SQLite to a scan.
    with database.connection_context():
        database.execute_sql('UPDATE "speaker" SET "name_en" = NULL')
        database.execute_sql("ANALYZE")
    for sql, plan in plans_of(big.test_client(), "/v1/claims?speaker=person-3&limit=50"):
        scans = [s for s in plan if s.startswith("SCAN") and "data_version" not in s]
        assert not scans, f"{sql}\n{plan}"


def test_restatement_links_use_the_partial_index(big):
    plans = plans_of(big.test_client(), "/v1/claims?limit=50")
    links = [plan for sql, plan in plans if '"restates_id" =' in sql or '"restates_id" IN' in sql]
    assert links and all(any("claim_restates_id" in step for step in p) for p in links), links
