"""Re-check a claim against the stored text: anchored, ambiguous or orphaned.

Nothing here guesses. Each check is recomputed from the document text and
reported; the state says whether the quote can still be found exactly where
the claim says, and the reasons say why not.
"""

from __future__ import annotations

import functools

from extractor.anchors import find_quote, text_sha256
from extractor.numbers import read_quantity
from schema.models import Claim, Document

# What a quote states depends on its words alone, and reading them costs about a
# millisecond: a document page verifies hundreds of claims on every view.
stated_quantity = functools.lru_cache(maxsize=65_536)(read_quantity)


def verify_claim(claim: Claim, document: Document) -> dict:
    """The verification report of one claim."""
    text = document.text
    reasons = []
    hash_now = text_sha256(text)
    hash_ok = hash_now == document.text_sha256
    if not hash_ok:
        reasons.append("The document text no longer matches its stored sha256.")
    span_ok = 0 <= claim.start < claim.end <= len(text) and (
        text[claim.start : claim.end] == claim.stated_as
    )
    if not span_ok:
        found = text[claim.start : claim.end] if claim.end <= len(text) else None
        reasons.append(f"text[{claim.start}:{claim.end}] is {found!r}, not {claim.stated_as!r}.")
    matches = find_quote(text, claim.stated_as, claim.quote_prefix, claim.quote_suffix)
    if not matches:
        reasons.append("The TextQuoteSelector (exact with prefix and suffix) is not in the text.")
    elif len(matches) > 1:
        reasons.append(f"The TextQuoteSelector occurs {len(matches)} times, at {matches[:10]}.")
    elif matches[0] != claim.start:
        reasons.append(f"The TextQuoteSelector occurs at {matches[0]}, not at {claim.start}.")
    quantity = stated_quantity(claim.stated_as)
    value_ok = quantity is not None and quantity.value == claim.value
    if quantity is None:
        reasons.append(f"No number can be read from {claim.stated_as!r}.")
    elif not value_ok:
        reasons.append(
            f"{claim.stated_as!r} states {quantity.value}, but the claim says {claim.value}."
        )

    if hash_ok and span_ok and matches == [claim.start]:
        state = "anchored"
    elif hash_ok and matches:
        state = "ambiguous"
    else:
        state = "orphaned"
    return {
        "claim": claim.id,
        "state": state,
        "ok": state == "anchored" and value_ok,
        "checks": {
            "text_sha256": {"stored": document.text_sha256, "computed": hash_now, "ok": hash_ok},
            "position": {"start": claim.start, "end": claim.end, "ok": span_ok},
            "quote": {
                "occurrences": matches[:10],
                "count": len(matches),
                "unique": len(matches) == 1,
            },
            "value": {
                "stored": claim.value,
                "stated": None if quantity is None else quantity.value,
                "ok": value_ok,
            },
        },
        "reasons": reasons,
    }
