"""Measure the extractor: model load time, memory after load, sentences per second.

    python -m extractor.benchmark [--repeat N] [--single-thread]

Runs over the seed article and the development corpus, repeated, after Kiwi is
loaded, so the figure is the steady-state speed of one process. By default Kiwi
analyses a text's sentences on its own worker threads (every core) while Python reads
the rest of the text; `--single-thread` gives Kiwi no workers, so the figure is what
one core does alone.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from extractor import morphology
from extractor.corpus import read_set
from extractor.evaluate import SETS
from extractor.extract import extract_claims
from extractor.morphology import analyse, clear_cache, kiwi
from extractor.sentences import split_sentences


def _rss_mib() -> float:
    """Current resident set size in MiB (Linux /proc), or peak RSS elsewhere."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _documents() -> list[tuple[str, str]]:
    """(text, language) of every seed and development document."""
    documents = []
    for directory in (*SETS["seed"], *SETS["dev"]):
        if not (directory / "documents.json").is_file():
            continue
        labelled = read_set(directory)
        for document in labelled.documents:
            documents.append((labelled.texts[document["id"]], document.get("language", "auto")))
    return documents


def main(argv: list[str] | None = None) -> int:
    """Print load time, RSS and throughput as a small table."""
    parser = argparse.ArgumentParser(prog="python -m extractor.benchmark")
    parser.add_argument("--repeat", type=int, default=20, help="passes over the corpus")
    parser.add_argument(
        "--single-thread", action="store_true", help="no Kiwi worker threads: one core only"
    )
    args = parser.parse_args(argv)
    if args.single_thread:
        morphology.THREADS = 0
    documents = _documents()
    rss_before = _rss_mib()
    started = time.perf_counter()
    kiwi()
    analyse("모델을 처음 쓸 때 드는 준비 시간까지 잰다.")
    load_seconds = time.perf_counter() - started
    rss_after = _rss_mib()
    sentences = sum(len(split_sentences(text)) for text, _ in documents)
    clear_cache()  # measure analysis too, not only cache hits
    started = time.perf_counter()
    claims = 0
    for _ in range(args.repeat):
        clear_cache()
        for text, language in documents:
            claims += len(extract_claims(text, language=language))
    elapsed = time.perf_counter() - started
    rate = sentences * args.repeat / elapsed
    rows = [
        ("Kiwi worker threads", "none" if args.single_thread else "every core"),
        ("Kiwi load (first use)", f"{load_seconds:.2f} s"),
        ("RSS before load", f"{rss_before:.0f} MiB"),
        ("RSS after load", f"{rss_after:.0f} MiB"),
        ("documents x passes", f"{len(documents)} x {args.repeat}"),
        ("sentences processed", f"{sentences * args.repeat}"),
        ("claims extracted", f"{claims}"),
        ("throughput", f"{rate:.0f} sentences/s"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
