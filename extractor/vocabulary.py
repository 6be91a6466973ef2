"""The controlled vocabularies every claim is described with.

One definition shared by the database schema, the API validation, the
fixtures and the extractor, so a unit the extractor emits is always a unit the
API accepts. README documents each term.
"""

from __future__ import annotations

# What a number counts or measures. Currencies are ISO 4217 codes.
UNITS: dict[str, str] = {
    "USD": "US dollars",
    "KRW": "South Korean won",
    "JPY": "Japanese yen",
    "EUR": "euros",
    "CNY": "Chinese yuan",
    "GBP": "pounds sterling",
    "units": "devices, machines or vehicles (대)",
    "items": "things counted with 개 or without a specific counter",
    "companies": "companies or organisations (개 사, 곳, 사)",
    "places": "sites, stores, locations (곳)",
    "people": "people (명, 사람, 인)",
    "cases": "cases, incidents, deals (건)",
    "times": "repetitions (번, 회, 차례)",
    "percent": "per cent (%)",
    "percentage_points": "percentage points (%포인트, %p)",
    "year": "a calendar year (2016년)",
    "month": "a calendar month",
    "date": "a calendar date",
    "years": "a span of years (10년 만에)",
    "months": "a span of months",
    "weeks": "a span of weeks",
    "days": "a span of days",
    "hours": "a span of hours",
    "tons": "metric tonnes",
    "watts": "watts",
    "bytes": "bytes",
    "multiple": "a multiple (배, -fold)",
}

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
