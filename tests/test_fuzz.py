"""Property-based fuzzing of the whole HTTP API from its own OpenAPI document.

schemathesis turns /openapi.json into Hypothesis strategies, one test per
operation, valid and invalid inputs alike, and sends them to the WSGI app in
process (no network). Every response must:

- not be a server error (no 500s),
- have a status code, content type and body the document promises,
- be RFC 9457 problem+json with `type`, `title` and `status` when it is an error.

Every operation gets a fresh app on its own seeded SQLite file, so no test sees
another's writes. Writes carry the test token, so they get past authentication
and exercise validation; rate limits are raised out of the way. Ids and quotes
are drawn half the time from the seed, so success responses are checked too.

Examples are bounded (MAX_EXAMPLES per operation, plus schemathesis's coverage
cases) and derandomized: the same code run the same way draws the same inputs.
Hypothesis also mixes in constants from the project modules a run has
imported, so `pytest tests/test_fuzz.py` alone and the whole suite may draw
different inputs; each curl line a failure prints reproduces it either way.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api import create_app
from api.errors import PROBLEM_MIMETYPE
from core.seeding import FIXTURES_DIR, seed
from schema.db import database

MAX_EXAMPLES = 30
TOKEN = "secret-token"
SEED_DOCUMENT = "joongang-2024-02-28-zuckerberg-seoul"
CONFIG = schemathesis.Config.from_dict(
    {
        "headers": {"Authorization": f"Bearer {TOKEN}"},
        # Random ids almost never exist: half the time, draw one the seed stored,
        # so the success paths (and their response schemas) are fuzzed too.
        "dictionaries": {
            "claim-ids": {"values": [1, 3, 6, 9, 10]},
            "document-ids": {"values": [SEED_DOCUMENT]},
            "speaker-ids": {"values": ["jo-joo-wan", "park-hyoung-sei", "meta"]},
            "quotes": {"values": ["5억 대 이상", "370억 달러", "약 49조원", "2014년부터"]},
            "etags": {"values": ["*", '"3-1"', '"9-1"']},
        },
        "parameters": {
            "path.claim_id": {"dictionary": "claim-ids", "probability": 0.5},
            "path.document_id": {"dictionary": "document-ids", "probability": 0.5},
            "path.speaker_id": {"dictionary": "speaker-ids", "probability": 0.5},
            "query.document": {"dictionary": "document-ids", "probability": 0.3},
            "query.speaker": {"dictionary": "speaker-ids", "probability": 0.3},
            "body.document": {"dictionary": "document-ids", "probability": 0.7},
            "body.speaker": {"dictionary": "speaker-ids", "probability": 0.5},
            "body.stated_as": {"dictionary": "quotes", "probability": 0.5},
            "header.If-Match": {"dictionary": "etags", "probability": 0.7},
        },
        "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True},
    }
)


def openapi_document() -> dict:
    """The app's own OpenAPI document (no database state is needed to build it)."""
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite:///:memory:"})
    response = app.test_client().get("/openapi.json")
    assert response.status_code == 200
    return response.get_json()


schema = schemathesis.openapi.from_dict(openapi_document(), config=CONFIG)


@pytest.fixture
def fuzz_app(tmp_path: Path):
    """A fresh app on its own seeded database, with limits out of the way."""
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'claims.db'}",
            "CLAIMS_WRITE_TOKENS": f"fuzzer:{TOKEN}",
            "WRITE_RATE_LIMIT": "1000000/minute",
            "EXTRACT_RATE_LIMIT": "1000000/minute",
        }
    )
    with database.connection_context():
        seed(FIXTURES_DIR)
    yield app
    database.close()


def problem_json_errors(ctx, response, case) -> None:
    """Every 4xx/5xx is RFC 9457 problem+json carrying type, title and its own status."""
    if response.status_code < 400:
        return
    content_type = (response.headers.get("content-type") or [""])[0]
    mimetype = content_type.split(";")[0].strip().lower()
    assert mimetype == PROBLEM_MIMETYPE, (
        f"{response.status_code} answered {content_type!r}, not {PROBLEM_MIMETYPE}"
    )
    body = response.json()
    assert isinstance(body, dict), f"problem body is not an object: {body!r}"
    assert isinstance(body.get("type"), str) and body["type"], f"no type: {body!r}"
    assert isinstance(body.get("title"), str) and body["title"], f"no title: {body!r}"
    assert body.get("status") == response.status_code, f"status differs: {body!r}"


def status_is_listed(ctx, response, case) -> None:
    """Each status is listed for its operation, not merely covered by `default`.

    405 (a method the path lacks) and 500 (reported by not_a_server_error) are
    the only statuses left to `default`.
    """
    if response.status_code in (405, 500):
        return
    listed = case.operation.responses.status_codes
    assert str(response.status_code) in listed, (
        f"{response.status_code} is not documented for {case.operation.label} "
        f"(documented: {', '.join(listed)})"
    )


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    problem_json_errors,
    status_is_listed,
]


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    # One app per operation on purpose: its examples may see each other's writes,
    # and every state they leave must still answer as documented.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_api_conforms_to_its_openapi_document(case, fuzz_app):
    case.call_and_validate(app=fuzz_app, checks=CHECKS)


# Inputs that longer randomized runs of the test above (1,000 examples per
# operation) found failing, replayed with the same checks on every CI run.
FINDINGS = [
    pytest.param(
        "/v1/claims", "GET", {"query": {"format": "csv", "cursor": "0"}}, id="csv-export-bad-cursor"
    ),
    pytest.param(
        "/v1/documents/{document_id}/claims",
        "GET",
        {
            "path_parameters": {"document_id": SEED_DOCUMENT},
            "query": {"format": "ndjson", "cursor": "0"},
        },
        id="ndjson-export-bad-cursor",
    ),
    pytest.param(
        "/v1/claims/{claim_id}",
        "PATCH",
        {
            "path_parameters": {"claim_id": 9},
            "headers": {"If-Match": "*"},
            "body": {"start": 5, "reason": "move the quote"},
        },
        id="patch-start-without-end",
    ),
    pytest.param(
        "/v1/claims/{claim_id}",
        "PATCH",
        {
            "path_parameters": {"claim_id": 1},
            "headers": {"If-Match": '""'},
            "body": {"reason": "clearer subject"},
        },
        id="patch-empty-if-match",
    ),
    pytest.param(
        "/v1/claims/{claim_id}",
        "DELETE",
        {
            "path_parameters": {"claim_id": 1},
            "headers": {"If-Match": '""'},
            "query": {"reason": "not a claim"},
        },
        id="delete-empty-if-match",
    ),
]


@pytest.mark.parametrize(("path", "method", "request_parts"), FINDINGS)
def test_fuzzing_findings_stay_fixed(fuzz_app, path, method, request_parts):
    parts = dict(request_parts)
    headers = {"Authorization": f"Bearer {TOKEN}", **parts.pop("headers", {})}
    case = schema[path][method].Case(headers=headers, **parts)
    case.call_and_validate(app=fuzz_app, checks=CHECKS)
