"""Spot quantities in Korean news copy: number, counter, qualifier, counted noun.

The span of a mention (`stated_as`) runs from a qualifier before the number (약,
최대) through the number, its counter or currency and a qualifier after it
(이상, 가량, 부터, 만에): "약 16조원", "3억 대 이상", "20년 만에". The counted noun
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
from extractor.numbers import KOREAN_PREFIX_QUALIFIERS as PREFIX_QUALIFIERS
from extractor.vocabulary import UNIT_KINDS

_SMALL = rf"(?:{DIGITS})?[십백천](?![만억조경])"
# 120억, 2천500억, 24만, 천만: a big scale after digits or a small scale, never alone
# A scale syllable that begins a counter is the counter: 15경기 is 15 games, 6조각 6 pieces.
_SCALED = rf"(?:(?:(?:{DIGITS})?[십백천])+(?:{DIGITS})?|{DIGITS})(?:[만억]|조(?!각)|경(?!기))"
_SMALL_RUN = rf"(?:(?:{DIGITS})?[천백십])+(?:{DIGITS})?"  # 2천, 천4백, 3천2백
# "24만 1900", "5억 3000만", "2천 1백", "3만5000": one number, spaced or not.
_DIGIT_NUMBER = (
    rf"(?:{_SCALED})(?:[ ]?(?:{_SCALED}))*(?:[ ]?(?:{_SMALL_RUN})|[ ]?(?:{DIGITS}))?"
    rf"|(?:{_SMALL_RUN})(?:[ ](?:{_SMALL_RUN}))*(?:{DIGITS})?"
    rf"|{DIGITS}"
)
_SINO_DIGIT = "[일이삼사오육칠팔구]"
_SINO = (
    rf"(?:{_SINO_DIGIT}?[십백천])*{_SINO_DIGIT}?[만억조]"
    rf"|(?:{_SINO_DIGIT}?[십백천])+{_SINO_DIGIT}?"
)
_NATIVE = (
    r"(?:열|스물|스무|서른|마흔|쉰|예순|일흔|여든|아흔)(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉)?"
    r"|한두|두세|서너|네다섯|너덧|대여섯|예닐곱|두|세|네|석|넉|다섯|여섯|일곱|여덟|아홉|한"
)
# Pairs of native numerals are ranges: "두세 곳" is two to three places.
NATIVE_PAIRS = {"한두": (1, 2), "두세": (2, 3), "서너": (3, 4), "네다섯": (4, 5), "너덧": (4, 5),
                "대여섯": (5, 6), "예닐곱": (6, 7)}  # fmt: skip
# Native words for a number of days: "사흘째", "나흘 만에", "닷새 동안".
DAY_WORDS = {"하루": 1, "이틀": 2, "사흘": 3, "나흘": 4, "닷새": 5, "엿새": 6, "이레": 7,
             "여드레": 8, "아흐레": 9, "열흘": 10, "보름": 15}  # fmt: skip

# Counters and units, longest first so "개월" wins over "개" and "%포인트" over "%": each
# maps to (unit, multiplier); a unit of "" marks words that follow numbers but are not
# quantities (months of the year, ranks, floors). Metric prefixes fold into the base unit.
COUNTERS: dict[str, tuple[str, object]] = {
    "%포인트": ("percentage_points", 1), "％포인트": ("percentage_points", 1),
    "%p": ("percentage_points", 1), "%P": ("percentage_points", 1), "%": ("percent", 1),
    "％": ("percent", 1), "퍼센트": ("percent", 1), "포인트": ("points", 1),
    "달러": ("USD", 1), "원": ("KRW", 1), "엔": ("JPY", 1), "유로": ("EUR", 1),
    "위안": ("CNY", 1), "파운드": ("GBP", 1),
    "개 사": ("companies", 1), "개사": ("companies", 1), "개국": ("places", 1),
    "개 시도": ("places", 1), "개 시·도": ("places", 1), "개 시군구": ("places", 1),
    "개 시군": ("places", 1),
    "개월": ("months", 1), "개": ("items", 1), "대": ("units", 1), "명": ("people", 1),
    "사람": ("people", 1), "곳": ("places", 1), "건": ("cases", 1), "번째": ("", 1),
    "번": ("times", 1), "회": ("times", 1), "차례": ("times", 1), "배": ("multiple", 1),
    "경기": ("games", 1), "가구": ("households", 1), "세대": ("households", 1),
    "주년": ("years", 1), "톤": ("tons", 1), "t": ("tons", 1), "㎏": ("tons", "0.001"),
    "kg": ("tons", "0.001"), "기": ("units", 1), "시간": ("hours", 1), "주": ("weeks", 1),
    "년": ("year", 1), "일": ("days", 1), "달": ("months", 1), "해": ("years", 1),
    "가지": ("items", 1), "마리": ("", 1), "종": ("items", 1), "척": ("units", 1),
    "채": ("households", 1),
    "세": ("years", 1), "살": ("years", 1),
    "㎡": ("square_meters", 1), "m²": ("square_meters", 1), "m2": ("square_meters", 1),
    "제곱미터": ("square_meters", 1), "㎢": ("square_meters", 10**6),
    "㎠": ("square_meters", "0.0001"), "평": ("pyeong", 1), "㏊": ("square_meters", 10**4),
    "ha": ("square_meters", 10**4), "헥타르": ("square_meters", 10**4),
    "㎞": ("meters", 1000), "km": ("meters", 1000), "킬로미터": ("meters", 1000),
    "㎜": ("meters", "0.001"), "mm": ("meters", "0.001"), "㎝": ("meters", "0.01"),
    "cm": ("meters", "0.01"), "㎚": ("meters", "0.000000001"), "nm": ("meters", "0.000000001"),
    "m": ("meters", 1), "미터": ("meters", 1),
    "GW": ("watts", 10**9), "㎿": ("watts", 10**6), "MW": ("watts", 10**6),
    "㎾": ("watts", 1000), "kW": ("watts", 1000), "기가와트": ("watts", 10**9),
    "메가와트": ("watts", 10**6), "TWh": ("watt_hours", 10**12), "GWh": ("watt_hours", 10**9),
    "MWh": ("watt_hours", 10**6), "kWh": ("watt_hours", 1000), "㎾h": ("watt_hours", 1000),
    "GB": ("bytes", 10**9), "TB": ("bytes", 10**12), "MB": ("bytes", 10**6),
    "W": ("watts", 1), "Wh": ("watt_hours", 1),
    "도": ("degrees_celsius", 1), "℃": ("degrees_celsius", 1),
    "연승": ("games", 1), "연패": ("games", 1), "경기째": ("games", 1), "안타": ("items", 1),
    "타점": ("items", 1), "홈런": ("items", 1), "편성": ("units", 1), "편": ("items", 1),
    "장": ("items", 1), "석": ("items", 1), "실": ("items", 1), "면": ("items", 1),
    "조각": ("items", 1), "권": ("items", 1), "그루": ("items", 1), "벌": ("items", 1),
    "월": ("", 1), "위": ("", 1), "호": ("", 1), "층": ("", 1), "차": ("", 1), "분기": ("", 1),
    "부": ("", 1), "시": ("", 1), "분": ("", 1), "초": ("", 1), "인치": ("", 1), "나노": ("", 1),
    "승": ("games", 1), "패": ("games", 1), "무": ("games", 1), "골": ("items", 1),
    "라운드": ("", 1), "인당": ("", 1), "명당": ("", 1), "어시스트": ("items", 1),
    "리바운드": ("items", 1), "스틸": ("items", 1), "블록슛": ("items", 1), "동": ("items", 1),
    "일분": ("days", 1), "유닛": ("items", 1), "매": ("items", 1),
}  # fmt: skip
_COUNTER = "|".join(re.escape(word) for word in sorted(COUNTERS, key=len, reverse=True))
_LONGEST_COUNTER = max(map(len, COUNTERS))
_SUFFIX = (
    r"이상|이하|초과|미만|가량|정도|안팎|내외|남짓|넘게|넘는|넘어|가까이|이내|부터|까지|이후|"
    r"이래|만에|만의|만|동안|간|째|전|께|쯤|여|안에|돌파|웃도는|밑도는|차"
)
DURATION_SUFFIXES = frozenset({"만에", "만의", "만", "동안", "간", "째", "전", "차"})
# Suffixes the span includes (LABELLING.md section 5); 간 and 동안 stay outside.
_SPAN_SUFFIXES = frozenset(
    "이상 이하 초과 미만 가량 정도 안팎 내외 남짓 넘게 넘는 넘어 가까이 이내 부터 까지 이후 만에 "
    "만의 만 께 쯤 이래 안에 돌파 웃도는 밑도는".split()
)
_SUFFIX_QUALIFIERS = {**SUFFIX_QUALIFIERS, "넘어": "more_than", "께": "approx", "쯤": "approx",
                      "이래": "since", "안에": "at_most", "돌파": "more_than",
                      "웃도는": "more_than", "밑도는": "less_than", "차": "exact",
                      "만에": "exact", "만의": "exact", "만": "exact", "째": "exact"}  # fmt: skip

_QUANTITY = re.compile(
    rf"(?:(?<![가-힣])(?P<prefix>약|대략|최대|최소|최장)[ \u00a0]?)?"
    rf"(?P<margin>±[ ]?)?(?:(?<![가-힣])섭씨[ ]?)?(?P<sign>[-−]|마이너스[ ]?|영하[ ]?)?"
    rf"(?:(?P<number>{_DIGIT_NUMBER})"
    rf"(?:(?P<rspace>[ ]?)(?P<range>[~∼〜-]|에서)(?P<rspace2>[ ]?)(?P<high>{_DIGIT_NUMBER}))?"
    rf"(?P<yeo>여)?"
    rf"|(?<![가-힣\d.,])(?P<words>{_SINO}|{_NATIVE})(?=[ ]?(?:{_COUNTER}))"
    rf"|(?<![가-힣])(?P<days>{'|'.join(sorted(DAY_WORDS, key=len, reverse=True))})"
    rf"(?=[ ]?(?:째|만에|만|동안|간|연속|새|에[ ]불과|(?<!하루)(?:는|가|를|은|에))"
    rf"|[ ](?:넘|많|적|늘|줄|앞당|늦|빨|더)|$)"
    rf")"
    rf"(?:(?P<space>[ \u00a0]?)(?P<counter>{_COUNTER}))?"
)
# What may follow a suffix qualifier: a particle or copula, never more of a word
# ("이상이다" is a qualifier, "이상하다" is not).
_PARTICLE_START = (
    r"(?:이었|였|이며|이고|이다|이라|이던|이나|이지|인|의|을|를|이|가|은|는|에|으로|로|도|"
    r"과|와|씩|만|까지|부터|에서|보다|밖에|서|섰|선|었|다|까지|라면|라도|라는|라고|로|라)"
)
_AFTER_COUNTER = re.compile(
    rf"(?P<order>대)?(?:[ \u00a0]?(?P<suffix>{_SUFFIX})(?=$|[^가-힣]|{_PARTICLE_START}))?"
)
# "…을 넘어섰다", "…를 돌파했다", "…이 안 되는": a qualifier after a particle.
_VERB_QUALIFIER = re.compile(
    r"(?:을|를|이|가|도|에)?[ \u00a0]?(?:(?P<more>넘어섰|넘었|넘어서|넘긴|넘겼|넘는|넘어|돌파)"
    r"|(?P<near>육박)"
    r"|(?P<less>밑돌|안 되는|안 돼|못 미치|못 미쳐))"
)
_AGE_FOLLOWERS = re.compile(
    r"[ \u00a0]?(?:초반|중반|후반|남성|여성|남자|여자|남녀|청년|직장인|부부|환자|주부|노인|"
    r"가장|엄마|아빠|여행객|운전자|이용자|근로자|연령층|세대|이상|이하|미만|초과|이후|까지|"
    r"부터|인구|고령|청소년|아동|어린이|연령)"
)
_TOP_N = re.compile(
    r" (?:그룹|기업|은행|증권사|건설사|과제|분야|산업|강국|도시|상권|이슈|전략|요소|원칙|뉴스|명산)"
)
_ALLOWED_BEFORE = re.compile(r"(?:약|총|각|무려|최대|최소|최장|대략|전체|모두|불과|단|연|월|年)$")
# After "한 명": a clause that counts per person ("이 환자 16명을", "을 태울 때마다").
_PER_ONE = re.compile(
    r"(?:이|가|을|를|당)[ ](?:[가-힣]+[ ]){0,3}?(?:[가-힣]+[ ])?(?:\d|[가-힣]+ 때마다)"
)
# After "1㎢": a relative clause saying what one unit does ("가 흡수하는").
_ONE_UNIT_DOES = re.compile(r"(?:가|이|에서)[ ][가-힣]+는[ ]")
# After a count: the group a survey, poll or vote asked, which only defines whose answers
# the findings are ("1004명을 대상으로 실시한 조사", "조합원 8140명을 대상으로 찬반투표").
_SURVEY_NOUNS = "조사|설문|투표"  # what asks a group: a survey, a questionnaire, a vote
_SURVEYED = re.compile(
    r"(?:[ ]?(?:과|와)[ ][^.]{0,20}?)?[ ]?(?:을|를)[ ]대상으로[ ]"
    rf"(?:(?P<survey>[^.,]{{0,12}}?(?:{_SURVEY_NOUNS}))|했|한다|실시|진행)"
)
# Before 편: what makes it a count of trips (flights, sailings), not of films or episodes.
_TRIP_NOUNS = re.compile(r"(?:항공편|항공기|여객기|비행편|운항|여객선|배편|열차|노선)[ ]?$")
# After a measure: a price quoted for that quantity, the base of a rate.
_PRICE_AFTER = re.compile(r"[ ]?(?:당[ ])?(?:도매|소매|평균[ ]|산지|경매)?[ ]?(?:가격|값|시세)")
# "조사는 성인 6000명을 대상으로 했다": the survey named before the group it asked.
_SURVEY_WORDS = re.compile(_SURVEY_NOUNS)
# Before a number of years: the age of a ship, a vehicle or a building that defines a class.
_CLASS_AGE_BEFORE = re.compile(r"(?:선령|차령|건물 연령|노후도)[ ]?$")
_MONEY_NOUNS = re.compile(
    r"(?:매출|영업익|영업이익|순이익|이익|손실|적자|흑자|예산|예산안|투자|사업비|수출|수입|"
    r"시가총액|시총|감액|증액|자금|펀드|배당|유치|기업가치|가치|비용|부채|채무|세수|지원금|"
    r"보조금|출연|출자|인수|매각|거래대금|대출|자산|수주|규모|계약|총액|연봉|몸값)"
)
# After a year: words that make it a target, deadline, start or event (a claim) ...
_YEAR_CLAIM = re.compile(
    r"[ \u00a0]?(?:까지|부터|이후|께|쯤|말|초|중반|상반기|하반기|안에|내|목표|예정|완공|개통|양산|"
    r"착공|출시|준공|설립|창단|창립|개관|개장|도입|시행|완료|가동|상장|문을|첫|처음)"
)
# ... and words that make it the label of a period a figure covers, or the base a figure
# is compared with ("2019년보다", "2019년 수준을 회복했다": LABELLING.md §1, comparison bases).
_YEAR_LABEL = re.compile(
    r"생|보다|에 비해|에 견줘|[ \u00a0]?(?:같은 기간|동기|기준|대비|수준|성장률|전망치|전망|"
    r"예산|매출|수출|수입|출생아|"
    r"사망자|인구|통계|조사|동향|실적|연간|한 해|\d|"
    # the title of a statistic or report: "2025년 출생·사망통계", "2024년 고용동향 보고서"
    r"[가-힣·]{1,10}(?:통계|보고서|백서|실태조사)|"
    # a figure's name: 증가율, 매출액, 관객 수, 관객수는 (not 포수, 선수, 교수: people)
    r"[가-힣]*(?:률|액|량|(?<![포투선교가목])[ ]?수|치)(?:[은는이가도를을의]|과|와)?(?![가-힣]))"
)
# "1994년 조사 시작 이래": the year an event began, however the event is named (a claim).
_SINCE_AFTER = re.compile(r"(?:[ \u00a0][가-힣]+){1,3}[ \u00a0]이래")
# "40년 전 창업한": the time since an event is a duration claim (span without 전).
_SINCE_EVENT = re.compile(
    r"[ ]?(?:창업|설립|창립|창단|개업|개관|개장|문을 열|문을 연|세운|지은|건설된|지어진|시작|출범|"
    r"입사|결혼|"
    r"이사|이주|발견|개통|준공|완공|출시"
    # "3년 전 발목 수술을 받고": an event a person went through, one word before it at most
    r"|(?:[가-힣]+[ ])?(?:수술|부상|입단|데뷔|취임|은퇴|우승|졸업|퇴사|귀국|전역|이혼|사별))"
)
# "약 1억 년 전 공룡들이 남긴", "30년 전 백악기": "ago" before the event it dates …
_AGO_BEFORE_EVENT = re.compile(
    r"[ ](?:[가-힣]{1,8}[ ])?[가-힣]{1,8}(?:들이|이|가)[ ](?:[가-힣]+[ ])?[가-힣]*"
    r"(?:남긴|만든|세운|지은|살던|살았던)"
)
# … unless a comparison follows: "1년 전보다", "2년 전(11.6%)", "5년 전 같은 기간".
_COMPARISON_AFTER_AGO = re.compile(r"[ ]?(?:보다|대비|과|와|에 비해|\(|같은|동기|수준|만 해도)")
# "10일 넘게", "5일 이상", "3일가량": a qualified number of days, never a date.
_DAYS_QUALIFIED = re.compile(r"[ ]?(?:넘게|이상|이하|가량|정도|안팎|남짓|이내|미만|초과)")
# Words of intent: a year they govern is a target, not the label of a forecast.
_TARGET_VERB = re.compile(r"겠|목표|계획|달성|끌어올|늘리|확대|넘기|만들|세우|마치|완료|약속")
# "3년 연속", "5년 새", "3년 차": a span of time, not a date ("17일 새벽" is a date).
_DURING = re.compile(rf"[ ]?(?:연속|새(?![가-힣])|차(?![가-힣])|차(?={_PARTICLE_START}))")
_MACHINE_AFTER = re.compile(
    r" ?(?:차량|자동차|버스|트럭|택시|기기|장비|로봇|드론|항공기|선박|의|가|이|는|를)"
)
_WHOLE_SET = re.compile(r"[ ]?(?:[가-힣]{1,6}[ ])?(?:가운데|중에서|중)[ ]")
_MACHINE_NOUNS = re.compile(
    r"(?:차량|자동차|차|버스|트럭|택시|기기|장비|로봇|드론|항공기|선박|전투기|헬기|여객기|"
    r"수송기|단말기|굴착기|열차|전동차|크레인|잠수함|함정|서버|컴퓨터|노트북|스마트폰|TV)\s?$"
)
_INDEX_NAMES = re.compile(r"(?:코스피|코스닥|KOSPI|KOSDAQ|다우|나스닥|S&P ?500|닛케이|지수)")


# Where an index closed: "… 오른 2481.66에 마감했다", "692.40으로 장을 마쳤다".
_CLOSING_LEVEL = re.compile(r"(?:에|으로|로)[ ]?(?:장을[ ]|거래를[ ])?(?:마감|마쳤|끝냈|마무리)")


def may_hold_quantity(sentence: str) -> bool:
    """True when spotting will need the sentence's morphemes: something shaped like a
    quantity starts plausibly in it, the test `spot_korean` makes before it asks Kiwi
    (so Kiwi is not asked about the rest)."""
    return any(_plausible_start(sentence, match) for match in _QUANTITY.finditer(sentence))


def spot_korean(
    text: str, sentence_start: int, sentence_end: int, *, bare: bool = False
) -> Iterator[Mention]:
    """Yield the quantity mentions of one Korean sentence, offsets into `text`.

    With `bare`, a number whose unit nothing decides is kept (as items): reading a
    claim's own span ("1.2조") has no context to look at.
    """
    sentence = text[sentence_start:sentence_end]
    morphemes: tuple[Morpheme, ...] | None = None
    found: list[Mention] = []
    pending: list[Mention] = []  # bare numbers waiting for a unit from the next number
    for match in _QUANTITY.finditer(sentence):
        if not _plausible_start(sentence, match):
            continue
        if morphemes is None:
            morphemes = analyse(sentence)
        fraction = _fraction(sentence, sentence_start, match, morphemes)
        if fraction is not None:
            found.append(fraction)
            continue
        for mention in _read_match(sentence, sentence_start, match, morphemes, bare):
            if mention.unit is None:
                pending.append(mention)
                continue
            if mention.unit in _TIME_UNITS:
                found.append(mention)  # "100만, 12일 만에 500만 관객": wait past the time
                continue
            for waiting in pending:
                if _carries(sentence, sentence_start, waiting, mention):
                    found.append(_with_unit(waiting, mention.unit))
            pending = []
            found.append(mention)
    found.extend(_with_unit(m, "items") for m in pending if bare)
    fractions = list(spot_fractions(text, sentence_start, sentence_end))
    if fractions:
        found = [m for m in found if not any(f.start <= m.start < f.end for f in fractions)]
        found.extend(fractions)
    seen = set()
    for mention in sorted(found, key=lambda m: (m.start, m.qualifier != "at_least")):
        key = (mention.start, mention.end, mention.value)
        if key not in seen and not any(
            m is not mention
            and m.start <= mention.start
            and mention.end <= m.end
            and (m.end - m.start) > (mention.end - mention.start)
            for m in found
        ):
            seen.add(key)
            yield mention


def _with_unit(mention: Mention, unit: str) -> Mention:
    return Mention(mention.start, mention.end, mention.value, unit, mention.qualifier,
                   mention.subject, mention.confidence)  # fmt: skip


_TIME_UNITS = frozenset({"years", "months", "weeks", "days", "hours", "year", "date"})
# What may stand between a bare number and the number whose unit it takes.
_CARRY_GAP = re.compile(
    r"[,·、][ ]?(?:[가-힣A-Za-z]{1,8}[ ]?)?|[ ]?(?:에서|~|-|부터)[ ]?"
    r"|, (?:\d+[가-힣]{1,2}[ ]?(?:만에|만|째)?[ ]?)?"
)


def _carries(sentence: str, base: int, waiting: Mention, mention: Mention) -> bool:
    """ "7600억, 4500억원", "중국 410만·일본 250만명": a bare number takes the next one's unit."""
    between = sentence[waiting.end - base : mention.start - base]
    if UNIT_KINDS.get(mention.unit) == "count" and not isinstance(waiting.value, int):
        return False  # "타율 0.297, 17홈런": a count is whole, so 0.297 is something else
    return len(between) <= 30 and _CARRY_GAP.fullmatch(between) is not None


def _plausible_start(sentence: str, match: re.Match) -> bool:
    """Reject numbers glued into names (라마2, GPT-4) or written as ordinals (제3)."""
    start = match.start("number") if match["number"] else match.start()
    before = sentence[max(0, match.start() - 12) : match.start()]
    if match["number"] and before and (before[-1].isalpha() or before[-1] in "_"):
        if not _ALLOWED_BEFORE.search(before):
            return False
    if re.search(
        r"[A-Za-z가-힣]-$|\d[-.:/]$|(?<![가-힣])제[ ]?$", sentence[max(0, start - 4) : start]
    ):
        return False  # GPT-4, phone numbers and dates, 제3 (an ordinal)
    after = sentence[match.end() :]
    if match["number"] and not match["counter"] and re.match(r"[-:/.]\d|[A-Za-z]", after):
        return False  # 02-123-4567, 10:30, 2024.2.28, 5G, 3D
    if match["number"] and re.match(r"[-:]\d", after):
        return False  # a score (5-3) or a time (10:30)
    return True


def _whole_counter(
    morphemes: tuple[Morpheme, ...], offset: int, counter: str, sentence: str
) -> str | None:
    """The longest counter at `offset` that Kiwi reads as whole morphemes, or None.

    "조 원장" is not 1조 원 and "3개 사업" is not "3개 사": the counter's last
    character must end a morpheme.
    """
    candidates = [counter[:n] for n in range(min(len(counter), _LONGEST_COUNTER), 0, -1)
                  if counter[:n] in COUNTERS]  # fmt: skip
    for word in candidates:  # longest first
        end = offset + len(word)
        if not word[-1].isalpha() or word[-1].isascii():
            if (
                word[-1].isascii()
                and end < len(sentence)
                and sentence[end].isascii()
                and (sentence[end].isalnum())
            ):
                continue  # "5mm" yes, "5min" no
            return word  # %, %p, ㎡: symbols never start a word
        if word in ("m",) and end < len(sentence) and sentence[end].isalpha():
            continue
        if end >= len(sentence) or not ("가" <= sentence[end] <= "힣"):
            return word
        covering = next((m for m in morphemes if m.start < end <= m.end), None)
        if covering is not None and covering.end == end:
            return word
    return None


def _read_match(
    sentence: str, base: int, match: re.Match, morphemes: tuple[Morpheme, ...], bare: bool
) -> Iterator[Mention]:
    """Turn one regex match into zero, one or two (a range) mentions."""
    words, days = match["words"], match["days"]
    counter = match["counter"]
    end = match.end("counter") if counter else match.end()
    if counter:
        counter = _whole_counter(morphemes, match.start("counter"), counter, sentence)
        if counter == "편성" and re.search(r"[억조]", match["number"] or ""):
            counter = None  # "예산 6210억 편성": budgeted won, not trainsets
        end = match.start("counter") + len(counter) if counter else match.start("space")
    if words and not counter:
        return
    if days:
        value, unit, multiplier = DAY_WORDS[days], "days", 1
        end = match.end("days")
    elif words in NATIVE_PAIRS:
        unit, multiplier = COUNTERS[counter]
        if not unit:
            return
        low, high = NATIVE_PAIRS[words]
        after_pair = _AFTER_COUNTER.match(sentence, end)
        if after_pair["suffix"] == "째":
            return
        subject = _counted_noun(morphemes, match.start(), end)
        if unit in ("items", "people") or counter in ("개", "곳"):
            unit = unit_for_korean_noun(subject) or unit
        yield Mention(base + match.start(), base + end, low, unit, "at_least", subject, 0.8)
        yield Mention(base + match.start(), base + end, high, unit, "at_most", subject, 0.8)
        return
    else:
        value = parse_number(words or match["number"])
        if value is None:
            return
        if words and not _numeral_is_number(morphemes, match.start("words"), words):
            return
        if words and counter == "사람" and value <= 4:
            return  # 두 사람: "the two", pointing back at people already named
        if (
            words == "한"
            and counter in ("번", "해", "달", "개", "차례", "가지")
            and not (counter in ("해", "달") and _DURING.match(sentence, match.end("counter")))
        ):
            return  # 한 번도, 한 해 평균, 한 달에: the indefinite 한 of idiom and rate bases
        if words == "한" and counter in ("곳", "군데") and not match["space"]:
            return  # 한곳에 모였다: "in one place", a noun of its own
        if words == "한" and _PER_ONE.match(sentence, match.end("counter")):
            return  # "간호사 한 명이 환자 16명을", "승객 한 명을 태울 때마다": a rate's base
        unit, multiplier = COUNTERS[counter] if counter else (None, 1)
    if unit == "":
        return  # months, ranks, floors, scores: not quantities
    if match["sign"]:
        value = -value
    tail = _AFTER_COUNTER.match(sentence, end)
    suffix = tail["suffix"]
    qualifier = PREFIX_QUALIFIERS.get(match["prefix"] or "", None)
    if match["yeo"] or suffix == "여":
        qualifier = "approx"
    if suffix == "전" and (
        _COMPARISON_AFTER_AGO.match(sentence, tail.end())
        or not (
            _SINCE_EVENT.match(sentence, tail.end())
            or _AGO_BEFORE_EVENT.match(sentence, tail.end())
        )
    ):
        return  # "1년 전보다": the base of a comparison, a label (LABELLING.md)
    duration = suffix in DURATION_SUFFIXES or bool(_DURING.match(sentence, end))
    if suffix == "차" and counter not in ("년", "개월", "일", "달"):
        return  # 2차 회의, 47주 차 (the 47th week of the year): an ordinal
    if suffix == "째" and counter not in ("년", "개월", "주", "일", "시간", "달") and not days:
        return  # 두 번째: an ordinal
    if suffix == "만" and not re.match(
        r"[ ]?만(?:이다|이며|이고|이었|에|의|$|[.,]|이)", sentence[end:]
    ):
        suffix = None  # "만" that is not "N년 만이다" (only, or a scale)
    if suffix and suffix not in DURATION_SUFFIXES and suffix != "여":
        qualifier = qualifier or _SUFFIX_QUALIFIERS[suffix]
    after = sentence[end:]
    if (
        counter == "대"
        and not match["space"]
        and (
            _TOP_N.match(after)
            or (re.match(r" [가-힣]", after) and not _MACHINE_AFTER.match(after))
        )
    ):
        return  # 5대 그룹, 15대 주력 품목: "the top N", a label
    if (
        counter == "세대"
        and re.match(r" ?[가-힣A-Z]", after)
        and not re.match(r" ?(?:입주|분양|공급|이주|주민|가구|규모|가운데|중)", after)
    ):
        return  # 2세대 칩: a generation, not households
    address = re.match(r"[ ]?\d+호", after) or re.search(
        r"(?:아파트|단지)[ ]?$", sentence[: match.start()]
    )
    if counter == "동" and address:
        return  # "101동 1502호": a building's number in an address, not a count
    if counter == "편" and _TRIP_NOUNS.search(sentence, 0, match.start()):
        unit = "times"  # "항공편 87편 결항": flights are trips, counted as times
    if counter == "해" and isinstance(value, int) and value >= 100:
        return  # "2025 해온 축제": a name, not 2025 years
    if UNIT_KINDS.get(unit) == "measure" and _PRICE_AFTER.match(after):
        return  # "사과 10㎏ 도매가격은 7만4500원": the quantity a price is quoted for
    surveyed = _SURVEYED.match(after) if UNIT_KINDS.get(unit) == "count" else None
    if surveyed and (surveyed["survey"] or _SURVEY_WORDS.search(sentence, 0, match.start())):
        return  # "성인 1200명을 대상으로 실시한 조사": who was asked (LABELLING.md §1)
    if counter == "년" and _CLASS_AGE_BEFORE.search(sentence, 0, match.start()):
        return  # "선령 20년 이상 어선": an age that defines a class, an age band
    if _WHOLE_SET.match(after) and not words and UNIT_KINDS.get(unit) == "count":
        return  # 17개 시도 가운데 12곳: the whole set, not a claim (14.2㎞ 가운데 is a length)
    if counter == "대" and re.match(r"[ ]?1(?!\d)", after):
        # "45.3대 1의 경쟁률": a ratio
        unit, end, tail, suffix = (
            "multiple",
            end + len(re.match(r"[ ]?1", after).group()),
            None,
            None,
        )
    if sentence.startswith("당", end) and counter:
        return  # "3.3㎡당 3124만 원": the base of a rate, not a claim
    if value == 1 and UNIT_KINDS.get(unit) == "measure" and _ONE_UNIT_DOES.match(sentence, end):
        return  # "갯벌 1㎢가 흡수하는 탄소는": what one unit does, the base of a rate
    if counter == "회" and value == 1 and re.match(r"[ ]?충전", after):
        return  # "1회 충전으로 512㎞": per charge, the base of a rate
    if value == 1 and counter and re.match(r"(?:에는|마다)[ ][^.]{0,30}?\d", after):
        return  # "운반선 1척에는 최대 4000대": what one holds, the base of a rate
    if (
        UNIT_KINDS.get(unit) == "count"
        and not words
        and re.search(r"(?:^|[ (])(?:이들|이)[ ]$", sentence[: match.start()])
    ):
        return  # "이들 3개 사의 점유율": back to the companies just named, like "the three"
    if re.search(r"(?:시속|초속|분속)[ ]?$", sentence[: match.start()]):
        return  # 시속 151㎞: a speed, outside the vocabulary (LABELLING.md section 3)
    if counter in ("회", "번") and _NOT_REPETITION.match(after):
        return  # "6회말", "4번 타자": an inning or a batting order, not repetitions
    if counter == "기" and isinstance(value, int) and value < 10:
        return  # 1기 신도시, 3기 위원회: a term or phase; counted machines run higher
    if counter in ("세", "살") and (_AGE_FOLLOWERS.match(after) or match["high"] is not None):
        return  # 65세 이상 고령자, 30~34세: an age band, not a claim
    if counter in ("세", "살") and re.search(r"[가-힣][ ]?\($", sentence[: match.start()]):
        return  # 김 씨(45세): an age in apposition to a name
    if counter == "도" and not re.search(r"(?:기온|온도|체온|도씨|섭씨|영하|고온|저온|수온|℃)",
                                        sentence) and not match["sign"]:  # fmt: skip
        return  # "도" after a number is a temperature only where the sentence speaks of one
    unit = _settle_unit(unit, value, duration, counter, after, sentence, match, morphemes)
    if unit is None:
        index = _INDEX_NAMES.search(sentence)
        line = index and sentence.startswith("선", end) and value >= 100  # "2480선": a level
        closing = index and _CLOSING_LEVEL.match(sentence, end)  # "2481.66에 마감했다"
        if line:
            unit, end = "points", end + 1
        elif bare or _INDEX_NAMES.search(sentence[max(0, match.start() - 20) : match.start()]):
            unit = "points" if not bare else "items"
        elif closing:
            unit = "points"
        elif re.search(r"[만억조]", match["number"] or "") and _money_context(sentence, match):
            unit = "KRW"  # "영업익 1.2조", "728조 예산안": amounts of won with the 원 left off
        else:
            yield Mention(base + match.start(), base + end, value, None, qualifier or "exact")
            return
    if multiplier != 1:
        value = exact(Decimal(value) * Decimal(str(multiplier)))
    if tail is not None and tail["order"] and unit in ("KRW", "USD", "JPY", "EUR", "CNY", "GBP",
                                                       "percent"):  # fmt: skip
        qualifier = "approx"  # 1천억원대: in the order of
    elif tail is not None and tail["order"] and suffix:
        suffix = None  # the 대 is not ours; leave the rest of the phrase alone
    if unit in ("year", "date") and qualifier == "at_most":
        qualifier = "until"
    if unit not in ("year", "date"):
        qualifier = {"since": "at_least", "until": "at_most"}.get(qualifier, qualifier)
    if tail is not None and (suffix in _SPAN_SUFFIXES or (tail["order"] and qualifier == "approx")):
        end = tail.end() - (1 if suffix == "만의" else 0)  # "3년 만의": the span is "3년 만"
    verb = _VERB_QUALIFIER.match(sentence, end)
    if verb and qualifier is None:
        qualifier = "more_than" if verb["more"] else "approx" if verb["near"] else "less_than"
        if not verb.group().startswith(("을", "를", "이", "가", "도", "에")) and (
            verb["more"] == "넘어" or verb["near"]
        ):
            end = verb.end()  # "24만명 넘어", "7천원 육박": the headline's verb is in the span
    if unit in ("years", "months", "weeks", "days"):
        compound = _compound_duration(sentence, end, value, unit)
        if compound is not None:
            value, unit, end, approx = compound
            qualifier = qualifier or approx
    start = match.start()
    subject = _counted_noun(morphemes, start, end)
    if counter in ("개", "곳") or unit in ("items", "people") or counter is None:
        unit = unit_for_korean_noun(subject, places=counter == "곳") or unit
    if counter in ("개", "곳") and unit in ("items", "places"):
        # "7개 마을 주민": the noun right after the counter is what it counts
        following = next((m for m in morphemes if m.start > end), None)
        if following is not None and following.tag.startswith("NN"):
            unit = unit_for_korean_noun(following.form) or unit
    if counter == "곳" and subject is None and unit == "places":
        # "수출업체가 약 1200곳으로": the subject just before the count is what it counts
        before = [m for m in morphemes if m.end <= start]
        if len(before) >= 2 and before[-1].tag in ("JKS", "JX") and before[-2].tag == "NNG":
            unit = unit_for_korean_noun(before[-2].form, places=True) or unit
    confidence = 0.9 if counter else 0.5
    if match["high"] is not None:
        yield from _range(match, base, value, unit, subject, confidence, end, multiplier)
        return
    yield Mention(base + start, base + end, value, unit, qualifier or "exact", subject, confidence)


def _money_context(sentence: str, match: re.Match) -> bool:
    """A bare 조/억 amount next to a word about money."""
    around = sentence[max(0, match.start() - 12) : match.end() + 8]
    return _MONEY_NOUNS.search(around) is not None


def _compound_duration(sentence: str, end: int, value, unit: str):
    """ "2년 6개월" is one duration of 30 months; "19세 3개월" likewise.

    A qualifier after it covers the whole ("1년 6개월 안팎": about 18 months), so the
    span takes it in and the second part is never a claim of its own.
    """
    follow = re.match(
        r"[ ]?(?P<n>\d+)[ ]?(?P<u>개월|주|일)(?P<suffix>[ ]?(?:만에|만)(?!큼))?"
        r"(?P<approx>[ ]?(?:안팎|가량|정도|쯤|내외|남짓))?",
        sentence[end:],
    )
    if not follow:
        return None
    second = int(follow["n"])
    pairs = {("years", "개월"): ("months", 12), ("months", "주"): None,
             ("months", "일"): None, ("weeks", "일"): ("days", 7)}  # fmt: skip
    pair = pairs.get((unit, follow["u"]))
    if not pair:
        return None
    smaller, factor = pair
    word = (follow["approx"] or "").strip()
    approx = ("more_than" if word == "남짓" else "approx") if word else None
    return value * factor + second, smaller, end + follow.end(), approx


_PART_OF = re.compile(
    rf"(?P<whole>{DIGITS}|[일이삼사오육칠팔구십])분의[ ]?(?P<part>{DIGITS}|[일이삼사오육칠팔구])"
)
_TEN_IN = re.compile(
    r"(?P<whole>열|백|스무|서른|다섯|네|세|두)(?:에|명 중|명 가운데)[ ]"
    r"(?P<part>한|두|세|네|다섯|여섯|일곱|여덟|아홉)[ ]?명"
)
_NOT_REPETITION = re.compile(
    r"(?:말|초|째)"
    r"|[ ]?(?:타자|타석|타순|자리|출구|버스|홈|선수|시드|국도|도로|노선|게이트|번지|트랙)"
    r"|(?:에는|에|첫|를|까지)(?=.*(?:타석|안타|홈런|투수|이닝|득점|실점|삼자범퇴|등판|투구))"
)


def spot_fractions(text: str, start: int, end: int) -> Iterator[Mention]:
    """ "3분의 1", "열에 네 명": fractions written in words."""
    sentence = text[start:end]
    for match in _PART_OF.finditer(sentence):
        whole, part = parse_number(match["whole"]), parse_number(match["part"])
        if whole and part is not None and part <= whole:
            value = exact((Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001")))
            prefix = re.search(r"(?:약|최대|최소)[ ]?$", sentence[: match.start()])
            qualifier = PREFIX_QUALIFIERS[prefix.group().strip()] if prefix else "exact"
            begin = prefix.start() if prefix else match.start()
            end_at = match.end()
            suffix = re.match(r"[ ]?(?:이상|이하|가량|정도|가까이|넘게)", sentence[end_at:])
            if suffix:
                qualifier = _SUFFIX_QUALIFIERS[suffix.group().strip()]
                end_at += suffix.end()
            yield Mention(start + begin, start + end_at, value, "fraction", qualifier, None, 0.8)
    for match in _TEN_IN.finditer(sentence):
        whole, part = parse_number(match["whole"]), parse_number(match["part"])
        if whole and part is not None and part <= whole:
            value = exact((Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001")))
            yield Mention(start + match.start(), start + match.end(), value, "fraction", "exact",
                          None, 0.8)  # fmt: skip


def _fraction(sentence: str, base: int, match: re.Match, morphemes) -> Mention | None:
    """ "다섯 명 중 네 명", "14곳 가운데 9곳": a fraction of a group (LABELLING.md §5)."""
    counter = match["counter"]
    if not counter:
        return None
    rest = re.match(
        rf"[ ]?(?P<of>중|가운데)[ ](?P<n>{_NATIVE}|{DIGITS})[ ]?(?P<c>{re.escape(counter)})",
        sentence[match.end() :],
    )
    if not rest:
        return None
    if rest["of"] == "가운데" and UNIT_KINDS.get(COUNTERS.get(counter, ("",))[0]) != "count":
        return None  # "14.2㎞ 가운데 1.8㎞": a length within a length, not a share
    whole = parse_number(match["words"] or match["number"] or "")
    part = parse_number(rest["n"])
    if not whole or part is None or part > whole:
        return None
    value = exact((Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001")))
    end = match.end() + rest.end()
    return Mention(base + match.start(), base + end, value, "fraction", "exact", None, 0.8)


def _range(
    match: re.Match,
    base: int,
    low,
    unit: str,
    subject: str | None,
    confidence: float,
    end: int,
    multiplier,
) -> Iterator[Mention]:
    """A range "30~40%" is two claims on the one span: its lower bound, then its upper."""
    high = parse_number(match["high"])
    if high is None:
        return
    if multiplier != 1:
        high = exact(Decimal(high) * Decimal(str(multiplier)))
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
    morphemes,
) -> str | None:
    """Decide year/duration/age/date readings that the counter alone leaves open."""
    if unit is None:
        return None
    if counter == "년":
        if re.match(r"[ \u00a0]?\d{1,2}월", after):
            return None  # 2024년 2월 28일: the date of an event
        if duration or not (isinstance(value, int) and 1800 <= value <= 2100):
            return "years"
        if after.startswith("생") and match["high"] is None:
            return "year"  # one person's 2006년생 (a cohort 1991~1996년생 is a label)
        if _YEAR_LABEL.match(after) and not (_YEAR_CLAIM.match(after) or _SINCE_AFTER.match(after)):
            return None  # "2023년 출생아 수", "2019년 같은 기간": the year labels a figure
        if (
            match["high"] is not None
            and re.match(r"[ ][가-힣]", after)
            and not _YEAR_CLAIM.match(after)
        ):
            return None  # "1990~2024년 관측 자료": the period the data covers, a label
        if re.match(r"(?:에는|엔)[ ][^,.“”\"]{0,20}?\d", after) and not _TARGET_VERB.search(
            re.split(r"[.”\"]", after)[0]
        ):
            # "2050년에는 최대 25㎝ 높아질 수 있다": the year of a forecast figure, a label;
            # "2027년에는 매출 2조원을 달성하겠다" is a target, a claim (LABELLING.md §1)
            return None
        return "year"
    if (
        unit in ("days",)
        and counter != "일분"  # "5일분": five days' worth, never a day of the month
        and not duration
        and not match["days"]
        and isinstance(value, int)
        and value <= 31
        and not _DAYS_QUALIFIED.match(after)
    ):
        return None  # 28일: a day of the month (22.5일, 35일, 10일 넘게 are numbers of days)
    if unit == "weeks" and not duration:
        return "shares" if value >= 100 else "weeks"  # 100만 주: shares
    if counter == "대" and isinstance(value, int) and 10 <= value <= 90 and value % 10 == 0:
        machines = _MACHINE_NOUNS.search(sentence[: match.start()])
        if not match["space"] and not machines:
            return None  # 80대가, 20대 남성: an age bracket, not 80 machines
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
    before = list(reversed([m for m in morphemes if m.end <= start]))
    if before and before[0].form in _SET_WORDS and len(before) > 1:
        before = before[1:]  # "협력사 가운데 112곳": the set the number is taken from
    return _noun_run(before, backwards=True)


# Words that name the set a count is taken from, between the counted noun and the number.
_SET_WORDS = frozenset({"가운데", "중"})


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
