"""Drive a server with wrk and turn its text report into numbers.

wrk is used as shipped by Debian: its `--latency` report is parsed rather than a
Lua `done()` hook, and a tiny Lua `request()` rotates the paths of one query.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

WRK = "/usr/bin/wrk"

# wrk prints latencies with these suffixes (format_time_us); "µs" is accepted too.
TIME_UNITS_MS = {"us": 0.001, "µs": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
SIZE_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}  # binary, as wrk prints

_NUMBER_UNIT = re.compile(r"^\s*([0-9.]+)\s*([a-zµ]*)\s*$", re.IGNORECASE)
_PERCENTILE = re.compile(r"^\s*(50|75|90|99)(?:\.0+)?%\s+(\S+)\s*$", re.MULTILINE)
_REQUESTS = re.compile(r"^\s*(\d+) requests in ([0-9.]+\w+), ([0-9.]+)(\w*?)B read", re.MULTILINE)
_RPS = re.compile(r"^Requests/sec:\s+([0-9.]+)", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_LATENCY_ROW = re.compile(r"^\s*Latency\s+(\S+)\s+(\S+)\s+(\S+)", re.MULTILINE)


class WrkError(RuntimeError):
    """wrk failed or printed something this parser does not understand."""


@dataclass
class WrkResult:
    """One wrk run: throughput, latency percentiles (ms) and every kind of failure."""

    requests: int
    duration_s: float
    rps: float
    p50_ms: float
    p75_ms: float
    p90_ms: float
    p99_ms: float
    avg_ms: float
    max_ms: float
    non_2xx: int = 0
    socket_errors: dict[str, int] = field(default_factory=dict)
    bytes_read: float = 0.0

    @property
    def errors(self) -> int:
        """Responses that were not successes plus requests that never got one."""
        return self.non_2xx + sum(self.socket_errors.values())

    def as_dict(self) -> dict:
        """A JSON-ready copy including the derived error total."""
        return {**asdict(self), "errors": self.errors}


def to_ms(text: str) -> float:
    """A wrk duration such as `812.00us`, `1.23ms` or `2.00s` in milliseconds."""
    match = _NUMBER_UNIT.match(text)
    if not match or match.group(2).lower() not in TIME_UNITS_MS:
        raise WrkError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * TIME_UNITS_MS[match.group(2).lower()]


def to_bytes(number: str, prefix: str) -> float:
    """A wrk size (`50.12` with prefix `M`) in bytes."""
    if prefix not in SIZE_UNITS:
        raise WrkError(f"not a wrk size prefix: {prefix!r}")
    return float(number) * SIZE_UNITS[prefix]


def parse(output: str) -> WrkResult:
    """The numbers of a `wrk --latency` report; raises WrkError if a part is missing."""
    percentiles = {int(p): to_ms(v) for p, v in _PERCENTILE.findall(output)}
    requests = _REQUESTS.search(output)
    rps = _RPS.search(output)
    latency = _LATENCY_ROW.search(output)
    missing = [p for p in (50, 75, 90, 99) if p not in percentiles]
    if missing or not requests or not rps or not latency:
        raise WrkError(f"unexpected wrk output (run with --latency?):\n{output}")
    socket = _SOCKET.search(output)
    non_2xx = _NON_2XX.search(output)
    return WrkResult(
        requests=int(requests.group(1)),
        duration_s=to_ms(requests.group(2)) / 1000,
        rps=float(rps.group(1)),
        p50_ms=percentiles[50],
        p75_ms=percentiles[75],
        p90_ms=percentiles[90],
        p99_ms=percentiles[99],
        avg_ms=to_ms(latency.group(1)),
        max_ms=to_ms(latency.group(3)),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=dict(
            zip(("connect", "read", "write", "timeout"), map(int, socket.groups()), strict=True)
        )
        if socket
        else {},
        bytes_read=to_bytes(requests.group(3), requests.group(4)),
    )


def lua_script(paths: list[str], headers: list[dict[str, str]] | None = None) -> str:
    """A wrk script sending `paths` in turn from each thread, each with its own headers."""
    quoted = ",\n".join(f'  "{_lua_escape(p)}"' for p in paths)
    tables = ",\n".join(
        "  {" + ", ".join(f'["{_lua_escape(k)}"] = "{_lua_escape(v)}"' for k, v in h.items()) + "}"
        for h in headers or [{} for _ in paths]
    )
    return (
        f"local paths = {{\n{quoted}\n}}\n"
        f"local headers = {{\n{tables}\n}}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i], headers[i])\n'
        "end\n"
    )


def _lua_escape(text: str) -> str:
    """A Lua double-quoted string body (paths are percent-encoded, but be safe)."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def run(
    base_url: str,
    paths: list[str],
    *,
    seconds: int,
    connections: int,
    threads: int,
    timeout_s: int,
    headers: list[dict[str, str]] | None = None,
) -> WrkResult:
    """Load `base_url` with `paths` for `seconds` and return the parsed report."""
    with tempfile.TemporaryDirectory(prefix="bench-wrk-") as tmp:
        script = Path(tmp) / "rotate.lua"
        script.write_text(lua_script(paths, headers), encoding="utf-8")
        command = [
            WRK,
            f"--threads={threads}",
            f"--connections={connections}",
            f"--duration={seconds}s",
            f"--timeout={timeout_s}s",
            "--latency",
            f"--script={script}",
            base_url + paths[0],
        ]
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=seconds + timeout_s + 30, check=False
        )
    if done.returncode != 0:
        raise WrkError(f"wrk exited with {done.returncode}: {done.stderr.strip()}")
    return parse(done.stdout)
