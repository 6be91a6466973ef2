"""Substring search that works for two-syllable Korean terms, backed by an index.

SQLite's trigram tokenizer cannot match a two-character term such as "콘텐",
and LIKE '%…%' scans the whole table. Instead each claim's searchable text is
indexed in FTS5 as overlapping character bigrams of every word; a query term
becomes a phrase of its own bigrams, which must appear consecutively. The index
narrows the rows, and an exact substring test on the stored text decides.
"""

from __future__ import annotations

import re

from schema.db import database, is_sqlite

_WORD = re.compile(r"\w+")

CREATE_INDEX_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS claim_search "
    "USING fts5(grams, tokenize = 'unicode61 remove_diacritics 0')"
)


def bigrams(word: str) -> list[str]:
    """Overlapping two-character slices of `word` (the word itself if shorter)."""
    if len(word) < 2:
        return [word]
    return [word[i : i + 2] for i in range(len(word) - 1)]


def index_text(*parts: str | None) -> str:
    """The bigram document stored in the index for a claim's searchable parts."""
    words = _WORD.findall(" ".join(p for p in parts if p).lower())
    return " ".join(gram for word in words for gram in bigrams(word))


def query_terms(q: str) -> list[str]:
    """The lower-cased words of a search query; every one must be found."""
    return _WORD.findall(q.lower())


def match_expression(terms: list[str]) -> str | None:
    """An FTS5 MATCH expression requiring every term, or None if none is indexable.

    Single-character terms cannot be found through bigrams; they are left to the
    exact substring test alone.
    """
    phrases = [" ".join(bigrams(t)) for t in terms if len(t) >= 2]
    if not phrases:
        return None
    return " AND ".join(f'"{phrase}"' for phrase in phrases)


def create_index() -> None:
    """Create the search index table if the backend uses one."""
    if is_sqlite():
        database.execute_sql(CREATE_INDEX_SQL)


def index_claims(rows: list[tuple[int, str]]) -> None:
    """Replace the index entries of the given (claim id, index text) pairs."""
    if not rows or not is_sqlite():
        return
    cursor = database.cursor()
    cursor.executemany("DELETE FROM claim_search WHERE rowid = ?", [(r[0],) for r in rows])
    cursor.executemany("INSERT INTO claim_search (rowid, grams) VALUES (?, ?)", rows)


def clear_index() -> None:
    """Empty the search index (used when the whole claims table is rebuilt)."""
    if is_sqlite():
        database.execute_sql("DELETE FROM claim_search")
