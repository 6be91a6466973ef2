"""Re-check a claim against the stored text: anchored, ambiguous or orphaned.

Nothing here guesses. Each check is recomputed from the document text and
reported; the state says whether the quote can still be found exactly where
the claim says, and the reasons say why not.
"""

from __future__ import annotations

from core.extraction_process import extractor
from extractor.anchors import find_quote, text_sha256
from extractor.quotes import Quotes, find_quotes, quoted_words
from schema.models import Claim, Document

# What a span states depends on its words alone, and reading them costs about a
# millisecond (and a round trip to the extraction process when serving): a
# document page verifies hundreds of claims on every view, so each span is read
# once per process, and the memory is emptied when it holds this many.
STATED_MEMORY = 65_536
_stated: dict[str, frozenset] = {}


def stated_values(spans: list[str]) -> list[frozenset]:
    """Every value each span states (the extractor's reading), each span read once."""
    known = {span: _stated.get(span) for span in spans}
    missing = [span for span, values in known.items() if values is None]
    if missing:
        read = dict(zip(missing, extractor().stated_values(missing), strict=True))
        known.update(read)
        if len(_stated) + len(read) > STATED_MEMORY:
            _stated.clear()
        _stated.update(read)
    return [known[span] for span in spans]


def verify_claims(claims: list[Claim], document: Document) -> list[dict]:
    """The verification reports of claims of one document (its quotes paired once)."""
    quotes = find_quotes(document.text)
    stated = stated_values([claim.stated_as for claim in claims])
    return [
        verify_claim(claim, document, quotes, values)
        for claim, values in zip(claims, stated, strict=True)
    ]


def _speaker_words(claim: Claim, text: str, quotes: Quotes) -> tuple[dict, list[str]]:
    """Check a direct quote's own words as `stated_as` is checked: still there, still
    the quotation marks around the number. Other attributions quote no one."""
    if claim.attribution != "direct_quote":
        return {"stored": None, "ok": True}, []
    start, end = claim.quoted_start, claim.quoted_end
    report = {"stored": None if start is None else {"start": start, "end": end}, "ok": False}
    if start is None:
        return report, ["This direct quote records no quoted words: no quotation marks hold it."]
    if text[start:end] != claim.quoted_words:
        return report, [f"text[{start}:{end}] is no longer the quoted words the claim records."]
    quote = quoted_words(text, claim.start, claim.end, quotes)
    if quote is None or (quote.inner_start, quote.inner_end) != (start, end):
        return report, ["The quotation marks around the number no longer hold the recorded words."]
    report["ok"] = True
    return report, []


def verify_claim(
    claim: Claim, document: Document, quotes: Quotes | None = None, stated=None
) -> dict:
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
    if stated is None:
        (stated,) = stated_values([claim.stated_as])
    values = sorted(stated)
    value_ok = claim.value in stated
    if not values:
        reasons.append(f"No number can be read from {claim.stated_as!r}.")
    elif not value_ok:
        said = " or ".join(str(v) for v in values)
        reasons.append(f"{claim.stated_as!r} states {said}, but the claim says {claim.value}.")
    words, words_reasons = _speaker_words(claim, text, quotes or find_quotes(text))
    reasons.extend(words_reasons)

    # Recorded quoted words that are gone orphan the claim as a vanished quote does.
    words_in_place = claim.quoted_start is None or (
        text[claim.quoted_start : claim.quoted_end] == claim.quoted_words
    )
    if hash_ok and span_ok and matches == [claim.start] and words_in_place:
        state = "anchored"
    elif hash_ok and matches and words_in_place:
        state = "ambiguous"
    else:
        state = "orphaned"
    return {
        "claim": claim.id,
        "state": state,
        "ok": state == "anchored" and value_ok and words["ok"],
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
                "stated": values,  # every value the span states: a range states both ends
                "ok": value_ok,
            },
            "speaker_words": words,
        },
        "reasons": reasons,
    }
