"""Korean morphology through Kiwi, loaded once per process and only when needed.

Kiwi's model takes about a second and a few hundred megabytes to load, so it is
built lazily on the first Korean sentence and cached for the life of the process;
English text never loads it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple


class Morpheme(NamedTuple):
    """One Kiwi morpheme with code-point offsets into the analysed string.

    `unknown`: the word is in none of Kiwi's dictionaries (its common words and the
    proper nouns it knows). A noun Kiwi has never seen is most often a name: a new
    company (대현모터스), an agency's unit (감염병관리지원단).
    """

    form: str
    tag: str
    start: int
    end: int
    unknown: bool = False


@lru_cache(maxsize=1)
def kiwi():
    """The process-wide Kiwi analyser, built on first use (the load is slow)."""
    from kiwipiepy import Kiwi

    # News copy is edited text: the typo and multi-word dictionaries cost a fifth of
    # the analysis time and 40% of the load time for nothing we read.
    return Kiwi(load_typo_dict=False, load_multi_dict=False)


@lru_cache(maxsize=1)
def _placeholder_ids() -> int:
    """How many ids Kiwi gives its empty per-tag placeholders, which come before every
    dictionary entry: a token with such an id was built from no entry (unknown)."""
    analyser = kiwi()
    count = 0
    while analyser.morpheme(count).form == "":
        count += 1
    return count


_CACHE: dict[str, tuple[Morpheme, ...]] = {}
_CACHE_LIMIT = 4096


def _morphemes(tokens) -> tuple[Morpheme, ...]:
    return tuple(
        Morpheme(t.form, t.tag, t.start, t.start + t.len, t.id < _placeholder_ids()) for t in tokens
    )


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
