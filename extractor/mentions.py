"""Number mentions: a stated number with its unit and qualifier, before attribution.

The language-specific spotters (`mentions_ko`, `mentions_en`) find the spans;
this module holds what they share: the `Mention` record, the nouns that decide
what a bare count counts, and the linking of restatements such as
"120억 달러(약 16조원)" or "$37 billion (about 49 trillion won)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extractor.numbers import Number


@dataclass(frozen=True)
class Mention:
    """A quantity stated in the text, as a span with its reading."""

    start: int
    end: int
    value: Number
    unit: str
    qualifier: str
    subject: str | None = None
    confidence: float = 0.9
    restates: int | None = None


# Head nouns that decide the unit of a bare Korean count (English: lexicon_en).
COMPANY_NOUNS_KO = (
    "사", "업체", "기업", "회사", "스타트업", "협력사", "파트너사", "고객사", "계열사",
    "법인", "은행", "증권사", "보험사", "제조사", "공급사", "벤처", "브랜드", "거래처",
    "제약사", "건설사", "항공사", "배급사", "투자사", "운용사", "카드사", "통신사", "조선사",
)  # fmt: skip
PLACE_NOUNS_KO = (
    "국", "나라", "지역", "도시", "매장", "점포", "공장", "지점", "사업장", "마을", "병원",
    "학교", "대피소", "단지", "시군", "지자체", "산지", "관측소", "발전소", "항만", "역",
)  # fmt: skip
# Machines counted with 개 ("서버 12개"): units, like 대.
UNIT_NOUNS_KO = ("서버", "로봇", "기기", "장비", "드론", "위성", "단말기", "배터리", "칩")


def unit_for_korean_noun(noun: str | None, places: bool = False) -> str | None:
    """The unit a Korean counted noun implies ("콘텐트 업체" → companies), if any.

    `places` is set when the counter is 곳, which counts sites and bodies but never
    people: there any noun ending in 사 (부품사, 납품사) is a company, not a 간호사.
    """
    if not noun:
        return None
    for head in noun.split()[-1:]:  # the head noun decides
        if (
            any(head.endswith(word) for word in COMPANY_NOUNS_KO if len(word) > 1)
            or head == "사"
            or (places and len(head) >= 2 and head.endswith("사"))
        ):
            return "companies"
        if any(head.endswith(word) for word in PLACE_NOUNS_KO if len(word) > 1):
            return "places"
        if any(head.endswith(word) for word in UNIT_NOUNS_KO):
            return "units"
    return None


MONEY_UNITS = frozenset({"USD", "KRW", "JPY", "EUR", "CNY", "GBP"})
# What sits between an amount and its conversion: "120억 달러(약 …)", "$37bn, or about …".
_RESTATEMENT_GAP = re.compile(r"[\s\u00a0]*[(（][\s\u00a0]*|,?[\s\u00a0]+or[\s\u00a0]+")


def link_restatements(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mark a currency conversion right after an amount as restating that amount."""
    linked = list(mentions)
    for index in range(1, len(linked)):
        previous, current = linked[index - 1], linked[index]
        if previous.unit not in MONEY_UNITS or current.unit not in MONEY_UNITS:
            continue
        if previous.unit == current.unit or previous.restates is not None:
            continue
        # A qualifier word ("약", "about") is already inside the current span.
        if _RESTATEMENT_GAP.fullmatch(text[previous.end : current.start]):
            # Without hedge words of its own, a restatement takes the hedge of the figure it
            # restates: "at least 800 billion won ($578 million)" is at least both.
            qualifier = current.qualifier
            if qualifier == "exact" and previous.qualifier not in ("since", "until"):
                qualifier = previous.qualifier
            linked[index] = replace(current, restates=index - 1, subject=previous.subject,
                                    qualifier=qualifier)  # fmt: skip
    return linked
