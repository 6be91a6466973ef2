"""Cite a claim: plain text, Markdown, CSL-JSON, W3C Web Annotation, schema.org Claim.

Every format is built from the claim's API representation, so a citation
never says more, or other, than the claim itself. `FORMATS` is the one list
of formats: the `format` argument, the endpoint's media types and its
OpenAPI description all come from it, so a new format is one builder and one
entry there.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from marshmallow import fields

from schema.schemas import StrictSchema, one_of

LANGUAGES = ("ko", "en")
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


@dataclass(frozen=True)
class Citing:
    """What a citation needs besides the claim: where it lives, when it was read, the language."""

    permalink: str  # the claim's permanent absolute URL
    document_link: str  # the stored document's absolute URL
    accessed: dt.date
    lang: str


def as_text(claim: dict, citing: Citing, *, markdown: bool = False) -> str:
    """A human-readable citation in Korean or English style."""
    permalink, accessed, lang = citing.permalink, citing.accessed, citing.lang
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


def as_csl_json(claim: dict, citing: Citing) -> list[dict]:
    """A CSL-JSON item list (for Zotero and pandoc) citing the claim's article."""
    permalink, accessed, lang = citing.permalink, citing.accessed, citing.lang
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


def as_annotation(claim: dict, citing: Citing) -> dict:
    """A W3C Web Annotation whose target is the quote in the stored document."""
    permalink, document_link = citing.permalink, citing.document_link
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


def as_schema_org(claim: dict, citing: Citing) -> dict:
    """A schema.org Claim in JSON-LD, appearing in its NewsArticle."""
    permalink = citing.permalink
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


@dataclass(frozen=True)
class CitationFormat:
    """One way to cite a claim: its builder and the body it answers."""

    build: Callable[[dict, Citing], str | dict | list]
    media_type: str
    shape: str  # the body's JSON Schema type, for /openapi.json ("string" for text)
    description: str


FORMATS: dict[str, CitationFormat] = {
    "text": CitationFormat(as_text, "text/plain", "string", "plain text"),
    "markdown": CitationFormat(
        partial(as_text, markdown=True), "text/markdown", "string", "Markdown, the number in bold"
    ),
    "csl-json": CitationFormat(
        as_csl_json, "application/vnd.citationstyles.csl+json", "array", "CSL-JSON"
    ),
    "annotation": CitationFormat(
        as_annotation,
        'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
        "object",
        "W3C Web Annotation (JSON-LD)",
    ),
    "jsonld": CitationFormat(
        as_schema_org, "application/ld+json", "object", "schema.org Claim (JSON-LD)"
    ),
}


class CitationArgsSchema(StrictSchema):
    """Which citation format and language."""

    format = fields.String(load_default="text", validate=one_of(FORMATS))
    lang = fields.String(load_default="ko", validate=one_of(LANGUAGES))
