"""Start a server as a subprocess group, wait until it answers, and always stop it.

Each server runs in its own session so SIGTERM reaches `make`, the master and its
workers together, and nothing is left listening if the benchmark crashes.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

from core.extraction_process import EXTRACTION_MODULE

STOP_GRACE_S = 15
# Processes of a server that serve no requests, told apart by their command line.
HELPERS = ("resource_tracker", EXTRACTION_MODULE)


def api_command(port: int, workers: int) -> list[str]:
    """Our API as `make serve` starts it (api/serve.py), without the Makefile's venv check."""
    command = [sys.executable, "-m", "api.serve", "--port", str(port)]
    return [*command, "--workers", str(workers)]


class ServerError(RuntimeError):
    """The server exited or never became ready."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(address: str, timeout: float = 30.0) -> tuple[int, bytes]:
    """GET `address`; HTTP errors are returned as statuses, not raised."""
    try:
        with urllib.request.urlopen(address, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Server:
    """A server subprocess group, used as a context manager."""

    def __init__(
        self,
        name: str,
        command: list[str],
        *,
        port: int,
        ready_path: str,
        workers: int,
        ready_status: int = 200,
        log_path: Path,
        cwd: Path,
        env: dict[str, str] | None = None,
    ) -> None:
        self.name, self.command, self.port = name, command, port
        self.ready_path, self.workers, self.log_path = ready_path, workers, log_path
        self.cwd, self.env, self.ready_status = cwd, env, ready_status
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        """Where the server listens."""
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            self.command,
            cwd=self.cwd,
            env={**os.environ, **(self.env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        try:
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def wait_ready(self, timeout_s: float = 120.0) -> None:
        """Poll until the ready path answers (200, or `ready_status`) and every worker exists."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerError(
                    f"{self.name} exited with {self.process.returncode}; see {self.log_path}"
                )
            try:
                status, _ = fetch(self.base_url + self.ready_path, timeout=10)
            except OSError:
                status = 0
            if status == self.ready_status and len(self.worker_processes()) >= self.workers:
                return
            time.sleep(0.2)
        raise ServerError(f"{self.name} not ready after {timeout_s:.0f} s; see {self.log_path}")

    def worker_processes(self) -> list[psutil.Process]:
        """The serving processes: leaves of the process tree, minus helper processes
        (multiprocessing's resource tracker, our extraction process). A server of one
        process (`datasette serve`) is its own worker."""
        try:
            root = psutil.Process(self.process.pid)
            tree = root.children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        if not tree:
            return [root]
        parents = {p.ppid() for p in tree}
        workers = []
        for proc in tree:
            try:
                command = " ".join(proc.cmdline())
                if proc.pid not in parents and not any(h in command for h in HELPERS):
                    workers.append(proc)
            except psutil.Error:
                continue
        return workers

    def worker_memory_mb(self) -> list[dict[str, float]]:
        """Each worker's memory in MiB: RSS, its file-backed shared part and its private USS.

        RSS counts the pages of the memory-mapped database a worker has touched, so
        USS (memory only that process holds) is kept alongside to tell them apart.
        """
        sizes = []
        for proc in self.worker_processes():
            try:
                full = proc.memory_full_info()
            except psutil.Error:
                continue
            sizes.append(
                {
                    "rss": round(full.rss / 2**20, 1),
                    "shared": round(full.shared / 2**20, 1),
                    "uss": round(full.uss / 2**20, 1),
                }
            )
        return sizes

    def stop(self) -> None:
        """SIGTERM the whole group, then SIGKILL whatever outlives the grace period."""
        if self.process is None or self.process.poll() is not None and not self._group_alive():
            return
        self._signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_S
        while time.monotonic() < deadline and self._group_alive():
            time.sleep(0.1)
            self.process.poll()
        if self._group_alive():
            self._signal(signal.SIGKILL)
        self.process.wait(timeout=STOP_GRACE_S)

    def _signal(self, signum: int) -> None:
        """Signal the server's process group (its session, started by us)."""
        try:
            os.killpg(self.process.pid, signum)
        except ProcessLookupError:
            pass

    def _group_alive(self) -> bool:
        """Whether any process of the group is still running (zombies excluded)."""
        for proc in psutil.process_iter(["pid", "status"]):
            try:
                if os.getpgid(proc.pid) == self.process.pid and proc.status() != "zombie":
                    return True
            except (ProcessLookupError, psutil.Error):
                continue
        return False
