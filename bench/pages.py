"""`make bench`, the reader's pages: how long a 200-claim document page takes to render.

    python -m bench.pages                 # 200 claims, 50 renders, target 50 ms
    python -m bench.pages --claims 400 --runs 20 --json var/bench/pages.json

The article (bench.article.long_article) is stored through the API's write
path in a fresh SQLite file, then `/documents/{id}` is requested through the
app in-process, as a server worker serves it: routing, the claim queries,
verification of every claim, the template and the ETag. The first request
reads every quote's number (then kept in memory); the median is what a
reader meets afterwards. Exits 0 with the figures even when the target is
missed; non-zero only when something crashed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

TARGET_MS = 50.0


def measure(claims: int = 200, runs: int = 50, database_url: str | None = None) -> dict:
    """Render the page of a `claims`-claim article `runs` times; timings in milliseconds."""
    from api import create_app
    from bench.article import long_article, store_article
    from schema.db import database

    with tempfile.TemporaryDirectory() as directory:
        url = database_url or f"sqlite:///{Path(directory) / 'pages.db'}"
        app = create_app({"DATABASE_URL": url, "CLAIMS_WRITE_TOKENS": ""})
        article = long_article(claims)
        with app.app_context(), database.connection_context():
            stored = store_article(article, "bench")
        client = app.test_client()
        path = f"/documents/{article.id}"
        timings = []
        for _ in range(runs + 1):
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code}")
        html = response.get_data(as_text=True)
        database.close()
    cold, warm = timings[0], sorted(timings[1:])
    median = statistics.median(warm)
    return {
        "claims": len(stored),
        "marks": html.count("data-claim-id=") + html.count('data-piece="1"'),
        "bytes": len(response.get_data()),
        "cold_ms": round(cold, 1),
        "median_ms": round(median, 1),
        "p95_ms": round(warm[max(0, int(len(warm) * 0.95) - 1)], 1),
        "target_ms": TARGET_MS,
        "met": median < TARGET_MS,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the document page's render time against its target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=200)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    figures = measure(args.claims, args.runs)
    verdict = "ok" if figures["met"] else "FAIL"
    print(
        f"document page, {figures['claims']} claims ({figures['bytes']:,} bytes): "
        f"median {figures['median_ms']} ms, p95 {figures['p95_ms']} ms, "
        f"first {figures['cold_ms']} ms; target < {TARGET_MS:g} ms: {verdict}"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
