"""Spotting quantities: spans, values, units and qualifiers, and what is not a claim."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.extract import extract_claims
from extractor.numbers import exact


def spans(text: str, language: str) -> list[tuple[str, object, str, str]]:
    """(stated_as, value, unit, qualifier) of every candidate, for compact assertions."""
    return [(c.stated_as, c.value, c.unit, c.qualifier) for c in extract_claims(text, language)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "서울시는 공공자전거 3만5000대를 새로 배치했다.",
            [("3만5000대", 35000, "units", "exact")],
        ),
        (
            "이 회사는 매출 2천500억 원을 올렸다.",
            [("2천500억 원", 250_000_000_000, "KRW", "exact")],
        ),
        ("행사에 관람객 오백 명이 몰렸다.", [("오백 명", 500, "people", "exact")]),
        ("사고로 주민 세 명이 다쳤다.", [("세 명", 3, "people", "exact")]),
        ("응급 환자 열두 명이 이송됐다.", [("열두 명", 12, "people", "exact")]),
        ("출고가는 169만8400원이다.", [("169만8400원", 1_698_400, "KRW", "exact")]),
        ("지원금은 1인당 최대 300만 원이다.", [("최대 300만 원", 3_000_000, "KRW", "at_most")]),
        ("직원 약 1,200명이 참석했다.", [("약 1,200명", 1200, "people", "approx")]),
        ("전국 1200여 곳에서 판다.", [("1200여 곳", 1200, "places", "approx")]),
        ("협력 업체 3500개 이상과 일한다.", [("3500개 이상", 3500, "companies", "at_least")]),
        ("부품 3500개 이상이 들어간다.", [("3500개 이상", 3500, "items", "at_least")]),
        ("3500개 이상 콘텐트 업체와 일한다.", [("3500개 이상", 3500, "companies", "at_least")]),
        ("스타트업 7개 사를 만났다.", [("7개 사", 7, "companies", "exact")]),
        ("전 세계 120개국에 수출한다.", [("120개국", 120, "places", "exact")]),
        ("가입자가 40% 이상 늘었다.", [("40% 이상", 40, "percent", "at_least")]),
        ("금리를 0.25%p 내렸다.", [("0.25%p", Decimal("0.25"), "percentage_points", "exact")]),
        (
            "고용률이 0.7%포인트 올랐다.",
            [("0.7%포인트", Decimal("0.7"), "percentage_points", "exact")],
        ),
        ("수출은 -3.2%를 기록했다.", [("-3.2%", Decimal("-3.2"), "percent", "exact")]),
        ("영업이익은 3.2% 감소했다.", [("3.2%", Decimal("3.2"), "percent", "exact")]),
        ("매출은 평소의 3배 가까이 늘었다.", [("3배 가까이", 3, "multiple", "approx")]),
        ("이용자 수가 두 배로 늘었다.", [("두 배", 2, "multiple", "exact")]),
        ("가동률이 60% 미만에 머물렀다.", [("60% 미만", 60, "percent", "less_than")]),
        ("예상치는 1조원 안팎이었다.", [("1조원 안팎", 10**12, "KRW", "approx")]),
        ("연봉 1억원 이상 직장인이 늘었다.", [("1억원 이상", 10**8, "KRW", "at_least")]),
        ("규모는 1천억원대로 추산된다.", [("1천억원대", 10**11, "KRW", "approx")]),
        ("인원은 20여 명 정도다.", [("20여 명 정도", 20, "people", "approx")]),
        ("신고가 35건 접수됐다.", [("35건", 35, "cases", "exact")]),
        ("충전기 1만2000기를 설치한다.", [("1만2000기", 12000, "units", "exact")]),
        ("개봉 12일 만에 흥행했다.", [("12일 만에", 12, "days", "exact")]),
        ("3년 연속 적자를 냈다.", [("3년", 3, "years", "exact")]),
        ("2021년부터 투자했다.", [("2021년부터", 2021, "year", "since")]),
        ("2030년까지 끌어올린다.", [("2030년까지", 2030, "year", "until")]),
        ("최대 30%까지 할인한다.", [("최대 30%까지", 30, "percent", "at_most")]),
        ("100만 주를 매입했다.", [("100만 주", 1_000_000, "shares", "exact")]),
    ],
)
def test_korean_mentions(text, expected):
    """Korean numbers with counters, currencies and qualifiers read exactly."""
    assert spans(text, "ko") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("폴더블 비중이 30~40%로 커진다.", [("30~40%", 30, "percent", "at_least"),
                                          ("30~40%", 40, "percent", "at_most")]),
        ("증가 폭은 20만~25만 명이다.", [("20만~25만 명", 200_000, "people", "at_least"),
                                       ("20만~25만 명", 250_000, "people", "at_most")]),
        ("2~3억 원이 든다.", [("2~3억 원", 200_000_000, "KRW", "at_least"),
                             ("2~3억 원", 300_000_000, "KRW", "at_most")]),
    ],
)  # fmt: skip
def test_korean_ranges(text, expected):
    """A range gives its lower bound (spanning the range) and its upper bound."""
    assert spans(text, "ko") == expected


@pytest.mark.parametrize(
    "text",
    [
        "메타의 MR 헤드셋 퀘스트3를 공개했다.",  # a product name
        "라마2를 미세조정했다.",
        "갤럭시 S24와 아이폰 15가 경쟁한다.",
        "GPT-4 기반 서비스다.",
        "두 회사 대표가 28일 만났다.",  # a bare event date
        "오는 3월 1일 시행된다.",
        "2024년 2월 28일 발표됐다.",  # a full date
        "28일 오후 3시 30분에 열렸다.",
        "사고로 20대 남성이 다쳤다.",  # an age bracket
        "30대 직장인 이용자도 참석했다.",
        "30~40대 여성이 주로 샀다.",
        "김 씨(45세)가 체포됐다.",
        "제3차 회의가 열렸다.",  # ordinals
        "세계 1위 업체다.",
        "두 번째 공장을 지었다.",
        "국내 10대 그룹 총수가 모였다.",
        "삼성전자(005930) 주식을 샀다.",  # a stock code
        "문의는 02-3456-7890으로 하면 된다.",  # a phone number
        "인도 억만장자의 결혼식에 갔다.",  # number words inside a word
        "백만장자가 늘었다.",
        "두 사람이 인도에서 만난다.",  # anaphora: "the two"
        "양사는 협력을 논의했다.",
        "조 원장은 취재진을 만났다.",  # a surname, not 1조 원
        "1년 전보다 늘었다.",  # a point of comparison
        "1기 신도시를 재건축한다.",
    ],
)
def test_korean_not_claims(text):
    """Names, dates, ages, ordinals, codes and anaphora yield no candidate."""
    assert spans(text, "ko") == []


def test_counter_must_end_a_word():
    """ "3개 사업부" counts items with 개; 사 is not the counter 사 here."""
    assert spans("3개 사업부를 합쳤다.", "ko") == [("3개", 3, "items", "exact")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The firm will spend more than $37 billion this year.",
         [("more than $37 billion", 37_000_000_000, "USD", "more_than")]),
        ("It has about 3,500 content partners.", [("about 3,500", 3500, "companies", "approx")]),
        ("It employs nearly 1,000 people.", [("nearly 1,000", 1000, "people", "approx")]),
        ("Prices may rise by up to 20%.", [("up to 20%", 20, "percent", "at_most")]),
        ("The deal is worth $37bn.", [("$37bn", 37_000_000_000, "USD", "exact")]),
        ("Sales reached $3.5m.", [("$3.5m", 3_500_000, "USD", "exact")]),
        ("Assets total about €1.2 trillion.",
         [("about €1.2 trillion", 1_200_000_000_000, "EUR", "approx")]),
        ("Profit was 1.2 trillion won.", [("1.2 trillion won", 1_200_000_000_000, "KRW", "exact")]),
        ("Kinetix is valued at 2.5bn euros.", [("2.5bn euros", 2_500_000_000, "EUR", "exact")]),
        ("Revenue of ₩5 trillion missed forecasts.",
         [("₩5 trillion", 5_000_000_000_000, "KRW", "exact")]),
        ("Households spent less than £100 a month.",
         [("less than £100", 100, "GBP", "less_than")]),
        ("Revenue climbed 9 per cent.", [("9 per cent", 9, "percent", "exact")]),
        ("Turnout was 64.1%.", [("64.1%", Decimal("64.1"), "percent", "exact")]),
        ("Exports fell -3.2% in May.", [("-3.2%", Decimal("-3.2"), "percent", "exact")]),
        ("Jobless rate fell 0.3 percentage points.",
         [("0.3 percentage points", Decimal("0.3"), "percentage_points", "exact")]),
        ("At least 25 people died.", [("At least 25", 25, "people", "at_least")]),
        ("More than 200 firms went bankrupt.",
         [("More than 200", 200, "companies", "more_than")]),
        ("It sold 1.2 million vehicles.", [("1.2 million", 1_200_000, "units", "exact")]),
        ("It has 4,500 employees.", [("4,500", 4500, "people", "exact")]),
        ("It opened 12 stores.", [("12", 12, "places", "exact")]),
        ("Three people were hurt.", [("Three", 3, "people", "exact")]),
        ("It was the biggest crowd since 1998.", [("since 1998", 1998, "year", "since")]),
        ("The goal is to ship robots by 2026.", [("by 2026", 2026, "year", "until")]),
        ("Mass production starts in 2025.", [("2025", 2025, "year", "exact")]),
        ("It took ten years.", [("ten years", 10, "years", "exact")]),
        ("The plant produces 500MW.", [("500MW", 500_000_000, "watts", "exact")]),
        ("Sales grew 30-40% a year.", [("30-40%", 30, "percent", "at_least"),
                                       ("30-40%", 40, "percent", "at_most")]),
        ("Some 300 workers joined.", [("Some 300", 300, "people", "approx")]),
        ("A 45-year-old man was arrested.", [("45-year-old", 45, "years", "exact")]),
        ("It follows a 10-year plan.", [("10-year", 10, "years", "exact")]),
        ("It has 500 or more partners.", [("500 or more", 500, "companies", "at_least")]),
    ],
)  # fmt: skip
def test_english_mentions(text, expected):
    """English spans: qualifier, currency, number, scale and unit, not the counted noun."""
    assert spans(text, "en") == expected


@pytest.mark.parametrize(
    "text",
    [
        "The iPhone 15 went on sale.",  # product and model names
        "Meta's Llama 2 model is open.",
        "The Galaxy S24 sold out.",
        "Windows 11 adoption is slow.",
        "They met on Feb. 28 in Seoul.",  # bare event dates
        "They met on 28 February.",
        "The talks resumed on Tuesday.",
        "It was announced on March 3, 2024.",
        "The meeting starts at 10:30 a.m.",
        "Kickoff was at 8 p.m.",
        "A 45-year-old man was arrested in the 1990s.".replace("A 45-year-old man", "A man"),
        "Ruiz, 52, said nothing.",
        "In the 1990s the firm grew.",
        "The two leaders met in Seoul.",  # anaphora
        "Both companies declined to comment.",
        "Call 555-0134 for details.",  # phone numbers
        "Dial 1-800-555-0199 now.",
        "The stock (005930) rose.",  # a stock code
        "It ranked No. 1 in the market.",  # ordinals
        "She finished 1st in the race.",
        "5G networks are spreading.",
        "It sold a 10-year bond.",  # a product named by its term
        "Tickets for the 2025 final are on sale.",
        "The billionaire visited India.",
    ],
)
def test_english_not_claims(text):
    """Names, dates, times, ages, anaphora, phone numbers and codes yield no candidate."""
    assert spans(text, "en") == []


@pytest.mark.parametrize(
    ("text", "language", "first", "second"),
    [
        ("투자 규모는 370억 달러(약 49조원)다.", "ko", "370억 달러", "약 49조원"),
        ("계약금은 8000만 달러(약 1070억원)이다.", "ko", "8000만 달러", "약 1070억원"),
        ("Profit was 1.2 trillion won ($900 million).", "en", "1.2 trillion won", "$900 million"),
        ("It will spend $37 billion (about 49 trillion won).", "en", "$37 billion",
         "about 49 trillion won"),
        ("The deal is worth $37bn, or about 49 trillion won.", "en", "$37bn",
         "about 49 trillion won"),
    ],
)  # fmt: skip
def test_currency_conversions_are_restatements(text, language, first, second):
    """A bracketed conversion restates the amount before it."""
    candidates = extract_claims(text, language)
    assert [c.stated_as for c in candidates] == [first, second]
    assert candidates[0].restates is None
    assert candidates[1].restates == 0


def test_same_currency_in_brackets_is_not_a_restatement():
    """Two amounts in one currency are separate claims."""
    candidates = extract_claims("매출은 5조원(전년 4조원)이다.", "ko")
    assert [c.restates for c in candidates] == [None, None]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("3500개 이상 콘텐트 업체와 일한다.", "콘텐트 업체"),
        ("전 세계 5억 대 이상 깔린 가전 기기들을 잇는다.", "가전 기기"),
        ("국내 스타트업 7개 사를 만났다.", "국내 스타트업"),
    ],
)
def test_korean_subject_is_the_counted_noun(text, subject):
    """The subject is the noun phrase a number counts, after or before it."""
    assert extract_claims(text, "ko")[0].subject == subject


def test_every_counter_reads_back_through_stated_values():
    """What the spotter reads in a text, the API's value check reads in the span alone."""
    from extractor.extract import stated_values
    from extractor.mentions_ko import COUNTERS

    for counter, (unit, multiplier) in COUNTERS.items():
        if not unit or counter in ("일", "도"):
            continue  # non-quantities; a day of the month and a temperature need context
        expected = exact(Decimal(12) * Decimal(str(multiplier)))
        assert expected in stated_values(f"12{counter}"), counter


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("The plant opened ten years ago.", "en", [("ten years", 10, "years", "exact")]),
        ("3년 전 문을 열었다.", "ko", [("3년", 3, "years", "exact")]),
        ("Sales were up 5% from three years ago.", "en", [("5%", 5, "percent", "exact")]),
        ("매출은 1년 전보다 5% 늘었다.", "ko", [("5%", 5, "percent", "exact")]),
    ],
)
def test_time_since_an_event_is_a_claim_and_a_comparison_base_is_not(text, language, expected):
    """ "ten years ago" dates an event by the time since (a claim); "from three years ago"
    only names the base of a comparison (a label), as LABELLING.md section 1 says."""
    assert spans(text, language) == expected
