"""From posted text to candidate claims: shape extractor output like stored claims.

Candidates keep the extractor's offsets into the posted text; when a document
is stored with `extract`, they become claims with `status: candidate`, and
their speakers are matched to known speakers by name or alias (or added).
"""

from __future__ import annotations

from core import claim_writes, queries, speaker_writes
from extractor.anchors import CONTEXT_WIDTH, selectors, text_sha256
from extractor.extract import Candidate, extract_claims
from schema.models import Claim, Document, Speaker

EXTRACTOR = "extractor"


def known_speaker_id(name: str) -> str | None:
    """The id of a stored speaker called `name` (by id, name or alias), if any."""
    found = queries.speaker_ids(name)
    return found[0] if found else None


def candidate_body(candidate: Candidate, text: str, digest: str) -> dict:
    """A candidate in the shape of a stored claim (no id yet, status candidate)."""
    speaker = candidate.speaker
    sentence = text[candidate.sentence_start : candidate.sentence_end]
    return {
        "id": None,
        "status": "candidate",
        "value": candidate.value,
        "unit": candidate.unit,
        "kind": candidate.kind,
        "qualifier": candidate.qualifier,
        "stated_as": candidate.stated_as,
        "subject": candidate.subject,
        "attribution": candidate.attribution,
        "confidence": candidate.confidence,
        "speaker": None
        if speaker is None
        else {
            "id": known_speaker_id(speaker.name),
            "name": speaker.name,
            "kind": speaker.kind,
            "role": speaker.role,
            "organization": speaker.organization,
        },
        "source": {
            "sentence": sentence,
            "start": candidate.start,
            "end": candidate.end,
            "sentence_start": candidate.sentence_start,
            "sentence_end": candidate.sentence_end,
            "text_sha256": digest,
            "selectors": selectors(
                candidate.stated_as,
                text[max(0, candidate.start - CONTEXT_WIDTH) : candidate.start],
                text[candidate.end : candidate.end + CONTEXT_WIDTH],
                candidate.start,
                candidate.end,
            ),
        },
        "restates": candidate.restates,
    }


def extract(text: str, language: str, published=None) -> list[dict]:
    """Candidate claims of a posted text, ready to review."""
    digest = text_sha256(text)
    return [candidate_body(c, text, digest) for c in extract_claims(text, language, published)]


def _speaker_for(candidate: Candidate, author: str) -> str | None:
    """The id of the candidate's speaker, adding the speaker if it is new."""
    speaker = candidate.speaker
    if speaker is None:
        return None
    found = known_speaker_id(speaker.name)
    if found is not None:
        return found
    new_id = speaker_writes.speaker_id_for(speaker.name)
    if Speaker.get_or_none(Speaker.id == new_id) is None:
        Speaker.create(
            id=new_id,
            name=speaker.name,
            kind=speaker.kind,
            role=speaker.role,
            organization=speaker.organization,
            changed_by=author,
            change_reason="found by extraction",
        )
    return new_id


def store_candidates(document: Document, candidates: list[Candidate], author: str) -> list[Claim]:
    """Store extracted claims of the document as candidates (in the caller's transaction)."""
    stored: list[Claim] = []
    for candidate in candidates:
        fields = {
            "document": document.id,
            "speaker": _speaker_for(candidate, author),
            "attribution": candidate.attribution,
            "subject": candidate.subject,
            "value": candidate.value,
            "unit": candidate.unit,
            "kind": candidate.kind,
            "qualifier": candidate.qualifier,
            "stated_as": candidate.stated_as,
            "restates": None if candidate.restates is None else stored[candidate.restates].id,
            "confidence": candidate.confidence,
            "status": "candidate",
            **claim_writes.anchored_fields(document, candidate.start, candidate.end),
        }
        stored.append(claim_writes.create_claim(fields, author, "extracted automatically"))
    return stored
