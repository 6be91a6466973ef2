"""Korean morphology through Kiwi, loaded once per process and only when needed.

Kiwi's model takes about a second and a few hundred megabytes to load, so it is
built lazily on the first Korean sentence and cached for the life of the process;
English text never loads it.
"""

from __future__ import annotations

import threading
import warnings
from collections import deque
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


# Kiwi's worker threads: None is every core (Kiwi's default), 0 is the calling thread
# only. Set before the first analysis (the benchmark's --single-thread does).
THREADS: int | None = None


@lru_cache(maxsize=1)
def kiwi():
    """The process-wide Kiwi analyser, built on first use (the load is slow)."""
    from kiwipiepy import Kiwi

    # News copy is edited text: the typo and multi-word dictionaries cost a fifth of
    # the analysis time and 40% of the load time for nothing we read.
    with warnings.catch_warnings():
        # Kiwi warns that 0 no longer means every core: 0, the calling thread only, is meant.
        warnings.simplefilter("ignore", DeprecationWarning)
        return Kiwi(
            num_workers=-1 if THREADS is None else THREADS,
            load_typo_dict=False,
            load_multi_dict=False,
        )


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
# A batch Kiwi is analysing on its own threads while the caller goes on: the sentences
# asked for, in order, and the iterator that hands their analyses back in that order.
_PENDING: deque[str] = deque()
_PENDING_SET: set[str] = set()
_RESULTS = None
# The batch is shared by the process: a caller on another thread (the API in process)
# must not take a result meant for another sentence.
_BATCH_LOCK = threading.RLock()


def _morphemes(tokens) -> tuple[Morpheme, ...]:
    # The placeholder count is read once per call, not once per token: this conversion
    # runs for every morpheme of every analysed sentence.
    placeholders = _placeholder_ids()
    return tuple(
        [Morpheme(t.form, t.tag, t.start, t.start + t.len, t.id < placeholders) for t in tokens]
    )


def analyse(sentence: str) -> tuple[Morpheme, ...]:
    """Morphemes of one sentence, cached because attribution and spotting both ask.

    A sentence of the batch `analyse_all` started is taken from that batch (waiting
    for Kiwi's threads if need be), never analysed a second time.
    """
    found = _CACHE.get(sentence)
    if found is None and sentence in _PENDING_SET:
        with _BATCH_LOCK:
            found = _CACHE.get(sentence)
            while found is None and sentence in _PENDING_SET:
                found = _collect_next(sentence)
    if found is None:
        found = _remember(sentence, _morphemes(kiwi().tokenize(sentence)))
    return found


def _collect_next(wanted: str) -> tuple[Morpheme, ...] | None:
    """Move the batch's next analysis into the cache; return it when it is `wanted`'s."""
    global _RESULTS
    sentence = _PENDING.popleft()
    _PENDING_SET.discard(sentence)
    morphemes = _remember(sentence, _morphemes(next(_RESULTS)))
    if not _PENDING:
        _RESULTS = None
    return morphemes if sentence == wanted else None


def batches() -> bool:
    """Whether `analyse_all` starts a batch: Kiwi has worker threads to run it on."""
    return THREADS != 0


def analyse_all(sentences: list[str]) -> None:
    """Start analysing the sentences a text will ask for, on Kiwi's own threads.

    Kiwi works through the batch while the caller reads the text's layout, entities
    and quotes; `analyse` then takes each sentence from the batch in order. Only the
    sentences the caller will ask for should be given: an analysis nobody reads is
    the costliest thing the extractor does. With no worker threads (`THREADS` 0) Kiwi
    cannot batch, and each sentence is analysed when it is first asked for.
    """
    global _RESULTS
    with _BATCH_LOCK:
        _finish_batch()
        pending = list(dict.fromkeys(s for s in sentences if s not in _CACHE))
        if len(pending) < 2 or not batches():
            return
        _PENDING.extend(pending)
        _PENDING_SET.update(pending)
        _RESULTS = iter(kiwi().tokenize(pending))


def _finish_batch() -> None:
    """Collect whatever is left of the last batch, so no result is read out of order."""
    with _BATCH_LOCK:
        while _PENDING:
            _collect_next("")


def _remember(sentence: str, morphemes: tuple[Morpheme, ...]) -> tuple[Morpheme, ...]:
    if len(_CACHE) >= _CACHE_LIMIT:
        _CACHE.clear()  # texts are analysed one at a time: an old text's sentences can go
    _CACHE[sentence] = morphemes
    return morphemes


def clear_cache() -> None:
    """Forget every analysis (the benchmark measures analysis, not cache hits)."""
    _finish_batch()
    _CACHE.clear()
