"""How a stored claim, document or speaker is shown over HTTP."""

from __future__ import annotations

import datetime as dt

from core.queries import ClaimRow
from extractor.anchors import selectors
from schema.models import Document, Speaker, exact_number


def claim_links(claim_id: int) -> dict:
    """Where to go from a claim."""
    base = f"/v1/claims/{claim_id}"
    return {
        "self": base,
        "citation": f"{base}/citation",
        "verify": f"{base}/verify",
        "history": f"{base}/history",
    }


def timestamp(value) -> str | None:
    """A stored UTC timestamp as ISO 8601 with its offset, whatever the driver returns."""
    if value is None:
        return None
    if isinstance(value, str):  # SQLite: "YYYY-MM-DD HH:MM:SS"
        return value.replace(" ", "T", 1) + "+00:00"
    return value.replace(tzinfo=dt.UTC).isoformat()


def day(value) -> str:
    """A stored date as YYYY-MM-DD."""
    return value if isinstance(value, str) else value.isoformat()


def claim_body(row: ClaimRow, restated_by: list[int] | None = None) -> dict:
    """A claim row (from `queries.fetch_rows`) as the API's claim object.

    This is the hot path of every list, so it builds JSON-ready values
    directly instead of dumping through ClaimSchema; a test proves the two
    give the same JSON.
    """
    links = claim_links(row.id)
    links["document"] = f"/v1/documents/{row.document_id}"
    if row.speaker_id is not None:
        links["speaker"] = f"/v1/speakers/{row.speaker_id}"
    return {
        "id": row.id,
        "status": row.status,
        "value": row.value if type(row.value) in (int, float) else exact_number(row.value),
        "unit": row.unit,
        "kind": row.kind,
        "qualifier": row.qualifier,
        "stated_as": row.stated_as,
        "subject": row.subject,
        "attribution": row.attribution,
        "confidence": row.confidence,
        "speaker": None
        if row.speaker_id is None
        else {
            "id": row.speaker_id,
            "name": row.speaker_name,
            "name_en": row.speaker_name_en,
            "kind": row.speaker_kind,
            "role": row.speaker_role,
            "organization": row.speaker_organization,
        },
        "document": {
            "id": row.document_id,
            "title": row.document_title,
            "outlet": row.document_outlet,
            "author": row.document_author,
            "url": row.document_url,
            "published": day(row.document_published),
        },
        "source": {
            "sentence": row.sentence,
            "start": row.start,
            "end": row.end,
            "sentence_start": row.sentence_start,
            "sentence_end": row.sentence_end,
            "text_sha256": row.text_sha256,
            "selectors": selectors(
                row.stated_as, row.quote_prefix, row.quote_suffix, row.start, row.end
            ),
        },
        "restates": row.restates,
        "restated_by": restated_by or [],
        "status_reason": row.status_reason,
        "status_changed_by": row.status_changed_by,
        "status_changed_at": timestamp(row.status_changed_at),
        "version": row.version,
        "created_at": timestamp(row.created_at),
        "updated_at": timestamp(row.updated_at),
        "links": links,
    }


def document_body(document: Document, *, with_text: bool = True) -> dict:
    """A document; lists leave the text out."""
    body = {
        "id": document.id,
        "title": document.title,
        "outlet": document.outlet,
        "url": document.url,
        "author": document.author,
        "published": document.published,
        "language": document.language,
        "text_sha256": document.text_sha256,
        "supersedes": document.__data__.get("supersedes"),
        "created_at": document.created_at,
        "links": {
            "self": f"/v1/documents/{document.id}",
            "claims": f"/v1/documents/{document.id}/claims",
        },
    }
    if with_text:
        body["text"] = document.text
    return body


def speaker_body(speaker: Speaker, aliases: list[str]) -> dict:
    """A speaker with its aliases."""
    return {
        "id": speaker.id,
        "name": speaker.name,
        "name_en": speaker.name_en,
        "kind": speaker.kind,
        "role": speaker.role,
        "organization": speaker.organization,
        "aliases": aliases,
        "version": speaker.version,
        "links": {
            "self": f"/v1/speakers/{speaker.id}",
            "claims": f"/v1/speakers/{speaker.id}/claims",
            "history": f"/v1/speakers/{speaker.id}/history",
        },
    }
