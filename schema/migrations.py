"""Versioned schema migrations: upgrade a database in place, never losing rows.

A new database is created at the newest version directly. An existing one
records the versions it has in `schema_migration`; the ones it lacks run in
order, each in its own transaction. A database from before migrations were
recorded (it has claims but no `schema_migration` table) is version 1.

To change the schema: change the models, then append a migration that brings
a database of the previous version to the same shape, and a test that runs it
on a database that version made.
"""

from __future__ import annotations

from collections.abc import Callable

from extractor.quotes import find_quotes, quoted_words
from schema import changes, search
from schema.db import database, is_sqlite
from schema.models import (
    FIXTURES_AUTHOR,
    MODELS,
    ApiToken,
    Claim,
    Figure,
    FigureConflict,
    FigureEvent,
    FigureExclusion,
    FigureLink,
    Organization,
    OrganizationAlias,
    OrganizationVersion,
    Speaker,
    SpeakerVersion,
    utc_now,
)
from schema.organization_names import organization_records

CREATE_TABLE = (
    'CREATE TABLE IF NOT EXISTS "schema_migration" ('
    '"version" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, "applied_at" TEXT NOT NULL)'
)


def _archive_versions(db) -> None:
    """v2: the claim row holds its current version; claim_version only older ones.

    Version 1 kept a row per version, the current one included. Its who and
    why move onto the claim, and that row goes; a new search index replaces the
    old one, rebuilt from the claims.
    """
    for column, kind in (
        ("status_changed_by", "TEXT"),
        ("status_changed_at", "DATETIME"),
        ("changed_by", "TEXT NOT NULL DEFAULT 'unknown'"),
        ("change_reason", "TEXT NOT NULL DEFAULT ''"),
    ):
        db.execute_sql(f'ALTER TABLE "claim" ADD COLUMN "{column}" {kind}')
    db.execute_sql(
        'UPDATE "claim" SET "changed_by" = v."changed_by", "change_reason" = v."reason" '
        'FROM "claim_version" AS v WHERE v."claim_id" = "claim"."id" '
        'AND v."version" = "claim"."version"'
    )
    db.execute_sql(
        'DELETE FROM "claim_version" WHERE EXISTS (SELECT 1 FROM "claim" AS c '
        'WHERE c."id" = "claim_version"."claim_id" AND c."version" = "claim_version"."version")'
    )
    db.execute_sql(
        'UPDATE "claim" SET "status_changed_at" = "updated_at", "status_changed_by" = "changed_by" '
        "WHERE \"status\" <> 'active'"
    )
    Speaker._schema.create_indexes(safe=True)
    ApiToken.create_table(safe=True)
    if is_sqlite():
        db.execute_sql("DROP TABLE IF EXISTS claim_search")
        search.create_index()
        rows = db.execute_sql('SELECT "id", "sentence", "subject" FROM "claim"').fetchall()
        cursor = db.cursor()
        search.index_rows(cursor, [(i, search.index_text(s, subject)) for i, s, subject in rows])


def _partial_indexes(db) -> None:
    """v3: mostly-empty columns are indexed only where they hold a value.

    The models now declare `speaker_name_en` and `claim_restates_id` with
    `WHERE … IS NOT NULL` (see schema/models.py for why); an index of the same
    name already exists in full, so it is dropped and built again.
    """
    for name in ("speaker_name_en", "claim_restates_id"):
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
    Speaker._schema.create_indexes(safe=True)
    Claim._schema.create_indexes(safe=True)


def _speaker_versions(db) -> None:
    """v4: speakers keep their history: a version number, who changed them and why.

    Existing speakers become version 1 of themselves; changes from now on
    archive the state they replace in `speaker_version`.
    """
    present = {column.name for column in db.get_columns("speaker")}
    for column, kind in (
        ("version", "INTEGER NOT NULL DEFAULT 1"),
        ("changed_by", "TEXT NOT NULL DEFAULT 'unknown'"),
        ("change_reason", "TEXT NOT NULL DEFAULT ''"),
    ):
        if column not in present:  # a database whose record of versions was lost
            db.execute_sql(f'ALTER TABLE "speaker" ADD COLUMN "{column}" {kind}')
    SpeakerVersion.create_table(safe=True)


def _document_authors(db) -> None:
    """v5: a document records who stored it, so seeding can tell fixtures from people.

    A document whose claims were first written by the fixtures came from them,
    and so did a speaker of such claims that no one has changed since v4 made it
    version 1 of "unknown". Anything else stays unknown, which seeding treats as
    a person's: it never changes it.
    """
    present = {column.name for column in db.get_columns("document")}
    if "changed_by" not in present:
        db.execute_sql(
            'ALTER TABLE "document" ADD COLUMN "changed_by" TEXT NOT NULL DEFAULT \'unknown\''
        )
    mark = db.param
    seeded_claims = (
        f'SELECT c."id" FROM "claim" AS c WHERE c."version" = 1 AND c."changed_by" = {mark} '
        'UNION SELECT v."claim_id" FROM "claim_version" AS v '
        f'WHERE v."version" = 1 AND v."changed_by" = {mark}'
    )
    db.execute_sql(
        f'UPDATE "document" SET "changed_by" = {mark} WHERE "id" IN (SELECT "document_id" '
        f'FROM "claim" WHERE "id" IN ({seeded_claims}))',
        (FIXTURES_AUTHOR,) * 3,
    )
    db.execute_sql(
        f'UPDATE "speaker" SET "changed_by" = {mark} WHERE "changed_by" = \'unknown\' '
        'AND "version" = 1 AND "id" IN (SELECT "speaker_id" FROM "claim" '
        f'WHERE "id" IN ({seeded_claims}))',
        (FIXTURES_AUTHOR,) * 3,
    )


def _quoted_words_and_english_names(db) -> None:
    """v6: a direct quote's own words, an extracted claim's evidence, English names.

    The speaker's words of every stored direct quote are found in its document's
    text as the API finds them for a new claim (extractor.quotes); a direct
    quote whose number no quotation marks hold keeps none, and verification says
    so. Claims stored before had no evidence recorded, and no English names
    were known: those stay null.
    """
    for table, columns in (
        ("document", ("title_en", "outlet_en")),
        ("speaker", ("role_en", "organization_en")),
        ("claim", ("quoted_words", "attribution_rule", "mention")),
    ):
        present = {column.name for column in db.get_columns(table)}
        for column in columns:
            if column not in present:
                db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "{column}" TEXT')
    present = {column.name for column in db.get_columns("claim")}
    for column in ("quoted_start", "quoted_end", "mention_start", "mention_end"):
        if column not in present:
            db.execute_sql(f'ALTER TABLE "claim" ADD COLUMN "{column}" INTEGER')
    mark = db.param
    rows = db.execute_sql(
        'SELECT c."id", c."start", c."end", c."document_id" FROM "claim" AS c '
        'WHERE c."attribution" = \'direct_quote\' ORDER BY c."document_id", c."id"'
    ).fetchall()
    quotes_of: dict[str, tuple[str, object]] = {}
    for claim_id, start, end, document_id in rows:
        if document_id not in quotes_of:
            (text,) = db.execute_sql(
                f'SELECT "text" FROM "document" WHERE "id" = {mark}', (document_id,)
            ).fetchone()
            quotes_of = {document_id: (text, find_quotes(text))}
        text, quotes = quotes_of[document_id]
        quote = quoted_words(text, start, end, quotes)
        if quote is not None:
            db.execute_sql(
                f'UPDATE "claim" SET "quoted_start" = {mark}, "quoted_end" = {mark}, '
                f'"quoted_words" = {mark} WHERE "id" = {mark}',
                (quote.inner_start, quote.inner_end, quote.words(text), claim_id),
            )


def _data_version(db) -> None:
    """v7: a counter of changes, kept by triggers, that conditional reads answer from."""
    changes.create_counter()


def _organizations_and_figures(db) -> None:
    """v8: organisations become records; claims can be appearances of a figure.

    Every organisation a speaker names becomes a record (an organisation
    speaker becomes the record of the same id, its names and aliases the
    record's), and each speaker points to its record; the speakers' strings
    stay as they were, now the record's names. The figure tables start empty:
    `flask --app api relink` links the stored claims (core.linking).
    """
    for model in (Organization, OrganizationAlias, OrganizationVersion, Figure):
        model.create_table(safe=True)
    present = {column.name for column in db.get_columns("speaker")}
    if "organization_id" not in present:
        db.execute_sql(
            'ALTER TABLE "speaker" ADD COLUMN "organization_id" VARCHAR(120) '
            'REFERENCES "organization" ("id")'
        )
    present = {column.name for column in db.get_columns("claim")}
    if "figure_id" not in present:
        db.execute_sql(
            'ALTER TABLE "claim" ADD COLUMN "figure_id" INTEGER REFERENCES "figure" ("id")'
        )
    for model in (FigureLink, FigureExclusion, FigureConflict, FigureEvent):
        model.create_table(safe=True)
    speakers = db.execute_sql(
        'SELECT "id", "name", "name_en", "kind", "organization", "organization_en" FROM "speaker"'
    ).fetchall()
    aliases: dict[str, list[str]] = {}
    for speaker_id, alias in db.execute_sql(
        'SELECT "speaker_id", "alias" FROM "speaker_alias" ORDER BY "speaker_id", "position"'
    ).fetchall():
        aliases.setdefault(speaker_id, []).append(alias)
    records, members = organization_records(speakers, aliases)
    mark = db.param
    now = utc_now()
    for record in records:
        db.execute_sql(
            'INSERT INTO "organization" ("id", "name", "name_en", "version", "changed_by", '
            f'"change_reason", "created_at", "updated_at") VALUES ({", ".join([mark] * 8)})',
            (record.id, record.name, record.name_en, 1, "migration", "from speakers", now, now),
        )
        for position, alias in enumerate(record.aliases):
            db.execute_sql(
                'INSERT INTO "organization_alias" ("organization_id", "alias", "position") '
                f"VALUES ({mark}, {mark}, {mark})",
                (record.id, alias, position),
            )
    for speaker_id, organization_id in members.items():
        db.execute_sql(
            f'UPDATE "speaker" SET "organization_id" = {mark} WHERE "id" = {mark}',
            (organization_id, speaker_id),
        )


# (version, name, upgrade from the previous version). Version 1 is the first schema.
MIGRATIONS: list[tuple[int, str, Callable | None]] = [
    (1, "initial schema", None),
    (2, "archive superseded claim versions; bigram search index", _archive_versions),
    (3, "partial indexes on mostly-empty columns", _partial_indexes),
    (4, "speaker versions", _speaker_versions),
    (5, "documents record who stored them; fixture speakers known", _document_authors),
    (6, "quoted words, attribution evidence, English names", _quoted_words_and_english_names),
    (7, "data version: a change counter kept by triggers", _data_version),
    (8, "organisations as records; figures across sources", _organizations_and_figures),
]
LATEST = MIGRATIONS[-1][0]


def applied_versions() -> set[int]:
    """The versions recorded in this database."""
    rows = database.execute_sql('SELECT "version" FROM "schema_migration"').fetchall()
    return {row[0] for row in rows}


def _record(version: int, name: str) -> None:
    database.execute_sql(
        f'INSERT INTO "schema_migration" ("version", "name", "applied_at") '
        f"VALUES ({database.param}, {database.param}, {database.param})",
        (version, name, utc_now().isoformat()),
    )


# Any fixed number: the PostgreSQL advisory lock that migrations hold while they run.
MIGRATION_LOCK = 2_024_022_801


def _transaction():
    """One writer at a time: two workers starting together must not both migrate."""
    return database.atomic("IMMEDIATE") if is_sqlite() else database.atomic()


def _lock() -> None:
    """On PostgreSQL, wait for any other migrating process; released at commit.

    SQLite's IMMEDIATE transaction already excludes other writers. PostgreSQL
    would let two workers both see no tables and race to create them.
    """
    if not is_sqlite():
        database.execute_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")


def _unrecorded_version() -> int:
    """The version of a database made before migrations were recorded."""
    columns = {column.name for column in database.get_columns("claim")}
    return 2 if "change_reason" in columns else 1


def migrate() -> list[int]:
    """Bring the bound database to the newest schema; return the versions applied."""
    applied = []
    with _transaction():
        _lock()
        existing = set(database.get_tables())
        database.execute_sql(CREATE_TABLE)
        done = applied_versions()
        if not done and "claim" not in existing:
            database.create_tables(MODELS, safe=True)
            search.create_index()
            changes.create_counter()
            for version, name, _ in MIGRATIONS:
                _record(version, name)
            return [version for version, _, _ in MIGRATIONS]
        if not done:
            for version, name, _ in MIGRATIONS[: _unrecorded_version()]:
                _record(version, name)
                done.add(version)
        for version, name, upgrade in MIGRATIONS:
            if version not in done:
                upgrade(database)
                _record(version, name)
                applied.append(version)
        # Indexes added to the models since: cheap, idempotent, no data change.
        database.create_tables(MODELS, safe=True)
        search.create_index()
    return applied
