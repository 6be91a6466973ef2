"""Citations never misattribute, in either language, read back by real clients.

A Korean and an English article of our own, with a claim of every attribution
kind (a direct quote with and without a named speaker, an indirect quote, an
according-to, narration), speakers with and without English names, and an
article with and without a URL. Every format is checked in both languages:
the text formats for who is quoted and which words stand in quotation marks,
CSL-JSON through pandoc's citeproc, schema.org JSON-LD through pyld.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pyld import jsonld

from core.citations import FORMATS, NOT_LATIN
from tests.conftest import AUTH

KO_TEXT = (
    "한빛전자는 올해 매출이 12조원에 이를 것이라고 밝혔다. 김민수 한빛전자 사장은 “우리는 올해 "
    "전국에 매장 45곳을 새로 열고, 직원도 1200명가량 더 뽑아 내년에는 해외 진출까지 준비하겠다. "
    "고객 한 분 한 분에게 더 가까이 다가가는 것이 목표다”라고 말했다. 업계에 따르면 한빛전자의 "
    "시장 점유율은 약 18%다. 한 관계자는 “재고가 3만 대 넘게 쌓였다”고 전했다. 이영희 한빛연구소 "
    "연구원은 “효율이 7% 올랐다”고 말했다. 한빛전자는 1987년 설립됐다."
)
EN_TEXT = (
    "Harbor Motors will spend $3 billion on a new plant, the company said on Monday. "
    "“We expect to hire about 1,200 people over two years,” said Maria Lopez, the "
    "company's chief executive."
)
SPEAKERS = [
    {"id": "kim-min-su", "name": "김민수", "name_en": "Kim Min-su", "kind": "person",
     "role": "사장", "role_en": "president", "organization": "한빛전자",
     "organization_en": "Hanbit Electronics"},
    {"id": "lee-young-hee", "name": "이영희", "kind": "person", "role": "연구원",
     "organization": "한빛연구소"},
    {"id": "hanbit", "name": "한빛전자", "name_en": "Hanbit Electronics", "kind": "organization"},
    {"id": "maria-lopez", "name": "Maria Lopez", "kind": "person", "role": "chief executive",
     "organization": "Harbor Motors"},
    {"id": "harbor-motors", "name": "Harbor Motors", "kind": "organization"},
]  # fmt: skip
KO_CLAIMS = [  # stated_as, value, unit, kind, qualifier, attribution, speaker
    ("12조원", 12_000_000_000_000, "KRW", "money", "exact", "indirect_quote", "hanbit"),
    ("45곳", 45, "places", "count", "exact", "direct_quote", "kim-min-su"),
    ("1200명가량", 1200, "people", "count", "approx", "direct_quote", "kim-min-su"),
    ("약 18%", 18, "percent", "percent", "approx", "according_to", None),
    ("3만 대", 30000, "units", "count", "more_than", "direct_quote", None),
    ("7%", 7, "percent", "percent", "exact", "direct_quote", "lee-young-hee"),
    ("1987년", 1987, "year", "date", "exact", "narration", None),
]
EN_CLAIMS = [
    ("$3 billion", 3_000_000_000, "USD", "money", "exact", "indirect_quote", "harbor-motors"),
    ("about 1,200", 1200, "people", "count", "approx", "direct_quote", "maria-lopez"),
]
CASES = [("ko-doc", *c) for c in KO_CLAIMS] + [("en-doc", *c) for c in EN_CLAIMS]
LANGS = ("ko", "en")


@pytest.fixture
def world(client) -> dict[str, dict]:
    """Our two articles, their speakers and claims, posted through the API: stated_as → claim."""
    documents = [
        {"id": "ko-doc", "title": "한빛전자, 매장 45곳 새로 연다",
         "title_en": "Hanbit to open 45 stores", "outlet": "한빛일보",
         "outlet_en": "Hanbit Daily", "url": None, "author": "박기자",
         "published": "2024-05-02", "language": "ko", "text": KO_TEXT},
        {"id": "en-doc", "title": "Harbor Motors plans a plant", "outlet": "Harbor Times",
         "url": "https://news.example/harbor-plant", "author": "Ann Lee",
         "published": "2024-06-03", "language": "en", "text": EN_TEXT},
    ]  # fmt: skip
    for document in documents:
        assert client.post("/v1/documents", json=document, headers=AUTH).status_code == 201
    for speaker in SPEAKERS:
        response = client.post("/v1/speakers", json=speaker, headers=AUTH)
        assert response.status_code == 201, response.json
    made = {}
    for document, stated, value, unit, kind, qualifier, attribution, speaker in CASES:
        body = {"document": document, "stated_as": stated, "value": value, "unit": unit,
                "kind": kind, "qualifier": qualifier, "attribution": attribution,
                "speaker": speaker}  # fmt: skip
        response = client.post("/v1/claims", json=body, headers=AUTH)
        assert response.status_code == 201, response.json
        made[stated] = response.json
    return made


def cite(client, claim: dict, fmt: str, lang: str):
    response = client.get(f"/v1/claims/{claim['id']}/citation?format={fmt}&lang={lang}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == FORMATS[fmt].media_type.partition(";")[0]
    return response


QUOTED = re.compile(r"“([^”]*)”")


def quoted_passages(citation: str, claim: dict) -> list[str]:
    """What a citation puts in quotation marks, less the article's title."""
    title = re.escape(claim["document"]["title_en"] or claim["document"]["title"])
    return [q for q in QUOTED.findall(citation) if not re.fullmatch(title, q)]


def source_words(claim: dict) -> str:
    """The only words a citation may quote: the speaker's own, or the outlet's sentence."""
    words = claim["source"]["quote"]
    if claim["attribution"] == "direct_quote" and words:
        return words["exact"]
    return claim["source"]["sentence"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("stated", [case[1] for case in CASES])
def test_quotation_marks_hold_only_the_words_of_whom_they_name(client, world, stated, fmt, lang):
    claim = world[stated]
    citation = cite(client, claim, fmt, lang).get_data(as_text=True)
    (passage,) = quoted_passages(citation, claim)
    if fmt == "markdown":
        assert f"**{stated}**" in passage
        passage = passage.replace("**", "").replace("\\", "")
    passage = passage.translate(str.maketrans("‘’", "“”"))
    for piece in passage.split("…"):
        assert piece.strip() in source_words(claim), (citation, piece)
    speaker = claim["speaker"]
    direct = claim["attribution"] == "direct_quote"
    outlet = claim["document"]["outlet_en" if lang == "en" else "outlet"]
    outlet = outlet or claim["document"]["outlet"]
    if direct:
        # The speaker's words, never the reporter's frame around them.
        assert not re.search(r"말했다|전했다|said", passage)
        opening = speaker["name_en" if lang == "en" else "name"] if speaker else None
        opening = opening or (speaker and speaker["name"])
        expected = opening or ("An unnamed speaker" if lang == "en" else "이름이 밝혀지지")
        assert citation.startswith(expected), citation
        assert (" said “" if lang == "en" else "말했다(") in citation
    else:
        # The reporter's sentence, quoted as the outlet's text.
        assert citation.startswith(outlet), citation
        assert ("reported" if lang == "en" else "보도했다") in citation
        if speaker:
            assert (f"attributing it to {speaker['name']}" if lang == "en" else "인용해") in (
                citation.replace("Hanbit Electronics", "한빛전자")
                if lang == "ko"
                else citation.replace("Hanbit Electronics", speaker["name"])
            )


def test_a_long_quote_is_trimmed_around_the_number(client, world):
    claim = world["1200명가량"]
    citation = cite(client, claim, "text", "ko").get_data(as_text=True)
    (passage,) = quoted_passages(citation, claim)
    assert passage.startswith("…") and passage.endswith("…")
    assert "1200명가량" in passage and len(passage) < len(claim["source"]["quote"]["exact"])
    assert citation.startswith("김민수 한빛전자 사장은 “…")
    assert "”이라고 말했다(한빛일보, 2024-05-02)" in citation or "”라고 말했다(" in citation


@pytest.mark.parametrize("stated", [case[1] for case in CASES])
def test_english_citations_show_no_untranslated_roles_or_names_of_places(client, world, stated):
    claim = world[stated]
    citation = cite(client, claim, "text", "en").get_data(as_text=True)
    outside = QUOTED.sub("", citation)
    speaker = claim["speaker"]
    allowed = speaker["name"] if speaker and not speaker["name_en"] else None
    leftover = outside.replace(allowed, "") if allowed else outside
    assert not NOT_LATIN.search(leftover), citation
    assert "(" not in citation.split("“")[0], "no bracket pile of names"


def test_english_names_are_used_and_unknown_ones_left_out(client, world):
    kim = cite(client, world["45곳"], "text", "en").get_data(as_text=True)
    assert kim.startswith("Kim Min-su, president of Hanbit Electronics, said “")
    assert "(Hanbit Daily, 2 May 2024)" in kim and "“Hanbit to open 45 stores”" in kim
    lee = cite(client, world["7%"], "text", "en").get_data(as_text=True)
    assert lee.startswith("이영희 said “효율이 7% 올랐다” (Hanbit Daily, 2 May 2024).")
    maria = cite(client, world["about 1,200"], "text", "en").get_data(as_text=True)
    assert maria.startswith("Maria Lopez, chief executive of Harbor Motors, said “")
    assert "https://news.example/harbor-plant" in maria
    korean = cite(client, world["45곳"], "text", "ko").get_data(as_text=True)
    assert korean.startswith("김민수 한빛전자 사장은 “")
    assert "https://" not in korean and "None" not in korean, "no URL is invented"


def test_seed_quote_cites_the_ceos_words_not_the_reporters(client):
    text = client.get("/v1/claims/3/citation").get_data(as_text=True)
    assert text.startswith("조주완 LG전자 CEO는 “메타의 AI 언어모델과 전 세계 5억 대 이상")
    assert "조 사장은" not in text and "강조했다" not in text
    english = client.get("/v1/claims/3/citation?lang=en").get_data(as_text=True)
    assert english.startswith("Cho Joo-wan, CEO of LG Electronics, said “")
    assert "(JoongAng Ilbo, 28 Feb 2024)" in english
    capex = client.get("/v1/claims/8/citation?lang=en").get_data(as_text=True)
    assert capex.startswith("JoongAng Ilbo reported, attributing it to Meta Platforms: “지난달")


# --- claims that are not cited ----------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("status", ["retracted", "rejected", "candidate"])
def test_claims_that_do_not_stand_are_refused_with_409(client, fmt, status):
    etag = client.get("/v1/claims/6").headers["ETag"]
    if status == "retracted":
        response = client.delete("/v1/claims/6?reason=misheard%20figure", headers=AUTH)
    else:
        response = client.patch(
            "/v1/claims/6",
            json={"status": status, "reason": "review again"},
            headers={**AUTH, "If-Match": etag},
        )
    assert response.status_code == 200, response.json
    refused = client.get(f"/v1/claims/6/citation?format={fmt}")
    assert refused.status_code == 409
    assert refused.mimetype == "application/problem+json"
    assert status in refused.json["detail"] and refused.json["instance"] == "/v1/claims/6/citation"
    assert refused.json["type"] == "/problems/claim-not-citable"


# --- real clients ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_pandoc_citeproc_renders_every_csl_item(client, world, tmp_path, lang):
    assert shutil.which("pandoc"), "make test installs pandoc"
    items = [item for c in world.values() for item in cite(client, c, "csl-json", lang).json]
    items += cite(client, client.get("/v1/claims/3").json, "csl-json", lang).json
    (tmp_path / "refs.json").write_text(json.dumps(items, ensure_ascii=False), "utf-8")
    keys = "; ".join(f"@{item['id']}" for item in items)
    (tmp_path / "doc.md").write_text(f"Claims [{keys}].\n\n# References\n", "utf-8")
    result = subprocess.run(
        ["pandoc", "--citeproc", "--bibliography", "refs.json", "-t", "plain", "doc.md"],
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0 and not result.stderr, result.stderr
    output = " ".join(result.stdout.split()).lower()  # the style title-cases English titles
    assert "???" not in output, "every citation key resolved"
    assert "harbor times" in output and "harbor motors plans a plant" in output
    assert ("hanbit daily" if lang == "en" else "한빛일보") in output
    assert ("joongang ilbo" if lang == "en" else "중앙일보") in output
    assert "2024" in output and "news.example/harbor-plant" in output
    if lang == "en":
        assert "hanbit to open 45 stores" in output


SCHEMA_ORG_CONTEXT = {"@context": {"@vocab": "http://schema.org/", "id": "@id", "type": "@type"}}


def schema_org_loader(url, options=None):
    """schema.org's context for pyld, offline: its terms are schema.org's vocabulary."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_ORG_CONTEXT}


def expanded(document: dict) -> dict:
    """The JSON-LD document expanded by pyld: IRIs instead of short names."""
    (node,) = jsonld.expand(document, {"documentLoader": schema_org_loader})
    return node


S = "http://schema.org/"


def value(node: dict, name: str):
    (found,) = node[S + name]
    return found.get("@value", found)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("stated", [case[1] for case in CASES])
def test_schema_org_claim_parses_and_credits_the_right_words(client, world, stated, lang):
    claim = world[stated]
    node = expanded(cite(client, claim, "jsonld", lang).json)
    assert node["@type"] == [S + "Claim"]
    assert node["@id"].endswith(f"/v1/claims/{claim['id']}")
    quotation = value(node, "appearance")
    assert quotation["@type"] == [S + "Quotation"]
    words = value(quotation, "text")
    article = value(quotation, "isPartOf")
    assert article["@type"] == [S + "NewsArticle"]
    publisher = value(value(article, "publisher"), "name")
    creator = value(value(quotation, "creator"), "name")
    speaker = claim["speaker"]
    if claim["attribution"] == "direct_quote":
        assert words == claim["source"]["quote"]["exact"]
        if speaker:
            assert creator == value(value(node, "author"), "name") != publisher
    else:
        assert words == claim["source"]["sentence"]
        assert creator == publisher, "the reporter's sentence is the outlet's"
        if speaker:
            assert S + "text" not in node, "no words are put in the speaker's mouth"
    if lang == "en":
        assert not NOT_LATIN.search(publisher)


# --- one table of formats -------------------------------------------------------------------

API_SOURCES = sorted((Path(__file__).resolve().parents[1] / "api").glob("*.py"))


def test_every_format_comes_from_the_one_table(client):
    """The argument, the spec, the media types and the answers all follow FORMATS."""
    spec = client.get("/openapi.json").json
    operation = spec["paths"]["/v1/claims/{claim_id}/citation"]["get"]
    (argument,) = [p for p in operation["parameters"] if p["name"] == "format"]
    assert argument["schema"]["enum"] == list(FORMATS)
    answered = operation["responses"]["200"]
    assert set(answered["content"]) == {f.media_type.partition(";")[0] for f in FORMATS.values()}
    for name, form in FORMATS.items():
        assert f"`{name}`: {form.description}" in answered["description"]
        response = client.get(f"/v1/claims/3/citation?format={name}")
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith(form.media_type)
    # No format is named anywhere in the HTTP layer: a new one cannot be half-wired there.
    for path in API_SOURCES:
        source = path.read_text("utf-8")
        for name in FORMATS:
            if name not in ("text",):  # "text" is also an ordinary word
                assert f'"{name}"' not in source and f"={name}" not in source, (path, name)
