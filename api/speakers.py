"""The speakers resource: people and organisations, and what they claimed."""

from __future__ import annotations

from flask import g

from api.auth import require_token
from api.blueprint import Blueprint
from api.claims import QUERY, claim_page
from api.errors import Problem
from api.limits import write_limit
from api.openapi import (
    IF_MATCH,
    claim_list_responses,
    etag_header,
    location_header,
    problem_responses,
    write_doc,
)
from api.responses import etag, expected_version, page_body
from core import history, queries, speaker_writes
from core.claim_filters import claim_query_args
from core.representation import speaker_body
from schema.models import Speaker
from schema.schemas import (
    ClaimPageSchema,
    HistorySchema,
    PageArgsSchema,
    SpeakerPageSchema,
    SpeakerSchema,
    SpeakerUpdateSchema,
)

blp = Blueprint("speakers", __name__, url_prefix="/v1/speakers", description="Who said it.")


def find_speaker(speaker_id: str) -> Speaker:
    """The speaker with this id, or a 404 problem."""
    speaker = Speaker.get_or_none(Speaker.id == speaker_id)
    if speaker is None:
        raise Problem(404, f"No speaker {speaker_id!r}.")
    return speaker


@blp.route("")
@blp.doc(responses=problem_responses(400))
@blp.arguments(PageArgsSchema(), **QUERY)
@blp.response(200, SpeakerPageSchema)
def list_speakers(args):
    """List speakers with their aliases, ordered by id."""
    page = queries.list_records(Speaker, args)
    aliases = queries.aliases_of([s.id for s in page.rows])
    return page_body(page, [speaker_body(s, aliases[s.id]) for s in page.rows])


@blp.route("", methods=["POST"])
@blp.doc(**write_doc(409, success=(201, {**etag_header("speaker"), **location_header()})))
@require_token
@write_limit
@blp.arguments(SpeakerSchema())
@blp.response(201, SpeakerSchema)
def create_speaker(data):
    """Add a person or organisation with the short forms texts use for it.

    Without an `id`, the id is `speaker-` and the first 12 hex digits of the
    name's SHA-256.
    """
    speaker = speaker_writes.add_speaker(data, g.token_name)
    return represent(speaker.id, 201, {"Location": f"/v1/speakers/{speaker.id}"})


def represent(speaker_id: str, status: int = 200, headers: dict | None = None):
    """A speaker's body, freshly read, with its ETag."""
    speaker = find_speaker(speaker_id)
    body = speaker_body(speaker, queries.aliases_of([speaker.id])[speaker.id])
    return body, status, {"ETag": etag(speaker.id, speaker.version), **(headers or {})}


@blp.route("/<string:speaker_id>")
@blp.doc(responses={200: {"headers": etag_header("speaker")}, **problem_responses(404)})
@blp.response(200, SpeakerSchema)
def get_speaker(speaker_id):
    """One speaker with the short forms texts use for it."""
    return represent(speaker_id)


@blp.route("/<string:speaker_id>", methods=["PATCH"])
@blp.doc(**write_doc(404, 412, 428, success=(200, etag_header("speaker")), parameters=[IF_MATCH]))
@require_token
@write_limit
@blp.arguments(SpeakerUpdateSchema(partial=True))
@blp.response(200, SpeakerSchema)
def update_speaker(data, speaker_id):
    """Change a speaker's name, role, organisation or aliases (If-Match required).

    The old state is kept in the speaker's history.
    """
    find_speaker(speaker_id)
    version = expected_version(speaker_id, "speaker")
    speaker_writes.update_speaker(speaker_id, data, g.token_name, version)
    return represent(speaker_id)


@blp.route("/<string:speaker_id>/history")
@blp.doc(responses=problem_responses(404))
@blp.response(200, HistorySchema)
def speaker_history(speaker_id):
    """Every version of the speaker (role, organisation, aliases): who changed it, when, why."""
    return {"data": history.speaker_history(find_speaker(speaker_id))}


@blp.route("/<string:speaker_id>/claims")
@blp.doc(responses=claim_list_responses(404))
@blp.arguments(claim_query_args, **QUERY)
@blp.response(200, ClaimPageSchema)
def speaker_claims(args, speaker_id):
    """The claims this speaker stated; takes the same filters as /v1/claims."""
    find_speaker(speaker_id)
    return claim_page({**args, "speaker_id": speaker_id})
