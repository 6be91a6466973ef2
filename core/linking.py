"""Link claims into figures: when claims become active, in bulk for imports, and `relink`.

The rules are core.figure_rules; this module finds what to compare and keeps
the record. A claim is compared only with candidates found through indexes:
claims of a compatible unit whose stated number is within a factor of two
(the claim table's (status, unit, value) index, or, in memory, cells of a
unit, an entity (speaker or organisation) and a period, each sorted by
stated number, so a lookup is two bisections a cell). It then joins the
best-scoring candidate's figure, or, when that candidate is in another
document and in no figure yet, forms a new figure with it. A claim that
restates another in its own text (120억 달러(약 16조원)) and the two ends of
a range go where their companion goes.

Human decisions come first: a claim a person attached is never moved (its
link's origin is `person`), and a claim a person took out of a figure is
never put back in it (FigureExclusion). `relink` undoes every automatic link
and makes them again from the rules, leaving those decisions alone.

Each link stores its evidence (FigureLink: the rules that held, the score,
the claim it matched), and each change is an event in the figure's history.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import threading
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import partial

from core.figure_rules import (
    CONFLICT_KINDS,
    INFINITY,
    MAGNITUDE,
    WINDOW_DAYS,
    Match,
    Reading,
    block,
    compare,
    conflict_signature,
    kinds_between,
    match_score,
    read,
    said_together,
    units_of,
)
from extractor.subject_terms import key_terms, words
from schema.db import database, executemany, is_sqlite, sync_id_sequence
from schema.models import (
    Figure,
    FigureConflict,
    FigureExclusion,
    FigureLink,
    Organization,
    OrganizationAlias,
    Speaker,
    SpeakerAlias,
    utc_now,
)
from schema.organization_names import folded

AUTOMATIC, PERSON = "automatic", "person"
# What a claim's reading is made from, as selected from the claim table (alias c).
FEATURES = (
    'c."id", c."document_id", c."unit", c."value", c."qualifier", c."published", '
    'c."stated_as", c."restates_id", c."speaker_id", c."subject", c."figure_id"'
)
# Above this many members, a figure's conflicts compare each claim with the
# first appearance and with the claims of distinct readings only.
PAIRWISE_LIMIT = 80


# Day numbers by publication date as the driver returns it: a bulk run reads a million
# claims published on a few thousand dates, and parsing each date once is measurable.
_DAYS: dict = {}


def day_number(published) -> int:
    """A publication date as a day number, whatever the driver returns."""
    day = _DAYS.get(published)
    if day is None:
        date = dt.date.fromisoformat(published[:10]) if isinstance(published, str) else published
        day = date.toordinal()
        if len(_DAYS) < 100_000:
            _DAYS[published] = day
    return day


class Names:
    """Organisations and speakers by every name: the entities a claim's subject names.

    An entity is `speaker:<id>` or `organization:<id>`; a person named in a
    subject brings their organisation too, so "레예스 CEO의 방한" is about
    Aurora AI as well as about Reyes.
    """

    def __init__(self) -> None:
        self.by_name: dict[str, frozenset] = {}
        self.organization_of: dict[str, str | None] = {}
        self.is_organization: dict[str, bool] = {}
        self._subjects: dict[str, tuple[frozenset, frozenset, frozenset]] = {}
        self._with_speaker: dict[tuple, frozenset] = {}
        found: dict[str, set] = defaultdict(set)
        for oid, name, name_en in Organization.select(
            Organization.id, Organization.name, Organization.name_en
        ).tuples():
            for n in (oid, name, name_en):
                if n:
                    found[folded(n)].add(f"organization:{oid}")
        for oid, alias in OrganizationAlias.select(
            OrganizationAlias.organization, OrganizationAlias.alias
        ).tuples():
            found[folded(alias)].add(f"organization:{oid}")
        speakers = Speaker.select(
            Speaker.id, Speaker.name, Speaker.name_en, Speaker.kind, Speaker.organization_id
        ).tuples()
        for sid, name, name_en, kind, oid in speakers:
            self.organization_of[sid] = oid
            self.is_organization[sid] = kind == "organization"
            keys = {f"speaker:{sid}"} | ({f"organization:{oid}"} if oid else set())
            if kind == "organization" and oid:
                keys = {f"organization:{oid}"}  # named in a subject, it is the organisation
            for n in (name, name_en):
                if n:
                    found[folded(n)] |= keys
        for sid, alias in SpeakerAlias.select(SpeakerAlias.speaker, SpeakerAlias.alias).tuples():
            oid = self.organization_of.get(sid)
            keys = {f"speaker:{sid}"} | ({f"organization:{oid}"} if oid else set())
            if self.is_organization.get(sid) and oid:
                keys = {f"organization:{oid}"}
            found[folded(alias)] |= keys
        self.by_name = {name: frozenset(keys) for name, keys in found.items()}
        self.longest = max((len(n.split()) for n in self.by_name), default=1)

    def with_speaker(self, entities: frozenset, speaker: str, organization: str | None):
        """A subject's entities with the speaker and the speaker's organisation.

        Claims of one speaker about one subject share a single set, so a bulk
        run holding a million readings does not hold a million equal sets.
        """
        key = (entities, speaker)
        found = self._with_speaker.get(key)
        if found is None:
            found = entities | {f"speaker:{speaker}"}
            if organization:
                found |= {f"organization:{organization}"}
            if len(self._with_speaker) < 200_000:
                self._with_speaker[key] = found
        return found

    def of_subject(self, subject: str | None) -> tuple[frozenset, frozenset, frozenset]:
        """(entities named, heads, aspects) of a subject; names are not terms."""
        if not subject:
            return frozenset(), frozenset(), frozenset()
        known = self._subjects.get(subject)
        if known is not None:
            return known
        said = words(subject)
        entities, skip = set(), set()
        for size in range(min(self.longest, 3), 0, -1):
            for i in range(len(said) - size + 1):
                name = " ".join(said[i : i + size])
                keys = self.by_name.get(name)
                if keys:
                    entities |= keys
                    skip.update(said[i : i + size])
        heads, aspects = key_terms(subject, frozenset(skip))
        result = (frozenset(entities), heads, aspects)
        if len(self._subjects) < 200_000:
            self._subjects[subject] = result
        return result


def reading_of(row: tuple, names: Names) -> Reading:
    """A claim's reading from its FEATURES row."""
    claim, document, unit, value, qualifier, published, stated, restates, speaker, subject = row[
        :10
    ]
    entities, heads, aspects = names.of_subject(subject)
    organization = names.organization_of.get(speaker) if speaker else None
    if speaker:
        entities = names.with_speaker(entities, speaker, organization)
    return read(
        claim, document, unit, value, qualifier, day_number(published), stated, restates,
        speaker, organization, bool(speaker and names.is_organization.get(speaker)),
        entities, heads, aspects,
    )  # fmt: skip


def _param(value: float):
    """A value bound for the claim table's NUMERIC column on either backend."""
    from decimal import Decimal

    return value if is_sqlite() else Decimal(repr(value))


# The index's cells by how wide a claim's interval is, as the ratio of its ends: a
# claim of a bounded, positive interval is found by its low end, which lies within a
# known factor of any number its interval overlaps. Every other claim (unbounded, zero
# or negative, or wider) is found by its stated numbers alone. A lookup reads the keys
# from its own low end divided by the class's ratio, so a class far wider than its
# claims reads claims that cannot overlap: a year (2023년, 2022.5–2023.5) in a class of
# 1.125 read every year since 1798, and two-digit figures (3.4억) their ten neighbours.
WIDTH_RATIOS = (1.0002, 1.001, 1.005, 1.02, 1.125, 1.5, 3.0)
UNSIFTED = len(WIDTH_RATIOS)
SLACK = 1e-9  # bounds a little wider than exact, so float rounding at the edges loses none
# The index's cells by date: claims published within PERIOD_DAYS of each other. A lookup
# reads every period that meets the three windows of `reach` around a claim's day, and
# everything it reads outside them is sifted out one claim at a time. Shorter periods
# read less of that but more cells: at 300k claims, 16 and 8 days read 10% and 16%
# fewer claims than a window and took no less time.
PERIOD_DAYS = WINDOW_DAYS


def reach(day: int) -> tuple[int, int]:
    """The first and last day of a claim a claim of `day` may join (compare's window).

    A claim in no figure must be within a window of `day`. A claim in a figure
    joins only if the figure's first appearance is: the claim is on or after
    that day (refresh keeps `first_published` the earliest of a figure's
    claims, and a join moves it to the joining claim's day when earlier), and
    at most a window after it. So nothing before `day - WINDOW_DAYS`, and
    nothing after `day + 2 * WINDOW_DAYS`, can be joined. Lookups used to
    read from two windows before: at 300k claims a sixth of all they read.
    """
    return day - WINDOW_DAYS, day + 2 * WINDOW_DAYS


def width_class(reading: Reading) -> int:
    """The first WIDTH_RATIOS limit the ratio of a claim's interval ends is within, or
    UNSIFTED."""
    if 0 < reading.low and reading.high < INFINITY:
        ratio = reading.high / reading.low
        for width, limit in enumerate(WIDTH_RATIOS):
            if ratio <= limit:
                return width
    return UNSIFTED


def spans(reading: Reading) -> list[list[tuple[float, float]]]:
    """The spans of index keys where the candidates of `reading` may be, by width class.

    A candidate must overlap the claim (compare's `interval`) and state a number
    within a factor of MAGNITUDE of one of the claim's (`magnitude`). Found by
    stated number (UNSIFTED), that is a span around each of the claim's numbers.
    Found by low end in a class of ratio r (0 < low, high <= r * low), a candidate
    near a positive number a of the claim has low <= its number <= MAGNITUDE * a,
    and high >= a / MAGNITUDE; overlapping [L, H] it has low <= H and high >= L;
    so its low end is within [max(L, a / MAGNITUDE) / r, min(H, MAGNITUDE * a)].
    No such candidate is near a number that is zero or negative.
    """
    by_number: list[tuple[float, float]] = []
    by_low: list[list[tuple[float, float]]] = [[] for _ in WIDTH_RATIOS]
    for a in reading.anchors:
        low, high = sorted((a / MAGNITUDE, a * MAGNITUDE))
        by_number.append((low - abs(low) * SLACK, high + abs(high) * SLACK))
        if a <= 0:
            continue
        top = min(reading.high, a * MAGNITUDE) * (1 + SLACK)
        for width, limit in enumerate(WIDTH_RATIOS):
            bottom = max(reading.low, a / MAGNITUDE) / limit * (1 - SLACK)
            if bottom <= top:
                by_low[width].append((bottom, top))
    return [*by_low, by_number]


class Linker:
    """Decides and records links for a run of claims; see the module's docstring.

    Everything it decides is kept in memory and written by `flush`, so a bulk
    import writes links with a few statements. `bulk` preloads every active
    claim of the run's dates; otherwise candidates are looked up per claim.
    """

    def __init__(self, author: str, reason: str, *, bulk: bool = False) -> None:
        self.author, self.reason, self.bulk = author, reason, bulk
        self.names = Names()
        self.readings: dict[int, Reading] = {}
        # The index, by cell (see `_cells`): every known claim by its stated numbers, in
        # no figure or in one (`figure_of` says which, so joining a figure moves nothing).
        self.index: dict[tuple, dict[int, tuple[list[float], list[Reading]]]] = {}
        self.unsorted: dict[tuple, list[tuple[float, int, Reading]]] = defaultdict(list)
        # The same, of the claims that were in a figure when they became known: what a
        # lookup reads of the periods that begin after its window closes (`_candidates`).
        self.in_figures: dict[tuple, dict[int, tuple[list[float], list[Reading]]]] = {}
        self.in_figures_unsorted: dict[tuple, list[tuple]] = defaultdict(list)
        self.linked_through = -INFINITY  # the latest day `link` has looked up so far
        self.in_order = True  # ... and every lookup's day was on or after the one before
        self.spans: dict[tuple, list[list[tuple[float, float]]]] = {}
        self.by_document: dict[str, list[int]] = defaultdict(list)
        self.figure_of: dict[int, int | None] = {}
        self.stored_figure: dict[int, int | None] = {}
        self.first_day: dict[int, int] = {}
        self.members: dict[int, set[int]] = defaultdict(set)
        self.pinned: set[int] = set()
        self.excluded: set[tuple[int, int]] = set()
        self.evidence: dict[int, tuple[Match, int | None]] = {}
        self.new_figures: dict[int, str] = {}  # id → unit, until written
        self.created: set[int] = set()  # every figure made in this run
        self.holds_all = False  # every active claim is known (relink)
        self.reusable: dict[int, int] = {}  # claim → the figure relink took it from
        self.reused: set[int] = set()
        self.touched: set[int] = set()
        self.documents_loaded: set[str] = set()
        self.next_figure = (Figure.select(Figure.id).order_by(Figure.id.desc()).scalar() or 0) + 1
        # People's decisions are looked up per claim only when there are any at all.
        self.decisions_exist = (
            FigureLink.select().where(FigureLink.origin == PERSON).exists()
            or FigureExclusion.select().exists()
        )
        self.now = utc_now()

    # --- what is known ---------------------------------------------------------------

    def add_rows(self, rows: Iterable[tuple]) -> None:
        """Know these claims (FEATURES rows): their readings and current figures."""
        readings, figure_of, stored_figure = self.readings, self.figure_of, self.stored_figure
        members, by_document, names = self.members, self.by_document, self.names
        fresh = []
        for row in rows:
            claim = row[0]
            if claim in readings:
                continue
            reading = readings[claim] = reading_of(row, names)
            figure = figure_of[claim] = stored_figure[claim] = row[10]
            if figure is not None:
                members[figure].add(claim)
            by_document[reading.document].append(claim)
            fresh.append(reading)
        self._load_figures_of([reading.claim for reading in fresh])
        for reading in fresh:
            self._register(reading, figure_of[reading.claim] is not None)

    def _register(self, reading: Reading, in_figure: bool = False) -> None:
        """Index a claim in each of its cells (sorted when looked up): by its interval's
        low end in the cell of its width, or by each stated number (see `width_class`);
        a claim in a figure in `in_figures` as well."""
        width = width_class(reading)
        if width < UNSIFTED:
            entries = [(reading.low, reading.claim, reading)]
        else:
            entries = [(anchor, reading.claim, reading) for anchor in reading.anchors]
        for base, entity, period in self._cells(reading):
            self.unsorted[(base, entity, period, width)] += entries
            if in_figure:
                self.in_figures_unsorted[(base, entity, period, width)] += entries

    def _cells(self, reading: Reading) -> list[tuple]:
        """The (unit block, entity, period) cells a claim is indexed under.

        A period is PERIOD_DAYS long. A speaker with an organisation always
        brings that organisation among its entities, so such a speaker's own
        entity is left out of the cells: any claim sharing the speaker shares
        the organisation too (fewer cells, same candidates).
        """
        period = reading.day // PERIOD_DAYS
        base = block(reading.base)
        implied = f"speaker:{reading.speaker}" if reading.speaker_organization else None
        return [(base, e, period) for e in reading.entities if e != implied]

    def _candidates(self, reading: Reading) -> list[Reading]:
        """Claims that share an entity with `reading`, are in the periods from a window
        before its day to two windows after, and may overlap it and state a number
        within a factor of MAGNITUDE of one of its own (see `spans`): a few bisections a
        cell, whatever the claims in it.

        Those days hold every claim compare could accept (`reach`). A claim in no
        figure is joined only within a window of `reading` (compare's window counts
        from it), so of the periods that begin after that window closes only the
        claims in a figure are read (`in_figures`): at 300k claims a quarter of all
        that lookups read was claims in no figure, in those periods. A claim that
        joins a figure in this run is not added there, and need not be: claims are
        linked in order of their day (`link_all`), and what joins while one is linked
        is within a window of its day, so before any such period of a later lookup.
        Should lookups ever go back in time, every period is read whole.
        """
        if self.unsorted:
            self._sort(self.index, self.unsorted)
        if self.in_figures_unsorted:
            self._sort(self.in_figures, self.in_figures_unsorted)
        # Spans depend on the interval and stated numbers only, which claims repeat.
        interval = (reading.low, reading.high, reading.anchors)
        wanted = self.spans.get(interval)
        if wanted is None:
            wanted = spans(reading)
            if len(self.spans) < 100_000:
                self.spans[interval] = wanted
        found: list[Reading] = []
        index, in_figures = self.index, self.in_figures
        earliest, latest = reach(reading.day)
        periods = range(earliest // PERIOD_DAYS, latest // PERIOD_DAYS + 1)
        # The first period that begins after the window closes; none if out of order.
        figures_only = (reading.day + WINDOW_DAYS) // PERIOD_DAYS + 1
        if not self.in_order:
            figures_only = periods.stop
        for base, entity, _ in self._cells(reading):
            for near in periods:
                cells = index if near < figures_only else in_figures
                for width, (keys, known) in cells.get((base, entity, near), {}).items():
                    for low, high in wanted[width]:
                        found += known[bisect_left(keys, low) : bisect_right(keys, high)]
        return found

    @staticmethod
    def _sort(index: dict, unsorted: dict) -> None:
        """Merge the newly indexed claims into their cells' sorted lists (by key, then id)."""
        for (*cell, width), entries in unsorted.items():
            widths = index.setdefault(tuple(cell), {})
            if width in widths:
                keys, known = widths[width]
                entries += ((k, r.claim, r) for k, r in zip(keys, known, strict=True))
            entries.sort(key=lambda entry: entry[:2])
            widths[width] = ([entry[0] for entry in entries], [entry[2] for entry in entries])
        unsorted.clear()

    def _load_figures_of(self, claims: list[int]) -> None:
        """The first appearance's day of each figure these claims are in, and human decisions."""
        figures = {self.figure_of[c] for c in claims if self.figure_of[c] is not None}
        figures -= set(self.first_day)
        for chunk in _chunks(sorted(figures)):
            for figure_id, first in (
                Figure.select(Figure.id, Figure.first_published)
                .where(Figure.id.in_(chunk))
                .tuples()
            ):
                if first is not None:
                    self.first_day[figure_id] = day_number(first)
        if not self.decisions_exist:
            return
        for chunk in _chunks(claims):
            self.pinned.update(
                c
                for (c,) in FigureLink.select(FigureLink.claim)
                .where(FigureLink.claim.in_(chunk) & (FigureLink.origin == PERSON))
                .tuples()
            )
            self.excluded.update(
                FigureExclusion.select(FigureExclusion.claim, FigureExclusion.figure)
                .where(FigureExclusion.claim.in_(chunk))
                .tuples()
            )

    def load_claims(self, claim_ids: list[int]) -> None:
        """Know these claims (active ones only) and the other claims of their documents."""
        for chunk in _chunks(claim_ids):
            marks = ", ".join([database.param] * len(chunk))
            sql = f'SELECT {FEATURES} FROM "claim" AS c WHERE c."id" IN ({marks}) '
            self.add_rows(database.execute_sql(sql + "AND c.\"status\" = 'active'", chunk))
        for document in {self.readings[c].document for c in claim_ids if c in self.readings}:
            self._load_document(document)

    def _load_document(self, document: str) -> None:
        if document in self.documents_loaded:
            return
        self.documents_loaded.add(document)
        sql = (
            f'SELECT {FEATURES} FROM "claim" AS c WHERE c."status" = \'active\' '
            f'AND c."document_id" = {database.param}'
        )
        self.add_rows(database.execute_sql(sql, (document,)))

    def load_window(self, first_day: int, last_day: int) -> None:
        """Know every active claim published within the window of [first_day, last_day]."""
        start = dt.date.fromordinal(first_day - WINDOW_DAYS).isoformat()
        end = dt.date.fromordinal(last_day + WINDOW_DAYS).isoformat()
        # In the (status, published, id) index's order, spelled out: an import into an
        # empty table links before that index is built again, and the order claims are
        # known in is the order of their events.
        sql = (
            f'SELECT {FEATURES} FROM "claim" AS c WHERE c."status" = \'active\' '
            f'AND c."published" >= {database.param} AND c."published" <= {database.param} '
            'ORDER BY c."published", c."id"'
        )
        cursor = database.execute_sql(sql, (start, end))
        while rows := cursor.fetchmany(5000):
            self.add_rows(rows)
        self.documents_loaded.update(self.by_document)

    def _load_candidates(self, reading: Reading) -> None:
        """Claims the (status, unit, value) index finds for `reading`, within the window."""
        low = (
            min(reading.anchors) / MAGNITUDE
            if min(reading.anchors) > 0
            else min(reading.anchors) * MAGNITUDE
        )
        high = (
            max(reading.anchors) * MAGNITUDE
            if max(reading.anchors) > 0
            else max(reading.anchors) / MAGNITUDE
        )
        start = dt.date.fromordinal(reading.day - 2 * WINDOW_DAYS).isoformat()
        end = dt.date.fromordinal(reading.day + 2 * WINDOW_DAYS).isoformat()
        from core.figure_rules import DEFINED_UNITS

        for unit in units_of(reading.unit):
            factor = DEFINED_UNITS.get(unit, (unit, 1))[1]
            sql = (
                f'SELECT {FEATURES} FROM "claim" AS c WHERE c."status" = \'active\' '
                f'AND c."unit" = {database.param} AND c."value" >= {database.param} '
                f'AND c."value" <= {database.param} AND c."published" >= {database.param} '
                f'AND c."published" <= {database.param}'
            )
            params = (unit, _param(low / factor), _param(high / factor), start, end)
            self.add_rows(database.execute_sql(sql, params))

    # --- deciding ----------------------------------------------------------------------

    def link_all(self, claims: Iterable[int]) -> None:
        """Link each claim, earliest published first (ties by id)."""
        order = sorted(
            (c for c in claims if c in self.readings),
            key=lambda c: (self.readings[c].day, c),
        )
        for claim in order:
            self.link(claim)

    def link(self, claim: int) -> int | None:
        """Put one known claim where the rules say; its figure (None: none)."""
        reading = self.readings[claim]
        if claim in self.pinned or not reading.entities and reading.restates is None:
            return self.figure_of.get(claim)
        current = self.figure_of.get(claim)
        if current is not None and claim in self.evidence:
            return current  # placed in this run already, with the claim that brought it
        if current is not None:
            self._leave(claim)
        if not self.bulk:
            self._load_candidates(reading)
            self._load_document(reading.document)
        if reading.day < self.linked_through:
            self.in_order = False
        self.linked_through = max(self.linked_through, reading.day)
        chosen = self._companion_figure(reading) or self._best(reading)
        if chosen is None:
            return None
        figure, match, partner = chosen
        if figure is None:
            figure = self._new_figure(reading, partner)
            other = self.readings[partner]
            self._join(partner, figure, compare(other, reading) or match, claim)
        self._join(claim, figure, match, partner)
        self._companions(reading, figure)
        return figure

    def _companion_figure(self, reading: Reading):
        """The figure of the claim this one restates in its own text, if that has one."""
        target = reading.restates
        figure = self.figure_of.get(target) if target is not None else None
        if figure is None or (reading.claim, figure) in self.excluded:
            return None
        return figure, Match(("stated_conversion",), 10.0), target

    def _best(self, reading: Reading):
        """The best-ranked candidate: (figure or None, match, claim matched), or None.

        Figures come first: each is compared once per distinct signature of its
        claims among the candidates (what compare reads of them is the same), so
        the cost follows the number of figures near the claim, not of their
        claims. Only when no figure matches are the claims in no figure compared
        one by one: a figure that matches outranks any of them.

        Before any comparison, candidates are sifted by what compare would refuse
        first, without a call: intervals that do not overlap, subjects that name
        different things, and dates outside the window (counted from the figure's
        first appearance, or from the claim in no figure). Of a group of equal
        signature, the claim ranked is the lowest id within `reach` of the claim's
        day (the claims compare would look at first).
        """
        low, high, day, heads = reading.low, reading.high, reading.day, reading.heads
        document, figure_of, first_day = reading.document, self.figure_of, self.first_day
        earliest, latest = reach(day)
        opens, closes = day - WINDOW_DAYS, day + WINDOW_DAYS  # compare's window
        visible: dict[tuple, int] = {}  # (figure, signature[, day]) → lowest claim id
        # Claims in no figure, in another document; one found twice (two cells, two
        # numbers) counts once. A figure's claims are counted once by `visible`.
        free: dict[int, Reading] = {}
        for known in self._candidates(reading):
            if known.low > high or known.high < low or not earliest <= known.day <= latest:
                continue
            if heads and known.heads and heads.isdisjoint(known.heads):
                continue
            other = known.claim
            figure = figure_of.get(other)
            if figure is None:
                # A figure needs two documents; compare counts the window from `known`.
                if known.document != document and opens <= known.day <= closes:
                    free[other] = known
                continue
            # The group: the figure and what compare reads of the claim (its day aside:
            # the window counts from the figure's first appearance, so a figure opened
            # more than a window away is refused whatever its claims). Claims of a group
            # match a new claim alike, with the same score. Undated, the window counts
            # from each claim: its day is part of the group.
            first = first_day.get(figure)
            if first is not None and not opens <= first <= closes:
                continue
            group = (
                figure, known.unit, known.low, known.high, known.anchors, known.entities,
                known.heads, known.aspects, None if first is not None else known.day,
            )  # fmt: skip
            if other < visible.get(group, other + 1):
                visible[group] = other
        found = self._best_figure(reading, visible)
        return found if found is not None else self._best_free(reading, free)

    def _best_figure(self, reading: Reading, visible: dict[tuple, int]):
        """The best figure's (figure, match, claim matched) of the groups seen, or None."""
        best = None
        readings, excluded, first_day = self.readings, self.excluded, self.first_day
        for group, other in visible.items():
            figure = group[0]
            if (reading.claim, figure) in excluded:
                continue
            score = match_score(reading, readings[other], first_day.get(figure))
            if score is None:
                continue
            rank = (score, -figure, -other)
            if best is None or rank > best[0]:
                best = (rank, figure, other)
        if best is None:
            return None
        _, figure, other = best
        return figure, compare(reading, readings[other], first_day.get(figure)), other

    def _best_free(self, reading: Reading, free: dict[int, Reading]):
        """The best claim in no figure yet, in another document, to form a figure with."""
        best = None
        for known in free.values():
            score = match_score(reading, known)
            if score is None:
                continue
            rank = (score, -known.claim)
            if best is None or rank > best[0]:
                best = (rank, known)
        return None if best is None else (None, compare(reading, best[1]), best[1].claim)

    def _companions(self, reading: Reading, figure: int) -> None:
        """Claims of the same text that go with this one: its conversions, its range's other end."""
        for other in self.by_document.get(reading.document, ()):
            if other == reading.claim or self.figure_of.get(other) is not None:
                continue
            known = self.readings[other]
            if other in self.pinned or (other, figure) in self.excluded:
                continue
            if known.restates == reading.claim or reading.restates == other:
                rule = "stated_conversion"
            elif (
                known.stated == reading.stated
                and known.anchors == reading.anchors
                and len(known.anchors) == 2
            ):
                rule = "same_range"
            else:
                continue
            self._join(other, figure, Match((rule,), 10.0), reading.claim)
            self._companions(known, figure)

    def _new_figure(self, reading: Reading, partner: int) -> int:
        """A figure for two claims that state it; relink gives back one it took them from."""
        for claim in (partner, reading.claim):
            old = self.reusable.get(claim)
            if old is not None and old not in self.reused and not self.members.get(old):
                self.reused.add(old)
                return old
        figure = self.next_figure
        self.next_figure += 1
        first = min((self.readings[partner], reading), key=lambda r: (r.day, r.claim))
        self.new_figures[figure] = first.unit
        self.created.add(figure)
        return figure

    def _join(self, claim: int, figure: int, match: Match, matched: int | None) -> None:
        self.figure_of[claim] = figure
        self.members[figure].add(claim)
        self.evidence[claim] = (match, matched)
        day = self.readings[claim].day
        self.first_day[figure] = min(self.first_day.get(figure, day), day)
        self.touched.add(figure)

    def _leave(self, claim: int) -> None:
        figure = self.figure_of.get(claim)
        if figure is not None:
            self.members[figure].discard(claim)
            self.touched.add(figure)
        self.figure_of[claim] = None
        self.evidence.pop(claim, None)

    # --- writing -----------------------------------------------------------------------

    def flush(self) -> set[int]:
        """Write every change decided: figures, claims' figures, links, events; then refresh."""
        with page_cache(BULK_PAGE_CACHE_KIB if self.bulk else None):
            return self._flush()

    def _flush(self) -> set[int]:
        cursor = database.cursor()
        if self.new_figures:
            rows = [
                (fid, unit, "active", 0, 0, False, 1, self.author, self.reason, self.now, self.now)
                for fid, unit in sorted(self.new_figures.items())
            ]
            executemany(
                cursor,
                'INSERT INTO "figure" ("id", "unit", "status", "claim_count", "document_count", '
                '"conflicted", "version", "changed_by", "change_reason", "created_at", '
                f'"updated_at") VALUES ({", ".join([database.param] * 11)})',
                rows,
            )
            sync_id_sequence("figure")
        changed = [c for c, f in self.figure_of.items() if f != self.stored_figure.get(c)]
        if changed:
            # Rows in id order: each statement finds its row next to the last one's.
            update_many(
                f'UPDATE "claim" SET "figure_id" = {database.param} WHERE "id" = {database.param}',
                [(self.figure_of[c], c) for c in sorted(changed)],
            )
            # Only a claim that was in a figure has a link row (a fresh import's have none).
            linked_before = [c for c in changed if self.stored_figure.get(c) is not None]
            for chunk in _chunks(linked_before):
                FigureLink.delete().where(FigureLink.claim.in_(chunk)).execute()
            links, events = [], []
            # A run's links hold few distinct rule lists: each is written as JSON once.
            rules_json: dict[tuple, str] = {}
            for claim in changed:
                old, new = self.stored_figure.get(claim), self.figure_of[claim]
                if old is not None:
                    events.append(
                        (old, claim, "unlinked", None, self.author, self.reason, self.now)
                    )
                if new is not None:
                    match, matched = self.evidence[claim]
                    rules = rules_json.get(match.rules)
                    if rules is None:
                        rules = rules_json[match.rules] = json.dumps(list(match.rules))
                    links.append(
                        (claim, new, AUTOMATIC, rules, match.score, matched, self.author,
                         self.reason, self.now)
                    )  # fmt: skip
                    events.append(
                        (new, claim, "linked", evidence_json(rules, match.score, matched),
                         self.author, self.reason, self.now)
                    )  # fmt: skip
            marks = ", ".join([database.param] * 9)
            executemany(
                cursor,
                'INSERT INTO "figure_link" ("claim_id", "figure_id", "origin", "rules", "score", '
                f'"matched", "changed_by", "reason", "created_at") VALUES ({marks})',
                sorted(links),  # by claim, the table's key: appended, not inserted
            )
            record_events(cursor, events)
            for claim in changed:
                self.stored_figure[claim] = self.figure_of[claim]
        touched = set(self.touched)
        refresh(touched, self)
        self.touched.clear()
        self.new_figures.clear()
        return touched


def evidence_json(rules: str, score: float, matched: int | None) -> str:
    """A link event's evidence, as json.dumps({"rules", "score", "matched"}) writes it,
    from the rules already written as JSON (one call per link is measurable in bulk)."""
    shown = "null" if matched is None else int(matched)
    return f'{{"rules": {rules}, "score": {score!r}, "matched": {shown}}}'


# SQLite's page cache while a bulk run writes its links (KiB): the claims it updates
# and the link and event tables' indexes it inserts into are far larger than the
# connection's usual cache, which then writes pages out and reads them back.
BULK_PAGE_CACHE_KIB = 256 * 1024


@contextlib.contextmanager
def page_cache(kib: int | None) -> Iterator[None]:
    """SQLite's page cache set to `kib` KiB for a while, then as it was (elsewhere: as is)."""
    if kib is None or not is_sqlite():
        yield
        return
    before = database.execute_sql("PRAGMA cache_size").fetchone()[0]
    database.execute_sql(f"PRAGMA cache_size = {-int(kib)}")
    try:
        yield
    finally:
        database.execute_sql(f"PRAGMA cache_size = {int(before)}")


def record_events(cursor, events: list[tuple]) -> None:
    """Append (figure, claim, action, evidence, changed_by, reason, changed_at) events."""
    if events:
        executemany(
            cursor,
            'INSERT INTO "figure_event" ("figure_id", "claim", "action", "evidence", '
            f'"changed_by", "reason", "changed_at") VALUES ({", ".join([database.param] * 7)})',
            events,
        )


def update_many(sql: str, rows: list[tuple]) -> None:
    """An UPDATE for each row of parameters, batched on PostgreSQL."""
    if not rows:
        return
    cursor = database.cursor()
    if is_sqlite():
        cursor.executemany(sql, rows)
        return
    from psycopg2.extras import execute_batch

    execute_batch(cursor, sql, rows, page_size=500)


def _chunks(items: list, size: int = 500) -> Iterable[list]:
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- a figure's summary and conflicts ----------------------------------------------------


def conflicts_of(readings: list[Reading]) -> dict[str, set[int]]:
    """Conflict kind → the claims involved, over every pair of a figure's claims.

    A large figure compares its distinct readings (one claim stands for every
    claim of the same wording, qualifier, unit and speaker). What every pair
    would find is found per `conflict_signature` instead (see `_pairs_found`):
    a figure holds hundreds of claims but few signatures, and the pairs of it
    made refreshing a million claims' figures quadratic in their size.
    """
    if len(readings) <= PAIRWISE_LIMIT:
        standing = [(r, (r.claim,)) for r in readings]
    else:
        distinct: dict[tuple, tuple[Reading, list[int]]] = {}
        for r in readings:
            key = (r.stated, r.qualifier, r.unit, r.speaker, r.restates is not None, r.document)
            if key in distinct:
                distinct[key][1].append(r.claim)
            else:
                distinct[key] = (r, [r.claim])
        standing = list(distinct.values())
    found: dict[str, set[int]] = {}
    for i, kinds in enumerate(_pairs_found([r for r, _ in standing])):
        for kind in kinds:
            found.setdefault(kind, set()).update(standing[i][1])
    return found


def _pairs_found(readings: list[Reading]) -> list[set[str]]:
    """For each reading, the kinds `pair_conflicts(a, b)` finds over the pairs a before b
    of `readings` that it is in: the same as calling it for every pair.

    `kinds_between` reads only signatures, so it is called once for two classes of
    readings of one signature each, and for the other way round only when a
    reading of the later class comes before one of the earlier (a bound against
    a bound depends on which comes first). Classes with no text in common hold
    no pair said together: every reading of both has the kinds (or, when the
    order matters, each the kinds of the side its partners are on). Otherwise
    each reading looks for a partner not said together with it (`partnered`).
    """
    by_signature: dict[tuple, list[int]] = {}
    for i, r in enumerate(readings):
        by_signature.setdefault(conflict_signature(r), []).append(i)
    classes = list(by_signature.values())
    documents = [{readings[i].document for i in members} for members in classes]
    found: list[set[str]] = [set() for _ in readings]
    of_class: list[set[str]] = [set() for _ in classes]  # kinds every reading of it has

    def partnered(i: int, others: list[int], after: bool) -> bool:
        """Some reading of `others` after (or before) the i-th is not said with it."""
        a = readings[i]
        cut = bisect_right(others, i) if after else bisect_left(others, i)
        return any(
            not said_together(a, readings[j]) for j in (others[cut:] if after else others[:cut])
        )

    def sided(ones: list[int], others: list[int], kinds: list[str], after: bool) -> None:
        """Give `kinds` to each reading of `ones` with a partner in `others` on that side."""
        if kinds:
            for i in ones:
                if partnered(i, others, after):
                    found[i].update(kinds)

    for s, ones in enumerate(classes):
        one = readings[ones[0]]
        for t in range(s, len(classes)):
            others = classes[t]
            other = readings[others[0]]
            forward = kinds_between(one, other)  # a reading of `ones` first
            # Classes are in the order of their first readings: a reading of `others`
            # comes first only if one comes before the last of `ones`.
            interleaved = others[0] < ones[-1]
            backward = kinds_between(other, one) if interleaved and t != s else forward
            if not forward and not backward:
                continue
            if t != s and documents[s].isdisjoint(documents[t]):
                if forward == backward:
                    of_class[s].update(forward)
                    of_class[t].update(forward)
                    continue
                for i in ones:
                    found[i].update(forward if i < others[-1] else ())
                    found[i].update(backward if i > others[0] else ())
                for j in others:  # each comes after the first of `ones`
                    found[j].update(forward)
                    found[j].update(backward if j < ones[-1] else ())
                continue
            sided(ones, others, forward, after=True)
            sided(ones, others, backward, after=False)
            if t != s:
                sided(others, ones, forward, after=False)
                sided(others, ones, backward, after=True)
    for members, kinds in zip(classes, of_class, strict=True):
        if kinds:
            for i in members:
                found[i].update(kinds)
    return found


def conflict_detail(kind: str, claims: list[Reading], stated: dict[int, str]) -> str:
    """One sentence saying what the claims involved say differently."""
    variants: dict[str, list[int]] = {}
    for r in claims:
        if kind == "value":
            label = f"{stated[r.claim]} ({r.shown()} {r.base})"
        elif kind == "qualifier":
            label = f"{r.qualifier} ({stated[r.claim]})"
        elif kind == "speaker":
            label = r.speaker or "no speaker"
        elif kind == "unit":
            label = f"{r.unit} ({stated[r.claim]})"
        else:
            label = f"{stated[r.claim]} (to the nearest {r.place:g} {r.base})"
        variants.setdefault(label, []).append(r.claim)
    said = "; ".join(
        f"{label}: claims {', '.join(map(str, ids))}" for label, ids in variants.items()
    )
    lead = {
        "value": "The claims state values that do not agree",
        "qualifier": "The claims qualify the number differently",
        "speaker": "The claims attribute the figure to different speakers",
        "unit": "The claims state the figure in units no stated conversion relates",
        "precision": "The claims state the figure to very different precision",
    }[kind]
    return f"{lead}: {said}."


def refresh(figure_ids: set[int], linker: Linker | None = None) -> None:
    """Bring figures' first appearance, counts, unit, subject and conflicts up to date."""
    figure_ids = {f for f in figure_ids if f is not None}
    if not figure_ids:
        return
    members: dict[int, list[Reading]] = defaultdict(list)
    # The linker knows every claim of a figure it made in this run, and of every figure
    # when it holds all active claims (relink); other figures are read from the table.
    held = set(figure_ids) if linker is not None and linker.holds_all else set()
    if linker is not None:
        held |= figure_ids & linker.created
    for figure in held:
        members[figure] = [linker.readings[c] for c in linker.members.get(figure, ())]
    unheld = sorted(figure_ids - held)
    if unheld:
        names = linker.names if linker else Names()
        for chunk in _chunks(unheld):
            marks = ", ".join([database.param] * len(chunk))
            sql = (
                f'SELECT {FEATURES} FROM "claim" AS c WHERE c."figure_id" IN ({marks}) '
                "AND c.\"status\" = 'active'"
            )
            for row in database.execute_sql(sql, chunk):
                known = linker.readings.get(row[0]) if linker else None
                members[row[10]].append(known or reading_of(row, names))
    stated = {r.claim: r.stated_as for readings in members.values() for r in readings}
    summaries, conflict_rows, emptied = [], [], []
    for figure in sorted(figure_ids):
        readings = sorted(members.get(figure, []), key=lambda r: (r.day, r.claim))
        if not readings:
            emptied.append(figure)
            continue
        first = readings[0]
        found = conflicts_of(readings)
        by_claim = {r.claim: r for r in readings}
        for kind in CONFLICT_KINDS:
            if kind in found:
                involved = sorted(found[kind])
                detail = conflict_detail(kind, [by_claim[c] for c in involved], stated)
                conflict_rows.append((figure, kind, json.dumps(involved), detail))
        summaries.append(
            (first.unit, first.claim, dt.date.fromordinal(first.day).isoformat(), len(readings),
             len({r.document for r in readings}), bool(found), first.claim, figure)
        )  # fmt: skip
    for chunk in _chunks(sorted(figure_ids)):
        FigureConflict.delete().where(FigureConflict.figure.in_(chunk)).execute()
    mark = database.param
    update_many(
        f'UPDATE "figure" SET "unit" = {mark}, "first_claim" = {mark}, "first_published" = {mark}, '
        f'"claim_count" = {mark}, "document_count" = {mark}, "conflicted" = {mark}, '
        f'"subject" = (SELECT "subject" FROM "claim" WHERE "id" = {mark}), '
        f'"status" = \'active\' WHERE "id" = {mark} AND "status" <> \'merged\'',
        summaries,
    )
    if emptied:
        update_many(
            f'UPDATE "figure" SET "claim_count" = 0, "document_count" = 0, "conflicted" = {mark}, '
            f'"status" = \'dissolved\' WHERE "id" = {mark} AND "status" = \'active\'',
            [(False, f) for f in emptied],
        )
    if conflict_rows:
        executemany(
            database.cursor(),
            'INSERT INTO "figure_conflict" ("figure_id", "kind", "claims", "detail") '
            f"VALUES ({mark}, {mark}, {mark}, {mark})",
            conflict_rows,
        )


# --- entry points ----------------------------------------------------------------------


def features_of(claim_ids: list[int]) -> dict[int, tuple]:
    """The FEATURES rows of these claims, by id."""
    found = {}
    for chunk in _chunks(claim_ids):
        marks = ", ".join([database.param] * len(chunk))
        sql = f'SELECT {FEATURES} FROM "claim" AS c WHERE c."id" IN ({marks})'
        found.update((row[0], row) for row in database.execute_sql(sql, chunk))
    return found


def link_claims(claim_ids: list[int], author: str, reason: str = "linked automatically") -> None:
    """Link claims that just became active (or changed) with the figures; inside a transaction."""
    if not claim_ids:
        return
    linker = Linker(author, reason)
    linker.load_claims(list(claim_ids))
    linker.link_all(claim_ids)
    linker.flush()


def unlink_claims(claim_ids: list[int], author: str, reason: str) -> None:
    """Take claims that are no longer active out of their figures (history kept)."""
    rows = list(
        FigureLink.select(FigureLink.claim, FigureLink.figure)
        .where(FigureLink.claim.in_(list(claim_ids)))
        .tuples()
    )
    if not rows:
        return
    now = utc_now()
    update_many(
        f'UPDATE "claim" SET "figure_id" = NULL WHERE "id" = {database.param}',
        [(c,) for c, _ in rows],
    )
    FigureLink.delete().where(FigureLink.claim.in_([c for c, _ in rows])).execute()
    record_events(
        database.cursor(), [(f, c, "unlinked", None, author, reason, now) for c, f in rows]
    )
    refresh({f for _, f in rows})


@contextlib.contextmanager
def cycles_uncollected() -> Iterator[None]:
    """Python's cycle collector paused while a bulk run holds its million readings.

    The collector runs every few hundred allocations and, ever more often as
    objects survive, walks everything alive: the run's readings, index cells
    and tuples, none of which form cycles (reference counting frees them). At
    300k claims it was a third of loading the window.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@cycles_uncollected()
def link_imported(
    first_id: int,
    last_id: int,
    author: str,
    reason: str,
    meanwhile: Callable[[], None] | None = None,
) -> set[int]:
    """Link the claims an import just wrote (ids first_id..last_id), all at once.

    Every active claim published within the window of the imported ones is
    held in memory in the index's cells, so each imported claim is compared
    with the few that share its unit, an entity and a period, and whose number
    is within a factor of two of its own. `meanwhile` is database work done
    while the links are decided (see `deciding_while`), before any is written.
    """
    span = database.execute_sql(
        f'SELECT MIN("published"), MAX("published") FROM "claim" WHERE "id" >= {database.param} '
        f'AND "id" <= {database.param}',
        (first_id, last_id),
    ).fetchone()
    if span[0] is None:
        return set()
    linker = Linker(author, reason, bulk=True)
    linker.load_window(day_number(span[0]), day_number(span[1]))
    deciding_while(partial(linker.link_all, range(first_id, last_id + 1)), meanwhile)
    return linker.flush()


def deciding_while(decide: Callable[[], None], meanwhile: Callable[[], None] | None) -> None:
    """Run `decide` (a bulk linker's `link_all`) in a thread while this one does `meanwhile`.

    Deciding is Python holding the interpreter's lock, and reads nothing from
    the database once the window is loaded; the work given here is SQLite's
    own (an import's indexes built again, seconds at a million claims), which
    lets go of that lock, so the two run on two cores. The database work stays
    on this thread, the connection's. Whatever `decide` raises is raised here.
    """
    if meanwhile is None:
        decide()
        return
    failed: list[BaseException] = []

    def run() -> None:
        try:
            decide()
        except BaseException as error:  # handed to the caller below
            failed.append(error)

    thread = threading.Thread(target=run, name="linking-decisions")
    thread.start()
    try:
        meanwhile()
    finally:
        thread.join()
    if failed:
        raise failed[0]


@cycles_uncollected()
def relink(author: str = "relink", reason: str = "relinked from the rules") -> dict:
    """Undo every automatic link and make them again; people's decisions stay.

    A figure that loses its automatic claims is given back to the first pair
    of its former claims that the rules link again, so figure URLs survive a
    relink of unchanged data; one that nothing links any more is dissolved
    (kept, with its history).
    """
    linker = Linker(author, reason, bulk=True)
    span = database.execute_sql(
        'SELECT MIN("published"), MAX("published") FROM "claim" WHERE "status" = \'active\''
    ).fetchone()
    if span[0] is None:
        return {"claims": 0, "figures": 0}
    linker.load_window(day_number(span[0]), day_number(span[1]))
    linker.holds_all = True
    before = dict(linker.stored_figure)
    for claim, figure in before.items():
        if figure is not None and claim not in linker.pinned:
            linker.reusable[claim] = figure
            linker._leave(claim)
    linker.link_all(sorted(linker.readings))
    touched = linker.flush()
    # Figures with no claim left at all, automatic or not, are dissolved by refresh.
    stale = {f for f in before.values() if f is not None} - touched
    refresh(stale, linker)
    linked = sum(1 for f in linker.figure_of.values() if f is not None)
    active = Figure.select().where(Figure.status == "active").count()
    return {"claims": linked, "figures": active}
