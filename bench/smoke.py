"""One checked request per query before the load: status, size and how many rows came back.

wrk only counts responses; comparing row counts shows both servers answered the
same question (same rows), and a failing query is visible before its numbers are.
"""

from __future__ import annotations

import csv
import io
import json

from bench.servers import fetch


def count_rows(body: bytes, fmt: str) -> int | None:
    """Rows in a response body: `json` (our page, our claim or Datasette's), `csv`, `ndjson`."""
    text = body.decode("utf-8", errors="replace")
    if fmt == "csv":
        records = list(csv.reader(io.StringIO(text, newline="")))
        return max(0, len(records) - 1)  # the header row
    if fmt == "ndjson":
        return sum(1 for line in text.splitlines() if line.strip())
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if isinstance(data, dict) and isinstance(data.get("data"), list):
        return len(data["data"])
    if isinstance(data, dict) and isinstance(data.get("rows"), list):
        return len(data["rows"])
    if isinstance(data, list):
        return len(data)
    return 1 if isinstance(data, dict) and "id" in data else None


def response_format(query_name: str) -> str:
    """How the responses of a query are shaped."""
    if query_name.endswith("_csv"):
        return "csv"
    if query_name.endswith("_ndjson"):
        return "ndjson"
    return "json"


def check(base_url: str, path: str, fmt: str) -> dict:
    """Fetch `path` once: its status, body size and row count (error bodies are kept short)."""
    status, body = fetch(base_url + path, timeout=120)
    result = {"status": status, "bytes": len(body), "rows": count_rows(body, fmt)}
    if status >= 400:
        result["error"] = body[:500].decode("utf-8", errors="replace")
    return result


def warm(base_url: str, paths: list[str], *, rounds: int = 2, at_most: int = 16) -> None:
    """A few requests per path so both workers have opened connections and filled caches."""
    for _ in range(rounds):
        for path in paths[:at_most]:
            fetch(base_url + path, timeout=120)
