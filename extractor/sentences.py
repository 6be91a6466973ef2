"""Split news text into sentences with offsets into the original string.

Offsets are Unicode code points of the text exactly as given: nothing is
normalised, so `text[start:end]` is always the sentence as stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

OPENING_QUOTES = "“‘\"'«「『("
CLOSING_QUOTES = "”’\"'»」』)"
# Sentence-final punctuation may be followed by closing quotes or brackets.
_TERMINATOR = re.compile(r"[.!?。？！…]+[”’\"'»」』)\]]*")
# English abbreviations whose period does not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr inc ltd co corp gov sen rep gen col lt no vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k e.g i.e".split()
)


_TRAILING_WORD = re.compile(r"([A-Za-z.]+)$")


class Sentence(NamedTuple):
    """A sentence as a half-open span `[start, end)` of the source text."""

    start: int
    end: int
    text: str


def _quote_depth_changes(chunk: str) -> int:
    """Net number of curly double quotes opened in `chunk`."""
    return chunk.count("“") - chunk.count("”")


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    """True when the period at `dot` closes a known abbreviation or an initial."""
    # Only the few characters before the period matter; slicing the whole
    # prefix would make splitting quadratic in the length of a line.
    word = _TRAILING_WORD.search(text, max(0, dot - 12), dot)
    if not word:
        return False
    token = word.group(1).lower().rstrip(".")
    return token in _ABBREVIATIONS or len(token) == 1


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of `text`, skipping blank lines and outer whitespace.

    Lines are split first (a line break always ends a sentence in news copy),
    then each line at sentence-final punctuation followed by white space, but
    never inside a “double-quoted” passage, so a quote that holds several
    sentences stays with the verb of saying that follows it.

    The last text's split is kept: extraction and the speaker index each split the
    same text, one right after the other.
    """
    global _LAST
    last = _LAST  # read once: another thread may replace it meanwhile
    if last is None or (last[0] is not text and last[0] != text):
        last = _LAST = (text, tuple(_iter_sentences(text)))
    return list(last[1])


_LAST: tuple[str, tuple[Sentence, ...]] | None = None


def _iter_sentences(text: str) -> Iterator[Sentence]:
    """Split line by line first: a line break always ends a sentence in news copy."""
    for line in re.finditer(r"[^\n\r\u2028\u2029]+", text):
        yield from _split_line(text, line.start(), line.end())


def _split_line(text: str, start: int, end: int) -> Iterator[Sentence]:
    """Split one line at sentence-final punctuation outside curly double quotes."""
    depth = 0
    cursor = start
    scanned = start
    for match in _TERMINATOR.finditer(text, start, end):
        depth += _quote_depth_changes(text[scanned : match.end()])
        scanned = match.end()
        after = match.end()
        if after < end and not text[after].isspace():
            continue
        if depth > 0:
            continue
        if text[match.start()] == "." and _ends_with_abbreviation(text, match.start()):
            continue
        yield from _trimmed(text, cursor, after)
        cursor = after
    yield from _trimmed(text, cursor, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[Sentence]:
    """Yield the span without surrounding white space, if anything is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield Sentence(start, end, text[start:end])
