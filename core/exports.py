"""Stream a filtered claim set as CSV or NDJSON in constant memory.

Rows are fetched in keyset batches, so exporting a million claims holds one
batch at a time and never keeps a read transaction open for the whole export.
"""

from __future__ import annotations

import csv
import io
import operator
from collections.abc import Iterator

from core import queries
from core.jsonio import dumps_bytes
from core.representation import claim_body, day
from schema.models import exact_number

BATCH = 1000

CSV_COLUMNS = (
    "id",
    "status",
    "value",
    "unit",
    "kind",
    "qualifier",
    "stated_as",
    "subject",
    "attribution",
    "speaker_id",
    "speaker_name",
    "speaker_role",
    "speaker_organization",
    "document_id",
    "document_title",
    "outlet",
    "url",
    "published",
    "start",
    "end",
    "sentence_start",
    "sentence_end",
    "sentence",
    "text_sha256",
)
# Spreadsheets run cells starting with these as formulas: never let a quote do that.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def claim_batches(args: dict) -> Iterator[list]:
    """Every claim matching `args`, a keyset batch at a time."""
    args = {**args, "limit": BATCH, "facet": None, "count": False}
    while True:
        page = queries.list_claims(args)
        if page.rows:
            yield page.rows
        if page.next_cursor is None:
            return
        args["cursor"] = page.next_cursor


def ndjson_lines(args: dict) -> Iterator[bytes]:
    """One JSON claim object per line."""
    for rows in claim_batches(args):
        links = queries.restatements([c.id for c in rows])
        yield b"".join(dumps_bytes(claim_body(c, links.get(c.id))) + b"\n" for c in rows)


# Where each CSV column comes from in a claim row.
_CSV_SOURCES = {"outlet": "document_outlet", "url": "document_url"}
_csv_cells = operator.itemgetter(
    *(queries.ClaimRow._fields.index(_CSV_SOURCES.get(name, name)) for name in CSV_COLUMNS)
)
_VALUE, _PUBLISHED = CSV_COLUMNS.index("value"), CSV_COLUMNS.index("published")


def csv_row(row: queries.ClaimRow) -> list:
    """A claim row (from `queries.fetch_rows`) as CSV cells.

    Text that a spreadsheet would run as a formula gets a leading quote; the
    csv module writes None as an empty cell and numbers as themselves. This
    runs once per exported claim, hence one C-level pick of the columns.
    """
    cells = [
        "'" + cell if type(cell) is str and cell.startswith(FORMULA_START) else cell
        for cell in _csv_cells(row)
    ]
    cells[_VALUE] = exact_number(row.value)
    cells[_PUBLISHED] = day(row.published)
    return cells


def csv_lines(args: dict) -> Iterator[str]:
    """A header row, then one row per claim."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for rows in claim_batches(args):
        for claim in rows:
            writer.writerow(csv_row(claim))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():  # only the header: nothing matched
        yield buffer.getvalue()
