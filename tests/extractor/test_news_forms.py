"""The forms real news uses, one test per category of extractor/LABELLING.md.

Every sentence here is our own, written to reproduce a structure seen in
published articles; none is copied from one. Each category is tested in both
languages where it applies.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.extract import extract_claims


def claims(text: str, language: str) -> list[tuple]:
    """(stated_as, value, unit, qualifier) of every candidate, in text order."""
    return [(c.stated_as, c.value, c.unit, c.qualifier) for c in extract_claims(text, language)]


def speakers(text: str, language: str) -> list[tuple]:
    """(stated_as, speaker name, attribution) of every candidate, in text order."""
    return [
        (c.stated_as, c.speaker.name if c.speaker else None, c.attribution)
        for c in extract_claims(text, language)
    ]


# --- article furniture ------------------------------------------------------------------

KO_ARTICLE = (
    '한빛전자 "내년 설비투자 3조"…반도체 라인 증설\n'
    "\n"
    "[서울=가람뉴스] 홍길동 기자 = 한빛전자가 반도체 라인을 늘린다.\n"
    "\n"
    "▲ 한빛전자 평택 공장 전경. 2025.3.4/가람뉴스\n"
    "\n"
    "한빛전자는 올해 매출이 5조원에 이를 것이라고 밝혔다.\n"
    "\n"
    "홍길동 기자 hong@garam.news\n"
)
EN_ARTICLE = (
    "Acme to spend $3 billion on new chip line\n"
    "Chief executive sees sales of $12 billion next year\n"
    "\n"
    "By Jane Roe\n"
    "\n"
    "SEOUL, March 4 (Harbour Wire) - Acme Corp said on Tuesday it would spend $3 billion "
    "on a new chip line.\n"
    "\n"
    "Photo: Workers at Acme's plant, which employs 4,000 people. (Harbour Wire)\n"
    "\n"
    "Related: Acme shares jump 8% on record orders\n"
)


def test_korean_headline_claim_keeps_its_speaker_and_furniture_is_skipped():
    found = speakers(KO_ARTICLE, "ko")
    assert ("3조", "한빛전자", "direct_quote") in found  # only the headline states it
    assert ("5조원", "한빛전자", "indirect_quote") in found
    stated = [s for s, *_ in found]
    assert "2025.3.4" not in " ".join(stated)  # the caption's date
    assert len(found) == 2


def test_english_headline_restatement_is_not_a_claim_and_furniture_is_skipped():
    found = claims(EN_ARTICLE, "en")
    # $3 billion is in the headline and the body: one claim, the body's.
    assert [c for c in found if c[1] == 3_000_000_000] == [
        ("$3 billion", 3_000_000_000, "USD", "exact")
    ]
    assert ("$12 billion", 12_000_000_000, "USD", "exact") in found  # the subhead alone says it
    values = {c[1] for c in found}
    assert 4000 not in values  # the caption
    assert 8 not in values  # the related-articles line
    assert 4 not in values  # the dateline's date


# --- quotes that run on ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '김민수 한빛전자 사장은 "올해 매출 5조원을 넘기겠다"고 말했다. 이어 "직원도 300명 '
        '늘리겠다"고 덧붙였다.',
        '김민수 한빛전자 사장은 "올해 매출 5조원을 넘기겠다"고 말했다. '
        '그는 "직원도 300명 늘린다"며 웃었다.',
        '김민수 한빛전자 사장은 "올해 매출 5조원을 넘기겠다"며 "직원도 300명 늘리겠다"고 말했다.',
        '김민수 한빛전자 사장은 "올해 매출 5조원을 넘기겠다"고 말했다.\n\n"직원도 300명 늘리겠다. '
        '투자는 계속된다."',
    ],
)
def test_korean_quote_continuations_keep_the_speaker(text):
    found = speakers(text, "ko")
    assert [name for _, name, _ in found] == ["김민수", "김민수"]
    assert {kind for *_, kind in found} == {"direct_quote"}


@pytest.mark.parametrize(
    "text",
    [
        'Jane Park, the group\'s CFO, said sales would rise. "We will hire 300 engineers," she '
        'said. "And we will open 12 stores."',
        'Jane Park, the group\'s CFO, said sales would rise. "We will hire 300 engineers," she '
        'added.\n\n"We will open 12 stores next year."',
        '"We will hire 300 engineers," said Jane Park, the group\'s CFO. "We will open 12 stores."',
    ],
)
def test_english_quote_continuations_keep_the_speaker(text):
    found = speakers(text, "en")
    assert [(s, name) for s, name, _ in found] == [("300", "Jane Park"), ("12", "Jane Park")]


def test_a_new_speaker_after_a_quote_takes_over():
    text = (
        'Jane Park, the group\'s CFO, said: "We will hire 300 engineers." Tom Hale, an analyst '
        'at Orbit Capital, was less sure. "I expect no more than 150 hires," he said.'
    )
    assert speakers(text, "en") == [
        ("300", "Jane Park", "direct_quote"),
        ("no more than 150", "Tom Hale", "direct_quote"),
    ]


# --- titles in apposition ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('김영희 한빛전자 최고전략책임자(CSO)는 "내년 매출 10% 성장"을 제시했다.', "김영희"),
        ('홍길동 최고재무책임자(CFO)는 "투자를 3조원 늘린다"고 말했다.', "홍길동"),
        ('홍길동(58) 한빛전자 사장은 "공장 3곳을 짓겠다"고 말했다.', "홍길동"),
        ('함영준 가온대 부동산학과 교수는 "집값이 5% 오를 수 있다"고 말했다.', "함영준"),
    ],
)
def test_korean_speaker_is_the_person_not_the_title(text, name):
    [(_, speaker, kind)] = speakers(text, "ko")
    assert (speaker, kind) == (name, "direct_quote")


@pytest.mark.parametrize(
    "text",
    [
        "Jane Park, the group's chief financial officer, said sales rose 12%.",
        "Jane Park, 45, the group's CFO, said sales rose 12%.",
        "Sales rose 12%, said Jane Park, chief financial officer of Acme Corp.",
        "Acme CFO Jane Park said sales rose 12%.",
    ],
)
def test_english_speaker_is_the_person_not_the_title(text):
    assert speakers(text, "en") == [("12%", "Jane Park", "indirect_quote")]


# --- organisations speak ------------------------------------------------------------------------


def test_korean_organisation_and_its_anaphor():
    text = (
        "한빛전자는 내년에 공장 3곳을 지을 계획이라고 밝혔다. 가람화학도 투자를 검토 중이다. "
        "한빛전자 측은 5000명을 새로 뽑겠다고 설명했다. 회사 측은 2조원을 투자한다고 덧붙였다."
    )
    assert speakers(text, "ko") == [
        ("3곳", "한빛전자", "indirect_quote"),
        ("5000명", "한빛전자", "indirect_quote"),
        ("2조원", "한빛전자", "indirect_quote"),
    ]


def test_english_description_resolves_to_the_organisation_it_fits():
    text = (
        "Hanbit Electronics and Orbit Capital Bank signed the deal on Monday. "
        "The Seoul-based chipmaker said it would hire 500 engineers. "
        "The bank expects the loan to reach $2 billion, and the company expects sales of "
        "$9 billion."
    )
    assert speakers(text, "en") == [
        ("500", "Hanbit Electronics", "indirect_quote"),
        ("$2 billion", "Orbit Capital Bank", "indirect_quote"),
        ("$9 billion", "Orbit Capital Bank", "indirect_quote"),
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Prices rose 2.1%, according to the Office for National Statistics.",
         "Office for National Statistics"),
        ("The Centers for Disease Control and Prevention said 120 children had died.",
         "Centers for Disease Control and Prevention"),
        ("Figures from the Ministry of Land, Infrastructure and Transport showed 4,312 sales.",
         "Ministry of Land, Infrastructure and Transport"),
    ],
)  # fmt: skip
def test_multiword_organisations_are_named_in_full(text, name):
    [(_, speaker, _)] = speakers(text, "en")
    assert speaker == name


# --- Korean number forms -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("공장은 착공 약 2년 6개월 만에 완공됐다.",
         [("약 2년 6개월 만에", 30, "months", "approx")]),
        ("한빛전자는 올해 창립 50주년을 맞았다.", [("50주년", 50, "years", "exact")]),
        ("전용 84㎡ 아파트가 팔렸다.", [("84㎡", 84, "square_meters", "exact")]),
        ("전용 25평 아파트가 팔렸다.", [("25평", 25, "pyeong", "exact")]),
        ("해안에서 70㎞ 떨어져 있다.", [("70㎞", 70_000, "meters", "exact")]),
        ("연간 220만t을 줄인다.", [("220만t", 2_200_000, "tons", "exact")]),
        ("설비 용량은 1.5GW다.", [("1.5GW", 1_500_000_000, "watts", "exact")]),
        ("성장률은 3~4%로 예상된다.", [("3~4%", 3, "percent", "at_least"),
                                       ("3~4%", 4, "percent", "at_most")]),
        ("관광객은 10만~20만 명 늘 전망이다.", [("10만~20만 명", 100_000, "people", "at_least"),
                                               ("10만~20만 명", 200_000, "people", "at_most")]),
        ("경기장에는 3만 2500명이 들어찼다.", [("3만 2500명", 32_500, "people", "exact")]),
        ("투자액은 5억 3000만 달러다.", [("5억 3000만 달러", 530_000_000, "USD", "exact")]),
        ("엄마의 평균 출산 연령은 33.0세다.", [("33.0세", 33, "years", "exact")]),
        ("한강은 15경기 연속 무패를 달렸다.", [("15경기", 15, "games", "exact")]),
        ("시료를 6조각으로 잘랐다.", [("6조각", 6, "items", "exact")]),
        ("예산의 3분의 1이 복지에 쓰인다.", [("3분의 1", Decimal("0.3333"), "fraction", "exact")]),
    ],
)  # fmt: skip
def test_korean_number_forms(text, expected):
    assert claims(text, "ko") == expected


@pytest.mark.parametrize(
    "text",
    [
        "수천억 원대 투자가 이뤄졌다.",  # vague amounts are not claims
        "매출이 한 자릿수 증가에 그쳤다.",
        "환자는 80대가 가장 많았다.",  # an age band
        "65세 이상 고령자가 늘었다.",
        "김 씨(45세)가 체포됐다.",  # an age in apposition
        "공장은 3조 2교대로 돌아간다.",  # a shift system, not 3조
        "한강은 6회말 역전했다.",  # an inning
        "2023년 출생아 통계가 나왔다.",  # a year that labels a period
    ],
)
def test_korean_forms_that_are_not_claims(text):
    assert claims(text, "ko") == []


# --- English number forms ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It hired a dozen engineers.", [("a dozen", 12, "people", "exact")]),
        ("Two-thirds of voters agreed.", [("Two-thirds", Decimal("0.6667"), "fraction", "exact")]),
        ("Sales were three times as high as in 2020.",
         [("three times", 3, "multiple", "exact")]),
        ("The team met three times last week.", [("three times", 3, "times", "exact")]),
        ("It runs larger than 20,000 servers.", [("larger than 20,000", 20_000, "units",
                                                  "more_than")]),
        ("Attendance was nearly 18,000.", [("nearly 18,000", 18_000, "people", "approx")]),
        ("It grew from 40 million subscribers to 60 million by 2027.",
         [("40 million", 40_000_000, "people", "exact"),
          ("60 million", 60_000_000, "people", "exact"), ("by 2027", 2027, "year", "until")]),
        ("The rate range is 2.50%-2.75%.", [("2.50%-2.75%", Decimal("2.5"), "percent", "at_least"),
                                            ("2.50%-2.75%", Decimal("2.75"), "percent",
                                             "at_most")]),
        ("Growth will be 3-4%.", [("3-4%", 3, "percent", "at_least"),
                                  ("3-4%", 4, "percent", "at_most")]),
        ("Inflation fell to 7.4pc.", [("7.4pc", Decimal("7.4"), "percent", "exact")]),
        ("The bank cut rates by 50 basis points.",
         [("50 basis points", Decimal("0.5"), "percentage_points", "exact")]),
        ("Shares rose 9.5p.", [("9.5p", Decimal("0.095"), "GBP", "exact")]),
        ("Each ticket costs 50 cents more.", [("50 cents", Decimal("0.5"), "USD", "exact")]),
        ("A 4-month-old baby was among them.", [("4-month-old", 4, "months", "exact")]),
        ("It took seven and a half years.", [("seven and a half years", 90, "months", "exact")]),
        ("The museum marked its 150th anniversary.",
         [("150th anniversary", 150, "years", "exact")]),
        ("The wind farm will produce 1.2 gigawatts.",
         [("1.2 gigawatts", 1_200_000_000, "watts", "exact")]),
    ],
)  # fmt: skip
def test_english_number_forms(text, expected):
    assert claims(text, "en") == expected


@pytest.mark.parametrize(
    "text",
    [
        "The firm cut its fiscal 2025 revenue guidance.",  # a year as a label
        "The 2023 season ended early.",
        "Most buyers were in their 30s.",  # an age band
        "Hundreds of people gathered.",  # vague amounts
        "Dozens of stores closed.",
    ],
)
def test_english_forms_that_are_not_claims(text):
    assert claims(text, "en") == []


def test_english_year_label_versus_year_claim():
    found = claims("Revenue grew 1.2% in 2023, and the plant will open in 2027.", "en")
    assert ("2027", 2027, "year", "exact") in found
    assert all(value != 2023 for _, value, *_ in found)


def test_korean_year_label_versus_year_claim():
    found = claims(
        "2023년 출생아 수는 23만 명이었다. 2025년 양산을 목표로 2016년부터 투자했다.", "ko"
    )
    assert ("2016년부터", 2016, "year", "since") in found
    assert ("2025년", 2025, "year", "exact") in found
    assert all(value != 2023 for _, value, *_ in found)


# --- wrong values are impossible --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("한강은 15경기를 치렀다.", [("15경기", 15, "games", "exact")]),  # 경기, not 15경
        ("시료를 6조각으로 나눴다.", [("6조각", 6, "items", "exact")]),  # 조각, not 6조
        ("관중 2만 명이 모였다.", [("2만 명", 20_000, "people", "exact")]),  # 만 as scale
        ("매출은 4억 원이다.", [("4억 원", 400_000_000, "KRW", "exact")]),  # 억 as scale
    ],
)  # fmt: skip
def test_scale_syllables_and_counters_that_begin_with_them(text, expected):
    assert claims(text, "ko") == expected


def test_a_value_far_too_large_for_its_unit_is_never_emitted():
    # 5경 명 would be 5 × 10^16 people: no count of people can be that large.
    assert claims("관객이 5경 명을 넘었다.", "ko") == []
    assert claims("The club has 9,000 trillion fans.", "en") == []


# --- measures, names and scores that are not claims ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The storm dropped up to 9.4 inches of rain in two days.",
        "The river rose 6 feet above flood stage.",
        "The trail runs 12 miles along the coast.",
        "Temperatures reached 88 degrees (31 Celsius) on Friday.",
        "The first goal came after six minutes.",
        "The farm covers 240 acres.",
    ],
)
def test_english_measures_outside_the_vocabulary_are_not_counts(text):
    """A number of inches, feet or minutes is not a count of "items" (LABELLING.md §3)."""
    units = {unit for _, _, unit, _ in claims(text, "en")}
    assert "items" not in units
    assert not any(stated in ("9.4", "6", "12", "88", "six", "240") for stated, *_ in
                   claims(text, "en"))  # fmt: skip


def test_english_conversion_into_celsius_is_the_claim():
    found = claims("Highs will reach about 91 degrees (33 Celsius) by Sunday.", "en")
    assert found == [("33 Celsius", 33, "degrees_celsius", "exact")]


def test_a_noun_phrase_ends_at_the_comma():
    """In "1,400 homes, officials said" homes decide the unit, not officials."""
    found = claims("The flood reached at least 1,400 homes, officials said.", "en")
    assert found == [("at least 1,400", 1400, "households", "at_least")]


def test_word_numbers_inside_names_and_league_points_are_not_claims():
    text = "The win lifted the club into the League Two play-off places, two points behind."
    assert claims(text, "en") == []


def test_the_base_of_a_comparison_counts_what_the_figure_counts():
    text = "The agency opened 31 investigations in 2025, up from eight the year before."
    found = claims(text, "en")
    assert ("31", 31, "cases", "exact") in found
    assert ("eight", 8, "cases", "exact") in found


def test_a_percentage_is_not_carried_to_the_base_it_is_of():
    text = "Such sites make up less than 2 per cent of the roughly 900 settlements on record."
    assert [c[2] for c in claims(text, "en")] == ["percent"]


def test_an_ordinal_third_is_not_a_fraction():
    assert claims("Substitute Ben Ross added a third in stoppage time.", "en") == []
    assert claims("Prices fell by a third.", "en")[0][2] == "fraction"


def test_a_figure_window_between_two_years_is_a_label():
    text = "The number of residents aged 85 and over grew by 3,100 between 2020 and 2024."
    assert [c[1] for c in claims(text, "en")] == [3100]


def test_a_record_set_in_a_year_dates_an_event():
    assert claims("The old record was set in 1998.", "en") == [("1998", 1998, "year", "exact")]


# --- English speakers: titles, officials, pronouns, fragments -----------------------------


def test_courtesy_titles_are_not_part_of_the_name():
    text = (
        "Cllr Maya Osei, cabinet member for housing, said the council would build 400 homes. "
        "Ms Osei said the plan would cost £30m."
    )
    assert [name for _, name, _ in speakers(text, "en")] == ["Maya Osei", "Maya Osei"]


def test_a_title_before_the_name_does_not_hide_the_speaker():
    text = "Local councillor Ravi Menon said more than 2,000 people had signed the petition."
    assert speakers(text, "en") == [("more than 2,000", "Ravi Menon", "indirect_quote")]


def test_a_name_in_apposition_speaks():
    text = "The firm's lawyer, Dana Cole, had argued for no more than three years."
    assert speakers(text, "en") == [("no more than three years", "Dana Cole", "indirect_quote")]


def test_officials_of_an_organisation_speak_for_it():
    text = (
        "Marlow County declared an emergency on Monday.\n\n"
        "The water flooded at least 900 homes, county officials said."
    )
    assert speakers(text, "en") == [("at least 900", "Marlow County", "indirect_quote")]


def test_researchers_speak_for_their_institution():
    text = (
        "A team from Fenwick University dug at the site for two summers.\n\n"
        "Samples from 28 posts date the houses, the researchers said."
    )
    assert ("28", "Fenwick University", "indirect_quote") in speakers(text, "en")


def test_it_goes_on_with_the_organisation_that_spoke():
    text = (
        "Coastal Heritage Trust, which advises the council, said the find was rare and that "
        "similar pieces were kept at the Dunmore Museum. It estimated that fewer than 40 "
        "such pieces survive."
    )
    assert speakers(text, "en")[-1] == ("fewer than 40", "Coastal Heritage Trust", "indirect_quote")


def test_a_quoted_fragment_belongs_to_the_subject_of_its_sentence():
    text = (
        'Mayor Ann Cole said on Monday: "We are not done yet."\n\n'
        "Harbour Power, the local utility, expects to restore most lines by Friday but warned "
        'that some lines "could take 10 to 12 days" to rebuild.'
    )
    found = speakers(text, "en")
    assert found[-1][1:] == ("Harbour Power", "direct_quote")


def test_added_with_an_object_is_an_act_not_speech():
    text = "Sam Reed struck first before substitute Leo Hart added a third as 6,000 fans watched."
    assert all(attribution == "narration" for _, _, attribution in speakers(text, "en"))


def test_a_new_person_named_after_a_speaker_takes_the_pronoun():
    text = (
        "Jane Park, the CFO, said the firm would hire 300 engineers. Tom Hale, an analyst at "
        "Orbit Capital, was less sure. He said the firm would hire no more than 150 engineers."
    )
    assert speakers(text, "en")[-1][1] == "Tom Hale"


def test_tallies_and_figure_windows_are_not_claims():
    assert claims("Councillors backed the plan by 41 votes to 12.", "en") == []
    assert claims("It was the wettest three-day total on record.", "en") == []


def test_a_share_written_as_n_in_ten():
    assert claims("About three in 10 homes are in the lowest bands.", "en") == [
        ("About three in 10", Decimal("0.3"), "fraction", "approx")
    ]


def test_years_before_a_clause_measure_how_long():
    text = "The village was occupied for no more than 60 years before a flood destroyed it."
    assert claims(text, "en") == [("no more than 60 years", 60, "years", "at_most")]


def test_years_ago_after_a_name_dates_an_event():
    text = "It was the wettest storm since Hurricane Ada 19 years ago."
    assert claims(text, "en") == [("19 years", 19, "years", "exact")]


# --- Korean: measures, dates and idioms that are not claims -------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "투수는 시속 148㎞ 직구를 던졌다.",  # a speed
        "21일 새벽에는 비가 쏟아졌다.",  # a date, not 21 days
        "주민들이 한곳에 모였다.",  # "in one place"
        "그는 4번 자리를 지켰다.",  # a batting order
        "올 시즌 타율 0.312, 21홈런을 기록했다.",  # a batting average is not a count
    ],
)
def test_korean_numbers_that_are_not_claims(text):
    found = claims(text, "ko")
    assert all(stated in ("21홈런",) for stated, *_ in found), found


def test_korean_compound_duration_takes_the_qualifier_after_it():
    assert claims("지정까지 통상 2년 3개월 안팎이 걸린다.", "ko") == [
        ("2년 3개월 안팎", 27, "months", "approx")
    ]


def test_korean_houses_and_one_persons_birth_year():
    assert claims("빌라 312채를 사들였다.", "ko") == [("312채", 312, "households", "exact")]
    assert ("2005년", 2005, "year", "exact") in claims("2005년생 포수 김도윤이 나섰다.", "ko")


def test_korean_years_ago_before_the_event_they_date():
    found = claims("약 8천만 년 전 공룡들이 남긴 발자국이 나왔다.", "ko")
    assert ("약 8천만 년", 80_000_000, "years", "approx") in found


# --- Korean speakers: groups speak for their institution, 씨 short forms, subheads -------


def test_a_research_team_speaks_for_its_institution():
    text = (
        "동해과학기술원(동해과기원) 해양학과 이도윤 교수 연구팀은 지난 4월부터 3개월간 "
        "조사를 벌였다고 밝혔다.\n\n연구팀에 따르면 표본은 120개였다."
    )
    found = speakers(text, "ko")
    assert {name for _, name, _ in found} == {"동해과학기술원"}


def test_a_panel_speaks_for_its_court():
    text = (
        "서울남부지방법원 형사3부(재판장 박민 부장판사)는 피고인에게 징역 5년을 선고했다. "
        '재판부는 "피해액이 30억원에 이른다"고 밝혔다.'
    )
    assert speakers(text, "ko")[-1] == ("30억원", "서울남부지방법원", "direct_quote")


def test_a_surname_with_ssi_is_the_person_named_before():
    text = (
        "사기 혐의로 기소된 한결하우징 대표 정민호(51)씨에게 징역 8년이 선고됐다.\n\n"
        '정씨는 "집값이 15% 떨어졌을 뿐"이라고 주장했다.'
    )
    assert speakers(text, "ko")[-1] == ("15%", "정민호", "direct_quote")


def test_a_quote_in_a_subhead_keeps_its_speaker():
    text = (
        "해솔시 청년 3년 새 1만 명 떠났다\n"
        '김하준 시장 "2028년까지 일자리 5000개"\n\n'
        "[해솔=가람뉴스] 이서연 기자 = 해솔시의 청년 인구가 줄고 있다.\n"
    )
    assert ("5000개", "김하준", "direct_quote") in speakers(text, "ko")


def test_korean_forecasts_and_sentencing_requests_are_speech():
    assert speakers("기상청은 주말까지 30~80㎜의 비가 더 내릴 것으로 예보했다.", "ko")[0][1:] == (
        "기상청",
        "indirect_quote",
    )
    assert speakers("앞서 수원지방검찰청은 결심공판에서 징역 10년을 구형했다.", "ko")[0][1:] == (
        "수원지방검찰청",
        "indirect_quote",
    )


# --- the second rehearsal's forms: Korean -------------------------------------------------


def test_a_word_kiwi_has_never_seen_is_a_name_when_it_speaks():
    """누리하임 is in no dictionary: as the subject of 밝혔다 it is an organisation."""
    found = speakers("누리하임은 올해 매출이 3조 원에 이를 것이라고 밝혔다.", "ko")
    assert found == [("3조 원", "누리하임", "indirect_quote")]


def test_korean_company_side_and_city_officials_resolve_to_the_named_body():
    text = (
        "세운케미칼은 3분기 매출이 1조 원이라고 밝혔다.\n\n"
        "회사 측은 다음 분기 매출이 5% 늘어날 것으로 예상했다.\n\n"
        "회사에 따르면 수출은 40%를 차지했다.\n\n"
        '해솔시는 주택 공급을 늘린다. 시 관계자는 "입주 물량은 3200가구"라고 말했다.'
    )
    found = speakers(text, "ko")
    assert [name for _, name, _ in found] == ["세운케미칼", "세운케미칼", "세운케미칼", "해솔시"]


def test_korean_target_price_revisions_are_speech():
    text = "한결투자증권 오지훈 연구원은 목표주가를 21만 원에서 24만 원으로 올렸다."
    assert {a for _, _, a in speakers(text, "ko")} == {"indirect_quote"}


def test_korean_anonymous_speakers_are_never_named():
    text = (
        '해람대병원 서지원 교수는 "병상 38개가 다 찼다"고 말했다.\n\n'
        '한 간호사는 "환자가 평소의 1.5배"라고 했다. 공인중개사 A씨는 "한 달 새 5000만 원 '
        '올랐다"고 전했다.'
    )
    found = speakers(text, "ko")
    assert found[0][1] == "서지원"
    assert all(name is None for _, name, _ in found[1:])


def test_korean_speech_continued_with_godo():
    text = '서지원 교수는 "대기가 길다"고 말했다. 그는 "구급차 세 대가 돌아갔다"고도 했다.'
    assert speakers(text, "ko")[-1] == ("세 대", "서지원", "direct_quote")


def test_korean_sources_named_by_a_long_phrase():
    text = (
        "국토주택정보원이 발표한 주간 아파트 가격 동향에 따르면 아파트값은 0.21% 올랐다.\n\n"
        "해람시 감염병관리지원단에 따르면 환자는 58.6명이었다."
    )
    assert [name for _, name, _ in speakers(text, "ko")] == [
        "국토주택정보원",
        "해람시 감염병관리지원단",
    ]


def test_korean_values_the_second_rehearsal_found():
    assert claims("군은 방조제 4.2㎞를 보강한다.", "ko") == [("4.2㎞", 4200, "meters", "exact")]
    assert claims("라인업을 6종으로 늘린다.", "ko") == [("6종", 6, "items", "exact")]
    assert claims("3.3㎡당 평균 매매가는 3124만 원이다.", "ko") == [
        ("3124만 원", 31_240_000, "KRW", "exact")
    ]
    assert claims("공급 부족이 1년 6개월째 이어진다.", "ko") == [
        ("1년 6개월", 18, "months", "exact")
    ]
    assert ("한 달", 1, "months", "exact") in claims("호가가 한 달 새 올랐다.", "ko")


def test_korean_year_labels_and_targets():
    assert claims("1990~2024년 관측 자료를 분석했다.", "ko") == []
    assert [
        c[0] for c in claims('그는 "2050년에는 최대 25㎝ 더 높아질 수 있다"고 했다.', "ko")
    ] == ["최대 25㎝"]
    target = claims('그는 "2027년에는 매출 2조원을 달성하겠다"고 말했다.', "ko")
    assert ("2027년", 2027, "year", "exact") in target


# --- the second rehearsal's forms: English ------------------------------------------------


def test_one_unnamed_source_speaks_without_a_name():
    text = (
        "A person familiar with the negotiations said the authority would raise its offer to "
        "5 percent. One council aide, who asked not to be named, said at least five members "
        "backed it."
    )
    assert speakers(text, "en") == [
        ("5 percent", None, "indirect_quote"),
        ("at least five", None, "indirect_quote"),
    ]
    assert claims('"I have not moved a load," said one driver.', "en") == []


def test_a_figure_quoted_inside_reported_speech_is_a_direct_quote():
    text = 'Council member Greg Hale said the city was "already $9 million short" on roads.'
    assert speakers(text, "en") == [("$9 million", "Greg Hale", "direct_quote")]


def test_sources_named_through_a_release_or_a_department():
    found = speakers(
        "Workers seek 9 percent a year, according to a summary of the talks released by the "
        "Harbour Dockers Union.",
        "en",
    )
    assert found == [("9 percent", "Harbour Dockers Union", "according_to")]
    found = speakers(
        "The grant, capped at $600 a month, has not changed since 2016, according to the city's "
        "Office of Early Learning.",
        "en",
    )
    assert {attribution for *_, attribution in found} == {"according_to"}


def test_a_person_of_an_institute_is_the_person():
    text = (
        "Professor Rohan Mehta of the Eastmoor Institute for Polar Research said the core was "
        "drilled in 41 days."
    )
    assert speakers(text, "en") == [("41 days", "Rohan Mehta", "indirect_quote")]


def test_english_values_the_second_rehearsal_found():
    assert claims("A strike by some 1,400 dockworkers began.", "en") == [
        ("some 1,400", 1400, "people", "approx")
    ]
    assert claims("They worked 12-hour shifts through two winters.", "en") == [
        ("12-hour", 12, "hours", "exact")
    ]
    assert claims("A second core will follow by mid-2026.", "en") == [
        ("2026", 2026, "year", "until")
    ]
    assert claims("It will cost $15 million during the next three years.", "en")[-1] == (
        "three years",
        3,
        "years",
        "exact",
    )
    assert [c[0] for c in claims("Temperatures rose 1.3C in the 120 years to 2020.", "en")] == [
        "1.3C",
        "120 years",
    ]
    assert claims("The plan funds 2,000 new day care slots.", "en") == [
        ("2,000", 2000, "items", "exact")
    ]


def test_a_caption_that_ends_with_a_photo_credit_is_furniture():
    text = (
        "Ice core shows faster warming\n\nBy Jo Park\n\n"
        "Dr Ada Vale holds a section of the core in a -30C freezer. Photo: Eastmoor University\n\n"
        "The core holds 37 layers of ash, the team said."
    )
    assert [c[0] for c in claims(text, "en")] == ["37"]


# --- the third rehearsal's forms -----------------------------------------------------------


def test_speech_after_a_korean_quote_keeps_its_speaker_but_not_between_quotes():
    text = (
        '한누리증권 정유라 연구원은 "내년 이익은 1100억원에 이를 것"이라며 목표주가를 '
        "4만2000원에서 5만5000원으로 올렸다."
    )
    found = speakers(text, "ko")
    assert found[-1] == ("5만5000원", "정유라", "indirect_quote")
    between = (
        '김도윤 사장은 "처음 만났다"라며 2027년 양산 목표인 기기에 대해 "개발 중"이라고 말했다.'
    )
    assert speakers(between, "ko") == [("2027년", None, "narration")]


def test_a_province_names_its_own_institute():
    text = "가람도 농업기술원은 피해 농가 840가구에 최대 200만원을 지원한다고 밝혔다."
    assert {name for _, name, _ in speakers(text, "ko")} == {"가람도 농업기술원"}


def test_a_headline_subject_before_a_comma_speaks_its_quote():
    text = '해솔조선, LNG선 4척 수주…"올해 목표 70% 돌파"\n\n[서울=가람뉴스] 본문이다.\n'
    assert ("70% 돌파", "해솔조선", "direct_quote") in speakers(text, "ko")


def test_a_source_with_its_short_form_in_brackets():
    text = "국립농업경제연구원(농경연)이 발표한 관측 보고서에 따르면 생산량은 7.4% 줄었다."
    assert speakers(text, "ko") == [("7.4%", "국립농업경제연구원", "according_to")]


def test_korean_counts_by_the_noun_after_the_counter_and_qualified_days():
    assert claims("북면 7개 마을 주민 340명을 옮겼다.", "ko") == [
        ("7개", 7, "places", "exact"),
        ("340명", 340, "people", "exact"),
    ]
    assert claims("폭염이 35일 넘게 이어졌다.", "ko") == [("35일 넘게", 35, "days", "more_than")]
    assert claims("전체 화선 14.2㎞ 가운데 1.8㎞가 남았다.", "ko")[0][0] == "14.2㎞"
    assert claims("남은 화선이 1.8㎞ 정도라 한다.", "ko") == [
        ("1.8㎞ 정도", 1800, "meters", "approx")
    ]


def test_a_wire_dateline_never_speaks_and_the_company_is_the_sentence_subject():
    text = (
        "SEOUL, Nov. 13 (Harbour Wire) - Orbis Entertainment said on Thursday its profit "
        "tripled to 48.6 billion won.\n\n"
        "AUSTIN, Texas — Voltline Systems has raised $48 million in a round led by Pinecrest "
        "Ventures, the company said."
    )
    assert [name for _, name, _ in speakers(text, "en")] == [
        "Orbis Entertainment",
        "Orbis Entertainment",
        "Voltline Systems",
    ]


def test_english_clauses_around_a_source():
    text = (
        "Harwell's is cutting prices on 1,200 products, as data from researcher Basketwise "
        "showed inflation rising to 4.7pc.\n\n"
        "Prices rose 4.7pc, according to Basketwise, which tracks 27,500 households.\n\n"
        "Venture funding fell 18% to $3.1 billion, DealLedger data showed."
    )
    found = speakers(text, "en")
    assert found[0] == ("1,200", None, "narration")
    assert ("27,500", None, "narration") in found
    assert found[-1] == ("$3.1 billion", "DealLedger", "according_to")


def test_unnamed_sources_in_english_quotes_and_reports():
    text = (
        "One commuter from Holloway Cross, who asked not to be named, was less impressed: "
        '"The car park has 120 spaces."\n\n'
        "An official on the fund's investment committee, who asked not to be named, said it "
        "would allow up to 5 percent.\n\n"
        "A Westmoor Rail spokesperson said a further 80 spaces would open."
    )
    found = speakers(text, "en")
    assert found[0][1] is None and found[1][1] is None
    assert found[-1][1] == "Westmoor Rail"


def test_analysts_raising_their_own_target_speak():
    text = "Hanmaru Securities analyst Lee Da-bin raised her target price to 152,000 won."
    assert speakers(text, "en") == [("152,000 won", "Lee Da-bin", "indirect_quote")]


def test_english_values_the_third_rehearsal_found():
    assert claims("Assets topped 1,180 tln won.", "en") == [
        ("1,180 tln won", 1_180_000_000_000_000, "KRW", "more_than")
    ]
    assert claims("It sold out 31 shows.", "en") == [("31", 31, "times", "exact")]
    found = claims(
        "It expects 1.2 million journeys next year, rising to 1.6 million by 2030.", "en"
    )
    assert ("1.6 million", 1_600_000, "times", "exact") in found
    assert claims('One put it at "close to 19 times revenue."', "en") == [
        ("close to 19 times", 19, "multiple", "approx")
    ]
    assert claims("Share slipped to 11.8pc in the 12 weeks to 16 November.", "en") == [
        ("11.8pc", Decimal("11.8"), "percent", "exact")
    ]
    assert claims("Chart: annual returns, 2021-2025", "en") == []


# --- the fourth rehearsal's forms (who said it) --------------------------------------------


def test_korean_bodies_named_in_full_then_by_their_ending():
    text = (
        "교통산업부(교산부)는 11월 수출이 612억 달러로 6.8% 늘었다고 밝혔다.\n\n"
        "한국교역진흥원은 내년 수출이 2% 늘어날 것으로 내다봤다. 진흥원은 반도체 수출이 "
        "2000억 달러를 넘어설 것으로 봤다.\n\n"
        '청해교통공사에 따르면 누적 적자는 1조1300억 원이다. 공사 측은 "40% 정도가 '
        '무임승차 손실"이라고 말했다.'
    )
    names = [name for _, name, _ in speakers(text, "ko")]
    assert names[:2] == ["교통산업부", "교통산업부"]
    assert set(names[2:4]) == {"한국교역진흥원"}
    assert set(names[4:]) == {"청해교통공사"}


def test_a_korean_headline_shortens_a_name_the_body_gives_in_full():
    text = (
        '교통공사 "누적 적자 1조 넘어"\n\n[청해=가람뉴스] 기자 = 청해교통공사는 요금을 '
        "250원 올린다고 밝혔다.\n"
    )
    assert ("1조 넘어", "청해교통공사", "direct_quote") in speakers(text, "ko")


def test_a_generic_body_noun_keeps_the_words_that_name_it():
    text = '서해권 자동차부품 노동조합은 성명을 내고 "40여 명이 아직 못 받았다"고 밝혔다.'
    assert speakers(text, "ko") == [("40여 명", "서해권 자동차부품 노동조합", "direct_quote")]


def test_a_dropped_korean_subject_goes_on_with_the_last_quoted_speaker():
    text = (
        "서해지방법원 형사3부는 대표에게 징역 2년을 선고했다.\n\n"
        '재판부는 "체불이 1년 6개월 동안 이어졌다"며 "노력이 부족했다"고 판시했다. '
        "다만 체불액의 4분의 1가량을 갚았다는 사정도 참작했다고 밝혔다."
    )
    assert speakers(text, "ko")[-1][1:] == ("서해지방법원", "indirect_quote")


def test_english_officials_and_spokespeople_of_a_named_body():
    text = '"Customers lost more than 90 billion won," an FSOA official said.'
    assert speakers(text, "en") == [("more than 90 billion won", "FSOA", "direct_quote")]


def test_english_speakers_the_fourth_rehearsal_found():
    text = (
        "Vice Minister Seo Ha-neul of the Ministry of Culture said the government aimed for "
        "20 million visitors.\n\n"
        "Chief executive Yoo Seung-ho apologized at a briefing and said the firm would repay "
        "310 billion won.\n\n"
        "The commission's investigation found the two firms held a 17 percent share.\n\n"
        "Kwon also said the bank's own survey showed 31 percent of borrowers were behind."
    )
    found = speakers(text, "en")
    assert found[0][1] == "Seo Ha-neul"
    assert found[1][1] == "Yoo Seung-ho"
    assert found[2][2] == "according_to"
    assert found[3][1:] == ("Kwon", "indirect_quote")


def test_english_clauses_that_stay_the_reporters():
    text = (
        "South Korea drew 1.82 million visitors in October, according to data released Friday "
        "by the Korea Visitor Agency.\n\n"
        "Data from the Korea Property Agency showed prices rose 0.9 percent in September, the "
        "fastest monthly gain in 14 months.\n\n"
        "In Myeong-dong, a shop manager who gave only her surname, Lee, said sales had risen "
        "40 percent."
    )
    found = speakers(text, "en")
    assert found[0][1:] == ("Korea Visitor Agency", "according_to")
    assert ("14 months", None, "narration") in found
    assert found[-1][1] is None


def test_the_company_is_the_one_the_story_is_about_and_a_utility_runs_power():
    text = (
        "Sorae Semiconductor will build a plant. Sorae Semiconductor said the cost was $8 "
        "billion. The plant sits near Haeun Port.\n\n"
        "The site will house three lines, the company said.\n\n"
        "Coastal Power said 212,000 customers lost electricity at Halloran Airport. The "
        "Raleigh-based utility expects to restore 90 percent of them by Sunday."
    )
    names = [name for _, name, _ in speakers(text, "en")]
    assert names[1] == "Sorae Semiconductor"
    assert names[-1] == "Coastal Power"


def test_an_inverted_said_keeps_what_came_before_it():
    text = (
        'Highs will reach 33 Celsius by Saturday, said forecaster Aaron Pike, and "that is '
        'dangerous."'
    )
    assert speakers(text, "en")[0] == ("33 Celsius", "Aaron Pike", "indirect_quote")


def test_a_bare_headline_count_restates_the_bodys_count_of_the_same_value():
    text = (
        "연구팀, 발자국 화석 1,800여 개 확인\n\n"
        "[고성=가람뉴스] 기자 = 연구팀은 공룡 발자국 1,800여 곳을 찾았다고 밝혔다.\n"
    )
    assert [c[0] for c in claims(text, "ko")] == ["1,800여 곳"]


def test_a_section_heading_inside_the_story_restates_the_body():
    """ "◆ 단가 ㎾h당 310원…" between paragraphs is a subhead: its numbers are claims only
    when the body does not state them."""
    text = (
        "누리풍력, 서해 3단지 착공\n\n"
        "[군산=가람뉴스] 기자 = 누리풍력이 서해 3단지 공사를 시작했다고 밝혔다. "
        "총사업비는 2조 1000억원이다.\n\n"
        '◆ 발전단가 ㎾h당 310원…"2031년께 190원대로"\n\n'
        "국내 해상풍력 발전단가는 ㎾h당 310원 안팎이다. 회사는 2031년께 단가를 190원대로 "
        "낮출 수 있다고 밝혔다.\n"
    )
    stated = [c[0] for c in claims(text, "ko")]
    assert stated.count("310원") == 0 and "310원 안팎" in stated
    assert stated.count("190원대") == 1


@pytest.mark.parametrize(
    ("text", "year_is_claim"),
    [
        # a streak's year labels the period of the figure
        ("Exports rose for a third consecutive year in 2025, helped by chip sales.", False),
        # a verb after a figure tells the figure's year, not an event of its own
        ("Arrivals hit 9.4 million, above the peak of 9.1 million set in 2017.", False),
        ("Officers seized 840 kilograms, four times the amount seized in 2021.", False),
        # "since" makes the event an anchor again, and a verb without a figure dates it
        ("It has sold 2.1 million units since founding the company in 2012.", True),
        ("The fund, launched in 2009, now serves 4,800 families.", True),
    ],
)
def test_a_year_after_a_figure_labels_its_period(text, year_is_claim):
    years = [
        c for c in claims(text, "en") if c[0].endswith(("2009", "2012", "2017", "2021", "2025"))
    ]
    assert bool(years) == year_is_claim


@pytest.mark.parametrize(
    ("text", "stated", "value", "unit"),
    [
        # a poll's margin of error is a positive number, its span from "plus"
        (
            "The survey has a margin of error of plus or minus 2.8 percentage points.",
            "plus or minus 2.8 percentage points",
            Decimal("2.8"),
            "percentage_points",
        ),
        # a fraction of one unit, hyphenated before it
        (
            "The bank made a quarter-percentage-point cut on Thursday.",
            "a quarter-percentage-point",
            Decimal("0.25"),
            "percentage_points",
        ),
        ("Duty rose by a quarter-cent a litre.", "a quarter-cent", Decimal("0.0025"), "USD"),
    ],
)
def test_margins_and_fractions_of_a_unit(text, stated, value, unit):
    found = {c[0]: c for c in claims(text, "en")}
    assert stated in found
    assert Decimal(str(found[stated][1])) == value and found[stated][2] == unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a percentage change and the amount it ends at are two claims, not a range
        (
            "The court cut the fine by 15 percent to $61 million.",
            [("15 percent", "percent"), ("$61 million", "USD")],
        ),
        # "more" between a count and its noun: more of that noun
        ("The club sold 1,800 more season tickets than last year.", [("1,800", "items")]),
        # approvals are counted as cases
        ("Mortgage approvals rose to 52,400 in October.", [("52,400", "cases")]),
    ],
)
def test_counts_changes_and_their_nouns(text, expected):
    assert [(c[0], c[2]) for c in claims(text, "en")] == expected


def test_an_acronym_before_a_number_names_an_index():
    """ "The FTSE 250 group", "the KOSPI 200": names, not counts; the change is a claim."""
    assert claims("The KOSPI 200 rose 1.2 percent and the FTSE 250 group fell.", "en") == [
        ("1.2 percent", Decimal("1.2"), "percent", "exact")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The yield on three-year government bonds fell 9 basis points.",
        "Cases reached 412 this year, more than in all of 2024.",
    ],
)
def test_a_bond_tenor_and_a_whole_year_compared_are_labels(text):
    stated = [c[0] for c in claims(text, "en")]
    assert "three-year" not in stated and "2024" not in stated and len(stated) == 1


def test_a_subhead_ending_on_a_quote_is_display_not_body():
    """A second display line built around a quote ("…"2031년까지 일자리 8000개"") is a subhead:
    its numbers that the body states are restatements."""
    text = (
        "해람시 청년 인구 5년간 1만 명 줄어\n"
        '김도윤 시장 "2031년까지 청년 일자리 8000개"…시의회 "예산 근거 부족"\n\n'
        "[해람=가람뉴스] 기자 = 김도윤 해람시장은 2031년까지 청년 일자리 8000개를 만들겠다고 "
        "밝혔다. 해람시 청년 인구는 5년간 1만 명 줄었다.\n"
    )
    stated = [c[0] for c in claims(text, "ko")]
    assert stated.count("2031년까지") == 1 and stated.count("8000개") == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "twice" with nothing it is twice of counts times, and goals when scored (goals are
        # items, LABELLING.md §1); "twice the rate" is a multiple
        ("Okonkwo scored twice in the second half.", [("twice", "items")]),
        ("The match was postponed twice.", [("twice", "times")]),
        ("Inflation is now twice the target.", [("twice", "multiple")]),
        # in a poll, points are percentage points; two shares "to" each other are two claims
        (
            "Kim leads Park by 54 percent to 37 percent in the poll, a gap of 17 points.",
            [
                ("54 percent", "percent"),
                ("37 percent", "percent"),
                ("17 points", "percentage_points"),
            ],
        ),
        # an index's points stay points
        ("The KOSPI fell 21 points.", [("21 points", "points")]),
        # "grow 3 to 4 percent" is one range, its first number waiting for the unit
        (
            "Prices are expected to grow 3 to 4 percent.",
            [("3 to 4 percent", "percent"), ("3 to 4 percent", "percent")],
        ),
        # a rate's denominator is not a claim
        ("Prices rose to 31 million won per 3.3 square meters.", [("31 million won", "KRW")]),
    ],
)
def test_times_points_ranges_and_denominators(text, expected):
    assert [(c[0], c[2]) for c in claims(text, "en")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an index's level: "N선", and where it closed
        ("코스피가 2510선을 회복했다.", [("2510선", "points")]),
        (
            "코스닥은 전날보다 3.2포인트 내린 701.15로 마감했다.",
            [("3.2포인트", "points"), ("701.15", "points")],
        ),
        # "3선 의원" is a third term, not a level
        ("그는 3선 의원이다.", []),
        # a margin of error keeps its ±; "N년 만의" spans "N년 만"
        ("표본오차는 ±2.5%포인트다.", [("±2.5%포인트", "percentage_points")]),
        ("석 달 만의 반등이다.", [("석 달 만", "months")]),
    ],
)
def test_korean_index_levels_margins_and_after_durations(text, expected):
    assert [(c[0], c[2]) for c in claims(text, "ko")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an age band with both ends is not a claim; one age is
        ("The first dose is given at 12 to 15 months of age.", []),
        ("The girl was 15 months old.", [("15 months", "months", "exact")]),
        # "over N years" after an amount is the period it is spread over, not "more than"
        (
            "The offer would cost $61 million over three years.",
            [("$61 million", "USD", "exact"), ("three years", "years", "exact")],
        ),
        ("He has worked there for over three years.", [("over three years", "years", "more_than")]),
    ],
)
def test_age_bands_and_periods_spread_over(text, expected):
    assert [(c[0], c[2], c[3]) for c in claims(text, "en")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("마무리 투수가 9회를 삼자범퇴로 막았다.", []),  # an inning
        ("올해 47주 차 표본감시에서 환자가 늘었다.", []),  # the 47th week: a label
        ("위원회는 회의를 3회 열었다.", [("3회", "times")]),
    ],
)
def test_korean_innings_and_week_numbers_are_not_counts(text, expected):
    assert [(c[0], c[2]) for c in claims(text, "ko")] == expected


def test_n_out_of_m_is_a_fraction():
    assert claims("It can spread to as many as 9 out of 10 unvaccinated children.", "en") == [
        ("as many as 9 out of 10", Decimal("0.9"), "fraction", "at_most")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the head of "member firms" is firms: companies, not members
        ("The guild said 210 of its member firms sell abroad.", [("210", "companies")]),
        # a count fronted by "Of the … X," counts X
        (
            "Of the region's 18 counties, 15 reported gains and two were flat.",
            [("15", "places"), ("two", "places")],
        ),
        (
            "Of those cases, 93 were mild and 12 needed treatment.",
            [("93", "cases"), ("12", "cases")],
        ),
        # a village of N is its population
        ("It is a lot of traffic for a hamlet of 420.", [("420", "people")]),
        # "the largest group at N": group is not what is counted
        (
            "Students from abroad remained the largest group at 4,100, the college said.",
            [("4,100", "people")],
        ),
        # nouns news counts often
        ("More than 90 parents attended.", [("More than 90", "people")]),
        ("At least 12 new hotels will open.", [("At least 12", "places")]),
        ("Duties fall on three foreign producers.", [("three", "companies")]),
    ],
)
def test_english_counts_take_the_noun_they_count(text, expected):
    assert [(c[0], c[2]) for c in claims(text, "en")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "N last year" is a count and when it was, never N years
        (
            "The club sold out 190 games, up from 160 last year.",
            [("190", "games"), ("160", "games")],
        ),
        ("Orders reached 75 next month.", [("75", None)]),
        # a change in percent, then the level it reached: the level counts the subject
        (
            "Arrivals from Japan, which led the rebound, rose 14.2 percent to 318,000 in May.",
            [("14.2 percent", "percent"), ("318,000", "people")],
        ),
        # from one percentage to another is still two percentages
        (
            "Unemployment rose from 3.1 percent to 3.4 percent.",
            [("3.1 percent", "percent"), ("3.4 percent", "percent")],
        ),
    ],
)
def test_english_what_a_number_after_a_change_counts(text, expected):
    found = [(c[0], c[2]) for c in claims(text, "en")]
    assert found == [e for e in expected if e[1] is not None]


@pytest.mark.parametrize(
    "text",
    [
        "The ruling came from the court's nine-member bench.",
        "For a couple earning $72,000, the change saves about a tenth of the bill.",
        "The owner of a flat valued at £300,000 would pay more.",
        "One shopper, who gave only her first name, was unimpressed.",
        "“One tired nurse cannot watch every bed,” she said.",
    ],
)
def test_english_make_up_examples_and_someone_are_not_counts(text):
    stated = [c[0] for c in claims(text, "en")]
    assert not {"nine", "$72,000", "£300,000", "One"} & set(stated)


def test_a_count_of_one_after_a_verb_is_still_a_claim():
    assert ("one", 1, "cases", "exact") in claims(
        "The clinic reported one new case on Monday.", "en"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an index's close after its change is a level in points, not a percentage
        ("The Kospi closed down 1.2 percent at 2,514.30.", ("2,514.30", "points")),
        ("The FTSE 250 ended 0.4pc higher at 20,112.8.", ("20,112.8", "points")),
        # a duration's unit does not run past a comma into a level
        (
            "“We expect the number of births to keep rising for three more years, to between "
            "240,000 and 250,000 in 2029,” she said.",
            ("between 240,000 and 250,000", "people"),
        ),
    ],
)
def test_english_a_level_after_a_change_is_not_its_unit(text, expected):
    assert expected in [(c[0], c[2]) for c in claims(text, "en")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 억 before 편성 is a budget in won, not trainsets; trainsets stay units
        ("하람군, 내년 예산 5480억 편성", [("5480억", "KRW")]),
        ("공사는 새 전동차 12편성을 들여온다.", [("12편성", "units")]),
        # "1회 충전" is the base of a range, not one repetition
        ("새 전기차는 1회 충전으로 487㎞를 달린다.", [("487㎞", "meters")]),
        # "이들 N개 사" points back at companies already named
        (
            "1위 가온전자(18%), 2위 비룡(15%), 3위 소담(11%)이 뒤를 이었다. "
            "이들 3개 사의 합계는 44%다.",
            [("18%", "percent"), ("15%", "percent"), ("11%", "percent"), ("44%", "percent")],
        ),
    ],
)
def test_korean_budgets_rate_bases_and_back_references(text, expected):
    assert [(c[0], c[2]) for c in claims(text, "ko")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb's "up" then "to": where the figure went, not "at most"
        ("Core inflation ticked up to 2.6 percent in June.", ("2.6 percent", "exact")),
        ("House price growth picked up to 4.1 per cent.", ("4.1 per cent", "exact")),
        ("The forecast was revised up to 1.8 percent.", ("1.8 percent", "exact")),
        # "up to" on its own still caps the figure
        ("The agency could lend up to $3 billion.", ("up to $3 billion", "at_most")),
        ("Fines of up to 6 percent of turnover apply.", ("up to 6 percent", "at_most")),
    ],
)
def test_english_up_after_a_verb_is_not_up_to(text, expected):
    assert expected in [(c[0], c[3]) for c in claims(text, "en")]


def test_a_name_inside_the_counted_phrase_is_a_modifier():
    found = claims("Three Harbour Bank board members voted for a cut.", "en")
    assert [(c[0], c[2]) for c in found] == [("Three", "people")]


def test_a_consensus_figure_is_its_compilers():
    text = (
        "Hallim Steel said operating profit rose 41 percent to 920 billion won. That beat "
        "the 850 billion won consensus compiled by data provider Quantwell."
    )
    found = speakers(text, "en")
    assert ("850 billion won", "Quantwell", "according_to") in found
    assert ("920 billion won", "Hallim Steel", "indirect_quote") in found


def test_according_to_a_title_and_a_name_is_the_person():
    text = "Bills would rise about $88 a year, according to county budget director Omar Haddad."
    assert ("about $88", "Omar Haddad", "according_to") in speakers(text, "en")


def test_a_bodys_own_system_showed():
    text = (
        "The Film Board (KFB) tracks ticket sales.\n\n"
        "The film sold 3,912,400 tickets through Sunday, KFB's integrated box office system showed."
    )
    assert ("3,912,400", "Film Board", "according_to") in speakers(text, "en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials said 12 of the 16 districts reported gains.", ("12 of the 16", "0.75")),
        ("Nine of 12 analysts expect a hold.", ("Nine of 12", "0.75")),
        ("About 30 of its 40 stores will close.", ("About 30 of its 40", "0.75")),
    ],
)
def test_english_m_of_n_is_a_share(text, expected):
    found = [(c[0], str(c[1]), c[2]) for c in claims(text, "en")]
    assert (*expected, "fraction") in found


@pytest.mark.parametrize(
    "text",
    [
        "Article 5 of the 1998 act still applies.",
        "She won 3 of 2024's four majors.",
        "One of the 14 districts was flat.",  # one of a group: someone, not a share
    ],
)
def test_english_what_is_not_a_share(text):
    assert all(c[2] != "fraction" for c in claims(text, "en"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hanbo delays its battery plant to 2029", [("2029", "exact")]),
        (
            "The ministry pushed back the opening to 2031 from 2028.",
            [("2031", "exact"), ("2028", "exact")],
        ),
        ("Fees rise by 2 percent a year starting in 2028.", [("2028", "exact")]),
        # not moved dates: a level and a comparison base
        ("Sales rose 4 percent to $2 billion from 2024.", []),
    ],
)
def test_english_moved_and_starting_dates_are_year_claims(text, expected):
    assert [(c[0], c[3]) for c in claims(text, "en") if c[2] == "year"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a comparison's base "a decade earlier" is a label, not ten years
        ("Taxis numbered 1,300, down from 2,100 a decade earlier.", ["1,300", "2,100"]),
        # "every 1C" is a rate's base
        ("“Every 1C of warming costs us 6 percent of runoff,” she said.", ["6 percent"]),
        # the whole set named through a possessive after "of the"
        ("The largest of the county's four reservoirs was 31 percent full.", ["31 percent"]),
        # a number then "six months earlier": the base, and 840 keeps its unit from before
        (
            "Some 1,310 patients had waited more than a year, up from 760 six months earlier.",
            ["Some 1,310", "more than a year", "760"],
        ),
    ],
)
def test_english_bases_sets_and_periods_are_not_claims(text, expected):
    assert [c[0] for c in claims(text, "en")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Provisions rose 2.9 times to 972 billion won.", ("2.9 times", "multiple", "exact")),
        ("Fares are capped at 3.6pc plus one percentage point.", ("3.6pc", "percent", "exact")),
        ("The suit now has 2,312 claimants.", ("2,312", "people", "exact")),
        ("The unit recorded 14,980 attendances in January.", ("14,980", "people", "exact")),
    ],
)
def test_english_multiples_sums_and_counted_people(text, expected):
    assert expected in [(c[0], c[2], c[3]) for c in claims(text, "en")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what a company is, written before its name, is not part of the name
        (
            "Fairway cut prices on 300 lines. Rival Brandt said it would match Fairway on 500 "
            "products.",
            ("500", "Brandt"),
        ),
        (
            "Distributor Kestrel Pictures said the film cost 14 billion won.",
            ("14 billion won", "Kestrel Pictures"),
        ),
        # a place of two words before "-based"
        (
            "Tidewater Cruises reported results on Monday.\n\nThe Port Ellis-based company "
            "now expects earnings of $3.10 a share.",
            ("$3.10", "Tidewater Cruises"),
        ),
        # "data from market researcher X", "the office's 2025 report counted", "its tests"
        (
            "Data from market researcher Cartwise showed inflation slowed to 2.6 per cent.",
            ("2.6 per cent", "Cartwise"),
        ),
        (
            "The Harlow Transit Office licenses cabs.\n\nThe office's 2025 report counted 980 "
            "licensed taxis.",
            ("980", "Harlow Transit Office"),
        ),
        (
            "The Drug Safety Agency ordered a recall. Its tests found the impurity at 2.5 times "
            "the limit.",
            ("2.5 times", "Drug Safety Agency"),
        ),
        # "according to their lawyer, NAME": the name in apposition is the source
        (
            "The suit now has 1,450 claimants, according to their lawyer, Nia Oduya.",
            ("1,450", "Nia Oduya"),
        ),
    ],
)
def test_english_sources_named_with_what_they_are(text, expected):
    assert expected in [(c[0], c[1]) for c in speakers(text, "en")]


def test_an_aside_holding_a_number_with_a_comma_still_ends_before_said():
    text = (
        "Corvane Cruise Lines raised its forecast.\n\n"
        "Corvane, which employs about 38,000 crew members, said it had cut net debt by "
        "$1.1 billion."
    )
    assert ("$1.1 billion", "Corvane Cruise Lines") in [(c[0], c[1]) for c in speakers(text, "en")]


@pytest.mark.parametrize(
    ("name", "later"),
    [
        ("The State Fares Commission", "The commission"),
        ("The National Water Agency", "The agency"),
    ],
)
def test_an_organisation_may_start_with_state_or_national(name, later):
    text = (
        f"{name} fined Rollo on Tuesday.\n\n{later} said Rollo had overcharged about 52,000 riders."
    )
    expected = name.removeprefix("The ")
    assert ("about 52,000", expected) in [(c[0], c[1]) for c in speakers(text, "en")]


def test_a_headline_short_name_and_the_groups_full_name_are_one_speaker():
    text = (
        "Darim Financial profit falls 12%\n\n"
        "Darim Financial Group said Friday its net profit fell 12 percent.\n\n"
        "Provisions rose to 410 billion won, the Seoul-based lender said."
    )
    assert ("410 billion won", "Darim Financial Group") in [
        (c[0], c[1]) for c in speakers(text, "en")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one person, or one unit, as the base of a rate is not a count
        ('그는 "교사 한 명이 학생 28명을 맡는다"고 말했다.', [("28명", "people")]),
        ("승객 한 명을 태울 때마다 평균 640원씩 손실이 났다.", [("640원", "KRW")]),
        ('연구팀은 "숲 1㏊가 흡수하는 탄소는 약 11t"이라고 설명했다.', [("약 11t", "tons")]),
        # one of something that happened is still a claim
        ("이번 사고로 한 명이 숨졌다.", [("한 명", "people")]),
        ("불은 1㎢를 태웠다.", [("1㎢", "square_meters")]),
    ],
)
def test_korean_one_as_the_base_of_a_rate(text, expected):
    assert [(c[0], c[2]) for c in claims(text, "ko")] == expected


def test_korean_a_figure_as_topic_leaves_the_last_subject_speaking():
    text = (
        "한결은행은 이날 수정 전망에서 올해 성장률 전망치를 1.5%에서 1.7%로 올렸다. "
        "소비자물가 상승률은 올해 2.3%로 내다봤다."
    )
    assert ("2.3%", "한결은행", "indirect_quote") in speakers(text, "ko")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a year a figure is compared with is the comparison's base, a label
        ("올해 관람객은 2019년보다 3% 적다.", ["3%"]),
        ("관람객은 2019년 수준을 되찾았다.", []),
        ("2018년에 비해 배출량은 12% 줄었다.", ["12%"]),
        ("수출은 2017년에 견줘 두 배로 늘었다.", ["두 배"]),
        ("시는 2030년까지 배출량을 2018년 수준의 60%로 줄인다.", ["2030년까지", "60%"]),
        # guard: an event's year stays a claim
        ("공장은 2019년 문을 열었다.", ["2019년"]),
    ],
)
def test_korean_a_comparison_base_year_is_a_label(text, expected):
    assert [c[0] for c in claims(text, "ko")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the counted noun comes before the set word that takes the number from it
        ("협력사 가운데 112곳이 피해를 봤다.", ("112곳", 112, "companies", "exact")),
        ("납품 업체 중 40곳은 문을 닫았다.", ("40곳", 40, "companies", "exact")),
        # 곳 counts bodies and sites, never people: a noun ending in 사 is a company
        ("이 가운데 부품사 9곳은 감산에 들어갔다.", ("9곳", 9, "companies", "exact")),
        # guards: a place stays a place, and people counted with 명 stay people
        ("전국 병원 30곳이 시범 사업에 참여했다.", ("30곳", 30, "places", "exact")),
        ("간호사 가운데 30명이 그만뒀다.", ("30명", 30, "people", "exact")),
    ],
)
def test_korean_the_noun_before_a_set_word_is_counted(text, expected):
    assert claims(text, "ko") == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a change and the level it reached, not a range: the bounds are of different sizes
        (
            "Jobless claims fell by 12,000 to 221,000 last week.",
            [("12,000", 12000, "cases", "exact"), ("221,000", 221000, "cases", "exact")],
        ),
        # the change takes the unit of the level after it
        (
            "Output rose 200 to 5,400 tonnes.",
            [("200", 200, "tons", "exact"), ("5,400 tonnes", 5400, "tons", "exact")],
        ),
        # guards: a range of a change keeps its two ends
        (
            "Prices could rise 5 to 20 percent.",
            [
                ("5 to 20 percent", 5, "percent", "at_least"),
                ("5 to 20 percent", 20, "percent", "at_most"),
            ],
        ),
        (
            "Sales grew by 3 to 4 percent.",
            [
                ("3 to 4 percent", 3, "percent", "at_least"),
                ("3 to 4 percent", 4, "percent", "at_most"),
            ],
        ),
    ],
)
def test_english_a_change_to_a_level_is_not_a_range(text, expected):
    assert claims(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("About 1 in 4 adults smoke.", [("About 1 in 4", Decimal("0.25"), "fraction", "approx")]),
        ("3 in 10 voters back the plan.", [("3 in 10", Decimal("0.3"), "fraction", "exact")]),
    ],
)
def test_english_digit_shares_with_in(text, expected):
    assert claims(text, "en") == expected


def test_a_count_over_events_or_time_is_no_share():
    for text in ("They won 3 in 4 games.", "He scored 2 in 5 minutes."):
        assert all(claim[2] != "fraction" for claim in claims(text, "en"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The F-35 jets arrived on time.", []),
        ("The KF-21 program costs $6 billion.", ["$6 billion"]),
        ("COVID-19 cases rose 12%.", ["12%"]),
        # guard: a part of a year joined by a hyphen stays a year
        ("Output will peak in mid-2027.", ["2027"]),
    ],
)
def test_english_capitals_hyphened_to_digits_are_a_name(text, expected):
    assert [claim[0] for claim in claims(text, "en")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # machines counted in tens with 대 are machines, not an age band
        ("공군은 신형 전투기 40대를 도입한다.", [("40대", 40, "units", "exact")]),
        ("소방 헬기 30대가 투입됐다.", [("30대", 30, "units", "exact")]),
        ("신형 열차 20대를 들여온다.", [("20대", 20, "units", "exact")]),
        # guard: after a quarter, an age band
        ("2분기 40대 취업자가 줄었다.", []),
    ],
)
def test_korean_machines_counted_in_tens(text, expected):
    assert claims(text, "ko") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # stocks counted in days' worth, with the counter in the span
        ("백신 재고는 4.5일분이다.", [("4.5일분", Decimal("4.5"), "days", "exact")]),
        ("적정 재고(7일분)의 절반이다.", [("7일분", 7, "days", "exact")]),
        ("재고가 3일분 미만으로 줄었다.", [("3일분 미만", 3, "days", "less_than")]),
        # blood units and sheets are items
        ("하루 4100유닛이 나간다.", [("4100유닛", 4100, "items", "exact")]),
        ("참가자에게 식사권 3매를 준다.", [("3매", 3, "items", "exact")]),
        # guard: a day of the month stays a date
        ("협회는 지난 5일 자료를 냈다.", []),
    ],
)
def test_korean_days_worth_units_and_sheets(text, expected):
    assert claims(text, "ko") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a level reached after a percentage change, with a time in between, counts the subject
        (
            "Drug-resistant infections rose 9pc last year to a record 71,300.",
            [("9pc", 9, "percent", "exact"), ("71,300", 71300, "cases", "exact")],
        ),
        # "by" alone marks a change, the verb further back
        (
            "The chain is lifting the price of a latte by 20p to £3.95.",
            [("20p", Decimal("0.2"), "GBP", "exact"), ("£3.95", Decimal("3.95"), "GBP", "exact")],
        ),
        # a magnitude has no unit in the vocabulary
        ("A magnitude 6.3 earthquake killed 12 people.", [("12", 12, "people", "exact")]),
        ("A 5.8-magnitude quake hit the coast.", []),
        # nor do pints
        ("The pub sold 4,200 pints on Saturday.", []),
        # counted nouns of rescues, courts and armies
        (
            "More than 600 rescuers used 14 cranes.",
            [("More than 600", 600, "people", "more_than"), ("14", 14, "units", "exact")],
        ),
        ("The observatory recorded 86 aftershocks.", [("86", 86, "cases", "exact")]),
        (
            "The judge overruled 214 objections in a 38-page ruling.",
            [("214", 214, "cases", "exact"), ("38", 38, "items", "exact")],
        ),
        ("A lawyer for 37 of the objectors spoke.", [("37", 37, "people", "exact")]),
        (
            "The army buys 36 howitzers and eight air-defence systems.",
            [("36", 36, "units", "exact"), ("eight", 8, "units", "exact")],
        ),
    ],
)
def test_english_the_eighth_rehearsals_forms(text, expected):
    assert claims(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the year an event began, named before 이래, is a claim
        ("판매량은 1994년 집계 시작 이래 가장 적었다.", ["1994년"]),
        # a person's noun ending in 수 is not a figure's name
        ("역대 계약 가운데 2023년 포수 한 명이 받은 120억 원이 가장 많다.", ["2023년", "120억 원"]),
        # a figure's name written with 수 apart or before a particle labels the year
        ("2024년 관객 수는 1억 명이다.", ["1억 명"]),
        ("2024년 관객수는 1억 명이다.", ["1억 명"]),
    ],
)
def test_korean_years_before_since_and_before_figure_names(text, expected):
    assert [claim[0] for claim in claims(text, "ko")] == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # animals are counted in no unit of the vocabulary (LABELLING.md §1)
        ("Bird flu has killed about 31 million egg-laying hens.", "en"),
        ("Farmers culled 12,000 pigs.", "en"),
        ("돼지 1만 2000마리를 살처분했다.", "ko"),
    ],
)
def test_animals_are_counted_in_no_unit(text, language):
    assert claims(text, language) == []


def test_english_a_chambers_seats_are_its_make_up():
    text = "The bill passed with 12 abstentions in the 141-seat chamber."
    assert [claim[0] for claim in claims(text, "en")] == ["12"]
    # guard: a venue's seats are its capacity, a claim
    assert [claim[0] for claim in claims("The 300-seat theatre opened.", "en")] == ["300"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My mother is 82 and lives alone.", [("82", 82, "years", "exact")]),
        ("She turns 30 next year.", [("30", 30, "years", "exact")]),
        # guard: a number with its own unit after a person is not an age
        ("He is 12 points behind the leader.", []),
    ],
)
def test_english_a_persons_age_after_be(text, expected):
    assert claims(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("운반선 1척에는 차량을 최대 3000대까지 싣는다.", ["최대 3000대까지"]),
        ("버스 1대마다 승객 40명이 탄다.", ["40명"]),
        # guard: one place where something happened is a count
        ("공장 1곳에서 불이 나 2명이 다쳤다.", ["1곳", "2명"]),
    ],
)
def test_korean_one_unit_as_the_base_of_what_it_holds(text, expected):
    assert [claim[0] for claim in claims(text, "ko")] == expected


def test_korean_a_temperature_keeps_its_scale_word():
    assert claims("섭씨 80도 이하의 물에 녹인다.", "ko") == [
        ("섭씨 80도 이하", 80, "degrees_celsius", "at_most")
    ]
    assert claims("기온이 섭씨 영하 5도였다.", "ko") == [
        ("섭씨 영하 5도", -5, "degrees_celsius", "exact")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the whole a share is taken from, after "of its"
        ("One in five of its 3,100 members may close.", ["One in five"]),
        # a hyphened top-N is a rank; finals are games
        ("He had lost nine finals against top-10 players.", ["nine"]),
    ],
)
def test_english_the_whole_of_a_share_and_a_hyphened_rank(text, expected):
    assert [claim[0] for claim in claims(text, "en")] == expected
    assert all(claim[2] != "people" for claim in claims(text, "en"))


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # the sample of a survey or poll, or a vote's electorate, only defines who was asked
        ("누리재단이 성인 1200명을 대상으로 실시한 조사에서 12%가 찬성했다.", "ko", ["12%"]),
        ("노조는 조합원 8140명을 대상으로 찬반투표를 했다.", "ko", []),
        ("조사는 성인 6000명과 학생 2400명을 대상으로 했다.", "ko", []),
        ("A survey of 1,010 adults found 64% support.", "en", ["64%"]),
        ("The poll of 812 likely voters has a margin of 3 points.", "en", ["3 points"]),
        # guards: a trial's enrolment, and companies a firm surveyed, stay counts
        ("이번 임상은 환자 612명을 대상으로 진행됐다.", "ko", ["612명"]),
        # a ship's age that defines a class is an age band; one ship's age is a claim
        ("사고 어선의 61%는 선령 20년 이상이었다.", "ko", ["61%"]),
        ("해진호는 선령이 27년에 이른다.", "ko", ["27년"]),
    ],
)
def test_samples_and_class_ages_are_not_claims(text, language, expected):
    assert [claim[0] for claim in claims(text, language)] == expected


def test_korean_the_subject_before_a_count_in_places_is_what_it_counts():
    assert claims("국내 수출업체가 약 1200곳으로 늘었다.", "ko") == [
        ("약 1200곳", 1200, "companies", "approx")
    ]
    # guard: a place noun keeps places
    assert claims("전국 병원은 30곳이다.", "ko") == [("30곳", 30, "places", "exact")]


def test_english_scored_twice_is_two_goals():
    assert claims("Ben White scored twice in the first half.", "en") == [
        ("twice", 2, "items", "exact")
    ]
    # guard: anything else done twice is two times
    assert claims("The operation was cancelled twice.", "en") == [("twice", 2, "times", "exact")]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # the title of a statistic labels its year
        ("통계청의 '2025년 출생·사망통계'에 따르면 출생아는 24만 명이다.", "ko", ["24만 명"]),
        # the quantity a price is quoted for is the base of a rate
        ("사과 10㎏ 도매가격은 7만4500원이다.", "ko", ["7만4500원"]),
        # a tally is like a score
        ("Members voted 1,162 to 97 to reject the offer.", "en", []),
        ("The bill passed by a vote of 88 to 31.", "en", []),
        # guards: a year that dates an event, and an output in tonnes, stay claims
        ("공장은 2019년 문을 열어 연간 2만t을 생산한다.", "ko", ["2019년", "2만t"]),
    ],
)
def test_statistic_titles_price_bases_and_tallies(text, language, expected):
    assert [claim[0] for claim in claims(text, language)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "over" inside a word is no qualifier; "over" a span of time after an amount is "during"
        ("Insurers would cover $6.2 million of it.", [("$6.2 million", 6200000, "USD", "exact")]),
        (
            "The city will spend $1.4bn over five years.",
            [("$1.4bn", 1400000000, "USD", "exact"), ("five years", 5, "years", "exact")],
        ),
        # shares of a person's own things
        (
            "Four of my six cows are still up there.",
            [("Four of my six", Decimal("0.6667"), "fraction", "exact")],
        ),
        # flights are trips, counted as times; a change in the perfect tense then its level
        ("The airport cancelled 22 flights.", [("22", 22, "times", "exact")]),
        (
            "Sales had risen 18% to 3,950.",
            [("18%", 18, "percent", "exact"), ("3,950", 3950, "cases", "exact")],
        ),
        # a tally of votes, like a score
        ("The measure drew 18,406 yes votes to 13,112 no.", []),
    ],
)
def test_english_the_ninth_rehearsals_forms(text, expected):
    assert claims(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "가운데" is "중": one share over the whole phrase, for counts only
        (
            "군내 초등학교 14곳 가운데 9곳이 작다.",
            [("14곳 가운데 9곳", Decimal("0.6429"), "fraction", "exact")],
        ),
        (
            "전체 14.2㎞ 가운데 1.8㎞ 정도가 탔다.",
            [("14.2㎞", 14200, "meters", "exact"), ("1.8㎞ 정도", 1800, "meters", "approx")],
        ),
        # the time since an event a person went through
        ('그는 "3년 전 발목 수술을 받았다"고 말했다.', [("3년", 3, "years", "exact")]),
        # a player's rebounds and assists, buildings counted with 동, flights counted as trips
        (
            "벨이 15리바운드 8어시스트를 올렸다.",
            [("15리바운드", 15, "items", "exact"), ("8어시스트", 8, "items", "exact")],
        ),
        ("비닐하우스 310동이 무너졌다.", [("310동", 310, "items", "exact")]),
        ("항공편 87편이 결항됐다.", [("87편", 87, "times", "exact")]),
        # guards: an address's building number, and films counted with 편
        ("아파트 101동 1502호에 산다.", []),
        ("영화 3편을 상영했다.", [("3편", 3, "items", "exact")]),
    ],
)
def test_korean_the_ninth_rehearsals_forms(text, expected):
    assert claims(text, "ko") == expected


def test_english_a_year_before_an_event_noun_dates_it():
    assert claims("He was jailed for a 1998 killing he did not commit.", "en") == [
        ("1998", 1998, "year", "exact")
    ]
    assert claims("4개 시도 23개 시군에 경보가 내려졌다.", "ko")[-1] == (
        "23개 시군",
        23,
        "places",
        "exact",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The settlement will be paid over three fiscal years.",
            [("three fiscal years", 3, "years", "exact")],
        ),
        ("Revenue in fiscal year 2025 rose.", []),
        ("The operator runs 2,600 scooters.", [("2,600", 2600, "units", "exact")]),
        # guard: "took over" a span is more than it
        ("The project took over five years.", [("over five years", 5, "years", "more_than")]),
    ],
)
def test_english_fiscal_years_and_scooters(text, expected):
    assert claims(text, "en") == expected
