"""Korean morphology through Kiwi, loaded once per process and only when needed.

Kiwi's model takes about a second and a few hundred megabytes to load, so it is
built lazily on the first Korean sentence and cached for the life of the process;
English text never loads it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple


class Morpheme(NamedTuple):
    """One Kiwi morpheme with code-point offsets into the analysed string."""

    form: str
    tag: str
    start: int
    end: int


@lru_cache(maxsize=1)
def kiwi():
    """The process-wide Kiwi analyser, built on first use (the load is slow)."""
    from kiwipiepy import Kiwi

    # News copy is edited text: the typo and multi-word dictionaries cost a fifth of
    # the analysis time and 40% of the load time for nothing we read.
    return Kiwi(load_typo_dict=False, load_multi_dict=False)


_CACHE: dict[str, tuple[Morpheme, ...]] = {}
_CACHE_LIMIT = 4096


def _morphemes(tokens) -> tuple[Morpheme, ...]:
    return tuple(Morpheme(t.form, t.tag, t.start, t.start + t.len) for t in tokens)


def analyse(sentence: str) -> tuple[Morpheme, ...]:
    """Morphemes of one sentence, cached because attribution and spotting both ask."""
    found = _CACHE.get(sentence)
    if found is None:
        found = _remember(sentence, _morphemes(kiwi().tokenize(sentence)))
    return found


def analyse_all(sentences: list[str]) -> None:
    """Analyse many sentences at once, on Kiwi's own threads, into the cache.

    One call for a whole text lets Kiwi spread the work over every core of the
    machine; `analyse` then finds each sentence ready.
    """
    pending = list(dict.fromkeys(s for s in sentences if s not in _CACHE))
    if len(pending) < 2:
        return
    for sentence, tokens in zip(pending, kiwi().tokenize(pending), strict=True):
        _remember(sentence, _morphemes(tokens))


def _remember(sentence: str, morphemes: tuple[Morpheme, ...]) -> tuple[Morpheme, ...]:
    if len(_CACHE) >= _CACHE_LIMIT:
        _CACHE.clear()  # texts are analysed one at a time: an old text's sentences can go
    _CACHE[sentence] = morphemes
    return morphemes


def clear_cache() -> None:
    """Forget every analysis (the benchmark measures analysis, not cache hits)."""
    _CACHE.clear()
