"""Shared fixtures: a real SQLite file per test, seeded from the real fixtures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from api import create_app
from api.seeding import FIXTURES_DIR, seed
from schema.db import database


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """A fresh SQLite file for one test."""
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
