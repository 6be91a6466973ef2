"""The archive: dump, restore and copy, round trips on both backends, and refused archives.

A round trip is dump → restore into a new database → dump again, and the two
archives must be byte-identical: SQLite → SQLite always, and SQLite →
PostgreSQL, PostgreSQL → SQLite and PostgreSQL → PostgreSQL under `make
test-pg`. The data is the fixtures plus a generated archive with history:
bulk-imported articles with restatements, extracted candidates accepted and
rejected, corrections, retractions, speakers' changed roles, a superseded
document, a non-integral value and an extractor's confidence.
"""

from __future__ import annotations

import hashlib
import random
import re
from pathlib import Path

import orjson
import pytest

from api import create_app
from bench.generate import articles, make_speakers, store_speakers
from core import archive, bulk_import
from core.seeding import FIXTURES_DIR, seed
from schema.db import database
from schema.migrations import LATEST
from schema.models import MODELS, ApiToken
from tests.conftest import AUTH, ON_POSTGRES

CONFIG = {"TESTING": True, "CLAIMS_WRITE_TOKENS": "tester:secret-token"}
GENERATED_CLAIMS = 600
# Tables a database has that are not the models' own: the migrations' record, the
# search index (derived from the claims, rebuilt by a restore) and the change counter
# behind ETags (schema/changes.py: a restored database counts under a new epoch).
NOT_MODELS = re.compile(r"^(schema_migration|claim_search.*|data_version|sqlite_.*)$")
SECRET_COLUMN = re.compile(r"token|secret|password|session", re.IGNORECASE)


def app_on(url: str):
    """The app bound to `url` (which the models follow from then on)."""
    return create_app({**CONFIG, "DATABASE_URL": url})


def build_history(app) -> None:
    """Fixtures, generated articles, and every kind of change a newsroom makes."""
    rng = random.Random(15)
    speakers = make_speakers(rng, people=10, organizations=4)
    with database.connection_context():
        seed(FIXTURES_DIR)
        seed(FIXTURES_DIR / "across-sources")  # figures with conflicts across outlets
        store_speakers(speakers)
        bulk_import.import_articles(articles(GENERATED_CLAIMS, speakers, random.Random(16)))
    client = app.test_client()
    text = (
        "김민수 한빛전자 사장은 “올해 3500개 이상 업체와 계약했다”라고 말했다. "
        "회사는 매출이 12.5% 늘었다고 밝혔다. 회사 직원은 1200명이다."
    )
    document = {"title": "계약 기사", "outlet": "테스트일보", "url": None, "author": None,
                "published": "2024-03-01", "language": "ko", "text": text}  # fmt: skip
    posted = client.post("/v1/documents", json={**document, "extract": True}, headers=AUTH)
    assert posted.status_code == 201, posted.json
    candidates = client.get("/v1/claims?status=candidate&limit=500").json["data"]
    assert len(candidates) >= 3  # one is accepted, one rejected, the rest stay candidates
    accept, reject = candidates[0], candidates[1]
    for candidate, status in ((accept, "active"), (reject, "rejected")):
        etag = f'"{candidate["id"]}-{candidate["version"]}"'
        answer = client.patch(
            f"/v1/claims/{candidate['id']}",
            json={"status": status, "reason": "reviewed"},
            headers={**AUTH, "If-Match": etag},
        )
        assert answer.status_code == 200, answer.json
    percent = {"document": posted.json["id"], "stated_as": "12.5%", "value": 12.5,
               "unit": "percent", "kind": "percent", "attribution": "narration",
               "subject": "매출 증가율", "reason": "review"}  # fmt: skip
    created = client.post("/v1/claims", json=percent, headers=AUTH)
    assert created.status_code in (201, 409), created.json
    for version, subject in enumerate(("방한 간격", "저커버그 방한 간격"), start=1):
        answer = client.patch(
            "/v1/claims/1",
            json={"subject": subject, "reason": f"correction {version}"},
            headers={**AUTH, "If-Match": f'"1-{version}"'},
        )
        assert answer.status_code == 200, answer.json
    assert client.delete("/v1/claims/7?reason=duplicate", headers=AUTH).status_code == 200
    answer = client.patch(
        "/v1/speakers/park-hyoung-sei",
        json={"role": "사장", "reason": "promoted"},
        headers={**AUTH, "If-Match": '"park-hyoung-sei-1"'},
    )
    assert answer.status_code == 200, answer.json
    newer = {**document, "text": text + " 정정: 계약 업체는 3600개다.", "extract": False,
             "supersedes": posted.json["id"]}  # fmt: skip
    assert client.post("/v1/documents", json=newer, headers=AUTH).status_code == 201
    # People's decisions on organisations and figures: a rename, a detached appearance.
    tag = client.get("/v1/organizations/lg-electronics").headers["ETag"]
    renamed = client.patch(
        "/v1/organizations/lg-electronics",
        json={"name_en": "LG Electronics Inc", "reason": "legal name"},
        headers={**AUTH, "If-Match": tag},
    )
    assert renamed.status_code == 200, renamed.json
    figure = client.get("/v1/claims/102").json["figure"]["id"]
    detached = client.delete(
        f"/v1/figures/{figure}/claims/121", json={"reason": "rounds up"}, headers=AUTH
    )
    assert detached.status_code == 200, detached.json
    database.close()


def dump_with_cli(app, path: Path) -> bytes:
    result = app.test_cli_runner().invoke(args=["dump", str(path)])
    assert result.exit_code == 0, result.output
    return path.read_bytes()


def restore_with_cli(app, path: Path):
    return app.test_cli_runner().invoke(args=["restore", str(path)])


def url_for(backend: str, tmp_path: Path, name: str, request) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / f'{name}.db'}"
    if not ON_POSTGRES:
        pytest.skip("needs TEST_DATABASE_URL=postgresql://… (make test-pg)")
    if name == "source":
        return request.getfixturevalue("database_url")
    return request.getfixturevalue("second_postgres")


# --- round trips -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("sqlite", "sqlite"),
        ("sqlite", "postgres"),
        ("postgres", "sqlite"),
        ("postgres", "postgres"),
    ],
)
def test_dump_restore_dump_is_byte_identical(source, target, tmp_path, request):
    source_app = app_on(url_for(source, tmp_path, "source", request))
    build_history(source_app)
    first = dump_with_cli(source_app, tmp_path / "first.jsonl")

    target_app = app_on(url_for(target, tmp_path, "target", request))
    restored = restore_with_cli(target_app, tmp_path / "first.jsonl")
    assert restored.exit_code == 0, restored.output
    second = dump_with_cli(target_app, tmp_path / "second.jsonl")
    assert second == first

    # The archive holds the history, not only the active claims.
    lines = [orjson.loads(line) for line in first.splitlines()]
    claims = [line["claim"] for line in lines if "claim" in line]
    statuses = {claim["status"] for claim in claims}
    assert {"active", "candidate", "rejected", "retracted"} <= statuses
    assert any(isinstance(claim["value"], str) for claim in claims)  # 12.5, exactly
    assert any(claim["restates_id"] for claim in claims)
    assert sum("claim_version" in line for line in lines) >= 4
    assert sum("speaker_version" in line for line in lines) >= 1
    assert any(line.get("document", {}).get("supersedes_id") for line in lines)

    # The restored database serves the same, and new rows continue after the restored ids.
    client = target_app.test_client()
    assert client.get("/v1/claims/1/history").json == source_history(source_app, tmp_path)
    new = {"document": "joongang-2024-02-28-zuckerberg-seoul", "stated_as": "29일",
           "value": 29, "unit": "date", "kind": "date", "attribution": "narration"}  # fmt: skip
    created = client.post("/v1/claims", json=new, headers=AUTH)
    assert created.status_code == 201, created.json
    assert created.json["id"] == max(claim["id"] for claim in claims) + 1
    database.close()


def source_history(source_app, tmp_path) -> dict:
    """Claim 1's history as the source served it (read from its archive's restore)."""
    restored = app_on(f"sqlite:///{tmp_path / 'check.db'}")
    assert restore_with_cli(restored, tmp_path / "first.jsonl").exit_code == 0
    return restored.test_client().get("/v1/claims/1/history").json


def rows_of(lines: list[bytes], table: str) -> list[bytes]:
    return [line for line in lines if line.startswith(b'{"' + table.encode() + b'":')]


def test_the_header_counts_and_digests_every_table(app, tmp_path):
    body = dump_with_cli(app, tmp_path / "a.jsonl")
    header_line, *rows = body.splitlines(keepends=True)
    header = orjson.loads(header_line)["archive"]
    assert header["format"] == "claims-archive"
    assert header["format_version"] == archive.FORMAT_VERSION
    assert header["schema_version"] == LATEST
    assert header["left_out"] == {"api_token": archive.LEFT_OUT[ApiToken]}
    for table in header["tables"]:
        mine = rows_of(rows, table["table"])
        assert table["rows"] == len(mine)
        assert table["sha256"] == hashlib.sha256(b"".join(mine)).hexdigest()
    order = [t["table"] for t in header["tables"]]
    # Referenced tables come first, so a restore writes each row after what it points to.
    for table in archive.ARCHIVED:
        model = next(m for m in MODELS if m._meta.table_name == table.name)
        for reference in model._meta.refs:
            referenced = reference.rel_model._meta.table_name
            if referenced != table.name:
                assert order.index(referenced) < order.index(table.name), (table.name, referenced)


# --- one definition: every table, every column ------------------------------------------


def test_every_table_of_the_models_is_in_the_archive_or_left_out_with_a_reason(app):
    with database.connection_context():
        stored = {t for t in database.get_tables() if not NOT_MODELS.match(t)}
        archived = {t.name: t for t in archive.ARCHIVED}
        left_out = {m._meta.table_name for m in archive.LEFT_OUT}
        assert stored == set(archived) | left_out
        assert {m._meta.table_name for m in MODELS} == set(archived) | left_out
        for name, table in archived.items():
            columns = [c.name for c in database.get_columns(name)]
            assert sorted(columns) == sorted(table.column_names), name


def test_no_dumped_table_holds_a_secret():
    for table in archive.ARCHIVED:
        for column in table.column_names:
            assert not SECRET_COLUMN.search(column), (
                f"{table.name}.{column} looks secret: add the table to archive.LEFT_OUT"
            )


def test_tokens_are_never_dumped(app, tmp_path):
    made = app.test_cli_runner().invoke(args=["create-token", "desk-editor"])
    assert made.exit_code == 0
    body = dump_with_cli(app, tmp_path / "a.jsonl")
    assert made.output.splitlines()[-1].encode() not in body
    assert b"desk-editor" not in body
    assert not any(line.startswith(b'{"api_token"') for line in body.splitlines())


# --- refused archives: named by line and field, nothing written --------------------------


@pytest.fixture
def good_archive(app, tmp_path) -> list[bytes]:
    """The seeded database's archive, as lines."""
    return dump_with_cli(app, tmp_path / "good.jsonl").splitlines(keepends=True)


def claim_line(lines: list[bytes], claim_id: int) -> int:
    """The index of claim `claim_id`'s line."""
    start = b'{"claim":{"id":%d,' % claim_id
    return next(i for i, line in enumerate(lines) if line.startswith(start))


def changed_row(lines, index, **changes) -> list[bytes]:
    (table, row), = orjson.loads(lines[index]).items()  # fmt: skip
    edited = list(lines)
    edited[index] = orjson.dumps({table: {**row, **changes}}) + b"\n"
    return edited


def without_column(lines, index, column) -> list[bytes]:
    (table, row), = orjson.loads(lines[index]).items()  # fmt: skip
    del row[column]
    return [*lines[:index], orjson.dumps({table: row}) + b"\n", *lines[index + 1 :]]


def moved_first(lines, index) -> list[bytes]:
    """The row at `index` moved to just after the header."""
    return [lines[0], lines[index], *lines[1:index], *lines[index + 1 :]]


def rewritten_header(lines, change) -> list[bytes]:
    header = orjson.loads(lines[0])
    change(header["archive"])
    return [orjson.dumps(header) + b"\n", *lines[1:]]


def refresh_digests(lines: list[bytes]) -> list[bytes]:
    """The header's counts and digests recomputed, as if the archive had been dumped so."""

    def recount(header):
        for table in header["tables"]:
            mine = rows_of(lines[1:], table["table"])
            table["rows"], table["sha256"] = len(mine), hashlib.sha256(b"".join(mine)).hexdigest()

    return rewritten_header(lines, recount)


CASES = {
    "not JSON": (lambda ls: ls[:3] + [b"{not json\n"] + ls[3:], r"line 4: not valid JSON"),
    "a value of the wrong type": (
        lambda ls: refresh_digests(changed_row(ls, claim_line(ls, 3), value="many")),
        r"line \d+, claim\.value: a whole number, or a non-integral number",
    ),
    "a missing column": (
        lambda ls: refresh_digests(without_column(ls, claim_line(ls, 3), "unit")),
        r"line \d+, claim\.unit: missing",
    ),
    "an unknown column": (
        lambda ls: refresh_digests(changed_row(ls, claim_line(ls, 3), colour="red")),
        r"line \d+, claim\.colour: unknown column",
    ),
    "a null where none is allowed": (
        lambda ls: refresh_digests(changed_row(ls, claim_line(ls, 3), stated_as=None)),
        r"line \d+, claim\.stated_as: a value is required",
    ),
    "a date in another form": (
        lambda ls: refresh_digests(changed_row(ls, claim_line(ls, 3), published="28/02/2024")),
        r"line \d+, claim\.published: '28/02/2024' is not a date written YYYY-MM-DD",
    ),
    "a reference to nothing": (
        lambda ls: refresh_digests(changed_row(ls, claim_line(ls, 3), speaker_id="nobody")),
        r"line \d+, claim(\.speaker_id: 'nobody' names no row of speaker|: the database refused)",
    ),
    "a duplicate id": (
        lambda ls: refresh_digests(changed_row(ls, claim_line(ls, 4), id=3)),
        r"line \d+, claim: the database refused it",
    ),
    "an edited row": (
        lambda ls: changed_row(ls, claim_line(ls, 3), value=5_000_000_000),
        r"claim: the rows' SHA-256 differs from the header's",
    ),
    "a cut-short file": (lambda ls: ls[:-2], r"\d+ rows read, the header says \d+"),
    "rows out of order": (
        lambda ls: refresh_digests(moved_first(ls, claim_line(ls, 3))),
        r"line \d+: a row of (document|speaker) after the rows of claim",
    ),
    "an unknown table": (
        lambda ls: [*ls, b'{"fingerprint":{"id":1}}\n'],
        r"line \d+: 'fingerprint' is not a table of this archive",
    ),
    "a newer format": (
        lambda ls: rewritten_header(ls, lambda h: h.update(format_version=99)),
        r"line 1, format_version: the archive's format version 99 is newer than this program",
    ),
    "another schema version": (
        lambda ls: rewritten_header(ls, lambda h: h.update(schema_version=LATEST + 1)),
        rf"line 1, schema_version: the archive holds schema version {LATEST + 1}",
    ),
    "not an archive": (
        lambda ls: [b'{"document": {"title": "an import file"}}\n'],
        r"line 1: not a claims-archive header",
    ),
    "an empty file": (lambda ls: [], r"line 1: the archive is empty"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_bad_archive_is_refused_by_line_and_field_and_writes_nothing(
    case, good_archive, tmp_path, request
):
    make, message = CASES[case]
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"".join(make(good_archive)))
    target = app_on(url_for("postgres" if ON_POSTGRES else "sqlite", tmp_path, "target", request))
    result = restore_with_cli(target, bad)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.startswith("Error: restore failed, nothing written: "), result.output
    assert re.search(message, result.output), result.output
    with database.connection_context():
        for table in archive.ARCHIVED:
            assert database.execute_sql(f'SELECT COUNT(*) FROM "{table.name}"').fetchone()[0] == 0
    # The same database then takes the good archive whole.
    good = tmp_path / "good.jsonl"
    assert restore_with_cli(target, good).exit_code == 0
    database.close()


def test_restore_refuses_a_database_that_holds_rows(app, good_archive, tmp_path):
    before = app.test_client().get("/v1/claims?count=true&limit=1").json["count"]
    result = restore_with_cli(app, tmp_path / "good.jsonl")
    assert result.exit_code == 1
    assert "the database is not empty" in result.output
    assert app.test_client().get("/v1/claims?count=true&limit=1").json["count"] == before


def test_dump_never_replaces_an_archive_unless_told(app, tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("an older archive")
    refused = app.test_cli_runner().invoke(args=["dump", str(path)])
    assert refused.exit_code == 1 and "exists" in refused.output
    assert path.read_text() == "an older archive"
    forced = app.test_cli_runner().invoke(args=["dump", str(path), "--force"])
    assert forced.exit_code == 0
    assert path.read_bytes().startswith(b'{"archive":')
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    missing = app.test_cli_runner().invoke(args=["dump", str(tmp_path / "no" / "a.jsonl")])
    assert missing.exit_code == 1 and "is not a directory" in missing.output


# --- moving up: copy --------------------------------------------------------------------


def test_copy_moves_sqlite_into_another_database_and_verifies_it(tmp_path, request):
    source_app = app_on(f"sqlite:///{tmp_path / 'source.db'}")
    build_history(source_app)
    before = dump_with_cli(source_app, tmp_path / "before.jsonl")
    target = url_for("postgres" if ON_POSTGRES else "sqlite", tmp_path, "target", request)
    result = source_app.test_cli_runner().invoke(args=["copy", "--to", target])
    assert result.exit_code == 0, result.output
    assert "verified: every table's digest in the new database matches the archive" in result.output
    assert result.output.rstrip().endswith(f"DATABASE_URL={target}")
    assert dump_with_cli(app_on(target), tmp_path / "after.jsonl") == before
    # A second copy into the now full database is refused, and changes nothing.
    app_on(f"sqlite:///{tmp_path / 'source.db'}")
    again = source_app.test_cli_runner().invoke(args=["copy", "--to", target])
    assert again.exit_code == 1 and "the database is not empty" in again.output
    assert dump_with_cli(app_on(target), tmp_path / "again.jsonl") == before
    database.close()


def test_copy_to_an_unreachable_database_says_so_in_one_line(app, tmp_path):
    result = app.test_cli_runner().invoke(
        args=["copy", "--to", f"postgresql://nobody@/claims?host={tmp_path}&connect_timeout=2"]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.startswith("Error: copy failed, nothing written: cannot use the database")


@pytest.mark.postgres_only
def test_backup_on_postgresql_points_to_dump(runner, tmp_path):
    result = runner.invoke(args=["backup", str(tmp_path / "copy.db")])
    assert result.exit_code == 1
    assert "on PostgreSQL use `flask --app api dump`" in result.output
    assert list(tmp_path.iterdir()) == []


def test_the_generated_row_object_matches_the_columns_one_by_one(tmp_path):
    build_history(app_on(f"sqlite:///{tmp_path / 'history.db'}"))
    with database.connection_context(), archive.snapshot():
        for table in archive.ARCHIVED:
            as_object = archive.row_object(table)
            rows = list(archive._rows(table))
            assert rows, table.name
            for row in rows:
                assert as_object(row) == archive._slow_row_object(table, row)
                assert list(as_object(row)) == list(table.column_names)
    database.close()


@pytest.mark.sqlite_only("only SQLite lets a date column hold any text")
def test_a_stored_value_that_cannot_be_written_exactly_stops_the_dump(app, tmp_path):
    with database.connection_context():
        database.execute_sql("UPDATE claim SET published = 'soon' WHERE id = 3")
    (tmp_path / "out").mkdir()
    result = app.test_cli_runner().invoke(args=["dump", str(tmp_path / "out" / "a.jsonl")])
    assert result.exit_code == 1
    assert "claim {'id': 3}, published: the stored value 'soon' cannot be written" in result.output
    assert list((tmp_path / "out").iterdir()) == []


SAMPLES = [None, 0, 7, True, 1.5, "", "x" * 200, "text", "2024-02-28", "2024-02-28 10:00:00",
           "2024-02-28T10:00:00", "12.5", "12.50", "NaN", [], {}]  # fmt: skip


def test_the_generated_row_reader_takes_and_refuses_what_the_column_checks_do(tmp_path):
    from core.restore import _Bad, _check, row_reader

    build_history(app_on(f"sqlite:///{tmp_path / 'history.db'}"))
    with database.connection_context(), archive.snapshot():
        first_rows = {t.name: next(archive.table_lines(t)) for t in archive.ARCHIVED}
    database.close()

    def one_by_one(checks, table, row):
        try:
            pairs = zip(checks, table.column_names, strict=True)
            return tuple(check(row[name]) for check, name in pairs)
        except _Bad:
            return _Bad

    for postgres in (False, True):
        for table in archive.ARCHIVED:
            read = row_reader(table, postgres)
            checks = [_check(column, postgres) for column in table.columns]
            good = orjson.loads(first_rows[table.name])[table.name]
            assert read(good) == one_by_one(checks, table, good)
            for column in table.columns:
                for sample in SAMPLES:
                    row = {**good, column.name: sample}
                    try:
                        got = read(row)
                    except (_Bad, TypeError, ValueError, ArithmeticError):
                        got = _Bad
                    wanted = one_by_one(checks, table, row)
                    assert got == wanted, (postgres, table.name, column.name, sample)
