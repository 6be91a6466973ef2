"""Bulk import of articles: checked, atomic, searchable, and the benchmark generator."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
from decimal import Decimal
from pathlib import Path

import pytest

from bench.generate import articles, make_speakers, store_speakers
from core import bulk_import as bulk
from schema import search
from schema.db import database
from schema.models import Claim
from tests.test_seeding import table_digest

SPEAKERS = make_speakers(random.Random(3), people=8, organizations=3)


def write_articles(path: Path, items: list[dict]) -> Path:
    """A JSON Lines file of articles."""
    path.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in items), "utf-8")
    return path


@pytest.fixture
def generated(app) -> list[dict]:
    """Generated articles whose speakers are stored."""
    with database.connection_context():
        store_speakers(SPEAKERS)
    return list(articles(300, SPEAKERS, random.Random(5)))


def test_import_file_stores_every_claim_anchored(client, generated, tmp_path):
    with database.connection_context():
        report = bulk.import_file(write_articles(tmp_path / "a.jsonl", generated))
    assert report.claims == 300 and report.documents == len(generated)
    body = client.get("/v1/claims?count=true&limit=500&status=all").json
    assert body["count"] == 310
    for claim in body["data"][10:]:
        text = client.get(f"/v1/documents/{claim['document']['id']}").json["text"]
        assert text[claim["source"]["start"] : claim["source"]["end"]] == claim["stated_as"]
    verified = client.get(f"/v1/documents/{generated[0]['document']['id']}/verify").json
    assert set(verified["states"]) == {"anchored"}
    assert all(report["ok"] for report in verified["data"])


def test_imported_claims_are_searchable(client, generated):
    with database.connection_context():
        bulk.import_articles(generated)
    term = next(
        c["stated_as"] for a in generated for c in a["claims"] if c["unit"] == "USD"
    ).split()[0]
    found = client.get(f"/v1/claims?q={term}&limit=500").json["data"]
    assert found and all(term in c["source"]["sentence"] for c in found)


def bad_unit(items):
    items[3]["claims"][0]["unit"] = "gallons"


def bad_offsets(items):
    items[5]["claims"][0]["start"] += 1


def bad_speaker(items):
    items[2]["claims"][0]["speaker"] = "nobody"


def duplicate_document(items):
    items[4]["document"]["id"] = items[1]["document"]["id"]


def stored_document(items):
    items[0]["document"]["id"] = "joongang-2024-02-28-zuckerberg-seoul"


def bad_value(items):
    items[6]["claims"][0]["value"] = "lots"


@pytest.mark.parametrize(
    ("corrupt", "message"),
    [
        (bad_unit, "field unit"),
        (bad_offsets, "field stated_as"),
        (bad_speaker, "field speaker"),
        (duplicate_document, "appears twice"),
        (stored_document, "exists already"),
        (bad_value, "field value"),
    ],
)
@pytest.mark.parametrize("through_file", [False, True])
def test_a_bad_record_writes_nothing(generated, tmp_path, corrupt, message, through_file):
    corrupt(generated)
    with database.connection_context():
        before = table_digest()
        with pytest.raises(bulk.ImportRejected, match=message):
            if through_file:
                bulk.import_file(write_articles(tmp_path / "bad.jsonl", generated))
            else:
                bulk.import_articles(generated)
        assert table_digest() == before


def test_malformed_json_line_is_named(app, tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text("\n{not json\n", "utf-8")
    with database.connection_context(), pytest.raises(bulk.ImportRejected, match="line"):
        bulk.import_file(path)


def test_cli_import(runner, generated, tmp_path):
    path = write_articles(tmp_path / "a.jsonl", generated[:10])
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    assert f"imported 10 documents and {sum(len(a['claims']) for a in generated[:10])}" in (
        result.output
    )
    again = runner.invoke(args=["import", str(path)])
    assert again.exit_code == 1 and "nothing written" in again.output


@pytest.mark.parametrize(
    "text", ["CAPEX 설비투자 370억 달러.", "İstanbul ΣΊΣΥΦΟΣ", "a", "콘텐트 업체와 함께"]
)
def test_document_grams_equal_index_text(text):
    grams = search.DocumentGrams(text)
    for start in range(len(text)):
        for end in range(start + 1, len(text) + 1):
            for subject in (None, "", "LG전자 기기"):
                assert grams.index_text(start, end, subject) == search.index_text(
                    text[start:end], subject
                ), (start, end, subject)


# --- indexes dropped and rebuilt around an import into a nearly empty table ------------

sqlite_only = pytest.mark.sqlite_only("reads SQLite's schema table")


def stored_indexes() -> list[tuple[str, str, str]]:
    """Every index of the database, as (table, name, CREATE statement)."""
    return database.execute_sql(
        "SELECT tbl_name, name, COALESCE(sql, '') FROM sqlite_master "
        "WHERE type = 'index' ORDER BY tbl_name, name"
    ).fetchall()


def intact() -> bool:
    """SQLite finds every index entry matching its row, and the search index its own."""
    database.execute_sql("INSERT INTO claim_search (claim_search) VALUES ('integrity-check')")
    return database.execute_sql("PRAGMA integrity_check").fetchall() == [("ok",)]


def planner_statistics() -> list[tuple]:
    """What ANALYZE stored for the query planner (dropping an index drops its rows)."""
    return database.execute_sql("SELECT * FROM sqlite_stat1 ORDER BY tbl, idx").fetchall()


def uses_index(sql: str, name: str) -> bool:
    """Whether SQLite's plan for `sql` reads the index `name`."""
    plan = database.execute_sql(f"EXPLAIN QUERY PLAN {sql}").fetchall()
    return any(name in row[-1] for row in plan)


@pytest.fixture
def many(app) -> list[dict]:
    """Some 5,000 generated claims (several batches), their speakers stored."""
    with database.connection_context():
        store_speakers(SPEAKERS)
    return list(articles(5000, SPEAKERS, random.Random(9)))


@sqlite_only
@pytest.mark.parametrize("stored_claims", ["few", "many"])
def test_import_keeps_every_index(many, monkeypatch, stored_claims):
    # The seeded tables are not empty: "few" rebuilds their indexes, "many" keeps them.
    monkeypatch.setattr(bulk, "REBUILD_BELOW", 10_000 if stored_claims == "few" else 1)
    with database.connection_context():
        before = stored_indexes()
        assert sum(1 for table, _, _ in before if table == "claim") >= 10
        bulk.import_articles(many)
        assert stored_indexes() == before
        assert intact()
        assert uses_index(
            "SELECT id FROM claim WHERE status = 'active' AND unit = 'USD' ORDER BY value",
            "claim_status_unit_value_id",
        )
        count = database.execute_sql(
            "SELECT COUNT(*) FROM claim INDEXED BY claim_status_speaker_id_id "
            "WHERE status = 'active' AND speaker_id = ?",
            (SPEAKERS[0]["id"],),
        ).fetchone()[0]
        expected = sum(c.get("speaker") == SPEAKERS[0]["id"] for a in many for c in a["claims"])
        assert count == expected > 0


@sqlite_only
def test_indexes_are_rebuilt_only_into_a_nearly_empty_table(many, monkeypatch):
    dropped = []
    execute = database.obj.execute_sql

    def watched(sql, *args, **kwargs):
        if sql.startswith("DROP INDEX"):
            dropped.append(sql)
        return execute(sql, *args, **kwargs)

    monkeypatch.setattr(database.obj, "execute_sql", watched)
    with database.connection_context():
        bulk.import_articles(many[:10])
        assert any("claim_status_value_id" in sql for sql in dropped)
        dropped.clear()
        monkeypatch.setattr(bulk, "REBUILD_BELOW", 10)  # both tables hold more by now
        bulk.import_articles(many[10:20])
        assert dropped == []
        assert intact()


@sqlite_only
@pytest.mark.parametrize("stored_claims", ["few", "many"])
@pytest.mark.parametrize("apart", [False, True])
def test_late_bad_record_leaves_rows_and_indexes(many, tmp_path, monkeypatch, stored_claims, apart):
    monkeypatch.setattr(bulk, "REBUILD_BELOW", 10_000 if stored_claims == "few" else 1)
    monkeypatch.setattr(bulk, "CHECK_APART_FROM", 0 if apart else 2**40)
    first, rest = many[:5], many[5:]
    rest[-1]["claims"][-1]["unit"] = "gallons"
    path = write_articles(tmp_path / "late.jsonl", rest)
    with database.connection_context():
        from_the_models = stored_indexes()
        bulk.import_articles(first)  # an import before: the planner's statistics exist
        rows, indexes, statistics = table_digest(), stored_indexes(), planner_statistics()
        assert indexes == from_the_models and statistics
        with pytest.raises(bulk.ImportRejected, match=r"claim #\d+, field unit"):
            bulk.import_file(path)
        assert stored_indexes() == indexes
        assert table_digest() == rows
        assert planner_statistics() == statistics
        assert intact()
        # Nothing half-done stays behind: the same articles, mended, import.
        rest[-1]["claims"][-1]["unit"] = "USD"
        report = bulk.import_file(write_articles(tmp_path / "mended.jsonl", rest))
        assert report.claims == 5000 - sum(len(a["claims"]) for a in first)
        assert stored_indexes() == indexes and intact()


# --- articles checked by a child process ------------------------------------------------


@pytest.mark.parametrize("apart", [False, True])
def test_rows_are_cut_from_the_text_however_checked(generated, tmp_path, monkeypatch, apart):
    monkeypatch.setattr(bulk, "CHECK_APART_FROM", 0 if apart else 2**40)
    path = write_articles(tmp_path / "a.jsonl", generated)
    with database.connection_context():
        report = bulk.import_file(path)
        rows = database.execute_sql(
            'SELECT id, document_id, speaker_id, value, "start", "end", sentence, '
            "quote_prefix, quote_suffix, restates_id, published FROM claim "
            "WHERE id > 10 ORDER BY id"
        ).fetchall()
    assert report.claims == 300 and report.documents == len(generated)
    assert [row[0] for row in rows] == list(range(11, 311))
    flat = [(a, i, c) for a in generated for i, c in enumerate(a["claims"])]
    for row, (article, index, claim) in zip(rows, flat, strict=True):
        text = article["document"]["text"]
        assert row[1] == article["document"]["id"] and row[2] == claim["speaker"]
        assert Decimal(str(row[3])) == Decimal(str(claim["value"]))
        assert (row[4], row[5]) == (claim["start"], claim["end"])
        assert claim["stated_as"] in row[6] and row[6] in text
        assert row[7] == text[max(0, claim["start"] - 32) : claim["start"]]
        assert row[8] == text[claim["end"] : claim["end"] + 32]
        restated = None if claim["restates"] is None else row[0] - index + claim["restates"]
        assert row[9] == restated
        assert str(row[10]) == article["document"]["published"]
    assert not multiprocessing.active_children()


@pytest.mark.parametrize(
    ("corrupt", "message"),
    [(bad_speaker, "field speaker"), (stored_document, "exists already")],
)
def test_child_checked_import_rejects_and_ends(generated, tmp_path, monkeypatch, corrupt, message):
    # A bad speaker is found by the child, a stored document id by this process.
    monkeypatch.setattr(bulk, "CHECK_APART_FROM", 0)
    corrupt(generated)
    with database.connection_context():
        before = table_digest()
        with pytest.raises(bulk.ImportRejected, match=message):
            bulk.import_file(write_articles(tmp_path / "bad.jsonl", generated))
        assert table_digest() == before
    assert not multiprocessing.active_children()


def test_child_that_dies_fails_the_import(many, tmp_path, monkeypatch):
    monkeypatch.setattr(bulk, "CHECK_APART_FROM", 0)
    path = write_articles(tmp_path / "a.jsonl", many)
    received = bulk._received

    def child_killed(receiver):
        for number, checked in enumerate(received(receiver)):
            if number == 0:
                (child,) = multiprocessing.active_children()
                os.kill(child.pid, signal.SIGKILL)
            yield checked

    monkeypatch.setattr(bulk, "_received", child_killed)
    with database.connection_context():
        before = table_digest()
        with pytest.raises(RuntimeError, match="ended unexpectedly"):
            bulk.import_file(path)
        assert table_digest() == before


def counted_from_the_end(claim, text):
    """The same span as negative offsets (which a slice would accept)."""
    claim["start"] -= len(text)
    claim["end"] -= len(text)


def first_character_up_to_true(claim, text):
    """`end` as the boolean True, which equals 1 in a slice."""
    claim.update(start=0, end=True, stated_as=text[0])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (counted_from_the_end, "field start"),
        (first_character_up_to_true, "field start"),
        (lambda claim, _: claim.update(end=float(claim["end"])), "field start"),
        (lambda claim, _: claim.update(speaker=["person-0"]), "field speaker"),
        (lambda claim, _: claim.update(unit=["USD"]), "field unit"),
        (lambda claim, _: claim.update(subject={"text": "x"}), "field subject"),
        (lambda claim, _: claim.update(subject="x" * 501), "field subject"),
        (lambda claim, _: claim.update(subject="bell\x07"), "field subject"),
        (lambda claim, _: claim.update(subject="   "), "field subject"),
        (lambda claim, _: claim.update(confidence=2), "field confidence"),
    ],
)
def test_odd_claim_values_are_rejected_by_field(generated, change, message):
    change(generated[0]["claims"][0], generated[0]["document"]["text"])
    with database.connection_context():
        before = table_digest()
        with pytest.raises(bulk.ImportRejected, match=f"claim #0, {message}"):
            bulk.import_articles(generated)
        assert table_digest() == before


def test_empty_stated_as_past_the_text_is_rejected(generated):
    document = generated[0]["document"]
    past = len(document["text"]) + 5
    generated[0]["claims"][0].update({"start": past, "end": past + 3, "stated_as": ""})
    with database.connection_context(), pytest.raises(bulk.ImportRejected, match="field st"):
        bulk.import_articles(generated)


def test_subject_the_fast_check_doubts_is_still_imported(generated):
    # A tab and a no-break space are allowed in a subject; the fast path sends
    # such a subject to the API's own field check, which lets it through.
    generated[0]["claims"][0]["subject"] = "LG\tTV\u00a0sales"
    with database.connection_context():
        bulk.import_articles(generated)
        assert Claim.select().where(Claim.subject == "LG\tTV\u00a0sales").count() == 1
