"""Hostile input: every request below gets a clear 4xx and changes nothing."""

from __future__ import annotations

import pytest

from core.pagination import encode_cursor
from schema.db import database
from schema.search import query_terms
from tests.conftest import AUTH
from tests.test_seeding import table_digest

DOC = "joongang-2024-02-28-zuckerberg-seoul"
FILTERS = [
    "speaker",
    "organization",
    "document",
    "unit",
    "kind",
    "qualifier",
    "attribution",
    "status",
    "value_min",
    "value_max",
    "published_from",
    "published_to",
    "q",
    "sort",
    "limit",
    "cursor",
    "facet",
    "count",
    "format",
]
NASTY = [
    "' OR 1=1 --",
    '"; DROP TABLE claim; --',
    "%",
    "_",
    "%%_%",
    "\\",
    "*",
    '"',
    "NEAR(a b)",
    "a AND OR NOT b",
    "../../etc/passwd",
    "\u202e\u0000",
    "가" * 300,
    "1e400",
    "-0",
    "NaN",
]


@pytest.fixture
def unchanged(app):
    """Assert the whole database is byte-for-byte the same after the test body."""
    with database.connection_context():
        before = table_digest()
    yield
    with database.connection_context():
        assert table_digest() == before


@pytest.mark.parametrize("name", FILTERS)
@pytest.mark.parametrize("value", NASTY)
def test_metacharacters_in_every_filter(client, unchanged, name, value):
    response = client.get("/v1/claims", query_string={name: value})
    assert response.status_code in (200, 400), response.get_data(as_text=True)
    if response.status_code == 200 and name in ("speaker", "organization", "document"):
        # Only exact matches can come back: a wildcard or quote is just a character.
        assert response.json["data"] == []
    if response.status_code == 200 and name == "q":
        for claim in response.json["data"]:
            text = f"{claim['source']['sentence']} {claim['subject']}".lower()
            assert all(term in text for term in query_terms(value)), claim["id"]
    if response.status_code == 400:
        assert response.mimetype == "application/problem+json"


@pytest.mark.parametrize(
    "path",
    [
        "/v1/claims/%00",
        "/v1/claims/1%00",
        "/v1/claims/99999999999999999999999999",
        "/v1/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/v1/documents/..",
        "/v1/speakers/%ff%fe",
        "/v1/claims?q=%ff%fe",
        "/v1/claims?speaker=%c3%28",
    ],
)
def test_bad_paths_and_encodings(client, unchanged, path):
    response = client.get(path)
    assert 400 <= response.status_code < 500, response.get_data(as_text=True)


@pytest.mark.parametrize(
    "body",
    [
        b'{"document": "' + DOC.encode() + b'", "stated_as": "\xff\xfe", "value": 1}',
        b'{"value": 1e400}',
        b'{"value": -0}',
        b'{"value": Infinity}',
        b'{"value": 123456789012345678901234567890123456789}',
        b'{"a":' * 2000 + b"1" + b"}" * 2000,
        b'{"stated_as": "\\u0000"}',
        b"\x00\x00\x00",
        b"null",
        b"[]",
        b'"' + b"a" * 1000 + b'"',
    ],
)
@pytest.mark.parametrize("path", ["/v1/claims", "/v1/documents", "/v1/speakers", "/v1/extract"])
def test_hostile_bodies(client, unchanged, body, path):
    headers = {**AUTH, "Content-Type": "application/json"}
    response = client.post(path, data=body, headers=headers)
    assert response.status_code in (400, 413, 415, 422), response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"


def test_ten_megabyte_body(client, unchanged):
    body = b'{"text": "' + b"a" * 10_000_000 + b'"}'
    response = client.post(
        "/v1/documents", data=body, headers={**AUTH, "Content-Type": "application/json"}
    )
    assert response.status_code == 413


def test_offsets_past_the_end_of_the_text(client, unchanged):
    response = client.post(
        "/v1/claims",
        json={"document": DOC, "stated_as": "29일", "value": 29, "unit": "date", "kind": "date",
              "attribution": "narration", "start": 10**6, "end": 10**6 + 3},
        headers=AUTH,
    )  # fmt: skip
    assert response.status_code == 422 and "end" in response.json["errors"]


@pytest.mark.parametrize(
    "headers",
    [
        {"If-Match": '"3-1"\r\nX-Injected: yes'},
        {"Authorization": "Bearer secret-token\r\nX-Injected: yes"},
        {"Authorization": "Bearer " + "x" * 10_000},
        {"Content-Type": "application/json; charset=utf-7"},
    ],
)
def test_header_injection_is_refused(client, unchanged, headers):
    try:
        response = client.patch(
            "/v1/claims/3", json={"subject": "x", "reason": "injected"}, headers=headers
        )
    except ValueError:
        return  # the HTTP layer refuses to even send a header with a line break
    assert 400 <= response.status_code < 500
    assert "X-Injected" not in response.headers


@pytest.mark.parametrize(
    "cursor",
    [
        encode_cursor("id", None, 10**30),
        encode_cursor("id", None, -1),
        encode_cursor("value", "1e400", 1),
        encode_cursor("value", "NaN", 1),
        encode_cursor("value", str(10**30), 1),
        encode_cursor("published", "2024-99-99", 1),
    ],
)
def test_forged_cursors(client, unchanged, cursor):
    sort = "value" if "value" in str(decode_cursor_raw(cursor)) else "id"
    if "published" in str(decode_cursor_raw(cursor)):
        sort = "published"
    response = client.get(f"/v1/claims?sort={sort}&cursor={cursor}")
    assert response.status_code == 400, response.get_data(as_text=True)
    assert "cursor" in response.json["errors"]


def decode_cursor_raw(cursor: str) -> list:
    """The JSON inside a cursor, for choosing the sort it claims to belong to."""
    import base64
    import json

    return json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
