"""`python -m bench.soak` for a few seconds: every kind of request, and never a 5xx."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench import soak

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.sqlite_only("the soak builds and checks an SQLite benchmark database")
def test_short_soak_has_every_kind_and_no_server_error(tmp_path):
    figures_path = tmp_path / "soak.json"
    command = [sys.executable, "-m", "bench.soak", "--seconds", "5", "--n", "2000"]
    command += ["--database-url", f"sqlite:///{tmp_path / 'soak.db'}", "--json", str(figures_path)]
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=180, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    figures = json.loads(figures_path.read_text("utf-8"))
    assert figures["server_errors"] == 0 and figures["transport_errors"] == 0
    assert figures["server_tracebacks"] == 0
    assert figures["clients_reported"] == 4
    for kind in soak.KINDS:
        statuses = {int(s): n for s, n in figures["kinds"][kind]["statuses"].items()}
        assert sum(n for s, n in statuses.items() if 200 <= s < 300) > 0, (kind, statuses)
        assert figures["kinds"][kind]["p99_ms"] >= figures["kinds"][kind]["p50_ms"] > 0
    # Only races may refuse a write: a stale If-Match (412) or a retracted claim (409).
    assert set(figures["errors_by_status"]) <= {"409", "412"}, figures["errors_by_status"]
    assert figures["database_check"] == {
        "integrity": ["ok"],
        "claims_with_broken_history": 0,
        "claims_with_versions": figures["database_check"]["claims_with_versions"],
    }
    assert figures["database_check"]["claims_with_versions"] > 0
    for kind in soak.KINDS:
        assert kind in done.stdout


def test_percentile_is_nearest_rank():
    values = [0.001 * i for i in range(1, 101)]
    assert soak.percentile(values, 0.5) == values[49]
    assert soak.percentile(values, 0.99) == values[98]
    assert soak.percentile([], 0.5) == 0.0
    assert soak.percentile([0.3], 0.99) == 0.3
