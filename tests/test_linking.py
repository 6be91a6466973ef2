"""core.linking's shortcuts against their definition: the in-memory index finds every
candidate that comparing each claim with every other would, and an import can leave
linking to a later `relink` (what `make bench` measures linking's cost with)."""

from __future__ import annotations

import datetime as dt
import random
import threading

import pytest

from bench.generate import articles, make_speakers, store_speakers
from core import bulk_import, linking, speaker_writes
from core.figure_rules import MAGNITUDE, WINDOW_DAYS, Reading, pair_conflicts, read
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
    """Make the linker compare each claim with every known claim: the definition.

    Claims published up to ten windows earlier are not sifted out either: `reach` says
    nothing before a window can be joined, and this holds it to that.
    """
    monkeypatch.setattr(
        linking.Linker, "_candidates", lambda self, reading: list(self.readings.values())
    )
    reach = linking.reach
    monkeypatch.setattr(linking, "reach", lambda day: (day - 10 * WINDOW_DAYS, reach(day)[1]))


def crowded(n: int, days: int = 90) -> list[dict]:
    """Generated articles published within `days` (three months), so that many numbers link."""
    made = list(articles(n, SPEAKERS, random.Random(13)))
    for i, article in enumerate(made):
        day = dt.date(2016, 3, 1) + dt.timedelta(days=i % days)
        article["document"]["published"] = day.isoformat()
    return made


def imported_range(report_claims: int) -> tuple[int, int]:
    last = Claim.select(Claim.id).order_by(Claim.id.desc()).scalar()
    return last - report_claims + 1, last


def linked_both_ways(articles, read, monkeypatch):
    """What `read` finds after linking `articles` through the index, and after linking them
    by comparing every pair; each linking rolled back, so both start from the same import."""
    with database.connection_context():
        store_speakers(SPEAKERS)
        report = bulk_import.import_articles(articles, link=False)
        return link_range_both_ways(*imported_range(report.claims), read, monkeypatch)


def link_range_both_ways(first, last, read, monkeypatch):
    """What `read` finds after linking claims first..last through the index, then by
    comparing every pair; inside an open connection, each linking rolled back."""
    found = []
    for every_pair in (False, True):
        with write_transaction() as transaction, monkeypatch.context() as patch:
            if every_pair:
                every_claim_a_candidate(patch)
            linking.link_imported(first, last, "test", "linked")
            found.append(read())
            transaction.rollback()
    return found


def test_the_index_finds_what_comparing_every_pair_finds(app, monkeypatch):
    indexed, every_pair = linked_both_ways(crowded(3000), partition, monkeypatch)
    assert len(indexed) > 50  # the data links: the comparison means something
    assert indexed == every_pair


def outcome() -> dict[str, list[tuple]]:
    """Everything linking records: claims' figures, links with their evidence, events,
    figures' summaries and conflicts."""
    queries = {
        "claims": 'SELECT "id", "figure_id" FROM "claim" ORDER BY "id"',
        "links": 'SELECT "claim_id", "figure_id", "origin", "rules", "score", "matched" '
        'FROM "figure_link" ORDER BY "claim_id"',
        "events": 'SELECT "figure_id", "claim", "action", "evidence" FROM "figure_event" '
        'ORDER BY "figure_id", "claim", "action"',
        "figures": 'SELECT "id", "unit", "status", "claim_count", "document_count", '
        '"conflicted", "first_claim", "subject" FROM "figure" ORDER BY "id"',
        "conflicts": 'SELECT "figure_id", "kind", "claims", "detail" FROM "figure_conflict" '
        'ORDER BY "figure_id", "kind"',
    }
    return {name: list(database.execute_sql(sql)) for name, sql in queries.items()}


def test_an_import_records_what_comparing_every_pair_records(app, monkeypatch):
    """Not only the same groups: the same figures, evidence (rules, score, claim matched),
    events and conflicts, over several periods of the index."""
    indexed, every_pair = linked_both_ways(crowded(5000, days=300), outcome, monkeypatch)
    assert len(indexed["links"]) > 500 and indexed["conflicts"]
    for name, rows in indexed.items():
        assert rows == every_pair[name], name


def test_a_later_import_of_earlier_articles_records_what_comparing_every_pair_records(
    app, monkeypatch
):
    """Claims that arrive out of order: articles of later months are imported and linked
    first, then those of the months before them, which join figures that already open
    (and then open earlier) across every boundary of the index's periods and windows."""
    made = crowded(4000, days=150)
    late = [a for a in made if a["document"]["published"] >= "2016-04-20"]
    early = [a for a in made if a["document"]["published"] < "2016-04-20"]
    with database.connection_context():
        store_speakers(SPEAKERS)
        bulk_import.import_articles(late)
        linked_before = len(outcome()["links"])
        older_figures = Figure.select(Figure.id).order_by(Figure.id.desc()).scalar()
        report = bulk_import.import_articles(early, link=False)
        first, last = imported_range(report.claims)
        found = link_range_both_ways(first, last, outcome, monkeypatch)
    indexed, by_every_pair = found
    # Earlier claims joined figures of the later months, not only figures of their own.
    joined_older = [c for c, f, *_ in indexed["links"] if c >= first and f <= older_figures]
    assert linked_before > 300 and len(indexed["links"]) > linked_before + 200
    assert len(joined_older) > 20
    for name, rows in indexed.items():
        assert rows == by_every_pair[name], name


def test_the_index_finds_every_claim_compare_could_accept(app):
    """Whatever the qualifier, sign, width or range, a claim that overlaps another, states
    a number within a factor of MAGNITUDE and is from a window before it to two windows
    after it (`linking.reach`) is a candidate if in a figure, or within a window of it if
    in none (compare's window counts from a claim in no figure)."""
    rng = random.Random(5)
    values = [0, 1, 3, 7, 12, 95, 100, 480, 3500, 0.5, 2.5, 13.5, 4.8e8, 7e8, 1.2e10, -3, -4.5]
    qualifiers = ["exact", "approx", "at_least", "more_than", "at_most", "less_than", "since"]
    entities = frozenset({"organization:gaon"})
    with database.connection_context():
        linker = linking.Linker("test", "property", bulk=True)
        made = []
        for claim in range(1, 1201):
            if rng.random() < 0.05:
                value, qualifier, stated = 7e8, rng.choice(["at_least", "at_most"]), "7억~8억 대"
            else:
                value, qualifier = rng.choice(values), rng.choice(qualifiers)
                value = value * rng.choice([1, 1, 1.1, 0.9, 2, 0.5, 10])
                stated = f"{value:g}"
            day = 739385 + rng.randint(0, 200)
            reading = read(
                claim, f"doc-{claim}", "units", value, qualifier, day, stated, None, None,
                None, False, entities,
            )  # fmt: skip
            in_figure = rng.random() < 0.5
            linker.readings[claim] = reading
            linker.figure_of[claim] = 1 if in_figure else None
            linker._register(reading, in_figure)
            made.append(reading)
        missed = []
        for a in made:
            found = {r.claim for r in linker._candidates(a)}
            for b in made:
                after = WINDOW_DAYS * (2 if linker.figure_of[b.claim] else 1)
                if (
                    b is not a
                    and -WINDOW_DAYS <= b.day - a.day <= after
                    and max(a.low, b.low) <= min(a.high, b.high)
                    and near(a, b)
                    and b.claim not in found
                ):
                    missed.append((a, b))
    assert not missed, missed[:3]


def test_a_claim_linked_out_of_order_still_finds_figures_of_later_periods(app):
    """Lookups read only figures' claims in the periods after a window closes, and claims
    that join figures are not added there: linked in order of their day, none is needed.
    Linked out of order, a claim must still see a claim that joined a figure since."""
    entities, heads = frozenset({"organization:gaon"}), frozenset({"stores"})
    base = 739385 - 739385 % linking.PERIOD_DAYS  # the first day of a period

    def claim(claim: int, day: int, value: int, qualifier: str) -> Reading:
        return read(
            claim, f"doc-{claim}", "items", value, qualifier, base + day, f"{value}", None,
            None, None, False, entities, heads,
        )  # fmt: skip

    # Z is within a window of the figure X and Y open (X's day), but Y, the only claim of
    # it Z matches, is in a period that begins after Z's window closes.
    x, y, z = (
        claim(1, 80, 1100, "approx"),
        claim(2, 100, 1300, "approx"),
        claim(3, 60, 1400, "exact"),
    )
    assert linking.compare(y, x) and linking.compare(z, y, x.day) and not linking.compare(z, x)
    assert y.day // linking.PERIOD_DAYS * linking.PERIOD_DAYS > z.day + WINDOW_DAYS
    with database.connection_context():
        linker = linking.Linker("test", "out of order", bulk=True)
        for reading in (x, y, z):
            linker.readings[reading.claim] = reading
            linker.figure_of[reading.claim] = None
            linker._register(reading)
        figure = linker.link(x.claim)
        assert figure is not None and linker.figure_of[y.claim] == figure
        assert linker.link(z.claim) == figure


def near(a: Reading, b: Reading) -> bool:
    """compare's `magnitude`: some stated number of each within a factor of MAGNITUDE."""
    return any(
        x == y or (x * y > 0 and max(abs(x), abs(y)) <= MAGNITUDE * min(abs(x), abs(y)))
        for x in a.anchors
        for y in b.anchors
    )


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


def conflicts_by_every_pair(readings: list[Reading]) -> dict[str, set[int]]:
    """conflicts_of's definition: pair_conflicts over every pair of a figure's claims in
    order, or of its distinct readings when there are more than PAIRWISE_LIMIT."""
    group = {r.claim: [r.claim] for r in readings}
    standing = readings
    if len(readings) > linking.PAIRWISE_LIMIT:
        distinct: dict[tuple, list[Reading]] = {}
        for r in readings:
            key = (r.stated, r.qualifier, r.unit, r.speaker, r.restates is not None, r.document)
            distinct.setdefault(key, []).append(r)
        standing = [same[0] for same in distinct.values()]
        group = {same[0].claim: [r.claim for r in same] for same in distinct.values()}
    found: dict[str, set[int]] = {}
    for i, a in enumerate(standing):
        for b in standing[i + 1 :]:
            for kind in pair_conflicts(a, b):
                found.setdefault(kind, set()).update(group[a.claim], group[b.claim])
    return found


@pytest.mark.parametrize("size", [2, 3, 7, 40, linking.PAIRWISE_LIMIT + 1, 400])
def test_a_figures_conflicts_are_what_every_pair_of_its_claims_finds(size):
    """Found per signature, a figure's conflicts are those of every pair: with claims said
    together in one text (conversions, a range's two ends), bounds whose order matters,
    speakers, units and precisions that differ, below and above PAIRWISE_LIMIT."""
    rng = random.Random(size)
    choices = {
        "value": [3, 10, 112, 3500, 3600, 300_000_000, 400_000_000, -3500],
        "unit": ["units", "items", "companies", "years", "months"],
        "qualifier": ["exact", "approx", "at_least", "more_than", "at_most", "since"],
        "stated": ["3억 대", "3억~4억 대", "3500여 개", "10년", "약 3500개"],
        "speaker": [None, "han", "yoon", "gaon"],
    }
    for trial in range(300 if size < 10 else 30):  # small figures: kinds no other pair hides
        documents = [f"doc-{d}" for d in range(rng.choice([1, 2, 5, size]))]
        # Claims restate a few statements, as a figure's claims do: signatures repeat.
        statements = [
            {name: rng.choice(options) for name, options in choices.items()} for _ in range(3)
        ]
        made = []
        for claim in range(1, size + 1):
            said = rng.choice(statements)
            if rng.random() < 0.3:
                said = {name: rng.choice(options) for name, options in choices.items()}
            restates = rng.choice([None, None, rng.randint(1, size)])
            made.append(
                read(
                    claim, rng.choice(documents), said["unit"], said["value"],
                    said["qualifier"], 739385 + rng.randint(0, 20), said["stated"], restates,
                    said["speaker"], "gaon", said["speaker"] == "gaon",
                )
            )  # fmt: skip
        made.sort(key=lambda r: (r.day, r.claim))
        assert linking.conflicts_of(made) == conflicts_by_every_pair(made), trial


def test_deciding_runs_beside_the_database_work_and_its_failure_reaches_the_caller():
    """An import's links are decided in a thread while its indexes are built: both happen,
    the database work on the calling thread, and an error in deciding is not lost."""
    where: dict[str, str] = {}

    def decide() -> None:
        where["decide"] = threading.current_thread().name

    def build() -> None:
        where["build"] = threading.current_thread().name

    linking.deciding_while(decide, build)
    assert where == {"decide": "linking-decisions", "build": threading.current_thread().name}

    def broken() -> None:
        raise ValueError("no figure")

    with pytest.raises(ValueError, match="no figure"):
        linking.deciding_while(broken, build)
    where.clear()
    linking.deciding_while(decide, None)  # nothing to do meanwhile: decided right here
    assert where == {"decide": threading.current_thread().name}
