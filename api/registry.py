"""Writes for documents and speakers: the records claims point to.

A document's text is immutable once stored; a corrected text is a new
document that names the one it supersedes.
"""

from __future__ import annotations

import hashlib

from api.ledger import ClaimRejected, write_transaction
from extractor.anchors import text_sha256
from schema.models import Document, Speaker, SpeakerAlias, utc_now

SPEAKER_FIELDS = ("name", "name_en", "kind", "role", "organization")


def add_document(data: dict) -> Document:
    """Store a new document; its id defaults to one derived from the text."""
    digest = text_sha256(data["text"])
    document_id = data.get("id") or f"doc-{digest[:16]}"
    existing = Document.get_or_none(Document.id == document_id)
    if existing is not None:
        raise ClaimRejected("id", f"Document {document_id!r} already exists.", 409)
    if data.get("supersedes") and Document.get_or_none(Document.id == data["supersedes"]) is None:
        raise ClaimRejected("supersedes", f"No document {data['supersedes']!r}.")
    fields = {k: data.get(k) for k in ("title", "outlet", "url", "author", "published", "language")}
    return Document.create(
        id=document_id,
        text=data["text"],
        text_sha256=digest,
        supersedes=data.get("supersedes"),
        **fields,
    )


def speaker_id_for(name: str) -> str:
    """A stable id for a speaker posted without one: derived from the name."""
    return "speaker-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]


def set_aliases(speaker_id: str, aliases: list[str]) -> None:
    """Replace a speaker's aliases, keeping their order and dropping repeats."""
    SpeakerAlias.delete().where(SpeakerAlias.speaker == speaker_id).execute()
    rows = [
        {"speaker": speaker_id, "alias": alias, "position": i}
        for i, alias in enumerate(dict.fromkeys(aliases))
    ]
    if rows:
        SpeakerAlias.insert_many(rows).execute()


def add_speaker(data: dict) -> Speaker:
    """Store a new speaker with its aliases."""
    speaker_id = data.get("id") or speaker_id_for(data["name"])
    if Speaker.get_or_none(Speaker.id == speaker_id) is not None:
        raise ClaimRejected("id", f"Speaker {speaker_id!r} already exists.", 409)
    with write_transaction():
        speaker = Speaker.create(id=speaker_id, **{k: data.get(k) for k in SPEAKER_FIELDS})
        set_aliases(speaker_id, data.get("aliases") or [])
    return speaker


def update_speaker(speaker: Speaker, data: dict) -> None:
    """Change the given fields of a speaker (aliases replaced when given)."""
    changes = {k: data[k] for k in SPEAKER_FIELDS if k in data}
    with write_transaction():
        if changes:
            Speaker.update(**changes, updated_at=utc_now()).where(
                Speaker.id == speaker.id
            ).execute()
        if "aliases" in data:
            set_aliases(speaker.id, data["aliases"])
