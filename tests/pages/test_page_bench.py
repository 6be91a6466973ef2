"""The document page's benchmark (`make bench`) runs and measures the page it claims to.

Only its shape is tested here: speed lives in `make bench`, never in a timed test.
"""

from __future__ import annotations

from bench import pages
from bench.article import long_article


def test_the_long_article_holds_the_claims_asked_for():
    article = long_article(40)
    assert len(article.claims) == 40
    for claim in article.claims:
        assert claim.stated_as in article.text


def test_the_benchmark_renders_every_claim_marked(tmp_path):
    figures = pages.measure(claims=20, runs=2, database_url=f"sqlite:///{tmp_path / 'p.db'}")
    assert figures["claims"] == 20 and figures["marks"] == 20
    assert figures["target_ms"] == 50
    assert 0 < figures["median_ms"] and figures["bytes"] > 10_000
