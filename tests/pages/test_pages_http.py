"""The pages over HTTP: status codes, JSON twins both ways, ETags, headers, errors.

Flask's test client against the app on a real database; the browser tests
(test_pages_browser.py) check what a person sees.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest

from schema.db import database
from tests.conftest import AUTH
from tests.pages.articles import ENGLISH, HANBIT, REVIEW

SEED = "joongang-2024-02-28-zuckerberg-seoul"
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


class Page(HTMLParser):
    """The parts of a page the tests look at: links, assets, marks, the html element."""

    def __init__(self, html: str):
        super().__init__()
        self.attributes: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.attributes.append((tag, dict(attrs)))

    def all(self, tag: str) -> list[dict]:
        return [attrs for name, attrs in self.attributes if name == tag]


def pages(articles) -> dict[str, str]:
    """Every kind of page, with the JSON resource it mirrors."""
    claim = articles[HANBIT.id][4]
    return {
        "/": "/v1/claims",
        f"/documents/{HANBIT.id}": f"/v1/documents/{HANBIT.id}",
        f"/documents/{SEED}": f"/v1/documents/{SEED}",
        f"/claims/{claim}": f"/v1/claims/{claim}",
        "/speakers/kim-min-su": "/v1/speakers/kim-min-su",
        "/review": "/v1/claims?status=candidate",
        "/sign-in": "/v1/claims",
    }


def test_every_page_is_html_in_korean_with_its_json_twin(client, articles):
    for path, twin in pages(articles).items():
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.mimetype == "text/html"
        html = response.get_data(as_text=True)
        page = Page(html)
        assert page.all("html")[0]["lang"] == "ko"
        alternate = [link for link in page.all("link") if link.get("rel") == "alternate"]
        assert alternate and alternate[0]["href"] == twin, path
        assert client.get(twin).status_code == 200


@pytest.mark.parametrize(
    ("api", "page"),
    [
        ("/v1/claims/{claim}", "/claims/{claim}"),
        (f"/v1/documents/{HANBIT.id}", f"/documents/{HANBIT.id}"),
        ("/v1/speakers/kim-min-su", "/speakers/kim-min-su"),
    ],
)
def test_the_json_links_back_to_its_page(client, articles, api, page):
    claim = articles[HANBIT.id][4]
    body = client.get(api.format(claim=claim)).get_json()
    assert body["links"]["html"] == page.format(claim=claim)
    assert client.get(body["links"]["html"]).status_code == 200


def test_lists_link_each_item_to_its_page(client, articles):
    claims = client.get(f"/v1/documents/{HANBIT.id}/claims").get_json()["data"]
    assert {c["links"]["html"] for c in claims} == {f"/claims/{c['id']}" for c in claims}
    documents = client.get("/v1/documents").get_json()["data"]
    assert all(d["links"]["html"] == f"/documents/{d['id']}" for d in documents)


def test_pages_load_nothing_from_elsewhere(client, articles):
    for path in pages(articles):
        response = client.get(path)
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        page = Page(response.get_data(as_text=True))
        assets = [s["src"] for s in page.all("script")] + [
            link["href"] for link in page.all("link") if link.get("rel") != "alternate"
        ]
        assert assets and all(a.startswith("/static/") for a in assets), assets
        for asset in assets:
            with client.get(asset) as served:
                assert served.status_code == 200, asset
        html = response.get_data(as_text=True)
        assert ' style="' not in html  # the CSP forbids inline styles; none are needed


def test_unchanged_pages_answer_304_to_their_etag(client, articles):
    path = f"/documents/{HANBIT.id}"
    first = client.get(path)
    tag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "no-cache"
    again = client.get(path, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.get_data() == b""
    # A change to the document's claims changes the page and its tag.
    claim = articles[HANBIT.id][3]
    retracted = client.delete(f"/v1/claims/{claim}?reason=not in the text", headers=AUTH)
    assert retracted.status_code == 200
    changed = client.get(path, headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["ETag"] != tag


def test_document_page_marks_every_active_claim_once(client, articles):
    html = client.get(f"/documents/{HANBIT.id}").get_data(as_text=True)
    marked = re.findall(r'data-claim-id="(\d+)"', html)
    parts = set(re.findall(r'data-claim-part="(\d+)"', html))
    assert sorted(map(int, marked + sorted(parts))) == sorted(articles[HANBIT.id])
    assert len(marked) == len(set(marked))


def test_document_page_leaves_out_retracted_claims(client, articles):
    claim = articles[HANBIT.id][3]
    client.delete(f"/v1/claims/{claim}?reason=wrong figure", headers=AUTH)
    html = client.get(f"/documents/{HANBIT.id}").get_data(as_text=True)
    assert f'data-claim-id="{claim}"' not in html
    assert "본문 순서의 주장 9건" in html


def test_search_filters_with_the_apis_arguments(client, articles):
    html = client.get("/?speaker=김 사장&unit=people").get_data(as_text=True)
    assert html.count('class="result ') == 2
    assert "3000~3500명" in html
    api = client.get("/v1/claims?speaker=김 사장&unit=people").get_json()["data"]
    for claim in api:
        assert f'href="/claims/{claim["id"]}"' in html


def test_search_pages_with_a_cursor_and_counts_facets(client, articles):
    first = client.get("/?limit=3").get_data(as_text=True)
    assert "결과 " in first
    match = re.search(r'rel="next" href="([^"]+)"', first)
    assert match
    second = client.get(match.group(1).replace("&amp;", "&")).get_data(as_text=True)
    ids = lambda html: set(re.findall(r'<p class="value"><a href="/claims/(\d+)"', html))  # noqa: E731
    assert len(ids(first)) == 3 and len(ids(second)) == 3 and not ids(first) & ids(second)
    facet = re.search(r'href="(/\?[^"]*unit=people[^"]*)"', first)
    assert facet, "the unit facet links to the search narrowed to it"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("unit=gallons", "unit"),
        ("value_min=abc", "value_min"),
        ("value_min=10&value_max=5", "value_min"),
        ("published_from=yesterday", "published_from"),
        ("spekaer=x", "spekaer"),
        ("q=a%00b", "q"),
        ("cursor=not-a-cursor", "cursor"),
        ("limit=0", "limit"),
        ("unit=USD&unit=KRW", "unit"),
    ],
)
def test_bad_search_input_is_a_400_page_naming_the_field(client, query, field):
    response = client.get(f"/?{query}")
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert f"<code>{field}</code>" in html
    assert "Traceback" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/documents/no-such-article",
        "/claims/999999",
        "/speakers/nobody",
        "/figures/1",
        "/claims/abc",
        "/no/such/page",
    ],
)
def test_missing_pages_are_styled_404s(client, path):
    response = client.get(path, headers=BROWSER)
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert "404" in html and "/static/pages.css" in html and "검색으로 돌아가기" in html


def test_the_api_keeps_problem_json_for_browsers_too(client):
    response = client.get("/v1/claims/999999", headers=BROWSER)
    assert response.status_code == 404 and response.mimetype == "application/problem+json"
    assert client.get("/no/such/page").mimetype == "application/problem+json"


def test_a_500_on_a_page_is_a_styled_page_without_internals(app, client):
    @app.get("/explode")
    def explode():
        raise RuntimeError("secret internals")

    response = client.get("/explode", headers=BROWSER)
    assert response.status_code == 500 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert "secret internals" not in html and "500" in html


def test_figure_card_shows_nothing_until_claims_carry_figures(client, articles):
    body = client.get(f"/v1/claims/{articles[HANBIT.id][0]}").get_json()
    assert body.get("figure") is None
    html = client.get(f"/documents/{HANBIT.id}").get_data(as_text=True)
    assert "/figures/" not in html


def test_english_documents_are_marked_as_english(client, articles):
    page = Page(client.get(f"/documents/{ENGLISH.id}").get_data(as_text=True))
    text = [d for d in page.all("div") if d.get("id") == "text"][0]
    assert text["lang"] == "en"


def test_speaker_page_charts_each_claim_as_a_link(client, articles):
    html = client.get("/speakers/kim-min-su").get_data(as_text=True)
    points = re.findall(r'<a href="/claims/(\d+)" class="point', html)
    spoken = client.get("/v1/speakers/kim-min-su/claims").get_json()["data"]
    assert sorted(map(int, points)) == sorted(c["id"] for c in spoken)
    assert html.count("<svg") == 2  # one chart per unit: companies, people


def test_claim_page_shows_every_citation_the_api_gives(client, articles):
    claim = articles[HANBIT.id][4]
    shown = unescape(client.get(f"/claims/{claim}").get_data(as_text=True))
    for lang in ("ko", "en"):
        for name in ("text", "markdown", "csl-json", "annotation", "jsonld"):
            cited = client.get(f"/v1/claims/{claim}/citation?format={name}&lang={lang}")
            assert cited.get_data(as_text=True).rstrip("\n") in shown, (name, lang)
    assert "버전 1" in shown and "test article" in shown


def test_claim_history_shows_what_changed(client, articles):
    claim = articles[HANBIT.id][3]
    etag = client.get(f"/v1/claims/{claim}").headers["ETag"]
    response = client.patch(
        f"/v1/claims/{claim}",
        json={"subject": "설비투자 증가율 (전년 대비)", "reason": "clearer subject"},
        headers={**AUTH, "If-Match": etag},
    )
    assert response.status_code == 200
    html = client.get(f"/claims/{claim}").get_data(as_text=True)
    assert "버전 2" in html and "clearer subject" in html
    assert "<del>설비투자 증가율</del> → <ins>설비투자 증가율 (전년 대비)</ins>" in html


def test_review_page_groups_candidates_by_document(client, articles):
    html = client.get("/review").get_data(as_text=True)
    assert '검토 대기열 <span class="count">4건</span>' in html
    for claim in articles[REVIEW.id]:
        assert f'id="candidate-{claim}"' in html
    assert "<form" not in html.split("<main")[1]  # no decisions before signing in
    assert client.get("/review?bogus=1").status_code == 400


def test_the_document_page_verifies_as_the_api_does(app, client, articles):
    # The page reads only the columns verification needs (core.reading.VERIFIED): its
    # reports must be the API's, field for field.
    from core.reading import verifications
    from schema.models import Document

    with app.app_context(), database.connection_context():
        document = Document.get_by_id(HANBIT.id)
        reports = verifications(document, articles[HANBIT.id])
    for claim_id, report in reports.items():
        assert report == client.get(f"/v1/claims/{claim_id}/verify").get_json()


def test_search_takes_every_filter_of_the_claim_list(client, articles):
    # A document's claims, retracted ones included: filters the form has no field for
    # still narrow the search, and the form keeps them.
    claim = articles[HANBIT.id][3]
    client.delete(f"/v1/claims/{claim}?reason=wrong figure", headers=AUTH)
    html = client.get(f"/?document={HANBIT.id}&status=all&limit=50").get_data(as_text=True)
    assert html.count('class="result ') == len(articles[HANBIT.id])
    assert f'<input type="hidden" name="document" value="{HANBIT.id}">' in html
    assert "철회됨" in html
    active = client.get(f"/?document={HANBIT.id}&limit=50").get_data(as_text=True)
    assert active.count('class="result ') == len(articles[HANBIT.id]) - 1
