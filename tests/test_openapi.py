"""The OpenAPI document and the offline docs page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from core.citations import FORMATS

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture
def spec(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    return response.json


def test_every_read_endpoint_is_documented(spec):
    assert spec["openapi"].startswith("3.")
    for path in (
        "/v1/claims",
        "/v1/claims/{claim_id}",
        "/v1/documents",
        "/v1/documents/{document_id}",
        "/v1/documents/{document_id}/claims",
        "/v1/speakers",
        "/v1/speakers/{speaker_id}",
        "/v1/speakers/{speaker_id}/claims",
    ):
        assert "get" in spec["paths"][path], path


def test_claim_filters_are_documented_parameters(spec):
    documented = {p["name"] for p in spec["paths"]["/v1/claims"]["get"]["parameters"]}
    for name in (
        "speaker organization document unit kind qualifier attribution value_min value_max "
        "published_from published_to q sort limit cursor facet count status"
    ).split():
        assert name in documented, name


def test_claim_schema_is_in_the_spec(spec):
    claim = spec["components"]["schemas"]["Claim"]["properties"]
    assert {"value", "unit", "qualifier", "stated_as", "source", "speaker"} <= set(claim)


def test_docs_page_uses_no_cdn(client):
    page = client.get("/docs").get_data(as_text=True)
    assert "/openapi.json" in page
    external = re.findall(r"""(?:src|href)=["'](https?:)?//""", page)
    assert external == []
    for asset in re.findall(r"""(?:src|href)=["'](/docs/assets/[^"']+)""", page):
        response = client.get(asset)
        assert response.status_code == 200, asset
        response.close()


def test_readme_documents_every_claim_filter(spec):
    readme = README.read_text(encoding="utf-8")
    for parameter in spec["paths"]["/v1/claims"]["get"]["parameters"]:
        assert f"`{parameter['name']}`" in readme, parameter["name"]


def test_operations_that_need_a_token_declare_bearer_security(client, spec):
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    ids = {
        "claim_id": "3",
        "document_id": "joongang-2024-02-28-zuckerberg-seoul",
        "speaker_id": "meta",
        "figure_id": "1",
        "organization_id": "lg-electronics",
    }
    checked = 0
    for path, operations in spec["paths"].items():
        url = re.sub(r"{(\w+)}", lambda match: ids[match.group(1)], path)
        for method, operation in operations.items():
            if method == "parameters":
                continue
            # Without a token: a 401 exactly where the spec says a token is needed.
            status = client.open(url, method=method.upper(), json={}).status_code
            declared = operation.get("security") == [{"bearerAuth": []}]
            assert declared == (status == 401), (method, path, status)
            checked += declared
    # POST claims/documents/speakers/organizations, PATCH claims/speakers/organizations,
    # DELETE claims; figures: POST, attach, detach, merge.
    assert checked == 12


def test_nullable_references_keep_their_type(spec):
    # anyOf with a bare nullable object matches anything: clients lose the type.
    rendered = json.dumps(spec)
    assert '"anyOf"' not in rendered
    speaker = spec["components"]["schemas"]["Claim"]["properties"]["speaker"]
    assert speaker == {"allOf": [{"$ref": "#/components/schemas/SpeakerRef"}], "nullable": True}


def test_extracted_candidates_are_documented_as_claims(spec):
    page = spec["paths"]["/v1/extract"]["post"]["responses"]["200"]["content"]
    items = page["application/json"]["schema"]
    candidate = spec["components"]["schemas"]["CandidatePage"]["properties"]["data"]["items"]
    assert items == {"$ref": "#/components/schemas/CandidatePage"}
    assert candidate == {"$ref": "#/components/schemas/Candidate"}
    properties = spec["components"]["schemas"]["Candidate"]["properties"]
    claim = spec["components"]["schemas"]["Claim"]["properties"]
    # A candidate is a claim less what storing gives it; it names the candidate it
    # restates by position, as no candidate has an id.
    assert set(properties) - {"restates_candidate"} < set(claim)
    assert {"value", "unit", "source", "speaker", "attribution_evidence"} <= set(properties)
    assert (
        "restates" not in properties
        and "position" in properties["restates_candidate"]["description"]
    )
    assert properties["id"]["nullable"] is True


def test_corrections_document_no_defaults(spec):
    # A PATCH field left out stays as it is: no default may say otherwise.
    for name in ("ClaimUpdate", "SpeakerUpdate"):
        for field, rendered in spec["components"]["schemas"][name]["properties"].items():
            assert "default" not in rendered, (name, field)


def test_readme_documents_every_citation_format():
    readme = README.read_text(encoding="utf-8")
    for name in FORMATS:
        assert f"format={name}" in readme or f"`{name}`" in readme, name
