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


@lru_cache(maxsize=4096)
def analyse(sentence: str) -> tuple[Morpheme, ...]:
    """Morphemes of one sentence, cached because attribution and spotting both ask."""
    return tuple(
        Morpheme(token.form, token.tag, token.start, token.start + token.len)
        for token in kiwi().tokenize(sentence)
    )
