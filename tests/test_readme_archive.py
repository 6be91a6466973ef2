"""The README's archive commands, run as pasted: dump, backup, restore, pipes, copy.

They run in one bash session from the project directory against a seeded SQLite
database with history (DATABASE_URL, as a user would have it set). Only paths
differ from the README: `var/` is a temporary directory, `make dump` writes where
ARCHIVE says (the Makefile takes it from the environment), and the PostgreSQL URL
of `copy --to` is the test's own new database (a new SQLite file without
`make test-pg`). Then every copy must hold the same archive.
"""

from __future__ import annotations

import os
import subprocess

from core.backup import integrity_check
from tests.conftest import ON_POSTGRES, ROOT
from tests.test_archive import app_on, build_history, dump_with_cli, url_for
from tests.test_readme import README, shell_commands

README_URL = "postgresql://claims:change-me@localhost:5432/claims"


def archive_commands() -> list[str]:
    """The commands between <!-- archive-commands --> and <!-- /archive-commands -->."""
    text = README.read_text("utf-8")
    block = text.split("<!-- archive-commands -->")[1].split("<!-- /archive-commands -->")[0]
    return shell_commands(block)


def test_the_readme_documents_every_archive_command():
    commands = "\n".join(archive_commands())
    for command in ("dump", "restore", "backup", "copy --to", "make dump"):
        assert command in commands, command
    assert (ROOT / "docs" / "archive.md").is_file()


def test_the_archive_commands_run_as_pasted(tmp_path, request):
    var = tmp_path / "var"
    var.mkdir()
    source = f"sqlite:///{tmp_path / 'claims.db'}"
    build_history(app_on(source))
    target = url_for("postgres" if ON_POSTGRES else "sqlite", tmp_path, "target", request)
    script = ["set -euo pipefail"]
    for command in archive_commands():
        assert "var/" in command or command.startswith("make ") or README_URL in command
        script.append(command.replace("var/", f"{var}/").replace(README_URL, target))
    made = var / "archive" / "claims-made.jsonl"
    result = subprocess.run(
        ["bash", "-c", "\n".join(script)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
        env={**os.environ, "DATABASE_URL": source, "ARCHIVE": str(made)},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr

    archive = (var / "claims-archive.jsonl").read_bytes()
    assert archive.startswith(b'{"archive":')
    assert made.read_bytes() == archive
    assert integrity_check(var / "claims-backup.db") == "ok"
    for url in (
        f"sqlite:///{var / 'claims-backup.db'}",
        f"sqlite:///{var / 'restored.db'}",
        f"sqlite:///{var / 'from-gzip.db'}",
        target,
    ):
        assert dump_with_cli(app_on(url), tmp_path / "again.jsonl") == archive, url
        (tmp_path / "again.jsonl").unlink()
    assert f"DATABASE_URL={target}" in result.stdout
