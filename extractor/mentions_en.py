"""Spot quantities in English news copy.

Convention for English spans (`stated_as`, see LABELLING.md): qualifier words,
currency symbol, number, scale word and unit word, plus a trailing qualifier ("or
more") — but not the counted noun: "more than $37 billion", "about 3,500"
(partners), "12.5%", "3 percentage points", "since 2016", "between 3% and 4%". The
counted noun after the span (or before it: "a crowd of 41,250") decides the unit of
a bare count, and a bare number takes the unit of the number it continues ("from 40
million subscribers to 60 million").

Words as well as digits: "a dozen", "two-thirds", "one in five", "twice", "three
times as many", "seven and a half years", "its 40th anniversary", "a 7-month-old".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from extractor.lexicon_en import (
    ANIMAL_NOUNS,
    ARTICLE_NUMBERS,
    CARDINALS,
    CASE_SENSITIVE_UNITS,
    CURRENCY_SYMBOLS,
    FOREIGN_DOLLARS,
    FOREIGN_MEASURES,
    FRACTIONS,
    MONTHS,
    MULTIPLE_WORDS,
    POST_QUALIFIERS,
    PRE_QUALIFIERS,
    SCALES,
    TENOR_NOUNS,
    UNIT_WORDS,
    YEAR_LABEL_NOUNS,
    noun_unit,
)
from extractor.mentions import Mention
from extractor.numbers import Number, exact
from extractor.vocabulary import UNIT_KINDS

_CARDINAL = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|"
    r"five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = "|".join(sorted(SCALES, key=len, reverse=True))
_WORD_SCALE = "hundred|thousand|million|billion|trillion"
_FRACTION = "|".join(sorted(FRACTIONS, key=len, reverse=True))

# A number: digits or words, with its scale.
_NUMBER = re.compile(
    rf"(?P<digits>{_DIGITS})(?P<space>[ \u00a0]?)(?P<scale>(?:{_SCALE})\b)?"
    rf"|(?P<word>\b(?i:{_CARDINAL})\b)(?:[ \u00a0](?P<wscale>(?i:{_WORD_SCALE}))\b)?"
    rf"|(?P<article>\b(?i:an?)[ \u00a0](?P<anumber>(?i:dozen|{_WORD_SCALE}))\b)"
)
_UNIT_PATTERN = "|".join(
    re.escape(word).replace(r"\ ", r"[ \u00a0-]")
    for word in sorted(UNIT_WORDS, key=len, reverse=True)
)
_UNIT = re.compile(rf"(?P<gap>[ \u00a0]?-?)(?P<unit>{_UNIT_PATTERN})(?![\w²])", re.IGNORECASE)
_PRE = re.compile(
    # a whole word only: the "over" of "cover $6.2 million" is no qualifier
    r"(?:(?<![\w'’-])(?P<pre>"
    + "|".join(re.escape(w) for w in sorted(PRE_QUALIFIERS, key=len, reverse=True))
    + r")[ \u00a0])?$",
    re.IGNORECASE,
)
_POST = re.compile(
    r"[ \u00a0](?P<post>" + "|".join(re.escape(w) for w in POST_QUALIFIERS) + r")\b"
    r"|(?P<plus>\+)",
    re.IGNORECASE,
)
_RANGE_JOIN = re.compile(r"[ \u00a0]?(?:-|–|—|to|and|or)[ \u00a0]?|-|–")
_MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?[ \u00a0]$")
_MONTH_DAY_BEFORE = re.compile(rf"(?:{MONTHS})\.?(?:[ \u00a0]\d{{1,2}},?)?[ \u00a0]$")
_YEAR_LABEL_AFTER = re.compile(rf"(?:'s)?[ \u00a0](?:{YEAR_LABEL_NOUNS})\b", re.IGNORECASE)
_FRACTION_AFTER = re.compile(rf"[ \u00a0-](?P<den>(?i:{_FRACTION}))\b")
# "the 10-year bond", "three-year government bonds", "a two-year fixed-rate mortgage"
_TENOR_AFTER = re.compile(rf"[ \u00a0](?:[A-Za-z-]+[ \u00a0]){{0,2}}?(?i:{TENOR_NOUNS})\b")
_MONTH_AFTER = re.compile(rf"[ \u00a0](?:{MONTHS})\b")


@dataclass
class _Reading:
    """One number as read at a position, before it becomes a Mention."""

    start: int
    end: int
    value: Number
    unit: str | None
    qualifier: str | None
    high: Number | None = None  # the other end of a range
    kind_hint: str | None = None  # "year", "word", "fraction", "multiple"
    counted: str | None = None  # the counted noun, when the unit came from one


def spot_english(
    text: str, sentence_start: int, sentence_end: int, *, bare: bool = False
) -> Iterator[Mention]:
    """Yield the quantity mentions of one English sentence, offsets into `text`.

    With `bare`, a number whose unit nothing decides is kept (as items): reading a
    claim's own span ("500 or more") has no counted noun to look at.
    """
    sentence = text[sentence_start:sentence_end]
    previous: _Reading | None = None
    counted: _Reading | None = None  # the last reading that is not a year or a date
    cursor = 0
    readings = _readings(sentence)
    for index, reading in enumerate(readings):
        if reading.start < cursor:
            continue  # inside a span already read (the second number of a range)
        if reading.unit is None and previous is not None:
            reading.unit = _carried_unit(sentence, previous, reading)
        if reading.unit is None and index + 1 < len(readings):
            reading.unit = _unit_of_level_after(sentence, reading, readings[index + 1])
        if (
            reading.unit is None
            and counted is not None
            and _COMPARED_BASE.search(sentence, 0, reading.start)
            and not re.search(r"[.;:!?]", sentence[counted.end : reading.start])
        ):
            reading.unit = counted.unit  # "27 investigations … in 2024, up from nine"
        if reading.unit is None and bare:
            reading.unit = "items"
        if reading.unit is None:
            continue
        if (
            reading.qualifier is None
            and previous is not None
            and _continues_list(sentence, previous, reading)
        ):
            reading.qualifier = previous.qualifier  # "at least 9.1 million X, 120,000 Y and …"
        cursor = reading.end
        previous = reading
        if reading.unit not in ("year", "date") and reading.unit not in _TIME_UNIT_NAMES:
            counted = reading  # "waited more than a year, up from 760": 760 is no duration
        yield from _mentions(reading, sentence_start)


# The base of a comparison or the end of a change: a bare number after it counts what the
# last count counted ("up from nine", "rising to 1.6 million").
_COMPARED_BASE = re.compile(
    r"(?:\b(?:up|down)[ \u00a0]from|\bcompared[ \u00a0](?:with|to)|\b(?:rising|falling|climbing|"
    r"dropping|growing|increasing|decreasing|rose|fell|grew|climbed|dropped)[ \u00a0]to)"
    r"(?:[ \u00a0](?:about|around|nearly|almost|some|roughly|more than|over))?[ \u00a0]$",
    re.IGNORECASE,
)


def _unit_of_level_after(sentence: str, change: _Reading, level: _Reading) -> str | None:
    """The unit of a change from the level it reached: "rose by 200 to 5,400 tonnes"."""
    if level.unit in (None, "year", "date") or level.high is not None:
        return None
    if not re.fullmatch(r"[ \u00a0]to[ \u00a0]", sentence[change.end : level.start]):
        return None
    return level.unit if _CHANGE_BEFORE.search(sentence[: change.start]) else None


def _continues_list(sentence: str, previous: _Reading, reading: _Reading) -> bool:
    """The reading is a later item of a list whose first item carries a qualifier."""
    if previous.qualifier in (None, "exact", "since", "until") or previous.high is not None:
        return False
    between = sentence[previous.end : reading.start]
    return (
        re.fullmatch(
            r"[ \u00a0]*(?:[a-z-]+[ \u00a0]){0,3}?[a-z-]+(?:,|, and| and)[ \u00a0]", between
        )
        is not None  # fmt: skip
    )


def _mentions(reading: _Reading, base: int) -> Iterator[Mention]:
    start, end = base + reading.start, base + reading.end
    if reading.high is not None:
        yield Mention(start, end, reading.value, reading.unit, "at_least", reading.counted)
        yield Mention(start, end, reading.high, reading.unit, "at_most", reading.counted)
        return
    qualifier = reading.qualifier or "exact"
    if reading.unit not in ("year", "date"):
        qualifier = {"since": "exact", "until": "exact"}.get(qualifier, qualifier)
    yield Mention(start, end, reading.value, reading.unit, qualifier, reading.counted)


_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}  # fmt: skip
# "the sixth straight month", "a second consecutive year", "74th straight weekly",
# "third year in a row": a streak in days, weeks, months or years is a duration.
_STREAK = re.compile(
    rf"\b(?P<ord>{'|'.join(_ORDINALS)}|\d+(?:st|nd|rd|th))[ \u00a0](?:(?:straight|consecutive|"
    r"successive)[ \u00a0](?P<unit>day|week|month|year|dai|week|month|year)(?:s|ly)?\b"
    r"|(?P<unit2>day|week|month|year)(?=[ \u00a0]in[ \u00a0]a[ \u00a0]row\b|$))",
    re.IGNORECASE,
)


def _streaks(sentence: str) -> Iterator[_Reading]:
    """Streaks counted with an ordinal, as durations (LABELLING.md section 1)."""
    for match in _STREAK.finditer(sentence):
        ordinal = match["ord"].lower()
        value = _ORDINALS.get(ordinal) or int(re.match(r"\d+", ordinal).group())
        unit = (match["unit"] or match["unit2"]).lower()
        unit = {"dai": "days", "day": "days", "week": "weeks", "month": "months",
                "year": "years"}[unit]  # fmt: skip
        end = match.end() if match["unit"] else match.start("unit2") + len(match["unit2"])
        yield _Reading(match.start(), end, value, unit, None, kind_hint="word")


def _readings(sentence: str) -> list[_Reading]:
    """Every number of a sentence read with its span, in text order."""
    readings = list(_streaks(sentence))
    streaks = list(readings)
    taken = 0
    for match in _CANDIDATES.finditer(sentence):
        if match.start() < taken or any(s.start <= match.start() < s.end for s in streaks):
            continue
        reading = _read(sentence, match)
        if reading is not None:
            taken = reading.end
            readings.append(reading)
    return sorted(readings, key=lambda reading: reading.start)


# "14 of the 20 clubs", "Nine of 14 economists": a share of a group (LABELLING.md
# section 5, "M of N" shares), one fraction over the whole phrase.
_SHARE_OF = re.compile(
    rf"(?P<m>(?i:{_CARDINAL})|\d{{1,3}}(?:,\d{{3}})+|\d+)[ \u00a0]of[ \u00a0]"
    rf"(?:(?i:the|its|their|our|my|his|her|your)[ \u00a0])?"
    rf"(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+|(?i:{_CARDINAL}))"
    rf"\b(?![.,]\d|[ \u00a0]?(?:%|percent|per[ \u00a0]cent|pc\b))"
)
# Where a quantity can begin: a number, a currency, a fraction or multiple word.
_EVENTS_OR_TIME = (
    r"(?i:seconds?|minutes?|hours?|days?|weeks?|months?|years?|games?|matches?|innings|races?|"
    r"starts?|attempts?|tries|shots|seasons?|rounds?)\b"
)
_CANDIDATES = re.compile(
    # "9 out of 10" and "1 in 4" before the digits alone, which would take the 9 or the 1
    # (not "2 in 5 minutes" nor "3 in 4 games": counts over a time or a number of events)
    rf"\b[1-9][ \u00a0]out[ \u00a0]of[ \u00a0](?:10|100|(?i:{_CARDINAL}))\b(?![.,]\d)"
    rf"|\b[1-9][ \u00a0]in[ \u00a0](?:[2-9]|10|100|1,000)\b(?![.,]\d)(?![ \u00a0]{_EVENTS_OR_TIME})"
    rf"|(?:(?<![\w\d])[-−](?=[$€£¥₩]?\d)|\b(?i:minus)[ \u00a0])?"
    rf"(?:(?:US\$|HK\$|S\$|A\$|C\$|NZ\$|NT\$|R\$|\$|€|£|¥|₩)[ \u00a0]?)?(?<![\d.,])(?:{_DIGITS})"
    rf"|\b(?:(?i:{_CARDINAL})|[1-9])[ \u00a0](?:in|out[ \u00a0]of)[ \u00a0]"
    rf"(?:10|100|(?i:{_CARDINAL}))\b(?![.,]\d)"
    rf"|\b(?i:one)[ \u00a0]in[ \u00a0]\d+\b"
    rf"|\b(?i:{_CARDINAL})\b"
    rf"|\b(?i:an?)[ \u00a0](?i:dozen|hundred|thousand|million|billion|trillion|decade|"
    rf"year and a half|{_FRACTION}|day|week|month|year|hour)\b"
    rf"|\b(?i:{'|'.join(MULTIPLE_WORDS)})\b"
    rf"|\b(?i:decades?)\b"
)


# Capital letters joined to the digits by a hyphen make a name: "F-35", "KF-21", "COVID-19"
# ("Mid-2025", "Pre-2020" are parts of time, read as such).
_NAME_BEFORE_DIGITS = re.compile(
    r"(?<![\w-])(?!(?i:mid|pre|post|over|under|non)-)[A-Z][A-Za-z]{0,6}-$"
)


# A person, then a form of "be": the bare number after it is their age.
_PERSON_IS_BEFORE = re.compile(
    r"\b(?:[Hh]e|[Ss]he|I|[Mm]y (?:mother|father|son|daughter|wife|husband|grandmother|"
    r"grandfather)|[Hh]is (?:mother|father|son|daughter|wife)|[Hh]er (?:mother|father|son|"
    r"daughter|husband))(?:['’]s| is| was| turns| turned| will be| would have been)[ \u00a0]$"
)


def _read(sentence: str, match: re.Match) -> _Reading | None:
    """Read the quantity that starts at `match`, or None when it is not one."""
    start = match.start()
    chunk = match.group()
    lowered = chunk.lower()
    if any(chunk.startswith(symbol) for symbol in FOREIGN_DOLLARS):
        return None
    if lowered in MULTIPLE_WORDS:
        return _multiple_word(sentence, start, match.end(), MULTIPLE_WORDS[lowered])
    if re.fullmatch(r"\w+[ \u00a0](?:in|out[ \u00a0]of)[ \u00a0]\w+", lowered):
        return _one_in(sentence, start, match.end())
    share = _SHARE_OF.match(sentence, start)
    if share and re.search(r"(?:^|[\s(“\"'—–-])$", sentence[:start]):
        found = _share(sentence, share)
        if found is not None:
            return found
    if lowered in ("decade", "decades"):
        return None  # "decades of" without a number: vague
    if chunk[0].isdigit() and _NAME_BEFORE_DIGITS.search(sentence, max(0, start - 12), start):
        return None  # "F-35", "KF-21", "COVID-19": a name or model (LABELLING.md §1)
    if re.search(r"\bmagnitude[ \u00a0-]$", sentence[:start], re.I) or re.match(
        r"[\d.]+[ \u00a0-]magnitude\b", sentence[start:], re.I
    ):
        return None  # "a magnitude 6.3 earthquake": a scale the vocabulary has no unit for
    if lowered.startswith(("a ", "an ", "a\u00a0", "an\u00a0")):
        return _article_number(sentence, start, match.end(), lowered.split()[-1])
    return _number(sentence, start)


def _number(sentence: str, start: int) -> _Reading | None:
    """A number in digits or words, with currency, scale, unit, range and qualifiers."""
    position = start
    sign = re.match(r"[-−]|(?i:minus)[ \u00a0]", sentence[start:])
    if sign:
        if re.search(r"\d[ \u00a0]?$", sentence[:start]):
            return None  # "2023-24" or "3-2": the hyphen joins two numbers
        position += sign.end()
        margin = re.search(r"\b(?i:plus or )$", sentence[:start])
        if margin:  # "plus or minus 3.1 percentage points": a margin, not a negative number
            start, sign = margin.start(), None
    currency = None
    for symbol, code in sorted(CURRENCY_SYMBOLS.items(), key=lambda item: -len(item[0])):
        if sentence.startswith(symbol, position):
            currency, position = code, position + len(symbol)
            break
    if sentence.startswith((" ", "\u00a0"), position) and currency:
        position += 1
    core = _NUMBER.match(sentence, position)
    if core is None:
        return None
    value, word, end, scaled = _core_value(core)
    if value is None:
        return None
    before = sentence[:start]
    after = sentence[end:]
    # A fraction in words: "two-thirds", "three quarters".
    fraction = _FRACTION_AFTER.match(after) if word else None
    if fraction and not currency:
        denominator = FRACTIONS[fraction["den"].lower()]
        if denominator == 2 and value == 1:
            return None  # "one half": half is not a claim
        return _finish(sentence, start, end + fraction.end(), _fraction(value, denominator),
                       "fraction", "fraction")  # fmt: skip
    if word and re.match(r"[ \u00a0]and a half[ \u00a0]", after):
        half = re.match(
            r"[ \u00a0]and a half[ \u00a0](?P<unit>years?|months?|weeks?|days?|hours?)\b",
            after,
            re.IGNORECASE,
        )
        if half:
            return _half_duration(sentence, start, end + half.end(), value, half["unit"])
    if _AGE_BAND_AFTER.match(after) or (word and re.match(r"[ \u00a0]of\b", after) and value == 1):
        return None  # "65 or older", "5-year-olds": an age band; "one of them": not a count
    if _REPORTING_PERIOD.match(after):
        return None  # "the 52 weeks to March 1": the label of a reporting period
    if _not_a_quantity(sentence, start, end, core, word, currency):
        return None
    if re.search(r"\baged?[ \u00a0]$", before, re.IGNORECASE):
        if re.match(r"[ \u00a0]*(?:and (?:over|older|above|under|younger)|or (?:older|over|"
                    r"more|younger|under)|to|-|–|\+)", after):  # fmt: skip
            return None  # "aged 65 and over", "aged 18 to 24": an age band
        return _finish(sentence, start, end, value, "years", "age")  # "aged 29"
    if (
        not core["scale"]
        and not currency
        and isinstance(value, int)
        and 0 < value < 120
        and _PERSON_IS_BEFORE.search(before, max(0, len(before) - 60))
        and re.match(r"[ \u00a0]*(?:$|[,.;]|and\b|but\b|now\b|this\b|next\b)", after)
    ):
        return _finish(sentence, start, end, value, "years", "age")  # "My mother is 82"
    # "a 7-month-old", "a 54-year-old": an age, a duration.
    age = re.match(r"-(?P<unit>year|month|week|day)s?-old\b", after)
    if age:
        unit = {"year": "years", "month": "months", "week": "weeks", "day": "days"}[age["unit"]]
        return _finish(sentence, start, end + age.end(), value, unit, "age")
    # "its 40th anniversary"
    if re.match(r"(?:st|nd|rd|th)[ \u00a0]anniversary\b", after):
        length = len(re.match(r"(?:st|nd|rd|th)[ \u00a0]anniversary", after).group())
        return _finish(sentence, start, end + length, value, "years", "anniversary")
    if not currency and (_FOREIGN_MEASURE.match(sentence, end) or _FAHRENHEIT.match(sentence, end)):
        return None  # "14.2 inches", "91 degrees (33 Celsius)": outside the vocabulary
    unit, multiplier, end = _unit_after(sentence, end, core, currency, value)
    if unit is None and currency:
        unit = currency
    if unit == "times":
        # "rose 2.9 times": a fraction of a time is never a count of them
        fractional = isinstance(value, Decimal) and value != value.to_integral_value()
        unit = "multiple" if fractional or _is_multiple(sentence[end:]) else "times"
    if multiplier != 1:
        value = exact(Decimal(value) * Decimal(str(multiplier)))
    # "three years and four months": one duration in the smaller unit.
    if unit in ("years", "months", "weeks"):
        compound = _compound_duration(sentence, end, value, unit)
        if compound is not None:
            value, unit, end = compound
    if sign:
        value = -value
    reading = _Reading(start, end, value, unit, None, kind_hint="word" if word else None)
    reading = _with_range(sentence, reading, currency, scaled, core)
    if reading is None:
        return None
    if re.match(r"[ \u00a0](?:of age|old)\b", sentence[reading.end :]) and (
        reading.high is not None or re.search(r"\d[ \u00a0]+(?:to|or)[ \u00a0]+$", before)
    ):
        return None  # "at 12 to 15 months of age": an age band (both ends), not a claim
    if reading.unit is None:
        if _is_year(value, core, word, scaled) and reading.high is None:
            return _year(sentence, reading)
        if _is_year(value, core, word, scaled) and _is_year(reading.high, core, word, scaled):
            clause = re.split(r"[;:]|,[ \u00a0](?:and|but|while)[ \u00a0]", before)[-1]
            if re.search(r"\d", clause):
                return None  # "grew by 2,900 between 2021 and 2024": a figure's window
            reading.unit = "year"  # "between 2029 and 2031": a range of years
        else:
            post = _POST.match(sentence, reading.end)
            reading.unit, reading.counted = _counted_unit(
                sentence, post.end() if post else reading.end, before
            )
    _qualify(sentence, reading)
    return None if _base_period(sentence, reading) else reading


def _base_period(sentence: str, reading: _Reading) -> bool:
    """A span of time before "ago" or "earlier" that is the base of a comparison.

    "up from three years ago", "down from 2,050 a decade earlier" label the period
    a figure is compared with; "founded 12 years ago", "950,000 years ago" are the
    time since an event (a claim). "70 years before a fire destroyed it" is how long.
    """
    if reading.unit not in _TIME_UNIT_NAMES or not re.match(
        r"[ \u00a0](?:ago|earlier|before(?=[ \u00a0]*(?:[,.;:)]|$|that\b|then\b)))\b",
        sentence[reading.end :],
    ):
        return False
    clause = re.split(r"[;:]|, (?:and|but|while) ", sentence[: reading.start])[-1]
    return bool(
        _COMPARED_AGO.search(clause) or not re.match(r"[ \u00a0]ago\b", sentence[reading.end :])
    )


# "the 52 weeks to March 1", "the 12 months ending June": the label of a reporting period.
_REPORTING_PERIOD = re.compile(
    rf"[ \u00a0](?:weeks|months)[ \u00a0](?:ended|ending|to[ \u00a0](?:the end of[ \u00a0])?"
    rf"(?:{MONTHS}|\d+))\b"
)
# In the clause before "N years ago": a comparison makes it the base period, a label.
_COMPARED_AGO = re.compile(
    r"\d[\d.,]*[ \u00a0]?(?:%|per[ \u00a0]?cent|percent)"
    r"|\b(?:than|compared|versus|against|level|rate)\b|\b(?:up|down)[ \u00a0](?:from|on|by|\d)"
    r"|\bfrom[ \u00a0](?:\w+[ \u00a0]){0,2}$"
)
_FOREIGN_MEASURE = re.compile(rf"[ \u00a0-]?(?:{FOREIGN_MEASURES})(?![\w²/])")
# "91 degrees (33 Celsius)", "91 degrees F": Fahrenheit, given with its conversion or its F.
_FAHRENHEIT = re.compile(
    r"[ \u00a0]degrees(?:[ \u00a0]F\b|[ \u00a0]\((?:[a-z]+[ \u00a0])?-?[\d.]+[ \u00a0]?"
    r"(?:°?C|Celsius|degrees Celsius)\))"
)


def _core_value(core: re.Match) -> tuple[Number | None, bool, int, bool]:
    """(value, written in words, end, has a scale word) of a matched number."""
    if core["digits"] is not None:
        value = exact(Decimal(core["digits"].replace(",", "")))
        scale = core["scale"]
        if scale:
            if scale in ("m", "b", "k") and core["space"]:
                return value, False, core.end("digits"), False  # "5 m": metres, not millions
            if scale == "m" and not _currency_before(core) and not _counted_after(core):
                return value, False, core.end("digits"), False  # "a 1.91m forward": metres
            factor = SCALES[scale.lower()]
            return exact(Decimal(value) * factor), False, core.end(), True
        return value, False, core.end("digits"), False
    if core["word"] is not None:
        parts = re.split(r"-", core["word"].lower())
        value = sum(CARDINALS[part] for part in parts)
        if core["wscale"]:
            return value * SCALES[core["wscale"].lower()], True, core.end(), True
        return value, True, core.end("word"), False
    return ARTICLE_NUMBERS[core["anumber"].lower()], True, core.end(), True


def _currency_before(core: re.Match) -> bool:
    """A currency symbol right before the number ("£50m")."""
    return re.search(r"[$€£¥₩][ \u00a0]?$", core.string[: core.start()]) is not None


def _counted_after(core: re.Match) -> bool:
    """A counted noun or "of" after "5m" makes it millions ("5m people", "5m of them")."""
    word = re.match(r"[ \u00a0]+([A-Za-z'-]+)", core.string[core.end() :])
    return bool(word) and (noun_unit(word[1]) is not None or word[1] in ("of", "more", "new"))


def _fraction(numerator: Number, denominator: int) -> Number:
    """A fraction as a decimal of four places at most (LABELLING.md)."""
    return exact((Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.0001")))


# One unit that "a quarter-" or "a half-" divides, and what one of it is worth.
_FRACTION_UNITS = {
    "percentage-point": ("percentage_points", 1),
    "percentage point": ("percentage_points", 1),
    "point": ("percentage_points", 1),
    "cent": ("USD", "0.01"),
    "penny": ("GBP", "0.01"),
}
_FRACTION_OF_UNIT = re.compile(r"-(?P<unit>percentage[- ]point|point|cent|penny)\b", re.I)


def _article_number(sentence: str, start: int, end: int, word: str) -> _Reading | None:
    """ "a dozen", "a third", "a decade", "a year and a half", "a million"."""
    if word in FRACTIONS:
        share = _FRACTION_OF_UNIT.match(sentence, end)
        if share:  # "a quarter-percentage-point cut", "a half-point": a part of one unit
            unit, scale = _FRACTION_UNITS[share["unit"].lower()]
            value = exact(Decimal(scale) / FRACTIONS[word])
            return _finish(sentence, start, share.end(), value, unit, "word")
        if FRACTIONS[word] == 2:
            return None  # "a half": not a claim
        if _ORDINAL_NOUN_AFTER.match(sentence, end):
            return None  # "a third successive season", "a sixth time": an ordinal
        if not re.match(r"[ \u00a0]of\b", sentence[end:]) and re.search(
            r"\b(?:added|scored|netted|grabbed|got|made|won|took|claimed|struck|headed|"
            r"finished|came|placed|ranked)[ \u00a0]$",
            sentence[:start],
            re.IGNORECASE,
        ):
            return None  # "Dalby added a third", "came a fifth": the next one, not a share
        return _finish(sentence, start, end, _fraction(1, FRACTIONS[word]), "fraction",
                       "fraction")  # fmt: skip
    if word == "decade":
        decade = _finish(sentence, start, end, 10, "years", "word")
        return None if _base_period(sentence, decade) else decade
    if sentence[start:end].lower().endswith("year and a half"):
        return _finish(sentence, start, end, 18, "months", "word")
    if word == "half":
        return None
    if word in ("day", "week", "month", "year", "hour"):
        # "less than a month", "within a year": one unit of time, only with a qualifier
        pre = _PRE.search(sentence, max(0, start - 40), start)
        if (
            not pre
            or not pre["pre"]
            or PRE_QUALIFIERS[pre["pre"].lower()] in ("since", "until", "range", "exact")
        ):
            return None
        return _finish(sentence, start, end, 1, word + "s", "word")
    value = ARTICLE_NUMBERS.get(word)
    if value is None:
        return None
    reading = _Reading(start, end, value, None, None, kind_hint="word")
    unit, multiplier, unit_end = _unit_after(sentence, end, None, None, value)
    if unit is not None:
        reading.unit, reading.end = unit, unit_end
        if multiplier != 1:
            reading.value = exact(Decimal(value) * Decimal(str(multiplier)))
    else:
        reading.unit, reading.counted = _counted_unit(sentence, end, sentence[:start])
        if reading.unit is None:
            return None
    _qualify(sentence, reading)
    return reading


def _finish(sentence: str, start: int, end: int, value, unit: str, hint: str) -> _Reading:
    """A reading whose value and unit are settled; only qualifiers remain."""
    reading = _Reading(start, end, value, unit, None, kind_hint=hint)
    _qualify(sentence, reading)
    return reading


def _one_in(sentence: str, start: int, end: int) -> _Reading | None:
    """ "one in five", "seven in 10 homes", "9 out of 10": a fraction (never "won 3 in
    2024")."""
    words = sentence[start:end].split()
    numerator, denominator = _whole_number(words[0]), _whole_number(words[-1])
    if not numerator or not denominator or numerator >= denominator:
        return None
    return _finish(sentence, start, end, _fraction(numerator, denominator), "fraction",
                   "fraction")  # fmt: skip


def _whole_number(word: str) -> int | None:
    """A whole number in digits ("1,200") or as a cardinal word ("Nine"), else None."""
    digits = word.replace(",", "")
    return CARDINALS.get(word.lower()) or (int(digits) if digits.isdigit() else None)


def _share(sentence: str, share: re.Match) -> _Reading | None:
    """A share of a group, "14 of the 20", when it is one: more than one of a larger whole."""
    part, whole = _whole_number(share["m"]), _whole_number(share["n"])
    if not part or not whole or not 1 < part < whole:
        return None
    if (
        re.fullmatch(r"1[89]\d\d|20\d\d", share["n"])
        or re.match(r"['’]s\b", sentence[share.end() :])
        or _LABELS_BEFORE.search(sentence[: share.start()])
    ):
        return None  # "5 of the 1998 law", "3 of 2024's titles", "Article 5 of 12": no share
    return _finish(sentence, share.start(), share.end(), _fraction(part, whole), "fraction",
                   "fraction")  # fmt: skip


def _multiple_word(sentence: str, start: int, end: int, value: int) -> _Reading | None:
    """ "twice the rate", "more than doubled", "a threefold rise"."""
    word = sentence[start:end].lower()
    if word in ("double", "triple", "quadruple") and not re.search(
        r"(?:more than|nearly|almost|about|roughly|over)[ \u00a0]$", sentence[:start], re.I
    ):
        if not re.match(r"[ \u00a0](?:the|its|their|that|what)\b", sentence[end:]):
            return None  # "a double win", "double-digit": not a multiple of anything
    if word == "twice" and not _COMPARED_AFTER.match(sentence, end):
        if _SCORED_BEFORE.search(sentence, max(0, start - 12), start):
            return _finish(sentence, start, end, 2, "items", "word")  # "scored twice": 2 goals
        return _finish(sentence, start, end, 2, "times", "word")  # "was cancelled twice"
    return _finish(sentence, start, end, value, "multiple", "multiple")


# Goals are items (LABELLING.md §3, sports records): "scored twice" is two goals.
_SCORED_BEFORE = re.compile(r"\b(?:scored|scores|netted|nets|struck)[ \u00a0]$", re.IGNORECASE)
# What makes "twice" a multiple: something it is twice of ("twice as many", "twice the rate").
_COMPARED_AFTER = re.compile(
    r"[ \u00a0](?:as|the|that|what|its|their|his|her|our)\b"
    r"|[ \u00a0]?[,.;:]?[ \u00a0]*(?:faster|more|higher|larger|bigger|as)\b",
    re.IGNORECASE,
)


def _half_duration(sentence: str, start: int, end: int, value: Number, unit: str) -> _Reading:
    """ "seven and a half years" (90 months), "two and a half weeks" (17.5 days)."""
    unit = unit.lower().rstrip("s")
    smaller, factor = {"year": ("months", 12), "month": ("weeks", None),
                       "week": ("days", 7), "day": ("hours", 24),
                       "hour": ("hours", 1)}[unit]  # fmt: skip
    if unit == "month":
        return _finish(sentence, start, end, exact(Decimal(value) + Decimal("0.5")), "months",
                       "word")  # fmt: skip
    if unit == "hour":
        return _finish(sentence, start, end, exact(Decimal(value) + Decimal("0.5")), "hours",
                       "word")  # fmt: skip
    total = exact((Decimal(value) + Decimal("0.5")) * factor)
    return _finish(sentence, start, end, total, smaller, "word")


def _compound_duration(sentence: str, end: int, value: Number, unit: str):
    """ "three years and four months" -> 40 months; None when no second part follows."""
    match = re.match(
        rf"(?:,?[ \u00a0]and[ \u00a0]|[ \u00a0])(?P<n>{_DIGITS}|{_CARDINAL})[ \u00a0]"
        r"(?P<u>months?|weeks?|days?)\b",
        sentence[end:],
        re.IGNORECASE,
    )
    if not match:
        return None
    second = match["n"].lower()
    number = CARDINALS.get(second) if second in CARDINALS else Decimal(second)
    if "-" in second:
        number = sum(CARDINALS[p] for p in second.split("-"))
    smaller = match["u"].lower().rstrip("s") + "s"
    factors = {("years", "months"): 12, ("months", "weeks"): None, ("years", "weeks"): 52,
               ("weeks", "days"): 7, ("months", "days"): None, ("years", "days"): None}  # fmt: skip
    factor = factors.get((unit, smaller))
    if not factor:
        return None
    return exact(Decimal(value) * factor + Decimal(number)), smaller, end + match.end()


def _unit_after(sentence: str, end: int, core, currency, value) -> tuple[str | None, object, int]:
    """The unit word right after a number: (unit, multiplier, new end)."""
    match = _UNIT.match(sentence, end)
    between = _TIME_ADJECTIVE.match(sentence, end)
    if match is None and between:  # "18 consecutive months", "two more years"
        timed = _UNIT.match(sentence, between.end())
        if timed and timed["unit"].lower() in _TIME_UNITS:
            match = timed
            if between.group().strip().lower() in _WHEN_ADJECTIVES and not timed[
                "unit"
            ].lower().endswith("s"):
                return None, 1, end  # "160 last year": when the count was, not how long
    if match is None:
        return None, 1, end
    word = match["unit"]
    word = re.sub(r"\u00a0|(?<=[a-z])-(?=[a-z])", " ", word)  # "square-kilometer"
    key = next((k for k in UNIT_WORDS if k.lower() == word.lower() and
                (k not in CASE_SENSITIVE_UNITS or k == word)), None)  # fmt: skip
    if key is None:
        return None, 1, end
    unit, multiplier = UNIT_WORDS[key]
    gap = match["gap"]
    glued = gap == ""
    if key in ("m", "t", "p", "C", "W") and not glued:
        return None, 1, end  # "5 m", "a t": only glued to the number ("1.91m", "9.5p")
    if key == "p" and (currency or not glued):
        return None, 1, end
    if key == "m" and (currency or core is not None and core["scale"] and core.end() == end):
        return None, 1, end  # "£50m": millions, read as the number's scale
    if key in ("points", "point") and re.match(r"[ \u00a0]of\b", sentence[match.end() :]):
        return None, 1, end  # "20 points of the lead": not an index level
    if unit == "points" and _POLL_WORDS.search(sentence) and not _INDEX_WORDS.search(sentence):
        unit = "percentage_points"  # "leads by 21 points" in a poll: a gap between shares
    if key in ("year", "month", "week", "day", "hour") and "-" not in gap:
        # "a year", "5 year" without -: only "N-year" or plural units are durations
        if not re.match(r"\s", gap or " "):
            return None, 1, end
    if "-" in gap:
        following = sentence[match.end() :]
        if _TENOR_AFTER.match(following):
            return None, 1, end  # "a two-year fix", "the 10-year bond": a product's name
        if key in ("year", "month", "week", "day") and re.match(r"-old\b", following):
            return None, 1, end
    if currency and unit in ("KRW", "USD", "JPY", "EUR", "CNY", "GBP") and unit != currency:
        return currency, 1, end
    if currency and unit not in ("KRW", "USD", "JPY", "EUR", "CNY", "GBP"):
        return currency, 1, end  # "$5 billion" then a word: the currency is the unit
    return unit, multiplier, match.end()


_ORDINAL_NOUN_AFTER = re.compile(
    r"[ \u00a0](?:straight|consecutive|successive|time|place|round|term|year|season|day|week|"
    r"month|quarter|party|way|largest|biggest|highest)\b",
    re.IGNORECASE,
)
_AGE_BAND_AFTER = re.compile(
    r"[ \u00a0](?:or|and)[ \u00a0](?:older|over|above|younger|under)\b|-years?-olds\b|"
    r"[ \u00a0]and up\b|\+[ \u00a0](?:year|age)"
)
_TIME_ADJECTIVE = re.compile(
    r"[ \u00a0](?:consecutive|straight|successive|more|additional|extra|full|long|further|"
    r"whole|previous|past|next|last)(?=[ \u00a0])",
    re.IGNORECASE,
)
# Before a singular time word they say when ("last year"), not how long.
_WHEN_ADJECTIVES = frozenset("last next previous past".split())
_TIME_UNITS = frozenset(
    "years year months month weeks week days day hours hour decades decade".split()
)


def _is_multiple(after: str) -> bool:
    """ "three times the rate", "2.5 times as many": a multiple, not a repetition."""
    if re.match(r"[ \u00a0]?(?:as|more|larger|bigger|higher|greater|faster|lower|smaller|"
                r"longer|over|that|what|the|this|its|their|his|her|our|an?|next|last|"
                r"\w+'s|\w+’s|\d|[$£€])\b", after, re.IGNORECASE):  # fmt: skip
        return not re.match(
            r"[ \u00a0](?:a|an|this|the|last|next)[ \u00a0](?:year|month|week|day|season|game|"
            r"night)\b(?!'s|’s)",
            after,
            re.IGNORECASE,
        )
    # "19 times revenue", "30 times earnings": a valuation multiple of a financial measure
    return bool(re.match(r"[ \u00a0](?:annual |forward |trailing |its |their )?(?:revenue|sales|"
                         r"earnings|profits?|income|ebitda|EBITDA|book value|cash flow)\b",
                         after))  # fmt: skip


def _with_range(sentence: str, reading: _Reading, currency, scaled: bool, core):
    """Extend a reading over "X-Y", "X to Y", "between X and Y", "three or four"."""
    after = sentence[reading.end :]
    join = _RANGE_JOIN.match(after)
    if join is None:
        return reading
    joiner = join.group().strip()
    rest_at = reading.end + join.end()
    if joiner == "and" and not re.search(r"between[ \u00a0]+\S*$", sentence[: reading.start], re.I):
        return reading
    if joiner == "or" and reading.kind_hint != "word":
        return reading
    change = None
    if joiner == "to":
        # "lifting the price of a latte by 20p to £3.95": "by" alone marks a change
        change = _CHANGE_BEFORE.search(sentence[: reading.start]) or re.search(
            r"\bby[ \u00a0]$", sentence[: reading.start]
        )
    if change and (reading.unit is not None or re.search(r"\bfrom\b", change.group(), re.I)):
        # "from 40 million to 60 million", "rose 3% to 4%": a change, two claims (but "grow
        # 3 to 4 percent" is one range: its first number waits for the second's unit)
        return reading
    second_currency = None
    for symbol, code in CURRENCY_SYMBOLS.items():
        if sentence.startswith(symbol, rest_at):
            second_currency, rest_at = code, rest_at + len(symbol)
            break
    if currency and second_currency is None and joiner in ("and", "to"):
        return reading  # "$5 and 40 hours": not a range of dollars
    if second_currency and (reading.unit or currency) not in (None, second_currency):
        return reading  # "by 20 percent to $88 million": a change and where it ends
    core2 = _NUMBER.match(sentence, rest_at)
    if core2 is None:
        return reading
    high, word2, end2, scaled2 = _core_value(core2)
    if high is None or (reading.kind_hint == "word") != word2:
        return reading
    unit2, multiplier2, end2 = _unit_after(sentence, end2, core2, second_currency or currency,
                                           high)  # fmt: skip
    if multiplier2 != 1:
        high = exact(Decimal(high) * Decimal(str(multiplier2)))
    low = reading.value
    if scaled2 and not scaled and core["digits"]:
        low = exact(Decimal(low) * SCALES[core2["scale"].lower()] if core2["scale"] else low)
    if multiplier2 != 1 and reading.unit is None:
        low = exact(Decimal(low) * Decimal(str(multiplier2)))
    unit = reading.unit or unit2 or second_currency
    if reading.unit and unit2 and reading.unit != unit2:
        return reading
    if reading.unit in _TIME_UNIT_NAMES and unit2 is None and _is_year(high, core2, word2, scaled2):
        return reading  # "in the 120 years to 2020": a span and the year it ends, not a range
    if isinstance(high, int | Decimal) and high <= low and joiner in ("-", "–", "to"):
        return reading  # "2023-24", a score, "54 percent to 37 percent": not a range
    if change and high > (3 if re.search(r"\bby\b", change.group(), re.I) else 10) * low:
        # "fell by 12,000 to 221,000", "rose 200 to 5,400 tonnes": how much, then the level
        # it reached; the bounds of a range of a change are of one size ("grew 3 to 4 percent")
        return reading
    reading.value, reading.high, reading.unit, reading.end = low, high, unit, end2
    return reading


_PART_OF_YEAR = re.compile(
    r"(?:mid-|early[ \u00a0-]|late[ \u00a0-]"
    r"|the[ \u00a0](?:end|start|beginning|middle)[ \u00a0]of[ \u00a0])$",
    re.IGNORECASE,
)
_TARGETED_FOR = re.compile(
    r"\b(?:targeted|slated|scheduled|set|due|planned|expected|earmarked) for[ \u00a0]$"
    r"|\b(?:starting|beginning|effective|commencing) in[ \u00a0]$",
    re.IGNORECASE,
)
# A date moved: "to 2028" after a verb of delay, and "from 2026" after the new date.
_MOVED_DATE = re.compile(
    r"\bto[ \u00a0](?:(?:late|early|mid-)[ \u00a0]?)?$"
    r"|(?P<to>\bto[ \u00a0]\d{4}[ \u00a0]from[ \u00a0]$)"
)
_DELAY_VERB = re.compile(
    r"\b(?:delay(?:s|ed|ing)?|postpon(?:e|es|ed|ing)|push(?:es|ed|ing)? back|put(?:s|ting)? "
    r"back|mov(?:e|es|ed|ing)|brought forward|bring(?:s|ing)? forward|defer(?:s|red|ring)?|"
    r"reschedul(?:e|es|ed|ing)|extend(?:s|ed|ing)?|slip(?:s|ped|ping)?)\b",
    re.IGNORECASE,
)
_IN_BEFORE_YEAR = re.compile(
    r"\bin[ \u00a0](?:(?:late|early|mid|mid-|the spring of|the summer of|the autumn of|"
    r"the fall of|the winter of|(?:late |early )?(?:spring|summer|autumn|fall|winter))"
    r"[ \u00a0-]?)?$",
    re.IGNORECASE,
)
# Nouns of figures: "growth in 2025", "shipments in 2026" label the period of a figure.
_FIGURE_BEFORE_IN = re.compile(
    r"\b(?:growth|revenue|revenues|sales|profit|profits|earnings|exports|imports|output|"
    r"inflation|shipments|births|deaths|debt|spending|budget|demand|supply|production|"
    r"investment|prices|price|rate|rates|level|levels|figure|figures|estimate|forecast|"
    r"unemployment|employment|turnout|attendance|visitors|arrivals|emissions|capacity)"
    r"[ \u00a0]in[ \u00a0]$",
    re.IGNORECASE,
)
# Verbs of one-off events: a year after them dates the event (a claim).
_STREAK_PERIOD = re.compile(r"\b(?:consecutive|straight|successive)\b|\bin a row\b", re.IGNORECASE)
# A figure in the words before a verb: "17.5 million set", "the amount seized", "27 … opened".
_FIGURE_WORD = re.compile(r"\d|\b(?:amount|number|total|volume|tally)\b", re.IGNORECASE)
_ONE_OFF_VERBS = re.compile(
    r"\b(?:founded|established|launched|opened|acquired|bought|raised|signed|listed|merged|"
    r"started|began|built|completed|introduced|won (?:the|a|an|its|their)|hosted|elected|"
    r"appointed|joined|left|releasing|releases|released|launching|opening|founding|"
    r"retired|died|born|created|set up|became|passed|approved|took over|unveiled|released|"
    r"debuted|closed|shut|sold off|spun off|went public|floated|incorporated|renamed|"
    r"relocated|moved|entered|quit|resigned|was named|were named|set|rebuilt|renovated|"
    r"refurbished|discovered|unearthed|excavated|sentenced|convicted|arrested|charged|killed|"
    r"destroyed|battered|struck|flooded|erupted)\b",
    re.IGNORECASE,
)

# Words that make "X to Y" a change between two figures rather than a range.
_CHANGE_BEFORE = re.compile(
    r"\b(?:from|rose|rise|rising|rises|risen|fell|fall|falling|falls|fallen|grown|sank|sunk|"
    r"increased?|increasing|"
    r"decreased?|decreasing|climbed?|climbing|dropped|drop|dropping|grew|grow|growing|"
    r"jumped?|jumping|slid|slide|sliding|cut|cutting|raised?|raising|lifted|lift|lowered?|"
    r"lowering|up|down|slipped|eased|edged|surged|soared|plunged|tumbled|declined?|gained?|"
    r"lost|added|narrowed|widened|revised|trimmed|boosted|reduced?|doubled|halved)\b"
    r"(?:[ \u00a0](?:by|from|about|around|nearly|almost|some|roughly|an estimated|more than|"
    r"less than|over|just))*[ \u00a0]$",
    re.IGNORECASE,
)


def _is_year(value: Number, core, word: bool, scaled: bool) -> bool:
    return (
        not word
        and not scaled
        and isinstance(value, int)
        and 1800 <= value <= 2100
        and re.fullmatch(r"\d{4}", core["digits"] or "") is not None
    )


def _year(sentence: str, reading: _Reading) -> _Reading | None:
    """A year is a claim when it dates an event, a target, a deadline or a start."""
    before, after = sentence[: reading.start], sentence[reading.end :]
    pre = _PRE.search(before, max(0, len(before) - 40))
    word = (pre["pre"] or "").lower() if pre else ""
    if _MONTH_DAY_BEFORE.search(before) or re.search(r"\d{1,2},[ \u00a0]$", before):
        return None  # "Feb. 28, 2024", "March 2024": the date of an event
    if re.match(r"[-–/]\d", after) or re.match(r"[ \u00a0]?[A-Z]", after):
        return None  # "2023-24", "the 2024 Paris Olympics"
    if _YEAR_LABEL_AFTER.match(after):
        return None  # "2023 revenue", "the 2025 season"
    if re.search(
        r"\b(?:fiscal|financial|calendar|FY|model|class of|vintage)(?: year)?[ \u00a0]$",
        before,
        re.IGNORECASE,
    ):
        return None  # "fiscal year 2025 revenue", "the class of 2024": a label
    reading.unit = "year"
    part = _PART_OF_YEAR.search(before)
    if part and not word:
        # "by mid-2026", "until the end of 2027": the qualifier is before the part of the
        # year; the span is the year alone
        outer = _PRE.search(before, max(0, part.start() - 40), part.start())
        qualifier = PRE_QUALIFIERS.get((outer["pre"] or "").lower()) if outer else None
        if qualifier in ("since", "until"):
            reading.qualifier = qualifier
            return reading
    moved = _MOVED_DATE.search(before)
    if moved and (moved["to"] or _DELAY_VERB.search(re.split(r"[;.]", before)[-1])):
        # "delays the plant to 2028", "pushed back to 2028 from 2026": the new date and the
        # old one are targets; "from" here is the date given up, not a "since"
        reading.qualifier = "exact"
        return reading
    if word == "from" and re.search(r"\d", re.split(r"[,;]", before[: pre.start("pre")])[-1]):
        return None  # "up 16 percent from 2024": the base of a comparison, a label
    if word in ("since", "from"):
        reading.start, reading.qualifier = pre.start("pre"), "since"
        return reading
    if word in ("until", "till", "through", "by"):
        reading.start, reading.qualifier = pre.start("pre"), "until"
        return reading
    if re.search(r"\b(?:as|than)[ \u00a0](?:in[ \u00a0])?$", before, re.IGNORECASE):
        return None  # "as high as in 2020", "than in 2019": a comparison's base period
    if re.search(r"\b(?:before|after)[ \u00a0]$", before, re.IGNORECASE):
        return reading
    if _TARGETED_FOR.search(before):
        return reading  # "mass production targeted for 2028": a target
    if re.search(r"\bsame period (?:of|in|last)[ \u00a0]$", before, re.IGNORECASE):
        return None  # "the same period of 2019": a comparison's base
    if re.search(r"\bin[ \u00a0]all[ \u00a0]of[ \u00a0]$", before, re.IGNORECASE):
        return None  # "more than in all of 2025": the period a figure covers
    if _IN_BEFORE_YEAR.search(before):
        # "in 2023" dates a one-off event ("founded in 1958", "raised $120m in 2021") but
        # labels the period of a figure ("grew 1.2% in 2023", "In 2017 debt was 660 trillion").
        clause = re.split(r"[,;]|\b(?:which|who|that|and)\b", before)[-1]
        after_clause = re.split(r"[,;]|\b(?:and|but|while|which)\b", after)[0]
        if _STREAK_PERIOD.search(clause):
            return None  # "rose for a second consecutive year in 2025": the streak's period
        one_off = _ONE_OFF_VERBS.search(clause)
        figures = list(_FIGURE_WORD.finditer(clause, 0, one_off.start())) if one_off else []
        if one_off and (not figures or re.search(r"\bsince\b", clause[figures[-1].end() :])):
            return reading  # "founded in 1958"; "… since founding the company in 2011"
        if one_off:
            return None  # "the high of 17.5 million set in 2019": the verb tells the figure's year
        if re.search(
            r"\d|\b(?:record|highest|lowest|average|total|amount|number|volume)\b", clause
        ):
            return None
        if re.search(r"\d", after_clause) or _FIGURE_BEFORE_IN.search(before):
            return None
        return reading
    if re.search(r"\bof[ \u00a0](?:the[ \u00a0])?(?:first|second|end|start|beginning|middle|"
                 r"half|quarter)?[ \u00a0]?(?:half|quarter)?[ \u00a0]?(?:of[ \u00a0])?$",
                 before, re.IGNORECASE):  # fmt: skip
        return reading  # "in the first half of 2027": a target
    if re.search(r"\b(?:year|target|deadline|goal)[ \u00a0]$", before, re.IGNORECASE):
        return reading
    if re.search(r"\b[Aa][ \u00a0]$", before) and _EVENT_NOUN_AFTER.match(after):
        return reading  # "for a 1998 killing": the year dates the event
    return None


# Events a year before them dates: "a 1998 killing", "a 2014 crash".
_EVENT_NOUN_AFTER = re.compile(
    r"[ \u00a0](?:killing|murder|crash|attack|shooting|fire|flood|earthquake|quake|coup|strike|"
    r"merger|takeover|acquisition|bankruptcy|collapse|explosion|spill|scandal|conviction|"
    r"arrest|robbery|hack|breach|recall|lawsuit|ruling)\b"
)


def _counted_unit(sentence: str, end: int, before: str) -> tuple[str | None, str | None]:
    """The unit a bare count takes from its noun.

    After it ("3,500 partners", "a 720-game season", "170 of the 300 seats") or
    before it ("a crowd of 41,250", "deaths totaled 361,900").
    """
    after = sentence[end:]
    # The noun phrase ends at punctuation: in "1,400 homes, officials said" homes decide.
    phrase = re.split(r"[,;:()\"“”!?]|\.(?!\d)", after[:60])[0]
    hyphen = re.match(r"-([A-Za-z]+)\b", after)
    if hyphen:
        unit = noun_unit(hyphen[1])
        return (unit, hyphen[1]) if unit else (None, None)
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", phrase)
    starts_with_word = re.match(r"[ \u00a0]+[A-Za-z]", after) is not None
    if starts_with_word:
        run: list[str] = []  # the noun phrase after the number: "apartment sales"
        # A name inside the phrase is a modifier: "two Reserve Bank board members".
        names = sum(1 for word in words[:4] if word[0].isupper())
        for index, word in enumerate(words[: 4 + names]):
            if index == 0 and word.lower() in _MORE_OF:
                continue  # "2,000 more season tickets": more of the noun that follows
            if word.lower() in _STOP_WORDS or (index == 0 and word.lower() in _NOT_COUNT_FOLLOWERS):
                break
            run.append(word)
            if (
                noun_unit(word)
                and not (word[0].isupper() and index + 1 < len(words))
                and (index + 1 >= len(words) or not noun_unit(words[index + 1]))
            ):
                break
        for index in range(len(run) - 1, -1, -1):  # the head noun decides: the last one
            if noun_unit(run[index]):
                return noun_unit(run[index]), " ".join(run[: index + 1])
    of = re.match(
        r"[ \u00a0]of[ \u00a0](?:(?:the|its|their|our|his|her|these|those|[A-Za-z]+['’]s)"
        r"[ \u00a0])?(?:[\d,.]+[ \u00a0])?((?:[a-z-]+[ \u00a0]?){1,3})",
        after,
    )
    nouns = of[1].split() if of else []
    for index, word in enumerate(nouns):
        if noun_unit(word):
            # "Fourteen of 19 economists"; the head of "member firms" is firms
            while index + 1 < len(nouns) and noun_unit(nouns[index + 1]):
                index += 1
            return noun_unit(nouns[index]), nouns[index]
    fronted = _FRONTED_PART.match(before)
    if fronted and noun_unit(fronted["noun"]):
        return noun_unit(fronted["noun"]), fronted["noun"]  # "Of the 36 shows, 31 sold out"
    if starts_with_word:
        # "28 posts", "2,000 new day care slots": the first plural before a stop word
        run = []
        for word in re.findall(r"[A-Za-z-]+", phrase)[:4]:
            if word.lower() in _STOP_WORDS or not word.islower():
                break
            if word in CARDINALS or word in _TIME_UNIT_NAMES:
                break  # "up from 840 six months earlier": a time, not what 840 counts
            run.append(word)
            if word.lower() in ANIMAL_NOUNS:
                return None, None  # "31 million egg-laying hens": no unit counts animals
            if word.endswith("s") and not word.endswith(("ss", "us", "is")):
                return "items", " ".join(run)
    return _noun_before(before)


# A sentence opening "Of the region's 18 counties, …": its counts count that noun.
_FRONTED_PART = re.compile(
    r"^\W*(?:Of|Among)[ \u00a0](?:(?:the|those|these|its|their|our)[ \u00a0])?"
    r"(?:[A-Za-z]+['’]s[ \u00a0])?(?:[\d,.]+[ \u00a0])?(?:[a-z-]+[ \u00a0]){0,2}?(?P<noun>[a-z-]+),"
)
# A place whose size is its people: "a village of 640", "a country of 52 million".
_SETTLEMENTS = frozenset("village hamlet town city island community country nation".split())
# Nouns before "at" that name the figure's role, not what it counts: "the largest group at".
_NOT_COUNTED_BEFORE = frozenset({"group", "groups"})
# A verb or preposition that puts a count after the noun it counts.
_COUNT_VERB = re.compile(
    r"(?:[ \u00a0](?:of|at|were|was|are|is|totaled|totalled|totaling|totalling|reached|"
    r"stood at|hit|numbered|came to|rose to|fell to|climbed to|dropped to|jumped to|grew to|"
    r"increased to|decreased to|declined to|slipped to|to|by|with)"
    r"(?:[ \u00a0](?:about|around|some|nearly|almost|more than|over|an estimated|roughly|"
    r"just|only|a record|a total of|between))?[ \u00a0])$",
    re.IGNORECASE,
)


def _noun_before(before: str) -> tuple[str | None, str | None]:
    """ "A crowd of 41,250", "Deaths totaled 361,900", "admissions ... were 78.4 million"."""
    verb = _COUNT_VERB.search(before)
    if verb is None:
        return None, None
    number_of = re.search(r"\bnumbers?[ \u00a0]of[ \u00a0](?:[\w-]+[ \u00a0]){0,2}?([a-z-]+s)\b",
                          before[: verb.start()])  # fmt: skip
    if number_of and noun_unit(number_of[1]):
        return noun_unit(number_of[1]), number_of[1]  # "the number of residents … grew by"
    clause = re.split(r"[;:(—–]|(?<!\d)[,.]|[,.](?!\d)|\b(?:and|but|while|which)\b",
                      before[: verb.start()].rstrip(", \u00a0"))[-1]  # fmt: skip
    # Words, not unit letters glued to a number ("1.3pc" is no PC).
    words = re.findall(r"(?<![\d.])[A-Za-z][A-Za-z'’-]*", clause)[-8:]
    if words and words[-1].lower() in _SETTLEMENTS and verb.group().strip().lower() == "of":
        return "people", words[-1].lower()
    for word in reversed(words):
        lowered = word.lower()
        if lowered in _NOT_COUNTED_BEFORE:
            continue
        if lowered == "age" and re.search(r"\b(?:was|were|is|of)[ \u00a0]$", before):
            return "years", lowered  # "the average age of mothers was 33.8"
        if noun_unit(lowered):
            return noun_unit(lowered), lowered
        if lowered in _PEOPLE_COLLECTIVES:
            return "people", lowered
    return None, None


_PEOPLE_COLLECTIVES = frozenset(
    "crowd attendance turnout audience population workforce headcount membership enrolment "
    "enrollment ridership viewership".split()
)
_STOP_WORDS = frozenset(
    "in of to for from on at by and or with than as per a an the that which who were was is "
    "are be been will would have has had this its their his her up down more less over under "
    "after before since last next year years a-year percent cent times".split()
)
_NOT_COUNT_FOLLOWERS = frozenset("p.m a.m pm am o'clock".split())
_MORE_OF = frozenset("more fewer additional extra".split())


def _carried_unit(sentence: str, previous: _Reading, reading: _Reading) -> str | None:
    """A bare number continuing an earlier one takes its unit ("from 40m users to 60m")."""
    between = sentence[previous.end : reading.start]
    if len(between) > 60 or re.search(r"[.;:!?]", between):
        return None
    if previous.unit in ("year", "date"):
        return None
    if (
        previous.unit in ("percent", "percentage_points")
        and _LEVEL_AFTER.fullmatch(between)
        and (
            _CHANGE_BEFORE.search(sentence, 0, previous.start)
            or _CLOSED_BEFORE.search(sentence, 0, previous.start)
        )
        and not re.search(r"\bfrom[ \u00a0]$", sentence[: previous.start], re.IGNORECASE)
    ):
        # "rose 14.2 percent to 318,000", "closed down 1.3pc at 8,131.55": the level
        # reached counts what the subject counts (an index's level is in points)
        return _subject_unit(sentence[: previous.start])
    if previous.unit in _TIME_UNIT_NAMES and "," in between:
        return None  # "for two more years, to between 260,000 and 270,000": not years
    if previous.unit in ("percent", "percentage_points", "fraction", "multiple") and re.search(
        r"\bof\b", between
    ):
        return None  # "1 per cent of the 1,200 settlements": the base is not a percentage
    joined = re.fullmatch(
        r"(?:[ \u00a0](?:[a-z]+[ \u00a0]){0,3})?[ \u00a0,]*(?:to|from|and|or|against|versus|vs\.?|"
        r"compared with|compared to|up from|down from|of|at|with|after|before|while)"
        r"[ \u00a0](?:(?:a|an|the|its|their)[ \u00a0])?(?:[a-z-]+[ \u00a0]){0,4}"
        r"(?:of|at|to|from|was|is|were)?[ \u00a0]?",
        between,
    )
    if joined is None:
        return None
    return previous.unit


# A market's close: "the Kospi closed down 1.3 percent at 2,480.12".
_CLOSED_BEFORE = re.compile(
    r"\b(?:closed|ended|finished|settled)(?:[ \u00a0](?:up|down|higher|lower))?[ \u00a0]$",
    re.IGNORECASE,
)
_LEVEL_AFTER = re.compile(
    r"(?:[ \u00a0](?:higher|lower|up|down))?"
    r"(?:[ \u00a0](?:last|this|in|over)[ \u00a0](?:the[ \u00a0])?"
    r"(?:year|month|week|quarter|\d{4}))?"
    r"[ \u00a0](?:to|at)[ \u00a0]"
    r"(?:(?:about|around|nearly|almost|some|roughly|a record|an estimated)[ \u00a0])?"
)


def _subject_unit(before: str) -> str | None:
    """The unit of the counted noun a clause is about, asides left out.

    "Arrivals from Japan, which led the rebound, rose": arrivals, people.
    """
    clause = re.sub(r",[^,]*,", " ", before)
    clause = re.split(r"[;:(—–]|(?<!\d)[.]|\b(?:and|but|while)\b", clause)[-1]
    if _INDEX_WORDS.search(clause):
        return "points"
    for word in reversed(re.findall(r"(?<![\d.])[A-Za-z][A-Za-z'’-]*", clause)[-10:]):
        if noun_unit(word.lower()):
            return noun_unit(word.lower())
    return None


def _qualify(sentence: str, reading: _Reading) -> None:
    """Read qualifier words before and after the span, widening it over them."""
    before = sentence[: reading.start]
    pre = _PRE.search(before, max(0, len(before) - 40))
    if pre and pre["pre"]:
        word = pre["pre"].lower()
        qualifier = PRE_QUALIFIERS[word]
        if qualifier == "range":
            if reading.high is not None:
                reading.start = pre.start("pre")
            return
        if (
            word == "from"
            and reading.unit in _MONEY
            and not re.match(r"[ \u00a0]*(?:to|-|–)[ \u00a0]", sentence[reading.end :])
            and _PRICED_FROM.search(before[: pre.start("pre")])
        ):
            reading.start, reading.qualifier = pre.start("pre"), "at_least"
            return  # "priced from $42,000": the lowest price, at least
        if qualifier in ("since", "until") and reading.unit not in ("year", "date"):
            return  # "from 3%": a change, not a qualifier of the number
        if word == "up to" and _UP_VERB.search(before[: pre.start("pre")]):
            return  # "inflation ticked up to 2.4%": a verb's "up", then where it went
        if (
            word in ("over",)
            and reading.unit in _TIME_UNITS
            and re.search(
                r"(?:\b[a-z]+(?:ed|s)|\b(?:paid|spent|spread|built|made|repaid)|"
                r"\d(?:[ \u00a0]?(?:million|billion|trillion|bn|m|pc|"
                r"percent))?)[ \u00a0]"
                r"(?:in [a-z]+ )?$",
                before[: pre.start("pre")],
            )
        ):
            return  # "worked over four years", "$61 million over three years": a span of time
        if word in ("over", "under", "above", "below") and reading.unit in ("year", "date"):
            return
        if word == "some" and reading.kind_hint == "word":
            return  # "some two" is odd; "some" before a word number reads as a determiner
        reading.start = pre.start("pre")
        reading.qualifier = qualifier
        # "more than double": the multiple itself is the number.
    if reading.qualifier is None and _PASSING_VERB.search(before):
        reading.qualifier = "more_than"  # "assets topped 1,180 trillion won": verb outside
    after = sentence[reading.end :]
    post = _POST.match(after)
    if (
        post
        and post["post"]
        and post["post"].lower() == "plus"
        and _NUMBER_NEXT.match(after, post.end())
    ):
        post = None  # "3.6pc plus one percentage point": a sum, not "or more"
    if post:
        word = (post["post"] or "+").lower()
        reading.qualifier = POST_QUALIFIERS.get(word, "at_least")
        reading.end += post.end()


_MONEY = frozenset({"USD", "KRW", "JPY", "EUR", "CNY", "GBP"})
_NUMBER_NEXT = re.compile(rf"[ \u00a0]+(?:[$£€]|\d|(?i:{_CARDINAL}|an?)\b)")
# Verbs whose particle is "up": "ticked up to", "picked up to", "was revised up to".
_UP_VERB = re.compile(
    r"\b(?:tick|pick|go|went|gone|mov|creep|crept|edg|ris|rose|risen|climb|jump|shot|shoot|"
    r"push|revis|bump|ramp|step|ratchet|sp[eu]d|speed|inch|nudg|ris|roll|driv|drove|driven|"
    r"sh?ift|swung|swing|come|came|turn|head|trend|scal|mark)[a-z]*[ \u00a0]$",
    re.IGNORECASE,
)
# Verbs of passing a mark (LABELLING.md section 4): the number after them is a floor.
_PASSING_VERB = re.compile(
    r"\b(?:tops?|topped|topping|exceeds?|exceeded|exceeding|surpass(?:es|ed|ing)?|"
    r"passes|passed|crossed|broke through|breaks through)[ \u00a0]$",
    re.IGNORECASE,
)
_PRICED_FROM = re.compile(
    r"\b(?:priced|prices|costs?|costing|sells?|selling|starting|start|starts|range|ranging|"
    r"fares?|tickets?|rents?)\b[^,.;]{0,30}$"
)


# A poll or a vote, where "points" are percentage points; an index, where they are its own.
_POLL_WORDS = re.compile(
    r"\b(?:poll|polls|polling|survey|approval|ballot|voters|lead|leads|"
    r"margin of error|percent|per cent)\b|%",
    re.IGNORECASE,
)
_INDEX_WORDS = re.compile(
    r"\b(?:index|indices|Kospi|KOSPI|Kosdaq|KOSDAQ|FTSE|Dow|Nasdaq|"
    r"S&P|Nikkei|composite|benchmark|closed at|shares)\b"
)
# An acronym written right before a number names an index or a product line with it.
_INDEX_NAME_BEFORE = re.compile(r"(?<![\w.])(?P<name>[A-Z][A-Z&]{1,6})[ \u00a0]$")


def _not_a_quantity(sentence: str, start: int, end: int, core, word: bool, currency) -> bool:
    """Dates, times, ages in apposition, names, phone numbers, ordinals, "the two"."""
    before, after = sentence[max(0, start - 60) : start], sentence[end : end + 60]
    if re.search(r"[A-Za-z]$", before) and not re.search(r"\b(?:a|an)$", before):
        return True  # S24, Q3
    if re.match(r"[A-Za-z]", after) and not _UNIT_OR_SUFFIX_AFTER.match(after):
        return True  # 5G, 3D, 1990s handled below
    if re.match(r"(?:st|nd|rd|th)\b", after) and not re.match(r"(?:st|nd|rd|th)[ \u00a0]anniv",
                                                              after):  # fmt: skip
        return True  # ordinals: 1st, 40th
    if re.match(r"s\b|'s\b", after) and not currency:
        return True  # the 1990s, the 20s
    if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
        return True  # Feb. 28, 28 February
    if re.match(r"(?::\d|[ \u00a0]?(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|BST|ET\b|KST))", after):
        return True  # 10:30, 3 p.m.
    if _LABELS_BEFORE.search(before):
        return True
    if re.search(r"\b(?i:per|for every|every)[ \u00a0]$", before):
        return True  # "per 3.3 square meters", "every 1C of warming": a rate's denominator
    index = _INDEX_NAME_BEFORE.search(before)
    if index and not currency and UNIT_KINDS.get(index["name"]) != "money":
        return True  # "the FTSE 250", "KOSPI 200", "S&P 500": a name
    if re.search(r"\d[-./:]$", before) or re.match(r"[./:]\d", after):
        return True  # phone numbers, 2024-02-28, 3:1
    if re.match(r"-\d", after) and re.search(r"(?:^|[ \u00a0(])$", before):
        # "3-2" scores and "2023-24" seasons, but not ranges "30-40%": decided by caller
        pass
    if word and re.search(r"\b(?:the|both|all|these|those|its|their|our|his|her)[ \u00a0]$",
                          before, re.IGNORECASE):  # fmt: skip
        return True  # "the two": back to people already named
    if re.search(r"\b(?:top|Top|number|Number|No)[ \u00a0-]$", before) and not (
        core["scale"] or currency or _UNIT.match(sentence, end)
    ):
        return True  # "top three", "number one": a rank (not "assets top 1,180 tln won")
    if (
        _IDENTIFYING_BEFORE.search(before) and not currency and not _TIME_UNIT_AFTER.match(after)
    ) or re.match(r"[ \u00a0]of[ \u00a0]four\b", after):
        return True  # "all 10 clubs", "170 of the 300 seats", "the next three": the set itself
    if re.search(r"\bfamily of[ \u00a0]$", before):
        return True  # "a family of four": a household type
    if re.match(
        r"-member\b|-seat[ \u00a0](?:chamber|parliament|assembly|legislature|house|"
        r"senate|council|national assembly)\b",
        after,
    ):
        # "the bank's seven-member board", "the 141-seat chamber": a body's make-up
        return True
    if currency and _EXAMPLE_BEFORE.search(before):
        return True  # "for a family earning $55,000": an example a figure is worked for
    near = max(0, len(before) - 60)  # every pattern below looks at most this far back
    if not currency and (
        (_VOTED_BEFORE.search(before, near) and _TALLY_FIRST_AFTER.match(after))
        or _TALLY_VOTES_AFTER.match(after)
        or _TALLY_SECOND_BEFORE.search(before, near)
    ):
        return True  # "members voted 1,162 to 97": a tally, like a score (§1)
    if not currency and _SAMPLE_BEFORE.search(before, near):
        return True  # "a survey of 1,010 adults": who was asked, not a finding (§1)
    if (
        word
        and sentence[start:end] == "One"
        and not before.strip(" \u00a0\"“‘'")
        and (person := re.match(r"[ \u00a0](?:[a-z]+[ \u00a0])?([a-z]+)\b(?![-'’])", after))
        and not person[1].endswith("s")
        and noun_unit(person[1]) == "people"
    ):
        return True  # "One commuter, who asked not to be named, …": someone, not a count
    if (
        word
        and sentence[start:end].lower() == "one"
        and re.match(r"[ \u00a0][a-z]+(?<!s)\b(?![-'’])", after)
        and not _UNIT.match(sentence, end)
        and (
            re.search(r"\b(?:said|says|told|according to)[ \u00a0]$", before)
            or re.match(r"[^.;“”\"]{0,160}?\b(?:said|says|told|tells)\b", after)
        )
    ):
        return True  # "one person familiar with the matter said": a source, not a count
    if re.match(r"[ \u00a0]votes?[ \u00a0](?:to|against)[ \u00a0]\d", after) or re.search(
        r"\d[ \u00a0]votes?[ \u00a0](?:to|against)[ \u00a0]$", before
    ):
        return True  # "backed by 38 votes to 19": a tally, like a score
    if re.match(r"-(?:day|week|month|year|hour)[ \u00a0](?:total|average|high|low|record|period|"
                r"window|rolling|span|moving)\b", after):  # fmt: skip
        return True  # "the highest two-day total": the window of a figure, a label
    if word and sentence[start].isupper() and re.search(r"\b[A-Z][a-z]+[ \u00a0]$", before):
        name = re.search(r"([A-Z][a-z]+)[ \u00a0]$", before).group(1)
        if name not in _FUNCTION_WORDS:
            return True  # "League Two", "Formula One": a word number inside a name
    if re.match(r"[ \u00a0]points?[ \u00a0](?:behind|clear|ahead|adrift|off|above|below|short|"
                r"from safety)\b", after):  # fmt: skip
        return True  # "two points behind the leaders": a league table, a score
    if not word and not currency:
        previous = re.search(r"(\S+)[ \u00a0]$", before)
        if previous and re.search(r"[,.;:)'’]$|'s$|’s$", previous.group(1)):
            previous = None  # "Headquarters, 2,146", "the Bank's 2pc": not a model name
        if previous and re.search(r"[A-Z]", previous.group(1)):
            name = previous.group(1).strip("“\"'(")
            if (
                name not in _FUNCTION_WORDS
                and not name.isupper()
                and not re.match(r"^[A-Z][a-z]+$", name)
            ):
                return True  # iPhone 15
            if (
                name not in _FUNCTION_WORDS
                and re.match(r"^[A-Z][a-z]+$", name)
                and not re.match(
                    r"[ \u00a0]?(?:%|per|percent|million|billion|trillion|bn|m\b|p\b|pc\b)", after
                )
                and not _TIME_UNIT_AFTER.match(after)
            ):
                return True  # Windows 11, Galaxy 24, Flight 17 (not "Hurricane Dell 26 years ago")
        if re.match(r"\)", after) and re.search(r"\($", before):
            return True  # a stock code in brackets
    return False


_TIME_UNIT_NAMES = frozenset({"years", "months", "weeks", "days", "hours"})
# An amount that only sets up a worked example (LABELLING.md: identifying counts).
# A tally: "voted 1,162 to 97", "a vote of 88 to 31", "18,406 yes votes to 13,112 no".
_VOTED_BEFORE = re.compile(r"\b(?:vot(?:ed|es|e|ing)|a[ \u00a0]vote[ \u00a0]of)[ \u00a0]$")
_TALLY_FIRST_AFTER = re.compile(r"[ \u00a0](?:to|-|–)[ \u00a0]?\d")
_TALLY_VOTES_AFTER = re.compile(
    r"[ \u00a0](?:yes|no|yea|nay)?[ \u00a0]?votes?[ \u00a0](?:to|against)\b"
)
_TALLY_SECOND_BEFORE = re.compile(
    r"\bvot(?:ed|es|e|ing)[ \u00a0][\d,]+[ \u00a0](?:to|-|–)[ \u00a0]?$"
    r"|\bvotes?[ \u00a0](?:to|against)[ \u00a0]$"
)
# Before a count: the sample of a survey or poll.
_SAMPLE_BEFORE = re.compile(
    r"\b(?:survey|poll|sample|canvass|census)s?[ \u00a0]of[ \u00a0]"
    r"(?:(?:about|around|some|roughly|nearly|almost|more[ \u00a0]than|over)[ \u00a0])?$",
    re.IGNORECASE,
)
_EXAMPLE_BEFORE = re.compile(
    r"\b(?:for|of|on|with)[ \u00a0](?:a|an)[ \u00a0](?:[a-z-]+[ \u00a0]){0,2}?"
    r"(?:assessed|valued|earning|making)(?:[ \u00a0]at)?[ \u00a0]$",
    re.IGNORECASE,
)
_TIME_UNIT_AFTER = re.compile(r"[ \u00a0](?:years?|months?|weeks?|days?|hours?|decades?)\b")
# Before a number that only names a whole set or its members (LABELLING.md: identifying).
_IDENTIFYING_BEFORE = re.compile(
    r"\b(?:all|of the(?:[ \u00a0](?:roughly|about|around|some|nearly|almost|estimated))?|"
    r"the next|the first|the last|the other|the remaining|among the|"
    r"(?:the )?(?:country|city|nation|state|region|province|league|world)['’]s|"
    r"of the [a-z]+['’]s|of (?:its|their))[ \u00a0]$",  # "of the valley's three reservoirs",
    # "one in five of its 3,100 members": the whole a share is taken from
    re.IGNORECASE,
)
_UNIT_OR_SUFFIX_AFTER = re.compile(
    rf"(?:{'|'.join(re.escape(u) for u in UNIT_WORDS if u[0].isalpha())})\b|s\b|st\b|nd\b|"
    r"rd\b|th\b"
)
_LABELS_BEFORE = re.compile(
    r"\b(?:No\.|no\.|#|Section|Article|Chapter|page|Route|Highway|Gate|Room|Platform|"
    r"Terminal|Flight|Line|Block|Unit|Category|Level|Grade|Phase|Stage|Season|Week|Day|Round|"
    r"Game|Vol\.|Version|Covid|COVID)[ \u00a0-]?$"
)
_FUNCTION_WORDS = frozenset(
    "The A An In On At By For From To Of And But Or As Its It This That These Those Some "
    "About Nearly More Over Under Up Since Until After Before With Without Around Almost "
    "Roughly Only Just Another Last Next Than Between Of Just Only Each Every Among Within "
    "Than Than, Some".split()
)
