"""Which organisation a name means: the one rule for turning names into organisation records.

Organisations were strings on speakers ("LG전자", "LG Electronics") before they
became records. The upgrade (schema.migrations, v8) and every later write of a
speaker (core.organizations) map a name to a record the same way: a name
means the record that has it as its name, English name, alias or id,
compared case-insensitively with spaces at the ends ignored; a name that no
record has makes a new record.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

_SLUG_UNSAFE = re.compile(r"[^a-z0-9]+")


def folded(name: str) -> str:
    """A name as names are compared: case-folded, inner spaces collapsed, ends trimmed."""
    return " ".join(name.split()).casefold()


def organization_id_for(name: str, name_en: str | None) -> str:
    """A stable id for a new organisation: its English name as a slug, else a hash of its name."""
    for source in (name_en, name):
        if source and source.isascii():
            slug = _SLUG_UNSAFE.sub("-", source.casefold()).strip("-")[:100]
            if slug:
                return slug
    return "org-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]


@dataclass
class OrganizationRecord:
    """An organisation as the upgrade builds it from the speakers' strings."""

    id: str
    name: str
    name_en: str | None
    aliases: list[str] = field(default_factory=list)

    def names(self) -> list[str]:
        """Every name of the record (its id, a slug, is not one, though it answers to it)."""
        return [self.name, *([self.name_en] if self.name_en else []), *self.aliases]

    def add_alias(self, name: str | None) -> None:
        """Keep another name of the record, unless it already answers to it."""
        if name and folded(name) not in {folded(n) for n in self.names()}:
            self.aliases.append(name)


def organization_records(
    speakers: list[tuple], aliases_of: dict[str, list[str]]
) -> tuple[list[OrganizationRecord], dict[str, str]]:
    """Records for the organisations speakers name, and each speaker's record id.

    `speakers` are (id, name, name_en, kind, organization, organization_en). An
    organisation speaker becomes the record of its own id, its names and aliases
    the record's; a person's organisation string is matched against every
    record's names, and a string no record has becomes a new record (its
    English name from the person's `organization_en`). A person's English
    organisation name that differs from the record's is kept as an alias, so
    nothing written before is lost.
    """
    records: list[OrganizationRecord] = []
    by_name: dict[str, OrganizationRecord] = {}
    members: dict[str, str] = {}

    def register(record: OrganizationRecord) -> None:
        for name in (record.id, *record.names()):
            by_name.setdefault(folded(name), record)

    ordered = sorted(speakers, key=lambda row: row[0])
    for speaker_id, name, name_en, kind, _, _ in ordered:
        if kind != "organization":
            continue
        existing = by_name.get(folded(name)) or (name_en and by_name.get(folded(name_en)))
        if existing:
            members[speaker_id] = existing.id
            continue
        record = OrganizationRecord(speaker_id, name, name_en)
        for alias in aliases_of.get(speaker_id, []):
            record.add_alias(alias)
        records.append(record)
        register(record)
        members[speaker_id] = record.id
    taken = {record.id for record in records}
    for speaker_id, _, _, kind, organization, organization_en in ordered:
        if kind == "organization" or not organization:
            continue
        record = by_name.get(folded(organization)) or (
            organization_en and by_name.get(folded(organization_en))
        )
        if record is None:
            record_id = organization_id_for(organization, organization_en)
            while record_id in taken:
                record_id = organization_id_for(record_id + "-", None)
            record = OrganizationRecord(record_id, organization, organization_en)
            records.append(record)
            taken.add(record_id)
        elif record.name_en is None and organization_en:
            record.name_en = organization_en
        record.add_alias(organization)
        record.add_alias(organization_en)
        register(record)
        members[speaker_id] = record.id
    return records, members
