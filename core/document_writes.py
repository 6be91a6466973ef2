"""Storing documents: the texts claims are anchored in.

A document's text is immutable once stored; a corrected text is a new
document that names the one it supersedes.
"""

from __future__ import annotations

from core.rejections import DocumentRejected
from extractor.anchors import text_sha256
from schema.models import Document
from schema.schemas import DocumentSchema

# What a client says about a document (DocumentSchema) besides its id, its text and
# the document it supersedes: the details a fixture may correct.
DOCUMENT_DETAILS = tuple(
    n for n in DocumentSchema().load_fields if n not in ("id", "text", "supersedes")
)


def document_id_for(digest: str) -> str:
    """The id of a document posted without one: derived from its text's sha256."""
    return f"doc-{digest[:16]}"


def add_document(data: dict, author: str = "unknown") -> Document:
    """Store a new document; its id defaults to one derived from the text."""
    digest = text_sha256(data["text"])
    document_id = data.get("id") or document_id_for(digest)
    existing = Document.get_or_none(Document.id == document_id)
    if existing is not None:
        raise DocumentRejected("id", f"Document {document_id!r} already exists.", 409)
    if data.get("supersedes") and Document.get_or_none(Document.id == data["supersedes"]) is None:
        raise DocumentRejected("supersedes", f"No document {data['supersedes']!r}.")
    return Document.create(
        id=document_id,
        text=data["text"],
        text_sha256=digest,
        supersedes=data.get("supersedes"),
        changed_by=author,
        **{k: data.get(k) for k in DOCUMENT_DETAILS},
    )
