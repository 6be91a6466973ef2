"""Anchoring quotes in a text: W3C selectors, sentence spans, and quote lookup.

All offsets are Unicode code points of the text as stored (Python string
indices), which is what the W3C TextPositionSelector counts.
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

from extractor.sentences import Sentence, split_sentences

CONTEXT_WIDTH = 32


class Anchor(NamedTuple):
    """A quote's place in a text, with the context that disambiguates it."""

    start: int
    end: int
    prefix: str
    suffix: str
    sentence: Sentence


def text_sha256(text: str) -> str:
    """Hex SHA-256 of the UTF-8 bytes of `text`: the document's fingerprint."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sentence_containing(text: str, start: int, end: int) -> Sentence:
    """The sentence around `[start, end)`; spans crossing sentences get the union."""
    sentences = split_sentences(text)
    touching = [s for s in sentences if s.start < end and start < s.end]
    if not touching:
        return Sentence(start, end, text[start:end])
    first, last = touching[0].start, touching[-1].end
    return Sentence(first, last, text[first:last])


def anchor(text: str, start: int, end: int, width: int = CONTEXT_WIDTH) -> Anchor:
    """The anchor of `text[start:end]`: selectors' prefix/suffix and its sentence."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}-{end} is outside a text of {len(text)} characters")
    return Anchor(
        start=start,
        end=end,
        prefix=text[max(0, start - width) : start],
        suffix=text[end : end + width],
        sentence=sentence_containing(text, start, end),
    )


def find_quote(text: str, exact: str, prefix: str = "", suffix: str = "") -> list[int]:
    """Every start offset where `exact` occurs preceded by `prefix` and followed by `suffix`.

    The match is exact: no normalisation of spaces or characters, so a quote is
    only ever found where it really is.
    """
    if not exact:
        return []
    starts = []
    position = text.find(exact)
    while position != -1:
        end = position + len(exact)
        if text[:position].endswith(prefix) and text.startswith(suffix, end):
            starts.append(position)
        position = text.find(exact, position + 1)
    return starts


def selectors(exact: str, prefix: str, suffix: str, start: int, end: int) -> dict:
    """W3C TextQuoteSelector and TextPositionSelector for a quote."""
    return {
        "TextQuoteSelector": {
            "type": "TextQuoteSelector",
            "exact": exact,
            "prefix": prefix,
            "suffix": suffix,
        },
        "TextPositionSelector": {"type": "TextPositionSelector", "start": start, "end": end},
    }
