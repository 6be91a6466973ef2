"""Query strings are validated once per text: the same text, the same arguments; bad ones 400."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from api.blueprint import Blueprint, ValidatedQueries
from core.claim_filters import claim_query_args

QUERIES = [
    "",
    "limit=5",
    "speaker=%EC%A1%B0%20%EC%82%AC%EC%9E%A5&facet=unit&facet=speaker&count=true",
    "unit=units&value_min=1000000&sort=-value&limit=2",
    "q=%EC%BD%98%ED%85%90&published_from=2024-01-01",
    "status=all&format=csv",
]
BAD = ["spekaer=x", "limit=0", "value_min=5&value_max=1", "sort=sideways", "facet=colour"]


@pytest.fixture
def validated(app):
    """The parser's remembered query strings, emptied for the test."""
    kept = Blueprint.ARGUMENTS_PARSER.validated
    kept._found.clear()
    return kept


@pytest.mark.parametrize("query", QUERIES)
def test_the_same_query_string_gives_the_same_arguments_as_validating_it(client, validated, query):
    given = {
        name: values if name == "facet" else values[0]
        for name, values in parse_qs(query, keep_blank_values=True).items()
    }
    expected = claim_query_args.load(given)
    first = client.get(f"/v1/claims?{query}")
    second = client.get(f"/v1/claims?{query}")
    assert first.status_code == second.status_code == 200
    assert first.data == second.data
    assert len(validated) == 1
    assert next(iter(validated._found.values())) == expected


def test_a_kept_copy_is_not_changed_by_the_view_that_used_it(validated):
    arguments = {"facet": ["unit"], "limit": 5}
    validated.put(("schema", None, b"q"), arguments)
    arguments["facet"].append("speaker")
    handed = validated.get(("schema", None, b"q"))
    handed["facet"].append("kind")
    handed["limit"] = 9
    assert validated.get(("schema", None, b"q")) == {"facet": ["unit"], "limit": 5}


@pytest.mark.parametrize("query", BAD)
def test_a_bad_query_string_is_a_400_every_time_and_is_not_kept(client, validated, query):
    for _ in range(3):
        response = client.get(f"/v1/claims?{query}")
        assert response.status_code == 400
        assert response.json["type"] == "/problems/validation-error"
    assert len(validated) == 0


def test_each_schema_keeps_its_own_arguments(client, validated):
    """`limit=5` means a claim page on /v1/claims and a document page on /v1/documents."""
    assert client.get("/v1/claims?limit=5").status_code == 200
    assert client.get("/v1/documents?limit=5").status_code == 200
    assert client.get("/v1/claims?limit=5&status=all").status_code == 200
    assert len(validated) == 3
    assert client.get("/v1/documents?status=all").status_code == 400  # not a claim filter


def test_the_oldest_query_strings_are_dropped_first():
    kept = ValidatedQueries(size=3)
    for n in range(5):
        kept.put(("s", None, str(n).encode()), {"limit": n})
    assert len(kept) == 3
    assert kept.get(("s", None, b"0")) is None and kept.get(("s", None, b"1")) is None
    assert kept.get(("s", None, b"2")) == {"limit": 2}
    kept.put(("s", None, b"5"), {"limit": 5})  # 2 was used last: 3 goes
    assert kept.get(("s", None, b"3")) is None and kept.get(("s", None, b"2")) == {"limit": 2}
