"""How the reader's pages name each term of the vocabularies, in Korean first.

The API speaks in vocabulary terms (`at_least`, `direct_quote`); a journalist
reads "이상" and "직접 인용". Every term of every vocabulary has a label here
(tests/pages/test_labels.py fails when a new term has none), and a quantity is
written the way a Korean article writes it: 약 before the number, 이상 after.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

UNIT_LABELS = {
    "USD": "달러",
    "KRW": "원",
    "JPY": "엔",
    "EUR": "유로",
    "CNY": "위안",
    "GBP": "파운드",
    "units": "대",
    "items": "개",
    "companies": "개사",
    "places": "곳",
    "people": "명",
    "households": "가구",
    "games": "경기",
    "shares": "주",
    "cases": "건",
    "times": "회",
    "percent": "%",
    "percentage_points": "%포인트",
    "points": "포인트",
    "year": "년",
    "month": "월",
    "date": "일",
    "years": "년",
    "months": "개월",
    "weeks": "주",
    "days": "일",
    "hours": "시간",
    "meters": "m",
    "square_meters": "㎡",
    "pyeong": "평",
    "tons": "t",
    "watts": "W",
    "watt_hours": "Wh",
    "bytes": "바이트",
    "degrees_celsius": "℃",
    "multiple": "배",
    "fraction": "(비율)",
}
# Units whose numbers are names of a time (2025년), not amounts: no thousands separator.
CALENDAR_UNITS = frozenset({"year", "month", "date"})
# The large-number words Korean reads a figure in (25억, 3조 3,000억).
KOREAN_SCALES = (("경", 10**16), ("조", 10**12), ("억", 10**8), ("만", 10**4))

QUALIFIER_LABELS = {
    "exact": "정확히",
    "approx": "약",
    "at_least": "이상",
    "more_than": "초과",
    "at_most": "이하",
    "less_than": "미만",
    "since": "부터",
    "until": "까지",
}
KIND_LABELS = {
    "count": "수량",
    "money": "금액",
    "percent": "비율",
    "date": "시점",
    "duration": "기간",
    "measure": "측정값",
    "ratio": "배수·비율",
}
ATTRIBUTION_LABELS = {
    "direct_quote": "직접 인용",
    "indirect_quote": "간접 인용",
    "according_to": "출처 인용(…에 따르면)",
    "narration": "기자 서술",
}
STATUS_LABELS = {
    "active": "게시됨",
    "candidate": "검토 대기",
    "rejected": "반려됨",
    "retracted": "철회됨",
}
SPEAKER_KIND_LABELS = {"person": "인물", "organization": "기관·단체"}
VERIFICATION_LABELS = {
    "anchored": "원문 위치 확인됨",
    "ambiguous": "위치 모호함",
    "orphaned": "원문에서 찾을 수 없음",
}
CITATION_FORMAT_LABELS = {
    "text": "텍스트",
    "markdown": "Markdown",
    "csl-json": "CSL-JSON",
    "annotation": "W3C 주석",
    "jsonld": "schema.org JSON-LD",
}
LANGUAGE_LABELS = {"ko": "한국어", "en": "English"}
# How the appearances of one figure disagree (core.figure_rules.CONFLICT_KINDS).
CONFLICT_LABELS = {
    "value": "값이 맞지 않음",
    "qualifier": "한정어가 다름",
    "speaker": "발언자가 다름",
    "unit": "단위가 다름",
    "precision": "정밀도가 다름",
}
# The columns of a figure's comparison (core.reading.COMPARED), as the page heads them.
COMPARED_LABELS = {
    "value": "값",
    "unit": "단위",
    "qualifier": "한정어",
    "stated_as": "원문 표기",
    "speaker": "발언자",
    "attribution": "인용 방식",
}

# Every vocabulary and the labels the pages give its terms (checked by the tests).
LABELS_OF = {
    "units": UNIT_LABELS,
    "qualifiers": QUALIFIER_LABELS,
    "kinds": KIND_LABELS,
    "attributions": ATTRIBUTION_LABELS,
    "statuses": STATUS_LABELS,
    "speaker_kinds": SPEAKER_KIND_LABELS,
}


def number(value, unit: str | None = None) -> str:
    """A stored value written out exactly: 500,000,000; 12.5; a year as 2025."""
    if isinstance(value, float):
        value = Decimal(repr(value))
    if unit in CALENDAR_UNITS:
        return str(value)
    if isinstance(value, Decimal):
        sign, digits, exponent = value.as_tuple()
        whole = f"{abs(value).to_integral_value(rounding='ROUND_DOWN'):,}"
        fraction = f"{abs(value):f}".partition(".")[2] if exponent < 0 else ""
        return f"{'-' if sign else ''}{whole}{'.' + fraction if fraction else ''}"
    return f"{value:,}"


def quantity(value, unit: str, qualifier: str) -> str:
    """A claim's quantity as Korean writes it: "약 49,000,000,000,000원", "500,000,000대 이상"."""
    amount = f"{number(value, unit)}{UNIT_LABELS.get(unit, unit)}"
    if qualifier == "approx":
        return f"약 {amount}"
    if qualifier == "exact":
        return amount
    joint = "" if qualifier in ("since", "until") else " "  # 2019년부터, 3억 대 이상
    return f"{amount}{joint}{QUALIFIER_LABELS.get(qualifier, qualifier)}"


def long_date(value) -> str:
    """A publication date as "2024년 2월 28일"."""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    return f"{day.year}년 {day.month}월 {day.day}일"


def moment(value) -> str:
    """A stored timestamp (ISO 8601, UTC) as "2024-02-28 09:15 UTC"."""
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, dt.datetime) else str(value)
    return f"{text[:10]} {text[11:16]} UTC"


def korean_reading(value, unit: str | None = None) -> str | None:
    """A whole number of ten thousand or more in Korean units: 3300000000000 → "3조 3,000억".

    Exact values are long; a reader checks them against the article's "3조3000억원".
    None for smaller or fractional values and for years.
    """
    if not isinstance(value, int) or abs(value) < 10_000 or unit in CALENDAR_UNITS:
        return None
    rest, parts = abs(value), []
    for word, size in KOREAN_SCALES:
        if rest >= size:
            parts.append(f"{rest // size:,}{word}")
            rest %= size
    if rest:
        parts.append(f"{rest:,}")
    return ("-" if value < 0 else "") + " ".join(parts)


def speaker_phrase(claim: dict) -> str:
    """Who stated a claim, as a card names them: "김민수 (한빛전자 사장)", "한빛일보 보도"."""
    speaker, document = claim["speaker"], claim["document"]
    if speaker is None:
        return f"{document['outlet'] or document['title']} 보도"
    details = " ".join(d for d in (speaker["organization"], speaker["role"]) if d)
    return f"{speaker['name']} ({details})" if details else speaker["name"]


def claim_quantity(claim: dict) -> str:
    """A claim's quantity as Korean writes it (see `quantity`)."""
    return quantity(claim["value"], claim["unit"], claim["qualifier"])
