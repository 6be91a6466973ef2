"""The review queue: extracted candidates, document by document, and a reviewer's decision.

A decision is a correction of the candidate (core.claim_writes), validated by
the API's own ClaimUpdateSchema, so accepting in the browser is exactly
`PATCH /v1/claims/{id}` with `{"status": "active", "reason": …}`, and leaves
the same version in the claim's history.
"""

from __future__ import annotations

from dataclasses import dataclass

from core import claim_writes, queries
from core.claim_rows import claim_body
from core.rejections import ClaimRejected
from schema.models import Claim, Document
from schema.schemas import ClaimUpdateSchema

# What each decision makes of the candidate.
DECISIONS = {"accept": "active", "correct": "active", "reject": "rejected"}
DEFAULT_REASONS = {"accept": "accepted in review", "correct": "corrected in review"}
# The fields a reviewer may correct before accepting.
CORRECTABLE = (
    "value", "unit", "qualifier", "speaker", "stated_as", "start", "end", "value_override_reason",
)  # fmt: skip

update_schema = ClaimUpdateSchema()


@dataclass
class QueueDocument:
    """One document's candidates in the queue."""

    document: dict  # the candidates' `document` member
    candidates: list[dict]  # API bodies, in text order


@dataclass
class ReviewQueue:
    """A page of the queue: candidates grouped by document, and the cursor for more."""

    documents: list[QueueDocument]
    total: int
    next_cursor: str | None


def review_queue(cursor: str | None = None, limit: int = 50) -> ReviewQueue:
    """The oldest candidates first, grouped by their document."""
    args = {"status": "candidate", "sort": "id", "limit": limit, "count": True}
    if cursor:
        args["cursor"] = cursor
    page = queries.list_claims(args)
    links = queries.restatements([row.id for row in page.rows])
    grouped: dict[str, QueueDocument] = {}
    for row in page.rows:
        body = claim_body(row, links.get(row.id))
        entry = grouped.setdefault(body["document"]["id"], QueueDocument(body["document"], []))
        entry.candidates.append(body)
    for entry in grouped.values():
        entry.candidates.sort(key=lambda c: (c["source"]["start"], c["id"]))
    return ReviewQueue(list(grouped.values()), page.count or 0, page.next_cursor)


def decide(
    claim_id: int,
    decision: str,
    corrections: dict,
    reason: str,
    expected_version: int | None,
    author: str,
) -> dict:
    """Accept, correct-and-accept or reject one candidate; return the validated change.

    Raises marshmallow's ValidationError for a bad correction, ClaimRejected
    when the candidate is gone or reviewed already (409) or the correction
    does not check out, StaleVersion when it changed since the reviewer read it.
    """
    if decision not in DECISIONS:
        raise ClaimRejected("decision", f"Not a decision: {decision!r}.", 400)
    claim = Claim.get_or_none(Claim.id == claim_id)
    if claim is None:
        raise ClaimRejected("claim", f"No claim {claim_id}.", 404)
    if claim.status != "candidate":
        raise ClaimRejected("status", f"Claim {claim_id} was reviewed already.", 409)
    given = {k: v for k, v in corrections.items() if k in CORRECTABLE}
    if decision != "correct":
        given = {}
    change = {
        **given,
        "status": DECISIONS[decision],
        "reason": reason.strip() or DEFAULT_REASONS.get(decision, ""),
    }
    data = update_schema.load(change)
    claim_writes.correct_claim(claim_id, data, expected_version, author)
    return data


def candidates_of(document: Document) -> int:
    """How many candidates of this document await review."""
    return (
        Claim.select()
        .where((Claim.document == document.id) & (Claim.status == "candidate"))
        .count()
    )


def next_candidate(claim_id: int) -> int | None:
    """The candidate after `claim_id` in the queue's order (its document's in text order,
    documents by their oldest candidate), wrapping to the first; asked before deciding."""
    claim = Claim.get_or_none(Claim.id == claim_id)
    if claim is None:
        return None
    waiting = Claim.select(Claim.id).where((Claim.status == "candidate") & (Claim.id != claim_id))
    same_document = waiting.where(
        (Claim.document == claim.__data__["document"])
        & ((Claim.start > claim.start) | ((Claim.start == claim.start) & (Claim.id > claim.id)))
    )
    found = same_document.order_by(Claim.start, Claim.id).first()
    if found is None:
        oldest = {}
        for candidate_id, document_id in (
            Claim.select(Claim.id, Claim.document)
            .where(Claim.status == "candidate")
            .order_by(Claim.id)
            .tuples()
        ):
            oldest.setdefault(document_id, candidate_id)
        order = list(oldest)
        here = order.index(claim.__data__["document"]) if claim.status == "candidate" else -1
        for document_id in order[here + 1 :] + order[: here + 1]:
            found = (
                waiting.where(Claim.document == document_id).order_by(Claim.start, Claim.id).first()
            )
            if found is not None:
                break
    return found.id if found else None
