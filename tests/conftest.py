"""Shared fixtures: a real database per test, seeded from the real fixtures.

The database is a fresh SQLite file, or, when TEST_DATABASE_URL names a
PostgreSQL database (`make test-pg`), that database emptied for each test.
Tests marked `sqlite_only("why")` are skipped on PostgreSQL, `postgres_only`
ones without it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path

import pytest
from playhouse.db_url import parse
from playhouse.pool import PooledDatabase

from api import create_app
from bench.servers import Server, api_command, free_port
from core.seeding import FIXTURES_DIR, seed
from schema.db import POSTGRES_SCHEMES, database

ROOT = Path(__file__).resolve().parents[1]
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
ON_POSTGRES = TEST_DATABASE_URL.partition("://")[0] in POSTGRES_SCHEMES


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "sqlite_only(reason): skipped on PostgreSQL")
    config.addinivalue_line("markers", "postgres_only: needs TEST_DATABASE_URL (PostgreSQL)")


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        sqlite_only = item.get_closest_marker("sqlite_only")
        if ON_POSTGRES and sqlite_only is not None:
            reason = sqlite_only.args[0] if sqlite_only.args else "SQLite-specific"
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))
        if not ON_POSTGRES and item.get_closest_marker("postgres_only") is not None:
            item.add_marker(pytest.mark.skip(reason="needs TEST_DATABASE_URL=postgresql://…"))


@pytest.fixture(scope="session")
def postgres_admin():
    """A connection of its own to the test PostgreSQL database, to empty it."""
    import psycopg2

    connection = psycopg2.connect(**parse(TEST_DATABASE_URL))
    connection.autocommit = True
    yield connection
    connection.close()


def empty_postgres(admin) -> None:
    """Drop every table, index and sequence: the next app starts on an empty database."""
    if isinstance(database.obj, PooledDatabase):
        database.obj.close_all()  # the previous test's connections hold no locks then
    with admin.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")


@pytest.fixture
def database_url(request, tmp_path: Path) -> str:
    """A fresh SQLite file for one test, or the emptied PostgreSQL test database."""
    if ON_POSTGRES:
        empty_postgres(request.getfixturevalue("postgres_admin"))
        return TEST_DATABASE_URL
    return f"sqlite:///{tmp_path / 'claims.db'}"


@pytest.fixture
def app(database_url: str):
    """The app on its own database, seeded from fixtures/."""
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "CLAIMS_WRITE_TOKENS": "tester:secret-token, second-token",
        }
    )
    with database.connection_context():
        seed(FIXTURES_DIR)
    yield app
    database.close()


@pytest.fixture
def live_server(app, database_url: str, tmp_path: Path):
    """Start the API as `make serve` serves it, on the test's seeded database: a factory
    taking the number of workers; every server it started is stopped after the test."""
    with contextlib.ExitStack() as servers:

        def start(workers: int = 1) -> Server:
            port = free_port()
            server = Server(
                "api", api_command(port, workers), port=port, ready_path="/healthz",
                workers=workers, log_path=tmp_path / f"server-{port}.log", cwd=ROOT,
                env={"DATABASE_URL": database_url},
            )  # fmt: skip
            return servers.enter_context(server)

        yield start


@pytest.fixture
def client(app):
    """A real HTTP client against the app (no server mocks)."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """Runs the app's click commands."""
    return app.test_cli_runner()


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Path:
    """A writable copy of fixtures/ for tests that corrupt or change it."""
    target = tmp_path / "fixtures"
    shutil.copytree(FIXTURES_DIR, target)
    return target


def read_fixture(name: str, directory: Path = FIXTURES_DIR) -> list[dict]:
    """One fixture file's records."""
    return json.loads((directory / name).read_text(encoding="utf-8"))


def fixture_text(document_id: str, directory: Path = FIXTURES_DIR) -> str:
    """A fixture document's text exactly as stored."""
    doc = next(d for d in read_fixture("documents.json", directory) if d["id"] == document_id)
    with (directory / doc["text_file"]).open(encoding="utf-8", newline="") as handle:
        return handle.read()


AUTH = {"Authorization": "Bearer secret-token"}


@pytest.fixture
def second_postgres(postgres_admin):
    """A second, new PostgreSQL database beside the test one, dropped afterwards."""
    name = parse(TEST_DATABASE_URL)["database"] + "_restored"

    def drop() -> None:
        if isinstance(database.obj, PooledDatabase):
            database.obj.close_all()
        with postgres_admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    drop()
    with postgres_admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING UTF8')
    yield TEST_DATABASE_URL.replace(f"/{parse(TEST_DATABASE_URL)['database']}?", f"/{name}?")
    drop()
