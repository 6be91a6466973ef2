"""The controlled vocabularies every claim is described with.

One definition shared by the database schema, the API validation, the
fixtures and the extractor, so a unit the extractor emits is always a unit the
API accepts. README documents each term.
"""

from __future__ import annotations

# What a number counts or measures, with the claim kind each unit implies.
# Currencies are ISO 4217 codes. A metric prefix or a currency's sub-unit is
# folded into the unit's base (3GW is 3000000000 watts, 50 cents is 0.5 USD),
# so one quantity is always stored in one unit.
_UNIT_TABLE: tuple[tuple[str, str, str], ...] = (
    ("USD", "money", "US dollars (cents folded in)"),
    ("KRW", "money", "South Korean won"),
    ("JPY", "money", "Japanese yen"),
    ("EUR", "money", "euros (cents folded in)"),
    ("CNY", "money", "Chinese yuan"),
    ("GBP", "money", "pounds sterling (pence folded in)"),
    ("units", "count", "devices, machines or vehicles (대, 기, 척)"),
    ("items", "count", "things counted with 개 or without a specific counter"),
    ("companies", "count", "companies or organisations (개 사, 곳, 사)"),
    ("places", "count", "sites, stores, countries, locations (곳, 개국)"),
    ("people", "count", "people, including users, subscribers, visitors (명, 사람, 인)"),
    ("households", "count", "households (가구, 세대)"),
    ("games", "count", "games or matches (경기)"),
    ("shares", "count", "shares of stock (주)"),
    ("cases", "count", "cases, incidents, deals (건)"),
    ("times", "count", "repetitions (번, 회, 차례)"),
    ("percent", "percent", "per cent (%, pc, per cent)"),
    ("percentage_points", "percent", "percentage points (%포인트, %p; basis points / 100)"),
    ("points", "measure", "index points (코스피 2600선, 30포인트)"),
    ("year", "date", "a calendar year (2016년)"),
    ("month", "date", "a calendar month"),
    ("date", "date", "a calendar date"),
    ("years", "duration", "a span of years, ages and anniversaries (10년 만에, 33세, 50주년)"),
    ("months", "duration", "a span of months"),
    ("weeks", "duration", "a span of weeks"),
    ("days", "duration", "a span of days"),
    ("hours", "duration", "a span of hours"),
    ("meters", "measure", "lengths and distances (m; km folded in)"),
    ("square_meters", "measure", "areas (㎡, 제곱미터; ㎢ folded in)"),
    ("pyeong", "measure", "the Korean floor-area unit 평, kept as stated"),
    ("tons", "measure", "metric tonnes (t, 톤; kg folded in)"),
    ("watts", "measure", "power (W; kW, MW, GW folded in)"),
    ("watt_hours", "measure", "energy (Wh; kWh, MWh, GWh folded in)"),
    ("bytes", "measure", "data sizes (MB, GB, TB folded in)"),
    ("degrees_celsius", "measure", "temperatures (℃, 도)"),
    ("multiple", "ratio", "a multiple (배, -fold, three times as many)"),
    ("fraction", "ratio", "a share written as a fraction (3분의 1, two-thirds), 4 decimals"),
)
UNITS: dict[str, str] = {name: description for name, _, description in _UNIT_TABLE}
UNIT_KINDS: dict[str, str] = {name: kind for name, kind, _ in _UNIT_TABLE}

# The largest value a claim in each unit can sensibly hold: the world's population, its
# GDP in the currency, the age of the Earth. A reading beyond it is a misreading (15경기
# read as 15 × 10^16 games), so the extractor never emits it.
PLAUSIBLE_MAXIMUM: dict[str, float] = {
    "USD": 1e15, "KRW": 1e18, "JPY": 1e17, "EUR": 1e15, "CNY": 1e16, "GBP": 1e15,
    "units": 1e12, "items": 1e15, "companies": 1e9, "places": 1e8, "people": 1e10,
    "households": 5e9, "games": 1e6, "shares": 1e13, "cases": 1e11, "times": 1e9,
    "percent": 1e6, "percentage_points": 1e4, "points": 1e7, "year": 3000, "month": 12,
    "date": 31, "years": 1e10, "months": 1e5, "weeks": 1e5, "days": 1e7, "hours": 1e8,
    "meters": 1e13, "square_meters": 1e15, "pyeong": 1e13, "tons": 1e13, "watts": 1e15,
    "watt_hours": 1e18, "bytes": 1e24, "degrees_celsius": 1e4, "multiple": 1e6, "fraction": 1,
}  # fmt: skip


def plausible(value, unit: str) -> bool:
    """True when `value` can be a claim in `unit` (see PLAUSIBLE_MAXIMUM)."""
    return abs(float(value)) <= PLAUSIBLE_MAXIMUM.get(unit, float("inf"))


KINDS: dict[str, str] = {
    "count": "how many of something",
    "money": "an amount of money",
    "percent": "a percentage or percentage-point change",
    "date": "a calendar year, month or date that carries meaning",
    "duration": "a length of time",
    "measure": "a physical or technical measurement",
    "ratio": "a multiple or ratio",
}

QUALIFIERS: dict[str, str] = {
    "exact": "as stated, without hedging",
    "approx": "about (약, 가량, 여, 정도, 안팎, about, nearly)",
    "at_least": "at least (이상, at least)",
    "more_than": "more than (초과, more than, over)",
    "at_most": "at most (이하, up to, at most)",
    "less_than": "less than (미만, less than, under)",
    "since": "from that point on (부터, since)",
    "until": "up to that point (까지, until)",
}

ATTRIBUTIONS: dict[str, str] = {
    "direct_quote": "inside the speaker's quoted words",
    "indirect_quote": "the speaker's words reported in indirect speech",
    "according_to": "attributed with 'according to' / '…에 따르면'",
    "narration": "the reporter's own statement (no speaker)",
}

SPEAKER_KINDS: dict[str, str] = {
    "person": "a named person",
    "organization": "a company, institution or other organisation",
}

CLAIM_STATUSES: dict[str, str] = {
    "active": "reviewed and published",
    "candidate": "extracted automatically, awaiting review",
    "rejected": "a candidate a reviewer turned down",
    "retracted": "withdrawn, kept with its reason",
}
