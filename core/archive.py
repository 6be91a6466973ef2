"""The archive: every table of the models as one JSON Lines file, and its digests.

A newsroom's archive is years of reviewed work; a dump must carry all of it
(every version, every status change, who and when) and come back exactly.
Nothing here names a table or a column: the tables are the models' (MODELS,
in the order their references need), less LEFT_OUT, and each column's
representation follows from its field's type. A table or column added to the
models is dumped and restored without another edit.

The format (docs/archive.md): the first line is the header,
`{"archive": {...}}`, with the format and schema versions and, per table, its
columns, row count and the SHA-256 of its lines; then one line per row,
`{"<table>": {"<column>": value, ...}}`, table by table in the header's
order, rows in primary-key order. Values are canonical, so the same data
gives the same bytes on SQLite and PostgreSQL: dates `YYYY-MM-DD`, times
`YYYY-MM-DD HH:MM:SS[.ffffff]`, exact numbers as JSON integers or, when not
integral, as decimal strings.

Reading happens in one snapshot (a read transaction; REPEATABLE READ on
PostgreSQL), so a dump taken while the server writes is one point in time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import orjson
from peewee import (
    AutoField,
    BigIntegerField,
    BooleanField,
    CharField,
    CompositeKey,
    DateField,
    DateTimeField,
    DecimalField,
    Field,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
    sort_models,
)

from core.bulk_import import quoted_identifier
from schema.db import database, is_postgres
from schema.migrations import LATEST
from schema.models import MODELS, ApiToken, ValueField, exact_number

FORMAT = "claims-archive"
# Raised when a line's shape or a value's representation changes; a reader
# refuses archives of a newer format than its own.
FORMAT_VERSION = 1
HEADER_KEY = "archive"
# Tables never dumped, each with the reason the README gives. Anything that
# holds a secret belongs here (tests/test_archive.py fails on a dumped table
# with a column named like a token, secret, password or session).
LEFT_OUT: dict[type[Model], str] = {
    ApiToken: "write tokens are secrets: a restored database gets tokens of its own",
}
# Rows fetched from the database at a time while dumping.
FETCH = 5000


class ArchiveError(Exception):
    """An archive that cannot be written or read; the message names where and why."""


# --- the tables and their columns, from the models -------------------------------------


@dataclass(frozen=True)
class Column:
    """One column as the archive carries it."""

    name: str
    kind: str  # integer, text, float, boolean, date, datetime, exact or other
    null: bool
    max_length: int | None
    field: Field
    # The table this column refers to, when it is a reference.
    refers_to: str | None


@dataclass(frozen=True)
class Table:
    """One table of the models, its columns in the models' order."""

    name: str
    model: type[Model]
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # the primary key's columns: the archive's row order

    @functools.cached_property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @functools.cached_property
    def column_set(self) -> frozenset[str]:
        return frozenset(self.column_names)


def _kind(field: Field) -> str:
    """How a field's values are written in the archive, from the field's type."""
    if isinstance(field, ForeignKeyField):
        return _kind(field.rel_field)
    for types, kind in (
        ((AutoField, IntegerField, BigIntegerField), "integer"),
        ((BooleanField,), "boolean"),
        ((FloatField,), "float"),
        ((DateTimeField,), "datetime"),
        ((DateField,), "date"),
        ((ValueField, DecimalField), "exact"),
        ((CharField, TextField), "text"),
    ):
        if isinstance(field, types):
            return kind
    return "other"


def _table(model: type[Model]) -> Table:
    """The archive's view of one model's table."""
    meta = model._meta
    primary = meta.primary_key
    if isinstance(primary, CompositeKey):
        key = tuple(meta.fields[name].column_name for name in primary.field_names)
    else:
        key = (primary.column_name,)
    columns = tuple(
        Column(
            f.column_name,
            _kind(f),
            bool(f.null),
            getattr(f, "max_length", None),
            f,
            f.rel_model._meta.table_name if isinstance(f, ForeignKeyField) else None,
        )
        for f in meta.sorted_fields
    )
    return Table(meta.table_name, model, columns, key)


ARCHIVED: tuple[Table, ...] = tuple(_table(m) for m in sort_models(MODELS) if m not in LEFT_OUT)
assert HEADER_KEY not in {t.name for t in ARCHIVED}, "a table may not take the header's key"


# --- canonical values ------------------------------------------------------------------


# Dates and times repeat from row to row (a document's date in each of its claims, an
# import's time in every row it wrote): each distinct one is converted once.
@functools.lru_cache(maxsize=1 << 16)
def _date(value) -> str:
    """A date as `YYYY-MM-DD` (SQLite holds text, PostgreSQL a date)."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return value.isoformat()


@functools.lru_cache(maxsize=1 << 16)
def _datetime(value) -> str:
    """A time as peewee writes it to SQLite: `YYYY-MM-DD HH:MM:SS[.ffffff]`."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return str(value)


def _exact(value) -> int | str:
    """An exact number: an integer, or a non-integral value's every digit as text."""
    if type(value) is int:
        return value
    number = exact_number(value)
    return number if isinstance(number, int) else str(number)


def _other(field: Field) -> Callable:
    """A value of a field type the archive has no rule for: its Python value, as text."""

    def convert(value):
        value = field.python_value(value)
        return value if isinstance(value, int | float | str | bool) else str(value)

    return convert


_TO_ARCHIVE: dict[str, Callable | None] = {
    "integer": None,
    "text": None,
    "float": None,
    "boolean": bool,  # SQLite holds 0 and 1
    "date": _date,
    "datetime": _datetime,
    "exact": _exact,
}


def _conversion(column: Column) -> Callable | None:
    """How a column's stored value becomes its archive value (None: as it is)."""
    if column.kind == "other":
        return _other(column.field)
    return _TO_ARCHIVE[column.kind]


def row_object(table: Table) -> Callable[[tuple], dict]:
    """A function from a stored row to the archive's object of it, generated from the
    columns: a dict display with each conversion inlined, since a loop over the
    columns costs more than the rest of a dump (tests/test_archive.py compares it
    with the columns one by one)."""
    scope: dict[str, Callable] = {}
    items = []
    for i, column in enumerate(table.columns):
        convert = _conversion(column)
        if convert is None:
            items.append(f"{column.name!r}: r[{i}]")
        else:
            scope[f"c{i}"] = convert
            items.append(f"{column.name!r}: None if r[{i}] is None else c{i}(r[{i}])")
    return eval(f"lambda r: {{{', '.join(items)}}}", scope)  # noqa: S307 - built from the models


def _slow_row_object(table: Table, row: tuple) -> dict:
    """The same object, column by column: names the column whose value cannot be written."""
    found = {}
    for column, value in zip(table.columns, row, strict=True):
        convert = _conversion(column)
        try:
            found[column.name] = value if convert is None or value is None else convert(value)
        except (ValueError, TypeError, ArithmeticError) as error:
            where = {k: row[table.column_names.index(k)] for k in table.key}
            raise ArchiveError(
                f"{table.name} {where}, {column.name}: the stored value {value!r} cannot be "
                f"written exactly ({error}); correct it, then dump"
            ) from None
    return found


# --- reading the tables ----------------------------------------------------------------


def select_sql(table: Table) -> str:
    """Every row of a table in primary-key order, the same order on both backends.

    PostgreSQL sorts text by its database's collation; COLLATE "C" compares
    bytes, as SQLite does, whatever locale the database was created with.
    """
    text_keys = {c.name for c in table.columns if c.kind == "text"}
    collate = ' COLLATE "C"' if is_postgres() else ""
    order = ", ".join(quoted_identifier(k) + (collate if k in text_keys else "") for k in table.key)
    names = ", ".join(quoted_identifier(c) for c in table.column_names)
    return f"SELECT {names} FROM {quoted_identifier(table.name)} ORDER BY {order}"


@contextlib.contextmanager
def snapshot() -> Iterator[None]:
    """A read transaction: every table read in it is seen at one point in time."""
    with database.atomic():
        if is_postgres():
            database.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def _rows(table: Table) -> Iterator[tuple]:
    """A table's rows, fetched a batch at a time.

    On PostgreSQL through an SQL cursor (DECLARE … FETCH): the driver would
    otherwise load the whole result at once, and its own named cursors refuse
    peewee's autocommit connections even inside BEGIN.
    """
    cursor = database.cursor()
    if is_postgres():
        name = quoted_identifier(f"archive_{table.name}")
        cursor.execute(f"DECLARE {name} NO SCROLL CURSOR FOR {select_sql(table)}")
        try:
            while batch := _fetched(cursor, f"FETCH FORWARD {FETCH} FROM {name}"):
                yield from batch
        finally:
            cursor.execute(f"CLOSE {name}")
        return
    cursor.execute(select_sql(table))
    while batch := cursor.fetchmany(FETCH):
        yield from batch


def _fetched(cursor, sql: str) -> list[tuple]:
    cursor.execute(sql)
    return cursor.fetchall()


def table_lines(table: Table) -> Iterator[bytes]:
    """The archive's lines for one table, each ending in a newline."""
    as_object = row_object(table)
    prefix = b"{" + orjson.dumps(table.name) + b":"
    dumps = orjson.dumps
    for row in _rows(table):
        try:
            line = dumps(as_object(row))
        except (ValueError, TypeError, ArithmeticError):
            line = dumps(_slow_row_object(table, row))
        yield prefix + line + b"}\n"


# --- the header ------------------------------------------------------------------------


@dataclass
class TableSummary:
    """What the header says of one table: its columns, how many rows, their digest."""

    table: str
    columns: list[str]
    rows: int = 0
    sha256: str = ""

    def as_json(self) -> dict:
        return {"table": self.table, "columns": self.columns, "rows": self.rows,
                "sha256": self.sha256}  # fmt: skip


@dataclass
class Header:
    """The first line of an archive."""

    format_version: int
    schema_version: int
    tables: list[TableSummary]

    def line(self) -> bytes:
        body = {
            "format": FORMAT,
            "format_version": self.format_version,
            "schema_version": self.schema_version,
            "tables": [t.as_json() for t in self.tables],
            "left_out": {m._meta.table_name: why for m, why in LEFT_OUT.items()},
        }
        return orjson.dumps({HEADER_KEY: body}) + b"\n"

    def digests(self) -> dict[str, tuple[int, str]]:
        return {t.table: (t.rows, t.sha256) for t in self.tables}


def _summarised(lines: Iterator[bytes], summary: TableSummary, write) -> None:
    """Pass a table's lines to `write`, counting and hashing them into `summary`."""
    digest = hashlib.sha256()
    rows = 0
    for line in lines:
        digest.update(line)
        rows += 1
        if write is not None:
            write(line)
    summary.rows, summary.sha256 = rows, digest.hexdigest()


def _read_all(write) -> Header:
    """Read every archived table in one snapshot, giving each line to `write` (or none)."""
    header = Header(FORMAT_VERSION, LATEST, [])
    with snapshot():
        for table in ARCHIVED:
            summary = TableSummary(table.name, list(table.column_names))
            _summarised(table_lines(table), summary, write)
            header.tables.append(summary)
    return header


def digests() -> Header:
    """The header a dump of the bound database would have now (nothing is written)."""
    return _read_all(None)


# --- writing an archive ----------------------------------------------------------------

COPY_CHUNK = 1 << 20


def dump(out: BinaryIO, scratch: Path | None = None) -> Header:
    """Write the bound database's archive to `out`; return its header.

    The header comes first but is known last, so the rows go to a scratch
    file (in `scratch`, a directory) while their digests are computed, and
    are copied after it: memory stays bounded whatever the size.
    """
    with tempfile.TemporaryFile(dir=scratch, prefix="claims-archive-") as body:
        header = _read_all(body.write)
        out.write(header.line())
        body.seek(0)
        shutil.copyfileobj(body, out, COPY_CHUNK)
    return header


def dump_to_file(path: Path, *, replace: bool = False) -> Header:
    """Write the archive to `path`, which appears only once whole.

    It is written under a temporary name beside `path`, flushed to disk,
    then renamed: a dump that fails or is interrupted leaves no half-written
    archive, and an older archive at `path` (with `replace`) stays until the
    new one is complete.
    """
    if path.exists() and not replace:
        raise ArchiveError(f"{path} exists; choose another name, or replace it with --force")
    if path.is_dir():
        raise ArchiveError(f"{path} is a directory")
    directory = path.resolve().parent
    if not directory.is_dir():
        raise ArchiveError(f"{directory} is not a directory")
    handle = tempfile.NamedTemporaryFile(dir=directory, prefix=f".{path.name}.", delete=False)
    try:
        with handle:
            header = dump(handle, directory)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return header
