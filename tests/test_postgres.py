"""PostgreSQL: the same requests answer the same JSON as on SQLite, and its own concerns.

The tests that need a server run only when TEST_DATABASE_URL names a PostgreSQL
database (`make test-pg`). One scenario (the fixtures, a bulk import of generated
articles, reads of every kind, then writes and the reads that show them) runs on a
fresh SQLite file and on PostgreSQL, and every response must be the same: status,
content type, ETag, Location and body, timestamps aside (they record when each run
happened) and the data version in ETags (each database counts its own changes).
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from peewee import OperationalError

from api import create_app
from bench.generate import articles, make_speakers, store_speakers
from core import bulk_import as bulk
from core import queries
from core.seeding import FIXTURES_DIR, seed
from schema import search
from schema.db import database
from schema.migrations import LATEST, MIGRATION_LOCK, applied_versions
from tests.conftest import AUTH

ROOT = Path(__file__).resolve().parents[1]
# When each run wrote its rows (the annotation's created/modified are the claim's).
TIMESTAMPS = {"created_at", "updated_at", "status_changed_at", "changed_at", "created", "modified"}
DOC = "joongang-2024-02-28-zuckerberg-seoul"
GENERATED_CLAIMS = 400
CONFIG = {
    "TESTING": True,
    "CLAIMS_WRITE_TOKENS": "tester:secret-token",
    "WRITE_RATE_LIMIT": "100000/minute",
    "EXTRACT_RATE_LIMIT": "100000/minute",
}
SEARCHES = [
    "콘텐트",
    "콘텐",
    "반도",
    "설비투자",
    "대 이상",
    "2억 대",
    "억",
    "LG",
    "lg전자",
    "billion",
    "Northwind Energy",
    "the",
    "%",
    "_",
    "x' OR 1=1",
    '"a" OR b*',
    "\\",
    "성장했다",
    "2016년부터",
]
LISTS = [
    "",
    "limit=7",
    "sort=-id&limit=9",
    "sort=value&limit=11",
    "sort=-value&limit=11",
    "sort=published&limit=13",
    "sort=-published&limit=13",
    "status=all&sort=-id&limit=20",
    "speaker=조 사장",
    "speaker=조주완",
    "organization=LG전자",
    "organization=LG전자&unit=units",
    "unit=percent&sort=value&limit=15",
    "kind=money&value_min=1000000000&value_max=50000000000&sort=value",
    "value_min=10.5&value_max=40.5&sort=-value",
    "qualifier=at_least",
    "attribution=narration&limit=10",
    "published_from=2020-01-01&published_to=2021-12-31&sort=published",
    "facet=unit&facet=speaker&facet=kind&facet=document&count=true&limit=1",
    "facet=speaker&count=true&unit=USD&limit=5",
    f"facet=speaker&facet=unit&kind=count&document={DOC}",  # ties: narration (null) first
    "facet=speaker&facet=document&unit=percent&count=true&limit=2",
    "q=콘텐&facet=unit&count=true",
    "format=csv&unit=percent",
    "format=ndjson&kind=money",
    "format=csv&q=반도",
    "spekaer=x",
    "cursor=bogus",
    "limit=0",
]
CITATIONS = ["", "format=markdown&lang=en", "format=csl-json", "format=annotation", "format=jsonld"]


def normalised(value):
    """`value` with every timestamp replaced by a marker (when it is set at all)."""
    if isinstance(value, dict):
        return {
            k: ("<timestamp>" if k in TIMESTAMPS and v is not None else normalised(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [normalised(v) for v in value]
    return value


class Recorder:
    """Sends requests through the test client and keeps what came back."""

    def __init__(self, client):
        self.client = client
        self.seen: list[tuple] = []

    def __call__(self, method: str, url: str, body=None, headers=None):
        response = self.client.open(url, method=method, json=body, headers=headers or {})
        mimetype = response.mimetype
        text = response.get_data(as_text=True)
        if mimetype == "application/x-ndjson":
            content = [normalised(json.loads(line)) for line in text.splitlines()]
        elif mimetype.endswith("json"):
            content = normalised(json.loads(text))
        else:
            content = text
        headers = {h: response.headers.get(h) for h in ("ETag", "Location", "Content-Type")}
        if headers["ETag"]:  # each database counts its own changes (schema/changes.py)
            headers["ETag"] = re.sub(r"[0-9a-f]{8}\.\d+\.", "<data version>.", headers["ETag"])
        self.seen.append((method, url, response.status_code, headers, content))
        return response

    def pages(self, url: str) -> None:
        """GET `url` and every following page."""
        for _ in range(100):
            response = self("GET", url)
            following = (response.get_json(silent=True) or {}).get("next")
            if not following:
                return
            url = following


def scenario(database_url: str) -> list[tuple]:
    """Every request of the comparison, on the database at `database_url`."""
    app = create_app({**CONFIG, "DATABASE_URL": database_url})
    rng = random.Random(7)
    speakers = make_speakers(rng, people=12, organizations=4)
    with database.connection_context():
        seed(FIXTURES_DIR)
        store_speakers(speakers)
        bulk.import_articles(articles(GENERATED_CLAIMS, speakers, random.Random(8)))
    send = Recorder(app.test_client())
    reads(send, speakers)
    writes(send)
    database.close()
    return send.seen


def reads(send: Recorder, speakers: list[dict]) -> None:
    """Lists, searches, single claims, citations, documents, speakers and errors."""
    send("GET", "/healthz")
    for query in LISTS:
        send.pages(f"/v1/claims?{query}")
    for term in SEARCHES:
        for sort in ("id", "-id", "value"):
            send.pages(f"/v1/claims?q={quote(term)}&sort={sort}&limit=25")
    for claim_id in [*range(1, 12), 40, 177, 410, 0, 10**12]:
        send("GET", f"/v1/claims/{claim_id}")
        send("GET", f"/v1/claims/{claim_id}/verify")
        send("GET", f"/v1/claims/{claim_id}/history")
    for claim_id in (3, 9, 40, 250):
        for query in CITATIONS:
            send("GET", f"/v1/claims/{claim_id}/citation?{query}")
    send.pages("/v1/documents?limit=7")
    for document_id in (DOC, "bench-1", "bench-17", "missing"):
        send("GET", f"/v1/documents/{document_id}")
        send("GET", f"/v1/documents/{document_id}/verify")
        send.pages(f"/v1/documents/{document_id}/claims?limit=6")
    send.pages("/v1/speakers?limit=4")
    for speaker_id in ["park-hyoung-sei", "meta", "missing", *(s["id"] for s in speakers[:4])]:
        send("GET", f"/v1/speakers/{speaker_id}")
        send.pages(f"/v1/speakers/{speaker_id}/claims?sort=-value&limit=5")


def writes(send: Recorder) -> None:
    """Every kind of write, refused ones too, and the reads that show their effect."""
    new_claim = {
        "document": DOC,
        "stated_as": "29일",
        "value": 29,
        "unit": "date",
        "kind": "date",
        "attribution": "narration",
        "subject": "저커버그의 인도행 날짜",
        "reason": "review",
    }
    text = (
        "김민수 한빛전자 사장은 “올해 3500개 이상 업체와 계약했다”라고 말했다. "
        "회사는 매출이 12.5% 늘었다고 밝혔다. The firm's C:\\data share rose 7%."
    )
    document = {
        "id": "pg-compare",
        "title": "비교 기사",
        "outlet": "테스트일보",
        "url": None,
        "author": None,
        "published": "2024-03-01",
        "language": "ko",
        "text": text,
    }
    send("POST", "/v1/documents", document, AUTH)
    send("POST", "/v1/documents", document, AUTH)  # 409: exists
    extracted = {k: v for k, v in document.items() if k != "id"}
    send("POST", "/v1/documents", {**extracted, "extract": True}, AUTH)
    created = send("POST", "/v1/claims", new_claim, AUTH).get_json()["id"]
    send("POST", "/v1/claims", {**new_claim, "value": 30}, AUTH)  # 422: it says 29
    percent = {"stated_as": "12.5%", "value": 12.5, "unit": "percent", "kind": "percent"}
    send("POST", "/v1/claims", {**new_claim, **percent, "document": "pg-compare"}, AUTH)
    share = {**percent, "stated_as": "7%", "value": 7, "subject": "the firm's C:\\data share"}
    send("POST", "/v1/claims", {**new_claim, **share, "document": "pg-compare"}, AUTH)
    send.pages("/v1/claims?status=all&sort=-id&limit=5&facet=unit&count=true")
    candidates = send("GET", "/v1/claims?status=candidate").get_json()["data"]
    for candidate in candidates[:2]:
        patch = {"status": "active", "reason": "checked by a reviewer"}
        etag = f'"{candidate["id"]}-{candidate["version"]}"'
        send("PATCH", f"/v1/claims/{candidate['id']}", patch, {**AUTH, "If-Match": etag})
    change = {"subject": "인도 방문일", "reason": "clearer subject"}
    send("PATCH", f"/v1/claims/{created}", change, AUTH)  # 428: no If-Match
    send("PATCH", f"/v1/claims/{created}", change, {**AUTH, "If-Match": f'"{created}-1"'})
    send("PATCH", f"/v1/claims/{created}", change, {**AUTH, "If-Match": f'"{created}-1"'})  # 412
    typo = {"value": 3, "reason": "a typo"}
    send("PATCH", "/v1/claims/5", typo, {**AUTH, "If-Match": '"5-1"'})  # 422: it says 2014
    send("DELETE", "/v1/claims/7?reason=duplicate", None, AUTH)
    send("DELETE", "/v1/claims/7?reason=again", None, AUTH)  # 409
    speaker = {"name": "홍길동", "kind": "person", "role": "사장", "aliases": ["홍 사장"]}
    send("POST", "/v1/speakers", {**speaker, "id": "hong"}, AUTH)
    send("PATCH", "/v1/speakers/hong", {"aliases": ["길동", "홍 대표"]}, AUTH)  # 428
    send(
        "PATCH",
        "/v1/speakers/hong",
        {"aliases": ["길동", "홍 대표"]},
        {**AUTH, "If-Match": '"hong-1"'},
    )
    send("PATCH", "/v1/speakers/hong", {"role": "회장"}, {**AUTH, "If-Match": '"hong-1"'})  # 412
    send("GET", "/v1/speakers/hong")
    send.pages("/v1/claims?speaker=홍 대표")
    for claim_id in (5, 7, created, created + 1, *(c["id"] for c in candidates)):
        send("GET", f"/v1/claims/{claim_id}")
        send("GET", f"/v1/claims/{claim_id}/history")
    for term in ("인도 방문", "인도행", "12.5", "계약했다", "firm's", "c:\\data", "7%"):
        send.pages(f"/v1/claims?q={quote(term)}&status=all")
    send.pages("/v1/claims?status=all&facet=unit&facet=speaker&count=true&sort=-id&limit=30")
    send("GET", "/v1/documents/pg-compare/verify")
    send("GET", "/healthz")


@pytest.mark.postgres_only
def test_both_backends_answer_the_same(tmp_path, database_url):
    on_sqlite = scenario(f"sqlite:///{tmp_path / 'compare.db'}")
    on_postgres = scenario(database_url)
    assert len(on_postgres) == len(on_sqlite) > 500
    statuses = {seen[2] for seen in on_sqlite}
    assert {200, 201, 400, 404, 409, 412, 422, 428} <= statuses
    for lite, pg in zip(on_sqlite, on_postgres, strict=True):
        assert pg[:2] == lite[:2]
        assert pg == lite, f"{lite[0]} {lite[1]} differs between SQLite and PostgreSQL"


# --- PostgreSQL's own concerns -----------------------------------------------------------


def test_lexemes_are_quoted_and_taken_as_they_are():
    literal = search.tsvector_literal(search.index_text("It's C:\\d", None))
    # The bigrams it, t', 's, "s ", " c", c:, :\, \d; quotes doubled, backslashes escaped.
    expected = ["'it'", "'t'''", "'''s'", "'s '", "' c'", "'c:'", "':\\\\'", "'\\\\d'"]
    assert len(literal) == len(" ".join(expected))
    assert all(lexeme in literal for lexeme in expected)
    assert search.tsquery_expression(search.query_terms("콘텐트 it's")) == (
        "('콘텐' & '텐트' & 'it') | 'oversize'"
    )
    assert search.tsquery_expression(search.query_terms("가 s")) is None


def test_an_entry_too_large_for_a_tsvector_is_marked_oversize():
    rng = random.Random(5)
    sentence = "".join(chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(190_000))
    assert search.tsvector_literal(search.index_text(sentence, None)) == "'oversize'"
    assert search.tsvector_literal(search.index_text(sentence[:20_000], None)) != "'oversize'"


@pytest.mark.postgres_only
def test_a_claim_in_a_huge_sentence_is_still_found(client):
    """A sentence with more distinct bigrams than a tsvector holds is indexed as OVERSIZE."""
    rng = random.Random(6)
    text = "".join(chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(190_000)) + " 5억 대 이상"
    document = {"id": "huge", "title": "t", "published": "2024-01-01", "language": "ko"}
    stored = client.post("/v1/documents", json={**document, "text": text}, headers=AUTH)
    assert stored.status_code == 201
    claim = {"document": "huge", "stated_as": "5억 대 이상", "value": 500_000_000, "unit": "units"}
    claim.update(kind="count", attribution="narration", reason="a long sentence")
    created = client.post("/v1/claims", json=claim, headers=AUTH)
    assert created.status_code == 201, created.json
    for term in (text[100_000:100_003], "5억 대"):
        found = [c["id"] for c in client.get("/v1/claims", query_string={"q": term}).json["data"]]
        assert created.json["id"] in found


@pytest.mark.postgres_only
def test_new_claims_follow_seeded_and_imported_ids(client):
    claim = {"document": DOC, "stated_as": "29일", "value": 29, "unit": "date", "kind": "date"}
    claim.update(attribution="narration", reason="after the fixtures")
    response = client.post("/v1/claims", json=claim, headers=AUTH)
    assert response.status_code == 201 and response.json["id"] == 11
    speakers = make_speakers(random.Random(3), people=4, organizations=1)
    with database.connection_context():
        store_speakers(speakers)
        report = bulk.import_articles(articles(50, speakers, random.Random(4)))
    assert report.claims == 50
    # The same span again, as a candidate: an active copy would be a duplicate (409).
    again = {**claim, "reason": "after the import", "status": "candidate"}
    created = client.post("/v1/claims", json=again, headers=AUTH)
    assert created.status_code == 201 and created.json["id"] == 11 + 50 + 1


@pytest.mark.postgres_only
def test_korean_search_uses_the_gin_index(client):
    speakers = make_speakers(random.Random(11), people=20, organizations=4)
    with database.connection_context():
        store_speakers(speakers)
        bulk.import_articles(articles(2000, speakers, random.Random(12)))
        sql, expression = search.index_filter(search.query_terms("콘텐트"))
        sql = sql.replace("?", database.param)
        # A table this small is cheaper to read whole; forbid that to see the index is usable.
        with database.atomic():
            database.execute_sql("SET LOCAL enable_seqscan = off")
            plan = database.execute_sql(f"EXPLAIN (FORMAT JSON) {sql}", [expression])
            text = json.dumps(plan.fetchone()[0])
    assert "claim_search_grams" in text and "Seq Scan" not in text, text
    found = client.get(f"/v1/claims?q={quote('콘텐트')}&limit=500").json["data"]
    assert found and all("콘텐트" in c["source"]["sentence"] for c in found)


@pytest.mark.postgres_only
def test_connections_go_back_to_the_pool(app):
    """More threads than pooled connections: each request borrows one and gives it back."""
    pool = database.obj
    errors = []

    def read() -> None:
        client = app.test_client()
        for _ in range(5):
            response = client.get("/v1/claims?q=%EC%BD%98%ED%85%90&facet=unit")
            if response.status_code != 200:
                errors.append(response.status_code)

    threads = [threading.Thread(target=read) for _ in range(pool._max_connections + 4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert not pool._in_use, "a request kept its connection"
    assert 0 < len(pool._connections) <= pool._max_connections


@pytest.mark.postgres_only
def test_concurrent_corrections_have_one_winner(app):
    """Writers holding the same ETag: exactly one correction lands, the others get 412."""
    writers = 6
    barrier = threading.Barrier(writers, timeout=30)
    statuses = []

    def correct(number: int) -> None:
        client = app.test_client()
        barrier.wait()
        response = client.patch(
            "/v1/claims/5",
            json={"subject": f"writer {number}", "reason": "race"},
            headers={**AUTH, "If-Match": '"5-1"'},
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=correct, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(statuses) == [200] + [412] * (writers - 1)
    history = app.test_client().get("/v1/claims/5/history").json["data"]
    assert [v["version"] for v in history] == [1, 2]


@pytest.mark.postgres_only
def test_workers_starting_together_migrate_once(database_url, postgres_admin):
    """Each start-up migration waits for the advisory lock; one creates, the rest find."""
    starters = 3
    program = "from api import create_app; import sys; create_app({'DATABASE_URL': sys.argv[1]})"
    with postgres_admin.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
        processes = [
            subprocess.Popen(
                [sys.executable, "-c", program, database_url],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
            for _ in range(starters)
        ]
        try:
            deadline = time.monotonic() + 60
            waiting = 0
            while waiting < starters and time.monotonic() < deadline:
                time.sleep(0.1)
                cursor.execute(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                )
                waiting = cursor.fetchone()[0]
            assert waiting == starters, "the start-ups did not wait for the migration lock"
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
    outputs = [process.communicate(timeout=60)[0].decode() for process in processes]
    assert [process.returncode for process in processes] == [0] * starters, outputs
    create_app({**CONFIG, "DATABASE_URL": database_url})
    with database.connection_context():
        assert applied_versions() == set(range(1, LATEST + 1))
        rows = database.execute_sql('SELECT COUNT(*) FROM "schema_migration"').fetchone()[0]
    database.close()
    assert rows == LATEST


@pytest.mark.postgres_only
def test_a_lost_connection_is_a_503_not_a_500(client, monkeypatch, postgres_admin):
    with postgres_admin.cursor() as cursor:  # every pooled connection dies under the app
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE pid <> pg_backend_pid() AND datname = current_database()"
        )
    assert client.get("/v1/claims/3").status_code == 200  # the pool noticed and reconnected

    def lost(claim_id):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(queries, "get_claim", lost)
    response = client.get("/v1/claims/3")
    assert response.status_code == 503 and response.mimetype == "application/problem+json"
    assert client.get("/healthz").status_code == 200
