"""Organisations as records: names in both languages, aliases, speakers' membership, and the
upgrade that turned the speakers' organisation strings into records."""

from __future__ import annotations

from schema.db import database
from schema.migrations import migrate
from schema.models import Organization, OrganizationAlias, Speaker
from tests.conftest import AUTH


def test_organisations_are_listed_with_every_name(client):
    page = client.get("/v1/organizations").json
    lg = next(o for o in page["data"] if o["id"] == "lg-electronics")
    assert (lg["name"], lg["name_en"]) == ("LG전자", "LG Electronics")
    assert {"LG", "LG Electronics Inc."} <= set(lg["aliases"])
    assert client.get("/v1/organizations/lg-electronics").headers["ETag"] == '"lg-electronics-1"'
    assert client.get("/v1/organizations/nobody").status_code == 404


def test_a_speaker_belongs_to_its_record(client):
    cho = client.get("/v1/speakers/jo-joo-wan").json
    assert (cho["organization_id"], cho["organization"]) == ("lg-electronics", "LG전자")
    assert client.get("/v1/claims/3").json["speaker"]["organization_id"] == "lg-electronics"


def test_the_organization_filter_takes_any_alias_in_either_language(client):
    for term in ("LG전자", "LG Electronics", "LG Electronics Inc.", "LG", "lg-electronics"):
        found = [c["id"] for c in client.get("/v1/claims", query_string={"organization": term})
                 .json["data"]]  # fmt: skip
        assert found == [3, 6, 7], term
    assert client.get("/v1/claims?organization=Nobody Inc").json["data"] == []


def post_speaker(client, **fields):
    body = {"name": "홍길동", "kind": "person", **fields}
    return client.post("/v1/speakers", json=body, headers=AUTH)


def test_an_organisation_given_as_a_string_still_works(client):
    by_alias = post_speaker(client, id="hong", organization="LG")
    assert by_alias.status_code == 201, by_alias.json
    assert by_alias.json["organization_id"] == "lg-electronics"
    assert by_alias.json["organization"] == "LG전자"  # the record's name, one way everywhere
    new = post_speaker(client, id="kim", name="김하나", organization="한국전자",
                       organization_en="Hankook Electronics")  # fmt: skip
    assert new.json["organization_id"] == "hankook-electronics"
    record = client.get("/v1/organizations/hankook-electronics").json
    assert (record["name"], record["name_en"]) == ("한국전자", "Hankook Electronics")


def test_a_different_english_name_is_kept_as_an_alias_not_lost(client):
    response = post_speaker(client, id="lee", name="이둘", organization="LG전자",
                            organization_en="LG Elec.")  # fmt: skip
    assert response.json["organization_en"] == "LG Electronics"
    assert "LG Elec." in client.get("/v1/organizations/lg-electronics").json["aliases"]


def test_an_unknown_organisation_id_is_refused(client):
    response = post_speaker(client, id="park2", organization_id="no-such-org")
    assert response.status_code == 422
    assert response.json["type"] == "/problems/organization-rejected"
    assert client.get("/v1/speakers/park2").status_code == 404


def test_renaming_an_organisation_renames_it_for_its_people_and_english_citations(client):
    etag = client.get("/v1/organizations/lg-electronics").headers["ETag"]
    body = {"name_en": "LG Electronics Inc", "reason": "legal name"}
    headers = {**AUTH, "If-Match": etag}
    response = client.patch("/v1/organizations/lg-electronics", headers=headers, json=body)
    assert response.status_code == 200 and response.json["version"] == 2
    assert client.get("/v1/claims/3").json["speaker"]["organization_en"] == "LG Electronics Inc"
    cited = client.get("/v1/claims/3/citation?lang=en").get_data(as_text=True)
    assert "CEO of LG Electronics Inc," in cited
    history = client.get("/v1/organizations/lg-electronics/history").json["data"]
    assert [v["data"]["name_en"] for v in history] == ["LG Electronics", "LG Electronics Inc"]
    stale = client.patch("/v1/organizations/lg-electronics", headers={**AUTH, "If-Match": etag},
                         json={"name_en": "LGE"})  # fmt: skip
    assert stale.status_code == 412


def test_a_speaker_moving_organisation_is_kept_in_its_history(client):
    etag = client.get("/v1/speakers/park-hyoung-sei").headers["ETag"]
    moved = client.patch("/v1/speakers/park-hyoung-sei", headers={**AUTH, "If-Match": etag},
                         json={"organization_id": "meta", "reason": "joined Meta"})  # fmt: skip
    assert moved.status_code == 200, moved.json
    assert (moved.json["organization"], moved.json["organization_en"]) == ("메타", "Meta Platforms")
    versions = client.get("/v1/speakers/park-hyoung-sei/history").json["data"]
    assert [v["data"]["organization_id"] for v in versions] == ["lg-electronics", "meta"]


def test_upgrading_turns_organisation_strings_into_records(app, client):
    """On either backend: a database as v7 left it (strings only) gains records (v8)."""
    with database.connection_context():
        Speaker.update(organization_id=None).execute()
        OrganizationAlias.delete().execute()
        Organization.delete().execute()
        database.execute_sql('DELETE FROM "schema_migration" WHERE "version" = 8')
        assert migrate() == [8]
        members = {s.id: s.__data__["organization_id"] for s in Speaker.select()}
        names = {o.id: (o.name, o.name_en) for o in Organization.select()}
        aliases = {a.alias for a in OrganizationAlias.select()}
    assert members == {
        "jo-joo-wan": "lg-electronics", "park-hyoung-sei": "lg-electronics",
        "lg-electronics": "lg-electronics", "meta": "meta", "mark-zuckerberg": "meta",
    }  # fmt: skip
    assert names == {"lg-electronics": ("LG전자", "LG Electronics"),
                     "meta": ("메타", "Meta Platforms")}  # fmt: skip
    assert {"Meta", "메타플랫폼스"} <= aliases
    assert [c["id"] for c in client.get("/v1/claims?organization=Meta").json["data"]] == [8, 9]
