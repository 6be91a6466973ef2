"""Pick the benchmark's query parameters from the database itself.

Hard-coded values would drift from whatever the generator produces; reading the
file makes every query match a realistic, known number of rows, and the choice is
deterministic so two runs on the same database ask the same questions.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from contextlib import closing
from dataclasses import asdict, dataclass, field
from pathlib import Path

PAGE_SIZE = 50
RANGE_ROWS = 300  # "a few hundred" rows for the unit + value range query
SENTENCE_SAMPLE = 2000
LOOKUP_IDS = 64

_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
# Word-initial bigrams that are particles, endings or function words, not search terms.
STOP_BIGRAMS = frozenset(
    "에서 으로 에게 까지 부터 보다 처럼 라고 이라 라며 이며 하고 하는 했다 있다 있는 "
    "없다 것으 것이 것을 그는 그러 이는 이를 또한 또는 이번 지난 위해 대해 통해 "
    "따르 때문 한다 된다 했고 말했 밝혔 설명 강조".split()
)


@dataclass
class Params:
    """Everything the query set needs, with the row counts that justify each choice."""

    claims: int
    min_id: int
    max_id: int
    speaker: str
    speaker_claims: int
    unit: str
    value_min: int | float
    value_max: int | float
    range_rows: int
    term: str
    term_rows: int
    deep_page: int
    deep_after_id: int
    lookup_ids: list[int] = field(default_factory=list)

    def as_dict(self) -> dict:
        """A JSON-ready copy for the report."""
        return asdict(self)


def connect_readonly(path: Path) -> sqlite3.Connection:
    """Open the file read-only so picking parameters can never change it."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def pick_speaker(conn: sqlite3.Connection) -> tuple[str, int]:
    """The median speaker among those with at least a full page of active claims.

    The median avoids both the one giant speaker and the long tail of one-claim
    speakers; requiring a full page makes the list query return PAGE_SIZE rows.
    """
    counts = conn.execute(
        "SELECT speaker_id, COUNT(*) AS n FROM claim WHERE status = 'active' "
        "AND speaker_id IS NOT NULL GROUP BY speaker_id ORDER BY n, speaker_id"
    ).fetchall()
    if not counts:
        raise ValueError("no active claim has a speaker")
    full = [row for row in counts if row[1] >= PAGE_SIZE] or counts
    speaker, n = full[len(full) // 2]
    return speaker, n


def median_index(counts: list[tuple]) -> int:
    """The index of the distinct value holding the median row."""
    half, seen = sum(n for _, n in counts) / 2, 0
    for index, (_, n) in enumerate(counts):
        seen += n
        if seen >= half:
            return index
    return 0


def value_window(counts: list[tuple], rows: int) -> tuple[int, int, int]:
    """The run of consecutive distinct values whose row total is closest to `rows`.

    `counts` is (value, rows) sorted by value. Generated values are round numbers
    shared by thousands of claims, so cutting at ranks could select one value and
    thousands of rows; whole values are taken instead. Ties go to the window
    nearest the median. Returns (first index, last index, total rows).
    """
    best: tuple | None = None
    middle, j, total = median_index(counts), 0, 0
    for i in range(len(counts)):
        if j <= i:
            j, total = i, 0
        while j < len(counts) and total < rows:
            total += counts[j][1]
            j += 1
        candidates = [(j - 1, total)]
        if j - 2 >= i:
            candidates.append((j - 2, total - counts[j - 1][1]))
        for last, size in candidates:
            key = (abs(size - rows), abs((i + last) / 2 - middle))
            if best is None or key < best[0]:
                best = (key, i, last, size)
        total -= counts[i][1]
    if best is None:
        raise ValueError("no values to choose a range from")
    return best[1], best[2], best[3]


def pick_value_range(conn: sqlite3.Connection, rows: int = RANGE_ROWS) -> tuple:
    """The most common unit and a value range around its median matching ~`rows` rows."""
    found = conn.execute(
        "SELECT unit FROM claim WHERE status = 'active' GROUP BY unit "
        "ORDER BY COUNT(*) DESC, unit LIMIT 1"
    ).fetchone()
    if found is None:
        raise ValueError("no active claims")
    counts = conn.execute(
        "SELECT value, COUNT(*) FROM claim WHERE status = 'active' AND unit = ? "
        "GROUP BY value ORDER BY value",
        found,
    ).fetchall()
    first, last, matched = value_window(counts, rows)
    return found[0], counts[first][0], counts[last][0], matched


def sample_ids(min_id: int, max_id: int, count: int) -> list[int]:
    """`count` ids spread evenly over [min_id, max_id] (deterministic, no RANDOM())."""
    if max_id < min_id:
        return []
    span = max_id - min_id
    if count <= 1 or span == 0:
        return [min_id]
    step = span / (count - 1)
    return sorted({min_id + round(i * step) for i in range(count)})


def existing_ids(conn: sqlite3.Connection, ids: list[int]) -> list[int]:
    """The subset of `ids` that are claims (ids may have gaps), so lookups never 404."""
    marks = ",".join("?" * len(ids))
    return [r[0] for r in conn.execute(f"SELECT id FROM claim WHERE id IN ({marks})", ids)]


def frequent_bigram(sentences: list[str]) -> str:
    """The commonest word-initial Hangul syllable pair that is not a particle or ending.

    Word starts are stems far more often than word ends (where particles attach);
    the stop list removes the function words that still slip through.
    """
    counts: Counter[str] = Counter()
    for sentence in sentences:
        for word in _HANGUL_WORD.findall(sentence):
            if len(word) >= 2 and word[:2] not in STOP_BIGRAMS:
                counts[word[:2]] += 1
    if not counts:
        raise ValueError("no Hangul word of two syllables in the sampled sentences")
    return min(counts, key=lambda gram: (-counts[gram], gram))


def count_term(conn: sqlite3.Connection, term: str) -> int:
    """How many active claims contain `term` (a full scan, run once, so exact)."""
    return conn.execute(
        "SELECT COUNT(*) FROM claim WHERE status = 'active' AND instr(lower(sentence || ' ' "
        "|| coalesce(subject, '') || ' ' || stated_as), ?) > 0",
        (term,),
    ).fetchone()[0]


def deep_page_for(claims: int) -> int:
    """Page 10,000 at a million claims, the same relative depth (halfway) at any size."""
    return max(2, claims // 100)


def pick(path: Path) -> Params:
    """Read the database once and choose every parameter."""
    with closing(connect_readonly(path)) as conn:
        claims, min_id, max_id = conn.execute(
            "SELECT COUNT(*), MIN(id), MAX(id) FROM claim"
        ).fetchone()
        if not claims:
            raise ValueError(f"{path} holds no claims")
        speaker, speaker_claims = pick_speaker(conn)
        unit, value_min, value_max, range_rows = pick_value_range(conn)
        ids = sample_ids(min_id, max_id, SENTENCE_SAMPLE)
        marks = ",".join("?" * len(ids))
        sentences = [
            row[0] for row in conn.execute(f"SELECT sentence FROM claim WHERE id IN ({marks})", ids)
        ]
        term = frequent_bigram(sentences)
        term_rows = count_term(conn, term)
        lookups = existing_ids(conn, sample_ids(min_id, max_id, LOOKUP_IDS))
    deep_page = deep_page_for(claims)
    return Params(
        claims=claims,
        min_id=min_id,
        max_id=max_id,
        speaker=speaker,
        speaker_claims=speaker_claims,
        unit=unit,
        value_min=value_min,
        value_max=value_max,
        range_rows=range_rows,
        term=term,
        term_rows=term_rows,
        deep_page=deep_page,
        deep_after_id=min_id - 1 + (deep_page - 1) * PAGE_SIZE,
        lookup_ids=lookups,
    )
