"""The claim has one definition (ClaimSchema and the Claim model); every builder agrees with it.

The hot paths build claims without marshmallow: the claim object from a row,
the CSV row, the import's row, the version snapshot. Each is derived from the
definition; these tests compare each one's output with the definition's, field
by field, so a builder that drifts (or a field it misses) fails here.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from marshmallow import fields

from core import bulk_import, claim_writes, document_writes
from core.claim_rows import claim_body, row_name
from core.exports import CSV_COLUMNS, CSV_NAMES
from core.queries import get_claim, restatements
from core.representation import claim_links
from extractor.anchors import selectors
from schema.db import database
from schema.models import Claim, Document, Speaker
from schema.schemas import CandidateSchema, ClaimCreateSchema, ClaimSchema
from tests.conftest import AUTH, fixture_text

DOC = "joongang-2024-02-28-zuckerberg-seoul"


def shape(schema) -> dict:
    """Field name → nested shape (or None) of a schema, every level."""
    return {
        name: shape(field.schema) if isinstance(field, fields.Nested) else None
        for name, field in schema.fields.items()
    }


def assert_shaped(body: dict, expected: dict, where: str = "claim") -> None:
    """`body` has exactly the schema's fields at every level."""
    assert set(body) == set(expected), where
    for name, inner in expected.items():
        if inner is not None and body[name] is not None:
            assert_shaped(body[name], inner, f"{where}.{name}")


def from_models(claim_id: int) -> dict:
    """The claim as ClaimSchema dumps it from model instances: the definition's answer.

    Nested objects come from the rows the claim references by the same name;
    the source from the claim's own columns, or its document's.
    """
    claim = Claim.get_by_id(claim_id)
    document = Document.get_by_id(claim.__data__["document"])
    speaker_id = claim.__data__["speaker"]
    references = {
        "speaker": Speaker.get_by_id(speaker_id) if speaker_id else None,
        "document": document,
    }
    data = {}
    for name, field in ClaimSchema().fields.items():
        if name in references:
            row = references[name]
            data[name] = row and {k: getattr(row, k) for k in field.schema.fields}
        elif name == "source":
            data[name] = {
                k: getattr(claim, k) if k in Claim._meta.fields else getattr(document, k)
                for k in field.schema.fields
                if k not in ("selectors", "quote")
            }
            data[name]["selectors"] = selectors(
                claim.stated_as, claim.quote_prefix, claim.quote_suffix, claim.start, claim.end
            )
            data[name]["quote"] = claim.quoted_words and {
                "exact": claim.quoted_words,
                "start": claim.quoted_start,
                "end": claim.quoted_end,
            }
        elif name == "attribution_evidence":
            data[name] = claim.attribution_rule and {
                "rule": claim.attribution_rule,
                "mention": claim.mention
                and {
                    "exact": claim.mention,
                    "start": claim.mention_start,
                    "end": claim.mention_end,
                },
            }
        elif name in Claim._meta.fields:
            data[name] = claim.__data__[name]
    data["restated_by"] = [c.id for c in Claim.select().where(Claim.restates == claim.id)]
    data["links"] = {
        **claim_links(claim.id),
        "document": f"/v1/documents/{document.id}",
        **({"speaker": f"/v1/speakers/{speaker_id}"} if speaker_id else {}),
    }
    assert set(data) == set(ClaimSchema().fields)
    return json.loads(json.dumps(ClaimSchema().dump(data), default=str))


def test_every_claim_body_has_the_schemas_fields_and_values(client):
    client.delete("/v1/claims/5?reason=duplicate of another claim", headers=AUTH)
    with database.connection_context():
        for claim_id in range(1, 11):
            row = get_claim(claim_id)
            body = json.loads(json.dumps(claim_body(row, restatements([claim_id]).get(claim_id))))
            assert_shaped(body, shape(ClaimSchema()))
            expected = from_models(claim_id)
            for name, value in expected.items():
                if isinstance(value, dict) and body[name] is not None:
                    for key, inner in value.items():
                        assert body[name][key] == inner, (claim_id, name, key)
                else:
                    assert body[name] == value, (claim_id, name)


def test_candidates_have_the_candidate_schemas_fields(client):
    text = fixture_text(DOC)
    candidates = client.post("/v1/extract", json={"text": text, "language": "ko"}).json["data"]
    assert candidates
    for candidate in candidates:
        assert_shaped(candidate, shape(CandidateSchema()), "candidate")


def _rows():
    for name, field in ClaimSchema().fields.items():
        if isinstance(field, fields.Nested):
            for key in field.schema.fields:
                yield PathName(row_name(name, key), (name, key))
        else:
            yield PathName(name, (name,))


class PathName(str):
    """A row column's name that remembers the claim object's path to its value."""

    def __new__(cls, name: str, path: tuple[str, ...]):
        made = super().__new__(cls, name)
        made.path = path
        return made


def test_every_csv_cell_is_the_claim_objects_value(client):
    paths = {CSV_NAMES.get(p, p): p.path for p in _rows()}
    exported = client.get("/v1/claims?format=csv&status=all").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(exported)))
    bodies = {c["id"]: c for c in client.get("/v1/claims?status=all&limit=500").json["data"]}
    assert list(rows[0]) == list(CSV_COLUMNS) and len(rows) == len(bodies)
    for row in rows:
        body = bodies[int(row["id"])]
        for column in CSV_COLUMNS:
            value = body
            for key in paths[column]:
                value = None if value is None else value[key]
            shown = "" if value is None else str(value)
            assert row[column].lstrip("'") == shown, (row["id"], column)


def test_imported_rows_are_the_rows_the_api_writes(app):
    # The same claims, once through the import's row builder and once through the
    # API's write path, must give the same stored columns.
    text = fixture_text(DOC)
    claim = {
        "speaker": "jo-joo-wan",
        "attribution": "direct_quote",
        "subject": "깔린 기기",
        "value": 500000000,
        "unit": "units",
        "kind": "count",
        "qualifier": "at_least",
        "stated_as": "5억 대 이상",
        "start": text.index("5억 대 이상"),
        "end": text.index("5억 대 이상") + len("5억 대 이상"),
        "confidence": 0.5,
    }
    document = {"title": "사본", "published": "2024-02-28", "language": "ko", "text": text}
    with database.connection_context():
        bulk_import.import_articles(
            [{"document": {**document, "id": "imported"}, "claims": [claim]}], author="tests"
        )
        document_writes.add_document({**document, "id": "posted"}, "tests")
        body = ClaimCreateSchema().load({**claim, "document": "posted", "reason": "posted"})
        made = claim_writes.add_claim(body, "tests")
        columns = [f.column_name for f in Claim._meta.sorted_fields]
        imported = Claim.select().where(Claim.document == "imported").tuples().get()
        posted = Claim.select().where(Claim.id == made.id).tuples().get()
    differ = {"id", "document_id", "change_reason", "created_at", "updated_at"}
    for column, a, b in zip(columns, imported, posted, strict=True):
        if column not in differ:
            assert a == b, column


def test_versions_record_the_claims_fields():
    model = set(Claim._meta.fields)
    assert set(claim_writes.VERSIONED_FIELDS) <= model
    assert set(claim_writes.CLAIM_FIELDS) <= set(ClaimSchema().fields) | {"document", "speaker"}
    assert {"start", "end", "sentence_start", "sentence_end"} <= set(claim_writes.VERSIONED_FIELDS)


def test_history_snapshots_hold_every_versioned_field(client):
    etag = client.get("/v1/claims/3").headers["ETag"]
    client.patch("/v1/claims/3", json={"subject": "새 주제", "reason": "clearer"},
                 headers={**AUTH, "If-Match": etag})  # fmt: skip
    for version in client.get("/v1/claims/3/history").json["data"]:
        assert list(version["data"]) == list(claim_writes.VERSIONED_FIELDS)


@pytest.mark.sqlite_only("SQLite builds the claim's JSON itself")
def test_the_json_sqlite_builds_is_the_claim_body_of_every_claim(client):
    """The database-built claim object equals claim_body's, or says it is not exact."""
    from core.jsonio import dumps_bytes
    from core.queries import claim_object, get_claim_json

    client.delete("/v1/claims/5?reason=duplicate of another claim", headers=AUTH)  # a retraction
    awkward = 'quote " backslash \\ tab \t line\nend \u0001 한글 \u00a0'
    with database.connection_context():
        for sql, args in (
            ("UPDATE claim SET confidence = 0.1, subject = ? WHERE id = 1", (awkward,)),
            ("UPDATE claim SET value = 0.12345678901234567 WHERE id = 2", ()),  # 17 digits
            ("UPDATE claim SET value = 12.5, confidence = 1e-07 WHERE id = 4", ()),
            ("UPDATE claim SET restates_id = 8 WHERE id = 10", ()),  # 8 is restated twice
            ("UPDATE claim SET value = 123456789012345678 WHERE id = 6", ()),  # a big integer
        ):
            database.execute_sql(sql, args)
        for claim_id in range(1, 11):
            found = get_claim_json(claim_id)
            expected = json.loads(dumps_bytes(claim_object(get_claim(claim_id))))
            assert found.exact == (claim_id != 2), claim_id
            if found.exact:
                assert json.loads(found.body) == expected, claim_id
        assert json.loads(get_claim_json(8).body)["restated_by"] == [9, 10]
    # The API shows the inexact claim through claim_body, in lists and alone.
    alone = client.get("/v1/claims/2").json
    listed = next(c for c in client.get("/v1/claims?status=all").json["data"] if c["id"] == 2)
    assert alone == listed and alone["value"] == 0.12345678901234567
    assert client.get("/v1/claims/1").json["subject"] == awkward
