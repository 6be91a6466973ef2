"""Writes that keep a record: every claim change leaves a version row.

Plain functions with no request in sight, so the seeder, the API and the
tests all write claims the same way. Callers wrap them in a transaction.
"""

from __future__ import annotations

import json
from decimal import Decimal

from extractor.anchors import anchor
from schema import search
from schema.models import Claim, ClaimVersion, Document, utc_now

# The fields a version snapshot records: everything a reader could cite.
VERSIONED_FIELDS = (
    "document",
    "speaker",
    "attribution",
    "subject",
    "value",
    "unit",
    "kind",
    "qualifier",
    "stated_as",
    "start",
    "end",
    "sentence_start",
    "sentence_end",
    "restates",
    "status",
    "status_reason",
    "confidence",
)


def anchored_fields(document: Document, start: int, end: int) -> dict:
    """The claim columns derived from the document text around `[start, end)`."""
    place = anchor(document.text, start, end)
    return {
        "start": start,
        "end": end,
        "sentence_start": place.sentence.start,
        "sentence_end": place.sentence.end,
        "sentence": place.sentence.text,
        "quote_prefix": place.prefix,
        "quote_suffix": place.suffix,
        "published": document.published,
    }


def snapshot(claim: Claim) -> dict:
    """The claim's citable state as plain values (foreign keys as ids)."""
    data = {name: claim.__data__.get(name) for name in VERSIONED_FIELDS}
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in data.items()}


def record_version(claim: Claim, changed_by: str, reason: str) -> ClaimVersion:
    """Append the claim's current state to its history."""
    return ClaimVersion.create(
        claim=claim.id,
        version=claim.version,
        data=json.dumps(snapshot(claim), ensure_ascii=False, default=str),
        changed_by=changed_by,
        changed_at=claim.updated_at,
        reason=reason,
    )


def reindex(claims: list[Claim]) -> None:
    """Refresh the search index entries of these claims."""
    search.index_claims(
        [(c.id, search.index_text(c.sentence, c.subject, c.stated_as)) for c in claims]
    )


def create_claim(fields: dict, changed_by: str, reason: str) -> Claim:
    """Insert a claim (fields complete, offsets anchored) with its first version."""
    now = utc_now()
    claim = Claim.create(**fields, version=1, created_at=now, updated_at=now)
    record_version(claim, changed_by, reason)
    reindex([claim])
    return claim


def update_claim(claim: Claim, changes: dict, changed_by: str, reason: str) -> bool:
    """Apply `changes` as a new version; return False (and write nothing) if nothing differs."""
    differing = {k: v for k, v in changes.items() if _current(claim, k) != v}
    if not differing:
        return False
    for name, value in differing.items():
        setattr(claim, name, value)
    claim.version += 1
    claim.updated_at = utc_now()
    claim.save()
    record_version(claim, changed_by, reason)
    reindex([claim])
    return True


def _current(claim: Claim, name: str):
    """A claim attribute as comparable to input values (foreign keys by id)."""
    return claim.__data__.get(name)
