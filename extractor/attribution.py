"""Who stated each number, read from the quote structure of the whole text.

A number inside a speaker's quoted words belongs to that speaker (direct_quote).
Quotes are found over the whole text (`extractor.quotes`), so a quote that runs
over several sentences or paragraphs keeps its speaker, and a quote with no verb
of its own continues the last speaker's words. Outside quotes, "X에 따르면" /
"according to X" / "figures from X showed" give according_to, a verb of saying,
expecting or announcing gives indirect_quote for the clause it governs, and
anything else is the reporter's narration with no speaker.

Every attribution says which rule made it and where the speaker is named
(`evidence`), so a reviewer sees why, and carries a confidence: a guess (a
continuation, a pronoun, a description) is never as sure as a name next to a verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.entities import (
    ORG_DESCRIPTORS_EN,
    ORG_DESCRIPTORS_PLURAL_EN,
    ORG_WORDS_EN,
    PERSON_NAME_EN,
    WHEN_SPOKEN_EN,
    Entities,
    Entity,
)
from extractor.morphology import analyse
from extractor.quotes import Quote, Quotes, find_quotes
from extractor.speakers import (
    DESCRIPTORS_EN,
    EN_ROLES,
    GROUPS_KO,
    HONORIFIC_EN,
    ORG_SUFFIXES_KO,
    ROLE_TOKEN_KO,
    SURNAMES_KO,
    SpeakerMention,
    has_org_suffix,
    is_korean_name,
    words_before,
)


@dataclass(frozen=True)
class Attribution:
    """The speaker and attribution kind of one number, with why and how sure."""

    speaker: SpeakerMention | None
    kind: str
    confidence: float
    rule: str = "narration"
    evidence: tuple[int, int] | None = None  # where the text names the speaker
    quote: tuple[int, int] | None = None  # the quoted words holding the number


NARRATION = Attribution(None, "narration", 0.9)


@dataclass
class Reading:
    """How one sentence attributes its numbers: by quote, by clause, or as narration."""

    spans: list[tuple[int, int, Attribution]] = field(default_factory=list)  # absolute
    outside: Attribution = NARRATION

    def attribute(self, offset: int) -> Attribution:
        """The attribution of a number starting at absolute `offset`."""
        for start, end, attribution in self.spans:
            if start <= offset < end:
                return attribution
        return self.outside


@dataclass
class Context:
    """What attribution knows about the whole text, and carries between sentences."""

    text: str
    entities: Entities
    quotes: Quotes
    quote_attributions: dict[int, Attribution] = field(default_factory=dict)
    last_quote: tuple[Quote, Attribution] | None = None
    # The speaker of the last reported-speech sentence, and where it was.
    last_reported: tuple[Entity, int] | None = None
    _speech_subjects: list[tuple[int, str]] | None = None
    sentence_start: int | None = None  # of the sentence being read

    @classmethod
    def of(cls, text: str, language: str, furniture=None) -> Context:
        """Read the entities and quotes of `text` once (`furniture(offset)`: a byline?)."""
        return cls(text, Entities(text, language, furniture), find_quotes(text))

    @property
    def speech_subjects(self) -> list[tuple[int, str]]:
        """Where every "X said" of an English text names its X, numbers or not: "It
        estimated …" goes on from the last of them. Read on first need (a pronoun)."""
        if self._speech_subjects is None:
            quoted = self.quotes.quotes
            self._speech_subjects = [
                (match.start("who"), match["who"]) for match in _SUBJECT_SAY.finditer(self.text)
                if match["who"].lower() not in _PRONOUNS_EN
                and not re.search(r"[.!?] |^(?:We|I|You)$", match["who"])
                and not any(q.inner_start <= match.start() < q.inner_end for q in quoted)
            ]  # fmt: skip
        return self._speech_subjects


# --- shared -------------------------------------------------------------------------------


# An unnamed speaker the text points at ("한 상인은", "김모(67)씨는", "one resident said"):
# their words are quoted verbatim, but the database must not invent who they are.
ANONYMOUS = Entity("", "person")


def _found(entity: Entity | None, rule: str, kind: str, confidence: float, span,
           quote: Quote | None = None) -> Attribution:  # fmt: skip
    """An attribution to `entity`, or to nobody."""
    if entity is ANONYMOUS:
        return Attribution(None, kind, 0.8, f"{rule} (an unnamed speaker)", span,
                           (quote.inner_start, quote.inner_end) if quote else None)  # fmt: skip
    return Attribution(
        entity.mention() if entity else None,
        kind,
        confidence if entity else min(confidence, 0.5),
        rule,
        span if entity else None,
        (quote.inner_start, quote.inner_end) if quote else None,
    )


def _paragraph_start(text: str, offset: int) -> int:
    return max(text.rfind("\n", 0, offset) + 1, 0)


def _paragraph_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end


# --- English ------------------------------------------------------------------------------

_SAY = (
    r"said|says|say|told|tells|(?:added|adds)(?=[ \u00a0]*(?:that\b|[,.:;\"“]|$))|noted|"
    r"notes|explained|stressed|wrote|writes|argued|"
    r"argues|warned|warns|predicted|predicts|recalled|insisted|remarked|replied|continued|"
    r"announced|announces|estimated|estimates|estimate|expects|expected|expect|forecast|"
    r"counted|tallied|"
    r"forecasts|"
    r"projected|projects|disclosed|revealed|found|"
    r"finds|reckons|believes|believe|stated|states|confirmed|confirms|sees|saw|see|reported|"
    r"reports|put|puts|calculated|calculates|puts|acknowledged|cautioned|"
    r"(?:admitted|conceded)(?=[ \u00a0]*(?:that\b|[,.:;\"“]|$))|"
    r"cautions|promised|promises|vowed|vows|guided|guides|indicated|indicates|suggested|"
    r"suggests|told reporters|asked for|argued for|called for|pressed for|pushed for|"
    # company guidance and forecasts it revises (not its dividend or its rates: those are acts)
    r"(?:raised|cut|lowered|kept|lifted|trimmed|revised|maintained|left|upgraded|downgraded|"
    r"held|reiterated|narrowed|widened) (?:its|her|his|their) (?:\w+ ){0,3}?"
    r"(?:forecast|forecasts|outlook|"
    r"guidance|estimate|estimates|projection|projections|target|targets|view)"
)
_SAY_ONLY = (
    r"said|says|told|added|noted|explained|stressed|wrote|argued|warned|recalled|insisted|"
    r"remarked|replied|continued|acknowledged|admitted|conceded|cautioned|asked|"
    r"announced|declared|observed|commented|joked|laughed|stated|reflected|predicted|"
    r"estimated|urged|pointed out|went on"
)
# Words between "the" and what describes an organisation: "the Seoul-based lender", "the
# state-run agency", "the FTSE 250 group".
_DESCRIPTION_MODIFIER = (
    r"(?: (?:[A-Z][\w]* )*[\w-]+-(?:based|run|owned)| [a-z]+(?:'s)?| [A-Z][A-Z&]+| \d{2,4})"
)
# One character of an aside between commas: no comma, quote mark, except inside a number
# ("Meridian, which employs about 41,000 crew members, said").
_ASIDE = r"(?:[^,“”\"]|(?<=\d),(?=\d{3}))"
# Words before a title: "NWS meteorologist", "deputy director", "Senior Vice President".
_ROLE_MODIFIERS_EN = (
    r"(?:(?:[A-Z][\w.&'’-]*|deputy|vice|assistant|associate|senior|acting|former|interim|"
    r"regional|junior|lead|principal) ){0,3}"
)
_WHO_EN = (
    # A word's start only (never "he" inside "the"); then "NWS meteorologist Aaron
    # Petrakis", "Opposition leader Cllr Tom Beddoes", a name, a pronoun or a description.
    rf"(?<![\w'’.-])(?:(?:{_ROLE_MODIFIERS_EN}(?i:{EN_ROLES}) (?={HONORIFIC_EN} |[A-Z][a-z]))?"
    rf"(?:the )?(?:{HONORIFIC_EN} )?[A-Z][\w'’&.-]*(?: (?:of |for |and |& |de )?"
    rf"(?:the )?[A-Z][\w'’&.-]*|, [A-Z][\w'’&.-]*(?= and [A-Z])){{0,6}}"
    rf"(?: \([A-Z][A-Za-z&]{{1,9}}\))?"
    rf"|[Hh]e|[Ss]he|[Tt]hey|[Ii]t"
    rf"|(?:[Tt]he|[Ii]ts|[Tt]heir){_DESCRIPTION_MODIFIER}{{0,3}} "
    rf"(?:{ORG_DESCRIPTORS_PLURAL_EN}|{ORG_DESCRIPTORS_EN}|spokesperson|spokesman|"
    rf"spokeswoman|official|officials)"
    rf"|[Aa] spokes(?:person|man|woman) for (?:the )?[A-Z][\w'’&.-]*(?: (?:of |for |and |& )?"
    rf"[A-Z][\w'’&.-]*){{0,6}}"
    # "an FSOA official", "a Westmoor Rail spokesperson": someone speaking for a named body
    rf"|[Aa]n? [A-Z][\w'’&.-]*(?: [A-Z][\w'’&.-]*){{0,4}} (?:official|spokesperson|spokesman|"
    rf"spokeswoman|representative|executive))"
)
# "X said", "X, the bank's governor, said", "X also said".
_SUBJECT_SAY = re.compile(
    rf"(?P<who>{_WHO_EN})"
    rf"(?P<aside>(?:, (?!and\b){_ASIDE}{{1,140}}){{1,2}},|(?<=[a-z]),(?= (?:had |has |also )?"
    rf"(?:said|says|told|added|argued|warned|noted|wrote|estimated|predicted)\b))? "
    rf"(?:also |had |has |"
    rf"have |"
    rf"now |previously |earlier |separately |further |last week |on \w+ |"
    # "Chief executive Yoo apologized at a news briefing and said …"
    rf"[a-z]+ed (?:[^,.;:“”\"]{{1,50}} )?and (?:also )?)?(?:{_SAY})\b"
)
# "…, said X." / "…,” said X."
_SAY_SUBJECT = re.compile(
    rf"(?:^|[,”\"’] |[,”\"’])(?:{_SAY_ONLY}) (?P<who>{_WHO_EN})(?=[,.;:!?]|$| \(| on | in )"
)
_ACCORDING_EN = re.compile(
    rf"[Aa]ccording to (?:(?:the |a |an |its |their )?(?:latest |new |official |preliminary |"
    rf"provisional |annual |monthly |quarterly |weekly )?(?:data|figures|statistics|estimates?|"
    rf"reports?|survey|surveys|statement|filing|analysis|research|study|tally|count|"
    rf"projections?|calculations?|numbers|records|forecasts?|poll|index) "
    rf"(?:(?:released|published|compiled|issued)(?: on)?(?: [A-Z][a-z]+day| this week| last "
    rf"week| today)? )?(?:from|by|of) )?"
    rf"(?:(?:a |an |the )?(?:[\w-]+ ){{1,5}}?(?:released|published|compiled|issued|provided|"
    rf"prepared|shared) by )?"
    rf"(?:(?:[a-z-]+ ){{0,3}}(?:data firm|researcher|tracker|firm|provider|group|consultancy|"
    rf"agency|company|bank|brokerage|broker|platform|portal|body|association|institute|"
    rf"partner|compiler|monitor|watchdog) )?"
    # "researchers at the University of Eastmoor": the body they work for
    rf"(?:(?:researchers|scientists|officials|analysts|economists|experts|staff) "
    rf"(?:at|from|with|of) (?:the )?(?=[A-Z]))?"
    # "the city's Office of Early Learning", "the state Elections Division"
    rf"(?:the (?:[a-z]+['’]s|state|city|county|federal|national|provincial|regional) (?=[A-Z]))?"
    # "their lawyer, Ben Adeyemi", "the organiser, the Portmere Road Runners Club"
    rf"(?:(?:the|their|its|his|her) [a-z-]+(?: [a-z-]+)?, (?:the )?(?=[A-Z]))?"
    # "district finance director Angela Ruiz": the title before the name
    rf"(?:(?:[a-z-]+ ){{0,3}}(?:director|officer|minister|secretary|spokesperson|spokesman|"
    rf"spokeswoman|analyst|economist|strategist|chief|head|manager|chair|chairman|chairwoman|"
    rf"commissioner|superintendent|treasurer|controller|auditor|official) (?=[A-Z]))?"
    rf"(?P<who>{_WHO_EN})"
)
# A consensus figure and who compiled it: "the 3.5 trillion won consensus compiled by
# data provider MarketLens".
_CONSENSUS_VERBS = ("compiled", "collected", "gathered", "polled", "tracked")
_CONSENSUS_BY = re.compile(
    rf"\b(?:the|a|an) [^,;“”\"]{{1,50}}? (?:consensus|average|median)(?: (?:forecast|estimate|"
    rf"view|expectation|projection))?s? (?:of (?:[a-z-]+ ){{1,3}})?(?:{'|'.join(_CONSENSUS_VERBS)})"
    rf" by (?:(?:[a-z-]+ ){{1,3}}(?=[A-Z]))?(?P<who>{_WHO_EN})"
)
_DATA_SHOWED = re.compile(
    rf"(?:(?i:data|figures|statistics|estimates|numbers|a survey|a report|a study|research|"
    rf"records) (?:released |published |compiled |issued )?(?:from|by) "
    rf"(?:(?:[a-z-]+ ){{1,3}}(?=[A-Z]))?(?P<who>{_WHO_EN})"
    # "data from X's transaction system showed": the system is X's
    rf"(?:(?<=['’]s)(?: [a-z-]+){{1,3}}?)?"
    rf"(?:,{_ASIDE}{{2,80}},)?{WHEN_SPOKEN_EN}? (?:showed|show|shows|found|finds|revealed|"
    rf"suggested|indicated)\b)"
    rf"|(?:(?P<owner>{_WHO_EN}|the (?:[a-z-]+ ){{0,2}}(?:{ORG_DESCRIPTORS_EN})|(?<!\w)Its)"
    rf"(?:['’]s?)? "
    rf"(?:own |latest |new |weekly |monthly |annual |"
    rf"quarterly |\d{{4}} )?(?:data|figures|statistics|survey|poll|report|estimates?|tally|count|"
    rf"index|records|analysis|study|investigation|review|inquiry|audit|minutes|tests|checks|"
    # "KOFIC's integrated box office system showed": figures from the body's own system
    rf"(?:[a-z-]+ ){{1,3}}(?:system|database|tracker))(?:,{_ASIDE}{{2,80}},)? (?:also )?"
    rf"(?:showed|show|shows|found|finds|revealed|suggested|indicated|counted|recorded|"
    rf"estimated|estimates)\b)"
    # "…, the figures showed": the figures of the body named before
    rf"|(?P<bare>\b[Tt]he (?:latest |official |new )?(?:data|figures|statistics|numbers) "
    rf"(?:also )?(?:showed|show|shows)\b)"
)
_UNNAMED_EN = re.compile(
    r"\b(?P<who>officials|analysts|economists|experts|organizers|organisers|authorities|"
    r"sources|executives|researchers|investors|observers|insiders|people familiar with the "
    r"(?:matter|plans|deal|talks)|critics|traders|forecasters|scientists|doctors|residents|"
    rf"local media|media reports|reports)(?:,{_ASIDE}{{2,80}},)? (?:also |have |had )?"
    r"(?:say|said|says|expect|expected|estimate|estimated|believe|predict|predicted|warn|"
    r"warned|told|reckon|fear|feared|noted|argue|argued|suggest|suggested)\b",
    re.IGNORECASE,
)
# One unnamed source: "a person familiar with the negotiations said", "one council aide,
# who asked not to be named, said", "a Whitcombe adviser … said".
_ONE_SOURCE_NOUNS = (
    r"person|people|source|sources|official|adviser|advisor|aide|executive|insider|employee|"
    r"spokesperson|diplomat|banker|staffer|lawyer|member|manager|negotiator|strategist|"
    r"commuter|resident|driver|worker|shopper|passenger|customer|trader|investor|patient|"
    r"parent|mother|father|nurse|doctor|teacher|student|farmer|owner|fan|voter|user|tenant|"
    r"victim|survivor|relative|neighbou?r|homeowner|retiree|pensioner|villager|witness|"
    r"motorist|shopkeeper|local"
)
# A sentence whose subject is someone unnamed: "One commuter from Holloway Cross, who …".
_ONE_SOURCE_SUBJECT = re.compile(
    rf"(?:[Aa]n?|[Oo]ne|[Aa]nother) (?:[\w'’-]+ ){{0,3}}?(?:{_ONE_SOURCE_NOUNS})\b"
)
_ONE_SOURCE_EN = re.compile(
    rf"\b(?:[Aa]n?|[Oo]ne|[Aa]nother) (?:[\w'’-]+ ){{0,3}}?(?:{_ONE_SOURCE_NOUNS})\b"
    r"(?: (?:familiar with|close to|involved in|"
    r"briefed on|with knowledge of|on|at|from|in|of|who) [^,.;]{2,60})?(?:, [^,]{2,100},)? "
    r"(?:also |had |has )?"
    r"(?:said|says|told|added)\b"
)
_REPORTEDLY = re.compile(r"\b(?:reportedly|is said to|was said to|are said to|were said to)\b")
_NOT_WHO = frozenset(
    "The A An In On At It Its This That These Those But And Yet So If When While After Before "
    "Since Last Next Over Under About Sales Revenue Profit Shares Exports Imports Prices "
    "Officials Analysts Economists Experts Organizers Organisers Authorities Police Sources "
    "Executives Researchers Investors Observers Critics Traders Forecasters Scientists "
    "Doctors Residents There Here What Who Which Where Why How Nobody Everyone Someone "
    "Many Most Some Few Both All None Each Every One Two Three Four Five".split()
)


def read_english(sentence: str, base: int, context: Context) -> Reading:
    """Attribute the numbers of one English sentence (offsets in `Reading` are absolute)."""
    reading = Reading()
    context.sentence_start = base
    dateline = _DATELINE_EN.match(sentence)
    if dateline:  # "SEOUL, Nov. 13 (Agency) - ": furniture, never a speaker
        sentence = " " * dateline.end() + sentence[dateline.end() :]
    text = context.text
    end = base + len(sentence)
    for quote in _quotes_touching(context, base, end):
        attribution = _english_quote(quote, context)
        if attribution is not None:
            reading.spans.append((quote.inner_start, quote.inner_end, attribution))
    outside = _blank(sentence, base, reading.spans)
    quoted = bool(reading.spans)
    found = _english_outside(outside, base, context, reading)
    if found.speaker is not None and found.evidence is not None:
        _figures_quoted_in_reported_speech(reading, found, context, base, end)
        _quotes_inside_reported_speech(reading, found, context)
    if quoted and found.kind != "according_to" and found.speaker is None:
        return reading  # beside a speaker's quote, the reporter's own words are narration
    if quoted and found.rule == "reported speech: said X" and found.evidence is not None:
        # "…by Saturday, said NWS meteorologist Aaron Petrakis, and “…”": what comes before
        # the verb is his; "said Jane Doe, who joined the firm in 2019" describes her.
        reading.spans.append((found.evidence[1], end, NARRATION))
    # "X said 3,000 people came, “…”": the words outside the quote are reported speech.
    reading.outside = found
    del text
    return reading


def _trailing_comment(outside: str, base: int, reading: Reading) -> None:
    """ "…rose 0.9 percent in September, the fastest monthly gain in 14 months": the
    reporter's closing comment on a reported figure is narration (LABELLING.md §7)."""
    comment = _TRAILING_COMMENT.search(outside)
    if comment:
        reading.spans.append((base + comment.start(), base + comment.end(), NARRATION))


def _figures_quoted_in_reported_speech(reading, found, context, start, end) -> None:
    """ "Halvorsen said the city was “already $9 million short”": a short quoted fragment
    is a term or a title unless it holds a figure inside the speaker's reported speech;
    then it is the speaker's own words, a direct quote."""
    taken = {span[0] for span in reading.spans}
    for quote in _quotes_touching(context, start, end):
        if quote.inner_start in taken or quote.start < found.evidence[1]:
            continue
        if not any(ch.isdigit() for ch in quote.words(context.text)):
            continue
        own = Attribution(found.speaker, "direct_quote", 0.85,
                          "quote: a figure quoted in X's reported speech", found.evidence,
                          (quote.inner_start, quote.inner_end))  # fmt: skip
        reading.spans.append((quote.inner_start, quote.inner_end, own))


def _quotes_inside_reported_speech(reading: Reading, found: Attribution, context: Context):
    """ "The utility … warned that some lines “could take 10 to 14 days”": a quoted
    fragment inside a sentence whose subject speaks belongs to that subject, not to
    whoever spoke last (a continuation is only a guess, so the sentence's verb wins)."""
    for index, (start, end, attribution) in enumerate(reading.spans):
        if attribution.confidence >= 0.8 or found.evidence[0] > start:
            continue
        own = Attribution(found.speaker, "direct_quote", 0.85,
                          "quote: inside the reported speech of X", found.evidence,
                          attribution.quote)  # fmt: skip
        reading.spans[index] = (start, end, own)
        quote = next((q for q in context.quotes.quotes if q.inner_start == start), None)
        if quote is not None:
            context.quote_attributions[quote.start] = own
            context.last_quote = (quote, own)


def _quotes_touching(context: Context, start: int, end: int) -> list[Quote]:
    """Quotes whose words overlap `[start, end)`."""
    return [q for q in context.quotes.quotes if q.inner_start < end and start < q.inner_end]


def _blank(sentence: str, base: int, spans) -> str:
    """The sentence with quoted words blanked out, offsets unchanged."""
    chars = list(sentence)
    for start, end, _ in spans:
        for index in range(max(start, base), min(end, base + len(sentence))):
            if not chars[index - base].isspace():
                chars[index - base] = " "
    return "".join(chars)


def _is_speech_en(quote: Quote, text: str) -> bool:
    """Quoted speech, not a quoted term or title: several words, or closing punctuation."""
    words = quote.words(text)
    if len(words.split()) > 4 or not quote.closed:
        return True
    return words.rstrip()[-1:] in (",", ".", "!", "?")


def _english_quote(quote: Quote, context: Context) -> Attribution | None:
    """Who speaks a quote: the verb after it, the verb before it, or the last speaker."""
    key = quote.start
    if key in context.quote_attributions:
        return context.quote_attributions[key]
    text = context.text
    if not _is_speech_en(quote, text):
        return None
    attribution = _english_quote_speaker(quote, context)
    context.quote_attributions[key] = attribution
    if attribution.speaker is not None:
        context.last_quote = (quote, attribution)
    return attribution


def _english_quote_speaker(quote: Quote, context: Context) -> Attribution:
    text = context.text
    entities = context.entities
    paragraph_end = _paragraph_end(text, quote.end)
    after = text[quote.end : min(paragraph_end, quote.end + 160)]
    if _SAID_UNNAMED_AFTER.match(after):
        return _found(ANONYMOUS, "quote: said an unnamed speaker", "direct_quote", 0.8, None, quote)
    inverted = (
        _SAID_ROLE_THEN_NAME.match(after)
        or _ROLE_NAME_THEN_SAID.match(after)
        or _INVERTED_AFTER.match(after)
    )
    if inverted:
        who = _resolve_english(inverted["who"], quote.end + inverted.start("who"), context)
        if who is not None:
            span = (quote.end + inverted.start("who"), quote.end + inverted.end("who"))
            return _found(who, "quote: said X after the quote", "direct_quote", 0.95, span, quote)
    direct = _X_SAID_AFTER.match(after)
    if direct:
        who = _resolve_english(direct["who"], quote.end + direct.start("who"), context)
        if who is not None:
            span = (quote.end + direct.start("who"), quote.end + direct.end("who"))
            return _found(who, "quote: X said after the quote", "direct_quote", 0.95, span, quote)
    paragraph_start = _paragraph_start(text, quote.start)
    lead = text[paragraph_start : quote.start]
    lead = (
        lead[max(lead.rfind("."), lead.rfind("”"), lead.rfind('"'), -1) + 1 :]
        if not re.search(r"[:,]\s*$", lead)
        else lead
    )
    for pattern, rule in ((_X_SAID_BEFORE, "quote: X said before the quote"),
                          (_SAID_X_BEFORE, "quote: said X before the quote")):  # fmt: skip
        before = pattern.search(lead)
        if before:
            at = quote.start - len(lead) + before.start("who")
            who = _resolve_english(before["who"], at, context)
            if who is not None:
                span = (at, at + len(before["who"]))
                return _found(who, rule, "direct_quote", 0.9, span, quote)
    if _ONE_SOURCE_SUBJECT.match(lead.lstrip()):
        # "One commuter, who asked not to be named, was less impressed: “…”": unnamed
        return _found(ANONYMOUS, "quote: an unnamed speaker", "direct_quote", 0.8, None, quote)
    # No verb of its own: the words continue the last speaker's, or the person just named.
    previous = context.last_quote
    gap = text[previous[0].end : quote.start] if previous else ""
    if previous and len(gap) < 600 and not _names_new_person(gap, context, previous[1]):
        _, attribution = previous
        return Attribution(attribution.speaker, "direct_quote", 0.75,
                           "quote: continues the last speaker", attribution.evidence,
                           (quote.inner_start, quote.inner_end))  # fmt: skip
    named = entities.last(quote.start, "person")
    if named is not None and quote.start - paragraph_start < 400:
        return _found(named, "quote: the person last named", "direct_quote", 0.6, None, quote)
    return Attribution(None, "direct_quote", 0.3, "quote: no speaker found", None,
                       (quote.inner_start, quote.inner_end))  # fmt: skip


def _names_new_person(gap: str, context: Context, previous: Attribution) -> bool:
    """True when the text between two quotes introduces someone else who may speak."""
    for match in re.finditer(PERSON_NAME_EN, gap):
        entity = context.entities.named(match.group())
        if (
            entity is not None
            and entity.kind == "person"
            and (previous.speaker is None or entity.name != previous.speaker.name)
        ):
            return True
    return False


def _english_outside(outside: str, base: int, context: Context, reading: Reading) -> Attribution:
    """The attribution of numbers outside quotes: according to, reported speech, narration."""
    # A plain word test first: the pattern would be tried on every sentence otherwise.
    for consensus in (
        _CONSENSUS_BY.finditer(outside) if any(w in outside for w in _CONSENSUS_VERBS) else ()
    ):
        # "beating the 17.9 trillion won consensus compiled by FnView": that figure is
        # the compiler's, whoever speaks for the rest of the sentence
        who = _resolve_english(consensus["who"], base + consensus.start("who"), context)
        if who is not None:
            span = (base + consensus.start("who"), base + consensus.end("who"))
            found = _found(who, "consensus compiled by X", "according_to", 0.85, span)
            reading.spans.append((base + consensus.start(), base + consensus.end(), found))
    if not _ANY_SOURCE_WORD.search(outside):
        return NARRATION  # no verb of saying, no "according to": the reporter's own words
    according = _ACCORDING_EN.search(outside) or None
    if according:
        who = _resolve_english(according["who"], base + according.start("who"), context)
        span = (base + according.start("who"), base + according.end("who"))
        relative = _WHICH_AFTER.match(outside, according.end("who"))
        if relative:  # "according to Basketwise, which tracks 27,500 households": its aside
            reading.spans.append((base + relative.start(), base + relative.end(), NARRATION))
        _trailing_comment(outside, base, reading)
        return _found(who, "according to X", "according_to", 0.9, span)
    shown = _DATA_SHOWED.search(outside)
    speech = _SUBJECT_SAY.search(outside)
    if shown and speech and speech.end() <= shown.start() and speech["who"].lower() != "it":
        shown = None  # "Kwon also said the bank's own survey showed …": Kwon's words
    if shown:
        group = "who" if shown["who"] else "owner" if shown["owner"] else "bare"
        if group == "bare":
            who = context.entities.last(base + shown.start(), "organization")
        else:
            who = _resolve_english(shown[group], base + shown.start(group), context)
        if who is not None:
            connective = _CONNECTIVE_BEFORE.search(outside, 0, shown.start())
            if connective:  # "… cutting prices on 1,200 products, as data from X showed …"
                reading.spans.append((base, base + connective.start(), NARRATION))
            span = (base + shown.start(group), base + shown.end(group))
            _trailing_comment(outside, base, reading)
            return _found(who, "figures from X showed", "according_to", 0.85, span)
    one_source = _ONE_SOURCE_EN.search(outside)
    candidates = []
    for match in _SUBJECT_SAY.finditer(outside):
        candidates.append((match.start("who"), match["who"], match, "X said"))
    for match in _SAY_SUBJECT.finditer(outside):
        candidates.append((match.start("who"), match["who"], match, "said X"))
    for offset, phrase, match, rule in sorted(candidates, key=lambda item: item[0]):
        if one_source is not None and one_source.start() < offset:
            break  # "An official on the fund's committee, who …, said": the source is unnamed
        if rule == "X said" and match["aside"] == "," and not outside[:offset].endswith(", "):
            continue  # "by Saturday, said X": only a name in apposition takes a bare comma
        if rule == "X said" and (
            re.fullmatch(r"\s*(?:In|At|Near|Outside|Across)\s", outside[:offset])
            or re.match(r"(?:In|At|Near|Outside|Across) ", phrase)
        ):
            continue  # "In Myeong-dong, a shop manager … said": a place, not the speaker
        who = _resolve_english(phrase, base + offset, context)
        if who is None and not (
            _DESCRIBED.fullmatch(phrase.strip()) or phrase.strip().lower() in ("it", "they")
        ):
            continue
        if match.groupdict().get("aside"):
            # "X, who has run an agency for 17 years, said …": the aside is narration.
            reading.spans.append((base + match.start("aside"), base + match.end("aside"),
                                  NARRATION))  # fmt: skip
        if rule == "X said" and _AFTER_CONNECTIVE.search(outside[:offset]):
            # "Shares fell 23p after the group said …": the report starts at its verb.
            reading.spans.append((base, base + offset, NARRATION))
        if who is None:
            # "The startup said …" with no startup named: reported, speaker unknown
            return Attribution(None, "indirect_quote", 0.5, f"reported speech: {rule}")
        context.entities.note(who, base + offset)
        span = (base + offset, base + offset + len(phrase))
        frame = _SPEECH_FRAME.match(outside, match.end()) if rule == "X said" else None
        if frame:  # "said in a 38-page ruling that …": where it was said is narration
            reading.spans.append((base + frame.start(), base + frame.end("frame"), NARRATION))
        _trailing_comment(outside, base, reading)
        return _found(who, f"reported speech: {rule}", "indirect_quote", 0.85, span)
    owned = _OWNED_SOURCE.search(outside)
    if owned:
        group = next(g for g in ("desc", "desc2", "team", "org", "org2", "its") if owned[g])
        if group == "its":
            who = context.entities.last(base + owned.start(), "organization")
        elif group in ("desc", "desc2", "team"):
            noun = "researchers" if group == "team" else owned[group]
            who = context.entities.described(noun, base + owned.start())
        elif " " in owned[group] or context.entities.named(owned[group]) is not None:
            who = _resolve_english(owned[group], base + owned.start(group), context)
        else:
            who = None  # "Industry officials": a capitalised common noun, nobody named
        if who is not None:
            clause = list(re.finditer(r", (?:and|but|while) |; ", outside[: owned.start()]))
            if clause:  # "The Bank cut rates by 25 basis points, and its forecasters expect"
                reading.spans.append((base, base + clause[-1].end(), NARRATION))
            span = (base + owned.start(group), base + owned.end(group))
            return _found(who, "reported speech: officials of X said", "indirect_quote", 0.8, span)
    unnamed = _UNNAMED_EN.search(outside) or one_source
    if unnamed or _REPORTEDLY.search(outside):
        return Attribution(None, "indirect_quote", 0.6, "reported speech: unnamed source")
    return NARRATION


# Where something was said, between the verb and what was said: "said in a 38-page
# ruling that", "said at a briefing for 200 investors that".
_SPEECH_FRAME = re.compile(r"(?P<frame> (?:in|at|during|on|before) [^,;“”\"]{1,80}?) that\b")


# "county officials said", "Carrow County officials said", "officials at the ministry said",
# "the researchers said": unnamed people who speak for an organisation the text names
# (LABELLING.md section 7), so the organisation is the speaker.
_SPOKESPEOPLE = (
    r"officials|authorities|spokespeople|executives|researchers|scientists|staff|"
    r"investigators|prosecutors|engineers|forecasters|team|research team|spokesperson|"
    r"spokesman|spokeswoman|representative|official"
)
_OWNED_SOURCE = re.compile(
    rf"(?:\b(?:the |The |an? |An? )?"
    rf"(?P<org>(?!(?:The|A|An|Its|Their) )[A-Z][\w&'’.-]*(?: (?:of |for |and |& )?"
    rf"[A-Z][\w&'’.-]*){{0,5}}|"
    rf"(?P<desc>county|city|state|town|council|company|club|school|hospital|university|"
    rf"ministry|police|court|agency|bank|museum))(?:['’]s)? (?:{_SPOKESPEOPLE})"
    rf"|\b(?:[Tt]he )?(?:{_SPOKESPEOPLE}) (?:at|from|of|for) (?:the )?"
    rf"(?:(?P<org2>[A-Z][\w&'’.-]*(?: (?:of |for |and |& )?[A-Z][\w&'’.-]*){{0,5}})"
    rf"|(?P<desc2>association|company|ministry|agency|bank|union|council|club|federation|"
    rf"regulator|commission|institute|university|group))"
    rf"|\b[Tt]he (?P<team>researchers|scientists|research team|archaeologists|study|report)"
    # "Its investigators found": the people of the body the sentence before named
    rf"|\b(?P<its>Its|Their) (?:{_SPOKESPEOPLE}|investigators|inspectors|auditors))"
    rf"(?:,{_ASIDE}{{2,80}},)? (?:also |have |had )?(?:{_SAY})\b"
)
# A cheap first look: every source pattern below needs one of these words.
_ANY_SOURCE_WORD = re.compile(
    rf"\b(?:{_SAY}|{_SAY_ONLY}|[Aa]ccording|showed|show|shows|found|finds|revealed|suggested|"
    rf"indicated|reportedly|said to)\b"
)
# ", the fastest monthly gain in 14 months" closing a sentence: a comment on the figure.
_TRAILING_COMMENT = re.compile(
    r",[ \u00a0](?:the|a|an|its|their)[ \u00a0](?:[\w-]+[ \u00a0]){0,2}?(?:fastest|slowest|"
    r"biggest|largest|smallest|highest|lowest|first|most|least|steepest|sharpest|strongest|"
    r"weakest|longest|best|worst|consecutive|straight|successive)\b[^,;]*"
    # at the sentence's end, or before the source it goes on to name (", figures … showed")
    r"(?:[.!?]?\s*$|(?=,))"
)
# ", which tracks …" after a source's name: a description of the source, not its claim.
_WHICH_AFTER = re.compile(r",[ \u00a0](?:which|who)\b[^,;]*")
# A subordinate clause that carries the source: ", as data from X showed".
_CONNECTIVE_BEFORE = re.compile(
    r"(?:,[ \u00a0]|\b)(?:as|while|after|because|since|when)[ \u00a0](?=[^,]*$)"
)
# A wire dateline that opens a body sentence: "SEOUL, Nov. 13 (Agency) - ", "AUSTIN, Texas — ".
_DATELINE_EN = re.compile(
    r"[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?:, [A-Z][A-Za-z.]+(?: \d{1,2})?)*"
    r"(?: \([^)]{2,40}\))? [—–-] "
)
_AFTER_CONNECTIVE = re.compile(
    r"\d.*\b(?:after|as|while|because|when|since|before|though|although)(?: the)? ?$"
)
_DESCRIBED = re.compile(
    rf"(?:[Tt]he|[Ii]ts|[Tt]heir){_DESCRIPTION_MODIFIER}{{0,3}} "
    rf"(?P<noun>{ORG_DESCRIPTORS_PLURAL_EN}|{ORG_DESCRIPTORS_EN})"
)


_X_SAID_AFTER = re.compile(
    rf"[\s,]*(?P<who>{_WHO_EN})(?P<aside>, {_ASIDE}{{2,100}},)? (?:also |then |later )?"
    rf"(?:{_SAY_ONLY})\b"
)
_X_SAID_BEFORE = re.compile(
    rf"(?P<who>{_WHO_EN})(?P<aside>, [^“”\"]{{2,160}}?,)? (?:also |then |had |has |once )?"
    rf"(?:{_SAY_ONLY}|told [^:,“”\"]{{1,60}}|said in a statement|added in a statement|"
    rf"wrote in [^:,“”\"]{{1,60}}|said of [^:,“”\"]{{1,60}}|was quoted as saying|"
    rf"called (?:it|the \w+|them|this)|describ(?:ed|ing) (?:it|the \w+) as)"
    rf"(?: [^:“”\"]{{0,40}})?[,:]?\s*$",
)
_INVERTED_AFTER = re.compile(rf"[\s,]*(?:{_SAY_ONLY}) (?P<who>{_WHO_EN})")
# "…," said the trust's director, Priya Lal: the person named after the title; and
# "…," the centre's director, Ratna Sulistyowati, told reporters.
_OWNED_ROLE_EN = (
    rf"(?:the |its |their |his |her )?(?:[A-Za-z.&'’-]+['’]s )?{_ROLE_MODIFIERS_EN}"
    rf"(?i:{EN_ROLES}), (?:{HONORIFIC_EN} )?(?P<who>{PERSON_NAME_EN})"
)
_SAID_ROLE_THEN_NAME = re.compile(rf"[\s,]*(?:{_SAY_ONLY}) {_OWNED_ROLE_EN}")
_ROLE_NAME_THEN_SAID = re.compile(rf"[\s,]*{_OWNED_ROLE_EN},? (?:also |then )?(?:{_SAY_ONLY})\b")
# "…," said a farmer at a shelter: someone the story does not name.
_SAID_UNNAMED_AFTER = re.compile(
    r"[\s,]*(?:said|says|told|added) (?:a|an|one|another) (?:[\w'’-]+ ){0,2}?"
    rf"(?:{_ONE_SOURCE_NOUNS})\b"
)
_SAID_X_BEFORE = re.compile(rf"(?:{_SAY_ONLY}) (?P<who>{_WHO_EN})[,:]\s*$")
_TRAILING_ROLE = re.compile(rf",? (?:{EN_ROLES})$")
_LEADING_ROLE = re.compile(
    rf"^(?P<role>{_ROLE_MODIFIERS_EN}(?i:{EN_ROLES})) (?:{HONORIFIC_EN} )?"
    rf"(?P<name>[A-Z][a-z].*)$"
)


def _resolve_english(who: str, offset: int, context: Context) -> Entity | None:
    """Resolve "Smith", "Ms. Kim", "she", "the company", "the ONS" or a full name."""
    entities = context.entities
    who = re.sub(r" \([A-Z][A-Za-z&]{1,9}\)$", "", who.strip()).rstrip(".,;:")
    who = re.sub(rf"^{HONORIFIC_EN} (?=[A-Z])", "", who)
    spokes = re.match(r"[Aa] spokes(?:person|man|woman) for (?:the )?(?P<org>.+)$", who) or (
        re.fullmatch(
            r"[Aa]n? (?P<org>[A-Z].*?) (?:official|spokesperson|spokesman|spokeswoman|"
            r"representative|executive)",
            who,
        )  # fmt: skip
    )
    if spokes:
        who = spokes["org"]
    if who.lower() in _PRONOUNS_EN:
        kind = _PRONOUNS_EN[who.lower()]
        speaker = _last_speaker(context, offset, kind)
        return speaker or entities.last(offset, kind)
    described = _DESCRIBED.fullmatch(who)
    if described:
        spelled = entities.last(offset, "organization", lambda e: _spells_out(who, e.name))
        if spelled is not None:
            return spelled  # "the customs service": the Korea Customs Service named before
        subject = _sentence_subject(context, offset)
        if subject is not None and described["noun"].lower() not in ORG_DESCRIPTORS_PLURAL_EN:
            return subject  # "Gridlark … raised $48m in a round led by X, the company said"
        return entities.described(described["noun"], offset)
    who = re.sub(r"^(?:[Tt]he) (?=[A-Z])", "", who)
    who = _TRAILING_ROLE.sub("", who)
    affiliated = re.fullmatch(
        rf"(?:(?:[A-Z][\w.&'’-]* ){{0,3}}(?i:{EN_ROLES}) )?(?P<name>{PERSON_NAME_EN}) of (?:the )?"
        rf"(?P<org>[A-Z].+)",
        who,
    )
    if affiliated and not any(w in _ORG_HINTS for w in affiliated["name"].split()):
        # "Professor Rohan Mistry of the Easterhope Institute": the person, at the institute
        entities.add(Entity(affiliated["org"], "organization"), offset + affiliated.start("org"))
        return entities.add(Entity(affiliated["name"], "person", organization=affiliated["org"]),
                            offset)  # fmt: skip
    titled = _TITLED_KOREAN_NAME.fullmatch(who)
    if titled:  # "Vice Minister for Trade Ahn Seung-woo": the person, with the office as role
        return entities.add(Entity(titled["name"], "person", role=titled["role"]), offset)
    role_first = _LEADING_ROLE.match(who)
    if role_first:
        who = role_first["name"]  # "Governor Helen Marsh", "analyst Kim Min-ji"
    first, _, rest = who.partition(" ")
    if rest and first.lower() in DESCRIPTORS_EN:
        who = rest
    words = who.split()
    while words and words[0] in _NOT_WHO:
        words = words[1:]
    if not words:
        return None
    who = " ".join(words)
    known = entities.named(who, before=offset)
    if known is not None:
        return known
    if re.fullmatch(PERSON_NAME_EN, who) and not any(w in _ORG_HINTS for w in words):
        entity = Entity(who, "person")
    elif words[0][0].isupper():
        entity = Entity(who, "organization")
    else:
        return None
    return entities.add(entity, offset)


def _spells_out(description: str, name: str) -> bool:
    """Whether an organisation's name holds every word of a description after its article
    ("the customs service" and "Korea Customs Service"; not "the company")."""
    words = description.lower().split()[1:]
    named = {w.lower() for w in name.split()}
    return len(words) >= 2 and all(w in named for w in words)


# An office written before a romanised Korean name, the office's department included.
_TITLED_KOREAN_NAME = re.compile(
    r"(?P<role>(?:[A-Z][\w.-]* ){0,2}(?:Minister|Secretary|Governor|Director|Commissioner|"
    r"Chairman|Chairwoman|Chair|President|Mayor|Administrator|Chief)"
    r"(?: (?:of|for) (?:the )?(?:[A-Z][\w-]*)(?: (?:and )?[A-Z][\w-]*)*?)?) "
    r"(?P<name>[A-Z][a-z]{1,4} [A-Z][a-z]+-[a-z]+)"
)


def _sentence_subject(context: Context, offset: int) -> Entity | None:
    """The organisation that opens the sentence holding `offset`, if one does.

    "the company" at the end of a sentence refers to the sentence's own subject, not
    to the company named last (often an object: "led by Northpine Ventures").
    """
    start = context.sentence_start
    if start is None or start > offset:
        return None
    opening = context.text[start : min(offset, start + 80)]
    opening = re.sub(r"^[A-Z][A-Z.' -]+(?:, [A-Z][A-Za-z.]+)*(?: \([^)]*\))? [—–-] ", "", opening)
    first = re.match(r"(?:The )?([A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,4})", opening)
    if first is None:
        return None
    entity = context.entities.named(first.group(1), before=offset)
    return entity if entity is not None and entity.kind == "organization" else None


_PRONOUNS_EN = {"he": "person", "she": "person", "it": "organization", "they": "organization",
                "its": "organization"}  # fmt: skip


def _last_speaker(context: Context, offset: int, kind: str) -> Entity | None:
    """The subject of the last "X said" in the same paragraph, if it is of `kind`.

    "Historic England said …. It estimated …": a pronoun after a speaker goes on
    with that speaker, even when others were named in what they said.
    """
    paragraph = _paragraph_start(context.text, offset)
    for at, phrase in reversed(context.speech_subjects):
        if at >= offset:
            continue
        if at < paragraph or offset - at > 400:
            return None
        entity = _resolve_english(phrase, at, context)
        if entity is None:
            return None
        named = context.entities.last_mention(offset, kind)
        if (
            named is not None
            and named[0] != entity
            and named[1] > at
            and re.search(r"[.!?][\"”’]?\s+[A-Z\"“]", context.text[at : named[1]])
        ):
            return None  # "… Tom Hale, an analyst, was less sure. “…,” he said": a new person
        unmarked = not (entity.role or entity.organization)
        if entity.kind != kind and kind == "organization" and unmarked:
            return Entity(entity.name, "organization")  # "Historic England … It": not a person
        return entity if entity.kind == kind else None
    return None


# A word that makes a name-shaped phrase an organisation ("Ohio Department of Health").
_ORG_HINTS = ORG_WORDS_EN


# --- Korean -------------------------------------------------------------------------------

_KO_SPEECH_AFTER_QUOTE = re.compile(
    r"[\s\u00a0]*(?:이)?라(?:고|며|면서|는 (?:입장|설명|말|주장|의견))|[\s\u00a0]*(?:고도?|며)[\s,]"
    r"|[\s\u00a0]*(?:하고|면서)[\s,]"
)
_KO_TERM_AFTER_QUOTE = re.compile(r"[\s\u00a0]*(?:이)?(?:라는|란\s|라고\s+(?:불|부르|이름|명명))")
_KO_INDIRECT = re.compile(
    r"(?:[다라냐자까]|이다)고(?:도)?\s+(?:\S+\s+){0,3}?(?:말했|밝혔|설명했|강조했|전했|덧붙였|"
    r"주장했|내다봤|전망했|예상했|언급했|발표했|공시했|지적했|보고했|답했|추산했|추정했|분석했|"
    r"예측했|집계했|진단했|평가했|우려했|경고했|알렸|털어놨|밝힌|말한|예보했|관측했|예고했|"
    r"촉구했|당부했|시사했|자신했|장담했|약속했|공언했|보도했|"
    r"말한다|밝힌다|설명한다|전망한다|예상한다|강조한다|본다|봤다|보고\s있다)"
    r"|(?:[다라]|이라)며\s"
    r"|것으로\s+(?:\S+\s+)?(?:전망했|예상했|내다봤|내다본다|추산했|추정했|분석했|예측했|보고\s있다|예보했|"
    r"기대하고\s있다|기대했|예상하고\s있다|전망하고\s있다|"
    r"전망한다|예상한다|집계했|나타났다고|파악했)"
)
_KO_ANNOUNCE = re.compile(
    r"(?:을|를)\s+(?:\S+\s+)?(?:내놨|내놓았|공개했|발표했|밝혔|공시했|제시했|확정했|예고했|"
    r"전망했|예상했|제출했|보고했|구형했|요청했|요구했|제안했|예보했)"
    # "전망치를 1.6%에서 1.8%로 올렸다": an organisation revising its own forecast
    r"|(?:전망치|전망|목표치|예상치|추정치|가이던스|성장률 전망|목표주가|목표 주가|투자의견)"
    r"(?:를|을|는|은)\s+(?:\S+\s+){0,4}?"
    r"(?:올렸|내렸|낮췄|높였|유지했|제시했|잡았|하향|상향|조정했|내놨|올려 잡았|낮춰 잡았)"
    r"|(?:로|으로)\s+(?:내다봤|전망했|예상했|추산했|추정했|예측했|봤다)"
)
_KO_ACCORDING = re.compile(
    r"(?P<source>[^\s,]+(?:\s[^\s,]+){0,6}?)(?:에|의)\s(?:따르면|따른\s|의하면)"
    r"|(?P<seen>[^\s,]+(?:\s[^\s,]+){0,4}?)(?:을|를)\s보면"
    r"|(?P<tally>[^\s,]+(?:\s[^\s,]+){0,3}?)\s(?:집계|조사|분석|통계|자료)\s?"
    r"(?:결과|를\s보면|에서|(?:으)?로는)"
    r"|(?P<surveyed>[^\s,]+?)(?:가|이)\s(?:(?:[^\s]+\s){0,8}?(?:조사|집계|분석|설문)한\s결과"
    # "X이 … 1004명을 대상으로 실시한 조사 결과": the survey's sponsor and sample between
    r"|(?:[^\s]+\s){0,12}?실시한\s(?:설문\s?)?조사(?:에서|\s결과))"
)
# `_KO_ACCORDING` tries its lazy word runs from every position of a sentence, a quarter
# of a millisecond each time; every match holds one of these words, and a sentence with
# none of them (nine in ten) is not searched.
_KO_ACCORDING_WORDS = ("따르면", "따른", "의하면", "보면", "결과")
_KO_TALLY_SITE = re.compile(r"(?:집계|조사|분석|통계|자료)\s?(?:에서|(?:으)?로는)")


def _may_say_according(outside: str) -> bool:
    """Whether `_KO_ACCORDING` can match: it needs a word of `_KO_ACCORDING_WORDS` or a
    tally's 에서 (a cheap test)."""
    return any(word in outside for word in _KO_ACCORDING_WORDS) or (
        ("에서" in outside or "로는" in outside) and _KO_TALLY_SITE.search(outside) is not None
    )


_REPORT_NOUNS = ("자료", "집계", "조사", "발표", "보고서", "통계", "분석", "설명", "전망", "추산",
                 "보도", "공시", "결과", "동향", "현황")  # fmt: skip
_NOT_SPEAKER_WORDS = frozenset(
    "이날 전날 지난달 올해 지난해 특히 한편 또한 이번 당시 최근 다만 이어 또 앞서 이에 "
    "그러나 하지만 그러면서 아울러 나아가 실제로 현재".split()
)
_KO_CONTINUATION = re.compile(
    r"^\s*(?:이어|또|또한|그러면서|아울러|이와 함께|그는|그녀는|그러나 그는)\b"
)


def read_korean(sentence: str, base: int, context: Context) -> Reading:
    """Attribute the numbers of one Korean sentence (offsets in `Reading` are absolute)."""
    reading = Reading()
    text = context.text
    end = base + len(sentence)
    quotes = [q for q in _quotes_touching(context, base, end) if _is_korean_speech(q, text)]
    if quotes:
        for quote in quotes:
            attribution = context.quote_attributions.get(quote.start)
            if attribution is None:
                attribution = _korean_quote(quote, sentence, base, context)
                context.quote_attributions[quote.start] = attribution
                if attribution.speaker is not None:
                    context.last_quote = (quote, attribution)
                    speaker = context.entities.named(attribution.speaker.name)
                    if speaker is not None:  # a dropped subject next goes on with them
                        context.last_reported = (speaker, base)
            reading.spans.append((quote.inner_start, quote.inner_end, attribution))
        _speech_after_quotes(reading, sentence, base, quotes)
        return reading
    outside = _blank(sentence, base, [(q.inner_start, q.inner_end, None) for q in
                                      _quotes_touching(context, base, end)])  # fmt: skip
    according = _KO_ACCORDING.search(outside) if _may_say_according(outside) else None
    if according:
        group = next(g for g in ("source", "seen", "tally", "surveyed") if according[g])
        source = _korean_source(according[group], base + according.start(group), context)
        span = (base + according.start(group), base + according.end(group))
        reading.outside = _found(source, "X에 따르면", "according_to", 0.85, span)
        return reading
    markers = [*_KO_INDIRECT.finditer(outside), *_KO_ANNOUNCE.finditer(outside)]
    if markers:
        first = min(marker.start() for marker in markers)
        found = _korean_subject(outside, base, context, before=first)
        if found is not None:
            speaker, span = found
            reading.outside = _found(speaker, "reported speech: X는 …고 밝혔다", "indirect_quote",
                                     0.8, span)  # fmt: skip
            context.entities.note(speaker, span[0])
        elif _has_subject(outside, before=first):
            # "전문가들은 …라고 내다봤다": reported speech of an unnamed source
            reading.outside = Attribution(None, "indirect_quote", 0.6,
                                          "reported speech: unnamed source")  # fmt: skip
        elif context.last_reported is not None and base - context.last_reported[1] < 400:
            # No subject: Korean drops the one the last sentence named ("…로 내다봤다").
            speaker = context.last_reported[0]
            reading.outside = _found(speaker, "reported speech: subject of the last sentence",
                                     "indirect_quote", 0.6, None)  # fmt: skip
        if reading.outside.speaker is not None and found is not None:
            context.last_reported = (found[0], base)
        last = max(marker.end() for marker in markers)
        if last < len(outside) - 2:
            reading.spans.append((base + last, end, NARRATION))
    return reading


def _speech_after_quotes(reading: Reading, sentence: str, base: int, quotes) -> None:
    """ "…"이라며 목표주가를 5만5000원으로 올렸다": after the quote, the same speaker goes
    on in reported speech; numbers there are theirs, not the reporter's."""
    last = max(quotes, key=lambda q: q.end)
    attribution = next((a for s, _, a in reading.spans if s == last.inner_start), None)
    if attribution is None or attribution.speaker is None:
        return
    after = _blank(sentence, base, [(q.inner_start, q.inner_end, None) for q in quotes])
    tail = after[last.end - base :]
    if _KO_ANNOUNCE.search(tail) or _KO_INDIRECT.search(tail):
        # only what follows the last quote: words between two quotes are the reporter's
        reported = Attribution(attribution.speaker, "indirect_quote", 0.8,
                               "reported speech: X는 “…”라며 …", attribution.evidence)  # fmt: skip
        reading.spans.append((last.end, base + len(sentence), reported))


def _is_korean_speech(quote: Quote, text: str) -> bool:
    """A quote followed by 라고/라며 (speech), not by 라는/란 (a name or a term)."""
    after = text[quote.end : quote.end + 20]
    if _KO_TERM_AFTER_QUOTE.match(after):
        return False
    if _KO_SPEECH_AFTER_QUOTE.match(after) or _KO_QUOTED_OBJECT.match(after):
        return True
    if _headline_quote(quote, text):
        return True
    if not quote.closed:
        return True
    words = quote.words(text)
    if quote.start == _paragraph_start(text, quote.start) and len(words) > 8:
        return True  # a paragraph that is one quote: the last speaker goes on
    tail = text[quote.end : _paragraph_end(text, quote.end)].strip(" .\u00a0")
    return not tail and len(words) > 12


# "“…”을 제시했다": quoted words presented by their speaker.
_KO_QUOTED_OBJECT = re.compile(
    r"[\s\u00a0]*(?:을|를)\s(?:\S+\s)?(?:제시했|밝혔|강조했|내걸었|선언했|약속했|공언했|"
    r"다짐했|호소했|예고했|언급했|발표했)"
)
# A headline quote: '한빛전자 "내년 설비투자 3조"', '김 대표, "매출 두 배로"'.
_HEADLINE_SPEAKER = re.compile(r"(?P<who>[가-힣A-Za-z0-9·&]{2,20}(?: [가-힣A-Za-z]{1,6})?),?\s?$")


_PLACE_KO = re.compile(r"[가-힣]{1,8}(?:특별시|광역시|시|군|구|도)")
_HEADLINE_SUBJECT = re.compile(r"(?P<who>[가-힣A-Za-z0-9·&]{2,20}),\s")


def _headline_quote(quote: Quote, text: str) -> re.Match | None:
    """A quote on a short headline or subhead line, right after the name of who said it."""
    line_start = _paragraph_start(text, quote.start)
    line = text[line_start : _paragraph_end(text, quote.start)]
    first = len(text) - len(text.lstrip())
    if "\n\n" in text[first:line_start] or len(line) > 120:
        return None  # only the headline and subheads: the article's first block of lines
    if re.search(r"[.!?]\s*$", line):
        return None  # a sentence of prose, not a headline
    before = re.split(r"[…·]|\.{3}", text[line_start : quote.start])[-1]
    found = _HEADLINE_SPEAKER.search(before)
    if found is None:
        # '해담중공업, LNG선 6척 수주…"목표 80% 돌파"': the subject opens the headline
        found = _HEADLINE_SUBJECT.match(text, line_start, quote.start)
    return found


def _korean_quote(quote: Quote, sentence: str, base: int, context: Context) -> Attribution:
    """Who speaks a Korean quote: the subject before it or after it, or the last speaker."""
    text = context.text
    start_in = max(quote.start - base, 0)
    found = _korean_subject(sentence, base, context, before=start_in)
    if found is None and quote.end - base < len(sentence):
        found = _korean_subject(sentence, base, context, after=quote.end - base)
    if found is not None:
        speaker, span = found
        context.entities.note(speaker, span[0])
        return _found(speaker, "quote: X는 “…”라고 말했다", "direct_quote", 0.9, span, quote)
    headline = _headline_quote(quote, text)
    if headline is not None:
        phrase = headline["who"]
        offset = text.rfind(phrase, 0, quote.start)
        speaker = _korean_speaker(phrase, offset, context, proper=True)
        if speaker is not None:
            span = (offset, offset + len(phrase))
            return _found(speaker, "headline: X “…”", "direct_quote", 0.8, span, quote)
    lead = text[_sentence_lead(text, quote.start, base) : quote.start]
    if _KO_CONTINUATION.search(lead) or re.search(r"(?:그|그녀)(?:는|가)\s*$", lead):
        pronoun = re.search(r"(?:그|그녀)(?:는|가)", lead)
        person = context.entities.last(quote.start, "person") if pronoun else None
        if person is not None:
            return _found(person, "quote: 그는 “…”", "direct_quote", 0.75, None, quote)
    previous = context.last_quote
    if previous and quote.start - previous[0].end < 700:
        _, attribution = previous
        return Attribution(attribution.speaker, "direct_quote", 0.7,
                           "quote: continues the last speaker", attribution.evidence,
                           (quote.inner_start, quote.inner_end))  # fmt: skip
    person = context.entities.last(quote.start, "person")
    if person is not None and quote.start - _paragraph_start(text, quote.start) < 300:
        return _found(person, "quote: the person last named", "direct_quote", 0.55, None, quote)
    return Attribution(None, "direct_quote", 0.3, "quote: no speaker found", None,
                       (quote.inner_start, quote.inner_end))  # fmt: skip


def _sentence_lead(text: str, offset: int, base: int) -> int:
    return max(base, _paragraph_start(text, offset))


def _korean_subject(
    sentence: str,
    base: int,
    context: Context,
    before: int | None = None,
    after: int | None = None,
) -> tuple[Entity, tuple[int, int]] | None:
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
        if re.search(r"(?:^|\s)(?:한|어느|익명의)\s$", sentence[: morpheme.start - len(words)]):
            words = "한 " + words  # "한 간호사는": Kiwi reads 한 as a determiner, outside the noun
        # The head word ends where a short form in brackets begins: "한국개발연구원(KDI)은"
        # is judged by 한국개발연구원, not by its brackets.
        head_end = len(re.sub(r"\([^()]*\)$", "", sentence[: morpheme.start]))
        head_start = head_end - len(words.split()[-1])
        proper = all(
            m.tag in ("NNP", "SL", "SH") or (m.unknown and m.tag.startswith("NN"))
            for m in morphemes[:index]
            if head_start <= m.start < head_end
        )
        phrase_start = head_end - len(words)
        place = re.search(rf"(?:^|\s)({_PLACE_KO.pattern})\s$", sentence[:phrase_start])
        if place and has_org_suffix(words.split()[-1]):
            # "가온도 농업기술원은": the province's institute, named with its province
            words, phrase_start = f"{place[1]} {words}", place.start(1)
        speaker = _korean_speaker(words, base + morpheme.start, context, proper)
        is_body = speaker is not None and speaker.kind == "organization"
        joint = _JOINT_FIRST_KO.search(sentence, 0, phrase_start) if is_body else None
        if joint:
            # "A와 B는 … 발표했다": a joint statement goes to the first-named (LABELLING §7)
            first = _korean_speaker(joint["first"], base + joint.start("first"), context)
            if first is not None and first.kind == "organization":
                return first, (base + joint.start("first"), base + joint.end("first"))
        if speaker is not None:
            span = (base + phrase_start, base + morpheme.start)
            return speaker, span
    return _named_subject(sentence, base, context, before, after)


# The first of two bodies joined before a subject: "에너지산업부와 한빛전력공사는".
_JOINT_FIRST_KO = re.compile(r"(?:^|(?<=\s))(?P<first>[^\s,]{2,20}?)(?:와|과)\s$")


def _named_subject(sentence: str, base: int, context: Context, before, after):
    """A known organisation or person as subject, found by name where Kiwi cannot split
    the word ("한결바이오로직스는" read as a verb): name, then a topic or subject particle."""
    best = None
    low, high = after or 0, before if before is not None else len(sentence)
    for entity in context.entities.entities:
        if len(entity.name) < 2:
            continue
        start = sentence.find(entity.name, low, high)
        while start >= 0:
            end = start + len(entity.name)
            if _SUBJECT_AFTER_NAME.match(sentence, end) and (best is None or start < best[1]):
                best = (entity, start, end)
                break
            start = sentence.find(entity.name, end, high)
    if best is None:
        return None
    entity, start, end = best
    return entity, (base + start, base + end)


# What follows a name that is the subject: a short form in brackets, 측 or 관계자, a particle.
_SUBJECT_AFTER_NAME = re.compile(r"(?:\([^()]*\))?(?:\s?측|\s?관계자)?(?:은|는|이|가|께서)\s")


def _has_subject(sentence: str, before: int) -> bool:
    """True when a topic or subject noun phrase comes before `before`.

    Any subject counts, even one that cannot speak ("…을 갚은 점은 …고 밝혔다"): the
    claim then has no speaker rather than a guessed one (a misattribution is worse).
    """
    morphemes = analyse(sentence)
    for i, m in enumerate(morphemes):
        if m.start >= before or not (m.tag == "JKS" or (m.tag == "JX" and m.form in ("은", "는"))):
            continue
        phrase = _noun_phrase_before(sentence, morphemes, i)
        if phrase and not _FIGURE_TOPIC.search(phrase):
            return True
    return False


# A topic that is the figure itself, never its source: in "소비자물가 상승률은 올해 2.1%로
# 내다봤다" the forecaster is unsaid, as Korean drops a subject named just before.
_FIGURE_TOPIC = re.compile(r"(?:률|율|액|량|지수|전망치|가격|규모|비중)$")


def _noun_phrase_before(sentence: str, morphemes, index: int) -> str | None:
    """The nouns right before morpheme `index`, up to three words, as written."""
    first = index
    words = 1
    while first > 0:
        previous = morphemes[first - 1]
        if not (
            previous.tag[0] == "N"
            or previous.tag in ("SL", "SH", "SN", "XSN", "SW", "SSO", "SSC", "SP")
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
    while (
        start > 0
        and not sentence[start - 1].isspace()
        and sentence[start - 1] not in '“”",'
        and (sentence[start - 1] != "(" or (start > 1 and not sentence[start - 2].isspace()))
    ):
        start -= 1  # "한결자동차": Kiwi may read the start of a name as an adverb
    phrase = sentence[start : morphemes[index].start].strip()
    if not phrase:
        return None
    if ROLE_TOKEN_KO.fullmatch(phrase.split()[-1]) and len(phrase.split()) < 4:
        # "NAME(58) ORG DEPT TITLE은": take the name and organisation words before it too
        earlier = words_before(sentence, start)[-(4 - len(phrase.split())) :]
        phrase = " ".join([word for _, word in earlier] + [phrase])
    phrase = re.sub(r"\([^)]*\)?$|\([^)]*\)", "", phrase)  # an age "(58)", a short form "(산업부)"
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
    ["회사", "회사 측", "회사측", "이 회사", "같은 회사", "동사", "그룹 측", "업체 측", "구단",
     "구단 측", "당국", "협회", "협회 측", "연구팀", "연구진", "재단", "학교 측", "병원 측"]
)  # fmt: skip


# One-syllable names of a government level: "시 관계자" is the city the story names.
_GOVERNMENT_KO = frozenset("시 군 구 도 도청 시청 군청 구청".split())
_ANONYMOUS_KO = re.compile(
    r"(?:^|\s)(?:한|어느|익명의|익명을 요구한)\s(?:\S+\s){0,3}\S+$"
    r"|[가-힣]모(?:\(\d{1,3}\))?\s?씨?(?:의\s\S+)?$"  # 김모씨, and 김모씨의 딸
    # someone's relative or neighbour, named by the relation alone ("…씨의 딸은")
    r"|^(?:딸|아들|아내|남편|어머니|아버지|부인|유족|가족|동생|누나|언니|오빠|친구|이웃)들?$"
    r"|(?:^|\s)[A-Z]씨$"
    r"|^(?:업계|정부|당국|금융권|시장|증권가|재계|정치권|여권|야권|소식통)\s?(?:관계자|측)?$"
)


def _korean_speaker(phrase: str, offset: int, context: Context, proper: bool = False):
    """Resolve a Korean subject phrase to a person, an organisation or nobody."""
    entities = context.entities
    if _ANONYMOUS_KO.search(phrase):
        known = _korean_person(phrase, offset, context) if phrase.startswith("한 ") else None
        if known is not None:
            return known  # "한 책임연구원": 한지우, not "a researcher"
        return ANONYMOUS  # "한 상인은", "김모(67)씨는", "업계 관계자는": nobody we may name
    if phrase in ("그", "그녀"):
        return entities.last(offset, "person")
    tail = _named_by_its_ending(phrase, offset, context)
    if tail is not None:
        return tail  # "진흥원은", "공사에 따르면", "시는": the body named in full before
    team = GROUPS_KO.search(phrase)
    if team:
        institution = _institution_ko(team.group(), offset, context)
        if institution is not None:
            return institution  # "문서진 교수 연구팀은", "재판부는": the body they speak for
    if phrase in _ORG_ANAPHORS_KO or phrase.endswith(" 측") and phrase[:-2] in _ORG_ANAPHORS_KO:
        return entities.last(offset, "organization")
    official = re.fullmatch(r"(?P<org>.+?)\s?(?:관계자|측|대변인실|홍보팀|관계자들)", phrase)
    if official:
        found = _named_by_its_ending(official["org"], offset, context)
        if found is not None:
            return found  # "시 관계자", "공사 측": the body named in full before
    if official and official["org"] not in _ORG_ANAPHORS_KO:
        org = entities.named(official["org"], before=offset)
        return org or entities.add(Entity(official["org"], "organization"), offset)
    if re.fullmatch(r"(?:이|해당|같은|그)\s?\S*(?:관계자|측)", phrase):
        return entities.last(offset, "organization")
    person = _korean_person(phrase, offset, context)
    if person is not None:
        return person
    head = phrase.split()[-1]
    if ROLE_TOKEN_KO.fullmatch(head) and not (proper and has_org_suffix(head)):
        return None  # a bare title ("대표는") names nobody; a proper 한국개발연구원 is a body
    words = phrase.split()
    if len(words) >= 2 and head in ORG_SUFFIXES_KO and not entities.named(head, before=offset):
        # "서해권 자동차부품 노동조합": a generic body noun named by the words before it
        return entities.add(Entity(phrase, "organization"), offset)
    if len(words) >= 2 and _PLACE_KO.fullmatch(words[-2]) and has_org_suffix(head):
        head = f"{words[-2]} {head}"  # "가온도 농업기술원": the province's own institute
    known = entities.named(head, before=offset)
    body = has_org_suffix(head) or (known is not None and known.kind == "organization")
    # "강원 청하군" is the county, placed by its province
    run = head if _PLACE_KO.fullmatch(head) else _name_run_ko(words, len(words) - 1)
    if body and " " in run and " " not in head:
        # "누리투자증권 리서치센터는": the whole name, even when the text also uses its last word
        return entities.named(run, before=offset) or entities.add(
            Entity(run, "organization"), offset
        )
    if known is not None:
        return known
    if proper or _is_proper_korean(head):
        # "시장조사업체 X는": X; "누리투자증권 리서치센터는": the proper nouns before it too
        name = head if " " in head else run
        return entities.add(Entity(name, "organization"), offset)
    return None


_INSTITUTION_SUFFIXES_KO = {
    "재판부": ("법원",),
    "research": ("대학교", "대학", "대", "과학기술원", "과기원", "기술원", "연구원", "연구소",
                 "박물관", "학회", "센터", "병원", "재단", "공단", "원"),
}  # fmt: skip


def _institution_ko(group: str, offset: int, context: Context) -> Entity | None:
    """The institution a team or panel belongs to: named just before it, or last named."""
    if not group.endswith(("팀", "진", "단")):
        group = "재판부"  # "형사3부", "판결문": a court's division or judgment, the court
    suffixes = _INSTITUTION_SUFFIXES_KO.get(group, _INSTITUTION_SUFFIXES_KO["research"])

    def fits(entity: Entity) -> bool:
        return entity.name.endswith(suffixes) or any(alias.endswith(suffixes)
                                                     for alias in entity.aliases)  # fmt: skip

    return context.entities.last(offset + 1, "organization", fits)


# Endings written short: "노조" for a "… 노동조합" named before.
_SHORT_ENDINGS_KO = {
    "노조": ("노동조합",), "조합": ("노동조합", "협동조합"),
    # a service called by its short name: 해경 for a 해양경찰청, 소방 for a 소방본부
    "해경": ("해양경찰청", "해양경찰서"), "경찰": ("경찰청", "경찰서"), "검찰": ("검찰청",),
    "소방": ("소방본부", "소방서", "소방청"),
}  # fmt: skip


def _named_by_its_ending(word: str, offset: int, context: Context) -> Entity | None:
    """An organisation named in full earlier whose name ends with `word`: Korean stories
    shorten "청해교통공사" to "교통공사" or "공사", "한국교역진흥원" to "진흥원", a city to
    "시". Only a word that is itself an organisation's ending counts."""
    if " " in word or len(word) < 2 and word not in _GOVERNMENT_KO:
        return None
    endings = (word, *_SHORT_ENDINGS_KO.get(word, ()))

    def fits(entity: Entity) -> bool:
        name = entity.name
        if len(name) <= len(word):
            return False
        # "관리원" for 국가혈액관리원; "문화부" for 문화체육관광부: its head and its ending
        return name.endswith(endings) or (
            len(word) >= 3 and name.startswith(word[:-1]) and name.endswith(word[-1])
        )

    found = context.entities.last(offset, "organization", fits)
    if found is None:  # a headline shortens a name the body gives in full further down
        found = next((e for e in context.entities.entities
                      if e.kind == "organization" and fits(e)), None)  # fmt: skip
    return found


def _korean_person(phrase: str, offset: int, context: Context) -> Entity | None:
    """A person named by full name or by a short form ("김 사장", "김 CFO")."""
    entities = context.entities
    words = phrase.split()
    # "최유진(27)씨는": the name without its age and 씨
    bare = {re.sub(r"(?:\(\d{1,3}\))?\s?씨?(?:[은는이가의]|께서)?$", "", w) for w in words}
    for entity in entities.entities:
        if entity.kind != "person":
            continue
        if entity.name in words or entity.name in bare or phrase.startswith(entity.name):
            return entity
    if len(words) >= 2 and ROLE_TOKEN_KO.fullmatch(words[-1]):
        # "함영준 가온대 부동산학과 교수": a name before the title introduces a person
        name = next((w for w in words[:-1] if is_korean_name(w)), None)
        if name is not None:
            between = [w for w in words[words.index(name) + 1 : -1]]
            organization = " ".join(between) or None
            return entities.add(Entity(name, "person", words[-1], organization), offset)
    ssi = re.fullmatch(r"(?P<surname>[가-힣])\s?씨", phrase)
    if ssi and ssi["surname"] in SURNAMES_KO:  # "최씨는": 최정훈(47)씨, named before
        return entities.last(offset, "person", lambda e: e.name.startswith(ssi["surname"])
                             and len(e.name) >= 2)  # fmt: skip
    short = re.fullmatch(r"(?P<surname>[가-힣]{1,2})\s?(?P<role>\S+)", words[-1] if len(words) == 1
                         else " ".join(words[-2:]))  # fmt: skip
    if short and short["surname"] in SURNAMES_KO and ROLE_TOKEN_KO.fullmatch(short["role"]):
        matches = [
            e for e in entities.entities
            if e.kind == "person" and e.name.startswith(short["surname"]) and len(e.name) >= 3
        ]  # fmt: skip
        by_role = [e for e in matches if e.role and short["role"][:2] in e.role]
        pool = by_role or matches
        if pool:
            recent = entities.last(offset, "person", lambda e: e in pool)
            return recent or pool[0]
    return None


def _is_proper_korean(word: str) -> bool:
    """An organisation-like word: a proper noun, Latin letters or a company suffix."""
    if re.search(r"[A-Za-z]", word) or has_org_suffix(word):
        return True
    morphemes = analyse(word)
    return bool(morphemes) and all(
        m.tag == "NNP" or (m.unknown and m.tag.startswith("NN")) for m in morphemes
    )


def _name_run_ko(words: list[str], at: int) -> str:
    """The organisation's whole name ending at `words[at]`: the proper nouns before it.

    Korean names of bodies are often several words ("국회 예산정책처", "세미 애널리틱스");
    the run stops at a common noun that describes the body ("시장조사기관"), a
    person's name, or a word ending in a particle.
    """
    start = at
    while start > 0:
        word = words[start - 1]
        if (
            word in _NOT_SPEAKER_WORDS
            or is_korean_name(word)
            or _ENDS_WITH_PARTICLE_KO.search(word)
            or not (_is_proper_korean(word) or word in _PARENT_BODIES_KO)
        ):
            break
        start -= 1
    return " ".join(words[start : at + 1])


# Common nouns that begin the names of the bodies under them: 국회 예산정책처, 국회 입법조사처.
_PARENT_BODIES_KO = frozenset({"국회"})


_ENDS_WITH_PARTICLE_KO = re.compile(r"(?:은|는|이|가|을|를|의|에|와|과|도|로|으로)$")


def _korean_source(source: str, offset: int, context: Context) -> Entity | None:
    """Who "X에 따르면" names: the agency behind a report noun, or X itself."""
    words = [re.sub(r"\([^)]*\)", "", w) for w in source.split()]
    while words and (words[-1] in _REPORT_NOUNS or any(words[-1].endswith(n) for n in
                                                         ("자료", "보고서", "조사"))):  # fmt: skip
        words = words[:-1]
    # "통계청이 발표한 … 자료": the owner before 이/가/의, if it names an organisation.
    owners = [w[:-1] for w in words if re.search(r"[가-힣A-Za-z](?:이|가|의)$", w)]
    owner = next((w for w in owners if has_org_suffix(w) or context.entities.named(w)), None)
    if owner and len(words) > 1:
        words = [owner]
    words = [w for w in words if w not in _NOT_SPEAKER_WORDS and not re.search(r"\d", w)]
    if not words:
        return None
    team = GROUPS_KO.search(words[-1])
    if team:  # "연구팀에 따르면", "재판부에 따르면": the institution behind the group
        return _institution_ko(team.group(), offset, context)
    if words[-1] in _ORG_ANAPHORS_KO:  # "회사에 따르면": the company the story is about
        return context.entities.last(offset, "organization")
    tail = _named_by_its_ending(words[-1], offset, context)
    if tail is not None:  # "공사에 따르면": the corporation named in full before
        return tail
    # "영화진흥위원회 영화관입장권 통합전산망": the organisation, not its system, is the source;
    # "해람시 감염병관리지원단": the unit that speaks, the last organisation named.
    named_org = next((w for w in reversed(words) if has_org_suffix(w) and len(w) >= 3), None)
    phrase = named_org or words[-1]
    at = words.index(phrase)
    if at > 0 and re.search(r"[시군구도]$", words[at - 1]) and has_org_suffix(words[at - 1]):
        phrase = f"{words[at - 1]} {phrase}"  # "해람시 감염병관리지원단": the city's own unit
    else:
        phrase = _name_run_ko(words, at)
    entities = context.entities
    known = entities.named(phrase, before=offset) or _korean_person(" ".join(words[-2:]), offset,
                                                                    context)  # fmt: skip
    if known is not None:
        return known
    if _is_proper_korean(phrase) or has_org_suffix(phrase):
        return entities.add(Entity(phrase, "organization"), offset)
    return None
