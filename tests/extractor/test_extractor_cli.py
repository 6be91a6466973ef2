"""The command line, run as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
SEED = ROOT / "fixtures" / "texts" / "joongang-2024-02-28-zuckerberg-seoul.txt"


def run(*args: str) -> subprocess.CompletedProcess:
    """Run `python -m extractor` from the project root."""
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_prints_json_lines_with_korean_unescaped():
    """One JSON object per candidate, UTF-8, Korean as is."""
    result = run("extractor", str(SEED), "--language", "ko", "--published", "2024-02-28")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 10
    assert "5억 대 이상" in out and "\\u" not in out
    assert lines[2]["speaker"]["name"] and lines[2]["attribution"] == "direct_quote"


def test_english_file(tmp_path):
    """English text through --language auto."""
    path = tmp_path / "news.txt"
    path.write_text("Acme will spend more than $37 billion, the company said.\n", "utf-8")
    result = run("extractor", str(path))
    assert result.returncode == 0
    [line] = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert line["stated_as"] == "more than $37 billion"
    assert line["value"] == 37_000_000_000


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), (b"\xff\xfe\x00bad", "not UTF-8"), ("dir", "directory")],
)
def test_bad_files_exit_2_without_traceback(tmp_path, content, message):
    """A missing, undecodable or directory path is one clear line and exit code 2."""
    path = tmp_path / "input.txt"
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    result = run("extractor", str(path))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert message in err and "Traceback" not in err


def test_bad_arguments_are_usage_errors(tmp_path):
    """argparse reports a bad date or language with exit code 2."""
    result = run("extractor", str(SEED), "--published", "yesterday")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr.decode()
    result = run("extractor", str(SEED), "--language", "fr")
    assert result.returncode == 2 and "Traceback" not in result.stderr.decode()


def test_evaluate_module_runs():
    """`python -m extractor.evaluate` prints a table per set and honours thresholds."""
    result = run("extractor.evaluate", "seed", "legacy", "--min-precision", "0.9")
    assert result.returncode == 0, result.stdout.decode()
    assert "Errors by category" in result.stdout.decode()


def test_benchmark_module_runs():
    """`python -m extractor.benchmark` prints load time, memory and throughput."""
    result = run("extractor.benchmark", "--repeat", "1")
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert "sentences/s" in out and "RSS after load" in out
