"""Read numbers and stated quantities exactly, in Korean and English.

`parse_number` turns one number expression into an exact value: integers stay
`int` (16조 is 16000000000000), anything with a fractional part is a
`Decimal`, never a float, so a stored claim never drifts by rounding.

`read_quantity` reads one whole stated expression — number, counter or unit,
qualifier words — such as "약 16조원", "3억 대 이상" or "more than $12 billion",
so the API can check that a claim's `stated_as` really expresses its value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from extractor.lexicon_en import PRE_QUALIFIERS
from extractor.vocabulary import UNIT_KINDS

Number = int | Decimal

DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_DIGITS_ONLY = re.compile(rf"[+-]?(?:{DIGITS})")

SINO_DIGITS = {
    "영": 0, "공": 0, "일": 1, "이": 2, "삼": 3, "사": 4,
    "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9,
}  # fmt: skip
SMALL_SCALES = {"십": 10, "백": 100, "천": 1000}
BIG_SCALES = {"만": 10**4, "억": 10**8, "조": 10**12, "경": 10**16}

# Native Korean numerals, in the attributive forms used before a counter too.
NATIVE_TENS = {
    "열": 10, "스물": 20, "스무": 20, "서른": 30, "마흔": 40,
    "쉰": 50, "예순": 60, "일흔": 70, "여든": 80, "아흔": 90,
}  # fmt: skip
NATIVE_UNITS = {
    "하나": 1, "한": 1, "둘": 2, "두": 2, "셋": 3, "세": 3, "석": 3, "넷": 4,
    "네": 4, "넉": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9,
}  # fmt: skip
_NATIVE = re.compile(
    "(?P<tens>"
    + "|".join(NATIVE_TENS)
    + ")?(?P<units>"
    + "|".join(sorted(NATIVE_UNITS, key=len, reverse=True))
    + ")?"
)

ENGLISH_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12,
}  # fmt: skip
ENGLISH_SCALES = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "mn": 10**6, "m": 10**6,
    "mln": 10**6, "billion": 10**9, "bn": 10**9, "b": 10**9, "bln": 10**9,
    "trillion": 10**12, "tn": 10**12, "trn": 10**12, "t": 10**12,
}  # fmt: skip
_ENGLISH_SCALED = re.compile(
    rf"(?P<number>{DIGITS}|[a-z]+(?:-[a-z]+)?)\s*(?P<scale>"
    + "|".join(sorted(ENGLISH_SCALES, key=len, reverse=True))
    + r")",
    re.IGNORECASE,
)


def exact(value: Decimal) -> Number:
    """Return an int when `value` is integral so exact counts stay integers."""
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def _parse_digits(expr: str) -> Number | None:
    """Digits with optional thousands commas and decimals, as an exact value."""
    if not _DIGITS_ONLY.fullmatch(expr):
        return None
    try:
        return exact(Decimal(expr.replace(",", "")))
    except InvalidOperation:  # pragma: no cover - the pattern guarantees a number
        return None


def _parse_english(expr: str) -> Number | None:
    """English number words ("twenty-five") and scales ("37bn", "1.2 trillion")."""
    lowered = expr.lower()
    scaled = _ENGLISH_SCALED.fullmatch(lowered)
    if scaled:
        base = _parse_digits(scaled["number"])
        if base is None:
            base = _parse_english_words(scaled["number"])
        if base is None:
            return None
        return exact(Decimal(base) * ENGLISH_SCALES[scaled["scale"]])
    return _parse_english_words(lowered)


def _parse_english_words(expr: str) -> int | None:
    """ "Twenty-five", "seven", "a dozen": small numbers written out in English."""
    words = re.split(r"[\s-]+", expr.strip().lower())
    if words and words[0] == "a" and len(words) == 2 and words[1] in ("dozen", "hundred"):
        return ENGLISH_WORDS[words[1]]
    if not words or not all(word in ENGLISH_WORDS for word in words):
        return None
    if len(words) == 1:
        return ENGLISH_WORDS[words[0]]
    tens, unit = (ENGLISH_WORDS[word] for word in words[:2]) if len(words) == 2 else (0, 0)
    if len(words) == 2 and tens >= 20 and tens % 10 == 0 and 0 < unit < 10:
        return tens + unit
    return None


def _parse_native(expr: str) -> int | None:
    """Native Korean numerals such as 세, 열두 or 스물다섯 (1 to 99)."""
    match = _NATIVE.fullmatch(expr)
    if not match or not (match["tens"] or match["units"]):
        return None
    return NATIVE_TENS.get(match["tens"] or "", 0) + NATIVE_UNITS.get(match["units"] or "", 0)


_KOREAN_TOKEN = re.compile(rf"{DIGITS}|[영공일이삼사오육칠팔구십백천만억조경]|\s+")


def _parse_korean(expr: str) -> Number | None:
    """Digits or Sino-Korean numerals with scales: 120억, 1조2천억, 3만5000, 오백억."""
    tokens = [token for token in _KOREAN_TOKEN.findall(expr) if not token.isspace()]
    if "".join(tokens) != re.sub(r"\s+", "", expr):
        return None
    if not any(token in SMALL_SCALES or token in BIG_SCALES for token in tokens):
        return None
    total = Decimal(0)
    section = Decimal(0)  # the part below the current big scale
    pending: Decimal | None = None
    last_big = None
    for token in tokens:
        if token in BIG_SCALES:
            scale = BIG_SCALES[token]
            if last_big is not None and scale >= last_big:
                return None  # "5억3억" or "3만만": not a number
            section += pending if pending is not None else 0
            total += (section or 1) * scale
            section, pending, last_big = Decimal(0), None, scale
        elif token in SMALL_SCALES:
            section += (pending if pending is not None else 1) * SMALL_SCALES[token]
            pending = None
        else:
            if pending is not None:
                return None  # two numbers in a row
            pending = (
                Decimal(token.replace(",", ""))
                if token[0].isdigit()
                else Decimal(SINO_DIGITS[token])
            )
    total += section + (pending if pending is not None else 0)
    return exact(total)


def parse_number(expr: str) -> Number | None:
    """Return the exact value of one number expression, or None if it is not one.

    Accepts "3,500", "1.2", "-3.2", Korean scales (5억, 1조2천억, 3만5000, 2천500),
    Hangul numerals (오백억, 세, 열두) and English scales ("37bn", "1.2 trillion").
    """
    text = expr.strip()
    if not text:
        return None
    sign = 1
    if text[0] in "-−–" and len(text) > 1 and text[1].isdigit():
        sign, text = -1, text[1:]
    for parser in (_parse_digits, _parse_korean, _parse_native, _parse_english):
        value = parser(text)
        if value is not None:
            return value * sign if sign < 0 else value
    return None


# --- reading a whole stated quantity -------------------------------------------------

COUNT_UNITS = frozenset(unit for unit, kind in UNIT_KINDS.items() if kind == "count")


def kind_of(unit: str | None) -> str | None:
    """The claim kind a unit implies, so unit and kind never disagree."""
    return UNIT_KINDS.get(unit) if unit else None


def units_compatible(stated: str | None, claimed: str) -> bool:
    """True when a span reading `stated` can support a claim in unit `claimed`.

    A span's counter can be less specific than the claim: "3,500개" reads as items
    while the noun after it ("업체") makes the claim count companies; an English span
    leaves the counted noun outside, so it reads no unit at all.
    """
    if stated is None or stated == claimed:
        return True
    return stated == "items" and claimed in COUNT_UNITS


@dataclass(frozen=True)
class Quantity:
    """One stated quantity: exact value, unit, kind and qualifier."""

    value: Number
    unit: str | None
    kind: str | None
    qualifier: str


# Korean qualifier words before the number (약 60%, 최대 3조원).
KOREAN_PREFIX_QUALIFIERS = {"약": "approx", "대략": "approx", "최대": "at_most",
                            "최소": "at_least", "최장": "at_most", "최고": "at_most",
                            "무려": "exact"}  # fmt: skip
# Every qualifier word before a number, in either language: a stated span is read with
# the words the extractor reads it with ("between" opens a range, read apart).
PREFIX_QUALIFIERS = {
    **{word: q for word, q in PRE_QUALIFIERS.items() if q != "range"},
    "almost exactly": "exact",
    **KOREAN_PREFIX_QUALIFIERS,
}
SUFFIX_QUALIFIERS = {
    "이상": "at_least", "이하": "at_most", "초과": "more_than", "넘게": "more_than",
    "넘는": "more_than", "남짓": "approx", "미만": "less_than", "가량": "approx",
    "여": "approx", "정도": "approx", "안팎": "approx", "내외": "approx",
    "부터": "since", "이후": "since", "까지": "until", "or more": "at_least",
    "or less": "at_most", "plus": "at_least", "가까이": "approx", "이내": "at_most",
}  # fmt: skip
DURATION_MARKERS = ("만에", "만의", "동안", "(?<!시)간", "째", "전", "ago", "later")

CURRENCY_SYMBOLS = {"US$": "USD", "$": "USD", "₩": "KRW", "€": "EUR", "£": "GBP",
                    "¥": "JPY", "￥": "JPY", "元": "CNY"}  # fmt: skip
KOREAN_UNITS = {
    "달러": "USD", "불": "USD", "원": "KRW", "엔": "JPY", "유로": "EUR", "위안": "CNY",
    "파운드": "GBP", "%포인트": "percentage_points", "%p": "percentage_points",
    "%P": "percentage_points", "％포인트": "percentage_points", "포인트": "percentage_points",
    "%": "percent", "％": "percent", "퍼센트": "percent", "프로": "percent",
    "대": "units", "개 사": "companies", "개사": "companies", "개국": "places",
    "개월": "months", "개": "items", "명": "people", "사람": "people", "인": "people",
    "곳": "places", "건": "cases", "번": "times", "회": "times", "차례": "times",
    "배": "multiple", "톤": "tons", "기": "units", "척": "units", "채": "households",
    "주": "weeks", "일": "days", "시간": "hours",
    "년": "year", "해": "years", "달": "months", "가지": "items",
    "도": "degrees_celsius", "℃": "degrees_celsius",
}  # fmt: skip
ENGLISH_UNITS = {
    "percentage points": "percentage_points", "percentage point": "percentage_points",
    "pp": "percentage_points", "per cent": "percent", "percent": "percent", "%": "percent",
    "dollars": "USD", "dollar": "USD", "won": "KRW", "yen": "JPY", "euros": "EUR",
    "euro": "EUR", "yuan": "CNY", "renminbi": "CNY", "pounds": "GBP", "pound": "GBP",
    "years": "years", "year": "years", "months": "months", "month": "months",
    "weeks": "weeks", "week": "weeks", "days": "days", "day": "days", "hours": "hours",
    "hour": "hours", "times": "times", "fold": "multiple", "-fold": "multiple",
    "tonnes": "tons", "tons": "tons", "tonne": "tons", "ton": "tons",
}  # fmt: skip
MEASURE_UNITS = {
    "kW": ("watts", 10**3), "MW": ("watts", 10**6), "GW": ("watts", 10**9),
    "W": ("watts", 1), "GB": ("bytes", 10**9), "TB": ("bytes", 10**12),
    "MB": ("bytes", 10**6),
}  # fmt: skip

_SPACE = r"[\s\u00a0]*"


def _strip_affix(text: str, table: dict[str, str], *, prefix: bool) -> tuple[str, str | None]:
    """Remove one qualifier word from the start or end of `text`."""
    for word in sorted(table, key=len, reverse=True):
        if prefix:
            pattern = rf"^{re.escape(word)}(?:{_SPACE}|(?=[$€£¥₩\d]))"
            if word.isascii():
                pattern = rf"^{re.escape(word)}\b{_SPACE}"
            match = re.match(pattern, text, re.IGNORECASE)
        else:
            match = re.search(rf"{_SPACE}{re.escape(word)}$", text, re.IGNORECASE)
        if match:
            rest = text[match.end() :] if prefix else text[: match.start()]
            if rest:
                return rest, table[word]
    return text, None


_RANGE = re.compile(r"^(?P<low>[^~∼〜]+?)\s*(?:~|∼|〜|-|–|—| to | and )\s*(?P<high>[$€£¥₩]?\d.*)$")


def read_quantity(stated_as: str) -> Quantity | None:
    """Read one stated quantity expression, or None when it holds no number.

    The unit is what the span itself says ("개" reads as items, a bare English
    number as None); see `units_compatible`. A range "30~40%" reads as its
    lower bound with qualifier at_least; its upper bound is a claim of its own.
    """
    text = stated_as.strip().replace("\u00a0", " ")
    qualifier = None
    duration = False
    text = re.sub(r"^between\s+(?=\S+\s+and\s)", "", text, flags=re.IGNORECASE)
    text, qualifier = _strip_affix(text, PREFIX_QUALIFIERS, prefix=True)
    for _ in range(3):  # "10년 만에", "1200개 이상", "2억 달러 이상까지" peel from the end
        changed = False
        for marker in DURATION_MARKERS:
            match = re.search(rf"{_SPACE}{marker}$", text)
            if match and match.start() > 0:
                text, duration, changed = text[: match.start()], True, True
                break
        text, suffix = _strip_affix(text, SUFFIX_QUALIFIERS, prefix=False)
        if suffix:
            qualifier = qualifier or suffix
            changed = True
        if not changed:
            break
    inner = re.fullmatch(r"(.*[\d십백천만억조])여(\s*\D*)", text)
    if inner:  # "20여 명", "5억여 원": 여 sits between the number and its counter
        text, qualifier = inner[1] + inner[2], qualifier or "approx"
    in_the_range = re.fullmatch(r"(.*(?:원|달러|엔|유로|위안|%))대", text)
    if in_the_range:  # "1천억원대": in the order of, not the counter 대
        text, qualifier = in_the_range[1], qualifier or "approx"
    range_match = _RANGE.match(text)
    if range_match and re.search(r"\d", range_match["low"]):
        low = _read_bare(range_match["low"])
        high = _read_bare(range_match["high"])
        if low is not None and high is not None:
            value, unit = low[0], low[1] or high[1]
            if low[2] == 1 and high[2] != 1 and not re.search("[만억조경]", range_match["low"]):
                value = exact(Decimal(value) * high[2])  # "$3-4 billion": the scale is shared
            return _finish(value, unit, "at_least", duration)
    bare = _read_bare(text)
    if bare is None:
        return None
    return _finish(bare[0], bare[1], qualifier or "exact", duration)


def read_quantities(stated_as: str) -> tuple[Quantity, ...]:
    """Every quantity a span states: one, or both ends of a range ("3~4%", "3 to 4 percent").

    A range is two claims on one span (LABELLING.md): the low end `at_least`, the
    high end `at_most`. Empty when the span holds no number.
    """
    low = read_quantity(stated_as)
    if low is None:
        return ()
    text = stated_as.strip().replace("\u00a0", " ")
    text = re.sub(r"^(?:between|from)\s+", "", text, flags=re.IGNORECASE)
    text, _ = _strip_affix(text, PREFIX_QUALIFIERS, prefix=True)
    match = _RANGE.match(text)
    if low.qualifier != "at_least" or not match:
        return (low,)
    high = read_quantity(match["high"])
    if high is None:
        return (low,)
    return (low, Quantity(high.value, high.unit or low.unit, low.kind, "at_most"))


def _finish(value: Number, unit: str | None, qualifier: str, duration: bool) -> Quantity:
    """Settle year-or-duration and build the Quantity."""
    if unit is None and qualifier in ("since", "until") and _is_year(value):
        unit = "year"  # "since 2016": an English year carries no 년
    if unit == "year" and (duration or not _is_year(value)):
        unit = "years"
    elif unit == "weeks" and not duration:
        unit = "items"  # "100만 주" counts shares; 주 is weeks only as a span of time
    elif unit == "days" and not duration:
        unit = "date"  # "28일" is a day of the month unless it is a span ("3일 만에")
    return Quantity(value, unit, kind_of(unit), qualifier)


def _is_year(value: Number) -> bool:
    """A whole number that reads as a calendar year in news copy."""
    return isinstance(value, int) and 1800 <= value <= 2100


def _read_bare(text: str) -> tuple[Number, str | None, int] | None:
    """Read "120억 달러", "$37 billion", "12.5%", "50GW" → (value, unit, scale multiplier)."""
    text = text.strip()
    unit = None
    for symbol, code in sorted(CURRENCY_SYMBOLS.items(), key=lambda item: -len(item[0])):
        if text.startswith(symbol) or text.startswith("-" + symbol):
            negative = text.startswith("-")
            text = ("-" if negative else "") + text[len(symbol) + negative :].lstrip()
            unit = code
            break
    text = re.sub(r"^(?:마이너스|minus)\s*", "-", text, flags=re.IGNORECASE)
    multiplier = 1
    found_unit, text, multiplier = _strip_unit(text)
    unit = unit or found_unit
    value = parse_number(text)
    if value is None:
        return None
    if multiplier != 1:
        value = exact(Decimal(value) * multiplier)
    scale = multiplier  # a unit's prefix ("50GW") is shared by a range's low end too
    scaled = _ENGLISH_SCALED.fullmatch(text.lower())
    if scaled:
        scale *= ENGLISH_SCALES[scaled["scale"]]
    return value, unit, scale


def _strip_unit(text: str) -> tuple[str | None, str, int]:
    """Remove a trailing unit word or symbol; return (unit, rest, multiplier)."""
    for word, (unit, multiplier) in MEASURE_UNITS.items():
        match = re.search(rf"(?<=[\d\s]){re.escape(word)}$", text)
        if match:
            return unit, text[: match.start()].rstrip(), multiplier
    for table in (ENGLISH_UNITS, KOREAN_UNITS):
        for word in sorted(table, key=len, reverse=True):
            flags = re.IGNORECASE if word.isascii() and word.isalpha() else 0
            boundary = r"(?<=[\d\s])" if word[0].isalpha() and word.isascii() else ""
            match = re.search(rf"{boundary}{_SPACE}{re.escape(word)}$", text, flags)
            if match and match.start() > 0:
                return table[word], text[: match.start()].rstrip(), 1
    return None, text, 1
