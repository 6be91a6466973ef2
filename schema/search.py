"""Substring search that works for two-syllable Korean terms, backed by an index.

SQLite's trigram tokenizer cannot match a two-character term such as "콘텐",
and LIKE '%…%' reads every row. Instead each claim's sentence and subject are
indexed in FTS5 as overlapping character bigrams; a query word becomes the
set of its own bigrams, all of which must be present. The index narrows the
candidate rows and an exact substring test on the stored text decides, so the
index never has to be exact, only complete.

The bigrams are made with one C-level pass over the lower-cased text (pairs
that straddle a space or punctuation are split into single letters by the
tokenizer, which is harmless). The table stores no content and no positions:
it is only a rowid filter, small and fast to fill.
"""

from __future__ import annotations

import re
from operator import add

from schema.db import database, is_sqlite

_WORD = re.compile(r"\w+")

CREATE_INDEX_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS claim_search USING fts5("
    "grams, content = '', detail = none, tokenize = 'unicode61 remove_diacritics 0')"
)


def bigrams(word: str) -> list[str]:
    """Overlapping two-character slices of `word` (the word itself if shorter)."""
    if len(word) < 2:
        return [word]
    return list(map(add, word[:-1], word[1:]))


def index_text(sentence: str, subject: str | None) -> str:
    """The bigram document indexed for a claim (stated_as lies inside its sentence)."""
    text = f"{sentence} {subject}".lower() if subject else sentence.lower()
    return " ".join(map(add, text[:-1], text[1:]))


class DocumentGrams:
    """A document's bigrams computed once, so each claim's index text is a slice.

    Produces exactly what `index_text` gives for the claim's sentence and
    subject; the bulk import uses it to avoid re-pairing every sentence.
    """

    def __init__(self, text: str) -> None:
        lowered = text.lower()
        self.text = text
        # Lower-casing can change the length of a few scripts; then slice nothing.
        self.lowered = lowered if len(lowered) == len(text) else None
        self.pairs = list(map(add, lowered[:-1], lowered[1:])) if self.lowered else []

    def index_text(self, start: int, end: int, subject: str | None) -> str:
        """`index_text(text[start:end], subject)`, from the precomputed pairs."""
        if self.lowered is None or end - start < 2:
            return index_text(self.text[start:end], subject)
        sentence = " ".join(self.pairs[start : end - 1])
        if not subject:
            return sentence
        tail = f"{self.lowered[end - 1]} {subject.lower()}"
        return f"{sentence} {' '.join(map(add, tail[:-1], tail[1:]))}"


def query_terms(q: str) -> list[str]:
    """The lower-cased words of a search query; every one must be found."""
    return _WORD.findall(q.lower())


def match_expression(terms: list[str]) -> str | None:
    """An FTS5 MATCH expression requiring every bigram of every term, or None.

    Single-character terms cannot be found through bigrams; they are left to the
    exact substring test alone.
    """
    grams = dict.fromkeys(g for t in terms if len(t) >= 2 for g in bigrams(t))
    if not grams:
        return None
    return " AND ".join(f'"{gram}"' for gram in grams)


def matching_ids(expression: str, *, after: int | None, descending: bool, limit: int) -> list[int]:
    """Claim ids the index matches, in id order, after (or before) `after`."""
    sql = "SELECT rowid FROM claim_search WHERE claim_search MATCH ?"
    params: list = [expression]
    if after is not None:
        sql += " AND rowid < ?" if descending else " AND rowid > ?"
        params.append(after)
    sql += f" ORDER BY rowid {'DESC' if descending else 'ASC'} LIMIT ?"
    params.append(limit)
    return [row[0] for row in database.execute_sql(sql, params).fetchall()]


def create_index() -> None:
    """Create the search index table if the backend uses one."""
    if is_sqlite():
        database.execute_sql(CREATE_INDEX_SQL)


def index_rows(cursor, rows: list[tuple[int, str]]) -> None:
    """Add (claim id, index text) pairs through an open cursor (bulk path)."""
    cursor.executemany("INSERT INTO claim_search (rowid, grams) VALUES (?, ?)", rows)


def reindex(claim_id: int, new_text: str, old_text: str | None = None) -> None:
    """Replace one claim's entry; a contentless index needs the old text to delete it."""
    if not is_sqlite():
        return
    cursor = database.cursor()
    if old_text is not None:
        cursor.execute(
            "INSERT INTO claim_search (claim_search, rowid, grams) VALUES ('delete', ?, ?)",
            (claim_id, old_text),
        )
    cursor.execute("INSERT INTO claim_search (rowid, grams) VALUES (?, ?)", (claim_id, new_text))
