"""Extraction in a process of its own, which the serving workers ask over a Unix socket.

Korean morphology (kiwipiepy) takes about 2 s and 500 MiB to load. Loaded in
each serving worker, it made every worker's first extraction slow and every
worker big. `api.serve` (and so `make run`) starts one extraction process
instead, which loads the model at start-up, before the server takes its first
request; the workers send it texts, and spans whose numbers a write checks,
and stay small. Without a server (tests, the CLI, scripts) the work is done
in the calling process, loading the model on first use.

The socket lives in a private temporary directory and every connection
proves it knows a random key (multiprocessing's HMAC handshake), so only the
server's own workers can use it.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from multiprocessing.connection import Client, Listener
from pathlib import Path

from extractor.extract import extract_claims, stated_values

EXTRACTION_MODULE = "core.extraction_process"  # how the process is started: python -m
ADDRESS_VARIABLE = "CLAIMS_EXTRACTION_SOCKET"
KEY_VARIABLE = "CLAIMS_EXTRACTION_KEY"
# A Korean and an English sentence: extracting them at start-up loads every model.
WARM_UP = (
    ("김민수 한빛전자 사장은 “올해 4200개 이상 업체와 계약했다”라고 말했다.", "ko"),
    ('"We sold more than 200 million sets," the company said.', "en"),
)
READY_TIMEOUT_S = 120
log = logging.getLogger(__name__)


class ExtractionUnavailable(Exception):
    """The extraction process cannot be reached (it is starting again, or gone)."""


class InProcess:
    """Extraction in the calling process."""

    def candidates(self, text: str, language: str, published=None) -> list:
        """The extractor's candidates of a text."""
        return extract_claims(text, language, published)

    def stated_values(self, spans: list[str]) -> list[frozenset]:
        """Every value each span states (extractor.extract.stated_values)."""
        return [stated_values(span) for span in spans]


class Remote:
    """Extraction asked of the extraction process; one connection per thread."""

    def __init__(self, address: str, key: bytes):
        self.address, self.key = address, key
        self._local = threading.local()

    def candidates(self, text: str, language: str, published=None) -> list:
        return self._call("candidates", text, language, published)

    def stated_values(self, spans: list[str]) -> list[frozenset]:
        return self._call("stated_values", spans)

    def _call(self, method: str, *args):
        """Send one call and wait for its answer; a broken connection is tried once more."""
        for attempt in (1, 2):
            try:
                connection = self._connection()
                connection.send((method, args))
                outcome, result = connection.recv()
            except (EOFError, OSError) as error:
                self._local.connection = None
                if attempt == 2:
                    raise ExtractionUnavailable(str(error)) from None
                continue
            if outcome == "error":
                raise RuntimeError(f"the extraction process failed:\n{result}")
            return result
        raise AssertionError("unreachable")

    def _connection(self):
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = Client(self.address, family="AF_UNIX", authkey=self.key)
            self._local.connection = connection
        return connection


_extractor: InProcess | Remote = InProcess()


def extractor() -> InProcess | Remote:
    """Where this process extracts: the extraction process if the server started one."""
    return _extractor


def configure(environment) -> None:
    """Use the extraction process named in `environment` (set by api.serve), if any."""
    global _extractor
    address = environment.get(ADDRESS_VARIABLE)
    _extractor = (
        Remote(address, bytes.fromhex(environment[KEY_VARIABLE])) if address else InProcess()
    )


# --- the extraction process itself ----------------------------------------------------------


def serve(address: str, key: bytes) -> None:
    """Load the models, then answer the workers' calls until the parent goes away."""
    local = InProcess()
    for text, language in WARM_UP:
        local.candidates(text, language)
    lock = threading.Lock()  # one analysis at a time: Kiwi spreads each over every core
    listener = Listener(address, family="AF_UNIX", authkey=key)
    while True:
        try:
            connection = listener.accept()
        except OSError:  # a client that failed the handshake, or went away during it
            continue
        threading.Thread(target=_answer, args=(connection, local, lock), daemon=True).start()


def _answer(connection, local: InProcess, lock: threading.Lock) -> None:
    """Answer one worker thread's calls until it hangs up."""
    with connection:
        while True:
            try:
                method, args = connection.recv()
            except (EOFError, OSError):
                return
            try:
                if method not in ("candidates", "stated_values"):
                    raise ValueError(f"no method {method!r}")
                with lock:
                    reply = ("ok", getattr(local, method)(*args))
            except Exception:
                reply = ("error", traceback.format_exc())
            try:
                connection.send(reply)
            except OSError:
                return


def _exit_with_parent() -> None:
    """End when the server that started this process is gone, however it ended."""
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


def main() -> None:
    """The process `ExtractionProcess` starts: its address and key come in the environment."""
    # The server decides when this ends (Ctrl-C and SIGTERM reach the whole group).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, daemon=True).start()
    serve(os.environ[ADDRESS_VARIABLE], bytes.fromhex(os.environ[KEY_VARIABLE]))


class ExtractionProcess:
    """The server's extraction process: started before the workers, restarted if it dies."""

    def __init__(self) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix="claims-extraction-"))
        self.address = str(self.directory / "socket")
        self.key = secrets.token_bytes(32)
        self.process: subprocess.Popen | None = None
        self._stopping = threading.Event()

    def environment(self) -> dict[str, str]:
        """What a worker needs to reach this process (see `configure`)."""
        return {ADDRESS_VARIABLE: self.address, KEY_VARIABLE: self.key.hex()}

    def start(self) -> None:
        """Start the process and wait until its models are loaded and it listens."""
        self._launch()
        threading.Thread(target=self._keep_running, daemon=True).start()

    def _launch(self) -> None:
        if os.path.exists(self.address):
            os.unlink(self.address)
        self.process = subprocess.Popen(
            [sys.executable, "-m", EXTRACTION_MODULE],
            env={**os.environ, **self.environment()},
        )
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not os.path.exists(self.address):
            if self.process.poll() is not None:
                raise RuntimeError(f"the extraction process exited ({self.process.returncode})")
            if time.monotonic() > deadline:
                raise RuntimeError("the extraction process did not start in time")
            time.sleep(0.05)

    def _keep_running(self) -> None:
        """Start the process again if it dies while the server runs (it holds no state)."""
        while not self._stopping.is_set():
            self.process.wait()
            if self._stopping.is_set():
                return
            log.error(
                "the extraction process exited (%s); starting it again", self.process.returncode
            )
            try:
                self._launch()
            except RuntimeError:
                log.exception("the extraction process could not start again")
                return

    def stop(self) -> None:
        """End the process and remove its socket."""
        self._stopping.set()
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.directory, ignore_errors=True)


if __name__ == "__main__":
    main()
