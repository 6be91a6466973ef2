"""Figures across sources over HTTP: lists, one figure, the claim's `figure`, people's edits,
linking on every path a claim becomes active, relinking, citations. Both backends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core import bulk_import, linking
from core.seeding import FIXTURES_DIR, seed
from schema.db import database, write_transaction
from schema.models import Claim, FigureLink
from tests.conftest import AUTH

ACROSS = FIXTURES_DIR / "across-sources"
GOLD = json.loads((ACROSS / "figures.gold.json").read_text(encoding="utf-8"))


@pytest.fixture
def outlets(app):
    """The app with the multi-outlet fixtures seeded beside the seed article."""
    with database.connection_context():
        seed(ACROSS)
    return app.test_client()


def figure_of(client, claim_id: int) -> int | None:
    """The id of a claim's figure, as the claim shows it."""
    figure = client.get(f"/v1/claims/{claim_id}").json["figure"]
    return figure and figure["id"]


def members(client, figure_id: int) -> list[int]:
    return [c["id"] for c in client.get(f"/v1/figures/{figure_id}").json["claims"]]


def test_every_claim_shows_its_figure_or_null(outlets):
    devices = figure_of(outlets, 102)
    assert outlets.get("/v1/claims/102").json["figure"] == {
        "id": devices, "links": {"self": f"/v1/figures/{devices}"},
    }  # fmt: skip
    assert outlets.get("/v1/claims/3").json["figure"] is None  # the seed article: no figure
    listed = {c["id"]: c["figure"] for c in outlets.get("/v1/claims?limit=500").json["data"]}
    assert listed[132]["id"] == devices and listed[107] is None
    csv = outlets.get("/v1/claims?format=csv&document=tribune-2025-05-14-aurora-gaon").get_data(
        as_text=True
    )
    assert "figure_id" in csv.splitlines()[0]
    assert [c["id"] for c in outlets.get(f"/v1/claims?figure={devices}").json["data"]] == sorted(
        members(outlets, devices)
    )


def test_one_figure_in_publication_order_with_its_first_appearance(outlets):
    body = outlets.get(f"/v1/figures/{figure_of(outlets, 102)}").json
    assert (body["unit"], body["subject"]) == ("units", "전 세계에 깔린 가온전자 기기")
    ids = [c["id"] for c in body["claims"]]
    assert ids == [102, 111, 132, 121, 122, 123, 142]
    dates = [c["document"]["published"] for c in body["claims"]]
    assert dates == sorted(dates)
    first = body["first_appearance"]
    assert (first["claim"], first["speaker"]["id"], first["published"]) == (
        102, "han-seo-jin", "2025-05-14",
    )  # fmt: skip
    assert first["same_day"] == [111, 132]  # other outlets on the same day
    by_id = {c["id"]: c for c in body["claims"]}
    assert by_id[102]["differences"] == []
    assert by_id[111]["differences"] == []  # 3억대 이상: spacing only
    assert by_id[121]["differences"] == [
        {"kind": "value", "first": "3억 대 이상", "this": "4억대"},
        {"kind": "qualifier", "first": "at_least", "this": "exact"},
    ]
    assert {"kind": "qualifier", "first": "at_least", "this": "range"} in by_id[122]["differences"]
    link = by_id[132]["link"]
    assert link["origin"] == "automatic" and "anchor" in link["rules"] and link["score"] > 0
    assert [c["kind"] for c in body["conflicts"]] == ["value", "qualifier"]
    value = body["conflicts"][0]
    assert value["claims"] == [102, 111, 121, 132, 142] and "4억대" in value["detail"]
    assert body["links"]["self"] == f"/v1/figures/{body['id']}"
    assert outlets.get(f"/v1/figures/{body['id']}").headers["ETag"] == f'"figure-{body["id"]}-1"'


def test_conflict_kinds_each_list_their_figures(outlets):
    for kind, subjects in {
        "value": ["Gaon Electronics devices installed worldwide"],
        "speaker": ["Gaon Electronics TVs sold", "Gaon Electronics content partners"],
        "unit": ["Gaon Electronics content partners"],
        "precision": ["Interval between Daniel Reyes's visits to Korea"],
    }.items():
        found = outlets.get(f"/v1/figures?conflict={kind}").json["data"]
        firsts = {f["first_appearance"]["claim"] for f in found}
        assert firsts == {GOLD["figures"][s][0] for s in subjects}, kind
    every = outlets.get("/v1/figures?conflict=any&count=true").json
    assert every["count"] == 4  # all but the capital expenditure, said alike everywhere
    capex = figure_of(outlets, 105)
    assert outlets.get(f"/v1/figures/{capex}").json["conflicts"] == []
    assert capex not in {f["id"] for f in every["data"]}


@pytest.mark.parametrize(
    ("query", "firsts"),
    [
        ("speaker=윤 본부장", {103, 104}),
        ("speaker=Han Seo-jin", {102, 103, 104}),
        ("organization=Gaon", {102, 103, 104}),  # an English alias finds Korean claims
        ("organization=오로라", {105}),  # the visit is narration: no speaker
        ("unit=USD", {105}),
        ("unit=months", {101}),
        ("q=콘텐", {103, 104}),  # the TV figure's sentence names content too
        ("document=abw-2025-05-15-gaon-partners", {102, 104}),
        ("organization=Gaon&conflict=speaker", {103, 104}),
    ],
)
def test_the_list_takes_the_claim_lists_filters(outlets, query, firsts):
    found = outlets.get(f"/v1/figures?{query}").json["data"]
    assert {f["first_appearance"]["claim"] for f in found} == firsts


def test_the_list_pages_with_a_cursor(outlets):
    page = outlets.get("/v1/figures?limit=2&count=true").json
    seen = [f["id"] for f in page["data"]]
    while page["next"]:
        page = outlets.get(page["next"]).json
        seen += [f["id"] for f in page["data"]]
    assert len(seen) == 5 == len(set(seen)) and seen == sorted(seen)


@pytest.mark.parametrize(
    "query",
    ["conflict=colour", "limit=0", "cursor=nonsense", "unit=furlongs", "status=active", "q="],
)
def test_bad_list_arguments_are_400_problems(outlets, query):
    response = outlets.get(f"/v1/figures?{query}")
    assert response.status_code == 400, query
    assert response.content_type == "application/problem+json"


def test_unknown_figures_and_claims_are_404(outlets):
    for url in ("/v1/figures/999", "/v1/figures/0", "/v1/figures/999/history"):
        assert outlets.get(url).status_code == 404, url
    assert outlets.get("/v1/claims?figure=0").status_code == 400


def test_look_alike_numbers_stay_apart(outlets):
    for claim in (107, 125, 136, 151):  # startups, smartphones, R&D, four months later
        assert figure_of(outlets, claim) is None, claim


# --- people's decisions ---------------------------------------------------------------------


def write(client, method: str, url: str, body: dict | None = None, **headers):
    return client.open(url, method=method, json=body, headers={**AUTH, **headers})


def test_attach_and_detach_need_a_token_and_a_reason(outlets):
    devices = figure_of(outlets, 102)
    assert outlets.post(f"/v1/figures/{devices}/claims", json={"claim": 151}).status_code == 401
    missing = write(outlets, "POST", f"/v1/figures/{devices}/claims", {"claim": 151})
    assert missing.status_code == 422 and "reason" in missing.json["errors"]
    assert write(outlets, "DELETE", f"/v1/figures/{devices}/claims/111").status_code == 422


def test_a_detached_claim_stays_out_through_relink(outlets):
    devices = figure_of(outlets, 102)
    response = write(outlets, "DELETE", f"/v1/figures/{devices}/claims/121",
                     {"reason": "the headline rounds up"})  # fmt: skip
    assert response.status_code == 200 and 121 not in members(outlets, devices)
    assert response.json["version"] == 2
    assert "value" not in [c["kind"] for c in response.json["conflicts"]]
    with database.connection_context(), write_transaction():
        linking.relink()
    assert 121 not in members(outlets, devices)
    assert figure_of(outlets, 102) == devices  # the figure keeps its id through relink
    history = outlets.get(f"/v1/figures/{devices}/history").json["data"]
    detached = [e for e in history if e["action"] == "detached"]
    assert detached[0]["claim"] == 121 and detached[0]["reason"] == "the headline rounds up"
    assert detached[0]["changed_by"] == "tester"


def test_an_attached_claim_stays_in_through_relink(outlets):
    devices = figure_of(outlets, 102)
    body = {"claim": 151, "reason": "the same installed base, restated later"}
    response = write(outlets, "POST", f"/v1/figures/{devices}/claims", body)
    assert response.status_code == 200 and 151 in members(outlets, devices)
    with database.connection_context(), write_transaction():
        linking.relink()
    assert figure_of(outlets, 151) == devices
    link = next(c["link"] for c in outlets.get(f"/v1/figures/{devices}").json["claims"]
                if c["id"] == 151)  # fmt: skip
    assert (link["origin"], link["changed_by"]) == ("person", "tester")


def test_attaching_refuses_what_is_not_an_active_claim(outlets):
    devices = figure_of(outlets, 102)
    for claim, status in ((99999, 422), (102, 200)):
        body = {"claim": claim, "reason": "checking"}
        assert write(outlets, "POST", f"/v1/figures/{devices}/claims", body).status_code == status
    write(outlets, "DELETE", "/v1/claims/151", {"reason": "withdrawn"})
    refused = write(outlets, "POST", f"/v1/figures/{devices}/claims",
                    {"claim": 151, "reason": "checking"})  # fmt: skip
    assert refused.status_code == 422 and refused.json["type"] == "/problems/figure-rejected"
    body = {"claim": 125, "reason": "checking"}
    stale = write(outlets, "POST", f"/v1/figures/{devices}/claims", body, **{"If-Match": '"x"'})
    assert stale.status_code == 412


def test_split_and_merge(outlets):
    devices = figure_of(outlets, 102)
    split = write(outlets, "POST", "/v1/figures",
                  {"claims": [121, 122, 123], "reason": "this outlet's own estimate"})  # fmt: skip
    assert split.status_code == 201 and split.headers["Location"].startswith("/v1/figures/")
    new = split.json["id"]
    assert members(outlets, new) == [121, 122, 123]
    assert not set(members(outlets, devices)) & {121, 122, 123}
    merged = write(outlets, "POST", f"/v1/figures/{devices}/merge",
                   {"figure": new, "reason": "one figure after all"})  # fmt: skip
    assert merged.status_code == 200 and {121, 122, 123} <= set(members(outlets, devices))
    gone = outlets.get(f"/v1/figures/{new}").json
    assert (gone["status"], gone["merged_into"], gone["claims"]) == ("merged", devices, [])
    again = write(outlets, "POST", f"/v1/figures/{new}/claims", {"claim": 125, "reason": "x" * 3})
    assert again.status_code == 409
    assert write(outlets, "POST", f"/v1/figures/{devices}/merge",
                 {"figure": devices, "reason": "self"}).status_code == 422  # fmt: skip


# --- linking on every path --------------------------------------------------------------------


def test_a_posted_claim_joins_its_figure_and_a_retracted_one_leaves(outlets):
    document = {
        "title": "Gaon says 300 million", "outlet": "Seoul Post", "published": "2025-05-16",
        "language": "en",
        "text": "Gaon Electronics said more than 300 million of its devices are installed.",
    }  # fmt: skip
    assert (
        write(outlets, "POST", "/v1/documents", {**document, "id": "seoul-post-1"}).status_code
        == 201
    )
    posted = write(outlets, "POST", "/v1/claims", {
        "document": "seoul-post-1", "stated_as": "more than 300 million", "value": 300000000,
        "unit": "units", "kind": "count", "qualifier": "more_than",
        "attribution": "indirect_quote", "speaker": "gaon-electronics",
        "subject": "Gaon Electronics devices installed",
    })  # fmt: skip
    assert posted.status_code == 201, posted.json
    devices = figure_of(outlets, 102)
    assert posted.json["figure"]["id"] == devices
    claim = posted.json["id"]
    write(outlets, "DELETE", f"/v1/claims/{claim}", {"reason": "duplicate wire copy"})
    assert claim not in members(outlets, devices)
    assert outlets.get(f"/v1/claims/{claim}").json["figure"] is None


def test_an_accepted_candidate_is_linked(outlets):
    text = "한서진 가온전자 CEO는 “전 세계에 깔린 가온전자 기기가 3억 대 이상”이라고 말했다."
    made = write(outlets, "POST", "/v1/documents", {
        "id": "wire-ko-1", "title": "가온전자 기기", "published": "2025-05-15", "language": "ko",
        "text": text, "extract": True,
    })  # fmt: skip
    assert made.status_code == 201
    candidate = next(c for c in outlets.get("/v1/documents/wire-ko-1/claims?status=candidate")
                     .json["data"] if c["value"] == 300000000)  # fmt: skip
    assert candidate["figure"] is None
    etag = outlets.get(f"/v1/claims/{candidate['id']}").headers["ETag"]
    accepted = write(outlets, "PATCH", f"/v1/claims/{candidate['id']}", {
        "status": "active", "subject": "전 세계에 깔린 가온전자 기기", "reason": "reviewed",
    }, **{"If-Match": etag})  # fmt: skip
    assert accepted.status_code == 200, accepted.json
    assert accepted.json["figure"]["id"] == figure_of(outlets, 102)


def test_an_import_links_its_claims(app):
    client = app.test_client()
    with database.connection_context():
        seed(ACROSS)
        text = "Gaon Electronics has sold over 150 million TVs, the company said."
        bulk_import.import_articles([{
            "document": {"id": "imported-1", "title": "TVs", "published": "2025-05-20",
                         "language": "en", "text": text},
            "claims": [{"stated_as": "over 150 million", "start": text.index("over"),
                        "end": text.index("over") + 16,
                        "value": 150000000, "unit": "units", "kind": "count",
                        "qualifier": "more_than", "attribution": "indirect_quote",
                        "speaker": "gaon-electronics", "subject": "Gaon Electronics TVs sold"}],
        }])  # fmt: skip
        imported = Claim.get(Claim.document == "imported-1")
        link = FigureLink.get(FigureLink.claim == imported.id)
    assert figure_of(client, imported.id) == figure_of(client, 103)
    assert link.origin == "automatic" and "subject:sales,tv" in json.loads(link.rules)


def test_relink_rebuilds_the_same_figures_and_records_nothing_new(outlets):
    before = {c: figure_of(outlets, c) for ids in GOLD["figures"].values() for c in ids}
    history = {f: len(outlets.get(f"/v1/figures/{f}/history").json["data"]) for f in
               set(before.values())}  # fmt: skip
    with database.connection_context(), write_transaction():
        result = linking.relink()
    assert result == {"claims": 23, "figures": 5}
    assert {c: figure_of(outlets, c) for c in before} == before
    for figure, events in history.items():
        assert len(outlets.get(f"/v1/figures/{figure}/history").json["data"]) == events


def test_relink_from_the_command_line(outlets, runner):
    result = runner.invoke(args=["relink"])
    assert result.exit_code == 0, result.output
    assert "relinked: 23 claims in 5 figures" in result.output


# --- citations ------------------------------------------------------------------------------


def test_jsonld_lists_every_appearance_and_the_first(outlets):
    cited = outlets.get("/v1/claims/132/citation?format=jsonld&lang=en").json
    assert len(cited["appearance"]) == 7
    first = cited["firstAppearance"]
    assert first["isPartOf"]["publisher"]["name"] == "Hanbit Ilbo"
    assert first["isPartOf"]["datePublished"] == "2025-05-14"
    assert first == cited["appearance"][0]
    alone = outlets.get("/v1/claims/3/citation?format=jsonld").json  # in no figure
    assert alone["appearance"] == alone["firstAppearance"]


def test_text_citations_say_who_reported_it_first(outlets):
    english = outlets.get("/v1/claims/132/citation?lang=en").get_data(as_text=True)
    assert "First reported by Hanbit Ilbo on 14 May 2025." in english
    korean = outlets.get("/v1/claims/111/citation").get_data(as_text=True)
    assert "이 수치는 한빛일보가 2025-05-14에 처음 보도했다." in korean
    original = outlets.get("/v1/claims/102/citation").get_data(as_text=True)
    assert "처음 보도" not in original


def test_fixture_set_loads_from_the_command_line(app, runner):
    result = runner.invoke(args=["seed", "--fixtures", str(Path(ACROSS))])
    assert result.exit_code == 0, result.output
    assert "organizations: 2 created" in result.output
