"""The key terms of a claim's subject, in either language: what a figure counts or measures.

Linking claims into figures (core.figure_rules) asks whether two subjects
speak of the same thing: "전 세계에 깔린 가온전자 기기" and "Gaon Electronics
devices installed worldwide" both count devices. A subject's words are cut at
spaces and punctuation, Korean particles are taken off their ends, and each
word is looked up in GLOSSARY, whose terms say the same thing in Korean and
English. A term is a *head* (the thing counted: devices, TVs, capital
expenditure) or an *aspect* (how it is counted: sold, installed, worldwide);
a word the glossary does not know counts as a head of its own, so two
subjects naming different unknown things never look alike. Names of
organisations and people are not terms: the caller takes them out first
(they are the claim's entity, compared on their own).

No stemming beyond particles and English plurals, no similarity scores: two
subjects share a term or they do not, and the evidence says which.
"""

from __future__ import annotations

import re

# concept → (kind, the words that say it). Extend it when a new beat needs it; the
# test of the multi-outlet fixtures shows what it must keep apart.
GLOSSARY: dict[str, tuple[str, tuple[str, ...]]] = {
    "device": ("head", ("기기", "디바이스", "device", "devices", "gadget", "gadgets")),
    "tv": ("head", ("tv", "tvs", "티비", "텔레비전", "television", "televisions")),
    "smartphone": ("head", ("스마트폰", "휴대폰", "smartphone", "smartphones", "handset")),
    "content": ("head", ("콘텐트", "콘텐츠", "content", "contents")),
    "capex": (
        "head",
        ("설비투자", "시설투자", "capex", "capital-expenditure", "capital-spending"),
    ),
    "rnd": ("head", ("연구개발", "r&d", "research-and-development")),
    "investment": ("head", ("투자", "investment", "investments")),
    "visit": ("head", ("방한", "방문", "visit", "trip")),
    "startup": ("head", ("스타트업", "startup", "startups", "start-up", "start-ups")),
    "employee": ("head", ("직원", "임직원", "employee", "employees", "staff", "workers")),
    "store": ("head", ("매장", "점포", "store", "stores", "shop", "shops")),
    "revenue": ("head", ("매출", "revenue", "revenues", "sales-revenue")),
    "profit": ("head", ("영업이익", "이익", "profit", "profits")),
    "user": ("head", ("사용자", "이용자", "user", "users")),
    "partner": ("aspect", ("파트너", "협력사", "partner", "partners", "partnership")),
    "sales": ("aspect", ("판매", "판매량", "판매한", "sold", "sales", "sell", "shipped", "출하")),
    "installed": ("aspect", ("설치", "깔린", "보급", "installed", "install", "base")),
    "global": ("aspect", ("전세계", "세계", "글로벌", "worldwide", "global", "world")),
    "cumulative": ("aspect", ("누적", "cumulative", "total", "to-date")),
    "interval": ("aspect", ("간격", "만의", "first", "since")),
    "plan": ("aspect", ("계획", "목표", "plan", "planned", "target")),
    "this_year": ("aspect", ("올해", "this-year", "annual")),
    "korea": ("aspect", ("한국", "국내", "korea", "korean", "seoul", "서울")),
}
# Words that say nothing about what is counted.
STOPWORDS = frozenset(
    """
    the a an of in on for to and by its their his her this that with from at as
    업체 회사 기업 company companies firm firms number 수 규모 대수 개수 건수 약 총
    ceo cfo 사장 대표 회장 부회장 본부장 president chief executive head chairman
    decade 만에 new more than over about nearly some
    """.split()
)
# Two- and three-word English terms written as one (see GLOSSARY's hyphenated words).
_PHRASES = {
    "capital expenditure": "capital-expenditure",
    "capital spending": "capital-spending",
    "research and development": "research-and-development",
    "this year": "this-year",
    "to date": "to-date",
    "sales revenue": "sales-revenue",
    "전 세계": "전세계",
}
PARTICLES = ("에서", "으로", "에게", "까지", "부터", "의", "가", "이", "은", "는", "을", "를",
             "와", "과", "에", "로", "도")  # fmt: skip
_WORD = re.compile(r"[0-9A-Za-z&'\-가-힣]+")
_TERM_OF = {word: concept for concept, (_, words) in GLOSSARY.items() for word in words}
_KIND_OF = {concept: kind for concept, (kind, _) in GLOSSARY.items()}


def words(subject: str) -> list[str]:
    """The subject's words, lower-cased, English phrases joined, Korean particles taken off."""
    text = subject.casefold()
    for phrase, joined in _PHRASES.items():
        text = text.replace(phrase, joined)
    found = []
    for word in _WORD.findall(text):
        word = word.strip("'-")
        if word.endswith("'s"):
            word = word[:-2]
        if word and "가" <= word[-1] <= "힣" and word not in _TERM_OF:
            for particle in PARTICLES:
                if word.endswith(particle) and len(word) - len(particle) >= 2:
                    word = word[: -len(particle)]
                    break
        if word:
            found.append(word)
    return found


def term(word: str) -> str | None:
    """The concept a word says, an unknown word as itself; None for words that say nothing."""
    if word in STOPWORDS or word.isdigit() or len(word) < 2 and not word.isalpha():
        return None
    if word in _TERM_OF:
        return _TERM_OF[word]
    if word.isascii() and word.endswith("s") and word[:-1] in _TERM_OF:
        return _TERM_OF[word[:-1]]
    if word.isascii() and word.endswith("s") and len(word) > 3:
        return word[:-1]  # "chips" and "chip" are one unknown head
    return word


def key_terms(
    subject: str | None, skip: frozenset[str] = frozenset()
) -> tuple[frozenset, frozenset]:
    """(heads, aspects) of a subject; `skip` holds words to leave out (entity names)."""
    if not subject:
        return frozenset(), frozenset()
    heads, aspects = set(), set()
    for word in words(subject):
        if word in skip:
            continue
        concept = term(word)
        if concept is None:
            continue
        (aspects if _KIND_OF.get(concept) == "aspect" else heads).add(concept)
    return frozenset(heads), frozenset(aspects)
