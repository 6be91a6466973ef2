"""Writes that keep a record: every claim change leaves a version row.

Plain functions with no request in sight, so the seeder, the API and the
tests all write claims the same way. Callers wrap them in a transaction.
"""

from __future__ import annotations

from decimal import Decimal

from marshmallow import fields

from core import extraction_process, linking
from core.rejections import ClaimRejected, StaleVersion
from extractor.anchors import anchor, find_quote
from extractor.quotes import Quotes, quoted_words
from schema import search
from schema.db import write_transaction
from schema.models import Claim, ClaimVersion, Document, Speaker, utc_now
from schema.schemas import ClaimInputSchema, SourceSchema

# What a client or a fixture says about a claim (ClaimInputSchema), less its id and
# its offsets: anchoring turns those into the span columns (`anchored_fields`).
CLAIM_FIELDS = tuple(n for n in ClaimInputSchema().load_fields if n not in ("id", "start", "end"))
# A version snapshot records everything a reader could cite: the claim's fields,
# where exactly it stands in the text (the offsets its source shows), and why its
# status is what it is.
SPAN_FIELDS = tuple(n for n, f in SourceSchema().fields.items() if isinstance(f, fields.Integer))
# The columns of a direct quote's own words (source.quote), computed from the text,
# and of the extractor's evidence for the speaker (attribution_evidence).
QUOTED_FIELDS = ("quoted_start", "quoted_end", "quoted_words")
EVIDENCE_FIELDS = ("attribution_rule", "mention_start", "mention_end", "mention")
VERSIONED_FIELDS = (
    *CLAIM_FIELDS,
    *SPAN_FIELDS,
    "quoted_start",
    "quoted_end",
    "attribution_rule",
    "mention_start",
    "mention_end",
    "status_reason",
)
NO_EVIDENCE = dict.fromkeys(EVIDENCE_FIELDS)
# What the evidence explains: a person changing either makes it no longer the reason.
ATTRIBUTED = ("speaker", "attribution")


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


def quoted_fields(
    text: str, attribution: str, start: int, end: int, quotes: Quotes | None = None
) -> dict:
    """The speaker's own words of a direct quote (all null for other attributions).

    A direct quote's number must stand inside quotation marks: those marks say
    which words are the speaker's, and a citation quotes exactly them. A
    number outside any is the reporter's sentence, which is indirect_quote,
    according_to or narration; calling it a direct quote is refused.
    """
    if attribution != "direct_quote":
        return dict.fromkeys(QUOTED_FIELDS)
    quote = quoted_words(text, start, end, quotes)
    if quote is None:
        raise ClaimRejected(
            "attribution",
            "A direct_quote's number must stand inside quotation marks in the text; "
            "for the reporter's words use indirect_quote, according_to or narration.",
        )
    return {
        "quoted_start": quote.inner_start,
        "quoted_end": quote.inner_end,
        "quoted_words": quote.words(text),
    }


def locate(document: Document, data: dict) -> tuple[int, int]:
    """The span of `stated_as`: checked offsets, or the one place the quote occurs."""
    stated = data["stated_as"]
    if data.get("start") is not None:
        start, end = data["start"], data["end"]
        if end > len(document.text):
            raise ClaimRejected("end", f"Past the end of the text ({len(document.text)}).")
        if document.text[start:end] != stated:
            found = document.text[start:end]
            raise ClaimRejected("start", f"The text there is {found!r}, not {stated!r}.")
        return start, end
    starts = find_quote(document.text, stated, data.get("prefix") or "", data.get("suffix") or "")
    if not starts:
        raise ClaimRejected("stated_as", "This quote does not occur in the document text.")
    if len(starts) > 1:
        raise ClaimRejected(
            "stated_as",
            f"This quote occurs {len(starts)} times (at {starts[:10]}); "
            "give prefix/suffix or start/end to choose one.",
        )
    return starts[0], starts[0] + len(stated)


def check_value(stated_as: str, value, override_reason: str | None) -> None:
    """The stated number must say `value`, unless a reviewer overrides with a reason.

    Any value the span states will do: a range ("3~4%") states both its ends,
    stored as two claims on the one span (`at_least` and `at_most`).
    """
    if override_reason:
        return
    (stated,) = extraction_process.extractor().stated_values([stated_as])
    if not stated:
        raise ClaimRejected(
            "stated_as", "No number could be read here; give value_override_reason to store it."
        )
    if value not in stated:
        said = " or ".join(str(v) for v in sorted(stated))
        raise ClaimRejected(
            "value",
            f"{stated_as!r} states {said}, not {value}; "
            "give value_override_reason to store it anyway.",
        )


def refuse_duplicate(document_id: str, start: int, end: int, value, unit: str) -> None:
    """One active claim per span, value and unit: a second is a 409 naming the first."""
    existing = Claim.select(Claim.id, Claim.value).where(
        (Claim.document == document_id)
        & (Claim.start == start)
        & (Claim.end == end)
        & (Claim.unit == unit)
        & (Claim.status == "active")
    )
    for claim in existing:
        if claim.value == value:
            raise ClaimRejected(
                "stated_as",
                f"Claim {claim.id} already states this value and unit at this span.",
                409,
                existing=f"/v1/claims/{claim.id}",
            )


def snapshot(claim: Claim) -> dict:
    """The claim's citable state as plain values (foreign keys as ids)."""
    data = {name: claim.__data__.get(name) for name in VERSIONED_FIELDS}
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in data.items()}


def archive_version(claim: Claim) -> ClaimVersion:
    """Keep the claim's current state, with who made it, when and why, in its history."""
    return ClaimVersion.keep(claim, snapshot(claim))


def create_claim(fields: dict, changed_by: str, reason: str) -> Claim:
    """Insert a claim (fields complete, offsets anchored) as its version 1."""
    now = utc_now()
    claim = Claim.create(
        **fields,
        version=1,
        created_at=now,
        updated_at=now,
        changed_by=changed_by,
        change_reason=reason,
    )
    search.reindex(claim.id, search.index_text(claim.sentence, claim.subject))
    return claim


def update_claim(
    claim: Claim,
    changes: dict,
    changed_by: str,
    reason: str,
    expected_version: int | None = None,
) -> bool:
    """Apply `changes` as a new version; False (nothing written) if nothing differs.

    The UPDATE only matches the version the writer read, so of two writers
    holding the same version exactly one succeeds; the other gets StaleVersion.
    """
    expected = claim.version if expected_version is None else expected_version
    if expected != claim.version:
        raise StaleVersion
    differing = {k: v for k, v in changes.items() if claim.__data__.get(k) != v}
    if not differing:
        return False
    now = utc_now()
    if "status" in differing:
        differing.update(status_changed_by=changed_by, status_changed_at=now)
    stamp = {
        "version": expected + 1,
        "updated_at": now,
        "changed_by": changed_by,
        "change_reason": reason,
    }
    updated = (
        Claim.update(**differing, **stamp)
        .where((Claim.id == claim.id) & (Claim.version == expected))
        .execute()
    )
    if updated != 1:
        raise StaleVersion
    archive_version(claim)
    old_text = search.index_text(claim.sentence, claim.subject)
    for name, value in {**differing, **stamp}.items():
        setattr(claim, name, value)
    new_text = search.index_text(claim.sentence, claim.subject)
    if new_text != old_text:
        search.reindex(claim.id, new_text, old_text)
    return True


def _check_references(data: dict, document_id: str) -> None:
    """The speaker and the restated claim must exist; a restatement shares the document."""
    if (
        data.get("speaker") is not None
        and Speaker.get_or_none(Speaker.id == data["speaker"]) is None
    ):
        raise ClaimRejected("speaker", f"No speaker {data['speaker']!r}.")
    if data.get("restates") is not None:
        target = Claim.get_or_none(Claim.id == data["restates"])
        if target is None:
            raise ClaimRejected("restates", f"No claim {data['restates']}.")
        if target.__data__["document"] != document_id:
            raise ClaimRejected("restates", "A restatement must be in the same document.")


def _reason(reason: str, override: str | None) -> str:
    """The history reason, noting a value override."""
    return f"{reason} (value override: {override})" if override else reason


def add_claim(data: dict, author: str) -> Claim:
    """Store a client's claim: locate its quote, check its number, record version 1."""
    document = Document.get_or_none(Document.id == data["document"])
    if document is None:
        raise ClaimRejected("document", f"No document {data['document']!r}.")
    _check_references(data, document.id)
    start, end = locate(document, data)
    fields = {name: data.get(name) for name in CLAIM_FIELDS}
    fields.update(quoted_fields(document.text, data["attribution"], start, end))
    check_value(data["stated_as"], data["value"], data.get("value_override_reason"))
    fields.update(anchored_fields(document, start, end))
    with write_transaction():
        if fields["status"] == "active":
            refuse_duplicate(document.id, start, end, data["value"], data["unit"])
        claim = create_claim(
            fields, author, _reason(data["reason"], data.get("value_override_reason"))
        )
        if claim.status == "active":
            linking.link_claims([claim.id], author)
        return claim


def _current(claim_id: int, expected_version: int | None) -> Claim:
    """The claim as it is now, inside the write transaction, checked against If-Match."""
    claim = Claim.get_by_id(claim_id)
    if claim.status == "retracted":
        raise ClaimRejected("status", "This claim is retracted; it can no longer change.", 409)
    if expected_version is not None and expected_version != claim.version:
        raise StaleVersion
    return claim


def correct_claim(claim_id: int, data: dict, expected_version: int | None, author: str) -> bool:
    """Apply a client's correction as a new version (False when nothing changed)."""
    with write_transaction():
        claim = _current(claim_id, expected_version)
        document = Document.get_by_id(claim.__data__["document"])
        changes = {k: v for k, v in data.items() if k in CLAIM_FIELDS}
        if {"stated_as", "start", "end"} & set(data):
            placed = {"stated_as": data.get("stated_as", claim.stated_as), **data}
            if "start" not in data and "stated_as" not in data:
                raise ClaimRejected("stated_as", "Give stated_as together with new offsets.")
            start, end = locate(document, placed)
            changes.update(anchored_fields(document, start, end))
            changes["stated_as"] = placed["stated_as"]
        if {"attribution", "start", "stated_as"} & set(changes):
            attribution = changes.get("attribution", claim.attribution)
            start, end = changes.get("start", claim.start), changes.get("end", claim.end)
            changes.update(quoted_fields(document.text, attribution, start, end))
        if any(changes.get(k, claim.__data__[k]) != claim.__data__[k] for k in ATTRIBUTED):
            # The extractor's evidence explained its attribution; a person changed it.
            changes.update(NO_EVIDENCE)
        if "value" in changes or "stated_as" in changes:
            check_value(
                changes.get("stated_as", claim.stated_as),
                changes.get("value", claim.value),
                data.get("value_override_reason"),
            )
        if "status" in changes:
            changes["status_reason"] = data["reason"]
        _check_references(changes, document.id)
        if changes.get("restates") == claim.id:
            raise ClaimRejected("restates", "A claim cannot restate itself.")
        reason = _reason(data["reason"], data.get("value_override_reason"))
        was_active = claim.status == "active"
        changed = update_claim(claim, changes, author, reason)
        if changed:
            _refigure(claim, was_active, changes, author, reason)
        return changed


# What a claim's figure depends on: a correction of any of these compares it again.
FIGURE_FIELDS = frozenset(
    {"value", "unit", "qualifier", "stated_as", "subject", "speaker", "restates", "start"}
)


def _refigure(claim: Claim, was_active: bool, changes: dict, author: str, reason: str) -> None:
    """Keep figures in step with a write: an accepted candidate is linked, a claim that is
    no longer active leaves its figure, a corrected one is compared again (core.linking)."""
    if claim.status != "active":
        if was_active:
            linking.unlink_claims([claim.id], author, reason)
    elif not was_active or FIGURE_FIELDS & set(changes):
        linking.link_claims([claim.id], author, reason)


def retract_claim(claim_id: int, reason: str, expected_version: int | None, author: str) -> None:
    """Withdraw a claim: it stays readable, with who, when and why."""
    with write_transaction():
        claim = _current(claim_id, expected_version)
        update_claim(
            claim,
            {"status": "retracted", "status_reason": reason},
            author,
            f"retracted: {reason}",
        )
        linking.unlink_claims([claim.id], author, f"retracted: {reason}")
