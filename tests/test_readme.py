"""Every curl line of the README, run as pasted against a live server.

A user pastes these lines into a shell. Each one must exit 0 and answer a 2xx, or
the status its comment names (`# 409: …`): a line that curl refuses prints
nothing, and a user would believe it worked. The lines run in README order in
one bash session (the token line exports TOKEN for the writes after it), on a
server started as `make serve` starts it, on a freshly seeded database; only
the port differs from the README's 8000.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
MARK = "@@@"
STATUS_COMMENT = re.compile(r"\s#\s*(\d{3})\b")
KEPT_ANSWER = re.compile(r"^[a-z_]+=\$\(curl ")


def shell_commands(markdown: str) -> list[str]:
    """The commands of the README's ```sh blocks, continuation lines joined."""
    commands, block, current = [], False, ""
    for line in markdown.splitlines():
        if line.startswith("```"):
            block = line.strip() == "```sh"
            continue
        if not block:
            continue
        current += line + "\n"
        if not line.endswith("\\"):
            commands.append(current.rstrip("\n"))
            current = ""
    return commands


# Commands besides curl that change what the server answers: the token, and loading the
# multi-outlet fixtures or relinking figures (run on the server's database).
PASTED_COMMANDS = ("curl ", "export TOKEN=", 'echo "$', ".venv/bin/flask --app api seed --fixtures",
                   ".venv/bin/flask --app api relink")  # fmt: skip


def pasted() -> list[str]:
    """The lines a user pastes against the server: every curl, what they need, and what
    keeps or shows a curl's answer for the next line (`tag=$(curl …)`, `echo "$tag"`)."""
    return [
        c for c in shell_commands(README.read_text("utf-8"))
        if c.startswith(PASTED_COMMANDS) or KEPT_ANSWER.match(c)
    ]  # fmt: skip


def expected_status(command: str) -> int | None:
    """The status a line's comment documents (None: any 2xx)."""
    found = STATUS_COMMENT.search(command.splitlines()[-1])
    return int(found.group(1)) if found else None


def test_the_readme_has_curl_lines_of_every_kind():
    commands = pasted()
    assert sum(c.startswith("curl ") for c in commands) >= 30
    for method in ("POST", "PATCH", "DELETE"):
        assert any(f"-X {method}" in c for c in commands), method
    assert commands[0].startswith("curl "), "reads come first, and need no token"


def test_every_curl_line_runs_as_pasted(live_server, database_url):
    server = live_server()
    commands = pasted()
    script = [
        "set -u",
        # Only the status is added to what each line prints; the line itself is as pasted.
        f"curl() {{ command curl -w '\\n{MARK}status %{{http_code}}\\n' \"$@\"; }}",
    ]
    for number, command in enumerate(commands):
        command = command.replace("localhost:8000", f"localhost:{server.port}")
        script += [f"echo '{MARK}line {number}'", command, f'echo "{MARK}exit $?"']
    result = subprocess.run(
        ["bash", "-c", "\n".join(script)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "DATABASE_URL": database_url},
    )  # fmt: skip
    runs = result.stdout.split(f"{MARK}line ")[1:]
    assert len(runs) == len(commands), result.stdout + result.stderr
    for run, command in zip(runs, commands, strict=True):
        exit_code = int(run.rpartition(f"{MARK}exit ")[2])
        assert exit_code == 0, f"exit {exit_code}: {command}\n{run}"
        if not command.startswith("curl "):
            continue
        status = int(run.rpartition(f"{MARK}status ")[2].split()[0])
        body = run.partition("\n")[2].rpartition(f"{MARK}status")[0].strip()
        wanted = expected_status(command)
        if wanted is None:
            assert 200 <= status < 300, f"{status}: {command}\n{body[:500]}"
        else:
            assert status == wanted, f"{status}, documented {wanted}: {command}\n{body[:500]}"
        assert body, f"nothing printed: {command}"
