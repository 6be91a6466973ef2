"""Articles written for measuring and testing the reader's pages, stored the API's way.

`store_article` writes a document, its speakers and its claims through the
core's own write functions (the checks of `POST /v1/claims` included), so a
page under test or measurement shows what a client could have stored.
`long_article` writes a Korean article of `claims` claims — the document page
of `make bench` (a 200-claim page must render in under 50 ms).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from core import claim_writes, document_writes, speaker_writes
from schema.db import write_transaction
from schema.models import Speaker, exact_number


@dataclass
class Stated:
    """One claim of an article: its words (the `occurrence`-th time they appear) and
    what they state; `restates` is the index of an earlier claim of the article."""

    stated_as: str
    value: int | str
    unit: str
    kind: str
    qualifier: str = "exact"
    attribution: str = "narration"
    speaker: str | None = None
    occurrence: int = 1
    restates: int | None = None
    override: str | None = None  # why the value is not what the words read as
    status: str = "active"
    subject: str | None = None


@dataclass
class Article:
    """A document and what it claims."""

    id: str
    title: str
    text: str
    claims: list[Stated]
    language: str = "ko"
    outlet: str = "한빛일보"
    published: str = "2024-03-02"
    author: str | None = "이서연"
    speakers: list[dict] = field(default_factory=list)


def offsets(text: str, words: str, occurrence: int) -> tuple[int, int]:
    """Where the `occurrence`-th appearance of `words` stands in `text`."""
    start = -1
    for _ in range(occurrence):
        start = text.index(words, start + 1)
    return start, start + len(words)


def store_article(article: Article, author: str = "tester") -> list[int]:
    """Write the article, its new speakers and its claims; the claims' ids in order."""
    for speaker in article.speakers:
        if Speaker.get_or_none(Speaker.id == speaker["id"]) is None:
            speaker_writes.add_speaker(speaker, author)
    with write_transaction():
        document_writes.add_document(
            {
                "id": article.id,
                "title": article.title,
                "text": article.text,
                "language": article.language,
                "outlet": article.outlet,
                "published": dt.date.fromisoformat(article.published),
                "author": article.author,
                "url": None,
            },
            author,
        )
    ids: list[int] = []
    for claim in article.claims:
        start, end = offsets(article.text, claim.stated_as, claim.occurrence)
        stored = claim_writes.add_claim(
            {
                "document": article.id,
                "stated_as": claim.stated_as,
                "start": start,
                "end": end,
                "value": exact_number(Decimal(str(claim.value))),
                "unit": claim.unit,
                "kind": claim.kind,
                "qualifier": claim.qualifier,
                "attribution": claim.attribution,
                "speaker": claim.speaker,
                "subject": claim.subject,
                "restates": None if claim.restates is None else ids[claim.restates],
                "status": claim.status,
                "confidence": None,
                "value_override_reason": claim.override,
                "reason": "test article",
            },
            author,
        )
        ids.append(stored.id)
    return ids


SPEAKERS = [
    {
        "id": "bench-han-jiwoo",
        "name": "한지우",
        "name_en": "Han Ji-woo",
        "kind": "person",
        "role": "대표",
        "organization": "누리소프트",
        "aliases": ["한 대표"],
    },
    {
        "id": "bench-nuri",
        "name": "누리소프트",
        "name_en": "Nuri Soft",
        "kind": "organization",
        "role": None,
        "organization": None,
        "aliases": [],
    },
]


def long_article(claims: int = 200, document_id: str = "bench-long-article") -> Article:
    """A Korean article holding `claims` claims: two per paragraph, quoted and reported,
    every fifth pair a dollar figure restated in won."""
    paragraphs, stated = [], []
    for n in range(claims // 2):
        year = 2000 + n % 25
        if n % 5 == 0:
            amount, won = n + 1, (n + 1) * 13
            paragraphs.append(
                f"누리소프트는 {year}년 사업에 {amount}억 달러(약 {won}00억원)를 투자했다고 밝혔다."
            )
            stated.append(
                Stated(
                    f"{amount}억 달러",
                    amount * 10**8,
                    "USD",
                    "money",
                    attribution="indirect_quote",
                    speaker="bench-nuri",
                )
            )
            stated.append(
                Stated(
                    f"약 {won}00억원",
                    won * 10**10,
                    "KRW",
                    "money",
                    "approx",
                    "indirect_quote",
                    "bench-nuri",
                    restates=len(stated) - 1,
                )
            )
        else:
            customers, share = 100 + n, 10 + n % 50
            paragraphs.append(
                f"한지우 누리소프트 대표는 “{year}년 고객사는 {customers}곳 이상”이라고 말했다. "
                f"업계에 따르면 점유율은 약 {share}.5%다."
            )
            stated.append(
                Stated(
                    f"{customers}곳 이상",
                    customers,
                    "companies",
                    "count",
                    "at_least",
                    "direct_quote",
                    "bench-han-jiwoo",
                )
            )
            stated.append(
                Stated(
                    f"약 {share}.5%", f"{share}.5", "percent", "percent", "approx", "according_to"
                )
            )
    seen: dict[str, int] = {}
    for claim in stated:  # the same words recur: each claim is their next appearance
        claim.occurrence = seen[claim.stated_as] = seen.get(claim.stated_as, 0) + 1
    text = "누리소프트, 스무 해의 숫자들\n\n" + "\n\n".join(paragraphs) + "\n"
    return Article(document_id, "누리소프트, 스무 해의 숫자들", text, stated, speakers=SPEAKERS)
