"""Marks in a text: whatever the spans, the text is kept and every whole mark holds its span."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core.marked_text import Span, mark_spans, nearest_mention


def rebuild(tokens) -> tuple[str, dict, dict]:
    """The text the tokens write, each whole span's text, and each split span's pieces."""
    text, whole, pieces, open_at = [], {}, {}, {}
    stack = []
    for token in tokens:
        if token.action == "text":
            text.append(token.value)
        elif token.action == "open":
            stack.append(token.value)
            open_at[token.value] = len("".join(text))
        else:
            assert stack.pop() is token.value, "closes must match the innermost open"
            inner = "".join(text)[open_at[token.value] :]
            if token.piece:
                pieces.setdefault(token.value, []).append((token.piece, inner))
            else:
                whole[token.value] = inner
    assert not stack
    return "".join(text), whole, pieces


def test_a_range_is_two_marks_one_inside_the_other():
    text = "인력은 3000~3500명을 유지"
    low, high = Span(4, 14, "claim", 1), Span(4, 14, "claim", 2)
    tokens = mark_spans(text, [low, high])
    kept, whole, pieces = rebuild(tokens)
    assert kept == text and not pieces
    assert whole[low] == whole[high] == "3000~3500명"
    opens = [t.value.key for t in tokens if t.action == "open"]
    assert opens == [1, 2]  # the lower id is outer


def test_a_restatement_nests_inside_the_span_holding_it():
    text = "25억 달러(약 3조3000억원)를"
    start = text.index("약")
    outer = Span(0, text.index(")") + 1, "claim", 1)
    inner = Span(start, start + len("약 3조3000억원"), "claim", 2)
    kept, whole, _ = rebuild(mark_spans(text, [inner, outer]))
    assert whole[outer] == "25억 달러(약 3조3000억원)" and whole[inner] == "약 3조3000억원"


def test_a_crossing_span_is_split_into_numbered_pieces():
    text = "점유율은 약 21%로, 1위"
    first, second = Span(5, 10, "claim", 1), Span(7, 11, "claim", 2)
    tokens = mark_spans(text, [first, second])
    kept, whole, pieces = rebuild(tokens)
    assert kept == text and whole == {first: "약 21%"}
    assert pieces[second] == [(1, "21%"), (2, "로")]
    assert "".join(p for _, p in pieces[second]) == text[7:11]


def test_spans_outside_the_text_or_empty_are_left_out():
    tokens = mark_spans("abc", [Span(2, 9, "claim", 1), Span(1, 1, "claim", 2)])
    assert [t.action for t in tokens] == ["text"]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="가나다ab 12", min_size=1, max_size=40).flatmap(
        lambda text: st.tuples(
            st.just(text),
            st.lists(
                st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(sorted),
                max_size=8,
            ),
        )
    )
)
def test_any_spans_keep_the_text_and_every_span_is_marked(case):
    text, bounds = case
    spans = [Span(a, b, "claim", i) for i, (a, b) in enumerate(bounds) if a < b]
    kept, whole, pieces = rebuild(mark_spans(text, spans))
    assert kept == text
    for span in spans:
        if span in whole:
            assert whole[span] == text[span.start : span.end]
        else:
            numbered = sorted(pieces[span])
            assert [n for n, _ in numbered] == list(range(1, len(numbered) + 1))
            assert "".join(p for _, p in numbered) == text[span.start : span.end]


def test_nested_and_coinciding_spans_are_never_split():
    text = "0123456789"
    spans = [Span(0, 9, "claim", 1), Span(2, 6, "claim", 2), Span(2, 6, "claim", 3)]
    _, whole, pieces = rebuild(mark_spans(text, spans))
    assert not pieces and len(whole) == 3


def test_the_nearest_mention_of_a_speaker_is_found():
    text = "김민수 사장은 “1200곳 이상으로 늘 것이고, 인력은 유지할 것”이라며 김 사장이 말했다"
    sentence = (0, len(text))
    quote = (text.index("1200곳"), text.index("1200곳") + 5)
    assert nearest_mention(text, ["김민수", "김 사장"], sentence, quote) == (0, 3)
    # The longest name at a place wins.
    assert nearest_mention(text, ["김민수", "김민수 사장"], sentence, quote) == (0, 6)
    # Outside the sentence nothing is found; names inside the quote are not mentions.
    assert nearest_mention(text, ["김민수"], (4, len(text)), quote) is None
    assert nearest_mention(text, ["1200곳"], sentence, quote) is None
