"""When two claims state the same figure, and where a figure's claims disagree.

Every rule is deterministic and named, so a link's evidence says which held
(FigureLink.rules) and a person can check it. Nothing here reads the text's
wording as a similarity: two claims are compared by unit, value interval,
entity, subject terms and date, all read from what the claims store.

**A claim's reading** (`read`): its value as an interval in a base unit.

- `exact`, `since`, `until`: the value ± half its last significant place (a
  number is taken as rounded to its last non-zero digit): 3억 is 2.5억–3.5억,
  4200 is 4150–4250, 20년 is 15–25 years;
- `approx` (약, 여, 가량, about): the value ± APPROX_TOLERANCE (10 %), and at
  least ± half its last place;
- `at_least`, `more_than` (이상, over): [value, ∞); `at_most`, `less_than`
  (이하, under): (−∞, value];
- a range (7억~8억 대, two claims on one span): [low − half its place, high +
  half its place], for both claims.

Units must be equal, or convert by definition (a year is 12 months, a week 7
days: DEFINED_UNITS), or be related by a conversion stated in the same text
(a claim that `restates` another, as 120억 달러(약 16조원); core.linking
follows those). Never an exchange rate from anywhere else.

**Two claims state the same figure** (`compare`) when all of these hold:
`unit` (as above), `interval` (their intervals overlap), `magnitude` (their
stated numbers are within a factor of MAGNITUDE, 2: an unbounded 이상 does not
make 2억 and 6억 alike), `entity` (the same speaker, or the same organisation,
of the speaker or named in the subject, in either language, through
organisation records), `window` (published within WINDOW_DAYS, 31, of the
figure's first appearance), no `subject` clash (both subjects name things
counted and share none: TVs are not devices), and either `subject` (they
share a key term, extractor.subject_terms) or `anchor` (each stated number
lies in the other's interval). The score adds the weights of what held.

**Conflicts** (`pair_conflicts`), facts about a figure listed with the
claims involved: `value` (intervals disjoint, or one at most 1/FAR_NARROWER
as wide as the other and holding none of its stated numbers: 3억 대 이상 and
9억대), `qualifier` (at least or at most against approximately, exactly or a
range; exactly, approximately and a range only hedge differently), `speaker`
(different people; an organisation and its own person are not a conflict),
`unit` (different units no definition or stated conversion relates), and
`precision` (one stated PRECISION_RATIO, 10, times finer: 20년 against 19년
8개월). Claims that differ only in spacing (3억대, 3억 대) have none.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from extractor.vocabulary import UNIT_KINDS

APPROX_TOLERANCE = 0.10
MAGNITUDE = 2.0
WINDOW_DAYS = 31
FAR_NARROWER = 4.0
PRECISION_RATIO = 10.0
# Units that convert by definition: unit → (base unit, how many base units one is).
DEFINED_UNITS = {
    "years": ("months", 12),
    "months": ("months", 1),
    "weeks": ("days", 7),
    "days": ("days", 1),
}
UNITS_OF_BASE: dict[str, tuple[str, ...]] = {}
for _unit, (_base, _) in DEFINED_UNITS.items():
    UNITS_OF_BASE.setdefault(_base, ())
    UNITS_OF_BASE[_base] += (_unit,)
QUALIFIER_FAMILY = {
    "exact": "exact", "since": "exact", "until": "exact", "approx": "approx",
    "at_least": "lower", "more_than": "lower", "at_most": "upper", "less_than": "upper",
}  # fmt: skip
# Rule weights: what a link's score adds up.
WEIGHTS = {"speaker": 3.0, "organization": 2.0, "anchor": 2.0, "subject": 2.0, "unit": 1.0}
CONFLICT_KINDS = ("value", "qualifier", "speaker", "unit", "precision")
_RANGE_MARK = re.compile(r"[~∼〜\-–—]|\bto\b|\band\b")
INFINITY = math.inf


# Counts: the generic counter (개, read as `items`) may count what a specific one counts
# ("2800개" content partners are the "2800개 사" companies), as extractor.numbers says.
COUNT_UNITS = frozenset(unit for unit, kind in UNIT_KINDS.items() if kind == "count")
GENERIC_COUNT = "items"


def units_of(unit: str) -> tuple[str, ...]:
    """The units a claim in `unit` can be compared with (itself, by definition, or a count
    in the generic counter)."""
    if unit == GENERIC_COUNT:
        return tuple(sorted(COUNT_UNITS))
    if unit in COUNT_UNITS:
        return (unit, GENERIC_COUNT)
    base = DEFINED_UNITS.get(unit, (unit, 1))[0]
    return UNITS_OF_BASE.get(base, (unit,))


def block(base: str) -> str:
    """The index key of a base unit: every count shares one (see `comparable`)."""
    return "count" if base in COUNT_UNITS else base


def comparable(a: Reading, b: Reading) -> bool:
    """Units that are equal, convert by definition, or are a count and the generic counter."""
    if a.base == b.base:
        return True
    return GENERIC_COUNT in (a.unit, b.unit) and a.unit in COUNT_UNITS and b.unit in COUNT_UNITS


def place(value) -> int | Decimal:
    """The place of a number's last significant digit: 3억 → 1억, 4200 → 100, 2.5 → 0.1."""
    if isinstance(value, int):
        step, rest = 1, abs(value)
        while rest and rest % 10 == 0:
            rest //= 10
            step *= 10
        return step
    number = Decimal(value) if not isinstance(value, Decimal) else value
    if number == number.to_integral_value():
        return place(int(number))
    return Decimal(10) ** number.normalize().as_tuple().exponent


@dataclass(frozen=True, slots=True)
class Reading:
    """A claim as figures compare it: its interval and stated numbers in a base unit."""

    claim: int
    document: str
    unit: str
    base: str
    low: float
    high: float
    anchors: tuple[float, ...]
    place: float  # the last significant place, in the base unit
    qualifier: str
    day: int  # publication date, as a day number
    speaker: str | None
    speaker_organization: str | None
    speaker_is_organization: bool
    entities: frozenset
    heads: frozenset
    aspects: frozenset
    stated: str  # stated_as without spaces
    restates: int | None
    stated_as: str = ""
    # exact, approx, lower (at least), upper (at most) or range (both ends stated); read
    # once here, as conflicts read it for every pair of a figure's claims.
    family: str = "exact"

    def shown(self) -> str:
        """The interval in words, for conflict details."""
        if self.high == INFINITY:
            return f"{_number(self.low)} or more"
        if self.low == -INFINITY:
            return f"{_number(self.high)} or less"
        return f"{_number(self.low)}–{_number(self.high)}"


def _number(value: float) -> str:
    """A bound as plain digits."""
    return f"{int(value)}" if value == int(value) else f"{value:g}"


def range_ends(stated_as: str, qualifier: str) -> tuple | None:
    """Both ends of a range span ("7억~8억 대"), or None for any other span.

    A range is stored as two claims on one span (the low end at_least, the
    high end at_most); both read as the one interval it states.
    """
    if qualifier not in ("at_least", "at_most") or not _RANGE_MARK.search(stated_as):
        return None
    from extractor.numbers import read_quantities

    quantities = read_quantities(stated_as)
    if len(quantities) != 2:
        return None
    return quantities[0].value, quantities[1].value


# Intervals by what makes them (unit, value, qualifier, wording): a bulk run reads a
# million claims that state far fewer distinct numbers, and reading one is measurable.
_INTERVALS: dict[tuple, tuple] = {}


def interval(unit: str, value, qualifier: str, stated_as: str) -> tuple:
    """(base unit, low, high, anchors, place, wording without spaces, qualifier family) of
    a stated number; see the module's table for how a qualifier makes an interval."""
    key = (unit, type(value), value, qualifier, stated_as)
    known = _INTERVALS.get(key)
    if known is not None:
        return known
    base, factor = DEFINED_UNITS.get(unit, (unit, 1))
    ends = range_ends(stated_as, qualifier)
    if ends is not None:
        low_value, high_value = (Decimal(str(e)) for e in ends)
        step = Decimal(max(place(low_value), place(high_value)))
        low = float((low_value - step / 2) * factor)
        high = float((high_value + step / 2) * factor)
        anchors = (float(low_value * factor), float(high_value * factor))
    else:
        number = value if isinstance(value, int) else Decimal(str(value))
        step = place(number)
        anchor = float(number * factor)
        anchors = (anchor,)
        family = QUALIFIER_FAMILY.get(qualifier, "exact")
        half = float(step * factor) / 2
        if family == "lower":
            low, high = anchor, INFINITY
        elif family == "upper":
            low, high = -INFINITY, anchor
        elif family == "approx":
            spread = max(abs(anchor) * APPROX_TOLERANCE, half)
            low, high = anchor - spread, anchor + spread
        else:
            low, high = anchor - half, anchor + half
    family = "range" if len(anchors) == 2 else QUALIFIER_FAMILY.get(qualifier, "exact")
    found = (base, low, high, anchors, float(step * factor), "".join(stated_as.split()), family)
    if len(_INTERVALS) < 200_000:
        _INTERVALS[key] = found
    return found


def read(
    claim: int, document: str, unit: str, value, qualifier: str, day: int, stated_as: str,
    restates: int | None = None, speaker: str | None = None,
    speaker_organization: str | None = None, speaker_is_organization: bool = False,
    entities: frozenset = frozenset(), heads: frozenset = frozenset(),
    aspects: frozenset = frozenset(),
) -> Reading:  # fmt: skip
    """A claim's reading; see the module's table for how a qualifier makes an interval."""
    base, low, high, anchors, step, stated, family = interval(unit, value, qualifier, stated_as)
    return Reading(
        claim, document, unit, base, low, high, anchors, step, qualifier, day, speaker,
        speaker_organization, speaker_is_organization, entities, heads, aspects, stated,
        restates, stated_as, family,
    )  # fmt: skip


def _overlap(a: Reading, b: Reading) -> bool:
    return max(a.low, b.low) <= min(a.high, b.high)


def _within(value: float, reading: Reading) -> bool:
    return reading.low <= value <= reading.high


def _near(a: Reading, b: Reading) -> bool:
    """Some stated number of each is within a factor of MAGNITUDE of one of the other's."""
    for x in a.anchors:
        for y in b.anchors:
            if x == y:
                return True
            if x == 0 or y == 0 or (x > 0) != (y > 0):
                continue
            if max(abs(x), abs(y)) <= MAGNITUDE * min(abs(x), abs(y)):
                return True
    return False


@dataclass(frozen=True)
class Match:
    """Why two claims state the same figure: the rules that held, and their score."""

    rules: tuple[str, ...]
    score: float


def _holds_one(values: tuple[float, ...], reading: Reading) -> bool:
    """Some of these numbers lie within the reading's interval (`_within`, unrolled)."""
    low, high = reading.low, reading.high
    for value in values:
        if low <= value <= high:
            return True
    return False


def compare(new: Reading, known: Reading, first_day: int | None = None) -> Match | None:
    """Whether `new` states the figure `known` is an appearance of (None: it does not),
    and why: the rules that held and the score."""
    return _compared(new, known, first_day, explain=True)


def match_score(new: Reading, known: Reading, first_day: int | None = None) -> float | None:
    """`compare`'s score alone (None: no match). Linking ranks every candidate by score
    and keeps the rules of the best only: spelling them out for each (its subject's
    terms sorted and joined) was a large part of comparing."""
    return _compared(new, known, first_day, explain=False)


def _compared(new: Reading, known: Reading, first_day: int | None, explain: bool):
    """`compare` (explain) or `match_score`: one reading of the rules for both.

    `first_day` is the day of the figure's first appearance (`known`'s own
    day when it is in no figure yet): the window is counted from there.
    (Linking calls this for every candidate that survives its index, so the
    rules are spelled out here rather than through the helpers; `_overlap`,
    `_near` and `_within` say the same.)
    """
    if new.claim == known.claim or (new.base != known.base and not comparable(new, known)):
        return None
    days = abs(new.day - (known.day if first_day is None else first_day))
    if days > WINDOW_DAYS or max(new.low, known.low) > min(new.high, known.high):
        return None
    if len(new.anchors) == 1 == len(known.anchors):
        x, y = new.anchors[0], known.anchors[0]
        if x != y and (
            x == 0 or y == 0 or (x > 0) != (y > 0)
            or max(abs(x), abs(y)) > MAGNITUDE * min(abs(x), abs(y))
        ):  # fmt: skip
            return None  # `_near` of one number each
    elif not _near(new, known):
        return None
    shared = new.entities & known.entities
    if not shared:
        return None
    new_heads, known_heads = new.heads, known.heads
    both_name = bool(new_heads and known_heads)
    common = new_heads & known_heads
    if both_name and not common:
        return None  # the subjects name different things
    subject = bool(common) or (not both_name and bool(new.aspects & known.aspects))
    anchor = _holds_one(new.anchors, known) and _holds_one(known.anchors, new)
    if not (subject or anchor):
        return None
    same_unit = new.unit == known.unit
    score = WEIGHTS["unit"] * (1.0 if same_unit else 0.5)
    speaker = organization = False
    for entity in shared:
        if entity.startswith("speaker:"):
            speaker = True
        elif entity.startswith("organization:"):
            organization = True
    if speaker:
        score += WEIGHTS["speaker"]
    if organization:
        score += WEIGHTS["organization"]
    if subject:
        new_terms, known_terms = new_heads | new.aspects, known_heads | known.aspects
        terms = new_terms & known_terms
        score += WEIGHTS["subject"] * len(terms) / max(1, len(new_terms | known_terms))
    if anchor:
        score += WEIGHTS["anchor"]
    score += 1.0 - days / (WINDOW_DAYS + 1)
    if not explain:
        return round(score, 4)
    rules = ["unit" if same_unit else f"unit:{known.unit}={new.unit}", "interval", "magnitude"]
    if speaker:
        rules.append("speaker")
    if organization:
        rules.append("organization")
    if subject:
        rules.append("subject:" + ",".join(sorted(terms)))
    if anchor:
        rules.append("anchor")
    rules.append("window")
    return Match(tuple(rules), round(score, 4))


# --- conflicts -------------------------------------------------------------------------


def _width(reading: Reading) -> float:
    return reading.high - reading.low


def value_conflict(a: Reading, b: Reading) -> bool:
    """Disjoint intervals, or one far narrower that holds none of the other's numbers."""
    if not comparable(a, b):
        return False
    if not _overlap(a, b):
        return True
    narrow, wide = sorted((a, b), key=_width)
    if _width(narrow) * FAR_NARROWER > _width(wide):
        return False
    return not any(_within(x, narrow) for x in wide.anchors)


def qualifier_conflict(a: Reading, b: Reading) -> bool:
    """At least or at most against another kind of qualifier; exactly, approximately and a
    range between two numbers only hedge differently."""
    families = {a.family, b.family}
    return len(families) == 2 and not families <= {"exact", "approx", "range"}


def speaker_conflict(a: Reading, b: Reading) -> bool:
    """Two different speakers; an organisation and its own person say the same thing."""
    if a.speaker is None or b.speaker is None or a.speaker == b.speaker:
        return False
    for one, other in ((a, b), (b, a)):
        if one.speaker_is_organization and one.speaker_organization == other.speaker_organization:
            return False
    return True


def unit_conflict(a: Reading, b: Reading) -> bool:
    """Different units that neither a definition nor a conversion in the text relates.

    A claim that restates another in its own text (약 16조원 after 120억 달러) is
    a conversion: it conflicts with no unit.
    """
    if a.restates is not None or b.restates is not None:
        return False
    return a.base != b.base or (a.unit != b.unit and a.unit not in DEFINED_UNITS)


def precision_conflict(a: Reading, b: Reading) -> bool:
    """One states its number PRECISION_RATIO times finer than the other (10년, 9년 4개월)."""
    if a.base != b.base or {a.family, b.family} & {"lower", "upper"}:
        return False
    finer, coarser = sorted((a.place, b.place))
    return finer > 0 and coarser / finer >= PRECISION_RATIO


PAIR_RULES = {
    "value": value_conflict,
    "qualifier": qualifier_conflict,
    "speaker": speaker_conflict,
    "unit": unit_conflict,
    "precision": precision_conflict,
}


_HEDGES = frozenset({"exact", "approx", "range"})
_BOUNDS = frozenset({"lower", "upper"})


def pair_conflicts(a: Reading, b: Reading) -> list[str]:
    """The kinds of conflict between two claims of one figure (none for spacing alone).

    The kinds of PAIR_RULES, in its order. A figure's conflicts compare every pair
    of its claims, so the rules are spelled out here with each claim's qualifier
    family read once (tests hold this to PAIR_RULES).
    """
    return [] if said_together(a, b) else kinds_between(a, b)


def said_together(a: Reading, b: Reading) -> bool:
    """One text stating one figure twice: a conversion and what it converts, or the two
    ends of one range. Such a pair never conflicts."""
    return a.document == b.document and (
        a.restates == b.claim  # a conversion stated in the text agrees with what it converts
        or b.restates == a.claim
        or (a.stated == b.stated and a.anchors == b.anchors)  # the two ends of one range
    )


def conflict_signature(r: Reading) -> tuple:
    """Everything of a claim that `kinds_between` reads: claims of one signature conflict
    alike with any other claim (a figure's conflicts are found per signature)."""
    return (
        r.base, r.unit, r.low, r.high, r.anchors, r.family, r.place, r.speaker,
        r.speaker_is_organization, r.speaker_organization, r.restates is None,
    )  # fmt: skip


def kinds_between(a: Reading, b: Reading) -> list[str]:
    """`pair_conflicts` of two claims not said together: it reads only their
    `conflict_signature`s."""
    kinds = []
    if a.base == b.base or comparable(a, b):  # value_conflict
        if max(a.low, b.low) > min(a.high, b.high):
            kinds.append("value")
        else:
            width_a, width_b = a.high - a.low, b.high - b.low
            narrow, wide = (b, a) if width_b < width_a else (a, b)
            if min(width_a, width_b) * FAR_NARROWER <= max(width_a, width_b) and not any(
                narrow.low <= x <= narrow.high for x in wide.anchors
            ):
                kinds.append("value")
    family_a, family_b = a.family, b.family
    if family_a != family_b and not (family_a in _HEDGES and family_b in _HEDGES):
        kinds.append("qualifier")
    if (
        a.speaker is not None
        and b.speaker is not None
        and a.speaker != b.speaker
        and not (a.speaker_is_organization and a.speaker_organization == b.speaker_organization)
        and not (b.speaker_is_organization and b.speaker_organization == a.speaker_organization)
    ):
        kinds.append("speaker")
    if (
        a.restates is None
        and b.restates is None
        and (a.base != b.base or (a.unit != b.unit and a.unit not in DEFINED_UNITS))
    ):
        kinds.append("unit")
    if a.base == b.base and family_a not in _BOUNDS and family_b not in _BOUNDS:
        finer, coarser = (a.place, b.place) if a.place <= b.place else (b.place, a.place)
        if finer > 0 and coarser / finer >= PRECISION_RATIO:
            kinds.append("precision")
    return kinds
