"""Read replicas: reads from a PostgreSQL streaming replica, writes and strong reads from
the primary, through the API as `make serve` serves it.

The replica tests need a real primary and its streaming replica (`make test-replica`,
which runs `.ci/with-postgres --replica`). To see that the replica answers, the
test pauses its replay: a claim written to the primary is then missing from plain
reads and present in strong ones, and appears in plain reads once replay resumes.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request

import psycopg2
import pytest
from playhouse.db_url import parse

from api import create_app
from api.database import StartupError
from bench.servers import Server, api_command, free_port
from tests.conftest import AUTH, ROOT

READ_URL = os.environ.get("TEST_DATABASE_READ_URL", "")
needs_replica = pytest.mark.skipif(
    not READ_URL, reason="needs a streaming replica: make test-replica"
)
CATCH_UP_S = 30
NEW_CLAIM = {"document": "joongang-2024-02-28-zuckerberg-seoul", "stated_as": "29일",
             "value": 29, "unit": "date", "kind": "date", "attribution": "narration"}  # fmt: skip


def admin(url: str):
    connection = psycopg2.connect(**parse(url))
    connection.autocommit = True
    return connection


def wait_for_replay(primary, replica) -> None:
    """Until the replica has replayed everything the primary has written so far.

    The throwaway primary commits asynchronously (synchronous_commit=off), so a
    commit may still sit in WAL buffers past pg_current_wal_lsn(); the insert
    position covers it.
    """
    with primary.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_insert_lsn()")
        (target,) = cursor.fetchone()
    deadline = time.monotonic() + CATCH_UP_S
    with replica.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (target,))
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    raise AssertionError(f"the replica did not replay up to {target} in {CATCH_UP_S} s")


def set_replay(replica, paused: bool) -> None:
    with replica.cursor() as cursor:
        cursor.execute(f"SELECT pg_wal_replay_{'pause' if paused else 'resume'}()")
        if paused:
            for _ in range(200):
                cursor.execute("SELECT pg_get_wal_replay_pause_state()")
                if cursor.fetchone()[0] == "paused":
                    return
                time.sleep(0.05)
            raise AssertionError("the replica's replay did not pause")


def call(port: int, method: str, path: str, body=None, headers=None) -> tuple[int, dict]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=data, method=method,
        headers={"Content-Type": "application/json", **(headers or {})},
    )  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture
def replicated(app, database_url, tmp_path):
    """The seeded primary, replayed on the replica, served with DATABASE_READ_URL."""
    primary, replica = admin(database_url), admin(READ_URL)
    port = free_port()
    env = {"DATABASE_URL": database_url, "DATABASE_READ_URL": READ_URL,
           "CLAIMS_WRITE_TOKENS": "tester:secret-token"}  # fmt: skip
    server = Server(
        "api", api_command(port, 1), port=port, ready_path="/healthz", workers=1,
        log_path=tmp_path / "server.log", cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        with server:
            wait_for_replay(primary, replica)
            yield port, primary, replica
    finally:
        set_replay(replica, paused=False)
        primary.close()
        replica.close()


@needs_replica
def test_the_replica_serves_reads_and_the_primary_writes_and_strong_reads(replicated):
    port, primary, replica = replicated
    status, before = call(port, "GET", "/v1/claims?count=true&limit=1")
    assert status == 200

    set_replay(replica, paused=True)
    status, created = call(port, "POST", "/v1/claims", {**NEW_CLAIM, "reason": "new"}, AUTH)
    assert status == 201, created  # written to the primary: the replica is read-only
    assert created["stated_as"] == "29일"  # the writer sees its own write in the answer
    path = f"/v1/claims/{created['id']}"

    # Plain reads come from the paused replica, which has not seen the claim.
    assert call(port, "GET", path)[0] == 404
    assert call(port, "GET", "/v1/claims?count=true&limit=1")[1]["count"] == before["count"]
    # A strong read, or any request with credentials, reads the primary.
    assert call(port, "GET", path, headers={"Consistency": "strong"})[0] == 200
    assert call(port, "GET", path, headers=AUTH)[0] == 200
    status, history = call(port, "GET", f"{path}/history", headers={"Consistency": "strong"})
    assert status == 200 and history["data"][0]["version"] == 1

    set_replay(replica, paused=False)
    wait_for_replay(primary, replica)
    status, claim = call(port, "GET", path)
    assert status == 200 and claim["id"] == created["id"]
    count = call(port, "GET", "/v1/claims?count=true&limit=1")[1]["count"]
    assert count == before["count"] + 1


@needs_replica
def test_an_unreachable_replica_is_passed_over_for_the_primary(client, app, tmp_path):
    app.config["DATABASE_READ_URL"] = f"postgresql://postgres@/claims_test?host={tmp_path}"
    served = create_app({**app.config})
    answer = served.test_client().get("/v1/claims/3")
    assert answer.status_code == 200
    assert answer.json["id"] == 3


def test_a_read_replica_needs_postgresql(tmp_path):
    with pytest.raises(StartupError, match="DATABASE_READ_URL needs PostgreSQL for both"):
        create_app(
            {
                "TESTING": True,
                "DATABASE_URL": f"sqlite:///{tmp_path / 'claims.db'}",
                "DATABASE_READ_URL": f"sqlite:///{tmp_path / 'replica.db'}",
            }
        )


@pytest.mark.parametrize("level", ["strong", "eventual", "Strong"])
def test_a_consistency_level_is_accepted(client, level):
    assert client.get("/v1/claims/3", headers={"Consistency": level}).status_code == 200


def test_an_unknown_consistency_level_is_a_400_naming_the_header(client):
    answer = client.get("/v1/claims/3", headers={"Consistency": "linearizable"})
    assert answer.status_code == 400
    assert answer.mimetype == "application/problem+json"
    assert answer.json["errors"] == {"Consistency": ["Unknown consistency level: 'linearizable'."]}
