"""Seeding: idempotent, atomic, validated through the API's schemas."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from api import create_app
from core.seeding import SeedError, seed
from schema.db import database, is_sqlite
from tests.conftest import read_fixture


def table_digest() -> str:
    """A checksum of every row of every table, to prove nothing changed."""
    digest = hashlib.sha256()
    tables = [
        "document",
        "speaker",
        "speaker_alias",
        "claim",
        "claim_version",
        "claim_search",
    ]
    for table in tables:
        if is_sqlite():  # the rowid too: the contentless search index has nothing else
            sql = f"SELECT *, rowid FROM {table} ORDER BY rowid"
        else:
            keys = ", ".join(f'"{key}"' for key in database.get_primary_keys(table))
            sql = f'SELECT * FROM "{table}" ORDER BY {keys}'
        for row in database.execute_sql(sql).fetchall():
            digest.update(repr(row).encode())
    return digest.hexdigest()


def write(directory: Path, name: str, records) -> None:
    """Overwrite one fixture file."""
    (directory / name).write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")


def test_seeding_twice_changes_nothing(app):
    with database.connection_context():
        before = table_digest()
        report = seed()
        assert table_digest() == before
    assert report.created == {}
    assert report.unchanged == {"documents": 1, "organizations": 2, "speakers": 5, "claims": 10}


def test_seeded_ids_are_the_fixture_ids(client):
    ids = [c["id"] for c in client.get("/v1/claims").json["data"]]
    assert ids == [c["id"] for c in read_fixture("claims.json")]


def test_changed_fixture_claim_becomes_a_new_version(app, fixture_copy):
    claims = read_fixture("claims.json", fixture_copy)
    claims[0]["subject"] = "a corrected subject"
    write(fixture_copy, "claims.json", claims)
    with database.connection_context():
        report = seed(fixture_copy)
    history = app.test_client().get(f"/v1/claims/{claims[0]['id']}/history").json["data"]
    assert report.updated == {"claims": 1}
    assert [(v["version"], v["changed_by"], v["reason"]) for v in history] == [
        (1, "fixtures", "seeded from fixtures"),
        (2, "fixtures", "fixture changed"),
    ]
    assert history[0]["data"]["subject"] != history[1]["data"]["subject"]


def test_changed_fixture_speaker_keeps_its_old_state(app, fixture_copy):
    speakers = read_fixture("speakers.json", fixture_copy)
    old_role = speakers[0]["role"]
    speakers[0]["role"] = "a new role"
    write(fixture_copy, "speakers.json", speakers)
    with database.connection_context():
        report = seed(fixture_copy)
    history = app.test_client().get(f"/v1/speakers/{speakers[0]['id']}/history").json["data"]
    assert report.updated == {"speakers": 1}
    assert [(v["version"], v["reason"], v["data"]["role"]) for v in history] == [
        (1, "seeded from fixtures", old_role),
        (2, "fixture changed", "a new role"),
    ]


def corrupt_value(records):
    records[2]["value"] = "five hundred million"


def corrupt_offsets(records):
    records[2]["start"] += 1
    records[2]["end"] += 1


def corrupt_unit(records):
    records[5]["unit"] = "gallons"


def corrupt_speaker(records):
    records[3]["speaker"] = "nobody-known"


def corrupt_extra_field(records):
    records[0]["valeu"] = 10


def corrupt_duplicate_id(records):
    records[1]["id"] = records[0]["id"]


def corrupt_restates(records):
    records[8]["restates"] = 999


def corrupt_attribution(records):
    records[7]["attribution"] = "direct_quote"  # the reporter's sentence: no quotation marks


@pytest.mark.parametrize(
    ("corrupt", "record", "field"),
    [
        (corrupt_value, "#2", "value"),
        (corrupt_offsets, "#2", "stated_as"),
        (corrupt_unit, "#5", "unit"),
        (corrupt_speaker, "#3", "speaker"),
        (corrupt_extra_field, "#0", "valeu"),
        (corrupt_duplicate_id, "#1", "id"),
        (corrupt_restates, "#8", "restates"),
        (corrupt_attribution, "#7", "attribution"),
    ],
)
def test_a_bad_claim_changes_nothing_and_is_named(app, fixture_copy, corrupt, record, field):
    claims = read_fixture("claims.json", fixture_copy)
    claims[0]["subject"] = "this good change must not land either"
    corrupt(claims)
    write(fixture_copy, "claims.json", claims)
    with database.connection_context():
        before = table_digest()
        with pytest.raises(SeedError) as raised:
            seed(fixture_copy)
        assert table_digest() == before
    message = str(raised.value)
    assert message.startswith(f"claims.json, record {record}")
    assert f"field {field}" in message


def test_a_bad_document_file_is_named(app, fixture_copy):
    (fixture_copy / "documents.json").write_text("[{", encoding="utf-8")
    with database.connection_context(), pytest.raises(SeedError, match="documents.json"):
        seed(fixture_copy)


def test_a_changed_text_is_refused_not_overwritten(app, fixture_copy):
    doc = read_fixture("documents.json", fixture_copy)[0]
    text_file = fixture_copy / doc["text_file"]
    text_file.write_text(text_file.read_text(encoding="utf-8") + "추가", encoding="utf-8")
    del doc["text_sha256"]
    write(fixture_copy, "documents.json", [doc])
    with database.connection_context():
        before = table_digest()
        with pytest.raises(SeedError, match="immutable"):
            seed(fixture_copy)
        assert table_digest() == before


def test_check_validates_and_writes_nothing(database_url):
    create_app({"DATABASE_URL": database_url})
    with database.connection_context():
        before = table_digest()
        report = seed(check=True)
        assert table_digest() == before
    assert report.created["claims"] == 10


def test_cli_seed_reports_and_is_idempotent(runner):
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    assert "claims: 0 created, 0 updated, 10 unchanged" in result.output


def test_cli_seed_names_the_bad_record(runner, fixture_copy):
    claims = read_fixture("claims.json", fixture_copy)
    corrupt_unit(claims)
    write(fixture_copy, "claims.json", claims)
    result = runner.invoke(args=["seed", "--fixtures", str(fixture_copy)])
    assert result.exit_code == 1
    assert "nothing written" in result.output
    assert "claims.json, record #5 (id 6), field unit" in result.output
    assert "Traceback" not in result.output


def test_cli_check_dry_run(runner, fixture_copy):
    result = runner.invoke(args=["seed", "--check", "--fixtures", str(fixture_copy)])
    assert result.exit_code == 0
    assert "check only: nothing written" in result.output
