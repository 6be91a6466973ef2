"""A bulk import refuses every claim that POST /v1/claims refuses.

The rejection cases are made from the API's own schema: for each field of
ClaimCreateSchema, a value breaking each of its rules (missing, null, wrong
type, each validator), then the rules the API checks against stored data
(the quote at its offsets, the speaker, the restated claim). Each case goes
to POST /v1/claims, which must refuse it, and to the import, which must
refuse it too and write nothing. A new field or rule brings its cases along.
"""

from __future__ import annotations

import pytest
from marshmallow import fields, validate

from core import bulk_import
from schema.db import database
from schema.fields import ExactNumber, reject_control_characters, require_nonblank
from schema.schemas import ClaimCreateSchema
from tests.conftest import AUTH
from tests.test_seeding import table_digest

DELETE = object()  # the case leaves the field out
STATED = "3500개"
BASE = {
    "speaker": "park-hyoung-sei",
    "attribution": "direct_quote",
    "subject": "콘텐트 업체",
    "value": 3500,
    "unit": "items",
    "kind": "count",
    "qualifier": "at_least",
    "stated_as": STATED,
}
# Values of the wrong type for each field type.
WRONG_TYPES = {
    fields.String: [12345, ["a"], {"text": "a"}],
    fields.Integer: ["1", 1.5, True],
    fields.Float: ["half", True],
    ExactNumber: ["lots", True, [1], "NaN", 1e400],
    fields.Boolean: ["maybe"],
}


def breaking(validator, field: fields.Field) -> list:
    """Values that break one validator of a field."""
    text = isinstance(field, fields.String)
    if isinstance(validator, validate.Length):
        found = []
        if validator.max is not None:
            found.append("가" * (validator.max + 50) if text else [0] * (validator.max + 1))
        if validator.min:
            found.append("" if text else [])
        return found
    if isinstance(validator, validate.Range):
        found = []
        if validator.min is not None:
            found.append(validator.min - 1)
        if validator.max is not None:
            found.append(validator.max + (1 if isinstance(validator.max, int) else 0.5))
        return found
    if isinstance(validator, validate.OneOf):
        return ["not-a-term"]
    if isinstance(validator, validate.Regexp):
        return ["Not A Slug!"]
    if validator is require_nonblank:
        return [" ", "\u3000\t"]
    if validator is reject_control_characters:
        return ["a\x07b"]
    raise AssertionError(f"no breaking value for {validator!r}: add one here")


def schema_cases() -> list[tuple[str, object]]:
    """(field, value) pairs that POST /v1/claims's schema refuses, from its definition."""
    cases = [("bogus", 1)]
    for name, field in ClaimCreateSchema().load_fields.items():
        if field.required:
            cases.append((name, DELETE))
        if not field.allow_none:
            cases.append((name, None))
        cases += [(name, v) for v in WRONG_TYPES.get(type(field), [])]
        for validator in field.validators:
            cases += [(name, v) for v in breaking(validator, field)]
    return cases


def case_id(case) -> str:
    name, value = case
    if value is DELETE:
        return f"{name}=missing"
    if isinstance(value, str) and len(value) > 12:
        return f"{name}={len(value)}-characters"
    return f"{name}={value!r}"


def article_for(document_id: str, claim: dict) -> dict:
    """An article whose text holds the claim's quote, and the claim (API body) with offsets."""
    stated = claim.get("stated_as")
    quote = stated if isinstance(stated, str) and stated else STATED
    text = f"박 본부장은 “올해 {quote} 업체와 계약했다”고 말했다."
    start = text.index(quote)
    placed = {"document": document_id, "start": start, "end": start + len(quote), **claim}
    document = {
        "id": document_id,
        "title": "규칙 시험",
        "published": "2024-03-01",
        "language": "ko",
        "text": text,
    }
    return {"document": document, "claims": [placed]}


def changed(article: dict, name: str, value) -> dict:
    """The article with one field of its claim changed (or left out)."""
    claim = article["claims"][0]
    if value is DELETE:
        claim.pop(name, None)
    else:
        claim[name] = value
    return article


def posted(client, article: dict) -> int:
    """POST the article's document, then its claim; the claim's status code."""
    response = client.post("/v1/documents", json=article["document"], headers=AUTH)
    assert response.status_code == 201, response.json
    return client.post("/v1/claims", json=article["claims"][0], headers=AUTH).status_code


def imported(article: dict) -> None:
    """Import the article; its document stands for the claim's `document`.

    A claim of an import names no document: a `document` the case gave the
    claim is applied to the article's document (left out: no document).
    """
    claim = article["claims"][0]
    if "document" not in claim:
        article.pop("document")
    elif claim["document"] != article["document"]["id"]:
        article["document"]["id"] = claim["document"]
    claim.pop("document", None)
    with database.connection_context():
        bulk_import.import_articles([article])


def test_the_base_claim_is_accepted_by_both(client):
    before = client.get("/v1/claims?count=true").json["count"]
    assert posted(client, article_for("rules-base-api", BASE)) == 201
    imported(article_for("rules-base-import", BASE))
    assert client.get("/v1/claims?count=true").json["count"] == before + 2


SCHEMA_CASES = schema_cases()


def test_every_field_of_the_api_has_cases():
    covered = {name for name, _ in SCHEMA_CASES}
    assert set(ClaimCreateSchema().load_fields) <= covered


@pytest.mark.parametrize("case", SCHEMA_CASES, ids=case_id)
def test_import_refuses_what_the_api_schema_refuses(client, case):
    name, value = case
    claim = changed({"claims": [dict(BASE)]}, name, value)["claims"][0]
    before = client.get("/v1/claims?count=true&status=all").json["count"]
    status = posted(client, changed(article_for("rules-api", claim), name, value))
    assert status in (400, 422), (case, status)
    assert client.get("/v1/claims?count=true&status=all").json["count"] == before
    with database.connection_context():
        digest = table_digest()
    with pytest.raises(bulk_import.ImportRejected):
        imported(changed(article_for("rules-import", claim), name, value))
    with database.connection_context():
        assert table_digest() == digest


def quote_elsewhere(article: dict) -> None:
    """Offsets that hold other characters than the quote."""
    article["claims"][0]["start"] -= 1
    article["claims"][0]["end"] -= 1


def past_the_text(article: dict) -> None:
    length = len(article["document"]["text"])
    article["claims"][0].update(start=length, end=length + len(STATED))


def unknown_speaker(article: dict) -> None:
    article["claims"][0]["speaker"] = "nobody-we-know"


def restates_nothing(article: dict) -> None:
    article["claims"][0]["restates"] = 999_999  # no claim, nor an earlier one in the article


def start_without_end(article: dict) -> None:
    article["claims"][0].pop("end")


def direct_quote_outside_quotation_marks(article: dict) -> None:
    """The reporter's words called a direct quote: no quotation marks hold the number."""
    text = article["document"]["text"]
    article["document"]["text"] = text.replace("“", "").replace("”", "")
    article["claims"][0]["start"] -= 1
    article["claims"][0]["end"] -= 1


@pytest.mark.parametrize(
    "change",
    [
        quote_elsewhere,
        past_the_text,
        unknown_speaker,
        restates_nothing,
        start_without_end,
        direct_quote_outside_quotation_marks,
    ],
)
def test_import_refuses_what_the_api_refuses_against_stored_data(client, change):
    api_article, import_article = article_for("rules-data-api", BASE), article_for("r-i", BASE)
    change(api_article)
    change(import_article)
    assert posted(client, api_article) in (400, 422)
    with database.connection_context():
        digest = table_digest()
    with pytest.raises(bulk_import.ImportRejected, match="claim #0, field"):
        imported(import_article)
    with database.connection_context():
        assert table_digest() == digest


def test_cases_include_the_reported_ones():
    # Reported: a stated_as of one space, and one of 250 characters, were imported.
    values = {repr(v) for name, v in SCHEMA_CASES if name == "stated_as"}
    assert repr(" ") in values
    assert any(isinstance(v, str) and len(v) > 200 for n, v in SCHEMA_CASES if n == "stated_as")


def test_a_document_without_id_gets_the_apis_id(app):
    # POST /v1/documents derives an id from the text; an import does the same.
    article = article_for("unused", BASE)
    del article["document"]["id"]
    article["claims"][0].pop("document")
    with database.connection_context():
        bulk_import.import_articles([article])
        ids = [row[0] for row in database.execute_sql('SELECT "id" FROM "document"').fetchall()]
    assert any(i.startswith("doc-") for i in ids)
