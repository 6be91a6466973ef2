"""How a stored claim, document or speaker is shown over HTTP."""

from __future__ import annotations

from extractor.anchors import selectors
from schema.models import Claim, Document, Speaker


def claim_links(claim_id: int) -> dict:
    """Where to go from a claim."""
    base = f"/v1/claims/{claim_id}"
    return {
        "self": base,
        "citation": f"{base}/citation",
        "verify": f"{base}/verify",
        "history": f"{base}/history",
    }


def claim_body(claim: Claim, restated_by: list[int] | None = None) -> dict:
    """A claim row (from `queries.claim_rows`) as the API's claim object."""
    speaker = claim.speaker if claim.__data__.get("speaker") is not None else None
    document = claim.document
    links = claim_links(claim.id)
    links["document"] = f"/v1/documents/{document.id}"
    if speaker is not None:
        links["speaker"] = f"/v1/speakers/{speaker.id}"
    return {
        "id": claim.id,
        "status": claim.status,
        "value": claim.value,
        "unit": claim.unit,
        "kind": claim.kind,
        "qualifier": claim.qualifier,
        "stated_as": claim.stated_as,
        "subject": claim.subject,
        "attribution": claim.attribution,
        "confidence": claim.confidence,
        "speaker": None
        if speaker is None
        else {
            "id": speaker.id,
            "name": speaker.name,
            "name_en": speaker.name_en,
            "kind": speaker.kind,
            "role": speaker.role,
            "organization": speaker.organization,
        },
        "document": {
            "id": document.id,
            "title": document.title,
            "outlet": document.outlet,
            "author": document.author,
            "url": document.url,
            "published": document.published,
        },
        "source": {
            "sentence": claim.sentence,
            "start": claim.start,
            "end": claim.end,
            "sentence_start": claim.sentence_start,
            "sentence_end": claim.sentence_end,
            "text_sha256": document.text_sha256,
            "selectors": selectors(
                claim.stated_as, claim.quote_prefix, claim.quote_suffix, claim.start, claim.end
            ),
        },
        "restates": claim.__data__.get("restates"),
        "restated_by": restated_by or [],
        "status_reason": claim.status_reason,
        "status_changed_by": claim.status_changed_by,
        "status_changed_at": claim.status_changed_at,
        "version": claim.version,
        "created_at": claim.created_at,
        "updated_at": claim.updated_at,
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
        "links": {
            "self": f"/v1/speakers/{speaker.id}",
            "claims": f"/v1/speakers/{speaker.id}/claims",
        },
    }
