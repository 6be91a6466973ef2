"""Load `fixtures/` into the database: validated, atomic and idempotent.

Every record goes through the same marshmallow schemas as the API. All of it is
checked before anything is written, and the writes happen in one transaction,
so a bad fixture changes nothing and the error names file, record and field.
Seeding twice gives the same rows and ids; a changed fixture claim becomes a
new version of that claim, never a silent overwrite.

Fixtures are the initial state, and the curated source only of records that
nobody has touched since. A record whose latest version a person wrote (a
token, the CLI, an import) is never changed here: when its fixture changed too,
the person's version is kept and the difference is reported as a conflict.
`make run` seeds at every start, so this is what keeps a reviewer's
retractions and corrections through restarts and deploys.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from marshmallow import ValidationError

from core import claim_writes, linking, organizations, queries, speaker_writes
from core.document_writes import DOCUMENT_DETAILS
from core.rejections import ClaimRejected
from extractor.anchors import text_sha256
from schema.db import sync_id_sequence, write_transaction
from schema.models import (
    FIXTURES_AUTHOR,
    Claim,
    ClaimVersion,
    Document,
    Speaker,
    SpeakerVersion,
    exact_number,
)
from schema.schemas import ClaimInputSchema, DocumentSchema, OrganizationSchema, SpeakerSchema

FIXTURES_DIR = Path(__file__).resolve().parents[1] / "fixtures"
SEEDER = FIXTURES_AUTHOR
# Why a seeded record was written, as its history shows it.
SEED_REASON, CHANGED_REASON = "seeded from fixtures", "fixture changed"


class SeedError(Exception):
    """A fixture problem, located by file, record and field."""

    def __init__(self, file: str, record: str | None, field_name: str | None, message: str):
        where = file
        if record is not None:
            where += f", record {record}"
        if field_name is not None:
            where += f", field {field_name}"
        super().__init__(f"{where}: {message}")
        self.file, self.record, self.field, self.message = file, record, field_name, message


@dataclass(frozen=True)
class SeedConflict:
    """A fixture that changed for a record a person has edited since: theirs is kept."""

    file: str
    record: str
    fields: tuple[str, ...]
    kept_by: str
    kept_version: int | None

    def __str__(self) -> str:
        version = f" (version {self.kept_version})" if self.kept_version else ""
        return (
            f"{self.file}, record {self.record}: the fixture changed {', '.join(self.fields)}, "
            f"but {self.kept_by!r} edited the record since{version}; kept their version"
        )


@dataclass
class SeedReport:
    """What a seed run did (or, with check, would do)."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    # Records whose latest version a person wrote: seeding left them alone.
    kept: dict[str, int] = field(default_factory=dict)
    conflicts: list[SeedConflict] = field(default_factory=list)
    # Ids of the claims this run created or changed, for linking into figures.
    written_claims: list[int] = field(default_factory=list)

    def count(self, outcome: str, kind: str) -> None:
        """Tally one record's outcome."""
        tally = getattr(self, outcome)
        tally[kind] = tally.get(kind, 0) + 1

    def summary(self) -> str:
        """One line per record kind."""
        kinds = sorted(set(self.created) | set(self.updated) | set(self.unchanged) | set(self.kept))
        return "\n".join(
            f"{kind}: {self.created.get(kind, 0)} created, {self.updated.get(kind, 0)} updated, "
            f"{self.unchanged.get(kind, 0)} unchanged, "
            f"{self.kept.get(kind, 0)} kept as people edited them"
            for kind in kinds
        )


class _Abort(Exception):
    """Raised inside the transaction to roll a dry run back."""


class SeedConflicts(Exception):
    """With `strict`, fixture changes that people's edits override are an error."""

    def __init__(self, report: SeedReport):
        super().__init__("; ".join(str(c) for c in report.conflicts))
        self.report = report


def _read_records(path: Path) -> list:
    """The JSON array in a fixture file."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SeedError(path.name, None, None, "file not found") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SeedError(path.name, None, None, f"not valid UTF-8 JSON ({error})") from None
    if not isinstance(records, list):
        raise SeedError(path.name, None, None, "must hold a JSON array of records")
    return records


def _load(path: Path, schema, records: list, extra: tuple[str, ...] = ()) -> list[dict]:
    """Validate each record with `schema`, naming the first bad record and field."""
    loaded = []
    seen = set()
    for index, record in enumerate(records):
        label = _label(index, record)
        if not isinstance(record, dict):
            raise SeedError(path.name, label, None, "must be a JSON object")
        extras = {k: record[k] for k in extra if k in record}
        body = {k: v for k, v in record.items() if k not in extra}
        try:
            data = schema.load(body)
        except ValidationError as error:
            name, messages = next(iter(_flat(error.messages).items()))
            raise SeedError(path.name, label, name, "; ".join(messages)) from None
        if "id" not in data:
            raise SeedError(path.name, label, "id", "fixtures need a stable id")
        if data["id"] in seen:
            raise SeedError(path.name, label, "id", "duplicate id")
        seen.add(data["id"])
        loaded.append({**data, **extras, "_label": label})
    return loaded


def _label(index: int, record) -> str:
    """How an error names a record: its position and, if present, its id."""
    if isinstance(record, dict) and "id" in record:
        return f"#{index} (id {record['id']!r})"
    return f"#{index}"


def _flat(messages, prefix: str = "") -> dict[str, list[str]]:
    """Nested marshmallow messages as dotted field names → message lists."""
    if isinstance(messages, list):
        return {prefix or "_schema": [str(m) for m in messages]}
    flat = {}
    for key, value in messages.items():
        flat.update(_flat(value, f"{prefix}.{key}" if prefix else str(key)))
    return flat


def read_organizations(directory: Path) -> list[dict]:
    """The optional `organizations.json`: names and aliases of organisation records."""
    path = directory / "organizations.json"
    if not path.exists():
        return []
    return _load(path, OrganizationSchema(), _read_records(path))


def read_fixtures(directory: Path) -> tuple[list[dict], list[dict], list[dict]]:
    """Read and validate every fixture file; raise SeedError on the first problem."""
    documents = _load(
        directory / "documents.json",
        DocumentSchema(exclude=("text",)),
        _read_records(directory / "documents.json"),
        extra=("text_file", "text_sha256"),
    )
    for doc in documents:
        doc["text"] = _document_text(directory, doc)
    speakers = _load(
        directory / "speakers.json", SpeakerSchema(), _read_records(directory / "speakers.json")
    )
    claims = _load(
        directory / "claims.json", ClaimInputSchema(), _read_records(directory / "claims.json")
    )
    _check_claims(claims, {d["id"]: d for d in documents}, {s["id"] for s in speakers})
    return documents, speakers, claims


def _document_text(directory: Path, doc: dict) -> str:
    """The verbatim text of a fixture document, checked against its sha256."""
    name = doc.get("text_file")
    if not isinstance(name, str) or not name:
        raise SeedError("documents.json", doc["_label"], "text_file", "missing")
    path = (directory / name).resolve()
    if directory.resolve() not in path.parents:
        raise SeedError("documents.json", doc["_label"], "text_file", "outside fixtures/")
    try:
        # newline="" keeps line endings exactly as stored: offsets depend on them.
        with path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        raise SeedError("documents.json", doc["_label"], "text_file", str(error)) from None
    expected = doc.get("text_sha256")
    if expected is not None and expected != text_sha256(text):
        raise SeedError(
            "documents.json", doc["_label"], "text_sha256", "does not match the text file"
        )
    return text


def _check_claims(claims: list[dict], documents: dict, speaker_ids: set) -> None:
    """Cross-record checks: references exist and every quote sits at its offsets."""
    claim_ids = {c["id"] for c in claims}
    for claim in claims:
        label = claim["_label"]

        def fail(name: str, message: str, label=label) -> None:
            raise SeedError("claims.json", label, name, message)

        doc = documents.get(claim["document"])
        if doc is None:
            fail("document", f"no document {claim['document']!r} in documents.json")
        if claim["speaker"] is not None and claim["speaker"] not in speaker_ids:
            fail("speaker", f"no speaker {claim['speaker']!r} in speakers.json")
        if claim.get("restates") is not None and claim["restates"] not in claim_ids:
            fail("restates", f"no claim {claim['restates']} in claims.json")
        if claim.get("restates") == claim["id"]:
            fail("restates", "a claim cannot restate itself")
        if "start" not in claim:
            fail("start", "fixture claims need start and end offsets")
        start, end = claim["start"], claim["end"]
        if end > len(doc["text"]):
            fail("end", f"past the end of the text ({len(doc['text'])} characters)")
        found = doc["text"][start:end]
        if found != claim["stated_as"]:
            fail("stated_as", f"text[{start}:{end}] is {found!r}, not {claim['stated_as']!r}")
        try:
            claim_writes.quoted_fields(doc["text"], claim["attribution"], start, end)
        except ClaimRejected as error:
            fail(error.field, error.message)


def seed(
    directory: Path = FIXTURES_DIR, *, check: bool = False, strict: bool = False
) -> SeedReport:
    """Load the fixtures in `directory`; with `check`, validate and roll back.

    With `strict`, a conflict (see SeedConflict) raises SeedConflicts and
    nothing is written.
    """
    documents, speakers, claims = read_fixtures(directory)
    known_organizations = read_organizations(directory)
    report = SeedReport()
    try:
        with write_transaction():
            for doc in documents:
                _upsert_document(doc, report)
            for organization in known_organizations:
                _upsert_organization(organization, report)
            for speaker in speakers:
                _upsert_speaker(speaker, report)
            stored_docs = {
                d.id: d
                for d in Document.select().where(Document.id.in_([c["document"] for c in claims]))
            }
            for claim in _restated_first(claims):
                _upsert_claim(claim, stored_docs[claim["document"]], report)
            sync_id_sequence("claim")  # fixture ids are explicit; new claims follow them
            # Claims that became active here are compared with the figures (core.linking).
            linking.link_claims(report.written_claims, SEEDER)
            if strict and report.conflicts:
                raise SeedConflicts(report)
            if check:
                raise _Abort
    except _Abort:
        pass
    return report


def _upsert_document(doc: dict, report: SeedReport) -> None:
    """Insert a document, or confirm the stored one; its text may never change."""
    fields = {k: doc[k] for k in DOCUMENT_DETAILS}
    fields["supersedes"] = doc.get("supersedes")
    stored = Document.get_or_none(Document.id == doc["id"])
    if stored is None:
        Document.create(
            id=doc["id"],
            text=doc["text"],
            text_sha256=text_sha256(doc["text"]),
            changed_by=SEEDER,
            **fields,
        )
        report.count("created", "documents")
        return
    if stored.text != doc["text"]:
        raise SeedError(
            "documents.json",
            doc["_label"],
            "text_file",
            "differs from the stored text; texts are immutable, add a new document that "
            "supersedes this one",
        )
    changed = {k: v for k, v in fields.items() if stored.__data__.get(k) != v}
    if stored.changed_by != SEEDER:
        # Documents keep no versions: any difference from a person's document is reported.
        _keep(report, "documents.json", doc["_label"], sorted(changed), stored.changed_by, None)
        return
    if changed:
        Document.update(**changed).where(Document.id == stored.id).execute()
    report.count("updated" if changed else "unchanged", "documents")


def _upsert_organization(data: dict, report: SeedReport) -> None:
    """Insert an organisation record, or bring one only the fixtures wrote up to date."""
    found = organizations.lookup(data["id"])
    if not found:
        organizations.add_organization({**data, "reason": SEED_REASON}, SEEDER)
        report.count("created", "organizations")
        return
    stored = organizations.Organization.get_by_id(found[0])
    if stored.changed_by != SEEDER:
        report.count("kept", "organizations")
        return
    changes = {"name": data["name"], "name_en": data["name_en"], "aliases": data["aliases"]}
    changed = organizations.update_organization(stored.id, changes, SEEDER, reason=CHANGED_REASON)
    report.count("updated" if changed else "unchanged", "organizations")


def _upsert_speaker(data: dict, report: SeedReport) -> None:
    """Insert or update a speaker and replace its aliases."""
    fields = {k: data[k] for k in speaker_writes.SPEAKER_FIELDS}
    stored = Speaker.get_or_none(Speaker.id == data["id"])
    wanted = list(dict.fromkeys(data["aliases"]))
    fields = speaker_writes.affiliated(fields, data, data["id"], wanted, SEEDER)
    stored_aliases = queries.aliases_of([data["id"]])[data["id"]] if stored else []
    if stored is None:
        Speaker.create(id=data["id"], **fields, changed_by=SEEDER, change_reason=SEED_REASON)
        speaker_writes.set_aliases(data["id"], wanted)
        report.count("created", "speakers")
    elif stored.changed_by != SEEDER:
        archived = stored.versions.where(SpeakerVersion.changed_by == SEEDER)
        last = archived.order_by(SpeakerVersion.version.desc()).first()
        seeded = json.loads(last.data) if last else {**stored.__data__, "aliases": stored_aliases}
        # A field a version from before it existed does not hold is not a change.
        differing = [
            k for k, v in {**fields, "aliases": wanted}.items() if k in seeded and seeded[k] != v
        ]
        _keep(report, "speakers.json", data["_label"], differing, stored.changed_by, stored.version)
    elif any(stored.__data__.get(k) != v for k, v in fields.items()) or stored_aliases != wanted:
        # Through the speaker writes, so the state the fixtures replace stays in the history.
        changes = {**fields, "aliases": wanted, "reason": CHANGED_REASON}
        speaker_writes.update_speaker(stored.id, changes, SEEDER)
        report.count("updated", "speakers")
    else:
        report.count("unchanged", "speakers")


def _restated_first(claims: list[dict]) -> list[dict]:
    """Order claims so that a claim comes after the claim it restates."""
    by_id = {c["id"]: c for c in claims}
    ordered, placed = [], set()

    def place(claim: dict, trail: tuple = ()) -> None:
        if claim["id"] in placed:
            return
        target = claim.get("restates")
        if target is not None:
            if target in trail:
                raise SeedError("claims.json", claim["_label"], "restates", "restates in a cycle")
            place(by_id[target], (*trail, claim["id"]))
        placed.add(claim["id"])
        ordered.append(claim)

    for claim in claims:
        place(claim)
    return ordered


def _upsert_claim(data: dict, document: Document, report: SeedReport) -> None:
    """Insert a fixture claim with its stable id, or version the stored one if it differs."""
    fields = {k: data.get(k) for k in claim_writes.CLAIM_FIELDS}
    fields.update(claim_writes.anchored_fields(document, data["start"], data["end"]))
    fields.update(
        claim_writes.quoted_fields(document.text, data["attribution"], data["start"], data["end"])
    )
    stored = Claim.get_or_none(Claim.id == data["id"])
    if stored is None:
        claim_writes.create_claim({"id": data["id"], **fields}, SEEDER, SEED_REASON)
        report.count("created", "claims")
        report.written_claims.append(data["id"])
    elif stored.changed_by != SEEDER:
        seeded = _last_seeded_claim(stored)
        fixture = claim_writes.snapshot(Claim(**fields))
        differing = [
            k
            for k in claim_writes.VERSIONED_FIELDS
            if k in fields and not _same(k, seeded, fixture)
        ]
        _keep(report, "claims.json", data["_label"], differing, stored.changed_by, stored.version)
    elif claim_writes.update_claim(stored, fields, SEEDER, CHANGED_REASON):
        report.count("updated", "claims")
        report.written_claims.append(data["id"])
    else:
        report.count("unchanged", "claims")


def _keep(report: SeedReport, file: str, record: str, differing, author: str, version) -> None:
    """Leave a record a person wrote last as it is; a changed fixture is a conflict."""
    kind = file.removesuffix(".json")
    report.count("kept", kind)
    if differing:
        report.conflicts.append(SeedConflict(file, record, tuple(differing), author, version))


def _last_seeded_claim(claim: Claim) -> dict:
    """The claim as the fixtures last wrote it (its current state if they never did)."""
    archived = claim.versions.where(ClaimVersion.changed_by == SEEDER)
    last = archived.order_by(ClaimVersion.version.desc()).first()
    return json.loads(last.data) if last else claim_writes.snapshot(claim)


def _same(name: str, stored: dict, fixture: dict) -> bool:
    """Compare one snapshot field; values compare as exact numbers, whatever their JSON type.

    A field that a version from before it existed does not hold is not a change.
    """
    if name not in stored:
        return True
    a, b = stored.get(name), fixture.get(name)
    if name == "value" and a is not None and b is not None:
        return exact_number(a) == exact_number(b)
    return a == b or str(a) == str(b)
