"""A text with spans marked in it: the tokens a page writes as nested elements.

A reader's page shows a document exactly as stored, with every claim marked at
its offsets. Spans may coincide (a range is two claims on one span), nest (a
restatement inside the claim it restates) or, rarely, cross. HTML elements can
only nest, so spans are opened outer-first and closed inner-first; a span that
crosses the end of an enclosing one is closed there and opened again after it,
and its pieces are numbered (each piece is marked, and the pieces together
hold the span's text). Spans that nest or coincide are never split,
so each one's element holds exactly its own text.

Nothing here knows HTML: the page template writes the tokens.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class Span:
    """A marked stretch of text: `[start, end)` in code points, and what it marks."""

    start: int
    end: int
    kind: str  # "claim", "mention", "sentence": the page decides how each looks
    key: object  # what the span stands for (a claim id, the claims a mention names)


class Token(NamedTuple):
    """One step of the marked text: ("text", str), ("open", Span) or ("close", Span).

    `piece` is 0 for a span marked whole; a span split by a crossing has its
    opens and closes numbered 1, 2, … in text order.
    """

    action: str
    value: object
    piece: int = 0


def _nesting_order(span: Span) -> tuple:
    """Spans starting together open longest first, so the longer one encloses."""
    return (span.start, -span.end)


def mark_spans(text: str, spans: list[Span]) -> list[Token]:
    """The tokens writing `text` with every span in `spans` marked.

    Spans outside the text or empty are left out. Spans starting at the same
    place open in the order given for equal lengths, so callers decide which
    of two coinciding spans is outer.
    """
    usable = sorted(
        (s for s in spans if 0 <= s.start < s.end <= len(text)),
        key=_nesting_order,
    )
    boundaries = sorted({0, len(text), *(s.start for s in usable), *(s.end for s in usable)})
    tokens: list[Token] = []
    opened: list[Span] = []
    position = 0
    upcoming = 0
    for boundary in boundaries:
        if boundary > position:
            tokens.append(Token("text", text[position:boundary]))
            position = boundary
        ending = [depth for depth, span in enumerate(opened) if span.end == boundary]
        if ending:
            # Close from the top down to the outermost span ending here; spans above
            # it that go on (a crossing) are opened again right away.
            popped = opened[ending[0] :]
            tokens.extend(Token("close", span) for span in reversed(popped))
            going_on = [span for span in popped if span.end != boundary]
            tokens.extend(Token("open", span) for span in going_on)
            opened[ending[0] :] = going_on
        while upcoming < len(usable) and usable[upcoming].start == boundary:
            tokens.append(Token("open", usable[upcoming]))
            opened.append(usable[upcoming])
            upcoming += 1
    pieces = Counter(token.value for token in tokens if token.action == "open")
    numbered: Counter = Counter()
    for index, token in enumerate(tokens):
        if token.action != "text" and pieces[token.value] > 1:
            if token.action == "open":
                numbered[token.value] += 1
            tokens[index] = token._replace(piece=numbered[token.value])
    return tokens


def nearest_mention(
    text: str, names: list[str], within: tuple[int, int], quote: tuple[int, int]
) -> tuple[int, int] | None:
    """Where a speaker is named in a sentence, nearest to the quoted number.

    `within` is the sentence, `quote` the claim's span; `names` are the
    speaker's name, English name and aliases. The longest name at a place wins
    ("김민수 한빛전자 CEO" over "김민수"); a mention overlapping the quote is none.
    """
    low, high = within
    sentence = text[low:high]
    best: tuple[int, int, int] | None = None  # (distance, -length, start)
    for name in names:
        if len(name) < 2:
            continue
        at = sentence.find(name)
        while at != -1:
            start, end = low + at, low + at + len(name)
            if end <= quote[0] or start >= quote[1]:
                distance = quote[0] - end if end <= quote[0] else start - quote[1]
                candidate = (distance, -len(name), start)
                if best is None or candidate < best:
                    best = candidate
            at = sentence.find(name, at + 1)
    if best is None:
        return None
    return best[2], best[2] - best[1]
