"""People and organisations a text introduces, and short forms resolved to them.

News copy introduces a person once in full ("NAME ORG ROLE", "ORG의 NAME ROLE",
"NAME, ROLE of ORG", "ORG ROLE NAME") and then uses a short form: a surname and
title ("홍 사장"), a family name ("Smith", "Ms. Kim") or a pronoun. `SpeakerIndex`
collects the introductions from the whole text and resolves such short forms, by
pattern only: it knows titles and name shapes, never particular people.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import NamedTuple

from extractor.morphology import Morpheme, analyse
from extractor.sentences import split_sentences


@dataclass(frozen=True)
class SpeakerMention:
    """Who stated a number, as the text names them: a person with role and organisation,
    or an organisation. Not a stored speaker (`schema.models.Speaker`): the API matches
    a mention to one by name or alias."""

    name: str
    role: str | None = None
    organization: str | None = None
    kind: str = "person"

    def to_dict(self) -> dict:
        """JSON-ready fields, in a stable order."""
        return asdict(self)


KO_ROLES = (
    "대표이사 부대표 대표 부사장 사장 부회장 회장 의장 최고경영자 최고운영책임자 최고재무책임자 "
    "최고기술책임자 최고전략책임자 사업본부장 본부장 부문장 사업부장 센터장 연구소장 소장 원장 "
    "총장 청장 처장 실장 국장 부장 팀장 과장 차장 이사 전무 상무 위원장 연구위원 위원 장관 "
    "차관 부총리 총리 대통령 의원 대변인 교수 연구원 애널리스트 이코노미스트 창업자 총재 "
    "행장 지사 구청장 시장 감독 대사 사무총장 수석 변호사 박사 단장 회장단 매니저 디렉터 "
    "군수 도지사 교육감 예보분석관 분석관 책임연구원 선임연구원 수석연구원 연구관 과장 주무관 "
    "위원 대표변호사 원내대표 사무관 사무국장 국장 지부장 회장 조합장 위원장 부위원장 "
    "공동대표 센터장 병원장 교장 관장 팀장 실장 본부장 상무이사 전무이사 감독관 코치 선수 "
    "주장 구단주 단장 의원 "
    # offices named by their unit plus 장, and the bench and the board
    "공장장 지점장 점장 편집장 학장 부원장 부총장 부시장 부지사 부행장 이사장 부이사장 "
    "사무처장 부장판사 판사 재판장 고문 연구책임자 기획관 정책관 대변인실장 회계사 세무사"
).split()
EN_ROLE_WORDS = ("CEO", "CFO", "COO", "CTO", "CSO", "CIO")
SURNAMES_KO = frozenset(
    "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 "
    "심 노 하 곽 성 차 주 우 구 민 진 나 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 "
    "마 길 연 위 표 명 기 반 라 왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용 예 경 봉 사 부 가 복 "
    "태 목 형 피 두 감 음 빈 동 온 호 범 좌 팽 승 간 상 갈 단 견 당".split()
)
COMPOUND_SURNAMES_KO = ("남궁", "황보", "제갈", "선우", "독고", "사공", "서문")
_ROLE_KO = "|".join(sorted(KO_ROLES + list(EN_ROLE_WORDS), key=len, reverse=True))
# A role token may carry a prefix and a parenthesis: "HE(TV)사업본부장", "최고경영자(CEO)".
ROLE_TOKEN_KO = re.compile(
    rf"(?<![^\s(“‘,·])(?P<role>[^\s,“”]*?(?:{_ROLE_KO})(?:\([^()\s]*\))?)"
    r"(?=$|[^가-힣]|[은는이가의과와도을를에게께서으로측인던만]{1,3}(?![가-힣]))"
)

# Courtesy titles and their abbreviations, written before a name ("Cllr Aisha Rahman",
# "Ms Rahman", "Gov. Laura Whitfield"): never part of the name, and never a role.
HONORIFICS_EN = "Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Cllr|Sir|Dame|Lord|Lady|Rev|Revd|Fr"
# Abbreviated offices written the same way; unlike a courtesy title, they are a role.
TITLE_ABBREVIATIONS_EN = "Gov|Sen|Rep|Gen|Col|Capt|Lt|Sgt|Supt|Insp|Det|Cllr"
# Either, as it stands before a name: "Dr.", "Cllr", "Sgt."
HONORIFIC_EN = rf"(?:{HONORIFICS_EN}|{TITLE_ABBREVIATIONS_EN})\.?"

EN_ROLES = (
    "chief executive officer|chief executive|chief financial officer|chief operating officer|"
    "chief technology officer|chief economist|chief strategist|chief investment officer|"
    "executive vice president|senior vice president|vice president|managing director|"
    "general manager|deputy governor|deputy minister|finance minister|prime minister|"
    "foreign minister|trade minister|industry minister|"
    "CEO|CFO|COO|CTO|president|chairman|chairwoman|chairperson|chair|minister|"
    "spokesperson|spokesman|spokeswoman|analyst|economist|director|head|professor|"
    "governor|mayor|secretary|founder|co-founder|manager|researcher|senator|lawmaker|"
    "official|strategist|commissioner|ambassador|adviser|advisor|partner|executive|"
    "fellow|lecturer|dean|chancellor|editor|representative|coach|captain|chief|councillor|"
    "councilman|councilwoman|council member|cabinet member|opposition leader|leader|"
    "meteorologist|forecaster|attorney|lawyer|solicitor|barrister|prosecutor|judge|detective|"
    "inspector|sergeant|superintendent|sheriff|chief constable|constable|curator|"
    "archaeologist|scientist|engineer|historian|consultant|principal|headteacher|"
    "head teacher|striker|midfielder|defender|goalkeeper|MP|MSP|congressman|congresswoman|"
    "assemblyman|assemblywoman|lawmaker|legislator|author|co-author"
)
# Words that describe an organisation at the start of a sentence ("Rival Acme said").
DESCRIPTORS_EN = frozenset(
    "rival startup start-up carmaker automaker chipmaker retailer lender insurer conglomerate "
    "regulator broker brokerage airline fintech parent unit subsidiary peer competitor "
    "automaker's distributor grocer operator exporter importer supplier manufacturer watchdog "
    "organiser organizer broadcaster publisher shipbuilder steelmaker drugmaker refiner "
    "developer".split()
)
_EN_NAME_WORD = r"(?:Mc|Mac|O')?[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?"
EN_NAME = rf"{_EN_NAME_WORD}(?: (?:[A-Z]\. )?{_EN_NAME_WORD}){{1,2}}"
_EN_ORG = r"(?:the )?[A-Z][\w&.-]*(?: (?:of |and |& )?[A-Z][\w&.-]*){0,4}"
EN_INTRODUCTIONS = (
    # "Jane Smith, chief executive of Acme Corp." / "Jane Smith, Acme's chief executive"
    re.compile(
        rf"(?P<name>{EN_NAME}), (?:the |a |an )?(?:(?P<org1>{_EN_ORG})'s? )?"
        rf"(?P<role>(?:[a-z-]+ )?(?i:{EN_ROLES}))(?: (?:of|at|for|with) (?P<org2>{_EN_ORG}))?"
    ),
    # "Acme CEO Jane Smith", "Finance Minister John Doe", "analyst Kim Min-ji of Acme"
    re.compile(
        rf"(?:(?P<org1>{_EN_ORG}) )?(?P<role>(?i:{EN_ROLES})) (?P<name>{EN_NAME})"
        rf"(?: (?:of|at) (?P<org2>{_EN_ORG}))?"
    ),
)
ORG_SUFFIXES_KO = (
    "전자", "그룹", "은행", "증권", "자동차", "건설", "화학", "제약", "바이오", "공사", "공단",
    "재단", "협회", "연구원", "연구소", "대학교", "대학", "위원회", "코리아", "홀딩스", "통신",
    "텔레콤", "생명", "보험", "카드", "중공업", "산업", "물산", "엔터테인먼트", "부", "청", "처",
    "정부", "당국", "에너지", "반도체", "디스플레이", "이노텍", "솔루션", "모터스", "항공",
    "로직스", "리서치", "인사이트", "벤처스", "파트너스", "캐피탈", "자산운용", "투자증권", "테크",
    "테크놀로지", "랩스", "소프트", "시스템즈", "네트웍스", "모빌리티", "푸드", "헬스케어",
    "메디컬",
    "엔지니어링", "상사", "해운", "조선", "철강", "정유", "미디어", "스튜디오", "픽처스", "필름",
    "연합회", "조합", "노조", "노동조합", "당", "센터", "진흥원", "병원", "의료원",
    "연구회", "학회", "포럼", "기금", "펀드", "거래소", "시", "군", "구", "도청", "시청", "군청",
    "구청", "본부", "사무국", "사무처", "위원회", "협의회", "연맹", "재단법인", "유통공사",
    "데이터랩", "애널리틱스", "코퍼레이션", "인베스트먼트", "글로벌", "인터내셔널",
    "법원", "검찰청", "지검", "고검", "경찰서", "소방서", "과학기술원", "기술원", "과기원",
    "박물관", "미술관", "학교", "지원단", "사업단", "추진단", "관리단", "케미칼", "케미컬",
    "머티리얼즈", "바이오텍", "로보틱스", "일렉트릭", "인더스트리", "하우징", "커머스", "뱅크",
    "게임즈", "제약사", "증권사",
)  # fmt: skip
PRONOUNS_EN = ("he", "she", "him", "her")


# The endings by length, longest first: the longest one a word ends with is its suffix.
# A lookup per length is a tenth of the time of a `$`-anchored alternation, which tries
# every ending at every position of the word (this runs for every word before a role).
_ORG_SUFFIX_SETS = tuple(
    (length, frozenset(s for s in ORG_SUFFIXES_KO if len(s) == length))
    for length in sorted({len(s) for s in ORG_SUFFIXES_KO}, reverse=True)
)


def _org_suffix(word: str) -> str | None:
    """The longest organisation ending of `word` (before one final newline, as `$` reads)."""
    if word.endswith("\n"):
        word = word[:-1]
    for length, suffixes in _ORG_SUFFIX_SETS:
        if len(word) >= length and word[-length:] in suffixes:
            return word[-length:]
    return None


def has_org_suffix(word: str) -> bool:
    """A Korean word ending like an organisation's name: 한빛전자, 해온시, 시민개혁당.

    One-syllable endings (시, 군, 구, 당, 부, 청, 처) count only on words of three
    syllables or more, so 도시 or 정부부처 alone do not.
    """
    if ")" in word:
        word = re.sub(r"\([^)]*\)$", "", word)
    if len(word) >= 5 and word.endswith("원") and re.fullmatch(r"[가-힣]+", word):
        return True  # 국토주택정보원, 한국교육과정평가원: a public institute's name
    suffix = _org_suffix(word)
    if suffix is None or suffix == word:
        return False
    return len(suffix) > 1 or len(word) >= 3


ORG_ANAPHOR_NOUNS_EN = (
    "company|firm|group|bank|ministry|government|agency|regulator|carmaker|automaker|"
    "chipmaker|retailer|startup|department|central bank|office|lender|think tank|institute|"
    "foundation|steelmaker|airline|insurer"
)
ORG_ANAPHORS_EN = re.compile(rf"^the (?:{ORG_ANAPHOR_NOUNS_EN})$", re.IGNORECASE)


_EN_SENTENCE_SUBJECT = re.compile(
    r"(?:(?:The|Rival|Startup|Carmaker|Chipmaker|Retailer|Lender|Insurer) )?"
    r"(?P<org>[A-Z][\w&.-]*(?: (?:of |and |& )?[A-Z][\w&.-]*){0,4})(?:,| [a-z])"
)
_EN_NOT_ORG_START = frozenset(
    "The A An In On At It Its This That These Those But And Yet So If When While After Before "
    "Since Last Next Over Under About More Most Some Many Nearly Officials Analysts He She They "
    "We I Chief Coach Governor Flooding Inflation Revenue Sales Exports Imports Demand Tickets "
    "Kickoff Real Shares Prices".split()
)


def _looks_like_org_en(phrase: str, text: str) -> bool:
    """A capitalised sentence subject that names an organisation, not a person or a noun.

    A single word counts only when the text also capitalises it mid-sentence, so
    "Home prices rose" does not make "Home" an organisation.
    """
    words = phrase.split()
    if words[0] in _EN_NOT_ORG_START or re.fullmatch(HONORIFIC_EN, words[0]):
        return False
    if re.search(rf"(?i:\b(?:{EN_ROLES})\b)", phrase):
        return False  # "Housing Minister Grace Lim": a person with a title
    if len(words) >= 2:
        return True
    return re.search(rf"[a-z,] {re.escape(phrase)}\b", text) is not None


# Groups that speak for their institution (LABELLING.md section 7): a research team for
# its university or institute, a court's panel for the court. Never a person's name.
GROUPS_KO = re.compile(
    r"(?:공동[ ]?)?(?:연구팀|연구진|연구단|조사단|발굴단|조사팀|재판부|판결문)$"
    r"|(?:형사|민사|행정|가사)\d{1,2}부$|제\d{1,2}(?:형사|민사)부$"  # a court's division
)


def is_korean_name(word: str) -> bool:
    """A Korean personal name: surname + given name, three (or four) syllables."""
    if not re.fullmatch(r"[가-힣]{3,4}", word) or GROUPS_KO.fullmatch(word):
        return False
    if len(word) == 4:
        return word[:2] in COMPOUND_SURNAMES_KO
    return word[0] in SURNAMES_KO


def _looks_like_org_ko(word: str) -> bool:
    """An organisation name: Latin letters, ㈜, or a typical company suffix."""
    return bool(re.search(r"[A-Za-z㈜]|\(주\)", word)) or has_org_suffix(word)


class SpeakerIndex:
    """People and organisations introduced in one text, for resolving short forms."""

    def __init__(self, text: str, language: str) -> None:
        """Collect every full introduction in `text`, in order of appearance."""
        self.people: list[tuple[int, SpeakerMention]] = []
        self.organizations: list[tuple[int, str]] = []
        if language == "ko":
            self._collect_korean(text)
        else:
            self._collect_english(text)
        self.people.sort(key=lambda item: item[0])

    # --- collecting introductions ---------------------------------------------------
    def _add_person(self, offset: int, speaker: SpeakerMention) -> None:
        """Keep the first full introduction; fill in a role or organisation it lacked."""
        for index, (seen_at, known) in enumerate(self.people):
            if speaker.name in known.name.split() and speaker.name != known.name:
                return  # "Smith" after "Jane Smith": a short form, not a new person
            if known.name in speaker.name.split() and speaker.name != known.name:
                self.people[index] = (seen_at, speaker)  # the full name came later
                return
            if known.name == speaker.name:
                if (known.role is None and speaker.role) or (
                    known.organization is None and speaker.organization
                ):
                    merged = SpeakerMention(
                        known.name,
                        known.role or speaker.role,
                        known.organization or speaker.organization,
                    )
                    self.people[index] = (seen_at, merged)
                return
        self.people.append((offset, speaker))
        if speaker.organization:
            self.organizations.append((offset, speaker.organization))

    def _collect_korean(self, text: str) -> None:
        """Find "NAME ORG ROLE", "ORG(의) NAME ROLE" and "NAME ROLE" introductions."""
        for sentence in split_sentences(text):
            if not ROLE_TOKEN_KO.search(sentence.text):
                continue
            morphemes = analyse(sentence.text)
            for match in ROLE_TOKEN_KO.finditer(sentence.text):
                words = [
                    _Word(word, tuple(m for m in morphemes if start <= m.start < start + len(word)))
                    for start, word in words_before(sentence.text, match.start())
                ]
                person = _korean_introduction(words, match["role"]) if words else None
                if person is not None:
                    self._add_person(sentence.start + match.start(), person)

    def _collect_english(self, text: str) -> None:
        """Find "NAME, ROLE of ORG" and "ORG ROLE NAME" introductions."""
        for pattern in EN_INTRODUCTIONS:
            for match in pattern.finditer(text):
                name = match["name"]
                if name.split()[0] in ("The", "A", "An", "According", "In", "On", "But"):
                    continue
                org = match["org1"] or match["org2"]
                if org and org.split()[0].lower() in ("a", "an"):
                    org = None
                role = match["role"]
                self._add_person(match.start("name"), SpeakerMention(name, role, org))
                if org:
                    self.organizations.append((match.start(), org))
        for sentence in split_sentences(text):
            subject = _EN_SENTENCE_SUBJECT.match(sentence.text)
            if subject and _looks_like_org_en(subject["org"], text):
                self.organizations.append((sentence.start, subject["org"]))
        self.organizations.sort()

    # --- resolving --------------------------------------------------------------------
    def person_named(self, phrase: str, before: int | None = None) -> SpeakerMention | None:
        """Resolve a full name or a short form ("홍 사장", "Ms. Smith", "Smith")."""
        phrase = re.sub(rf"^{HONORIFIC_EN} ", "", phrase.strip())
        words = phrase.split()
        if not words:
            return None
        candidates = [speaker for offset, speaker in self.people]
        for speaker in candidates:
            if speaker.name == phrase or (len(words) > 1 and speaker.name == " ".join(words[:-1])):
                return speaker
        for speaker in candidates:
            if speaker.name in words or phrase.startswith(speaker.name + " "):
                return speaker
            if phrase.endswith(" " + speaker.name):
                return speaker  # "Governor Helen Marsh", "Coach Elena Ruiz"
        head = words[0]
        role = words[-1] if len(words) > 1 else None
        matches = [s for s in candidates if _short_form_fits(s.name, head)]
        if len(matches) > 1 and role:
            by_role = [s for s in matches if s.role and role in s.role]
            matches = by_role or matches
        if matches:
            if before is not None:
                earlier = [s for o, s in self.people if o < before and s in matches]
                if earlier:
                    return earlier[-1]
            return matches[0]
        return None

    def latest_person(self, before: int) -> SpeakerMention | None:
        """The person introduced most recently before `before`, for "he"/"she"."""
        earlier = [speaker for offset, speaker in self.people if offset < before]
        return earlier[-1] if earlier else None

    def latest_organization(self, before: int) -> str | None:
        """The organisation named most recently before `before`, for "the company"."""
        earlier = [name for offset, name in self.organizations if offset < before]
        return earlier[-1] if earlier else None

    def note_organization(self, offset: int, name: str) -> None:
        """Remember an organisation seen as a subject, for later "the company"."""
        self.organizations.append((offset, name))
        self.organizations.sort()


def _short_form_fits(full_name: str, head: str) -> bool:
    """True when `head` is the surname (Korean) or a name word (English) of `full_name`."""
    parts = full_name.split()
    if len(parts) == 1 and is_korean_name(full_name):
        return head == full_name[0] or (len(full_name) == 4 and head == full_name[:2])
    return head in parts


_ENDS_WITH_PARTICLE = re.compile(r"[가-힣](?:은|는|이|가|을|를|에서|에|와|과|도)$")


def _particle_ended(word: str) -> bool:
    """A word that ends a clause with a particle (a name such as 김지은 does not)."""
    return bool(_ENDS_WITH_PARTICLE.search(word)) and not is_korean_name(word)


def words_before(text: str, end: int) -> list[tuple[int, str]]:
    """Up to four space-separated words right before `end`, nearest last."""
    words: list[tuple[int, str]] = []
    cursor = end
    for _ in range(4):
        match = re.search(r"(\S+)[ \u00a0]+$", text[max(0, cursor - 40) : cursor])
        if not match:
            break
        start = max(0, cursor - 40) + match.start(1)
        word = match.group(1)
        if re.search(r"[,.“”\"]", word) or _particle_ended(word):
            word = re.split(r"[,.“”\"]", word)[-1]
            if word and not _particle_ended(word):
                words.insert(0, (start + len(match.group(1)) - len(word), word))
            break
        words.insert(0, (start, word))
        cursor = start
    return words


class _Word(NamedTuple):
    """A space-separated word with the Kiwi morphemes read for it in its sentence."""

    text: str
    morphemes: tuple[Morpheme, ...]


# Nouns that open a clause but never belong to a name or an organisation.
_NOT_NAME_WORDS = frozenset(
    "이날 전날 지난달 올해 지난해 내년 당시 현재 최근 오늘 내일 어제 한편 특히 또한 이번 앞서 향후 "
    "그동안 신임 전임 현 전 당초 이후 직후 오후 오전 사진 왼쪽부터 오른쪽부터".split()
)


def _korean_introduction(words: list[_Word], role: str) -> SpeakerMention | None:
    """Read name and organisation from the words right before a title."""
    # "윤태경(58) 그린포트 대표": an age in brackets after the name is not part of it.
    words = [
        _Word(re.sub(r"\(\d{1,3}\)$", "", w.text), w.morphemes) if re.search(r"\(\d{1,3}\)$",
              w.text) else w for w in words
    ]  # fmt: skip
    tokens = [word.text for word in words]
    # Prefer a word Kiwi reads as a proper noun, then the leftmost: in "윤성필 가온대병원
    # 피부과 교수" the name comes first and 피부과 only looks like one.
    names = [i for i in range(len(words)) if _is_name_in_context(words[i])]
    proper = [i for i in names if any(m.tag == "NNP" for m in words[i].morphemes)]
    name_index = (proper or names or [None])[0]
    if name_index is not None:
        name = tokens[name_index]
        after = words[name_index + 1 :]
        org = None
        if after and all(_proper_word(w) or _looks_like_org_ko(w.text) for w in after):
            org = " ".join(word.text for word in after)
        elif not after and name_index > 0:
            last = tokens[name_index - 1]
            if last.endswith("의") and len(last) > 2:
                org = last[:-1]
            elif _proper_word(words[name_index - 1]) and _looks_like_org_ko(last):
                org = last
        return SpeakerMention(name, role, org)
    proper: list[str] = []
    for word in reversed(words):
        if not _proper_word(word):
            break
        proper.insert(0, word.text)
    proper = proper[-3:]
    if not proper:
        return None
    if len(proper) >= 3:
        return SpeakerMention(" ".join(proper[:2]), role, " ".join(proper[2:]))
    if len(proper) == 2:
        if _looks_like_org_ko(proper[1]):
            return SpeakerMention(proper[0], role, proper[1])
        if _looks_like_org_ko(proper[0]):
            return SpeakerMention(proper[1], role, proper[0])
        return SpeakerMention(" ".join(proper), role, None)
    if _looks_like_org_ko(proper[0]) or len(proper[0]) < 2:
        return None  # "홍 사장" is a short form, resolved later, not an introduction
    return SpeakerMention(proper[0], role, None)


def _is_name_in_context(word: _Word) -> bool:
    """A Korean personal name: name-shaped, and read by Kiwi as nouns only."""
    if not is_korean_name(word.text) or word.text in _NOT_NAME_WORDS:
        return False
    nouns = [m for m in word.morphemes if m.tag not in ("SSO", "SSC", "SN")]
    if all(m.tag == "NNG" for m in nouns) and word.text[-1] in "과부팀실국청소회단원처관":
        return False  # 피부과, 영업부: a department, not a person
    return bool(nouns) and all(m.tag in ("NNP", "NNG") for m in nouns)


def _proper_word(word: _Word) -> bool:
    """A word made only of proper nouns, Latin letters or company marks (no particles)."""
    text = word.text
    if text in _NOT_NAME_WORDS:
        return False
    if re.fullmatch(r"[A-Za-z0-9&㈜().·-]+", text) or re.fullmatch(r"\(주\)\S+", text):
        return True
    tags = [m.tag for m in word.morphemes]
    if not tags:
        return False
    if all(tag in ("NNP", "SL", "SH", "SW", "SN") for tag in tags):
        return True
    return _looks_like_org_ko(text) and all(tag[0] == "N" or tag in ("SL", "SH") for tag in tags)
