"""Quoted passages of a whole text: where each opens and closes, across sentences.

A speaker's quote often runs over several sentences, and in English over several
paragraphs: each paragraph of one quote opens with a quotation mark and only the
last one closes it. Finding quotes sentence by sentence loses the words between,
so quotes are found over the whole text here, before any sentence is attributed.
Offsets are code points of the text as given; `inner_start:inner_end` is the
speaker's own words, without the marks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# Opening mark -> closing marks that end it.
_PAIRS = {"“": "”", "„": "“”", "«": "»", "「": "」", "『": "』", '"': '"', "‘": "’", "'": "'"}
_DOUBLE = frozenset('“„«「『"')
# The opening marks of each kind as one character class, so the scan for the next one
# runs in the regex engine, not a Python loop over every character of a paragraph.
_OPENINGS = {
    double: re.compile(
        "[" + re.escape("".join(m for m in _PAIRS if (m in _DOUBLE) == double)) + "]"
    )
    for double in (True, False)
}


@dataclass(frozen=True)
class Quote:
    """One quoted passage: the span with its marks and the words inside them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool  # False when the paragraph ended before a closing mark

    def holds(self, offset: int) -> bool:
        """True when `offset` is inside the quoted words."""
        return self.inner_start <= offset < self.inner_end

    def words(self, text: str) -> str:
        """The quoted words themselves."""
        return text[self.inner_start : self.inner_end]


class Quotes:
    """Every quote of a text, found by offset."""

    def __init__(self, quotes: list[Quote]):
        self.quotes = sorted(quotes, key=lambda quote: quote.start)
        self._starts = [quote.start for quote in self.quotes]

    def around(self, offset: int) -> Quote | None:
        """The innermost quote holding `offset`, if any."""
        index = bisect_right(self._starts, offset) - 1
        found = None
        while index >= 0:
            quote = self.quotes[index]
            if quote.holds(offset) and (found is None or quote.start > found.start):
                found = quote
            if quote.end < offset - 4000:
                break
            index -= 1
        return found

    def between(self, start: int, end: int) -> list[Quote]:
        """The quotes that open in `[start, end)`."""
        return [q for q in self.quotes if start <= q.start < end]


def find_quotes(text: str) -> Quotes:
    """Pair quotation marks paragraph by paragraph; a paragraph's open quote is closed at
    its end, and continues in the next paragraph when that one opens with a mark too."""
    quotes: list[Quote] = []
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n\r\u2028\u2029]+", text)]
    for start, end in paragraphs:
        quotes.extend(_paragraph_quotes(text, start, end))
    return Quotes(quotes)


def _paragraph_quotes(text: str, start: int, end: int) -> list[Quote]:
    """The quotes of one paragraph, double marks first, then single ones outside them."""
    found = _pair(text, start, end, double=True)
    inside = [(q.start, q.end) for q in found]
    for quote in _pair(text, start, end, double=False):
        if not any(s <= quote.start < e for s, e in inside):
            found.append(quote)
    return found


def _pair(text: str, start: int, end: int, *, double: bool) -> list[Quote]:
    """Pair one kind of marks (double or single) within a paragraph."""
    quotes = []
    cursor = start
    while cursor < end:
        opening = _next_opening(text, cursor, end, double)
        if opening is None:
            break
        mark = text[opening]
        closing = _closing(text, opening + 1, end, mark)
        if closing is None:
            if double and _opens_speech(text, opening, end):
                quotes.append(Quote(opening, end, opening + 1, end, closed=False))
            break
        quotes.append(Quote(opening, closing + 1, opening + 1, closing, closed=True))
        cursor = closing + 1
    return quotes


def _next_opening(text: str, cursor: int, end: int, double: bool) -> int | None:
    """The next opening mark of the wanted kind; an apostrophe is not one."""
    pattern = _OPENINGS[double]
    while (match := pattern.search(text, cursor, end)) is not None:
        index = match.start()
        char = text[index]
        cursor = index + 1
        if char in "'’" and index > 0 and text[index - 1].isalnum():
            continue  # don't, Korea's, rock 'n' roll
        if char == "’":
            continue  # a closing single mark cannot open
        return index
    return None


def _closing(text: str, start: int, end: int, mark: str) -> int | None:
    """Where a quote opened with `mark` closes within the paragraph."""
    closers = _PAIRS[mark]
    for index in range(start, end):
        char = text[index]
        if char in closers:
            if mark in "'‘" and index + 1 < end and text[index + 1].isalnum():
                continue  # an apostrophe inside the quote: "It's"
            return index
        if mark == "“" and char == "“" and index > start:
            # Straight-typed texts sometimes open twice; a second opening ends nothing.
            continue
    return None


def _opens_speech(text: str, opening: int, end: int) -> bool:
    """An unclosed quote is speech running to the paragraph's end (and maybe beyond)."""
    return end - opening > 20 and (opening == 0 or not text[opening - 1].isalnum())


def quoted_words(text: str, start: int, end: int, quotes: Quotes | None = None) -> Quote | None:
    """The quote whose words hold all of `[start, end)`, paired over the whole text.

    A claim written by a person as a direct quote is checked with this, as the
    extractor's own quotes are found: the speaker's words are the inside of
    the innermost quotation marks around the number (a paragraph of a quote
    that runs over several paragraphs counts on its own). `quotes` passes the
    text's quotes when several spans of one text are asked about.
    """
    quote = (quotes or find_quotes(text)).around(start)
    if quote is None or end > quote.inner_end:
        return None
    return quote
