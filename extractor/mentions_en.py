"""Spot quantities in English news copy.

Convention for English spans (`stated_as`): qualifier words, currency symbol,
number, scale word and unit word, plus a trailing qualifier ("or more") — but not
the counted noun: "more than $37 billion", "about 3,500" (partners), "12.5%",
"3 percentage points", "since 2016". The counted noun after the span decides
the unit of a bare count ("3,500 partners" counts companies).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from extractor.mentions import Mention, unit_for_english_noun
from extractor.numbers import DIGITS, ENGLISH_SCALES, exact, parse_number

_WORD_NUMBERS = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|"
    r"six|seven|eight|nine))?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|a hundred"
)
_PRE = (
    r"more than|in excess of|upwards of|at least|no fewer than|no less than|up to|at most|"
    r"no more than|less than|fewer than|nearly|almost|about|around|roughly|approximately|"
    r"an estimated|close to|some|over|above|under|below|since|from|until|through|by"
)
PRE_QUALIFIERS = {
    "more than": "more_than", "in excess of": "more_than", "upwards of": "more_than",
    "over": "more_than", "above": "more_than", "at least": "at_least",
    "no fewer than": "at_least", "no less than": "at_least", "up to": "at_most",
    "at most": "at_most", "no more than": "at_most", "less than": "less_than",
    "fewer than": "less_than", "under": "less_than", "below": "less_than",
    "nearly": "approx", "almost": "approx", "about": "approx", "around": "approx",
    "roughly": "approx", "approximately": "approx", "an estimated": "approx",
    "close to": "approx", "some": "approx", "since": "since", "from": "since",
    "until": "until", "through": "until", "by": "until",
}  # fmt: skip
_SCALE = r"thousand|million|billion|trillion|bn|mn|mln|tn"
_UNIT = (
    r"%|percentage points?|per ?cent|won|dollars?|yen|euros?|yuan|pounds?|years?|months?|"
    r"weeks?|days?|hours?|times|tonnes?|tons?|-fold|fold|MW|GW|kW|GB|TB"
)
UNIT_WORDS = {
    "%": "percent", "percent": "percent", "per cent": "percent", "percentage point":
    "percentage_points", "percentage points": "percentage_points", "won": "KRW",
    "dollar": "USD", "dollars": "USD", "yen": "JPY", "euro": "EUR", "euros": "EUR",
    "yuan": "CNY", "pound": "GBP", "pounds": "GBP", "year": "years", "years": "years",
    "month": "months", "months": "months", "week": "weeks", "weeks": "weeks", "day": "days",
    "days": "days", "hour": "hours", "hours": "hours", "times": "times", "tonne": "tons",
    "tonnes": "tons", "ton": "tons", "tons": "tons", "-fold": "multiple", "fold": "multiple",
    "mw": "watts", "gw": "watts", "kw": "watts", "gb": "bytes", "tb": "bytes",
}  # fmt: skip
UNIT_MULTIPLIERS = {"mw": 10**6, "gw": 10**9, "kw": 10**3, "gb": 10**9, "tb": 10**12}
CURRENCIES = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW"}

_QUANTITY = re.compile(
    rf"(?:(?P<pre>(?i:{_PRE})) )?"
    rf"(?P<sign>[-−]|minus )?"
    rf"(?P<currency>US\$|\$|€|£|¥|₩)?"
    rf"(?P<number>{DIGITS}|\b(?i:{_WORD_NUMBERS})\b)"
    rf"(?:(?P<scale_space> ?)(?P<scale>(?i:{_SCALE}))\b|(?P<short>[mk])\b)?"
    rf"(?:(?P<range> ?(?:-|–|to|and) ?)(?P<hcurrency>US\$|\$|€|£)?(?P<high>{DIGITS})"
    rf"(?: ?(?P<hscale>(?i:{_SCALE}))\b)?)?"
    rf"(?: ?(?P<unit>(?i:{_UNIT}))(?![\w]))?"
    rf"(?: (?P<post>or more|or less|plus|ago))?"
)
_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|January|February|March|"
    r"April|June|July|August|September|October|November|December"
)
_YEAR_CUE = re.compile(
    r"(?:\b(?:in|since|from|by|until|through|before|after|of|for|fiscal|year|early|late|mid|"
    r"end|between|and|to)[ -])$",
    re.IGNORECASE,
)
_FUNCTION_WORDS = frozenset(
    "The A An In On At By For From To Of And But Or As Its It This That These Those Some "
    "About Nearly More Over Under Up Since Until After Before With Without Around Almost "
    "Roughly Only Just Another Last Next Than".split()
)
_STOP_AFTER = frozenset(
    "in of to for from on at by and or with than as per a an the that which who were was is "
    "are be been will would have has had this its their his her".split()
)


def spot_english(text: str, sentence_start: int, sentence_end: int) -> Iterator[Mention]:
    """Yield the quantity mentions of one English sentence, offsets into `text`."""
    sentence = text[sentence_start:sentence_end]
    for match in _QUANTITY.finditer(sentence):
        yield from _read_match(sentence, sentence_start, match)


def _read_match(sentence: str, base: int, match: re.Match) -> Iterator[Mention]:
    """Turn one match into zero, one or two (a range) mentions."""
    number = match["number"]
    before = sentence[: match.start("sign") if match["sign"] else match.start("currency")
                      if match["currency"] else match.start("number")]  # fmt: skip
    after = sentence[match.end() :]
    raw_unit = (match["unit"] or "").lower()
    if raw_unit in ("per cent", "percent"):
        raw_unit = "percent"
    unit = UNIT_WORDS.get(raw_unit)
    if raw_unit.startswith("percentage point"):
        unit = "percentage_points"
    currency = CURRENCIES.get(match["currency"] or "")
    scale = (match["scale"] or match["short"] or "").lower()
    is_word = number[0].isalpha()
    if _is_not_a_quantity(sentence, match, before, after, is_word):
        return
    value = parse_number(number)
    if value is None:
        return
    if scale:
        if match["short"] and not currency:
            return  # "5m" without a currency is as likely metres as millions
        value = exact(Decimal(value) * ENGLISH_SCALES[scale])
    if match["sign"]:
        value = -value
    if unit in ("USD", "KRW", "JPY", "EUR", "CNY", "GBP"):
        currency = currency or unit
    multiplier = UNIT_MULTIPLIERS.get(raw_unit)
    if multiplier:
        value = exact(Decimal(value) * multiplier)
    final_unit = currency or unit
    pre = (match["pre"] or "").lower()
    qualifier = PRE_QUALIFIERS.get(pre)
    start = match.start()
    is_year = (
        final_unit is None
        and not scale
        and isinstance(value, int)
        and 1800 <= value <= 2100
        and re.fullmatch(r"\d{4}", number) is not None
    )
    subject = _counted_noun(after)
    if is_year and not (subject and unit_for_english_noun(subject)):
        if not _year_is_claim(before, after, pre):
            return
        final_unit = "year"
        if qualifier not in ("since", "until"):
            start, qualifier = match.start("sign") if match["sign"] else match.start("number"), None
        subject = None
    elif qualifier in ("since", "until"):
        start, qualifier = match.start("number") - len(match["currency"] or ""), None
        if match["sign"]:
            start = match.start("sign")
    if match["post"] == "ago":
        return  # "ten years ago": a point in time, like the date of an event
    if match["post"]:
        qualifier = {"or more": "at_least", "plus": "at_least", "or less": "at_most"}.get(
            match["post"], qualifier
        )
    if final_unit is None:
        final_unit = unit_for_english_noun(subject) or ("items" if subject else None)
        if final_unit is None or (subject and not _plural(subject) and final_unit == "items"):
            return
    end = match.end()
    if match["high"] is not None:
        yield from _range(match, base, start, end, value, final_unit, subject, scale)
        return
    yield Mention(base + start, base + end, value, final_unit, qualifier or "exact", subject)


def _range(
    match: re.Match, base: int, start: int, end: int, low, unit: str, subject, scale: str
) -> Iterator[Mention]:
    """ "30-40%" or "$3 to $4 billion": two claims on the one span, low end then high end."""
    high = parse_number(match["high"])
    if high is None:
        return
    high_scale = (match["hscale"] or "").lower()
    if high_scale:
        high = exact(Decimal(high) * ENGLISH_SCALES[high_scale])
        if not scale:
            low = exact(Decimal(low) * ENGLISH_SCALES[high_scale])
    multiplier = UNIT_MULTIPLIERS.get((match["unit"] or "").lower())
    if multiplier:
        high = exact(Decimal(high) * multiplier)  # "43-50GW": the prefix applies to both
    yield Mention(base + start, base + end, low, unit, "at_least", subject)
    yield Mention(base + start, base + end, high, unit, "at_most", subject)


def _is_not_a_quantity(
    sentence: str, match: re.Match, before: str, after: str, is_word: bool
) -> bool:
    """Dates, times, ages, model names, phone numbers, ordinals and "the two"."""
    if re.search(r"[A-Za-z]$", before) or re.match(r"[A-Za-z]", after) and not match["unit"]:
        if not (match["scale"] or match["short"] or match["unit"]):
            return True  # S24, 5G, 3D, 1st
    if re.search(rf"\b(?:{_MONTH}) $", before) or re.match(rf" (?:{_MONTH})\b", after):
        return True  # Feb. 28, 28 February
    if re.match(r"(?::\d|\s?(?:a\.m\.|p\.m\.|am\b|pm\b))", after):
        return True  # 10:30, 3 p.m.
    if re.match(r"-(?:year|month|week|day)s?-old|s\b|'s\b|-[a-z]", after) and not match["unit"]:
        return True  # 45-year-old, the 1990s, a 10-year plan
    if re.search(r"\b(?:aged?|No\.|#|Q|Section|Article|Chapter|page|Route)\s?$", before):
        return True
    if re.search(r"\d[-./]$", before) or re.match(r"[-./]\d", after) and not match["range"]:
        return True  # phone numbers, 2024-02-28
    if is_word and re.search(r"\b(?:the|both|all|these|those)\s$", before, re.IGNORECASE):
        return True  # "the two": back to people already named
    bare = not (match["currency"] or match["scale"] or match["unit"] or match["short"])
    if bare and not is_word:
        previous = re.search(r"(\S+)\s$", before)
        if previous and re.search(r"[A-Z]", previous.group(1)):
            word = previous.group(1).strip("“\"'(")
            if word not in _FUNCTION_WORDS and not word.isupper():
                return True  # Llama 2, iPhone 15, Windows 11
        if re.match(r"\)", after) and re.search(r"\($", before):
            return True  # a stock code in brackets
    return False


def _year_is_claim(before: str, after: str, pre: str) -> bool:
    """A year counts when it anchors something ("since 2016", "in 2025"), not a full date."""
    if re.search(rf"(?:{_MONTH})(?: \d{{1,2}},?)? $", before) or re.search(r"\d{1,2}, $", before):
        return False  # Feb. 28, 2024 / March 2024: the date of an event
    if re.match(r" [A-Z]", after) or re.match(r"[-–/]\d", after):
        return False  # the 2024 Paris Olympics, 2023-24
    return bool(pre in ("since", "from", "until", "through", "by") or _YEAR_CUE.search(before))


def _counted_noun(after: str) -> str | None:
    """The noun phrase right after a number ("3,500 content partners" → content partners)."""
    words = re.match(r" ((?:[a-z][a-z-]*)(?: [a-z][a-z-]*){0,2})", after)
    if not words:
        return None
    phrase: list[str] = []
    for word in words.group(1).split():
        if word in _STOP_AFTER:
            break
        phrase.append(word)
        if unit_for_english_noun(word) or _plural(word):
            return " ".join(phrase)
    return None


def _plural(phrase: str) -> bool:
    """A plural-looking head noun, the usual shape of a counted thing."""
    head = phrase.split()[-1]
    return (head.endswith("s") and not head.endswith(("ss", "us", "is"))) or head in (
        "people", "staff", "children", "men", "women", "aircraft", "personnel", "police",
    )  # fmt: skip
