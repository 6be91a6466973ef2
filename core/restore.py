"""Restoring an archive (core.archive) into an empty database, on either backend.

All or nothing: the whole archive is one transaction, so a bad line writes
nothing, and the error names its line and, where one is at fault, its column.
Every value is checked against its column before it is written (type, null,
the format the archive writes), each table's rows are counted and hashed as
they are read and compared with the header before the commit, and the
database checks references and uniqueness.

What the archive holds is restored as it was: ids, versions, timestamps and
authors exactly. Editorial rules (vocabularies, anchoring) are not applied
again: an archive is a record of what was stored, including what earlier
rules allowed. Derived data is rebuilt (the search index, PostgreSQL's id
sequences, the planner's statistics).

A reference to a row of its own table or of a later one (a claim restating
another, a document superseding another) is written after every row is in,
since the row it names may come later in the file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import orjson
from peewee import AutoField, DatabaseError, __exception_wrapper__

from core.archive import (
    ARCHIVED,
    FORMAT,
    FORMAT_VERSION,
    HEADER_KEY,
    ArchiveError,
    Column,
    Header,
    Table,
    TableSummary,
)
from core.bulk_import import (
    indexes_rebuilt_after,
    insert_sql,
    quoted_identifier,
    sqlite_import_settings,
)
from schema import search
from schema.db import (
    database,
    executemany,
    is_postgres,
    is_sqlite,
    sync_id_sequence,
    write_transaction,
)
from schema.migrations import LATEST
from schema.models import ValueField

BATCH = 2000  # rows per INSERT batch


class ArchiveRejected(ArchiveError):
    """A line (or the header) that cannot be restored; nothing was written."""


class _Bad(Exception):
    """A value that its column cannot take; the message says what was expected."""


@dataclass
class RestoreReport:
    """What a restore wrote: rows per table, and the archive's header."""

    header: Header
    rows: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        return ", ".join(f"{n} {table}" for table, n in self.rows.items())


# --- reading the header ----------------------------------------------------------------


def read_header(line: bytes) -> Header:
    """The header of an archive, checked against this program and these models."""
    try:
        parsed = orjson.loads(line)
    except orjson.JSONDecodeError:
        parsed = None
    body = parsed.get(HEADER_KEY) if isinstance(parsed, dict) else None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise ArchiveRejected(f"line 1: not a {FORMAT} header; is this an archive from `dump`?")
    version = body.get("format_version")
    if type(version) is not int or version < 1:
        raise ArchiveRejected(f"line 1, format_version: {version!r} is not a format version")
    if version > FORMAT_VERSION:
        raise ArchiveRejected(
            f"line 1, format_version: the archive's format version {version} is newer than "
            f"this program reads ({FORMAT_VERSION}); restore it with a newer version"
        )
    schema_version = body.get("schema_version")
    if schema_version != LATEST:
        newer = type(schema_version) is int and schema_version > LATEST
        raise ArchiveRejected(
            f"line 1, schema_version: the archive holds schema version {schema_version!r}, "
            f"this program's is {LATEST}; "
            + (
                "restore it with the newer program that wrote it"
                if newer
                else "restore it with the program that wrote it, start that program's "
                "server once on the new database to upgrade it, then dump again"
            )
        )
    tables = body.get("tables")
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ArchiveRejected("line 1, tables: a list of tables is expected")
    found = [t.get("table") for t in tables]
    wanted = [t.name for t in ARCHIVED]
    if found != wanted:
        raise ArchiveRejected(
            f"line 1, tables: the archive has {found}, these models have {wanted} (in that order)"
        )
    summaries = []
    for given, table in zip(tables, ARCHIVED, strict=True):
        if given.get("columns") != list(table.column_names):
            raise ArchiveRejected(
                f"line 1, tables.{table.name}.columns: the archive has {given.get('columns')}, "
                f"the model has {list(table.column_names)}"
            )
        rows, digest = given.get("rows"), given.get("sha256")
        if type(rows) is not int or rows < 0 or not isinstance(digest, str):
            raise ArchiveRejected(f"line 1, tables.{table.name}: rows and sha256 are required")
        summaries.append(TableSummary(table.name, list(table.column_names), rows, digest))
    return Header(version, schema_version, summaries)


# --- checking values -------------------------------------------------------------------


def _of_type(*types: type, expected: str) -> Callable:
    """A check that a value is of exactly one of `types` (True is no integer here)."""

    def check(value):
        if type(value) not in types:
            raise _Bad(f"{expected} is expected")
        return value

    return check


_integer = _of_type(int, expected="a whole number")
_text = _of_type(str, expected="text")
_float = _of_type(int, float, expected="a number")
_boolean = _of_type(bool, expected="true or false")


def _date(value):
    if type(value) is not str:
        raise _Bad("a date (YYYY-MM-DD) is expected")
    return _date_text(value)


def _datetime(value):
    if type(value) is not str:
        raise _Bad("a time (YYYY-MM-DD HH:MM:SS) is expected")
    return _datetime_text(value)


# Dates and times repeat from row to row: each distinct text is checked once.
@functools.lru_cache(maxsize=1 << 16)
def _date_text(value: str) -> str:
    try:
        canonical = dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        canonical = False
    if not canonical:
        raise _Bad(f"{value!r} is not a date written YYYY-MM-DD")
    return value


@functools.lru_cache(maxsize=1 << 16)
def _datetime_text(value: str) -> str:
    try:
        canonical = str(dt.datetime.fromisoformat(value)) == value
    except ValueError:
        canonical = False
    if not canonical:
        raise _Bad(f"{value!r} is not a time written YYYY-MM-DD HH:MM:SS[.ffffff]")
    return value


def _exact(value):
    if type(value) is int:
        return value
    if type(value) is str:
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = None
        if number is not None and number.is_finite() and number != number.to_integral_value():
            return ValueField().db_value(number)
    raise _Bad("a whole number, or a non-integral number written as a decimal string, is expected")


_CHECKS: dict[str, Callable] = {
    "integer": _integer,
    "text": _text,
    "float": _float,
    "boolean": _boolean,
    "date": _date,
    "datetime": _datetime,
    "exact": _exact,
}


def _check(column: Column, postgres: bool) -> Callable:
    """The check and conversion of one column's values, from its kind."""
    check = _CHECKS.get(column.kind) or column.field.db_value
    limit = column.max_length if postgres else None  # SQLite stores any length

    def checked(value):
        if value is None:
            if column.null:
                return None
            raise _Bad("a value is required (the column is not nullable)")
        value = check(value)
        if limit is not None and len(value) > limit:
            raise _Bad(f"{len(value)} characters; PostgreSQL's column holds at most {limit}")
        return value

    return checked


# The checks the generated row reader makes inline, by kind: a type test on `v`.
_INLINE = {
    "integer": "type(v) is int",
    "text": "type(v) is str",
    "float": "type(v) is float or type(v) is int",
    "boolean": "type(v) is bool",
}


def row_reader(table: Table, postgres: bool) -> Callable[[dict], tuple]:
    """A function from a row object to its values in column order, generated from the
    columns: type tests inlined, dates, times and exact numbers through their checks.

    It raises on any value it does not take, saying nothing of which: the caller
    then reads the row column by column (`_check`) for the message. A loop of
    one call per column costs more than the rest of a restore
    (tests/test_archive.py compares the two on every column).
    """
    scope: dict[str, Callable] = {"fail": _fail}
    items = []
    for i, column in enumerate(table.columns):
        test = _INLINE.get(column.kind)
        if column.kind == "text" and postgres and column.max_length is not None:
            test = f"{test} and len(v) <= {int(column.max_length)}"
        if column.null:
            test = f"v is None or {test}" if test else None
        if test is not None:
            # The condition is evaluated first: its first `v` takes the value.
            test = re.sub(r"\bv\b", f"(v := r[{column.name!r}])", test, count=1)
            items.append(f"v if ({test}) else fail()")
        else:
            scope[f"c{i}"] = _check(column, postgres)
            items.append(f"c{i}(r[{column.name!r}])")
    return eval(f"lambda r: ({', '.join(items)},)", scope)  # noqa: S307 - from the models


def _fail():
    raise _Bad("refused")


# --- restoring -------------------------------------------------------------------------


@dataclass
class _Link:
    """A reference written once every row is in: the row's key, the value, its line."""

    key: tuple
    value: object
    line: int


@dataclass
class _TableLoad:
    """One table being restored: its checks, pending rows, deferred links and digest."""

    table: Table
    checks: list[Callable]
    read: Callable[[dict], tuple]  # the checks, generated as one function
    deferred: dict[int, str]  # position → column, for references written last
    rows: list[tuple] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    links: dict[str, list[_Link]] = field(default_factory=dict)
    digest: object = field(default_factory=hashlib.sha256)
    count: int = 0


def restore_file(path: Path) -> RestoreReport:
    """Restore the archive at `path` into the bound, empty database."""
    with path.open("rb") as handle:
        return restore(handle, locate=lambda table, key: _line_of(path, table, key))


def restore(lines: Iterable[bytes], locate: Callable | None = None) -> RestoreReport:
    """Restore an archive's lines into the bound database, which must be empty.

    `locate(table, key)` finds the line of a row, for a reference the database
    found broken only at the end (SQLite checks them then).
    """
    stream = iter(lines)
    first = next(stream, b"")
    if not first.strip():
        raise ArchiveRejected("line 1: the archive is empty; a header line is expected")
    header = read_header(first)
    sqlite = is_sqlite()
    with sqlite_import_settings() if sqlite else contextlib.nullcontext():
        with write_transaction():
            _refuse_unless_empty()
            names = tuple(t.name for t in ARCHIVED)
            with indexes_rebuilt_after(names) if sqlite else contextlib.nullcontext():
                loads = _load(stream, header)
                _check_digests(header, loads)
                for load in loads:
                    _write_links(load)
                if sqlite:
                    _check_references(locate)
            search.rebuild_index()
            for table in ARCHIVED:
                if len(table.key) == 1 and isinstance(table.model._meta.primary_key, AutoField):
                    sync_id_sequence(table.name, table.key[0])
            database.execute_sql("ANALYZE")
    return RestoreReport(header, {load.table.name: load.count for load in loads})


def _refuse_unless_empty() -> None:
    """Restore only into an empty database: an archive is a whole, not an addition."""
    holding = [
        t.name
        for t in ARCHIVED
        if database.execute_sql(f"SELECT 1 FROM {quoted_identifier(t.name)} LIMIT 1").fetchone()
    ]
    if holding:
        raise ArchiveError(
            f"the database is not empty ({', '.join(holding)} hold rows): restore only into "
            "a new, empty database"
        )


def _load(stream: Iterator[bytes], header: Header) -> list[_TableLoad]:
    """Check and insert every row line, table by table in the header's order."""
    postgres = is_postgres()
    position = {t.name: i for i, t in enumerate(ARCHIVED)}
    loads = []
    for i, table in enumerate(ARCHIVED):
        later = {t.name for t in ARCHIVED[i:]}
        deferred = {j: c.name for j, c in enumerate(table.columns) if c.refers_to in later}
        checks = [_check(c, postgres) for c in table.columns]
        loads.append(_TableLoad(table, checks, row_reader(table, postgres), deferred))
    current = 0
    cursor = database.cursor()
    for number, line in enumerate(stream, start=2):
        name, row = _row_of(line, number)
        if name != ARCHIVED[current].name:
            target = position.get(name)
            if target is None:
                raise ArchiveRejected(f"line {number}: {name!r} is not a table of this archive")
            if target < current:
                raise ArchiveRejected(
                    f"line {number}: a row of {name} after the rows of "
                    f"{ARCHIVED[current].name}; each table's rows come together, in the "
                    "header's order"
                )
            _flush(cursor, loads[current])
            current = target
        load = loads[current]
        load.rows.append(_values(load, row, number))
        load.lines.append(number)
        load.digest.update(line if line.endswith(b"\n") else line + b"\n")
        load.count += 1
        if len(load.rows) >= BATCH:
            _flush(cursor, load)
    _flush(cursor, loads[current])
    return loads


def _row_of(line: bytes, number: int) -> tuple[str, dict]:
    """A row line's table and row object."""
    try:
        parsed = orjson.loads(line)
    except orjson.JSONDecodeError as error:
        raise ArchiveRejected(f"line {number}: not valid JSON ({error})") from None
    if type(parsed) is not dict or len(parsed) != 1:
        raise ArchiveRejected(f"line {number}: a row is one object keyed by its table's name")
    ((name, row),) = parsed.items()
    if type(row) is not dict:
        raise ArchiveRejected(f"line {number}, {name}: the row must be an object of columns")
    return name, row


def _values(load: _TableLoad, row: dict, number: int) -> tuple:
    """A row's checked values in column order; deferred references are held back."""
    table = load.table
    names = table.column_names
    if len(row) != len(names) or row.keys() != table.column_set:
        missing = [n for n in names if n not in row]
        if missing:
            raise ArchiveRejected(f"line {number}, {table.name}.{missing[0]}: missing")
        unknown = next(k for k in row if k not in names)
        raise ArchiveRejected(f"line {number}, {table.name}.{unknown}: unknown column")
    try:
        values = load.read(row)
    except (_Bad, TypeError, ValueError, ArithmeticError):
        values = _checked_one_by_one(load, row, number)
    if not load.deferred:
        return values
    values = list(values)
    for position, name in load.deferred.items():
        if values[position] is not None:
            key = tuple(values[names.index(k)] for k in table.key)
            load.links.setdefault(name, []).append(_Link(key, values[position], number))
            values[position] = None
    return tuple(values)


def _checked_one_by_one(load: _TableLoad, row: dict, number: int) -> tuple:
    """A row's values checked column by column, naming the first it refuses."""
    values = []
    for name, check in zip(load.table.column_names, load.checks, strict=True):
        try:
            values.append(check(row[name]))
        except _Bad as bad:
            raise ArchiveRejected(f"line {number}, {load.table.name}.{name}: {bad}") from None
    return tuple(values)


def _flush(cursor, load: _TableLoad) -> None:
    """Insert a table's pending rows."""
    if load.rows:
        sql = insert_sql(load.table.name, load.table.column_names)
        _execute(cursor, sql, load.rows, load.lines, load.table.name)
        load.rows, load.lines = [], []


def _execute(cursor, sql: str, rows: list[tuple], lines: list[int], table: str) -> None:
    """Run a statement for a batch of rows; a refused batch is retried row by row to
    name the row the database refused, by its line."""
    try:
        with database.atomic(), __exception_wrapper__:
            executemany(cursor, sql, rows)
        return
    except DatabaseError:
        pass
    for row, line in zip(rows, lines, strict=True):
        try:
            with database.atomic(), __exception_wrapper__:
                cursor.execute(sql, row)
        except DatabaseError as error:
            reason = "; ".join(part.strip() for part in str(error).splitlines() if part.strip())
            raise ArchiveRejected(
                f"line {line}, {table}: the database refused it: {reason}"
            ) from None
    raise ArchiveRejected(f"{table}: the database refused a batch of rows that it took one by one")


def _write_links(load: _TableLoad) -> None:
    """Write the references held back until every row was in."""
    table = load.table
    where = " AND ".join(f"{quoted_identifier(k)} = {database.param}" for k in table.key)
    cursor = database.cursor()
    for name, links in load.links.items():
        target = f"{quoted_identifier(table.name)} SET {quoted_identifier(name)}"
        sql = f"UPDATE {target} = {database.param} WHERE {where}"
        for start in range(0, len(links), BATCH):
            batch = links[start : start + BATCH]
            rows = [(link.value, *link.key) for link in batch]
            try:
                with database.atomic(), __exception_wrapper__:
                    cursor.executemany(sql, rows)
                continue
            except DatabaseError:
                pass
            _execute(cursor, sql, rows, [link.line for link in batch], f"{table.name}.{name}")


def _check_digests(header: Header, loads: list[_TableLoad]) -> None:
    """Every table has the rows the header counts, and the lines it hashed."""
    for summary, load in zip(header.tables, loads, strict=True):
        if load.count != summary.rows or load.digest.hexdigest() != summary.sha256:
            raise ArchiveRejected(
                f"{summary.table}: {load.count} rows read, the header says {summary.rows}, "
                "and their SHA-256 differs from the header's: the archive was cut short "
                "or changed after it was written"
                if load.count != summary.rows
                else f"{summary.table}: the rows' SHA-256 differs from the header's: the "
                "archive was changed after it was written"
            )


def _check_references(locate: Callable | None) -> None:
    """SQLite: every reference names a stored row (foreign keys were off while loading)."""
    broken = database.execute_sql("PRAGMA foreign_key_check").fetchone()
    if broken is None:
        return
    table_name, rowid, parent, fkid = broken
    table = next(t for t in ARCHIVED if t.name == table_name)
    references = database.execute_sql(f"PRAGMA foreign_key_list({quoted_identifier(table_name)})")
    column = next(row[3] for row in references.fetchall() if row[0] == fkid)
    keys = ", ".join(quoted_identifier(k) for k in table.key)
    key = database.execute_sql(
        f"SELECT {keys} FROM {quoted_identifier(table_name)} WHERE rowid = ?", (rowid,)
    ).fetchone()
    (value,) = database.execute_sql(
        f"SELECT {quoted_identifier(column)} FROM {quoted_identifier(table_name)} WHERE rowid = ?",
        (rowid,),
    ).fetchone()
    line = locate(table, tuple(key)) if locate else None
    where = f"line {line}" if line else f"{table_name} {dict(zip(table.key, key, strict=True))}"
    raise ArchiveRejected(f"{where}, {table_name}.{column}: {value!r} names no row of {parent}")


def _line_of(path: Path, table: Table, key: tuple) -> int | None:
    """The line of `path` holding the row of `table` with primary key `key`."""
    prefix = b'{"' + table.name.encode() + b'":'
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if line.startswith(prefix):
                row = orjson.loads(line)[table.name]
                if tuple(row.get(k) for k in table.key) == key:
                    return number
    return None
