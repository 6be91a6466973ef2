"""core.linking's shortcuts against their definition: the in-memory index finds every
candidate that comparing each claim with every other would, and an import can leave
linking to a later `relink` (what `make bench` measures linking's cost with)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from bench.generate import articles, make_speakers, store_speakers
from core import bulk_import, linking, speaker_writes
from core.seeding import FIXTURES_DIR, seed
from schema.db import database, write_transaction
from schema.models import Claim, Figure

SPEAKERS = make_speakers(random.Random(11), people=12, organizations=4)


def partition() -> set[frozenset[int]]:
    """The active claims grouped by figure (figure ids left out: only who is with whom)."""
    groups: dict[int, set[int]] = {}
    for claim, figure in (
        Claim.select(Claim.id, Claim.figure)
        .where(Claim.figure.is_null(False) & (Claim.status == "active"))
        .tuples()
    ):
        groups.setdefault(figure, set()).add(claim)
    return {frozenset(g) for g in groups.values()}


def every_claim_a_candidate(monkeypatch) -> None:
    """Make the linker compare each claim with every known claim: the definition."""
    monkeypatch.setattr(
        linking.Linker, "_candidates", lambda self, reading: list(self.readings.values())
    )


def crowded(n: int) -> list[dict]:
    """Generated articles published within three months, so that many numbers link."""
    made = list(articles(n, SPEAKERS, random.Random(13)))
    for i, article in enumerate(made):
        day = dt.date(2016, 3, 1) + dt.timedelta(days=i % 90)
        article["document"]["published"] = day.isoformat()
    return made


def imported_range(report_claims: int) -> tuple[int, int]:
    last = Claim.select(Claim.id).order_by(Claim.id.desc()).scalar()
    return last - report_claims + 1, last


def test_the_index_finds_what_comparing_every_pair_finds(app, monkeypatch):
    with database.connection_context():
        store_speakers(SPEAKERS)
        report = bulk_import.import_articles(crowded(3000), link=False)
        first, last = imported_range(report.claims)
        with write_transaction() as transaction:
            linking.link_imported(first, last, "test", "indexed")
            indexed = partition()
            transaction.rollback()
        with write_transaction() as transaction, monkeypatch.context() as patch:
            every_claim_a_candidate(patch)
            linking.link_imported(first, last, "test", "every pair")
            every_pair = partition()
            transaction.rollback()
    assert len(indexed) > 50  # the data links: the comparison means something
    assert indexed == every_pair


def test_a_speaker_without_an_organisation_links_whatever_the_subject_names(app):
    """The speaker's own entity keys the claim when no organisation of theirs implies it."""
    text = "Analyst Mina Cho said Gaon Electronics runs more than 4,200 stores."
    other = "Mina Cho counted more than 4,200 stores in her survey."
    with database.connection_context():
        seed(FIXTURES_DIR / "across-sources")
        speaker_writes.add_speaker({"id": "mina-cho", "name": "Mina Cho", "kind": "person"})

        def article(doc: str, body: str, subject: str, day: str) -> dict:
            start = body.index("more than")
            return {
                "document": {"id": doc, "title": doc, "published": day, "language": "en",
                             "text": body},
                "claims": [{"stated_as": "more than 4,200", "start": start, "end": start + 15,
                            "value": 4200, "unit": "items", "kind": "count",
                            "qualifier": "more_than", "attribution": "indirect_quote",
                            "speaker": "mina-cho", "subject": subject}],
            }  # fmt: skip

        bulk_import.import_articles(
            [
                article("stores-1", text, "Gaon Electronics stores", "2025-06-02"),
                article("stores-2", other, "stores counted", "2025-06-05"),
            ]
        )
        figures = {Claim.get(Claim.document == doc).figure_id for doc in ("stores-1", "stores-2")}
    assert len(figures) == 1 and None not in figures


@pytest.mark.parametrize("link", [True, False])
def test_an_import_links_only_when_asked(app, link):
    with database.connection_context():
        store_speakers(SPEAKERS)
        before = Figure.select().count()
        report = bulk_import.import_articles(crowded(1500), link=link)
        first, last = imported_range(report.claims)
        imported = Claim.select().where(Claim.id.between(first, last))
        linked = imported.where(Claim.figure.is_null(False)).count()
        made = Figure.select().count() - before
        if not link:
            assert linked == 0 and made == 0
            with write_transaction():
                linking.relink()  # links them later, as the issue's `relink` does
            linked = imported.where(Claim.figure.is_null(False)).count()
    assert linked > 0
