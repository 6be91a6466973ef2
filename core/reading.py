"""What the reader's pages show: documents with their claims marked, claims in context.

Plain functions of ids and arguments, like core.queries, and built from the
same pieces as the JSON API: a claim here is `claim_body` of its row (the
object /v1/claims/{id} answers), its verification is `verify_claim`'s report
(/v1/claims/{id}/verify), so a page never says more, or other, than the API.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core import queries
from core.claim_rows import claim_body
from core.marked_text import Span, Token, mark_spans, nearest_mention
from core.representation import document_body
from core.review import candidates_of
from core.verification import verify_claims
from schema.models import Claim, Document

PAGE_SIZE = 500  # claims read per query when a page needs all of a document's
# The columns verification reads (core.verification): no more, a page verifies hundreds.
VERIFIED = (
    Claim.id,
    Claim.start,
    Claim.end,
    Claim.stated_as,
    Claim.quote_prefix,
    Claim.quote_suffix,
    Claim.value,
    Claim.attribution,
    Claim.quoted_start,
    Claim.quoted_end,
    Claim.quoted_words,
)


def all_claims(scope: dict, most: int | None = None) -> list[dict]:
    """Every claim matching `scope` (filters as parsed query arguments), as API bodies;
    the first `most` of them when given."""
    args = {"sort": "id", "limit": PAGE_SIZE, **scope}
    found: list[dict] = []
    while most is None or len(found) < most:
        if most is not None:
            args["limit"] = min(PAGE_SIZE, most - len(found))
        page = queries.list_claims(args)
        links = queries.restatements([row.id for row in page.rows])
        found.extend(claim_body(row, links.get(row.id)) for row in page.rows)
        if page.next_cursor is None:
            break
        args["cursor"] = page.next_cursor
    return found


def text_order(claim: dict) -> tuple:
    """Claims in the order a reader meets them; of two on one span, the lower id first."""
    return (claim["source"]["start"], -claim["source"]["end"], claim["id"])


def restatement_groups(claims: list[dict]) -> dict[int, int]:
    """Claim id → the id of the first claim its restatements tie it to (tied claims only)."""
    restated = {c["id"]: c["restates"] for c in claims}
    groups = {}
    for claim in claims:
        if claim["restates"] is None and not claim["restated_by"]:
            continue
        root = claim["id"]
        seen = {root}
        while restated.get(root) is not None and restated[root] not in seen:
            root = restated[root]
            seen.add(root)
        groups[claim["id"]] = root
    return groups


def verifications(document: Document, claim_ids: list[int]) -> dict[int, dict]:
    """Claim id → its verification report against the stored text."""
    if not claim_ids:
        return {}
    records = list(Claim.select(*VERIFIED).where(Claim.id.in_(claim_ids)))
    return {report["claim"]: report for report in verify_claims(records, document)}


def speaker_names(claims: list[dict]) -> dict[str, list[str]]:
    """Speaker id → every name a text may call them by (name, English name, aliases)."""
    speakers = {c["speaker"]["id"]: c["speaker"] for c in claims if c["speaker"]}
    aliases = queries.aliases_of(sorted(speakers))
    return {
        speaker_id: [n for n in (s["name"], s["name_en"], *aliases[speaker_id]) if n]
        for speaker_id, s in speakers.items()
    }


def mention_spans(text: str, claims: list[dict]) -> list[Span]:
    """Where each claim's speaker is named in its sentence, linked to the claims.

    One mention may name the speaker of several claims (each claim's nearest);
    mentions overlapping a claim, or one another, are left unmarked.
    """
    names = speaker_names(claims)
    claimed = bytearray(len(text))  # 1 where a claim's words stand
    for claim in claims:
        start, end = claim["source"]["start"], claim["source"]["end"]
        claimed[start:end] = b"\x01" * (end - start)
    found: dict[tuple[int, int], list[int]] = {}
    for claim in claims:
        if claim["speaker"] is None:
            continue
        source = claim["source"]
        place = nearest_mention(
            text,
            names[claim["speaker"]["id"]],
            (source["sentence_start"], source["sentence_end"]),
            (source["start"], source["end"]),
        )
        if place is not None and not any(claimed[place[0] : place[1]]):
            found.setdefault(place, []).append(claim["id"])
    spans: list[Span] = []
    for (start, end), ids in sorted(found.items()):
        if spans and start < spans[-1].end:
            continue
        spans.append(Span(start, end, "mention", tuple(ids)))
    return spans


@dataclass
class AnnotatedDocument:
    """A document as its page shows it: the text's tokens and every claim's card data."""

    document: dict  # the document's API body, text included
    claims: list[dict]  # active claims' API bodies, in text order
    tokens: list[Token]
    verification: dict[int, dict]
    groups: dict[int, int]  # restated claims and their restatements: id → group id
    mentions: dict[int, tuple[int, int]] = field(default_factory=dict)
    candidates: int = 0  # extracted claims of this document awaiting review


def annotated_document(document: Document) -> AnnotatedDocument:
    """The document's text with its active claims and their speakers' mentions marked."""
    claims = sorted(all_claims({"document_id": document.id}), key=text_order)
    spans = [Span(c["source"]["start"], c["source"]["end"], "claim", c["id"]) for c in claims]
    mentions = mention_spans(document.text, claims)
    return AnnotatedDocument(
        document=document_body(document),
        claims=claims,
        tokens=mark_spans(document.text, spans + mentions),
        verification=verifications(document, [c["id"] for c in claims]),
        groups=restatement_groups(claims),
        mentions={claim_id: (m.start, m.end) for m in mentions for claim_id in m.key},
        candidates=candidates_of(document),
    )


def paragraph_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (between blank-line or line breaks) holding `[start, end)`."""
    low = text.rfind("\n", 0, start) + 1
    high = text.find("\n", end)
    return low, len(text) if high == -1 else high


def claim_in_context(claim: dict, text: str) -> tuple[int, list[Token]]:
    """The claim's paragraph with its sentence and its span marked; and where it starts."""
    source = claim["source"]
    low, high = paragraph_of(text, source["sentence_start"], source["sentence_end"])
    spans = [
        Span(source["sentence_start"] - low, source["sentence_end"] - low, "sentence", None),
        Span(source["start"] - low, source["end"] - low, "claim", claim["id"]),
    ]
    return low, mark_spans(text[low:high], spans)


def sentence_tokens(claim: dict) -> list[Token]:
    """The claim's sentence with its span marked (lists and the review queue)."""
    source = claim["source"]
    offset = source["sentence_start"]
    span = Span(source["start"] - offset, source["end"] - offset, "claim", claim["id"])
    return mark_spans(source["sentence"], [span])


# What appearances of one figure are compared on, in the order the page shows them.
COMPARED = ("value", "unit", "qualifier", "stated_as", "speaker", "attribution")


def compared_value(claim: dict, name: str):
    """The value a comparison looks at (a speaker by id: names may be spelt differently)."""
    value = claim[name]
    return value["id"] if name == "speaker" and value else value


def compare_appearances(claims: list[dict]) -> list[dict]:
    """A figure's appearances, oldest first, each with the fields that differ from the first.

    `differs` names the fields where an appearance departs from the first
    one (another speaker, 약 instead of 이상, a rounder number): what the
    figure page highlights.
    """
    ordered = sorted(claims, key=lambda c: (str(c["document"]["published"]), c["id"]))
    first = ordered[0] if ordered else None
    return [
        {
            "claim": claim,
            "differs": [
                name
                for name in COMPARED
                if compared_value(claim, name) != compared_value(first, name)
            ],
        }
        for claim in ordered
    ]
