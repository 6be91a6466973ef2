"""A speaker's figures over time, as geometry for a server-drawn SVG chart.

One chart per unit (dollars and devices share no axis): publication date
across, value up, each point a claim. Values spanning more than three orders
of magnitude are drawn on a logarithmic axis, so 3,500 and 500,000,000 both
stay visible; calendar values (a year) never start the axis at zero. The
page draws what this returns; nothing here knows SVG.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from core.labels import CALENDAR_UNITS, korean_reading, number

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 96, 24, 16, 40  # room for the axis labels
SAME_DAY_STEP = 14  # points of one day sit side by side, this far apart


@dataclass(frozen=True)
class Point:
    """One claim on the chart."""

    x: float
    y: float
    claim: dict


@dataclass(frozen=True)
class Tick:
    """A labelled place on an axis."""

    at: float
    label: str


@dataclass(frozen=True)
class Chart:
    """A chart of one unit: its points and axes, in SVG user units."""

    unit: str
    points: list[Point]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    logarithmic: bool
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def _nice_step(span: float, count: int = 4) -> float:
    """A round step (1, 2 or 5 times a power of ten) cutting `span` into about `count`."""
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def tick_label(value, unit: str) -> str:
    """An axis label, short as Korean reads it: 10억 rather than 1,000,000,000."""
    return korean_reading(value, unit) or number(value, unit)


def _value_axis(values: list[float], unit: str) -> tuple:
    """(to_y, ticks, logarithmic) for the values of one unit."""
    low, high = min(values), max(values)
    logarithmic = low > 0 and high / low >= 1000
    plot = HEIGHT - BOTTOM - TOP
    if logarithmic:
        first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
        last = max(last, first + 1)

        def to_y(value: float) -> float:
            return TOP + plot * (last - math.log10(value)) / (last - first)

        ticks = [Tick(to_y(10**e), tick_label(10**e, unit)) for e in range(first, last + 1)]
        return to_y, ticks, True
    if unit not in CALENDAR_UNITS:
        low, high = min(low, 0), max(high, 0)
    if low == high:
        low, high = low - 1, high + 1
    step = _nice_step(high - low)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step

    def to_y(value: float) -> float:
        return TOP + plot * (high - value) / (high - low)

    count = round((high - low) / step)
    ticks = []
    for i in range(count + 1):
        value = low + i * step
        shown = int(value) if float(value).is_integer() else round(value, 10)
        ticks.append(Tick(to_y(value), tick_label(shown, unit)))
    return to_y, ticks, False


def _days(claim: dict) -> int:
    """The claim's publication date as a day number."""
    return dt.date.fromisoformat(str(claim["document"]["published"])[:10]).toordinal()


def _date_axis(first: int, last: int):
    """(to_x, ticks) for publication days from `first` to `last`; one day sits mid-chart."""
    margin = SAME_DAY_STEP * 4  # room for a day's points side by side
    plot = WIDTH - RIGHT - LEFT - 2 * margin

    def to_x(day: int) -> float:
        if first == last:
            return LEFT + (WIDTH - RIGHT - LEFT) / 2
        return LEFT + margin + plot * (day - first) / (last - first)

    days = {first, last} if last - first <= 60 else {first, (first + last) // 2, last}
    return to_x, [Tick(to_x(d), dt.date.fromordinal(d).isoformat()) for d in sorted(days)]


def _chart(unit: str, claims: list[dict]) -> Chart:
    """The chart of one unit's claims (sorted by date)."""
    to_y, y_ticks, logarithmic = _value_axis([float(c["value"]) for c in claims], unit)
    to_x, x_ticks = _date_axis(_days(claims[0]), _days(claims[-1]))
    per_day: dict[int, list[dict]] = {}
    for claim in claims:
        per_day.setdefault(_days(claim), []).append(claim)
    points = []
    for day, same_day in per_day.items():
        # A day's points sit side by side, centred on the day's place.
        first_x = to_x(day) - SAME_DAY_STEP * (len(same_day) - 1) / 2
        for index, claim in enumerate(same_day):
            x, y = first_x + SAME_DAY_STEP * index, to_y(float(claim["value"]))
            points.append(Point(round(x, 1), round(y, 1), claim))
    return Chart(unit, points, x_ticks, y_ticks, logarithmic)


def value_charts(claims: list[dict]) -> list[Chart]:
    """One chart per unit of `claims` (API bodies), units in order of first appearance."""
    by_unit: dict[str, list[dict]] = {}
    for claim in sorted(claims, key=lambda c: (_days(c), c["id"])):
        by_unit.setdefault(claim["unit"], []).append(claim)
    return [_chart(unit, group) for unit, group in by_unit.items()]
