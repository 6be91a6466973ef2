"""Cite a claim: plain text, Markdown, CSL-JSON, W3C Web Annotation, schema.org Claim.

Every format is built from the claim's API representation, so a citation
never says more, or other, than the claim itself.
"""

from __future__ import annotations

import datetime as dt
import re

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def _date(value) -> dt.date:
    """A date from the API representation (date object or ISO string)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _long_date(day: dt.date, lang: str) -> str:
    """'2024년 2월 28일' or '28 February 2024'."""
    if lang == "ko":
        return f"{day.year}년 {day.month}월 {day.day}일"
    return f"{day.day} {day:%B} {day.year}"


def _speaker_phrase(claim: dict, lang: str) -> str:
    """Who stated it, with role and organisation; the outlet for narration."""
    speaker, document = claim["speaker"], claim["document"]
    if speaker is None:
        outlet = document["outlet"] or document["title"]
        return f"{outlet} 보도" if lang == "ko" else f"Reported by {outlet}"
    name = speaker["name"] if lang == "ko" else (speaker["name_en"] or speaker["name"])
    details = [d for d in (speaker["organization"], speaker["role"]) if d]
    if not details:
        return name
    return (
        f"{name}({' '.join(details)})" if lang == "ko" else f"{name} ({', '.join(details[::-1])})"
    )


def _marked_sentence(claim: dict) -> str:
    """The sentence in Markdown with the number's span in bold."""
    source = claim["source"]
    offset = source["start"] - source["sentence_start"]
    length = source["end"] - source["start"]
    sentence = source["sentence"]
    before, span, after = (
        sentence[:offset],
        sentence[offset : offset + length],
        sentence[offset + length :],
    )

    def escape(text: str) -> str:
        return MARKDOWN_SPECIAL.sub(r"\\\1", text)

    return f"{escape(before)}**{escape(span)}**{escape(after)}"


def as_text(claim: dict, permalink: str, accessed: dt.date, lang: str, *, markdown=False) -> str:
    """A human-readable citation in Korean or English style."""
    document = claim["document"]
    sentence = _marked_sentence(claim) if markdown else claim["source"]["sentence"]
    published = _long_date(_date(document["published"]), lang)
    title = document["title"]
    url = document["url"]
    if markdown and url:
        title = f"[{title}]({url})"
    link = f"<{permalink}>" if markdown else permalink
    if lang == "ko":
        where = ", ".join(p for p in (document["outlet"], f"「{title}」", published) if p)
        url_part = "" if url is None or markdown else f" {url}"
        return (
            f"{_speaker_phrase(claim, lang)}: “{sentence}” — {where}.{url_part} "
            f"주장 영구 링크: {link} ({_long_date(accessed, lang)} 접속)"
        )
    where = ", ".join(p for p in (f"“{title}”", document["outlet"], published) if p)
    url_part = "" if url is None or markdown else f" {url}."
    return (
        f"{_speaker_phrase(claim, lang)}: “{sentence}” In {where}.{url_part} "
        f"Claim: {link} (accessed {_long_date(accessed, lang)})."
    )


def _date_parts(day: dt.date) -> dict:
    """A CSL date."""
    return {"date-parts": [[day.year, day.month, day.day]]}


def as_csl_json(claim: dict, permalink: str, accessed: dt.date, lang: str) -> list[dict]:
    """A CSL-JSON item list (for Zotero and pandoc) citing the claim's article."""
    document = claim["document"]
    item = {
        "id": f"claim-{claim['id']}",
        "type": "article-newspaper",
        "title": document["title"],
        "container-title": document["outlet"],
        "issued": _date_parts(_date(document["published"])),
        "accessed": _date_parts(accessed),
        "language": lang,
        "note": f"{_speaker_phrase(claim, lang)}: “{claim['source']['sentence']}” ({permalink})",
    }
    if document["author"]:
        item["author"] = [{"literal": document["author"]}]
    if document["url"]:
        item["URL"] = document["url"]
    return [{k: v for k, v in item.items() if v is not None}]


def as_annotation(claim: dict, permalink: str, document_link: str) -> dict:
    """A W3C Web Annotation whose target is the quote in the stored document."""
    selectors = claim["source"]["selectors"]
    speaker = claim["speaker"]
    body = (
        f"{claim['stated_as']} = {claim['value']} {claim['unit']} ({claim['qualifier']})"
        f"{'' if speaker is None else ' — ' + speaker['name']}"
    )
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"{permalink}/citation?format=annotation",
        "type": "Annotation",
        "motivation": "describing",
        "created": claim["created_at"],
        "modified": claim["updated_at"],
        "body": {"type": "TextualBody", "value": body, "format": "text/plain"},
        "target": {
            "source": claim["document"]["url"] or document_link,
            "selector": [selectors["TextQuoteSelector"], selectors["TextPositionSelector"]],
        },
    }


def as_schema_org(claim: dict, permalink: str) -> dict:
    """A schema.org Claim in JSON-LD, appearing in its NewsArticle."""
    document, speaker = claim["document"], claim["speaker"]
    article = {
        "@type": "NewsArticle",
        "headline": document["title"],
        "datePublished": str(document["published"]),
        "publisher": {"@type": "Organization", "name": document["outlet"]},
    }
    if document["url"]:
        article["url"] = document["url"]
    if document["author"]:
        article["author"] = {"@type": "Person", "name": document["author"]}
    if speaker is None:
        author = {"@type": "Organization", "name": document["outlet"]}
    elif speaker["kind"] == "organization":
        author = {"@type": "Organization", "name": speaker["name"]}
    else:
        author = {"@type": "Person", "name": speaker["name"]}
        if speaker["role"]:
            author["jobTitle"] = speaker["role"]
        if speaker["organization"]:
            author["worksFor"] = {"@type": "Organization", "name": speaker["organization"]}
    return {
        "@context": "https://schema.org",
        "@type": "Claim",
        "@id": permalink,
        "url": permalink,
        "text": claim["source"]["sentence"],
        "description": claim["stated_as"],
        "author": author,
        "appearance": article,
        "firstAppearance": article,
        "datePublished": str(document["published"]),
    }
