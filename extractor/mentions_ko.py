"""Spot quantities in Korean news copy: number, counter, qualifier, counted noun.

The span of a mention (`stated_as`) runs from a qualifier before the number (약,
최대) through the number, its counter or currency and a qualifier after it
(이상, 가량, 부터, 만에): "약 49조원", "2억 대 이상", "10년 만에". The counted noun
after a counter stays outside the span but decides the unit ("N개 이상 콘텐트
업체" counts companies), except 사 in "N개 사", which is part of the counter.

Kiwi confirms that a counter really is a counter ("조 원장" is a surname and a
title, not 1조 원) and supplies the noun phrase a number counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from extractor.mentions import Mention, unit_for_korean_noun
from extractor.morphology import Morpheme, analyse
from extractor.numbers import DIGITS, SUFFIX_QUALIFIERS, exact, parse_number

_SMALL = rf"(?:{DIGITS})[십백천](?![만억조경])"
_BIG = rf"(?:{_SMALL})?(?:{DIGITS})[십백천]?[만억조경]"  # 120억, 2천500억
_DIGIT_NUMBER = (
    rf"(?:{_BIG})(?:[ ]?(?:{_BIG}))*(?:{_SMALL})?(?:{DIGITS})?"
    rf"|(?:{_SMALL})(?:{DIGITS})?|{DIGITS}"
)
_SINO_DIGIT = "[일이삼사오육칠팔구]"
_SINO = (
    rf"(?:{_SINO_DIGIT}?[십백천])*{_SINO_DIGIT}?[만억조]"
    rf"|(?:{_SINO_DIGIT}?[십백천])+{_SINO_DIGIT}?"
)
_NATIVE = (
    r"(?:열|스물|스무|서른|마흔|쉰|예순|일흔|여든|아흔)(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉)?"
    r"|두|세|네|다섯|여섯|일곱|여덟|아홉"
)

# Counters and units, longest first so "개월" wins over "개" and "%포인트" over "%".
COUNTERS = {
    "%포인트": "percentage_points", "％포인트": "percentage_points", "%p": "percentage_points",
    "%P": "percentage_points", "%": "percent", "％": "percent", "퍼센트": "percent",
    "달러": "USD", "원": "KRW", "엔": "JPY", "유로": "EUR", "위안": "CNY", "파운드": "GBP",
    "개 사": "companies", "개사": "companies", "개국": "places", "개월": "months",
    "개": "items", "대": "units", "명": "people", "사람": "people", "곳": "places",
    "건": "cases", "번째": "", "번": "times", "회": "times", "차례": "times", "배": "multiple",
    "톤": "tons", "기": "units", "시간": "hours", "주": "weeks", "년": "year", "일": "days",
    "달": "months", "해": "years", "가지": "items", "마리": "items", "척": "units", "채": "items",
    "세": "", "살": "", "월": "", "위": "", "호": "", "층": "", "차": "", "분기": "",
    "세대": "", "부": "", "시": "", "분": "", "초": "", "인치": "", "나노": "",
}  # fmt: skip
_COUNTER = "|".join(re.escape(word) for word in sorted(COUNTERS, key=len, reverse=True))
_SUFFIX = (
    r"이상|이하|초과|미만|가량|정도|안팎|내외|남짓|넘게|넘는|가까이|이내|부터|까지|이후|만에|"
    r"동안|간|째|전"
)
DURATION_SUFFIXES = frozenset({"만에", "동안", "간", "째", "전"})
PREFIX_QUALIFIERS = {"약": "approx", "대략": "approx", "최대": "at_most", "최소": "at_least"}

_QUANTITY = re.compile(
    rf"(?:(?P<prefix>약|대략|최대|최소)[ \u00a0]?)?"
    rf"(?P<sign>[-−]|마이너스[ ]?)?"
    rf"(?:(?P<number>{_DIGIT_NUMBER})(?:(?P<range>[~∼〜-])(?P<high>{_DIGIT_NUMBER}))?(?P<yeo>여)?"
    rf"|(?<![가-힣\d.,])(?P<words>{_SINO}|{_NATIVE})(?=[ ]?(?:{_COUNTER})))"
    rf"(?:(?P<space>[ \u00a0]?)(?P<counter>{_COUNTER}))?"
)
# What may follow a suffix qualifier: a particle or copula, never more of a word
# ("이상이다" is a qualifier, "이상하다" is not).
_PARTICLE_START = (
    r"(?:이었|였|이며|이고|이다|이라|이던|이나|이지|인|의|을|를|이|가|은|는|에|으로|로|도|"
    r"과|와|씩|만|까지|부터|에서|보다|밖에)"
)
_AFTER_COUNTER = re.compile(
    rf"(?P<order>대)?(?:[ \u00a0]?(?P<suffix>{_SUFFIX})(?=$|[^가-힣]|{_PARTICLE_START}))?"
)
_AGE_FOLLOWERS = re.compile(
    r"[ \u00a0]?(?:초반|중반|후반|남성|여성|남자|여자|남녀|청년|직장인|부부|환자|주부|노인|"
    r"가장|엄마|아빠|여행객|운전자|이용자|근로자|연령층|세대)"
)
_TOP_N = re.compile(
    r" (?:그룹|기업|은행|증권사|건설사|과제|분야|산업|강국|도시|상권|이슈|전략|요소|원칙|뉴스|명산)"
)
_ALLOWED_BEFORE = re.compile(r"(?:약|총|각|무려|최대|최소|대략|전체|모두|불과|단)$")


def spot_korean(
    text: str, sentence_start: int, sentence_end: int, *, bare: bool = False
) -> Iterator[Mention]:
    """Yield the quantity mentions of one Korean sentence, offsets into `text`.

    `bare` is accepted for symmetry with `spot_english`: Korean spans carry their
    counter, so reading a claim's own span needs nothing more.
    """
    sentence = text[sentence_start:sentence_end]
    morphemes: tuple[Morpheme, ...] | None = None
    for match in _QUANTITY.finditer(sentence):
        if not _plausible_start(sentence, match):
            continue
        if morphemes is None:
            morphemes = analyse(sentence)
        yield from _read_match(sentence, sentence_start, match, morphemes)


def _plausible_start(sentence: str, match: re.Match) -> bool:
    """Reject numbers glued into names (라마2, GPT-4) or written as ordinals (제3)."""
    start = match.start("number") if match["number"] else match.start("words")
    before = sentence[: match.start()]
    if match["number"] and before and (before[-1].isalpha() or before[-1] in "_"):
        if not _ALLOWED_BEFORE.search(before):
            return False
    if re.search(r"[A-Za-z가-힣]-$|\d[-.:/]$|제[ ]?$", sentence[:start]):
        return False  # GPT-4, phone numbers and dates, 제3 (an ordinal)
    after = sentence[match.end() :]
    if match["number"] and not match["counter"] and re.match(r"[-:/.]\d|[A-Za-z]", after):
        return False  # 02-123-4567, 10:30, 2024.2.28, 5G, 3D
    return True


def _whole_counter(
    morphemes: tuple[Morpheme, ...], offset: int, counter: str, sentence: str
) -> str | None:
    """The longest counter at `offset` that Kiwi reads as whole morphemes, or None.

    "조 원장" is not 1조 원 and "3개 사업" is not "3개 사": the counter's last
    character must end a morpheme.
    """
    candidates = [word for word in COUNTERS if counter.startswith(word)]
    for word in sorted(candidates, key=len, reverse=True):
        end = offset + len(word)
        if not word[-1].isalpha() or word[-1].isascii():
            return word  # %, %p: symbols never start a word
        if end >= len(sentence) or not ("가" <= sentence[end] <= "힣"):
            return word
        covering = next((m for m in morphemes if m.start < end <= m.end), None)
        if covering is not None and covering.end == end:
            return word
    return None


def _read_match(
    sentence: str, base: int, match: re.Match, morphemes: tuple[Morpheme, ...]
) -> Iterator[Mention]:
    """Turn one regex match into zero, one or two (a range) mentions."""
    words = match["words"]
    counter = match["counter"]
    end = match.end("counter") if counter else match.end()
    if counter:
        counter = _whole_counter(morphemes, match.start("counter"), counter, sentence)
        end = match.start("counter") + len(counter) if counter else match.start("space")
    if words and not counter:
        return
    value = parse_number(words or match["number"])
    if value is None:
        return
    if words:
        if not _numeral_is_number(morphemes, match.start("words"), words):
            return
        if counter == "사람" and value <= 4:
            return  # 두 사람: "the two", pointing back at people already named
    if match["sign"]:
        value = -value
    unit = COUNTERS[counter] if counter else None
    if unit == "":
        return  # ages, months, ranks, floors: not quantities
    tail = _AFTER_COUNTER.match(sentence, end)
    suffix = tail["suffix"]
    qualifier = PREFIX_QUALIFIERS.get(match["prefix"] or "", None)
    if match["yeo"]:
        qualifier = "approx"
    if suffix == "전":
        return  # "1년 전", "3일 전": a point in time, like the date of an event
    duration = suffix in DURATION_SUFFIXES
    if suffix == "째" and counter not in ("년", "개월", "주", "일"):
        return  # 두 번째: an ordinal
    if suffix and not duration:
        qualifier = qualifier or SUFFIX_QUALIFIERS[suffix]
    after = sentence[end:]
    if counter == "대" and not match["space"] and _TOP_N.match(after):
        return  # 5대 그룹: "the top five", a label
    if counter == "기" and value < 10:
        return  # 1기 신도시, 3기 위원회: a term or phase; counted machines run higher
    unit = _settle_unit(unit, value, duration, counter, after, sentence, match)
    if unit is None:
        return
    if tail["order"] and unit in ("KRW", "USD", "JPY", "EUR", "CNY", "GBP", "percent"):
        qualifier = "approx"  # 1천억원대: in the order of
    elif tail["order"] and suffix:
        suffix = None  # the 대 is not ours; leave the rest of the phrase alone
    if unit in ("year", "date") and qualifier == "at_most":
        qualifier = "until"
    if unit not in ("year", "date"):
        qualifier = {"since": "at_least", "until": "at_most"}.get(qualifier, qualifier)
    if suffix or (tail["order"] and qualifier == "approx"):
        end = tail.end()
    start = match.start()
    subject = _counted_noun(morphemes, start, end)
    if counter in ("개", "곳") or unit == "items":
        unit = unit_for_korean_noun(subject) or unit
    confidence = 0.9 if counter else 0.5
    if match["high"] is not None:
        yield from _range(match, base, value, unit, subject, confidence, end)
        return
    yield Mention(base + start, base + end, value, unit, qualifier or "exact", subject, confidence)


def _range(
    match: re.Match,
    base: int,
    low,
    unit: str,
    subject: str | None,
    confidence: float,
    end: int,
) -> Iterator[Mention]:
    """A range "30~40%" is two claims on the one span: its lower bound, then its upper."""
    high = parse_number(match["high"])
    if high is None:
        return
    low_value = low
    scale = re.search(r"[만억조경]$", match["high"])
    if scale and not re.search(r"[만억조경]", match["number"]):
        low_value = exact(Decimal(low) * parse_number("1" + scale.group()))
    yield Mention(base + match.start(), base + end, low_value, unit, "at_least", subject,
                  confidence)  # fmt: skip
    yield Mention(base + match.start(), base + end, high, unit, "at_most", subject,
                  confidence)  # fmt: skip


def _numeral_is_number(morphemes: tuple[Morpheme, ...], offset: int, words: str) -> bool:
    """Hangul numerals count only where Kiwi reads them as numerals (NR, MM)."""
    morpheme = next((m for m in morphemes if m.start == offset), None)
    if morpheme is None:
        return False
    if morpheme.tag in ("NR", "MM", "SN"):
        return True
    # Kiwi sometimes splits 오백억 into 오/NNP + 백억/NR: accept when the rest is NR.
    following = [m for m in morphemes if offset < m.start < offset + len(words)]
    return bool(following) and all(m.tag == "NR" for m in following)


def _settle_unit(
    unit: str | None,
    value,
    duration: bool,
    counter: str | None,
    after: str,
    sentence: str,
    match: re.Match,
) -> str | None:
    """Decide year/duration/age/date readings that the counter alone leaves open."""
    if unit is None:
        number = match["number"] or ""
        return "items" if re.search(r"[만억조]", number) else None
    if counter == "년":
        if re.match(r"[ \u00a0]?\d{1,2}월", after):
            return None  # 2024년 2월 28일: the date of an event
        if duration or not (isinstance(value, int) and 1800 <= value <= 2100):
            return "years"
        return "year"
    if unit in ("days",) and not duration:
        return None  # 28일: a day of the month
    if unit == "weeks" and not duration:
        return "items" if value >= 100 else "weeks"  # 100만 주: shares
    if counter == "대" and isinstance(value, int) and 10 <= value <= 90 and value % 10 == 0:
        if not match["space"] and (
            _AGE_FOLLOWERS.match(after)
            or re.search(r"\d[~∼-]$", sentence[: match.start()])
            or match["high"] is not None
        ):
            return None  # 20대 남성: an age bracket
    return unit


def _counted_noun(morphemes: tuple[Morpheme, ...], start: int, end: int) -> str | None:
    """The noun phrase a number counts: after it ("N개 콘텐트 업체") or before it."""
    after = [m for m in morphemes if m.start >= end]
    # Skip a relative clause such as "깔린" (verb + adnominal ending).
    index = 0
    while index < len(after) and after[index].tag.startswith(("VV", "VA", "XSV", "EP")):
        index += 1
    if index and index < len(after) and after[index].tag == "ETM":
        index += 1
    elif index:
        index = len(after)
    phrase = _noun_run(after[index:])
    if phrase:
        return phrase
    before = [m for m in morphemes if m.end <= start]
    return _noun_run(list(reversed(before)), backwards=True)


def _noun_run(morphemes: list[Morpheme], backwards: bool = False) -> str | None:
    """Join consecutive noun morphemes into a short phrase, keeping original spacing."""
    run: list[Morpheme] = []
    for morpheme in morphemes[:4]:
        if morpheme.tag in ("NNG", "NNP", "SL", "SH") or (
            morpheme.tag == "XSN" and run and not backwards and morpheme.form != "들"
        ):
            run.append(morpheme)
        else:
            break
    if not run:
        return None
    run.sort(key=lambda m: m.start)
    parts = [run[0].form]
    for previous, current in zip(run, run[1:], strict=False):
        parts.append((" " if current.start > previous.end else "") + current.form)
    return "".join(parts)
