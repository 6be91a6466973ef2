"""Schema migrations upgrade a database made by the previous version in place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from api import create_app
from schema.db import database
from schema.migrations import LATEST, applied_versions, migrate

V1_DUMP = Path(__file__).parent / "data" / "schema-v1.sql"


def make_v1_database(path: Path) -> None:
    """A database exactly as version 1 left it, with a claim edited once."""
    con = sqlite3.connect(path)
    con.executescript(V1_DUMP.read_text(encoding="utf-8"))
    # Version 1 kept a row per version, the current one included.
    con.execute(
        "UPDATE claim SET subject = 'edited in v1', version = 2, "
        "updated_at = '2024-03-01 00:00:00' WHERE id = 1"
    )
    con.execute(
        "INSERT INTO claim_version (claim_id, version, data, changed_by, changed_at, reason) "
        "VALUES (1, 2, '{\"subject\": \"edited in v1\"}', 'desk', '2024-03-01 00:00:00', 'fix')"
    )
    con.commit()
    con.close()


def counts(path: Path) -> dict[str, int]:
    """Rows per table, read with plain sqlite3."""
    con = sqlite3.connect(path)
    found = {
        table: con.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
        for table in ("document", "speaker", "speaker_alias", "claim")
    }
    con.close()
    return found


@pytest.mark.sqlite_only("upgrades SQLite files made by older versions")
def test_v1_database_is_upgraded_without_losing_rows(tmp_path):
    path = tmp_path / "v1.db"
    make_v1_database(path)
    before = counts(path)
    app = create_app({"DATABASE_URL": f"sqlite:///{path}"})
    client = app.test_client()
    assert counts(path) == before
    with database.connection_context():
        assert applied_versions() == set(range(1, LATEST + 1))
    history = client.get("/v1/claims/1/history").json["data"]
    assert [(v["version"], v["changed_by"], v["reason"]) for v in history] == [
        (1, "fixtures", "seeded from fixtures"),
        (2, "desk", "fix"),
    ]
    assert client.get("/v1/claims/1").json["subject"] == "edited in v1"
    # Speakers from before v4 are their own version 1, and change from there.
    assert [v["version"] for v in client.get("/v1/speakers/meta/history").json["data"]] == [1]
    assert client.get("/v1/speakers/meta").json["version"] == 1
    assert [c["id"] for c in client.get("/v1/claims?q=콘텐").json["data"]] == [4, 5, 6, 7]
    assert client.get("/v1/documents/joongang-2024-02-28-zuckerberg-seoul/verify").json[
        "states"
    ] == {"anchored": 10}
    # v6 found each direct quote's own words in the text; other claims quote no one.
    quoted = {c["id"]: c["source"]["quote"] for c in client.get("/v1/claims").json["data"]}
    assert {i for i, q in quoted.items() if q} == {3, 6, 7}
    assert quoted[3]["exact"].startswith("메타의 AI 언어모델과")
    database.close()


@pytest.mark.sqlite_only("upgrades SQLite files made by older versions")
def test_migrating_twice_changes_nothing(tmp_path):
    path = tmp_path / "v1.db"
    make_v1_database(path)
    create_app({"DATABASE_URL": f"sqlite:///{path}"})
    with database.connection_context():
        assert migrate() == []
    database.close()


def test_new_database_starts_at_the_latest_version(database_url):
    create_app({"DATABASE_URL": database_url})
    with database.connection_context():
        assert applied_versions() == set(range(1, LATEST + 1))
        assert migrate() == []
    database.close()


@pytest.mark.sqlite_only("upgrades SQLite files made by older versions")
def test_database_made_before_migrations_were_recorded_at_v2(tmp_path):
    path = tmp_path / "v2.db"
    create_app({"DATABASE_URL": f"sqlite:///{path}"})
    database.close()
    con = sqlite3.connect(path)
    con.execute('DROP TABLE "schema_migration"')
    con.commit()
    con.close()
    create_app({"DATABASE_URL": f"sqlite:///{path}"})
    with database.connection_context():
        assert applied_versions() == set(range(1, LATEST + 1))
    database.close()


def index_definitions(path: Path) -> dict[str, str]:
    """Every index's CREATE statement, by name, read with plain sqlite3."""
    con = sqlite3.connect(path)
    rows = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'").fetchall()
    con.close()
    return dict(rows)


@pytest.mark.sqlite_only("upgrades SQLite files made by older versions")
def test_upgraded_database_has_the_indexes_of_a_new_one(tmp_path):
    old, new = tmp_path / "v1.db", tmp_path / "new.db"
    make_v1_database(old)
    for path in (old, new):
        create_app({"DATABASE_URL": f"sqlite:///{path}"})
        database.close()
    upgraded = index_definitions(old)
    assert upgraded == index_definitions(new)
    assert upgraded["speaker_name_en"].endswith('WHERE ("name_en" IS NOT NULL)')
    assert upgraded["claim_restates_id"].endswith('WHERE ("restates_id" IS NOT NULL)')


@pytest.mark.sqlite_only("upgrades SQLite files made by older versions")
def test_upgraded_database_knows_what_the_fixtures_wrote(tmp_path):
    from core.seeding import seed
    from schema.models import Document

    path = tmp_path / "v1.db"
    make_v1_database(path)
    client = create_app({"DATABASE_URL": f"sqlite:///{path}"}).test_client()
    with database.connection_context():
        assert {d.changed_by for d in Document.select()} == {"fixtures"}
        report = seed()
    # Claim 1 was edited in v1 by a person: seeding after the upgrade keeps it.
    assert client.get("/v1/claims/1").json["subject"] == "edited in v1"
    assert report.kept["claims"] == 1
    # Speakers no fixture claim quotes cannot be told apart from ones a person
    # posted before v4 recorded authors: they are kept, and only a change warns.
    assert report.kept["speakers"] == 2
    # Only a change warns: the fixtures gave Mark Zuckerberg's organisation an English
    # name after this database's version.
    assert [(c.record, c.fields) for c in report.conflicts] == [
        ("#3 (id 'mark-zuckerberg')", ("organization_en",))
    ]
    database.close()


V6_COLUMNS = {
    "document": ("title_en", "outlet_en"),
    "speaker": ("role_en", "organization_en"),
    "claim": ("quoted_start", "quoted_end", "quoted_words", "attribution_rule", "mention_start",
              "mention_end", "mention"),
}  # fmt: skip


def test_v5_database_gains_quoted_words_and_english_names(app, client):
    """On either backend: a database as v5 left it (no v6 columns) is upgraded in place."""
    with database.connection_context():
        for table, columns in V6_COLUMNS.items():
            for column in columns:
                database.execute_sql(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
        database.execute_sql('DELETE FROM "schema_migration" WHERE "version" = 6')
        assert migrate() == [6]
        present = {t: {c.name for c in database.get_columns(t)} for t in V6_COLUMNS}
    for table, columns in V6_COLUMNS.items():
        assert set(columns) <= present[table], table
    quote = client.get("/v1/claims/3").json["source"]["quote"]
    assert quote["exact"].startswith("메타의 AI 언어모델과") and quote["start"] == 1109
    assert client.get("/v1/claims/8").json["source"]["quote"] is None
    assert client.get("/v1/claims/3/verify").json["ok"] is True
