"""Every version of a claim or speaker: who changed it, when, why, and what it said.

The record's own row is its current version; each earlier one is an archived
row holding its state as JSON (written by core.claim_writes and
core.speaker_writes when a change replaces it).
"""

from __future__ import annotations

import json

from core.claim_writes import snapshot
from core.speaker_writes import speaker_snapshot
from schema.models import Claim, ClaimVersion, Speaker, SpeakerAlias, SpeakerVersion


def version_history(archived, record, current: dict) -> list[dict]:
    """Every version of a record, oldest first: its archived rows, then its current state."""
    entries = [
        _version(v.version, v.changed_by, v.changed_at, v.reason, json.loads(v.data))
        for v in archived
    ]
    entries.append(
        _version(
            record.version, record.changed_by, record.updated_at, record.change_reason, current
        )
    )
    return entries


def _version(version: int, changed_by: str, changed_at, reason: str, data: dict) -> dict:
    return {
        "version": version,
        "changed_by": changed_by,
        "changed_at": changed_at,
        "reason": reason,
        "data": data,
    }


def claim_history(claim: Claim) -> list[dict]:
    """Every version of a claim, oldest first."""
    archived = (
        ClaimVersion.select().where(ClaimVersion.claim == claim.id).order_by(ClaimVersion.version)
    )
    return version_history(archived, claim, json.loads(json.dumps(snapshot(claim), default=str)))


def speaker_history(speaker: Speaker) -> list[dict]:
    """Every version of a speaker, oldest first."""
    aliases = [a.alias for a in speaker.alias_rows.order_by(SpeakerAlias.position)]
    archived = speaker.versions.order_by(SpeakerVersion.version)
    return version_history(archived, speaker, speaker_snapshot(speaker, aliases))


def changes(versions: list[dict]) -> list[dict]:
    """Each version with what it changed from the one before: `[(field, before, after)]`.

    The history's versions hold whole states; a reader wants the difference
    ("value: 500000000 → 600000000"). The first version changed nothing: it
    is the record as created.
    """
    described = []
    previous: dict | None = None
    for version in versions:
        data = version["data"]
        changed = []
        if previous is not None:
            changed = [
                (name, previous.get(name), data.get(name))
                for name in data
                if previous.get(name) != data.get(name)
            ]
        described.append({**version, "changes": changed})
        previous = data
    return described
