"""From posted text to candidate claims: shape extractor output like stored claims.

Candidates keep the extractor's offsets into the posted text; when a document
is stored with `extract`, they become claims with `status: candidate`, and
their speakers are matched to known speakers by name or alias (or added).
"""

from __future__ import annotations

from core import claim_writes, speaker_writes
from core.claim_filters import speaker_ids
from core.claim_rows import evidence, span
from core.extraction_process import extractor
from extractor.anchors import CONTEXT_WIDTH, selectors, text_sha256
from extractor.extract import Candidate
from schema.models import Claim, Document, Speaker
from schema.schemas import CandidateSchema

CANDIDATE = CandidateSchema()
SOURCE_FIELDS = CANDIDATE.fields["source"].schema.fields


def known_speaker_id(name: str) -> str | None:
    """The id of a stored speaker called `name` (by id, name or alias), if any."""
    found = speaker_ids(name)
    return found[0] if found else None


def quoted_columns(candidate: Candidate, text: str) -> dict:
    """The claim columns of a candidate's quoted words (QUOTED_FIELDS): the extractor's
    quote, found by the same pairing of quotation marks as a person's claim's."""
    if candidate.quote is None:
        return dict.fromkeys(claim_writes.QUOTED_FIELDS)
    start, end = candidate.quote
    return {"quoted_start": start, "quoted_end": end, "quoted_words": text[start:end]}


def evidence_columns(candidate: Candidate, text: str) -> dict:
    """The claim columns of the extractor's evidence (EVIDENCE_FIELDS): rule and mention."""
    start, end = candidate.evidence or (None, None)
    return {
        "attribution_rule": candidate.rule,
        "mention_start": start,
        "mention_end": end,
        "mention": None if start is None else text[start:end],
    }


def candidate_body(candidate: Candidate, text: str, digest: str) -> dict:
    """A candidate in the shape of a stored claim (CandidateSchema): no id, status candidate.

    The candidate's attributes are named like the claim's fields (a field
    the extractor does not fill is null); what a stored claim keeps in columns
    (its sentence, the quote's context) is cut from the posted text.
    """
    start, end = candidate.start, candidate.end
    mention = candidate.speaker
    claim = {name: getattr(candidate, name, None) for name in CANDIDATE.fields}
    source = {name: getattr(candidate, name, None) for name in SOURCE_FIELDS}
    quoted, found = quoted_columns(candidate, text), evidence_columns(candidate, text)
    source.update(
        quote=span(quoted["quoted_words"], quoted["quoted_start"], quoted["quoted_end"]),
        sentence=text[candidate.sentence_start : candidate.sentence_end],
        text_sha256=digest,
        selectors=selectors(
            candidate.stated_as,
            text[max(0, start - CONTEXT_WIDTH) : start],
            text[end : end + CONTEXT_WIDTH],
            start,
            end,
        ),
    )
    claim.update(
        id=None,
        status="candidate",
        speaker=mention and {**mention.to_dict(), "id": known_speaker_id(mention.name)},
        source=source,
        restates_candidate=candidate.restates,
        attribution_evidence=evidence(
            found["attribution_rule"],
            found["mention"],
            found["mention_start"],
            found["mention_end"],
        ),
    )
    return CANDIDATE.dump(claim)


def extract(text: str, language: str, published=None) -> list[dict]:
    """Candidate claims of a posted text, ready to review."""
    digest = text_sha256(text)
    return [candidate_body(c, text, digest) for c in extract_claims(text, language, published)]


def extract_claims(text: str, language: str, published=None) -> list[Candidate]:
    """The extractor's candidates of a text, from the extraction process when there is one."""
    return extractor().candidates(text, language, published)


def _speaker_for(candidate: Candidate, author: str) -> str | None:
    """The id of the candidate's speaker, adding the speaker if it is new."""
    mention = candidate.speaker
    if mention is None:
        return None
    found = known_speaker_id(mention.name)
    if found is not None:
        return found
    new_id = speaker_writes.speaker_id_for(mention.name)
    if Speaker.get_or_none(Speaker.id == new_id) is None:
        Speaker.create(
            id=new_id,
            **{name: getattr(mention, name, None) for name in speaker_writes.SPEAKER_FIELDS},
            changed_by=author,
            change_reason="found by extraction",
        )
    return new_id


def store_candidates(document: Document, candidates: list[Candidate], author: str) -> list[Claim]:
    """Store extracted claims of the document as candidates (in the caller's transaction)."""
    stored: list[Claim] = []
    for candidate in candidates:
        fields = {name: getattr(candidate, name, None) for name in claim_writes.CLAIM_FIELDS}
        fields.update(
            document=document.id,
            speaker=_speaker_for(candidate, author),
            restates=None if candidate.restates is None else stored[candidate.restates].id,
            status="candidate",
            **claim_writes.anchored_fields(document, candidate.start, candidate.end),
            **quoted_columns(candidate, document.text),
            **evidence_columns(candidate, document.text),
        )
        stored.append(claim_writes.create_claim(fields, author, "extracted automatically"))
    return stored
