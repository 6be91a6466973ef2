"""The people and organisations of one text, and every place the text names them.

Attribution needs more than the sentence at hand: "he said" means the person last
named, "the company expects" the company the story is about, "Cheonji" the
"Cheonji Semiconductor" introduced above, "the ONS" the "Office for National
Statistics (ONS)". `Entities` reads a whole text once, collects full names with
their roles, organisations with their acronyms, and every later mention in order,
so a short form, a pronoun or a description resolves to the full name. By shape
only: it knows titles, name shapes and organisation words, never particular people.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from extractor.sentences import split_sentences
from extractor.speakers import (
    DESCRIPTORS_EN,
    EN_ROLES,
    HONORIFIC_EN,
    HONORIFICS_EN,
    SpeakerIndex,
    SpeakerMention,
    has_org_suffix,
    is_korean_name,
)

# Words that make a capitalised English phrase an organisation.
ORG_WORDS_EN = frozenset(
    """Bank Banks Ministry Department Office Agency Administration Service Services Commission
    Committee Authority Authorities Institute Institution University College School Hospital
    Hospitals Foundation Trust Association Federation Union Party Assembly Parliament
    Government Organization Organisation Centre Center Centers Centres Exchange Fund Forum
    Network Society League Corp Corporation Inc Ltd Co PLC LLC AG SA Headquarters Bureau
    Court Police Force Army Navy Treasury Reserve Statistics Observatory Council Board
    Group Holdings Partners Insights Research Analytics Capital Securities Investment
    Investments Solutions Motors Energy Semiconductor Semiconductors Electronics Renewables
    Pictures Studios Rovers United City FC Club Airlines Airways Telecom Mobile Labs
    Systems Technologies Technology Industries Industrial Chemical Chemicals Steel
    Shipbuilding Heavy Pharmaceutical Pharmaceuticals Biologics Bio Motor Automotive Media
    Entertainment Broadcasting Times News Post Herald Journal Wire Press Agency Consulting
    Economics Advisors Advisers Associates Realty Properties Property Construction
    Engineering Logistics Shipping Lines Railways Railway Rail Transit Power Utilities Oil
    Gas Petroleum Mining Metals Foods Food Beverages Brewery Retail Stores Mart Finance
    Financial Insurance Assurance Life Card Cards Credit Savings Asset Assets Management
    Ventures Venture Institute Laboratory Laboratories Lab Observatories Museum Gallery
    Library Orchestra Theatre Theater Festival Olympic Olympics Games Cup Tour Team Teams
    Council Councils County District Province Provincial Municipal Metropolitan State
    Republic Kingdom Embassy Consulate Secretariat Cabinet Presidency Senate Congress House
    Court Prosecutors Prosecution Customs Coast Guard Fire Rescue Meteorological Weather
    Survey Surveys Census Data Index Indexes Indices Exchange Market Markets Capital Co-op
    Cooperative Alliance Coalition Initiative Project Program Programme Commission Watch
    Agency Desk Unit Division Authority Forum Institute Society Academy Water Electric
    Air Homes Housing Health Care Healthcare Clinic Clinics Pharmacy Motors Airport Port""".split()
)
_NOT_NAME_START = frozenset(
    """The A An In On At It Its This That These Those But And Yet So If When While After Before
    Since Last Next Over Under About More Most Some Many Nearly Officials Analysts He She They
    We I Our Their His Her Chief Deputy Senior Former Acting Interim New Sales Revenue Profit
    Shares Prices Exports Imports Demand Inflation Growth Tickets Fans Kickoff Photo Caption
    Related According Despite Although Though However Meanwhile Also Still Even Only Just Both
    Such Each Every Other Another Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec South North East West Korean British
    American Chinese Japanese European Asian Global Local Federal National State Provincial
    Record Average Total Asked Speaking Writing Reporting Additional Editing Under-18s""".split()
)
# Words no person's name starts with, but an organisation's may: "State Transport
# Commission", "National Assembly", "Korean Confederation of Workers' Unions".
_NOT_ORG_START = _NOT_NAME_START - frozenset(
    "South North East West Korean British American Chinese Japanese European Asian Global "
    "Local Federal National State Provincial".split()
)
_NAME_WORD = r"(?:Mc|Mac|O'|O’|De|Van|Von)?[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?"
PERSON_NAME_EN = rf"{_NAME_WORD}(?: [A-Z]\.)?(?: {_NAME_WORD}){{1,2}}"
# A capitalised word; a full stop belongs to it only in an abbreviation (Co., Inc., U.S.).
_CAP_WORD = r"(?:(?:Co|Corp|Inc|Ltd|Bros|St|Mt)\.|(?:[A-Z]\.){2,}|[A-Z][A-Za-z0-9'’&-]*|&)"
_PLACE_NAMES_EN = frozenset(
    (
        "United States|United Kingdom|South Korea|North Korea|New Zealand|Hong Kong|"
        "Saudi Arabia|South Africa|United Arab Emirates|European Union|Middle East|"
        "Southeast Asia|Latin America|North America|South America|East Asia|New York|"
        "Los Angeles|San Francisco|Korean Peninsula"
    ).split("|")
)
_ORG_EN = re.compile(
    rf"(?P<name>(?:the )?{_CAP_WORD}(?: (?:of|for|and|on|&|de|du) (?:the )?{_CAP_WORD}"
    rf"| {_CAP_WORD}|, {_CAP_WORD}(?= and [A-Z]))*)(?: \((?P<acronym>[A-Z][A-Za-z&]{{1,9}})\))?"
)
_TITLE_BEFORE_NAME = re.compile(
    rf"\b(?P<role>(?:[A-Z][a-z]+ )?(?i:{EN_ROLES})|{HONORIFIC_EN}|"
    rf"Governor|Manager|Coach|Director|Senator|Representative|Rep\.|Sen\.|Judge|Justice|"
    rf"Mayor|President|Minister|Chancellor|Secretary|Commissioner|Chairman|Chairwoman|Chair)"
    rf" (?P<name>{PERSON_NAME_EN})\b"
)
_NAME_APPOSITION = re.compile(
    rf"\b(?P<name>{PERSON_NAME_EN}), (?:(?P<age>\d{{1,3}}), )?"
    rf"(?:(?:the|a|an|its|their|his|her) )?(?P<rest>[^,.;\"“”]{{2,120}}?)(?:,|\.|;| said| told"
    rf"| added| wrote| warned| noted| explained)"
)
_PERSON_VERB_AFTER = re.compile(
    rf"\b(?P<name>{PERSON_NAME_EN})(?:,? \d{{1,3}},)? (?:said|says|told|added|noted|warned|"
    rf"explained|wrote|argued|recalled|insisted|admitted|acknowledged|conceded|stressed)\b"
)
_PERSON_VERB_BEFORE = re.compile(
    rf"\b(?:said|says|added|told|noted|wrote|explained|according to) (?P<name>{PERSON_NAME_EN})"
    rf"(?=[,.;:]|$| \()"
)
ENGLISH_PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person"}
# Descriptions of organisations: "the company", "the Seoul-based chipmaker".
ORG_DESCRIPTORS_EN = (
    "company|firm|group|bank|ministry|government|agency|regulator|carmaker|automaker|"
    "chipmaker|chip maker|retailer|grocer|supermarket|startup|start-up|department|central bank|"
    "office|lender|think tank|institute|foundation|steelmaker|airline|insurer|club|team|league|"
    "board|district|council|developer|maker|manufacturer|operator|utility|union|party|"
    "organization|organisation|organizers|organisers|service|authority|commission|committee|"
    "studio|distributor|broker|brokerage|consultancy|conglomerate|giant|provider|platform|"
    "exchange|fund|charity|trust|hospital|university|school|museum|forecaster|statistics agency|"
    "statistics office|weather agency|agency's|authorities|administration|headquarters|"
    "shipbuilder|builder|producer|exporter|battery maker|automaker's|venture|joint venture|"
    "partnership|consortium|network|broadcaster|publisher|newspaper|research firm|data firm|"
    "tracker|researcher|agency itself|bureau|service|force|police|customs|court|prosecutors|"
    "society|building society|association|alliance|federation|institution|chain|miner|"
    "housebuilder|homebuilder|drugmaker|refiner|brewer|carrier|telecom operator"
)
# When a source spoke, written after its name: "… Resources on Monday", "… said last week".
WHEN_SPOKEN_EN = (
    r"(?: on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r" last (?:week|month)| this (?:week|month)| yesterday| today)"
)
# Plural descriptions: a joint statement ("the companies said").
ORG_DESCRIPTORS_PLURAL_EN = (
    "companies|firms|groups|banks|carmakers|automakers|chipmakers|lenders|retailers|"
    "insurers|airlines|clubs|teams|ministries|agencies|developers|manufacturers|operators|"
    "utilities|unions|parties|organizations|organisations|studios|brokers|exchanges|funds|"
    "hospitals|universities|schools|two companies|two firms|two groups|partners"
)
_DESCRIPTOR_EN = re.compile(
    rf"\b(?:the|The)(?: [A-Z][\w-]+-based| [a-z][\w-]+-based| state-run| state-owned| "
    rf"[a-z]+-run| [a-z]+(?:'s)?){{0,3}} (?P<noun>{ORG_DESCRIPTORS_EN})\b"
)
# Words that end the names of sports clubs ("Harrowgate Town", "Brackley Rovers").
_CLUB_WORDS = ("FC", "Club", "Rovers", "United", "City", "Town", "Athletic", "Wanderers",
               "Albion", "Rangers", "County")  # fmt: skip
# Which organisation words a description fits ("the bank" fits "Bank of England").
_DESCRIPTOR_FITS = {
    "bank": ("Bank",), "central bank": ("Bank", "Reserve"), "ministry": ("Ministry",),
    "agency": ("Agency", "Office", "Service", "Administration", "Board", "Bureau",
               "Statistics", "Authority", "Commission", "Institute", "Survey", "Centers",
               "Headquarters"),
    "statistics agency": ("Statistics",), "statistics office": ("Statistics", "Office"),
    "weather agency": ("Meteorological", "Weather", "Office"),
    "regulator": ("Commission", "Authority", "Service", "Board", "Agency", "Office"),
    "department": ("Department",), "office": ("Office",), "club": _CLUB_WORDS,
    "team": (*_CLUB_WORDS, "Team"),
    "league": ("League", "Organization", "Association"), "board": ("Board",),
    "district": ("District",), "council": ("Council",), "union": ("Union",),
    "party": ("Party",), "commission": ("Commission",), "committee": ("Committee",),
    "authority": ("Authority",), "institute": ("Institute",), "university": ("University",),
    "hospital": ("Hospital",), "museum": ("Museum",), "government": ("Government", "Ministry"),
    "administration": ("Administration",), "headquarters": ("Headquarters",),
    "forecaster": ("Office", "Meteorological", "Weather"), "customs": ("Customs",),
    "police": ("Police",), "court": ("Court",), "fund": ("Fund",), "trust": ("Trust",),
    "association": ("Association",), "federation": ("Federation",), "society": ("Society",),
    "building society": ("Society",), "alliance": ("Alliance",),
    "institution": ("Institution", "Institute"),
    "county": ("County",), "city": ("City", "Council"), "state": ("State",),
    "utility": ("Power", "Energy", "Electric", "Utilities", "Gas", "Water"),
    "exchange": ("Exchange",), "airline": ("Air", "Airlines", "Airways"),
    "carmaker": ("Motors", "Motor", "Auto", "Automotive"), "automaker": ("Motors", "Motor",
    "Auto", "Automotive"), "chipmaker": ("Semiconductor", "Semiconductors", "Electronics",
    "Chips"), "insurer": ("Insurance", "Life", "Assurance"), "lender": ("Bank", "Capital",
    "Finance", "Card", "Savings"), "brokerage": ("Securities", "Investment", "Capital"),
    "shipbuilder": ("Heavy", "Shipbuilding", "Marine", "Ocean"), "steelmaker": ("Steel",),
    "retailer": ("Mart", "Stores", "Retail"), "supermarket": ("Mart", "Stores", "Retail"),
    "town": ("Town", "Council"), "company": (), "school": ("School", "Academy", "College"),
    "group": ("Group", "Holdings"),
    "researchers": ("University", "Institute", "College", "Laboratory", "Laboratories",
                    "Centre", "Center", "Survey", "Observatory", "Academy"),
}  # fmt: skip
# Organisations that are governments or public bodies, not companies.
_PUBLIC_WORDS = frozenset(
    "Ministry Department Office Agency Administration Service Commission Committee Authority "
    "Bureau Council Government Assembly Parliament Police Court Customs Statistics "
    "Headquarters Board Bank Reserve Treasury Institute University Hospital District "
    "Province Provincial Municipal Metropolitan County Centers Centres League Organization "
    "Association Federation Union Party".split()
)

KO_PERSON_PRONOUNS = ("그", "그녀", "이 관계자", "이 대표", "이 교수", "그는", "그녀는")


@dataclass(frozen=True)
class Entity:
    """A person or organisation of the text, under its fullest name."""

    name: str
    kind: str = "person"
    role: str | None = None
    organization: str | None = None
    aliases: frozenset[str] = field(default_factory=frozenset)

    def mention(self) -> SpeakerMention:
        """The speaker as the extractor reports it."""
        return SpeakerMention(self.name, self.role, self.organization, self.kind)


class Entities:
    """Everyone a text names, with every mention's offset, for resolving references."""

    def __init__(self, text: str, language: str, furniture=None):
        """Read `text` once; `furniture(offset)` tells where bylines and captions are,
        whose names (a wire service, a photographer) never speak in the story."""
        self.text, self.language = text, language
        self._furniture = furniture or (lambda offset: False)
        self.entities: list[Entity] = []
        self._mentions: list[tuple[int, int]] = []  # (offset, entity index), sorted
        if language == "ko":
            self._collect_korean()
        else:
            self._collect_english()
        self._mentions.sort()

    # --- building --------------------------------------------------------------------
    def add(self, entity: Entity, offset: int) -> Entity:
        """Record an entity (merged with one of the same name) and its mention here."""
        entity = _normalised(entity)
        if not entity.name:
            return entity
        pair = _two_organisations(entity.name) if entity.kind == "organization" else None
        if pair:  # "Hanbit Electronics and Orbit Capital Bank": two names, not one
            self.add(Entity(pair[1], "organization"), offset + entity.name.rindex(pair[1]))
            return self.add(Entity(pair[0], "organization"), offset)
        if self._furniture(offset):
            known = next((e for e in self.entities if e.name == entity.name), None)
            return known or entity  # named only in a byline or caption: not a speaker
        for index, known in enumerate(self.entities):
            if (
                known.name == entity.name
                or entity.name in known.aliases
                or known.name in entity.aliases
            ):
                name = entity.name if known.name in entity.aliases else known.name
                merged = Entity(
                    name,  # "남해과학기술원(남해과기원)" after "남해과기원": the full name
                    known.kind,
                    known.role or entity.role,
                    known.organization or entity.organization,
                    (known.aliases | entity.aliases | {known.name}) - {name},
                )
                self.entities[index] = merged
                self._note(offset, index)
                return merged
            if entity.kind == known.kind == "organization" and any(
                _is_short_form(entity.name, form) for form in (known.name, *known.aliases)
            ):
                merged = Entity(known.name, "organization", aliases=known.aliases | {entity.name})
                self.entities[index] = merged  # "Cheonji" after "Cheonji Semiconductor"
                self._note(offset, index)
                return merged
            if entity.kind == known.kind == "organization" and _is_short_form(
                known.name, entity.name
            ):
                merged = Entity(entity.name, "organization",
                                aliases=known.aliases | entity.aliases | {known.name})  # fmt: skip
                self.entities[index] = merged  # the full name came later
                self._note(offset, index)
                return merged
            if entity.kind == known.kind == "person" and (
                _is_fuller(known.name, entity.name) or _is_fuller(entity.name, known.name)
            ):
                # "Osei" (from "Ms Osei") and "Maya Osei", in either order: the fuller name
                full, short = (known, entity) if _is_fuller(known.name, entity.name) else (
                    entity, known)  # fmt: skip
                merged = Entity(full.name, "person", full.role or short.role,
                                full.organization or short.organization,
                                known.aliases | entity.aliases | {short.name})  # fmt: skip
                self.entities[index] = merged
                self._note(offset, index)
                return merged
        self.entities.append(entity)
        self._note(offset, len(self.entities) - 1)
        return entity

    def _note(self, offset: int, index: int) -> None:
        position = bisect_left(self._mentions, (offset, index))
        if position < len(self._mentions) and self._mentions[position] == (offset, index):
            return
        self._mentions.insert(position, (offset, index))

    def note(self, entity: Entity, offset: int) -> None:
        """Remember that the text refers to `entity` at `offset` (after resolving it)."""
        for index, known in enumerate(self.entities):
            if known.name == entity.name:
                self._note(offset, index)
                return
        self.add(entity, offset)

    # --- resolving -------------------------------------------------------------------
    def last(self, before: int, kind: str | None = None, fits=None) -> Entity | None:
        """The entity mentioned most recently before `before` (of `kind`, fitting `fits`)."""
        position = bisect_left(self._mentions, (before, -1)) - 1
        while position >= 0:
            entity = self.entities[self._mentions[position][1]]
            if (kind is None or entity.kind == kind) and (fits is None or fits(entity)):
                return entity
            position -= 1
        return None

    def last_mention(self, before: int, kind: str) -> tuple[Entity, int] | None:
        """The entity of `kind` mentioned most recently before `before`, and where."""
        position = bisect_left(self._mentions, (before, -1)) - 1
        while position >= 0:
            offset, index = self._mentions[position]
            if self.entities[index].kind == kind:
                return self.entities[index], offset
            position -= 1
        return None

    def recent_organizations(self, before: int, window: int = 600) -> list[Entity]:
        """The organisations named in the `window` characters before `before`, in order."""
        seen: list[Entity] = []
        for offset, index in self._mentions:
            if before - window <= offset < before:
                entity = self.entities[index]
                if entity.kind == "organization" and entity not in seen:
                    seen.append(entity)
        return seen

    def named(self, phrase: str, before: int | None = None) -> Entity | None:
        """The entity a name, short form or acronym stands for ("Reid", "Cheonji", "ONS")."""
        phrase = re.sub(r"^(?:the|The) ", "", phrase.strip().strip(",.;:"))
        phrase = re.sub(rf"^{HONORIFIC_EN} ", "", phrase)
        phrase = re.sub(r"['’]s$", "", phrase)
        if not phrase:
            return None
        exact = [e for e in self.entities if e.name == phrase or phrase in e.aliases]
        exact = exact or [e for e in self.entities if e.name.rstrip(".") == phrase]  # "… Co."
        if exact:
            return exact[0]
        words = phrase.split()
        candidates = []
        for entity in self.entities:
            parts = entity.name.split()
            if entity.kind == "person" and len(words) == 1 and words[0] in parts:
                candidates.append(entity)
            elif entity.kind == "organization" and (
                (len(parts) > len(words) and parts[: len(words)] == words)
                or any(_is_short_form(phrase, form) for form in (entity.name, *entity.aliases))
            ):
                candidates.append(entity)  # "Cheonji" for "Cheonji Semiconductor"
        if not candidates:
            return None
        if before is not None and len(candidates) > 1:
            recent = self.last(before, fits=lambda e: e in candidates)
            if recent is not None:
                return recent
        return candidates[0]

    def described(self, noun: str, before: int) -> Entity | None:
        """The organisation a description refers to ("the bank", "the company").

        A plural ("the companies said") is a joint statement: it goes to the first-named
        of the organisations the text names just before (LABELLING.md section 7).
        """
        noun = noun.lower().removesuffix("'s")
        singular = re.sub(r"(?:ies|es|s)$", lambda m: "y" if m.group() == "ies" else "", noun)
        if singular != noun and noun not in _DESCRIPTOR_FITS:
            recent = self._latest_paragraph_organizations(before)
            if recent:
                return recent[0]
            noun = singular
        words = _DESCRIPTOR_FITS.get(noun)
        if words:
            fitting = self.last(before, "organization", lambda e: _has_word(e.name, words))
            if fitting is not None:
                return fitting
        if noun in ("government", "ministry", "agency", "regulator", "authorities",
                    "administration", "department", "office", "bureau"):  # fmt: skip
            public = self.last(before, "organization", _is_public)
            if public is not None:
                return public
        companies = self._most_mentioned(before, lambda e: not _is_public(e))
        return companies or self.last(before, "organization")

    def _latest_paragraph_organizations(self, before: int, window: int = 600) -> list[Entity]:
        """The organisations of the latest paragraph (within `window`) that names any.

        A joint statement names its companies in its own order; a headline above
        may name them in another.
        """
        end = before
        while end > 0 and before - end < window:
            start = self.text.rfind("\n", 0, end - 1) + 1
            found = self.recent_organizations(end, end - start)
            if found:
                return found
            end = start
        return []

    def _most_mentioned(self, before: int, fits) -> Entity | None:
        """The organisation named most often before `before` (the latest on a tie): "the
        company" is the one the story is about, not the last one it happened to name."""
        counts: dict[int, list[int]] = {}
        for offset, index in self._mentions:
            if offset >= before:
                break
            entity = self.entities[index]
            if entity.kind == "organization" and fits(entity):
                counts.setdefault(index, [0, 0])
                counts[index][0] += 1
                counts[index][1] = offset
        if not counts:
            return None
        best = max(counts, key=lambda index: tuple(counts[index]))
        return self.entities[best]

    # --- collecting: English -----------------------------------------------------------
    def _collect_english(self) -> None:
        text = self.text
        for match in _ORG_EN.finditer(text):
            name = re.sub(r"^(?:the|The) |^(?:[A-Z][\w]*-based) ", "", match["name"])
            start = match.start("name") + match["name"].find(name)
            owner = _PLACE_OWNER.match(name)
            if owner:  # "South Korea's Taesan Energy Solution": the company, not the country
                name, start = name[owner.end() :], start + owner.end()
            if name in _PLACE_NAMES_EN:
                continue
            bare = _without_descriptor(name)
            name, start = bare, start + len(name) - len(bare)
            if (_looks_like_org_en(name) and len(name.split()) >= 2) or match["acronym"]:
                aliases = {match["acronym"]} if match["acronym"] else set()
                self.add(Entity(name, "organization", aliases=frozenset(aliases)), start)
        for pattern in (_TITLE_BEFORE_NAME, _PERSON_VERB_AFTER, _PERSON_VERB_BEFORE):
            for match in _overlapping(pattern, text):
                name = match["name"]
                if _plausible_person(name):
                    role = match.groupdict().get("role")
                    role = role if role and not re.fullmatch(HONORIFIC_EN, role) else None
                    self.add(Entity(name, "person", role=role), match.start("name"))
        for match in _overlapping(_NAME_APPOSITION, text):
            name = match["name"]
            if not _plausible_person(name):
                continue
            rest = match["rest"]
            role_match = _ROLE_WORD.search(rest)
            if (
                role_match is None
                and not match["age"]
                and not re.search(r"\b(?:who|whose|a|an|the|of|at)\b", rest)
            ):
                continue
            organization = None
            at = _ORG_AFTER_ROLE.search(rest)
            owner = _ORG_OWNER.match(rest)
            if at:
                organization = at.group(1)
            elif owner:
                organization = owner.group(1)
            role = role_match.group() if role_match else None
            entity = self.add(Entity(name, "person", role=role, organization=organization),
                              match.start("name"))  # fmt: skip
            del entity
        person_words = {w for e in self.entities if e.kind == "person" for w in e.name.split()}
        for sentence in split_sentences(text):
            subject = _SENTENCE_SUBJECT_EN.match(sentence.text)
            if subject and _looks_like_subject_org_en(subject["org"], text):
                name = _without_descriptor(re.sub(r"^[A-Z][\w]*-based ", "", subject["org"]))
                if name in person_words or name in _PLACE_NAMES_EN or name in _ORG_WORD_ALONE:
                    continue  # "Raman said": the surname of a person already named
                cut = re.match(r" (?:and|of|for|&) [A-Z]", sentence.text[subject.end("org") :])
                if cut:
                    continue  # "… Parts and Components Makers said": a longer name goes on
                if not any(e.name == name or name in e.aliases for e in self.entities):
                    self.add(Entity(name, "organization"), sentence.start + subject.start("org"))
        self._english_mentions()

    def _english_mentions(self) -> None:
        """Every later mention of a known entity by full name, short form or acronym."""
        text = self.text
        for index, entity in enumerate(list(self.entities)):
            forms = {entity.name, *entity.aliases}
            if entity.kind == "person":
                forms |= {w for w in entity.name.split() if len(w) > 2 and w not in
                          _NOT_NAME_START}  # fmt: skip
            else:
                first = entity.name.split()[0]
                if len(entity.name.split()) > 1 and first not in _NOT_NAME_START and len(first) > 2:
                    forms.add(first)
            for form in forms:
                for offset in _word_offsets(text, form):
                    self._note(offset, index)

    # --- collecting: Korean ------------------------------------------------------------
    def _collect_korean(self) -> None:
        index = SpeakerIndex(self.text, "ko")
        for offset, person in index.people:
            self.add(Entity(person.name, "person", person.role, person.organization), offset)
            if person.organization:
                self.add(Entity(person.organization, "organization"), offset)
        for match in _ROLE_THEN_NAME_KO.finditer(self.text):
            if is_korean_name(match["name"]):
                self.add(Entity(match["name"], "person", match["role"]), match.start("name"))
        for match in _NAME_SSI_KO.finditer(self.text):
            if not match["name"].endswith("모"):  # 김모 씨: a person the text does not name
                self.add(Entity(match["name"], "person"), match.start("name"))
        for match in _ORG_KO.finditer(self.text):
            word, short = match["name"], match["short"]
            if (
                has_org_suffix(word)
                and len(word) >= 3
                and not is_korean_name(word)
                and not _industry_ko(word, self.text)
            ):
                aliases = frozenset({short}) if short else frozenset()
                self.add(Entity(word, "organization", aliases=aliases), match.start("name"))
        self._korean_mentions()

    def _korean_mentions(self) -> None:
        """Every later mention of a known entity: full name, or surname with a title."""
        text = self.text
        for index, entity in enumerate(list(self.entities)):
            for form in {entity.name, *entity.aliases}:
                for offset in _offsets(text, form):
                    self._note(offset, index)
            if entity.kind == "person" and is_korean_name(entity.name):
                surname = entity.name[0]
                short = rf"(?<![가-힣]){surname} (?:[가-힣A-Z]{{1,8}})(?=[은는이가의도])"
                for match in re.finditer(short, text):
                    self._note(match.start(), index)


def _without_descriptor(name: str) -> str:
    """A name without what the company is, capitalised at a sentence's start before it:
    "Rival Brandt" is Brandt, "Distributor Kestrel Pictures" is Kestrel Pictures."""
    first, _, rest = name.partition(" ")
    return rest if rest[:1].isupper() and first.lower() in DESCRIPTORS_EN else name


def _industry_ko(word: str, text: str) -> bool:
    """A word the text uses for an industry ("석유화학 업체", "석유화학 설비"), not a name,
    although it ends like one: a company is not written before 업체 or 업계."""
    return any(f"{word}{gap}{noun}" in text for noun in _INDUSTRY_NOUNS for gap in ("", " "))


_INDUSTRY_NOUNS = ("업체", "업계", "기업", "산업", "설비", "업종", "제품", "부문")


# A sentence that opens with a capitalised name and a verb: "Skyline Air carried …".
_SENTENCE_SUBJECT_EN = re.compile(
    r"(?:(?:The|Rival|Startup|Carmaker|Chipmaker|Retailer|Lender|Insurer) )?"
    r"(?P<org>[A-Z][\w&.-]*(?: (?:of |for |and |& )?[A-Z][\w&.-]*){0,6})(?:,| [a-z])"
)


_BUSINESS_VERBS = frozenset(
    """carried posted reported sold shipped earned made booked recorded raised cut plans
    operates employs runs owns makes produces manufactures supplies exports imports builds
    opened closed launched acquired bought invested spent lost generated delivered listed
    issued priced trades trading shares stock revenue profit sales announced unveiled hired
    laid cuts raises expects forecast forecasts guided will has had is was have were are
    broke broken signed won beat lost drew paid agreed""".split()
)


# After a name, an apposition that says what kind of body it is: ", Britain's largest chain,".
_DESCRIBED_AS_BUSINESS = re.compile(
    rf", (?:the |a |an )?[^,.]{{0,60}}?\b(?:{ORG_DESCRIPTORS_EN})\b"
)


def _looks_like_subject_org_en(phrase: str, text: str) -> bool:
    """A capitalised sentence subject that names an organisation, not a person or a noun.

    A single word counts only when the text also capitalises it mid-sentence, so
    "Home prices rose" does not make "Home" an organisation.
    """
    words = phrase.split()
    if words[0] in _NOT_NAME_START or re.fullmatch(HONORIFIC_EN, words[0]):
        return False  # "Gov. Laura Whitfield": a person with a title
    if _ROLE_WORD.search(phrase):
        return False  # "Housing Minister Grace Lim": a person with a title
    if re.fullmatch(PERSON_NAME_EN, phrase) and not _looks_like_org_en(phrase):
        # A name-shaped subject is a person unless it does business ("Skyline Air carried")
        # or is described as a business ("Brewhouse Coffee, Britain's largest coffee chain,").
        verb = re.search(rf"{re.escape(phrase)} ([a-z]+)", text)
        at = text.find(phrase + ", ")
        described = at >= 0 and _DESCRIBED_AS_BUSINESS.match(text, at + len(phrase)) is not None
        return bool(verb) and verb.group(1) in _BUSINESS_VERBS or described
    if len(words) >= 2:
        return True
    word = words[0]
    if word.endswith(("-based", "-run", "-owned")) or word.isupper() and len(word) <= 4:
        return False  # "Icheon-based", "HBM": a description or a product, not a name
    if word.endswith("s") and re.search(rf"\b{re.escape(word.lower())}\b", text):
        return False  # "Governments": a plural noun the text also writes in lower case
    return re.search(rf"[a-z,] {re.escape(phrase)}\b", text) is not None


# "연출가 송기준은", "예술감독인 한서윤(53)은": a title, then the name.
_ROLE_THEN_NAME_KO = re.compile(
    r"(?P<role>(?:[가-힣]+)?(?:감독|연출가|설립자|대표|교수|위원|연구원|작가|선수|배우|의원|"
    r"회장|사장|원장|센터장|소장|이사장|총장|장관|시장|군수|구청장|청장|국장|팀장|부장|기자))"
    r"(?:인|이자)?\s(?P<name>[가-힣]{3})(?:\(\d{1,3}\))?(?=[은는이가의])"
)
# "김모(67)씨는", "권미래(47)씨": a person named with 씨.
_NAME_SSI_KO = re.compile(
    r"(?P<name>[가-힣]{2,3})(?:\(\d{1,3}\))?\s?씨(?=[는은가이의에와과를을도로])"
)
# An organisation by its suffix, with the short form in brackets: "남해과학기술원(남해과기원)".
_ORG_KO = re.compile(
    r"(?<![가-힣A-Za-z])(?P<name>[가-힣A-Za-z0-9&]{2,20}?)(?:\((?P<short>[가-힣A-Za-z0-9&]{2,12})\))?"
    r"(?=(?:은|는|이|가|의|과|와|도|에|을|를|측)?[\s,.])"
)


_ROLE_WORD = re.compile(rf"(?i:\b(?:{EN_ROLES})\b)")
# A possessive opening a capitalised run, with a name after it: "South Korea's ", "Britain's ".
_PLACE_OWNER = re.compile(r"(?:[A-Z][\w-]* )*[A-Z][\w-]*['’]s (?=[A-Z])")
_ORG_AFTER_ROLE = re.compile(
    rf"\b(?:of|at|for|with) (?:the )?({_CAP_WORD}(?: (?:of |for |and |& )?{_CAP_WORD})*)"
)
_ORG_OWNER = re.compile(rf"((?:the )?{_CAP_WORD}(?: {_CAP_WORD})*)['’]s\b")


def _offsets(text: str, form: str):
    """Every offset where `form` occurs in `text` (no regex: names are many, per text)."""
    start = text.find(form)
    while start >= 0:
        yield start
        start = text.find(form, start + 1)


def _word_offsets(text: str, form: str):
    """Offsets of `form` as a whole word."""
    for start in _offsets(text, form):
        end = start + len(form)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or after.isalnum()):
            yield start


def _two_organisations(name: str) -> tuple[str, str] | None:
    """Split "A Electronics and B Bank" when each side ends like an organisation's name."""
    left, found, right = name.partition(" and ")
    if not found or "," in left or len(left.split()) < 2 or len(right.split()) < 2:
        return None
    if re.search(r" (?:of|for|on) ", left):
        return None  # "Authority for Power and Gas Markets": the "and" joins its complement
    if left.split()[-1] in ORG_WORDS_EN:
        # "Vastmoor Steel and Orion Metalworks": the left is a whole name on its own (but
        # "Central Disaster and Safety Countermeasures Headquarters" is one body)
        return left, right
    described = re.match(r"[A-Z][\w.]*-based ", right)
    if described:  # "Taesan Energy Solution and Detroit-based Redline Motors": a second company
        return left, right[described.end() :]
    return None


def _has_word(name: str, words) -> bool:
    return any(word in name.split() for word in words)


def _is_public(entity: Entity) -> bool:
    return any(word in _PUBLIC_WORDS for word in entity.name.split()) or entity.name.endswith(
        ("부", "청", "처", "원", "위원회", "공사", "공단", "시", "도", "군", "구")
    )


def _is_short_form(short: str, full: str) -> bool:
    """ "Cheonji" for "Cheonji Semiconductor", "Rovers" for "Castlebridge Rovers FC".

    A single word may also be the last word of the name once a legal or club suffix
    is taken off (FC, Inc., Ltd.): news calls a club or a company by its distinctive
    word, never by the suffix.
    """
    short_words, full_words = short.split(), full.split()
    if len(short_words) >= len(full_words) or short in _ORG_WORD_ALONE:
        return False
    tail = full_words[len(short_words) :]
    if full_words[: len(short_words)] == short_words and all(
        w.rstrip(".,") in _GROUP_SUFFIXES for w in tail
    ):
        return True  # "Hanseo Financial" for "Hanseo Financial Group"
    if len(short_words) > 1 and (
        _looks_like_org_en(short) or (len(tail) > 1 and any(w in ORG_WORDS_EN for w in tail))
    ):
        # "Castlebridge Rovers" is a club, not its "Supporters' Trust"; "Hanbit Electronics
        # Research Institute" is a body of its own (but "Hanbit Financial" is "… Group")
        return False
    if full_words[: len(short_words)] == short_words:
        return True
    last = _without_suffix(full_words)[-1]
    return len(short_words) == 1 and short == last and short[0].isupper()


def _without_suffix(words: list[str]) -> list[str]:
    """A name's words without a trailing legal or club suffix (never all of them)."""
    while len(words) > 1 and words[-1].rstrip(".") in _NAME_SUFFIXES:
        words = words[:-1]
    return words


_NAME_SUFFIXES = frozenset("FC AFC SC CF Inc Co Corp Ltd PLC plc LLC AG SA NV GmbH".split())
# A full name may end in these without naming another body: "Hanseo Financial Group".
_GROUP_SUFFIXES = _NAME_SUFFIXES | {"Group", "Holdings", "Corporation", "Company"}


# Words that alone are a description ("the Ministry said"), never a short name.
_ORG_WORD_ALONE = frozenset(
    """Bank Ministry Office Agency Group Board Council Department Commission Committee
    Authority Institute University Court Police Government Service Party Union Association
    Center Centre Foundation Fund Exchange Company Corporation Bureau""".split()
)


def _is_fuller(longer: str, shorter: str) -> bool:
    """ "Maria Alvarez" is a fuller form of "Alvarez"."""
    short, long = shorter.split(), longer.split()
    return longer != shorter and len(short) < len(long) and all(w in long for w in short)


_TITLE_WORDS = re.compile(
    rf"^(?P<title>(?:{HONORIFIC_EN}|"
    rf"(?:[A-Z][a-z]+ )?(?i:{EN_ROLES})|Governor|Manager|Coach|Director|Senator|"
    rf"Representative|Judge|Justice|Mayor|President|Minister|Chancellor|Secretary|"
    rf"Commissioner|Chairman|Chairwoman|Chair|Professor|Superintendent|Inspector|Detective|"
    rf"Officer|Sergeant|Chief|Deputy|Acting|Interim|Former|Prime Minister|Vice President)"
    rf") (?P<rest>[A-Z].*)$"
)


_ABBREVIATION_END = re.compile(r"\b(?:Co|Corp|Inc|Ltd|Bros|Cos|Mfg)\.$")
# "… Resources on Monday": when it spoke, not part of its name.
_WHEN_AFTER_NAME = re.compile(WHEN_SPOKEN_EN + "$")
# A romanised Korean given name ("Seung-woo"): the person's name is its surname and it.
_GIVEN_NAME_KO = re.compile(r" [A-Z][a-z]+-[a-z]+$")


def _normalised(entity: Entity) -> Entity:
    """The name as a speaker: no article, no possessive, no trailing stop, no title."""
    name = entity.name.strip().strip("“”\"'‘’()")
    name = re.sub(r"^(?:the|The) ", "", name)
    name = re.sub(r"(?:['’]s|['’])$", "", name)
    name = _WHEN_AFTER_NAME.sub("", name).rstrip(",;:")
    if not _ABBREVIATION_END.search(name):
        name = name.rstrip(".")  # a full stop ends the sentence, not "Co." or "Inc."
    role = entity.role
    if entity.kind == "person" and len(name.split()) >= 3 and _GIVEN_NAME_KO.search(name):
        name = " ".join(name.split()[-2:])  # "Trade Ahn Seung-woo" of "Minister of Trade …"
    if entity.kind == "person":
        while True:
            titled = _TITLE_WORDS.match(name)
            honorific = titled and re.fullmatch(rf"(?:{HONORIFICS_EN})\.?", titled["title"])
            if not titled or (len(titled["rest"].split()) < 2 and not honorific):
                break  # "Ms Osei" is Osei; "Mayor Cole" may be all the name there is
            title, name = titled["title"], titled["rest"]
            if not re.fullmatch(rf"(?:{HONORIFICS_EN})\.?", title):
                role = role or title
    return Entity(name, entity.kind, role, entity.organization, entity.aliases)


def _looks_like_org_en(name: str) -> bool:
    """A capitalised phrase that names an organisation: it has an organisation word."""
    words = name.split()
    if not words or words[0] in _NOT_ORG_START:
        return False
    if _ROLE_WORD.search(name) and not any(w in ORG_WORDS_EN for w in words):
        return False
    return any(word.strip(".,") in ORG_WORDS_EN for word in words[1:] + words[:1]) or (
        "&" in words and len(words) >= 3
    )


def _overlapping(pattern: re.Pattern, text: str):
    """Matches of a name pattern, each search resuming after the first word of the last
    name: in "On Dock Street, Marisol Quintero, 44," the place must not hide the person."""
    position = 0
    while (match := pattern.search(text, position)) is not None:
        yield match
        first_word = re.match(r"\S+", text[match.start("name") :])
        position = match.start("name") + (len(first_word.group()) if first_word else 1)


def _plausible_person(name: str) -> bool:
    """A name, not an organisation or a capitalised phrase that opens a sentence."""
    words = name.split()
    return (
        words[0] not in _NOT_NAME_START
        and words[0].lower() not in DESCRIPTORS_EN  # "Rival Brandt said": a company
        and not any(word in ORG_WORDS_EN for word in words)
        and not any(word in _NOT_NAME_START for word in words[1:])
    )
