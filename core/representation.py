"""How a stored document or speaker is shown over HTTP, and the pieces a claim shares.

A claim's own object is built from its row by core.claim_rows.
"""

from __future__ import annotations

import datetime as dt

from schema.models import Document, Speaker
from schema.schemas import DocumentSchema, SpeakerSchema


def claim_links(claim_id: int) -> dict:
    """Where to go from a claim."""
    base = f"/v1/claims/{claim_id}"
    return {
        "self": base,
        "citation": f"{base}/citation",
        "verify": f"{base}/verify",
        "history": f"{base}/history",
        "html": f"/claims/{claim_id}",
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


# The stored values each representation shows: its schema's fields that are columns
# (the schema's dump, in the view, orders and formats them).
DOCUMENT_SHOWN = tuple(n for n in DocumentSchema().dump_fields if n in Document._meta.fields)
SPEAKER_SHOWN = tuple(n for n in SpeakerSchema().dump_fields if n in Speaker._meta.fields)


def document_body(document: Document, *, with_text: bool = True) -> dict:
    """A document; lists leave the text out."""
    body = {name: document.__data__.get(name) for name in DOCUMENT_SHOWN}
    body["links"] = {
        "self": f"/v1/documents/{document.id}",
        "claims": f"/v1/documents/{document.id}/claims",
        "html": f"/documents/{document.id}",
    }
    if not with_text:
        del body["text"]
    return body


def speaker_body(speaker: Speaker, aliases: list[str]) -> dict:
    """A speaker with its aliases."""
    body = {name: speaker.__data__.get(name) for name in SPEAKER_SHOWN}
    body["aliases"] = aliases
    body["links"] = {
        "self": f"/v1/speakers/{speaker.id}",
        "claims": f"/v1/speakers/{speaker.id}/claims",
        "history": f"/v1/speakers/{speaker.id}/history",
        "html": f"/speakers/{speaker.id}",
    }
    return body
