"""Every argument of the claim list does something, and filters stay on the claim table.

A field of ClaimQueryArgsSchema that validates and then changes nothing would
let a typo-free query silently return everything: each argument below must
change the answer.
"""

from __future__ import annotations

import pytest

from core.claim_filters import FILTERS, ClaimQueryArgsSchema, equals, on_claims
from core.pagination import encode_cursor

# A value for every argument that changes the seed's answer to GET /v1/claims.
CHANGING = {
    "speaker": "조 사장",
    "organization": "LG전자",
    "document": "no-such-document",
    "unit": "USD",
    "kind": "money",
    "qualifier": "at_least",
    "attribution": "narration",
    "status": "retracted",
    "value_min": "1000000",
    "value_max": "1000",
    "figure": "1",
    "published_from": "2025-01-01",
    "published_to": "2020-01-01",
    "q": "콘텐트",
    "sort": "-value",
    "limit": "2",
    "cursor": encode_cursor("id", None, 3),
    "facet": "unit",
    "count": "true",
    "format": "csv",
}


def test_every_argument_has_a_changing_value():
    assert set(CHANGING) == set(ClaimQueryArgsSchema().fields)


@pytest.mark.parametrize("name", sorted(CHANGING))
def test_every_argument_changes_the_answer(client, name):
    plain = client.get("/v1/claims")
    given = client.get("/v1/claims", query_string={name: CHANGING[name]})
    assert given.status_code == 200, given.json
    assert given.get_data() != plain.get_data(), name


def test_filters_are_the_schemas_fields():
    schema_fields = ClaimQueryArgsSchema().fields
    for name, claim_filter in FILTERS.items():
        assert type(schema_fields[name]) is type(claim_filter.field), name


@pytest.mark.parametrize("column", ["name", "outlet", "text_sha256", "speaker"])
def test_a_filter_on_another_tables_column_cannot_be_built(column):
    # Counts and facets read the claim table alone: such a filter would break them.
    with pytest.raises(ValueError, match="not a column of the claim table"):
        equals(column)
    with pytest.raises(ValueError):
        on_claims(column)
