"""Organisations as records: names in Korean and English, aliases, and the speakers of each.

A speaker belongs to one organisation (`Speaker.organization_id`); a person's
`organization` and `organization_en`, as claims and citations show them, are
that record's names, written here and nowhere else (`affiliation`,
`sync_members`), so an English citation names LG Electronics one way whatever
a client once typed. Clients may still give a speaker an organisation as a
string: it names the record that answers to it (schema.organization_names),
or a new one. A changed record archives the state it replaces, as speakers do.
"""

from __future__ import annotations

from core.rejections import Rejected, StaleVersion
from schema.db import database, write_transaction
from schema.models import Organization, OrganizationAlias, OrganizationVersion, Speaker, utc_now
from schema.organization_names import folded, organization_id_for


class OrganizationRejected(Rejected):
    """An organisation that exists already, or a speaker's organisation that does not."""

    resource = "organization"


def aliases_of(organization_ids: list[str]) -> dict[str, list[str]]:
    """Each organisation's aliases in their stored order."""
    return OrganizationAlias.of(organization_ids)


def lookup(term: str, *, loosely: bool = False) -> list[str]:
    """Ids of the organisations answering to `term`: id, name, English name or alias.

    Exact matches come through the indexes (the claim list's `organization`
    filter takes only those, as it always did). `loosely`, failing those, names
    are compared as schema.organization_names compares them (case and spacing
    aside), reading every organisation: what writes do before making a new one.
    """
    sql = (
        'SELECT "id" FROM "organization" WHERE "id" = ? UNION SELECT "id" FROM "organization" '
        'WHERE "name" = ? UNION SELECT "id" FROM "organization" WHERE "name_en" = ? '
        'UNION SELECT "organization_id" FROM "organization_alias" WHERE "alias" = ?'
    ).replace("?", database.param)
    found = sorted(row[0] for row in database.execute_sql(sql, [term] * 4).fetchall())
    if found or not loosely or not term.strip():
        return found
    wanted = folded(term)
    names = Organization.select(Organization.id, Organization.name, Organization.name_en).tuples()
    aliases = OrganizationAlias.select(OrganizationAlias.organization, OrganizationAlias.alias)
    matches = {oid for oid, *named in names for n in (oid, *named) if n and folded(n) == wanted}
    matches |= {oid for oid, alias in aliases.tuples() if folded(alias) == wanted}
    return sorted(matches)


def _add_alias(organization_id: str, alias: str | None) -> None:
    """Keep another name of an organisation, unless it has it already (its id, a slug,
    is not a name: "Meta" is kept beside the id `meta`)."""
    if not alias:
        return
    record = Organization.get_by_id(organization_id)
    aliases = aliases_of([organization_id])[organization_id]
    names = [record.name, record.name_en, *aliases]
    if folded(alias) in {folded(n) for n in names if n}:
        return
    position = len(aliases)
    OrganizationAlias.insert(organization=organization_id, alias=alias, position=position).execute()


def resolve(name: str, name_en: str | None, author: str, record_id: str | None = None) -> str:
    """The id of the organisation `name` (or `name_en`) means, made when none answers to it.

    An English name the record lacks becomes its English name; one that differs
    from the record's is kept as an alias (nothing a client wrote is lost).
    """
    found = lookup(name, loosely=True) or (lookup(name_en, loosely=True) if name_en else [])
    if not found:
        organization_id = record_id or organization_id_for(name, name_en)
        while Organization.get_or_none(Organization.id == organization_id) is not None:
            organization_id = organization_id_for(organization_id + "-", None)
        now = utc_now()
        Organization.create(
            id=organization_id, name=name, name_en=name_en, changed_by=author,
            change_reason="named by a speaker", created_at=now, updated_at=now,
        )  # fmt: skip
        return organization_id
    organization_id = found[0]
    record = Organization.get_by_id(organization_id)
    if name_en and record.name_en is None:
        update_organization(
            organization_id, {"name_en": name_en}, author, reason="named by a speaker"
        )
    else:
        _add_alias(organization_id, name_en)
    _add_alias(organization_id, name)
    return organization_id


def affiliation(speaker: dict, author: str) -> dict:
    """A speaker's `organization_id`, `organization` and `organization_en`, from its record.

    `speaker` holds the speaker's fields as given (kind, names, aliases, the
    organisation as an id or as names). An organisation speaker's record is the
    one answering to its own names (made with its id when none does); a
    person's is the one given by id, or named by `organization`.
    """
    if speaker.get("kind") == "organization":
        names = [speaker.get("name"), speaker.get("name_en"), *(speaker.get("aliases") or [])]
        found = next((ids[0] for n in names if n and (ids := lookup(n, loosely=True))), None)
        if found is None:
            found = resolve(speaker["name"], speaker.get("name_en"), author, speaker.get("id"))
            for alias in speaker.get("aliases") or []:
                _add_alias(found, alias)
        return {
            "organization_id": found,
            "organization": speaker.get("organization"),
            "organization_en": speaker.get("organization_en"),
        }
    organization_id = speaker.get("organization_id")
    if organization_id is not None:
        record = Organization.get_or_none(Organization.id == organization_id)
        if record is None:
            raise OrganizationRejected("organization_id", f"No organisation {organization_id!r}.")
        named = speaker.get("organization")
        if named and organization_id not in lookup(named, loosely=True):
            raise OrganizationRejected(
                "organization", f"{named!r} is not a name of organisation {organization_id!r}."
            )
    elif speaker.get("organization"):
        organization_id = resolve(speaker["organization"], speaker.get("organization_en"), author)
    else:
        return {"organization_id": None, "organization": None, "organization_en": None}
    record = Organization.get_by_id(organization_id)
    return {
        "organization_id": organization_id,
        "organization": record.name,
        "organization_en": record.name_en,
    }


def sync_members(organization_id: str) -> int:
    """Write the record's names onto its people (the copies claims are read with)."""
    record = Organization.get_by_id(organization_id)
    return (
        Speaker.update(organization=record.name, organization_en=record.name_en)
        .where((Speaker.organization_id == organization_id) & (Speaker.kind == "person"))
        .execute()
    )


def set_aliases(organization_id: str, aliases: list[str]) -> None:
    """Replace an organisation's aliases, keeping their order and dropping repeats."""
    OrganizationAlias.replace(organization_id, aliases)


def add_organization(data: dict, author: str) -> Organization:
    """Store a new organisation with its aliases, as its version 1."""
    organization_id = data.get("id") or organization_id_for(data["name"], data.get("name_en"))
    taken = lookup(organization_id) + lookup(data["name"], loosely=True)
    if data.get("name_en"):
        taken += lookup(data["name_en"], loosely=True)
    if taken:
        raise OrganizationRejected(
            "id", f"Organisation {sorted(set(taken))[0]!r} already has this id or name.", 409,
            existing=f"/v1/organizations/{sorted(set(taken))[0]}",
        )  # fmt: skip
    with write_transaction():
        record = Organization.create(
            id=organization_id, name=data["name"], name_en=data.get("name_en"),
            changed_by=author, change_reason=data.get("reason") or "created",
        )  # fmt: skip
        set_aliases(organization_id, data.get("aliases") or [])
    return record


def snapshot(record: Organization, aliases: list[str]) -> dict:
    """An organisation's state as plain values: what its history keeps of each version."""
    return {"name": record.name, "name_en": record.name_en, "aliases": aliases}


def update_organization(
    organization_id: str,
    data: dict,
    author: str,
    expected_version: int | None = None,
    reason: str | None = None,
) -> bool:
    """Change an organisation's names or aliases; its people show the new names at once.

    The state replaced is archived with who made it and why; a change that
    changes nothing writes nothing.
    """
    with write_transaction():
        current = Organization.get_by_id(organization_id)
        if expected_version is not None and expected_version != current.version:
            raise StaleVersion
        aliases = aliases_of([organization_id])[organization_id]
        changes = {
            k: data[k] for k in ("name", "name_en") if k in data and data[k] != current.__data__[k]
        }
        wanted = list(dict.fromkeys(data["aliases"])) if "aliases" in data else aliases
        if not changes and wanted == aliases:
            return False
        updated = (
            Organization.update(
                **changes, version=current.version + 1, changed_by=author,
                change_reason=reason or data.get("reason") or "updated", updated_at=utc_now(),
            )
            .where((Organization.id == organization_id) & (Organization.version == current.version))
            .execute()
        )  # fmt: skip
        if updated != 1:
            raise StaleVersion
        OrganizationVersion.keep(current, snapshot(current, aliases))
        if wanted != aliases:
            set_aliases(organization_id, wanted)
        if changes:
            sync_members(organization_id)
    return True


def organization_body(record: Organization, aliases: list[str]) -> dict:
    """An organisation as the API shows it."""
    return {
        "id": record.id,
        "name": record.name,
        "name_en": record.name_en,
        "aliases": aliases,
        "version": record.version,
        "links": {
            "self": f"/v1/organizations/{record.id}",
            "claims": f"/v1/claims?organization={record.id}",
            "figures": f"/v1/figures?organization={record.id}",
            "history": f"/v1/organizations/{record.id}/history",
        },
    }
