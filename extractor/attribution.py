"""Who stated each number: read from the quote structure of a sentence.

A number inside a speech quote belongs to the quoted speaker (direct_quote); in
a sentence with such a quote, numbers outside the quotation marks are the
reporter's narration. Otherwise "X에 따르면" / "according to X" gives
according_to, a verb of saying or announcing with a subject gives
indirect_quote, and anything else is narration with no speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.morphology import analyse
from extractor.speakers import (
    DESCRIPTORS_EN,
    EN_ROLES,
    ORG_ANAPHOR_NOUNS_EN,
    ORG_ANAPHORS_EN,
    ORG_SUFFIXES_KO,
    PRONOUNS_EN,
    ROLE_TOKEN_KO,
    SURNAMES_KO,
    SpeakerIndex,
    SpeakerMention,
    words_before,
)


@dataclass(frozen=True)
class Attribution:
    """The speaker and attribution kind of one number, with a confidence."""

    speaker: SpeakerMention | None
    kind: str
    confidence: float


NARRATION = Attribution(None, "narration", 0.9)


@dataclass
class Reading:
    """How one sentence attributes its numbers: speech quotes and the rest."""

    quotes: list[tuple[int, int, Attribution]] = field(default_factory=list)
    outside: Attribution = NARRATION
    outside_until: int | None = None  # numbers after this offset are narration

    def attribute(self, offset: int) -> Attribution:
        """The attribution of a number starting at sentence-relative `offset`."""
        for start, end, attribution in self.quotes:
            if start <= offset < end:
                return attribution
        if self.outside_until is not None and offset >= self.outside_until:
            return NARRATION
        return self.outside


@dataclass
class Context:
    """What attribution carries from one sentence to the next."""

    index: SpeakerIndex
    last_quoted: SpeakerMention | None = None
    last_person: SpeakerMention | None = None
    last_organization: SpeakerMention | None = None
    organizations: set[str] = field(default_factory=set)


_QUOTE_PAIRS = re.compile(r"“[^“”]*”|\"[^\"]*\"")


def quote_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of double-quoted passages (curly or straight) in one sentence."""
    return [(m.start(), m.end()) for m in _QUOTE_PAIRS.finditer(sentence)]


def _blank_quotes(sentence: str, spans: list[tuple[int, int]]) -> str:
    """The sentence with quoted words blanked out, offsets unchanged."""
    chars = list(sentence)
    for start, end in spans:
        for index in range(start + 1, end - 1):
            chars[index] = " " if not chars[index].isspace() else chars[index]
    return "".join(chars)


# --- Korean ---------------------------------------------------------------------------

_KO_SPEECH_AFTER_QUOTE = re.compile(r"[\s\u00a0]*(?:이)?라(?:고|며|면서)|[\s\u00a0]*(?:고|며)\s")
_KO_TERM_AFTER_QUOTE = re.compile(r"[\s\u00a0]*(?:이)?(?:라는|란\s|라고\s+(?:불|부르|이름))")
_KO_INDIRECT = re.compile(
    r"(?:[다라냐자까]|이다)고(?:도)?\s+(?:\S+\s+){0,3}?(?:말했|밝혔|설명했|강조했|전했|덧붙였|"
    r"주장했|내다봤|전망했|예상했|언급했|발표했|공시했|지적했|보고했|답했|추산했|추정했|분석했|"
    r"말한다|밝힌다|설명한다|전망한다|예상한다|강조한다|본다|봤다|보고\s있다)"
    r"|(?:[다라]|이라)며\s"
    r"|것으로\s+(?:\S+\s+)?(?:전망했|예상했|내다봤|내다본다|추산했|추정했|분석했|예측했|보고\s있다|"
    r"전망한다|예상한다)"
)
_KO_ANNOUNCE = re.compile(
    r"(?:을|를)\s+(?:\S+\s+)?(?:내놨|내놓았|공개했|발표했|밝혔|공시했|제시했|확정했|예고했)"
    r"|(?:계획|방침|목표)이다"
)
_KO_ACCORDING = re.compile(r"(?P<source>[^\s,]+(?:\s[^\s,]+){0,3}?)에\s따르면")
_REPORT_NOUNS = ("자료", "집계", "조사", "발표", "보고서", "통계", "분석", "설명", "전망", "추산")
_NOT_SPEAKER_WORDS = frozenset("이날 전날 지난달 올해 지난해 특히 한편 또한 이번 당시 최근".split())


def _quoted(
    reading: Reading, sentence: str, speech: list, speaker: SpeakerMention | None, context: Context
) -> Reading:
    """Attribute a sentence's quoted speech to `speaker`, or to the last quoted speaker.

    A sentence that opens with a quote and names nobody usually continues the
    previous speaker's words; that guess gets a lower confidence.
    """
    confidence = 0.9
    if speaker is None and sentence.lstrip().startswith(("“", '"')):
        speaker, confidence = context.last_quoted, 0.6
    if speaker is None:
        confidence = 0.5
    for start, end in speech:
        reading.quotes.append((start, end, Attribution(speaker, "direct_quote", confidence)))
    context.last_quoted = speaker
    _remember(context, speaker)
    return reading


def read_korean(sentence: str, base: int, context: Context) -> Reading:
    """Attribute the numbers of one Korean sentence."""
    spans = quote_spans(sentence)
    speech = [span for span in spans if _is_korean_speech(sentence, span)]
    reading = Reading()
    if speech:
        speaker = _korean_subject(sentence, base, context, before=speech[0][0])
        if speaker is None:
            speaker = _korean_subject(sentence, base, context, after=speech[-1][1])
        return _quoted(reading, sentence, speech, speaker, context)
    outside = _blank_quotes(sentence, spans)
    according = _KO_ACCORDING.search(outside)
    if according:
        source = _korean_source(according["source"], base + according.start(), context)
        reading.outside = Attribution(source, "according_to", 0.85 if source else 0.5)
        return reading
    markers = [*_KO_INDIRECT.finditer(outside), *_KO_ANNOUNCE.finditer(outside)]
    if markers:
        first = min(marker.start() for marker in markers)
        speaker = _korean_subject(outside, base, context, before=first)
        if speaker is not None:
            reading.outside = Attribution(speaker, "indirect_quote", 0.8)
            _remember(context, speaker)
        elif _has_subject(outside, before=first):
            # "전문가들은 …라고 내다봤다": reported speech of an unnamed source
            reading.outside = Attribution(None, "indirect_quote", 0.6)
        reading.outside_until = max(marker.end() for marker in markers)
    return reading


def _is_korean_speech(sentence: str, span: tuple[int, int]) -> bool:
    """A quote followed by 라고/라며 (speech), not by 라는/란 (a name or a term)."""
    after = sentence[span[1] :]
    if _KO_TERM_AFTER_QUOTE.match(after):
        return False
    if _KO_SPEECH_AFTER_QUOTE.match(after):
        return True
    return not after.strip(" .\u00a0") and span[1] - span[0] > 12


def _korean_subject(
    sentence: str,
    base: int,
    context: Context,
    before: int | None = None,
    after: int | None = None,
) -> SpeakerMention | None:
    """The first topic or subject phrase (은/는/이/가/께서) that names a speaker."""
    morphemes = analyse(sentence)
    for index, morpheme in enumerate(morphemes):
        if before is not None and morpheme.start >= before:
            break
        if after is not None and morpheme.start < after:
            continue
        is_topic = morpheme.tag == "JX" and morpheme.form in ("은", "는")
        if not (is_topic or morpheme.tag == "JKS"):
            continue
        words = _noun_phrase_before(sentence, morphemes, index)
        if not words:
            continue
        head_start = morpheme.start - len(words.split()[-1])
        proper = all(
            m.tag in ("NNP", "SL", "SH") for m in morphemes[:index] if m.start >= head_start
        )
        speaker = _korean_speaker(words, base + morpheme.start, context, proper)
        if speaker is not None:
            return speaker
    return None


def _has_subject(sentence: str, before: int) -> bool:
    """True when a topic or subject noun phrase comes before `before`."""
    morphemes = analyse(sentence)
    return any(
        (m.tag == "JKS" or (m.tag == "JX" and m.form in ("은", "는")))
        and _noun_phrase_before(sentence, morphemes, i)
        for i, m in enumerate(morphemes)
        if m.start < before
    )


def _noun_phrase_before(sentence: str, morphemes, index: int) -> str | None:
    """The nouns right before morpheme `index`, up to three words, as written."""
    first = index
    words = 1
    while first > 0:
        previous = morphemes[first - 1]
        if not (
            previous.tag[0] == "N" or previous.tag in ("SL", "SH", "SN", "XSN", "SW", "SSO", "SSC")
        ):
            if _is_surname_before_title(sentence, morphemes, first):
                first -= 1
            break
        if previous.end < morphemes[first].start:
            words += 1
            if words > 3:
                break
        first -= 1
    if first == index:
        return None
    start = morphemes[first].start
    while start > 0 and not sentence[start - 1].isspace() and sentence[start - 1] not in '“”"(,':
        start -= 1  # "한결자동차": Kiwi may read the start of a name as an adverb
    phrase = sentence[start : morphemes[index].start].strip()
    if ROLE_TOKEN_KO.fullmatch(phrase.split()[-1]) and len(phrase.split()) < 3:
        # "NAME ORG TITLE은": take the name and organisation words before the title too
        earlier = words_before(sentence, start)[-(3 - len(phrase.split())) :]
        phrase = " ".join([word for _, word in earlier] + [phrase])
    parts = [word for word in phrase.split() if word not in _NOT_SPEAKER_WORDS]
    return " ".join(parts) or None


def _is_surname_before_title(sentence: str, morphemes, first: int) -> bool:
    """ "이 CFO": a one-syllable surname Kiwi misreads as a determiner, before a title."""
    previous = morphemes[first - 1]
    following = sentence[morphemes[first].start :].split(maxsplit=1)[0]
    return (
        len(previous.form) == 1
        and previous.form in SURNAMES_KO
        and previous.end < morphemes[first].start
        and ROLE_TOKEN_KO.match(following) is not None
    )


_ORG_ANAPHORS_KO = frozenset(
    ["회사", "회사 측", "회사측", "이 회사", "같은 회사", "동사", "그룹 측"]
)


def _korean_speaker(
    phrase: str, offset: int, context: Context, proper: bool = False
) -> SpeakerMention | None:
    """Resolve a Korean subject phrase to a person, an organisation or nobody.

    `proper` says Kiwi read the head word as a proper noun in its sentence.
    """
    if phrase in ("그", "그녀"):
        return context.last_person
    if phrase in _ORG_ANAPHORS_KO:
        return context.last_organization
    person = context.index.person_named(phrase, before=offset)
    if person is not None:
        return person
    head = phrase.split()[-1]
    if ROLE_TOKEN_KO.fullmatch(head):
        return None  # a bare title ("대표는") names nobody we can resolve
    if proper or head in context.organizations or _is_proper_korean(head):
        return SpeakerMention(head, kind="organization")  # "시장조사업체 X는": X
    return None


def _is_proper_korean(word: str) -> bool:
    """An organisation-like word: a proper noun, Latin letters or a company suffix."""
    if re.search(r"[A-Za-z]", word) or word.endswith(ORG_SUFFIXES_KO):
        return True
    morphemes = analyse(word)
    return bool(morphemes) and all(m.tag == "NNP" for m in morphemes)


def _korean_source(source: str, offset: int, context: Context) -> SpeakerMention | None:
    """Who "X에 따르면" names: the agency behind a report noun, or X itself."""
    words = source.split()
    if words and words[-1] in _REPORT_NOUNS:
        words = words[:-1]
        owner = next((w for w in words if re.search(r"[가-힣A-Za-z](?:이|가|의)$", w)), None)
        words = [owner[:-1]] if owner else words[-1:]
    if not words:
        return None
    phrase = " ".join(words[-3:])
    speaker = context.index.person_named(phrase, before=offset)
    if speaker is None and words and _is_proper_korean(words[-1]):
        return SpeakerMention(words[-1], kind="organization")
    return speaker


def _remember(context: Context, speaker: SpeakerMention | None) -> None:
    """Keep the latest person and organisation for pronouns and "the company" later."""
    if speaker is not None and speaker.kind == "person":
        context.last_person = speaker
    elif speaker is not None:
        context.last_organization = speaker
        context.organizations.add(speaker.name)


# --- English --------------------------------------------------------------------------

_SPEECH_VERBS = (
    r"said|says|told|added|noted|explained|stressed|wrote|argued|warned|predicted|recalled|"
    r"insisted|remarked|asked|replied|continued|announced|estimated|expects|expected|forecast|"
    r"projected|plans|planned|aims|pledged|disclosed|revealed|estimates|found|finds|"
    r"forecasts|reckons|believes|stated|confirmed|projects|sees|expect|estimate|predict|"
    r"believe|say"
)
_WHO = (
    r"(?:(?:Mr|Mrs|Ms|Dr|Prof)\.? )?[A-Z][\w'&.-]*(?: (?:of |the |and |& )?[A-Z][\w'&.-]*){0,5}"
    rf"|[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Tt]he (?:{ORG_ANAPHOR_NOUNS_EN})"
)
_EN_SUBJECT_VERB = re.compile(
    rf"(?P<who>{_WHO})(?P<aside>,[^,]{{2,80}},)? (?:also )?(?:{_SPEECH_VERBS})\b"
)
# Unnamed sources: "officials said", "analysts expect", "the club said".
_EN_UNNAMED = re.compile(
    r"\b(?:[A-Za-z]+ )?(?P<who>officials|analysts|economists|experts|organizers|organisers|"
    r"authorities|police|sources|executives|researchers|investors|observers|insiders|"
    r"people familiar with the matter|the club|the team|the union|the league|the organizers|"
    rf"the (?:{ORG_ANAPHOR_NOUNS_EN}))(?P<aside>,[^,]{{2,80}},)?"
    rf" (?:also )?(?:say|said|says|expect|estimate|believe|predict|warn|told|{_SPEECH_VERBS})\b",
    re.IGNORECASE,
)
# "…,” said X" / "…, said X": the inverted order follows a comma or a closing quote.
_EN_VERB_SUBJECT = re.compile(
    rf"[,”\"] (?:said|says|added|told|noted|wrote|explained) (?P<who>{_WHO})(?=[,.;:!?]|$)"
)
_EN_ACCORDING = re.compile(
    rf"[Aa]ccording to (?:(?:data|figures|a report|a statement|a survey|estimates|an estimate|"
    r"a filing|statistics|research) (?:from|by|released by|published by) )?"
    rf"(?:the )?(?P<who>{_WHO})"
)
_ORG_WORDS_EN = re.compile(
    r"\b(?:Bank|Corp|Corporation|Inc|Ltd|Co|Group|Ministry|Agency|Office|Service|Institute|"
    r"University|Association|Council|Commission|Department|Statistics|Electronics|Motors?|"
    r"Holdings|Fund|Board|Bureau|Authority|Federation|Exchange|Organization|Organisation|"
    r"Company|Industries|Energy|Systems|Technologies|Labs|Airlines|Securities|Capital|Research|"
    r"Administration|Reserve|Korea|Committee|Centre|Center|Times|News|Post|Foundation|Trust|"
    r"Partners|Robotics|Steel|Systems|Group)\b"
)
_NOT_WHO = frozenset(
    "The A An In On At It Its This That These Those But And Yet So If When While After Before "
    "Since Last Next Over Under About Sales Revenue Profit Shares Exports Imports Prices "
    "Officials Analysts Economists Experts Organizers Organisers Authorities Police Sources "
    "Executives Researchers Investors Observers".split()
)


def read_english(sentence: str, base: int, context: Context) -> Reading:
    """Attribute the numbers of one English sentence."""
    spans = quote_spans(sentence)
    speech = [span for span in spans if _is_english_speech(sentence[span[0] : span[1]])]
    outside = _blank_quotes(sentence, spans)
    reading = Reading()
    if speech:
        speaker = _english_who(outside, base, context)
        return _quoted(reading, sentence, speech, speaker, context)
    according = _EN_ACCORDING.search(outside)
    if according:
        source = _resolve_english(according["who"], base + according.start("who"), context)
        reading.outside = Attribution(source, "according_to", 0.85 if source else 0.5)
        return reading
    speaker = _english_who(outside, base, context)
    if speaker is not None:
        reading.outside = Attribution(speaker, "indirect_quote", 0.8)
        _remember(context, speaker)
    elif _EN_UNNAMED.search(outside):
        reading.outside = Attribution(None, "indirect_quote", 0.6)
    else:
        return reading
    for pattern in (_EN_SUBJECT_VERB, _EN_UNNAMED):
        for aside in pattern.finditer(outside):
            if aside["aside"]:  # "X, which raised $5m in 2019, said …": the aside is narration
                reading.quotes.append((aside.start("aside"), aside.end("aside"), NARRATION))
    return reading


def _is_english_speech(quote: str) -> bool:
    """Quoted speech, not a quoted term: several words or closing punctuation."""
    return len(quote.split()) > 3 or quote[-2:-1] in (",", ".", "!", "?")


def _english_who(outside: str, base: int, context: Context) -> SpeakerMention | None:
    """The subject of a verb of saying ("X said", "said X") outside the quotes."""
    candidates = [(m.start("who"), m["who"]) for m in _EN_SUBJECT_VERB.finditer(outside)]
    candidates += [(m.start("who"), m["who"]) for m in _EN_VERB_SUBJECT.finditer(outside)]
    for offset, who in sorted(candidates, key=lambda item: -item[0]):
        speaker = _resolve_english(who, base + offset, context)
        if speaker is not None:
            return speaker
    return None


def _resolve_english(who: str, offset: int, context: Context) -> SpeakerMention | None:
    """Resolve "Smith", "Ms. Kim", "she", "the company" or an organisation name."""
    who = who.strip().rstrip(".,")
    who = re.sub(r"^(?:[Tt]he) (?=[A-Z])", "", who)
    who = re.sub(rf",? (?:{EN_ROLES})$", "", who)
    who = re.sub(rf"^(?i:{EN_ROLES}) (?=[A-Z])", "", who)  # "Governor Helen Marsh"
    first, _, rest = who.partition(" ")
    if rest and first.lower() in DESCRIPTORS_EN:
        who = rest  # "Rival Acme": a sentence-initial description, not part of the name
    if who.lower() in PRONOUNS_EN:
        return context.last_person or context.index.latest_person(offset)
    if ORG_ANAPHORS_EN.match(who) or who.lower() == "it":
        if context.last_organization is not None:
            return context.last_organization
        name = context.index.latest_organization(offset)
        return SpeakerMention(name, kind="organization") if name else None
    words = who.split()
    while words and words[0] in _NOT_WHO:
        words = words[1:]
    if not words:
        return None
    who = " ".join(words)
    person = context.index.person_named(who, before=offset)
    if person is not None:
        return person
    if _ORG_WORDS_EN.search(who) or len(words) == 1:
        context.index.note_organization(offset, who)
        return SpeakerMention(who, kind="organization")
    if 2 <= len(words) <= 3 and all(re.fullmatch(r"[A-Z][a-z'-]+", w) for w in words):
        return SpeakerMention(who)
    context.index.note_organization(offset, who)
    return SpeakerMention(who, kind="organization")
