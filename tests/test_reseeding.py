"""Seeding again (every `make run` does) never undoes what a person wrote.

Fixtures are the initial state and the source of records nobody touched since;
a record whose latest version a person wrote is left alone, and a fixture that
changed such a record is reported as a conflict.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from api import create_app
from api.database import StartupError
from bench.servers import Server, free_port
from core.seeding import SeedConflicts, seed
from schema.db import database
from tests.conftest import AUTH, read_fixture
from tests.test_seeding import table_digest, write

ROOT = Path(__file__).resolve().parents[1]


def etag(client, path: str) -> str:
    return client.get(path).headers["ETag"]


def retract(client, claim_id: int, reason: str = "a reviewer's decision") -> None:
    response = client.delete(f"/v1/claims/{claim_id}", json={"reason": reason}, headers=AUTH)
    assert response.status_code == 200, response.json


def correct(client, claim_id: int, **changes) -> None:
    headers = {**AUTH, "If-Match": etag(client, f"/v1/claims/{claim_id}")}
    body = {**changes, "reason": "a reviewer's correction"}
    response = client.patch(f"/v1/claims/{claim_id}", json=body, headers=headers)
    assert response.status_code == 200, response.json


def edit_speaker(client, speaker_id: str, **changes) -> None:
    headers = {**AUTH, "If-Match": etag(client, f"/v1/speakers/{speaker_id}")}
    response = client.patch(f"/v1/speakers/{speaker_id}", json=changes, headers=headers)
    assert response.status_code == 200, response.json


def reseed(directory=None, **options):
    with database.connection_context():
        return seed(directory, **options) if directory else seed(**options)


def test_a_retraction_survives_seeding(client):
    retract(client, 10)
    before = client.get("/v1/claims/10").json
    with database.connection_context():
        digest = table_digest()
    report = reseed()
    with database.connection_context():
        assert table_digest() == digest
    after = client.get("/v1/claims/10").json
    assert after == before
    assert after["status"] == "retracted"
    assert after["status_changed_by"] == "tester"
    assert len(client.get("/v1/claims/10/history").json["data"]) == 2
    assert report.kept == {"claims": 1}
    assert report.conflicts == []


def test_a_correction_and_a_speaker_edit_survive_any_number_of_seeds(client):
    correct(client, 3, subject="a reviewer's subject")
    edit_speaker(client, "park-hyoung-sei", role="사장", reason="promoted")
    claim, speaker = client.get("/v1/claims/3").json, client.get("/v1/speakers/park-hyoung-sei")
    for _ in range(3):
        report = reseed()
        assert report.kept == {"claims": 1, "speakers": 1}
    assert client.get("/v1/claims/3").json == claim
    assert client.get("/v1/speakers/park-hyoung-sei").json == speaker.json
    assert [v["version"] for v in client.get("/v1/claims/3/history").json["data"]] == [1, 2]


def test_a_changed_fixture_still_updates_a_record_nobody_touched(app, fixture_copy):
    claims = read_fixture("claims.json", fixture_copy)
    claims[1]["subject"] = "a better subject from the fixtures"
    write(fixture_copy, "claims.json", claims)
    report = reseed(fixture_copy)
    assert report.updated == {"claims": 1}
    assert report.conflicts == []
    body = app.test_client().get(f"/v1/claims/{claims[1]['id']}").json
    assert body["subject"] == "a better subject from the fixtures"
    assert body["version"] == 2


def test_a_fixture_change_to_an_edited_claim_keeps_the_edit_and_warns(client, fixture_copy):
    correct(client, 3, subject="a reviewer's subject")
    claims = read_fixture("claims.json", fixture_copy)
    target = next(c for c in claims if c["id"] == 3)
    target["subject"] = "the fixture's new subject"
    target["qualifier"] = "approx"
    write(fixture_copy, "claims.json", claims)
    report = reseed(fixture_copy)
    body = client.get("/v1/claims/3").json
    assert body["subject"] == "a reviewer's subject"
    assert body["qualifier"] == "at_least"
    assert body["version"] == 2
    [conflict] = report.conflicts
    assert (conflict.file, conflict.fields, conflict.kept_by) == (
        "claims.json",
        ("subject", "qualifier"),
        "tester",
    )
    assert "(id 3)" in conflict.record


def test_an_unchanged_fixture_of_an_edited_claim_is_no_conflict(client):
    correct(client, 3, subject="a reviewer's subject")
    assert reseed().conflicts == []


def test_a_fixture_change_to_an_edited_speaker_is_a_conflict(client, fixture_copy):
    edit_speaker(client, "park-hyoung-sei", role="사장", reason="promoted")
    speakers = read_fixture("speakers.json", fixture_copy)
    next(s for s in speakers if s["id"] == "park-hyoung-sei")["aliases"].append("박 본부장님")
    write(fixture_copy, "speakers.json", speakers)
    report = reseed(fixture_copy)
    [conflict] = report.conflicts
    assert (conflict.file, conflict.fields) == ("speakers.json", ("aliases",))
    assert client.get("/v1/speakers/park-hyoung-sei").json["role"] == "사장"


def test_a_document_a_person_stored_is_never_changed_by_a_fixture(client, fixture_copy):
    text = "한빛전자는 올해 매출이 3조원에 이를 것이라고 밝혔다."
    body = {"id": "person-stored", "title": "A person's title", "outlet": "desk",
            "published": "2024-03-01", "language": "ko", "text": text}  # fmt: skip
    assert client.post("/v1/documents", json=body, headers=AUTH).status_code == 201
    (fixture_copy / "texts" / "person-stored.txt").write_text(text, encoding="utf-8")
    documents = read_fixture("documents.json", fixture_copy)
    documents.append(
        {
            **{k: body[k] for k in ("id", "outlet", "published", "language")},
            "title": "The fixture's title",
            "url": None,
            "author": None,
            "text_file": "texts/person-stored.txt",
        }  # fmt: skip
    )
    write(fixture_copy, "documents.json", documents)
    report = reseed(fixture_copy)
    assert client.get("/v1/documents/person-stored").json["title"] == "A person's title"
    [conflict] = report.conflicts
    assert (conflict.file, conflict.fields, conflict.kept_by) == (
        "documents.json",
        ("title",),
        "tester",
    )


def test_strict_seeding_refuses_a_conflict_and_writes_nothing(client, fixture_copy):
    correct(client, 3, subject="a reviewer's subject")
    claims = read_fixture("claims.json", fixture_copy)
    next(c for c in claims if c["id"] == 3)["subject"] = "the fixture's new subject"
    claims[1]["subject"] = "an untouched claim's new subject"
    write(fixture_copy, "claims.json", claims)
    with database.connection_context():
        digest = table_digest()
        with pytest.raises(SeedConflicts):
            seed(fixture_copy, strict=True)
        assert table_digest() == digest


def test_the_cli_warns_and_exits_0_or_fails_with_strict(app, client, runner, fixture_copy):
    correct(client, 3, subject="a reviewer's subject")
    claims = read_fixture("claims.json", fixture_copy)
    next(c for c in claims if c["id"] == 3)["subject"] = "the fixture's new subject"
    write(fixture_copy, "claims.json", claims)
    checked = runner.invoke(args=["seed", "--check", "--fixtures", str(fixture_copy)])
    assert checked.exit_code == 0
    assert "warning: claims.json, record #2 (id 3): the fixture changed subject" in checked.output
    assert "claims: 0 created, 0 updated, 9 unchanged, 1 kept" in checked.output
    strict = runner.invoke(args=["seed", "--strict", "--fixtures", str(fixture_copy)])
    assert strict.exit_code == 1
    assert "seed failed (--strict), nothing written" in strict.output
    seeded = runner.invoke(args=["seed", "--fixtures", str(fixture_copy)])
    assert seeded.exit_code == 0
    assert "warning:" in seeded.output
    assert client.get("/v1/claims/3").json["subject"] == "a reviewer's subject"


def test_check_reports_what_seeding_would_keep_without_writing(client):
    retract(client, 10)
    with database.connection_context():
        digest = table_digest()
        report = seed(check=True)
        assert table_digest() == digest
    assert report.kept == {"claims": 1}


@pytest.mark.parametrize("setting", ["fixtures:abc", "x:y, fixtures:z"])
def test_no_token_may_write_under_the_seeders_name(database_url, setting):
    with pytest.raises(StartupError, match="reserved for seeding"):
        create_app({"DATABASE_URL": database_url, "CLAIMS_WRITE_TOKENS": setting})


def test_the_cli_will_not_create_a_token_named_like_the_seeder(runner):
    result = runner.invoke(args=["create-token", "fixtures"])
    assert result.exit_code == 1
    assert "reserved for seeding" in result.output


def test_history_keeps_every_version_through_reseeding(client):
    correct(client, 8, subject="first correction")
    reseed()
    correct(client, 8, subject="second correction")
    reseed()
    history = client.get("/v1/claims/8/history").json["data"]
    assert [(v["version"], v["changed_by"]) for v in history] == [
        (1, "fixtures"),
        (2, "tester"),
        (3, "tester"),
    ]
    assert json.dumps(history[-1]["data"]["subject"], ensure_ascii=False) == '"second correction"'


# --- restarts through `make run` ----------------------------------------------------------


def call(base: str, method: str, path: str, body: dict | None = None, headers=None):
    """One real HTTP request; answers (status, JSON body, headers)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    for name, value in {**(headers or {}), "Content-Type": "application/json"}.items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read()), response.headers
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read()), error.headers


def make_run(database_url: str, port: int, log_path: Path) -> Server:
    """`make run` exactly as a user starts it: set up, seed, serve."""
    return Server(
        "make run",
        ["make", "--no-print-directory", "run", f"PORT={port}", "WORKERS=1"],
        port=port,
        ready_path="/healthz",
        workers=1,
        log_path=log_path,
        cwd=ROOT,
        env={"DATABASE_URL": database_url, "CLAIMS_WRITE_TOKENS": "tester:secret-token"},
    )


def test_restarting_make_run_keeps_every_edit(database_url, tmp_path):
    port = free_port()
    with make_run(database_url, port, tmp_path / "first.log") as server:
        base = server.base_url
        assert call(base, "DELETE", "/v1/claims/10", {"reason": "not a claim"}, AUTH)[0] == 200
        _, _, headers = call(base, "GET", "/v1/claims/3")
        patched = call(base, "PATCH", "/v1/claims/3", {"subject": "corrected", "reason": "fix"},
                       {**AUTH, "If-Match": headers["ETag"]})  # fmt: skip
        assert patched[0] == 200
        speaker = {"role": "사장", "reason": "promoted"}
        _, _, headers = call(base, "GET", "/v1/speakers/park-hyoung-sei")
        tagged = {**AUTH, "If-Match": headers["ETag"]}
        assert call(base, "PATCH", "/v1/speakers/park-hyoung-sei", speaker, tagged)[0] == 200
        before = [call(base, "GET", path)[1] for path in RESTART_PATHS]
    for attempt in range(2):
        with make_run(database_url, port, tmp_path / f"again-{attempt}.log") as server:
            after = [call(server.base_url, "GET", path)[1] for path in RESTART_PATHS]
        assert after == before
    assert before[0]["status"] == "retracted"
    assert before[1]["subject"] == "corrected"
    log = (tmp_path / "again-1.log").read_text(errors="replace")
    assert "claims: 0 created, 0 updated, 8 unchanged, 2 kept as people edited them" in log


RESTART_PATHS = (
    "/v1/claims/10",
    "/v1/claims/3",
    "/v1/speakers/park-hyoung-sei",
    "/v1/claims/10/history",
    "/v1/claims/3/history",
    "/v1/speakers/park-hyoung-sei/history",
)


# --- start-up failures are one line, not a traceback ------------------------------------------


def run_cli(args: list[str], database_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    "args",
    [["-m", "flask", "--app", "api", "seed"], ["-m", "api.serve", "--port", "1"]],
    ids=["flask seed", "api.serve"],
)
def test_an_unreachable_server_is_one_line_naming_host_port_and_reason(args):
    port = free_port()  # nothing listens there
    url = f"postgresql://claims:secret@127.0.0.1:{port}/claims"
    result = run_cli(args, url)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"127.0.0.1:{port} (database claims, user claims)" in lines[0]
    assert "refused" in lines[0].lower()
    assert "secret" not in lines[0]


@pytest.mark.postgres_only
def test_a_missing_database_is_one_line(database_url):
    missing = database_url.replace("/claims_test", "/no_such_database")
    result = run_cli(["-m", "flask", "--app", "api", "seed"], missing)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert 'database "no_such_database" does not exist' in result.stderr


@pytest.mark.postgres_only
def test_a_role_that_cannot_create_tables_is_told_to_own_the_database(database_url, postgres_admin):
    with postgres_admin.cursor() as cursor:
        cursor.execute("DROP ROLE IF EXISTS claims_guest")
        cursor.execute("CREATE ROLE claims_guest LOGIN")
        # A new database on PostgreSQL 15: everyone may use schema public, only its owner
        # may create in it.
        cursor.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
        cursor.execute("GRANT USAGE ON SCHEMA public TO PUBLIC")
    guest = database_url.replace("postgresql://postgres@", "postgresql://claims_guest@")
    try:
        result = run_cli(["-m", "flask", "--app", "api", "seed"], guest)
    finally:
        with postgres_admin.cursor() as cursor:
            cursor.execute("DROP OWNED BY claims_guest")
            cursor.execute("DROP ROLE claims_guest")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "createdb --owner=ROLE" in result.stderr
