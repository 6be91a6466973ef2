"""The pages in a real browser: marks, cards, copying citations, review by keyboard,
no JavaScript, accessibility, and screenshots at phone and desktop widths.

Every wait is explicit (Playwright waits for the element or state asked for,
up to TIMEOUT_MS): no sleeps, so a loaded machine is slower, not flaky.
"""

from __future__ import annotations

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.conftest import fixture_text
from tests.pages.articles import ENGLISH, HANBIT, REVIEW
from tests.pages.conftest import new_page, screenshot

SEED = "joongang-2024-02-28-zuckerberg-seoul"

# Every mark (whole, or the pieces of a crossing span) read back from the page.
READ_MARKS = """() => {
  const marks = [...document.querySelectorAll('#text mark')];
  return marks.map(m => ({
    id: m.dataset.claimId || null,
    part: m.dataset.claimPart || null,
    text: m.textContent,
    parent: m.parentElement.closest('mark') ? (m.parentElement.closest('mark').dataset.claimId
             || m.parentElement.closest('mark').dataset.claimPart) : null,
  }));
}"""


def claims_of(page, base: str, document_id: str) -> dict[int, dict]:
    """The document's claims as the JSON API serves them (read by the browser itself)."""
    body = page.request.get(f"{base}/v1/documents/{document_id}/claims?limit=500").json()
    return {c["id"]: c for c in body["data"]}


@pytest.mark.parametrize("document_id", [HANBIT.id, ENGLISH.id, SEED])
def test_every_mark_holds_exactly_its_claims_words(page, server, document_id):
    page.goto(f"{server}/documents/{document_id}")
    text = page.locator("#text")
    text.wait_for()
    claims = claims_of(page, server, document_id)
    marks = page.evaluate(READ_MARKS)
    whole = {int(m["id"]): m for m in marks if m["id"]}
    pieces: dict[int, str] = {}
    for mark in marks:
        if mark["part"]:
            pieces[int(mark["part"])] = pieces.get(int(mark["part"]), "") + mark["text"]
    # Every claim is marked once, whole, or in pieces that together hold its words.
    assert set(whole) | set(pieces) == set(claims)
    assert not set(whole) & set(pieces)
    for claim_id, mark in whole.items():
        assert mark["text"] == claims[claim_id]["stated_as"], claim_id
    for claim_id, joined in pieces.items():
        assert joined == claims[claim_id]["stated_as"], claim_id
    # The page shows the stored text exactly: marks add no character and drop none.
    stored = page.request.get(f"{server}/v1/documents/{document_id}").json()["text"]
    assert text.evaluate("el => el.textContent") == stored
    if document_id == SEED:
        assert stored == fixture_text(SEED)


def test_overlapping_marks_nest_and_crossings_split(page, server, articles):
    page.goto(f"{server}/documents/{HANBIT.id}")
    ids = articles[HANBIT.id]
    marks = {(m["id"] or m["part"]): m for m in page.evaluate(READ_MARKS) if m["id"]}
    low, high = ids[5], ids[6]  # the range: two claims on one span
    assert marks[str(high)]["parent"] == str(low)
    assert marks[str(low)]["text"] == marks[str(high)]["text"] == "3000~3500명"
    hedged, plain = ids[1], ids[2]  # a claim nested in its restatement's span
    assert marks[str(plain)]["parent"] == str(hedged)
    crossing = ids[8]  # "21%로" crosses "약 21%": marked in two pieces
    parts = page.locator(f'mark[data-claim-part="{crossing}"]')
    assert parts.count() == 2
    assert parts.nth(0).get_attribute("id") == f"m{crossing}"
    # A restatement and the figure it restates are tied: one group, drawn alike.
    group = page.locator(f'mark[data-claim-id="{ids[0]}"]').get_attribute("data-group")
    assert group and page.locator(f'mark[data-group="{group}"]').count() == 2


@pytest.mark.parametrize("how", ["hover", "focus"])
def test_card_of_a_mark_names_its_speaker(page, server, articles, how):
    page.goto(f"{server}/documents/{HANBIT.id}")
    claim_id = articles[HANBIT.id][4]  # 1200곳 이상, said by 김민수
    mark = page.locator(f'mark[data-claim-id="{claim_id}"]')
    if how == "hover":
        mark.hover()
    else:
        page.locator("#text mark").first.focus()
        for _ in range(10):
            if page.evaluate("document.activeElement.dataset.claimId") == str(claim_id):
                break
            page.keyboard.press("Tab")
    card = page.locator("#popover")
    card.wait_for(state="visible")
    assert card.get_attribute("data-claim") == str(claim_id)
    assert "김민수" in card.locator(".who").inner_text()
    assert "한빛전자 사장" in card.locator(".who").inner_text()
    assert "1,200개사 이상" in card.locator("h3").inner_text()
    # The speaker's mention in the sentence is lit with its claim.
    mention = page.locator("a.mention.active")
    assert mention.inner_text() in ("김민수", "김민수 한빛전자 사장")
    # A different mark shows a different speaker.
    page.keyboard.press("Escape")
    other = articles[HANBIT.id][0]
    page.locator(f'mark[data-claim-id="{other}"]').hover()
    page.wait_for_function(f"document.querySelector('#popover').dataset.claim === '{other}'")
    assert "한빛전자" in card.locator(".who").inner_text()
    assert "김민수" not in card.locator(".who").inner_text()


def test_marks_are_announced_with_value_and_speaker(page, server, articles):
    page.goto(f"{server}/documents/{HANBIT.id}")
    claim_id = articles[HANBIT.id][4]
    mark = page.locator(f'mark[data-claim-id="{claim_id}"]')
    assert mark.get_attribute("tabindex") == "0"
    # What a screen reader announces with the mark, as the browser computes it.
    expect(mark).to_have_accessible_description(re.compile(r"1,200개사 이상.*김민수"))
    snapshot = page.locator("#text").aria_snapshot()
    assert "1200곳 이상" in snapshot


@pytest.mark.parametrize(("format_name", "lang"), [("text", "ko"), ("markdown", "en")])
def test_copy_citation_puts_the_apis_text_on_the_clipboard(
    page, server, articles, format_name, lang
):
    claim_id = articles[HANBIT.id][4]
    page.goto(f"{server}/documents/{HANBIT.id}")
    page.locator(f'mark[data-claim-id="{claim_id}"]').click()  # pins its card
    card = page.locator("#popover")
    card.wait_for(state="visible")
    card.locator(f'a[data-copy][href$="format={format_name}&lang={lang}"]').click()
    card.locator("a[data-copy][data-copied]").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    expected = page.request.get(
        f"{server}/v1/claims/{claim_id}/citation?format={format_name}&lang={lang}"
    ).text()
    assert copied == expected
    assert "김민수" in copied or "Kim Min-su" in copied
    assert page.url.endswith(f"/documents/{HANBIT.id}")  # copied, not followed


def test_copy_citation_on_the_claim_page(page, server, articles):
    claim_id = articles[HANBIT.id][0]
    page.goto(f"{server}/claims/{claim_id}")
    page.locator('.cite a[data-copy][href$="format=csl-json&lang=ko"]').click()
    page.locator(".cite a[data-copy][data-copied]").wait_for()
    copied = json.loads(page.evaluate("navigator.clipboard.readText()"))
    assert copied[0]["id"] == f"claim-{claim_id}"
    assert page.locator("#live").text_content().startswith("인용을 복사했습니다")


def sign_in(page, server: str, token: str = "secret-token") -> None:
    """Sign in through the form, as a reviewer would."""
    page.goto(f"{server}/sign-in?next=/review")
    page.get_by_label("쓰기 토큰").fill(token)
    page.get_by_role("button", name="로그인").click()
    page.wait_for_url(f"{server}/review*")


def test_review_accepts_and_rejects_by_keyboard(page, server, articles):
    first, second, third, fourth = articles[REVIEW.id]
    sign_in(page, server)
    page.locator(f"#candidate-{first}").wait_for()
    page.wait_for_function(f"document.activeElement.id === 'candidate-{first}'")
    page.keyboard.press("a")  # accept the first
    page.wait_for_url(f"**/review#candidate-{second}")
    page.locator(".flash").wait_for()
    assert f"#{first}" in page.locator(".flash").inner_text()
    page.wait_for_function(f"document.activeElement.id === 'candidate-{second}'")
    page.keyboard.press("j")  # skip to the third
    page.wait_for_function(f"document.activeElement.id === 'candidate-{third}'")
    page.keyboard.press("r")  # reject it, with a reason
    page.keyboard.type("날짜일 뿐 주장이 아님")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/review#candidate-{fourth}")
    page.locator(f"#candidate-{third}").wait_for(state="detached")
    accepted = page.request.get(f"{server}/v1/claims/{first}").json()
    rejected = page.request.get(f"{server}/v1/claims/{third}").json()
    assert accepted["status"] == "active" and accepted["status_changed_by"] == "tester"
    assert rejected["status"] == "rejected"
    assert rejected["status_reason"] == "날짜일 뿐 주장이 아님"
    history = page.request.get(f"{server}/v1/claims/{third}/history").json()["data"]
    assert history[-1]["changed_by"] == "tester"
    assert page.request.get(f"{server}/v1/claims/{second}").json()["status"] == "candidate"


def test_review_corrects_a_candidate(page, server, articles):
    said = articles[REVIEW.id][3]  # 100만 대: the quote's speaker was not found
    sign_in(page, server)
    candidate = page.locator(f"#candidate-{said}")
    candidate.focus()
    page.keyboard.press("e")  # opens the correction form at its first field
    page.wait_for_function("document.activeElement.name === 'value'")
    candidate.locator("input[name=speaker]").fill("park-ji-eun")
    candidate.locator("select[name=qualifier]").select_option("more_than")
    candidate.locator("form.correct input[name=reason]").fill("speaker named in the sentence")
    candidate.locator("form.correct input[name=reason]").press("Enter")
    page.wait_for_url("**/review*")
    body = page.request.get(f"{server}/v1/claims/{said}").json()
    assert body["status"] == "active"
    assert body["speaker"]["id"] == "park-ji-eun" and body["qualifier"] == "more_than"
    assert body["value"] == 1_000_000


def test_pages_work_without_javascript(plain_page, server, articles):
    page = plain_page
    page.goto(f"{server}/?q=고객사")
    results = page.locator("ol.result-list > li")
    assert results.count() >= 1
    assert "1200곳 이상" in page.locator("ol.result-list mark.num").first.inner_text()
    # Facet links and the form work as plain links and GET forms.
    page.get_by_label("단위", exact=True).select_option("people")
    page.get_by_role("button", name="검색").click()
    page.wait_for_url("**unit=people**")
    assert page.locator("ol.result-list > li").count() == 2
    # The document: marks carry a tooltip, cards sit in the side list, copy links open text.
    claim_id = articles[HANBIT.id][4]
    page.goto(f"{server}/documents/{HANBIT.id}")
    mark = page.locator(f'mark[data-claim-id="{claim_id}"]')
    assert "김민수" in mark.get_attribute("title")  # the script would have removed it
    mark.hover()
    assert page.locator("#popover").count() == 0
    assert "김민수" in page.locator(f"#card-{claim_id} .who").inner_text()
    page.locator(f'#card-{claim_id} a[href$="#cite-h"]').click()  # its citations
    page.wait_for_url(f"**/claims/{claim_id}#cite-h")
    assert "김민수" in page.locator('pre[data-format="text"][data-lang="ko"]').inner_text()
    page.locator('.cite a[href$="format=text&lang=ko"]').click()  # no script: opened
    page.wait_for_url(f"**/v1/claims/{claim_id}/citation*")
    assert "김민수" in page.locator("body").inner_text()
    # Reviewing: sign in and reject with the buttons alone.
    candidate = articles[REVIEW.id][2]
    sign_in(page, server)
    form = page.locator(f"#candidate-{candidate} form.reject")
    form.get_by_label("반려 사유").fill("날짜일 뿐")
    form.get_by_role("button").click()
    page.wait_for_url("**/review*")
    assert page.request.get(f"{server}/v1/claims/{candidate}").json()["status"] == "rejected"


PAGES = {
    "search": "/?q=한빛",
    "document": f"/documents/{HANBIT.id}",
    "document-en": f"/documents/{ENGLISH.id}",
    "claim": "/claims/{claim}",
    "speaker": "/speakers/kim-min-su",
    "review": "/review",
    "not-found": "/documents/no-such-article",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages_pass_an_accessibility_check(page, server, articles, name):
    path = PAGES[name].format(claim=articles[HANBIT.id][4])
    page.goto(f"{server}{path}")
    page.locator("main").wait_for()
    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21aa"]})
    violations = [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
    assert not violations, violations
    assert len(results.response["passes"]) > 10  # the rules really ran on this page


def test_the_accessibility_check_catches_what_it_should(page, server, articles):
    page.goto(f"{server}/")
    page.locator("main").wait_for()
    # Break the page as a careless change would: an unlabelled field, grey-on-grey text.
    page.evaluate(
        """() => {
        document.querySelector('label[for=f-unit]').remove();
        const lede = document.querySelector('.lede');
        lede.style.color = '#ccc';
        lede.style.background = '#ddd';
    }"""
    )
    found = {v["id"] for v in Axe().run(page).response["violations"]}
    assert {"select-name", "color-contrast"} <= found


def test_korean_text_breaks_between_words_in_a_korean_font_and_focus_shows(page, server):
    page.goto(f"{server}/documents/{HANBIT.id}")
    text = page.locator("#text")
    assert text.get_attribute("lang") == "ko"
    style = text.evaluate(
        "el => { const s = getComputedStyle(el); return [s.wordBreak, s.fontFamily]; }"
    )
    assert style[0] == "keep-all" and style[1].startswith('"Noto Sans CJK KR"')
    assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK KR\"', '한빛')")
    page.keyboard.press("Tab")  # the skip link comes first, and shows when focused
    skip = page.locator("a.skip")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.evaluate("el => el.getBoundingClientRect().top") >= 0
    mark = page.locator("#text mark").first
    mark.focus()
    outline = mark.evaluate("el => parseFloat(getComputedStyle(el).outlineWidth)")
    assert outline >= 2


@pytest.mark.parametrize("width", [360, 375, 1280])
def test_screenshots(browser, server, articles, width):
    tab = new_page(browser, width=width)
    try:
        for name, path in PAGES.items():
            tab.goto(f"{server}{path.format(claim=articles[HANBIT.id][4])}")
            tab.locator("main").wait_for()
            # Nothing sideways: the page fits the viewport at every width.
            overflow = tab.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, (name, overflow)
            assert screenshot(tab, f"{name}-{width}").stat().st_size > 0
        tab.goto(f"{server}/documents/{HANBIT.id}")
        tab.locator(f'mark[data-claim-id="{articles[HANBIT.id][4]}"]').focus()
        tab.locator("#popover").wait_for(state="visible")
        screenshot(tab, f"document-card-{width}", full_page=False)
        sign_in(tab, server)
        tab.locator("article.candidate.current").wait_for()
        screenshot(tab, f"review-signed-in-{width}", full_page=False)
    finally:
        tab.context.close()
