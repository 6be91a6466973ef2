"""Extract candidate quantitative claims from a Korean or English news text.

`extract_claims` splits the text into sentences, spots number mentions, links
bracketed currency conversions as restatements, and attributes each mention to
a speaker from the quote structure. Every offset is a code point of the text
exactly as given, so `text[c.start:c.end] == c.stated_as` always holds.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from extractor.attribution import Context, Reading, read_english, read_korean
from extractor.layout import DISPLAY, FURNITURE, Layout, read_layout
from extractor.mentions import Mention, link_restatements
from extractor.mentions_en import spot_english
from extractor.mentions_ko import may_hold_quantity, spot_korean
from extractor.morphology import analyse_all, batches
from extractor.numbers import Number, kind_of, read_quantities
from extractor.sentences import Sentence, split_sentences
from extractor.speakers import ROLE_TOKEN_KO, SpeakerMention
from extractor.vocabulary import plausible

LANGUAGES = ("ko", "en")
# Korean sentences that attribution will analyse besides those with numbers: quotes.
_QUOTE_MARKS = re.compile(r"[“”\"]")


@dataclass(frozen=True)
class Candidate:
    """One extracted claim, anchored to its exact span and sentence."""

    stated_as: str
    start: int
    end: int
    value: Number
    unit: str
    kind: str
    qualifier: str
    subject: str | None
    sentence_start: int
    sentence_end: int
    speaker: SpeakerMention | None
    attribution: str
    confidence: float
    restates: int | None = None
    # Why the speaker is who they are: the rule, and where the text names them.
    rule: str = "narration"
    evidence: tuple[int, int] | None = None
    # For a direct quote: the speaker's own words around the number (no quotation marks).
    quote: tuple[int, int] | None = None

    def to_dict(self) -> dict:
        """JSON-ready fields: `value` is an int, or a str for a non-integral Decimal.

        A decimal stays a string ("12.5") so no float rounding ever touches a value.
        """
        value = self.value if isinstance(self.value, int) else str(self.value)
        return {
            "stated_as": self.stated_as,
            "start": self.start,
            "end": self.end,
            "value": value,
            "unit": self.unit,
            "kind": self.kind,
            "qualifier": self.qualifier,
            "subject": self.subject,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "attribution": self.attribution,
            "confidence": self.confidence,
            "restates": self.restates,
            "rule": self.rule,
            "evidence": list(self.evidence) if self.evidence else None,
            "quote": list(self.quote) if self.quote else None,
        }


def detect_language(text: str) -> str:
    """ "ko" when Hangul makes up a fair share of the letters, else "en"."""
    hangul = len(re.findall(r"[가-힣]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return "ko" if hangul and hangul * 3 >= latin else "en"


def stated_values(stated_as: str) -> frozenset:
    """Every value a claim's span states, read by the spotters that extract claims.

    A range's span states both its ends. The API checks a claim's `value` with
    this, so what the extractor reads and what the API accepts never disagree. Only
    a reading of the whole span counts: read as English, "3억 명 이상" would also state
    a bare 3, and "20~30mm" a bare 20.
    """
    whole = len(stated_as.rstrip())
    values = {
        m.value
        for spot in (spot_korean, spot_english)
        for m in spot(stated_as, 0, len(stated_as), bare=True)
        if m.start == len(stated_as) - len(stated_as.lstrip()) and m.end >= whole
    }
    values.update(q.value for q in read_quantities(stated_as))
    return frozenset(values)


def _restates_body(mention: Mention, stated: list[tuple[Decimal, str]]) -> bool:
    """A headline number the body states too (LABELLING.md section 6: same value; a
    rounded figure is a claim of its own). A headline counts with fewer words, so a
    bare count there ("1,800여 개", items) restates the body's 1,800 of anything."""
    value = Decimal(str(mention.value))
    kind = kind_of(mention.unit)
    for body_value, body_unit in stated:
        same_unit = body_unit == mention.unit or (
            kind == "count"
            and kind_of(body_unit) == "count"
            and "items" in (mention.unit, body_unit)
        )
        if not same_unit:
            continue
        if body_value == value:
            return True
    return False


def _prefetch_korean(sentences: list[Sentence], layout: Layout) -> None:
    """Start Kiwi on the sentences this text will ask it about, in the order asked.

    Kiwi's threads analyse them while the text's entities and quotes are read. First
    the sentences the speaker index reads (a role word in them, furniture or not), then
    the body sentences spotting or attribution reads: a number that may start there, or
    a quotation mark. A sentence nobody will ask about is left out, since an analysis
    costs more than everything else done with a sentence. Without worker threads
    there is no batch, and no need to choose its sentences.
    """
    if not batches():
        return
    speakers = [s.text for s in sentences if ROLE_TOKEN_KO.search(s.text)]
    body = [
        s.text for s in sentences
        if layout.kind_at(s.end - 1) not in FURNITURE
        and (may_hold_quantity(s.text) or _QUOTE_MARKS.search(s.text))
    ]  # fmt: skip
    analyse_all(speakers + body)


def extract_claims(
    text: str, language: str = "auto", published: datetime.date | None = None
) -> list[Candidate]:
    """Return every quantitative claim candidate of `text`, in text order.

    `published` is accepted for callers that know the date; relative dates
    ("올해", "last year") are not resolved, so it does not change the result yet.
    """
    del published  # reserved: relative years are left as stated
    if language == "auto":
        language = detect_language(text)
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; expected one of {LANGUAGES}")
    spot = spot_korean if language == "ko" else spot_english
    read = read_korean if language == "ko" else read_english
    layout = read_layout(text)
    sentences = split_sentences(text)
    if language == "ko":
        _prefetch_korean(sentences, layout)
    context = Context.of(text, language, lambda offset: layout.kind_at(offset) in FURNITURE)
    found: list[tuple[Mention, int, int, Reading]] = []
    display: list[tuple[Mention, int, int, Reading]] = []
    for sentence in sentences:
        part = layout.kind_at(sentence.end - 1)  # a dateline may open a body sentence
        if part in FURNITURE:
            continue
        mentions = [
            m for m in spot(text, sentence.start, sentence.end)
            if layout.kind_at(m.start) not in FURNITURE and plausible(m.value, m.unit)
        ]  # fmt: skip
        if not mentions and not context.quotes.between(sentence.start, sentence.end):
            continue  # nothing to attribute, and no quote whose speaker a later one continues
        reading = read(sentence.text, sentence.start, context)
        target = display if part in DISPLAY else found
        for mention in mentions:
            target.append((mention, sentence.start, sentence.end, reading))
    # A headline or subhead number is a claim only when the body does not state it.
    stated = [(Decimal(str(m.value)), m.unit) for m, *_ in found]
    found += [item for item in display if not _restates_body(item[0], stated)]
    found.sort(key=lambda item: item[0].start)
    linked = link_restatements(text, [mention for mention, *_ in found])
    candidates: list[Candidate] = []
    for mention, (_, sentence_start, sentence_end, reading) in zip(linked, found, strict=True):
        attribution = reading.attribute(mention.start)
        if mention.restates is not None:
            attribution = reading.attribute(linked[mention.restates].start)
        candidates.append(
            Candidate(
                stated_as=text[mention.start : mention.end],
                start=mention.start,
                end=mention.end,
                value=mention.value,
                unit=mention.unit,
                kind=kind_of(mention.unit) or "count",
                qualifier=mention.qualifier,
                subject=mention.subject,
                sentence_start=sentence_start,
                sentence_end=sentence_end,
                speaker=attribution.speaker,
                attribution=attribution.kind,
                confidence=round(min(mention.confidence, attribution.confidence), 2),
                restates=mention.restates,
                rule=attribution.rule,
                evidence=attribution.evidence,
                quote=attribution.quote,
            )
        )
    return candidates
