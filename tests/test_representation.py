"""The hot path's claim JSON is exactly what ClaimSchema would dump.

Lists build claim objects straight from database rows and serialise them with
orjson; this proves the shortcut changes nothing, for every kind of row.
"""

from __future__ import annotations

import json

import pytest

from core import queries
from core.representation import claim_links
from extractor.anchors import selectors
from schema.db import database
from schema.models import Claim, Document, Speaker
from schema.schemas import ClaimSchema
from tests.conftest import AUTH


def reference(claim_id: int) -> dict:
    """The claim built from model instances and dumped by marshmallow: the definition."""
    claim = Claim.get_by_id(claim_id)
    document = Document.get_by_id(claim.__data__["document"])
    speaker_id = claim.__data__["speaker"]
    speaker = Speaker.get_by_id(speaker_id) if speaker_id else None
    links = claim_links(claim.id)
    links["document"] = f"/v1/documents/{document.id}"
    if speaker:
        links["speaker"] = f"/v1/speakers/{speaker.id}"
    restated_by = [c.id for c in Claim.select().where(Claim.restates == claim.id)]
    data = {
        **{name: getattr(claim, name) for name in ClaimSchema().fields if hasattr(claim, name)},
        "speaker": speaker and {f: speaker.__data__[f] for f in
                                ("id", "name", "name_en", "kind", "role", "role_en",
                                 "organization_id", "organization", "organization_en")},
        "document": {f: getattr(document, f) for f in
                     ("id", "title", "title_en", "outlet", "outlet_en", "author", "url",
                      "published", "language")},
        "source": {
            "sentence": claim.sentence,
            "start": claim.start,
            "end": claim.end,
            "sentence_start": claim.sentence_start,
            "sentence_end": claim.sentence_end,
            "text_sha256": document.text_sha256,
            "selectors": selectors(claim.stated_as, claim.quote_prefix, claim.quote_suffix,
                                   claim.start, claim.end),
            "quote": claim.quoted_words and {"exact": claim.quoted_words,
                                             "start": claim.quoted_start, "end": claim.quoted_end},
        },
        "attribution_evidence": claim.attribution_rule and {
            "rule": claim.attribution_rule,
            "mention": claim.mention and {"exact": claim.mention, "start": claim.mention_start,
                                          "end": claim.mention_end},
        },
        "restates": claim.__data__["restates"],
        "restated_by": restated_by,
        "figure": claim.__data__["figure"] and {
            "id": claim.__data__["figure"],
            "links": {"self": f"/v1/figures/{claim.__data__['figure']}"},
        },
        "links": links,
    }  # fmt: skip
    return json.loads(json.dumps(ClaimSchema().dump(data)))


def change(client, claim_id: int, body: dict) -> None:
    """PATCH a claim through the API."""
    etag = client.get(f"/v1/claims/{claim_id}").headers["ETag"]
    response = client.patch(f"/v1/claims/{claim_id}", json=body, headers={**AUTH, "If-Match": etag})
    assert response.status_code == 200, response.json


@pytest.mark.parametrize("claim_id", range(1, 11))
def test_seeded_claims_match_the_schema_dump(client, claim_id):
    with database.connection_context():
        expected = reference(claim_id)
    assert client.get(f"/v1/claims/{claim_id}").json == expected


def test_decimal_values_and_status_changes_match(client):
    change(client, 7, {"value": "3500.0", "reason": "same number, written as a decimal"})
    change(client, 6, {"status": "candidate", "reason": "re-review"})
    client.delete("/v1/claims/5?reason=duplicate of another claim", headers=AUTH)
    client.post(
        "/v1/claims",
        json={"document": "joongang-2024-02-28-zuckerberg-seoul", "stated_as": "29일",
              "value": "29.5", "unit": "days", "kind": "duration", "attribution": "narration",
              "value_override_reason": "a test of decimals"},
        headers=AUTH,
    )  # fmt: skip
    listed = client.get("/v1/claims?status=all").json["data"]
    with database.connection_context():
        for item in listed:
            assert item == reference(item["id"]), item["id"]
    assert next(c for c in listed if c["id"] == 11)["value"] == 29.5


def test_rows_carry_every_column_the_representation_needs():
    assert set(queries.ClaimRow._fields) >= {"speaker_id", "document_published", "quote_prefix"}
