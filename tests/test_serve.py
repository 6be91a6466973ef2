"""The server as `make run` starts it: request log, a busy port, the extraction process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
import pytest

from bench.servers import Server
from core.extraction_process import EXTRACTION_MODULE

ROOT = Path(__file__).resolve().parents[1]
KOREAN = "한라은 나래식품 대표는 “올해 매장 300곳을 새로 열겠다”라고 말했다."


@pytest.fixture
def server(live_server) -> Server:
    """The API served as `make serve` serves it, two workers, on the test's database."""
    return live_server(2)


def post(url: str, body: dict) -> tuple[int, dict, float]:
    """POST JSON; the status, the answer and the seconds it took."""
    request = urllib.request.Request(
        url, json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, json.load(response), time.perf_counter() - started


def loaded_kiwi(process: psutil.Process) -> bool:
    """Whether the process has the Korean morphology library mapped."""
    return any("kiwipiepy" in m.path for m in process.memory_maps())


def extraction_process(server: Server) -> psutil.Process:
    (found,) = [
        p
        for p in psutil.Process(server.process.pid).children(recursive=True)
        if EXTRACTION_MODULE in " ".join(p.cmdline())
    ]
    return found


def test_every_request_is_logged(server):
    with urllib.request.urlopen(f"{server.base_url}/v1/claims/3", timeout=30) as response:
        assert response.status == 200
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        log = server.log_path.read_text("utf-8", errors="replace")
        if '"GET /v1/claims/3 HTTP/1.1" 200' in log:
            break
        time.sleep(0.1)
    assert '"GET /v1/claims/3 HTTP/1.1" 200' in log, log


def test_a_second_server_on_a_busy_port_stops_and_says_why(server, database_url):
    second = subprocess.Popen(
        [sys.executable, "-m", "api.serve", "--port", str(server.port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "DATABASE_URL": database_url}, start_new_session=True,
    )  # fmt: skip
    try:
        _, stderr = second.communicate(timeout=60)
    except subprocess.TimeoutExpired:  # it is serving: stop it and all it started
        os.killpg(second.pid, signal.SIGKILL)
        second.communicate()
        pytest.fail("a second server started on a busy port")
    assert second.returncode == 1
    assert "address in use" in stderr and str(server.port) in stderr
    with urllib.request.urlopen(f"{server.base_url}/healthz", timeout=30) as response:
        assert response.status == 200, "the first server still serves"


def test_extraction_is_loaded_once_before_the_first_request(server):
    extractor = extraction_process(server)
    assert loaded_kiwi(extractor), "the model is loaded at start-up, not on a request"
    status, body, seconds = post(f"{server.base_url}/v1/extract", {"text": KOREAN})
    assert status == 200 and body["data"][0]["value"] == 300
    assert body["data"][0]["speaker"]["name"] == "한라은"
    assert seconds < 1.5, "the first extraction does not wait for the model to load"
    workers = server.worker_processes()
    assert len(workers) == 2 and extractor not in workers
    for worker in workers:
        assert not loaded_kiwi(worker), "serving workers never load the model"
        assert worker.memory_info().rss < 200 * 2**20
