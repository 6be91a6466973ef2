"""Conditional GET: entity tags from the data's version; a matching If-None-Match is a 304.

Claims, documents, speakers and every claim list carry an ETag built from the
data version (schema/changes.py: triggers move it on any change to the rows a
read shows), the request's URL, the representation it negotiated, and a digest
of how this release represents things. While none of those changes, the body
would be byte for byte the same, so a client that sends the tag back in
If-None-Match is answered 304 with no body, before any validation or query
runs. Nothing is cached here: the decision reads the live version each time,
so a write is seen by the very next request.

A resource's own tag stays in front of the data part (a claim's `"11-2"`
becomes `"11-2~<data>"`): If-Match on writes compares only that own part
(`own_tag`), so an unrelated write never makes a correction fail.
"""

from __future__ import annotations

import hashlib
import re

from flask import Flask, Response, g, request
from flask_smorest import Api

from core.claim_rows import CLAIM_JSON_SQL, claim_body
from core.representation import DOCUMENT_SHOWN, SPEAKER_SHOWN
from schema.changes import current_version

# Endpoints answered conditionally, and whether their representation is negotiated
# (a claim list is JSON, CSV or NDJSON by `format` or Accept).
ENDPOINTS = {
    "claims.get_claim": False,
    "claims.list_claims": True,
    "documents.list_documents": False,
    "documents.get_document": False,
    "documents.document_claims": True,
    "speakers.list_speakers": False,
    "speakers.get_speaker": False,
    "speakers.speaker_claims": True,
}
# How this release shows things: a new release that shows a claim differently must
# not be answered 304 for a body an older one made.
REPRESENTATION = hashlib.blake2b(
    "\n".join([claim_body.source, CLAIM_JSON_SQL, *DOCUMENT_SHOWN, *SPEAKER_SHOWN]).encode(),
    digest_size=4,
).hexdigest()
SEPARATOR = "~"  # between a resource's own tag and the data part


def own_tag(tag: str) -> str:
    """The resource's own part of an entity tag (what If-Match on a write compares)."""
    return tag.split(SEPARATOR, 1)[0]


def data_part(variant: str) -> str:
    """This request's data part: the data version and a digest of what is asked.

    The digest covers the path and query string exactly as sent, the negotiated
    format and the release's representation, so a tag is only ever current for
    the URL that issued it.
    """
    asked = f"{REPRESENTATION}\n{request.path}?{request.query_string.decode('latin-1')}\n{variant}"
    key = hashlib.blake2b(asked.encode("utf-8", "surrogateescape"), digest_size=6).hexdigest()
    return f"{current_version()}.{key}"


def check_not_modified() -> Response | None:
    """Before the view: 304 when If-None-Match names this request's current tag."""
    if request.method not in ("GET", "HEAD") or request.endpoint not in ENDPOINTS:
        return None
    from api.claims import requested_format

    variant = requested_format() if ENDPOINTS[request.endpoint] else ""
    g.data_part = data_part(variant)
    for tag in request.if_none_match.as_set(include_weak=True):
        if not isinstance(tag, str):  # werkzeug gives None for an empty tag ("")
            continue
        if tag == g.data_part or tag.endswith(SEPARATOR + g.data_part):
            response = Response(status=304)
            response.headers["ETag"] = f'"{tag}"'
            return finish(response)
    return None


def tag_response(response: Response) -> Response:
    """After the view: a 200 of a conditional endpoint gets its ETag (own part kept)."""
    data = g.pop("data_part", None)
    if data is None or response.status_code != 200:
        return response
    own, _ = response.get_etag()
    response.headers["ETag"] = f'"{own}{SEPARATOR}{data}"' if own else f'"{data}"'
    return finish(response)


def finish(response: Response) -> Response:
    """Headers a conditional answer carries, 200 or 304 alike."""
    response.headers["Cache-Control"] = "no-cache"  # keep it, but ask again every time
    if ENDPOINTS.get(request.endpoint):
        response.vary.add("Accept")
    return response


def init_app(app: Flask) -> None:
    """Answer conditional GETs; register after the database hooks (it reads the version)."""
    app.before_request(check_not_modified)
    app.after_request(tag_response)


IF_NONE_MATCH = {
    "in": "header",
    "name": "If-None-Match",
    "required": False,
    "description": "An ETag this URL gave: 304 with no body while the data is unchanged.",
    "schema": {"type": "string"},
}
NOT_MODIFIED = {
    "description": "Not Modified: the ETag sent in If-None-Match is still current.",
    "headers": {"ETag": {"description": "The current ETag.", "schema": {"type": "string"}}},
}


def document(app: Flask, api: Api) -> None:
    """Declare If-None-Match, the 304 and the ETag on each conditional GET of /openapi.json.

    Done here, once the blueprints are registered, so the views' own documentation
    stays as it is; apispec keeps the operations in `spec._paths` (read by
    tests/test_conditional.py, which fails if that moves).
    """
    paths = api.spec._paths
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in ENDPOINTS:
            continue
        operation = paths[re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)]["get"]
        operation.setdefault("parameters", []).append(IF_NONE_MATCH)
        responses = operation.setdefault("responses", {})
        responses["304"] = NOT_MODIFIED
        ok = responses.setdefault("200", {})
        ok.setdefault("headers", {}).setdefault(
            "ETag",
            {
                "description": "Send it back as If-None-Match; a claim's also as If-Match.",
                "schema": {"type": "string"},
            },
        )
