"""Stream a filtered claim set as CSV or NDJSON in constant memory.

Rows are fetched in keyset batches, so exporting a million claims holds one
batch at a time and never keeps a read transaction open for the whole export.
"""

from __future__ import annotations

import csv
import io
import operator
from collections.abc import Iterator

from marshmallow import fields

from core import queries
from core.claim_rows import CLAIM_ROW_COLUMNS, COMPUTED, ClaimRow, claim_body, row_name
from core.jsonio import dumps_bytes
from core.representation import day, timestamp
from schema.fields import ExactNumber, UtcDateTime
from schema.models import Claim, exact_number
from schema.schemas import CLAIM_HISTORY_FIELDS, ClaimSchema

BATCH = 1000

# The CSV is the claim flattened for spreadsheets, a column per value: the claim's own
# values in the API's order, then those of its speaker, its document and its place in
# the text, each in the order its table stores them (offsets before the sentence). Left
# out: what a spreadsheet cannot hold (lists, links, selectors), the history's fields
# (the history endpoint tells them) and what else CSV_LEFT_OUT names. Columns are
# named as the claim row names them, or as CSV_NAMES says.
CSV_LEFT_OUT = frozenset(
    {
        "confidence",
        "restates",
        "speaker_name_en",
        "speaker_role_en",
        "speaker_organization_en",
        "speaker_kind",
        "document_title_en",
        "document_outlet_en",
        "document_author",
        *CLAIM_HISTORY_FIELDS,
    }
)
CSV_NAMES = {"document_outlet": "outlet", "document_url": "url", "document_published": "published"}


def _csv_fields() -> dict[str, fields.Field]:
    """Row column → the schema field showing it, for each CSV column in order."""
    own, related = {}, {}
    for name, field in ClaimSchema._declared_fields.items():
        if name in COMPUTED:  # objects built from several columns (the evidence)
            continue
        if isinstance(field, fields.Nested):
            group = {
                row: inner
                for key, inner in field.schema.fields.items()
                if (row := row_name(name, key)) in CLAIM_ROW_COLUMNS
            }
            related.update(sorted(group.items(), key=lambda item: _stored_order(item[0])))
        elif name in CLAIM_ROW_COLUMNS:
            own[name] = field
    return {
        row: field
        for row, field in {**own, **related}.items()
        if row not in CSV_LEFT_OUT and not isinstance(field, fields.List | fields.Dict)
    }


def _stored_order(row: str) -> tuple[bool, int]:
    """Where a row column's table stores it: the claim's columns first."""
    column = CLAIM_ROW_COLUMNS[row]
    return column.model is not Claim, column.model._meta.sorted_field_names.index(column.name)


_CSV_FIELDS = _csv_fields()
CSV_COLUMNS = tuple(CSV_NAMES.get(row, row) for row in _CSV_FIELDS)
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


_csv_cells = operator.itemgetter(*(ClaimRow._fields.index(row) for row in _CSV_FIELDS))
# Cells that need converting, by the type of the field that shows them: values keep
# every stored digit (JSON may show a float), dates are YYYY-MM-DD.
_CSV_CONVERT = {ExactNumber: exact_number, fields.Date: day, UtcDateTime: timestamp}
_CONVERTED = [
    (position, _CSV_CONVERT[type(field)])
    for position, field in enumerate(_CSV_FIELDS.values())
    if type(field) in _CSV_CONVERT
]


def csv_row(row: ClaimRow) -> list:
    """A claim row (from `queries.fetch_rows`) as CSV cells.

    Text that a spreadsheet would run as a formula gets a leading quote; the
    csv module writes None as an empty cell and numbers as themselves. This
    runs once per exported claim, hence one C-level pick of the columns.
    """
    cells = [
        "'" + cell if type(cell) is str and cell.startswith(FORMULA_START) else cell
        for cell in _csv_cells(row)
    ]
    for position, convert in _CONVERTED:
        if cells[position] is not None:
            cells[position] = convert(cells[position])
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
