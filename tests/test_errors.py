"""Every error, on every path, is an RFC 9457 problem+json body."""

from __future__ import annotations

import pytest

from api import create_app
from schema.db import database
from tests.conftest import AUTH


def assert_problem(response, status: int) -> dict:
    """The response is a problem of `status` with the required members."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = response.get_json(force=True)
    assert body["status"] == status
    assert isinstance(body["type"], str) and body["type"]
    assert isinstance(body["title"], str) and body["title"]
    assert "Traceback" not in response.get_data(as_text=True)
    return body


@pytest.mark.parametrize(
    ("path", "status", "field"),
    [
        ("/v1/claims?bogus=1", 400, "bogus"),
        ("/v1/claims?Speaker=x", 400, "Speaker"),
        ("/v1/claims?limit=0", 400, "limit"),
        ("/v1/claims?limit=501", 400, "limit"),
        ("/v1/claims?limit=ten", 400, "limit"),
        ("/v1/claims?unit=gallons", 400, "unit"),
        ("/v1/claims?kind=guess", 400, "kind"),
        ("/v1/claims?qualifier=roughly", 400, "qualifier"),
        ("/v1/claims?attribution=rumour", 400, "attribution"),
        ("/v1/claims?status=deleted", 400, "status"),
        ("/v1/claims?sort=name", 400, "sort"),
        ("/v1/claims?facet=colour", 400, "facet"),
        ("/v1/claims?value_min=abc", 400, "value_min"),
        ("/v1/claims?value_min=NaN", 400, "value_min"),
        ("/v1/claims?value_max=Infinity", 400, "value_max"),
        ("/v1/claims?value_max=1e400", 400, "value_max"),
        ("/v1/claims?value_min=10&value_max=5", 400, "value_min"),
        ("/v1/claims?published_from=yesterday", 400, "published_from"),
        ("/v1/claims?published_from=2024-03-01&published_to=2024-02-01", 400, "published_from"),
        ("/v1/claims?q=", 400, "q"),
        ("/v1/claims?q=%20%20", 400, "q"),
        ("/v1/claims?q=" + "가" * 201, 400, "q"),
        ("/v1/claims?q=a%00b", 400, "q"),
        ("/v1/claims?document=../../etc/passwd", 400, "document"),
        ("/v1/claims?cursor=not-a-cursor", 400, "cursor"),
        ("/v1/claims?cursor=WyJpZCIsbnVsbCwidHdvIl0", 400, "cursor"),
        ("/v1/claims?count=maybe", 400, "count"),
        ("/v1/documents?limit=-1", 400, "limit"),
        ("/v1/documents?cursor=%%%", 400, "cursor"),
        ("/v1/speakers?nope=1", 400, "nope"),
        ("/v1/documents/joongang-2024-02-28-zuckerberg-seoul/claims?unit=x", 400, "unit"),
        ("/v1/speakers/meta/claims?limit=9999", 400, "limit"),
    ],
)
def test_bad_query_parameters_are_named(client, path, status, field):
    body = assert_problem(client.get(path), status)
    assert field in body["errors"], body
    assert field in body["detail"] or body["errors"][field]


@pytest.mark.parametrize(
    "path",
    [
        "/v1/claims/999999",
        "/v1/claims/0",
        "/v1/claims/abc",
        "/v1/claims/-1",
        "/v1/documents/no-such-document",
        "/v1/documents/no-such-document/claims",
        "/v1/speakers/nobody",
        "/v1/speakers/nobody/claims",
        "/v1/nothing-here",
        "/v1/documents/..%2F..%2Fetc%2Fpasswd",
    ],
)
def test_unknown_resources_are_404(client, path):
    assert_problem(client.get(path), 404)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("put", "/v1/claims"),
        ("patch", "/v1/documents"),
        ("delete", "/v1/speakers"),
        ("post", "/healthz"),
    ],
)
def test_wrong_methods_are_405_with_allow(client, method, path):
    response = getattr(client, method)(path)
    assert_problem(response, 405)
    assert "GET" in response.headers["Allow"]


def test_oversized_body_is_413(client):
    assert_problem(client.put("/v1/claims", data=b"x" * 1_100_000), 413)


def test_unexpected_error_is_a_500_problem_without_internals(database_url):
    app = create_app({"DATABASE_URL": database_url})

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom")
    body = assert_problem(response, 500)
    assert "secret internals" not in response.get_data(as_text=True)
    assert body["instance"] == "/boom"
    database.close()


def test_errors_change_nothing(client):
    before = client.get("/v1/claims?count=true").json["count"]
    client.get("/v1/claims?bogus=1")
    client.put("/v1/claims", data=b"{}")
    assert client.get("/v1/claims?count=true").json["count"] == before


@pytest.mark.parametrize(
    ("path", "body", "status", "problem"),
    [
        ("/v1/speakers", {"id": "meta", "name": "Meta", "kind": "organization"}, 409, "speaker"),
        (
            "/v1/documents",
            {"id": "joongang-2024-02-28-zuckerberg-seoul", "title": "Again",
             "published": "2024-02-28", "language": "ko", "text": "다른 글"},
            409,
            "document",
        ),
        (
            "/v1/documents",
            {"title": "A correction", "published": "2024-02-28", "language": "ko",
             "text": "고친 글", "supersedes": "no-such-document"},
            422,
            "document",
        ),
        (
            "/v1/claims",
            {"document": "joongang-2024-02-28-zuckerberg-seoul", "stated_as": "없는 인용",
             "value": 1, "unit": "items", "kind": "count", "attribution": "narration"},
            422,
            "claim",
        ),
    ],
)  # fmt: skip
def test_each_resource_names_its_own_refusal(client, path, body, status, problem):
    body = assert_problem(client.post(path, json=body, headers=AUTH), status)
    assert body["type"] == f"/problems/{problem}-rejected"
    assert body["title"] == f"The {problem} cannot be stored as given."
    assert body["errors"]


# --- parameters every endpoint checks ------------------------------------------------------

ENDPOINTS_WITHOUT_QUERY = [
    "/v1/claims/3",
    "/v1/claims/3/verify",
    "/v1/claims/3/history",
    "/v1/documents/joongang-2024-02-28-zuckerberg-seoul",
    "/v1/documents/joongang-2024-02-28-zuckerberg-seoul/verify",
    "/v1/speakers/meta",
    "/v1/speakers/meta/history",
]


@pytest.mark.parametrize("path", ENDPOINTS_WITHOUT_QUERY)
def test_an_unknown_parameter_is_refused_everywhere(client, path):
    assert client.get(path).status_code == 200
    response = client.get(f"{path}?foo=1")
    assert response.status_code == 400
    assert response.json["detail"] == "Unknown parameter: foo."
    assert response.json["errors"] == {"foo": ["Unknown field."]}


def test_a_write_refuses_an_unknown_parameter_and_changes_nothing(client):
    etag = client.get("/v1/speakers/meta").headers["ETag"]
    response = client.patch(
        "/v1/speakers/meta?dry_run=1",
        json={"role": "owner"},
        headers={**AUTH, "If-Match": etag},
    )
    assert response.status_code == 400 and "dry_run" in response.json["errors"]
    assert client.get("/v1/speakers/meta").json["role"] is None


@pytest.mark.parametrize(
    "query", ["limit=1&limit=2", "sort=id&sort=-id", "q=a&q=b", "count=true&count=false"]
)
@pytest.mark.parametrize("path", ["/v1/claims", "/v1/documents", "/v1/speakers/meta/claims"])
def test_a_repeated_single_value_parameter_is_named(client, path, query):
    name = query.partition("=")[0]
    if path == "/v1/documents" and name != "limit":
        pytest.skip("documents take only limit and cursor")
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400
    assert list(response.json["errors"]) == [name]
    assert name in response.json["detail"]


def test_repeatable_parameters_may_repeat(client):
    response = client.get("/v1/claims?facet=unit&facet=kind&limit=1")
    assert response.status_code == 200 and set(response.json["facets"]) == {"unit", "kind"}


def test_a_body_field_is_called_a_field(client):
    response = client.post("/v1/speakers", json={"name": "x", "kind": "person", "nmae": "y"},
                           headers=AUTH)  # fmt: skip
    assert response.status_code == 422
    assert response.json["detail"] == "Unknown field: nmae."


@pytest.mark.parametrize("body", [[{"name": "x", "kind": "person"}], "x", 3])
def test_a_body_that_is_not_an_object_says_so(client, body):
    response = client.post("/v1/speakers", json=body, headers=AUTH)
    assert response.status_code == 422
    assert response.json["detail"].startswith("The body must be a JSON object")
    assert response.json["errors"] == {"_body": ["Must be a JSON object."]}
    assert "_schema" not in response.get_data(as_text=True)
