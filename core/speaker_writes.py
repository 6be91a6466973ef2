"""Storing and changing speakers: the people and organisations claims quote.

A change archives the state it replaces (see core.history), so the role or
organisation a person had when an older claim quoted them stays told.
"""

from __future__ import annotations

import hashlib

from core.organizations import affiliation
from core.rejections import SpeakerRejected, StaleVersion
from schema.db import write_transaction
from schema.models import Speaker, SpeakerAlias, SpeakerVersion, utc_now
from schema.schemas import SpeakerSchema

# What a speaker's record says (SpeakerSchema), less its id and the list of its aliases.
SPEAKER_FIELDS = tuple(
    n for n in SpeakerSchema().load_fields if n not in ("id", "aliases", "reason")
)
# The speaker's organisation: a record's id, and that record's names (core.organizations).
AFFILIATION = ("organization_id", "organization", "organization_en")


def affiliated(fields: dict, given: dict, speaker_id: str, aliases: list[str], author: str) -> dict:
    """`fields` with the organisation they name as a record: its id and its names.

    `given` is what the writer gave: an `organization_id` names the record; an
    `organization` (or only an English name) without one names it by name, as
    before organisations were records.
    """
    wanted = {**fields, "id": speaker_id, "aliases": aliases}
    if "organization_id" not in given and {"organization", "organization_en"} & set(given):
        wanted["organization_id"] = None
    if given.get("organization_id") and "organization" not in given:
        wanted["organization"] = None  # the record's name, whatever it was before
    return {**fields, **affiliation(wanted, author)}


def speaker_id_for(name: str) -> str:
    """A stable id for a speaker posted without one: derived from the name."""
    return "speaker-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]


def set_aliases(speaker_id: str, aliases: list[str]) -> None:
    """Replace a speaker's aliases, keeping their order and dropping repeats."""
    SpeakerAlias.replace(speaker_id, aliases)


def add_speaker(data: dict, author: str = "unknown") -> Speaker:
    """Store a new speaker with its aliases, as its version 1."""
    speaker_id = data.get("id") or speaker_id_for(data["name"])
    if Speaker.get_or_none(Speaker.id == speaker_id) is not None:
        raise SpeakerRejected("id", f"Speaker {speaker_id!r} already exists.", 409)
    with write_transaction():
        fields = {k: data.get(k) for k in SPEAKER_FIELDS}
        fields = affiliated(fields, data, speaker_id, data.get("aliases") or [], author)
        speaker = Speaker.create(
            id=speaker_id,
            **fields,
            changed_by=author,
            change_reason=data.get("reason") or "created",
        )
        set_aliases(speaker_id, data.get("aliases") or [])
    return speaker


def speaker_snapshot(speaker: Speaker, aliases: list[str]) -> dict:
    """A speaker's state as plain values: what its history keeps of each version."""
    return {**{k: speaker.__data__.get(k) for k in SPEAKER_FIELDS}, "aliases": aliases}


def update_speaker(
    speaker_id: str, data: dict, author: str, expected_version: int | None = None
) -> bool:
    """Change the given fields of a speaker (aliases replaced when given).

    The state being replaced is archived first, with who made it and why, so
    a role or organisation a claim was made under is never lost. A change
    that changes nothing writes nothing. Returns whether anything changed.
    `expected_version` (the writer's If-Match) must still be the speaker's
    version under the write lock, or StaleVersion: of two writers holding the
    same ETag, exactly one wins.
    """
    with write_transaction():
        current = Speaker.get_by_id(speaker_id)  # re-read under the write lock
        if expected_version is not None and expected_version != current.version:
            raise StaleVersion
        aliases = [a.alias for a in current.alias_rows.order_by(SpeakerAlias.position)]
        wanted = list(dict.fromkeys(data["aliases"])) if "aliases" in data else aliases
        merged = {k: data.get(k, current.__data__.get(k)) for k in SPEAKER_FIELDS}
        if set(AFFILIATION) & set(data) or "kind" in data:
            merged = affiliated(merged, data, speaker_id, wanted, author)
        changes = {k: v for k, v in merged.items() if v != current.__data__.get(k)}
        if not changes and wanted == aliases:
            return False
        # Only the version read: a writer that PostgreSQL let in alongside matches nothing.
        updated = (
            Speaker.update(
                **changes,
                version=current.version + 1,
                changed_by=author,
                change_reason=data.get("reason") or "updated",
                updated_at=utc_now(),
            )
            .where((Speaker.id == speaker_id) & (Speaker.version == current.version))
            .execute()
        )
        if updated != 1:
            raise StaleVersion
        SpeakerVersion.keep(current, speaker_snapshot(current, aliases))
        if wanted != aliases:
            set_aliases(speaker_id, wanted)
    return True
