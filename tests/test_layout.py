"""The rooms of the house and what each may import (ARCHITECTURE.md).

Imports flow one way: api → core → schema → extractor. Only `api/` may touch
the web framework and the request; the core, the schema and the extractor are
plain Python that a script, the CLI or a test can call without an app.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The web framework and everything that brings a request with it.
WEB = {"flask", "flask_smorest", "flask_limiter", "werkzeug", "webargs", "granian", "click"}
NEVER = {
    "extractor": WEB | {"api", "core", "schema"},
    "schema": WEB | {"api", "core"},
    "core": WEB | {"api"},
}


def imported_packages(path: Path) -> set[str]:
    """The top-level package of every module `path` imports, at any depth of its code."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.partition(".")[0])
    return found


def modules(room: str) -> list[Path]:
    """Every Python file of one top-level package."""
    return sorted((ROOT / room).rglob("*.py"))


@pytest.mark.parametrize("room", sorted(NEVER))
def test_rooms_import_only_downwards(room):
    assert modules(room), room
    for path in modules(room):
        forbidden = imported_packages(path) & NEVER[room]
        assert not forbidden, f"{path.relative_to(ROOT)} imports {sorted(forbidden)}"


def test_the_rule_catches_what_it_forbids(tmp_path):
    # The checker itself can fail: a file importing the request is caught.
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from flask import request\n    import api.claims\n")
    assert imported_packages(sample) >= {"flask", "api"}


def test_importing_the_core_loads_no_web_framework():
    # Transitive imports count too: every core module, imported in a fresh
    # interpreter, must leave Flask and the HTTP layer unloaded.
    names = [f"core.{p.stem}" for p in modules("core") if p.stem != "__init__"]
    program = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.partition('.')[0] in {sorted(WEB | {'api'})!r}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]", result.stdout
