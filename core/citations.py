"""Cite a claim: plain text, Markdown, CSL-JSON, W3C Web Annotation, schema.org Claim.

Every format is built from the claim's API representation, so a citation
never says more, or other, than the claim itself. `FORMATS` is the one list
of formats: the `format` argument, the endpoint's media types and its
OpenAPI description all come from it, so a new format is one builder and one
entry there.

A citation never puts words in anyone's mouth. Quotation marks hold only the
words of whoever is named as saying them:

- a direct quote cites the speaker's own words (the claim's `source.quote`,
  the inside of the quotation marks around the number), trimmed with "…"
  where long, and says who quoted them: the outlet;
- an indirect quote, an according-to or the reporter's narration cites the
  sentence as the outlet's text ("Hanbit Ilbo reported: “…”"), naming the
  party the outlet attributes it to, if any; so does a direct quote that
  records no quoted words.

English citations use English forms where they are known (`name_en`,
`role_en`, `organization_en`, `outlet_en`, `title_en`, or an original already in
Latin script) and leave roles, organisations, outlets and titles out where they
are not; a name without an English form stays as written, since it is what
identifies the person. Only active claims are cited (`not_citable`).
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
# Scripts that an English reader cannot read: a name in them needs an English form.
NOT_LATIN = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af]")
# Quoted words longer than this are trimmed to the words around the number.
QUOTE_LIMIT = 80
CONTEXT_CHARS = 25  # about how much of the quote to keep on each side of the number
# Inside a citation's quotation marks, the text's own double marks become single ones.
NESTED_MARKS = str.maketrans({"“": "‘", "”": "’", '"': "'"})


@dataclass(frozen=True)
class Citing:
    """What a citation needs besides the claim: where it lives, when it was read, the language."""

    permalink: str  # the claim's permanent absolute URL
    document_link: str  # the stored document's absolute URL
    accessed: dt.date
    lang: str
    # The claim's figure (core.figures): every appearance, earliest first, and the first
    # appearance when another document stated the figure first.
    appearances: tuple[dict, ...] = ()
    first_reported: dict | None = None


def not_citable(claim: dict) -> str | None:
    """Why a claim may not be cited (None when it may): only active claims are.

    A citation is pasted into other people's work, where a label saying the
    claim was retracted, or never reviewed, is easily lost; refusing is safer.
    """
    status = claim["status"]
    if status == "active":
        return None
    reason = f" ({claim['status_reason']})" if claim.get("status_reason") else ""
    why = {
        "retracted": f"Claim {claim['id']} is retracted{reason}: it no longer stands.",
        "rejected": f"Claim {claim['id']} was rejected in review{reason}: it is not a claim.",
        "candidate": f"Claim {claim['id']} is an extracted candidate that no one has reviewed.",
    }
    return why.get(status, f"Claim {claim['id']} is {status}.") + " Only active claims are cited."


# --- words in either language ------------------------------------------------------------


def english(original: str | None, translation: str | None) -> str | None:
    """The English form: the translation, or the original if it is already in Latin script."""
    if translation:
        return translation
    if original and not NOT_LATIN.search(original):
        return original
    return None


def _in(record: dict, name: str, lang: str) -> str | None:
    """A record's field in the citation's language (None: not known in it)."""
    if lang == "ko":
        return record.get(name)
    return english(record.get(name), record.get(f"{name}_en"))


def _name(record: dict, lang: str) -> str:
    """A speaker's name; without an English form it stays as written (it identifies them)."""
    return _in(record, "name", lang) or record["name"]


# Final consonants (받침) of the sounds a Korean reader gives a digit or a Latin letter.
_DIGIT_BATCHIM = dict(zip("0123456789", (1, 1, 0, 1, 0, 0, 1, 1, 1, 0), strict=True))
_LETTERS_WITH_BATCHIM = frozenset("lmnrLMNR")  # 엘, 엠, 엔, 알


def _has_batchim(word: str) -> bool:
    """Whether `word` ends, as read aloud in Korean, on a final consonant."""
    for char in reversed(word):
        if "가" <= char <= "힣":
            return (ord(char) - 0xAC00) % 28 != 0
        if char in _DIGIT_BATCHIM:
            return bool(_DIGIT_BATCHIM[char])
        if char.isascii() and char.isalpha():
            return char in _LETTERS_WITH_BATCHIM
    return False


def _particle(word: str, after_consonant: str, after_vowel: str) -> str:
    """`word` with the particle form its last sound takes (은/는, 을/를, 이라고/라고)."""
    return word + (after_consonant if _has_batchim(word) else after_vowel)


def _speaker_phrase(speaker: dict, lang: str) -> str:
    """Who: 'Kim Min-su, CEO of Hanbit Electronics' or '김민수 한빛전자 CEO'."""
    name = _name(speaker, lang)
    if speaker["kind"] == "organization":
        return name
    role, organization = _in(speaker, "role", lang), _in(speaker, "organization", lang)
    if lang == "ko":
        return " ".join(part for part in (name, organization, role) if part)
    if role and organization:
        return f"{name}, {role} of {organization}"
    if role or organization:
        return f"{name}, {role}" if role else f"{name} of {organization}"
    return name


def _published(document: dict, lang: str) -> str:
    """The publication date: '2024-02-28' or '28 Feb 2024'."""
    day = _date(document["published"])
    return day.isoformat() if lang == "ko" else f"{day.day} {day:%b} {day.year}"


def _date(value) -> dt.date:
    """A date from the API representation (date object or ISO string)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _long_date(day: dt.date, lang: str) -> str:
    """'2024년 2월 28일' or '28 February 2024'."""
    if lang == "ko":
        return f"{day.year}년 {day.month}월 {day.day}일"
    return f"{day.day} {day:%B} {day.year}"


# --- what is quoted -----------------------------------------------------------------------


@dataclass(frozen=True)
class Quoted:
    """The words a citation puts in quotation marks, with the number's place in them."""

    before: str
    number: str
    after: str
    speaker_words: bool  # the speaker's own words (else: the outlet's sentence)

    def text(self, *, markdown: bool = False) -> str:
        """The quoted words, nested double marks made single; Markdown puts the number in bold."""
        parts = [p.translate(NESTED_MARKS) for p in (self.before, self.number, self.after)]
        if not markdown:
            return "".join(parts)
        before, number, after = (MARKDOWN_SPECIAL.sub(r"\\\1", p) for p in parts)
        return f"{before}**{number}**{after}"


def quoted(claim: dict, *, trim: bool = True) -> Quoted:
    """The speaker's own words for a direct quote that records them, else the sentence.

    Long words are trimmed to the number's surroundings for people to read;
    machine-readable formats take them whole (`trim=False`).
    """
    source = claim["source"]
    words = source.get("quote")
    if claim["attribution"] == "direct_quote" and words:
        start, end = source["start"] - words["start"], source["end"] - words["start"]
        before, number, after = (
            words["exact"][:start],
            words["exact"][start:end],
            words["exact"][end:],
        )
        if trim and len(words["exact"]) > QUOTE_LIMIT:
            before, after = _trimmed_before(before), _trimmed_after(after)
        return Quoted(before, number, after, speaker_words=True)
    start = source["start"] - source["sentence_start"]
    end = source["end"] - source["sentence_start"]
    sentence = source["sentence"]
    return Quoted(sentence[:start], sentence[start:end], sentence[end:], speaker_words=False)


def _trimmed_before(text: str) -> str:
    """The last words of `text` (about CONTEXT_CHARS), '…' where some are left out."""
    if len(text) <= CONTEXT_CHARS:
        return text
    kept = text[-CONTEXT_CHARS:]
    space = kept.find(" ")
    if 0 <= space < len(kept) - 1:
        kept = kept[space + 1 :]
    return "…" + kept.lstrip()


def _trimmed_after(text: str) -> str:
    """The first words of `text` (about CONTEXT_CHARS), '…' where some are left out."""
    if len(text) <= CONTEXT_CHARS:
        return text
    kept = text[:CONTEXT_CHARS]
    space = kept.rfind(" ")
    if space > 0:
        kept = kept[:space]
    return kept.rstrip(" ,") + "…"


# --- the attribution, in words --------------------------------------------------------------


def attribution_line(claim: dict, lang: str, *, markdown: bool = False) -> str:
    """Who said what, with the outlet and date: the part of a citation that quotes.

    '김민수 한빛전자 CEO는 “…”이라고 말했다(한빛일보, 2025-05-14).'
    'Hanbit Ilbo reported, attributing it to Gaon Electronics: “…” (14 May 2025).'
    """
    document, speaker = claim["document"], claim["speaker"]
    words = quoted(claim)
    text = words.text(markdown=markdown)
    outlet, published = _in(document, "outlet", lang), _published(document, lang)
    where = ", ".join(p for p in (outlet, published) if p)
    if words.speaker_words:
        if lang == "ko":
            who = _speaker_phrase(speaker, lang) if speaker else "이름이 밝혀지지 않은 발언자"
            ending = _particle(words.text(), "이라고", "라고")[len(words.text()) :]
            return f"{_particle(who, '은', '는')} “{text}”{ending} 말했다({where})."
        who = _speaker_phrase(speaker, lang) if speaker else "An unnamed speaker"
        if "," in who:  # 'Kim Min-su, CEO of Hanbit Electronics, said'
            who += ","
        return f"{who} said “{text}” ({where})."
    if lang == "ko":
        reporter = _particle(outlet or "기사", "은", "는")
        citing = (
            f" {_particle(_speaker_phrase(speaker, lang), '을', '를')} 인용해" if speaker else ""
        )
        ending = _particle(words.text(), "이라고", "라고")[len(words.text()) :]
        return f"{reporter}{citing} “{text}”{ending} 보도했다({published})."
    reporter = outlet or "The article"
    citing = f", attributing it to {_speaker_phrase(speaker, lang)}" if speaker else ""
    return f"{reporter} reported{citing}: “{text}” ({published})."


def as_text(claim: dict, citing: Citing, *, markdown: bool = False) -> str:
    """A human-readable citation: the attribution, then the article and the claim's link."""
    lang, document = citing.lang, claim["document"]
    title, url = _in(document, "title", lang), document["url"]
    if title:
        title = f"「{title}」" if lang == "ko" else f"“{title}”"
        if markdown and url:
            title = f"[{title}]({url})"
    article = ", ".join(p for p in (title, None if markdown else url) if p)
    article = article and f"{article}."
    link = f"<{citing.permalink}>" if markdown else citing.permalink
    article = " ".join(p for p in (article, _first_reported(citing.first_reported, lang)) if p)
    accessed = _long_date(citing.accessed, lang)
    if lang == "ko":
        tail = f"주장 영구 링크: {link} ({accessed} 접속)"
    else:
        tail = f"Claim: {link} (accessed {accessed})."
    return " ".join(
        p for p in (attribution_line(claim, lang, markdown=markdown), article, tail) if p
    )


def _first_reported(first: dict | None, lang: str) -> str:
    """'First reported by Hanbit Ilbo on 14 May 2025.' (empty when this is the first)."""
    if first is None:
        return ""
    document = first["document"]
    outlet = _in(document, "outlet", lang) or (document["outlet"] if lang == "ko" else None)
    when = _published(document, lang)
    if lang == "ko":
        who = _particle(outlet, "이", "가") if outlet else "다른 기사가"
        return f"이 수치는 {who} {when}에 처음 보도했다."
    return f"First reported by {outlet or 'another article'} on {when}."


# --- CSL-JSON ---------------------------------------------------------------------------------


def _date_parts(day: dt.date) -> dict:
    """A CSL date."""
    return {"date-parts": [[day.year, day.month, day.day]]}


def as_csl_json(claim: dict, citing: Citing) -> list[dict]:
    """A CSL-JSON item list (for Zotero and pandoc) citing the claim's article.

    A bibliography entry must name its work: where the English title or outlet
    is not known, the original stands (its `language` says which).
    """
    lang, document = citing.lang, claim["document"]
    item = {
        "id": f"claim-{claim['id']}",
        "type": "article-newspaper",
        "title": _in(document, "title", lang) or document["title"],
        "container-title": _in(document, "outlet", lang) or document["outlet"],
        "issued": _date_parts(_date(document["published"])),
        "accessed": _date_parts(citing.accessed),
        "language": document.get("language") or ("en" if lang == "en" else None),
        "note": f"{attribution_line(claim, lang)} {citing.permalink}",
    }
    if lang == "en" and document.get("title_en"):
        item["original-title"] = document["title"]
    if document["author"]:
        item["author"] = [{"literal": document["author"]}]
    if document["url"]:
        item["URL"] = document["url"]
    return [{k: v for k, v in item.items() if v is not None}]


# --- W3C Web Annotation -----------------------------------------------------------------------


def as_annotation(claim: dict, citing: Citing) -> dict:
    """A W3C Web Annotation whose target is the number in the stored document."""
    permalink, document_link = citing.permalink, citing.document_link
    selectors = claim["source"]["selectors"]
    speaker = claim["speaker"]
    said_by = "" if speaker is None else " — " + _name(speaker, citing.lang)
    body = (
        f"{claim['stated_as']} = {claim['value']} {claim['unit']} ({claim['qualifier']}){said_by}"
    )
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"{permalink}/citation?format=annotation",
        "type": "Annotation",
        "motivation": "describing",
        "created": claim["created_at"],
        "modified": claim["updated_at"],
        "body": {
            "type": "TextualBody",
            "value": body,
            "format": "text/plain",
            "language": citing.lang,
        },
        "target": {
            "source": claim["document"]["url"] or document_link,
            "selector": [selectors["TextQuoteSelector"], selectors["TextPositionSelector"]],
        },
    }


# --- schema.org Claim -------------------------------------------------------------------------


def _party(speaker: dict, lang: str) -> dict:
    """A speaker as a schema.org Person or Organization."""
    if speaker["kind"] == "organization":
        return {"@type": "Organization", "name": _name(speaker, lang)}
    person = {"@type": "Person", "name": _name(speaker, lang)}
    role, organization = _in(speaker, "role", lang), _in(speaker, "organization", lang)
    if role:
        person["jobTitle"] = role
    if organization:
        person["worksFor"] = {"@type": "Organization", "name": organization}
    return person


def _publisher(document: dict, lang: str) -> dict | None:
    """The outlet as a schema.org Organization."""
    outlet = _in(document, "outlet", lang) or document["outlet"]
    return {"@type": "Organization", "name": outlet} if outlet else None


def _quotation(claim: dict, lang: str) -> dict:
    """Where a claim appears: a Quotation of its NewsArticle, created by whose words it holds."""
    document, speaker = claim["document"], claim["speaker"]
    publisher = _publisher(document, lang)
    article = {
        "@type": "NewsArticle",
        "headline": _in(document, "title", lang) or document["title"],
        "datePublished": str(document["published"]),
        "inLanguage": document.get("language"),
        "publisher": publisher,
        "url": document["url"],
        "author": document["author"] and {"@type": "Person", "name": document["author"]},
    }
    article = {k: v for k, v in article.items() if v}
    words = quoted(claim, trim=False)
    author = _party(speaker, lang) if speaker else publisher
    quotation = {
        "@type": "Quotation",
        "text": words.before + words.number + words.after,
        "creator": author if words.speaker_words else publisher,
        "isPartOf": article,
    }
    return {k: v for k, v in quotation.items() if v}


def as_schema_org(claim: dict, citing: Citing) -> dict:
    """A schema.org Claim in JSON-LD, appearing in a quotation of its NewsArticle.

    The quotation's `creator` is whose words it holds: the speaker's for a
    direct quote with recorded words, the outlet's otherwise. The Claim's
    `text` is given only when those are its author's own words. When the claim
    is an appearance of a figure (core.figures), `appearance` lists every
    appearance, earliest first, and `firstAppearance` is the earliest;
    otherwise both are this claim's.
    """
    lang = citing.lang
    document, speaker = claim["document"], claim["speaker"]
    words = quoted(claim, trim=False)
    author = _party(speaker, lang) if speaker else _publisher(document, lang)
    quotation = _quotation(claim, lang)
    appearances = [_quotation(c, lang) for c in citing.appearances] or [quotation]
    found = {
        "@context": "https://schema.org",
        "@type": "Claim",
        "@id": citing.permalink,
        "url": citing.permalink,
        "description": claim["stated_as"],
        "author": author,
        "appearance": appearances if len(appearances) > 1 else appearances[0],
        "firstAppearance": appearances[0],
        "datePublished": str(document["published"]),
    }
    if words.speaker_words or speaker is None:
        found["text"] = quotation["text"]
    return {k: v for k, v in found.items() if v}


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
