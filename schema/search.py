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

PostgreSQL keeps the same bigrams as a `tsvector` per claim (`claim_search`,
GIN-indexed); a query needs them all (`grams @@ 'ab' & 'bc'`). The lexemes
are the bigrams exactly as Python made them, never parsed or folded by the
server, so what matches does not depend on its text search configuration or
locale.
"""

from __future__ import annotations

import re
import sys
from array import array
from operator import add

from schema.db import database, executemany, is_sqlite

_WORD = re.compile(r"\w+")
# Text as an array of code points: UTF-32 in the machine's byte order, four-byte items.
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"
_CODE_POINT = "I" if array("I").itemsize == 4 else "L"
_SPACE = array(_CODE_POINT, [ord(" ")])

CREATE_INDEX_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS claim_search USING fts5("
    "grams, content = '', detail = none, tokenize = 'unicode61 remove_diacritics 0')"
)
POSTGRES_INDEX_SQL = (
    'CREATE TABLE IF NOT EXISTS "claim_search" '
    '("claim_id" BIGINT NOT NULL PRIMARY KEY, "grams" TSVECTOR NOT NULL)',
    'CREATE INDEX IF NOT EXISTS "claim_search_grams" ON "claim_search" USING GIN ("grams")',
)
# What `q` words are looked for in (core/queries.py), `table` being an alias prefix.
SEARCHED_TEXT = (
    "LOWER({table}\"sentence\" || ' ' || COALESCE({table}\"subject\", '') || ' ' "
    '|| {table}"stated_as")'
)
# Statistics on that expression (PostgreSQL 14+) let the planner estimate how many
# claims a word's substring test keeps; without them it guesses a handful, and a
# frequent word is then joined row by row.
POSTGRES_STATISTICS_SQL = (
    'CREATE STATISTICS IF NOT EXISTS "claim_searched_text" '
    f'ON ({SEARCHED_TEXT.format(table="")}) FROM "claim"'
)
# Not a bigram (those have two characters): marks an index entry too large to hold.
OVERSIZE = "oversize"
MAX_TSVECTOR_BYTES = 1_000_000  # PostgreSQL's limit is 1 MiB - 1
POSTGRES_INSERT_SQL = 'INSERT INTO "claim_search" ("claim_id", "grams") VALUES (%s, %s::tsvector)'
POSTGRES_REPLACE_SQL = (
    f'{POSTGRES_INSERT_SQL} ON CONFLICT ("claim_id") DO UPDATE SET "grams" = EXCLUDED."grams"'
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


def spaced_pairs(text: str) -> str:
    """`" ".join(bigrams)` of a whole text, built by array slicing instead of a join.

    Pairing a document character by character in Python costs as much as the
    rest of its import; as arrays of code points the pairs are three strided
    copies. Lone surrogates (which JSON can carry) pass through unchanged.
    """
    if len(text) < 2:
        return ""
    points = array(_CODE_POINT, text.encode(_UTF32, "surrogatepass"))
    spaced = _SPACE * (3 * len(points) - 3)
    spaced[0::3] = points[:-1]
    spaced[1::3] = points[1:]
    return spaced.tobytes()[:-4].decode(_UTF32, "surrogatepass")


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
        # Every pair is two characters and a space: the pairs of text[start:end]
        # are pairs[3 * start : 3 * (end - 1) - 1], one slice instead of a join.
        self.pairs = spaced_pairs(lowered) if self.lowered else ""

    def index_text(self, start: int, end: int, subject: str | None) -> str:
        """`index_text(text[start:end], subject)`, from the precomputed pairs."""
        if self.lowered is None or end - start < 2:
            return index_text(self.text[start:end], subject)
        sentence = self.pairs[3 * start : 3 * (end - 1) - 1]
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
    grams = _query_grams(terms)
    if not grams:
        return None
    return " AND ".join(f'"{gram}"' for gram in grams)


def _query_grams(terms: list[str]) -> list[str]:
    """The distinct bigrams of the terms of two or more characters."""
    return list(dict.fromkeys(g for t in terms if len(t) >= 2 for g in bigrams(t)))


def _lexeme(gram: str) -> str:
    """A bigram as a quoted tsvector/tsquery lexeme, taken as it is (never parsed)."""
    return "'" + gram.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(text: str) -> str:
    """The distinct bigrams of an index text (two characters, one space apart) as a tsvector.

    A tsvector holds at most 1 MiB of lexemes. The rare sentence with more
    distinct bigrams (only in a text of some 100,000 characters without a
    sentence break) is stored as OVERSIZE instead, which every query accepts.
    """
    grams = {text[i : i + 2] for i in range(0, len(text), 3)}
    # A bigram takes at most 8 bytes: only a long text needs counting.
    if len(text) > 3 * MAX_TSVECTOR_BYTES // 8:
        if sum(len(gram.encode()) for gram in grams) > MAX_TSVECTOR_BYTES:
            return _lexeme(OVERSIZE)
    return " ".join(map(_lexeme, grams))


def tsquery_expression(terms: list[str]) -> str | None:
    """A PostgreSQL tsquery requiring every bigram of every term (or OVERSIZE), or None."""
    grams = _query_grams(terms)
    return f"({' & '.join(map(_lexeme, grams))}) | {_lexeme(OVERSIZE)}" if grams else None


def index_filter(terms: list[str]) -> tuple[str, str] | None:
    """`SELECT <claim ids the index matches for terms>` with its one parameter (`?`).

    None when the terms have no bigram: the exact substring test alone decides.
    """
    if is_sqlite():
        expression = match_expression(terms)
        sql = "SELECT rowid FROM claim_search WHERE claim_search MATCH ?"
    else:
        expression = tsquery_expression(terms)
        sql = 'SELECT "claim_id" FROM "claim_search" WHERE "grams" @@ ?::tsquery'
    return None if expression is None else (sql, expression)


def create_index() -> None:
    """Create the search index table if the backend uses one."""
    if is_sqlite():
        database.execute_sql(CREATE_INDEX_SQL)
    else:
        for sql in POSTGRES_INDEX_SQL:
            database.execute_sql(sql)
        version = database.execute_sql("SHOW server_version_num").fetchone()[0]
        if int(version) >= 140000:
            database.execute_sql(POSTGRES_STATISTICS_SQL)


def index_rows(cursor, rows: list[tuple[int, str]]) -> None:
    """Add (claim id, index text) pairs through an open cursor (bulk path)."""
    if not is_sqlite():
        executemany(cursor, POSTGRES_INSERT_SQL, [(i, tsvector_literal(text)) for i, text in rows])
        return
    cursor.executemany("INSERT INTO claim_search (rowid, grams) VALUES (?, ?)", rows)


def reindex(claim_id: int, new_text: str, old_text: str | None = None) -> None:
    """Replace one claim's entry; a contentless index needs the old text to delete it."""
    if not is_sqlite():
        database.execute_sql(POSTGRES_REPLACE_SQL, (claim_id, tsvector_literal(new_text)))
        return
    cursor = database.cursor()
    if old_text is not None:
        cursor.execute(
            "INSERT INTO claim_search (claim_search, rowid, grams) VALUES ('delete', ?, ?)",
            (claim_id, old_text),
        )
    cursor.execute("INSERT INTO claim_search (rowid, grams) VALUES (?, ?)", (claim_id, new_text))


def rebuild_index(batch: int = 5000) -> int:
    """Fill the empty index from every stored claim, a batch at a time; return how many.

    The index is derived data: a restore writes the claims and builds their
    entries here rather than carrying them in the archive.
    """
    cursor = database.cursor()
    last, indexed = None, 0
    while True:
        after = "" if last is None else f'WHERE "id" > {database.param} '
        rows = database.execute_sql(
            f'SELECT "id", "sentence", "subject" FROM "claim" {after}ORDER BY "id" '
            f"LIMIT {int(batch)}",
            () if last is None else (last,),
        ).fetchall()
        if not rows:
            return indexed
        index_rows(cursor, [(i, index_text(sentence, subject)) for i, sentence, subject in rows])
        last, indexed = rows[-1][0], indexed + len(rows)
