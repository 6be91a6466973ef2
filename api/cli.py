"""Command-line tasks: seeding, tokens, imports, and the archive (dump, restore, copy, backup)."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from peewee import OperationalError

from api.auth import ReservedTokenName, create_token
from api.database import StartupError, create_schema
from core import archive, bulk_import, linking
from core.backup import BackupError, backup_sqlite
from core.database_copy import copy_database
from core.restore import restore, restore_file
from core.seeding import FIXTURES_DIR, SeedConflicts, SeedError, seed
from schema.db import (
    POSTGRES_SCHEMES,
    database,
    describe_url,
    is_sqlite,
    open_database,
    write_transaction,
)
from schema.models import ApiToken


@click.command("seed")
@click.option("--check", is_flag=True, help="Validate and report, then roll back.")
@click.option(
    "--strict",
    is_flag=True,
    help="Fail, writing nothing, when a fixture changed a record that a person edited.",
)
@click.option(
    "--fixtures",
    type=click.Path(file_okay=False, path_type=Path),
    default=FIXTURES_DIR,
    show_default=True,
    help="Directory with documents.json, speakers.json and claims.json.",
)
def seed_command(check: bool, strict: bool, fixtures: Path) -> None:
    """Load the fixtures into the database (idempotent and atomic).

    Records a person edited last are never changed; a fixture that changed
    one of them is reported as a warning (an error with --strict).
    """
    try:
        with database.connection_context():
            report = seed(fixtures, check=check, strict=strict)
    except SeedError as error:
        raise click.ClickException(f"seed failed, nothing written: {error}") from None
    except SeedConflicts as error:
        for conflict in error.report.conflicts:
            click.echo(f"conflict: {conflict}", err=True)
        raise click.ClickException(
            f"seed failed (--strict), nothing written: {len(error.report.conflicts)} "
            "fixture change(s) conflict with people's edits"
        ) from None
    for conflict in report.conflicts:
        click.echo(f"warning: {conflict}", err=True)
    click.echo(report.summary())
    click.echo("check only: nothing written" if check else "seeded")


@click.command("create-token")
@click.argument("name")
def create_token_command(name: str) -> None:
    """Create a named write token; its secret is printed once and stored only as a hash."""
    with database.connection_context():
        if ApiToken.get_or_none(ApiToken.name == name) is not None:
            raise click.ClickException(f"a token named {name!r} already exists")
        try:
            secret = create_token(name)
        except ReservedTokenName as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"token for {name} (shown once, store it now):")
    click.echo(secret)


@click.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--reason", default="bulk import", show_default=True)
def import_command(path: Path, reason: str) -> None:
    """Import a JSON Lines file of articles with their claims (all or nothing)."""
    try:
        with database.connection_context():
            report = bulk_import.import_file(path, author=f"import:{path.name}", reason=reason)
    except bulk_import.ImportRejected as error:
        raise click.ClickException(f"import failed, nothing written: {error}") from None
    click.echo(f"imported {report.documents} documents and {report.claims} claims")


@click.command("relink")
def relink_command() -> None:
    """Rebuild every automatic link of claims into figures; people's decisions stay."""
    with database.connection_context(), write_transaction():
        result = linking.relink()
    click.echo(f"relinked: {result['claims']} claims in {result['figures']} figures")


@click.command("init-db")
def init_db_command() -> None:
    """Create the database tables (the app also does this at start-up)."""
    click.echo("database ready")


# `-` names standard input or output, so an archive can go through a pipe (gzip, ssh).
STANDARD_STREAM = "-"
REPLACE = click.option(
    "--force", is_flag=True, help="Replace PATH if it exists (only once the new one is whole)."
)


@click.command("dump")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True))
@REPLACE
def dump_command(path: Path, force: bool) -> None:
    """Write every table (tokens aside) to PATH as one archive, `-` for standard output.

    One snapshot: the server may keep writing meanwhile.
    """
    try:
        with database.connection_context():
            if str(path) == STANDARD_STREAM:
                header = archive.dump(click.get_binary_stream("stdout"))
            else:
                header = archive.dump_to_file(path, replace=force)
    except archive.ArchiveError as error:
        raise click.ClickException(f"dump failed: {error}") from None
    rows = ", ".join(f"{t.rows} {t.table}" for t in header.tables)
    click.echo(f"dumped {rows} to {path}", err=True)


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True))
def restore_command(path: Path) -> None:
    """Load an archive from `dump` into this empty database (all or nothing)."""
    if str(path) != STANDARD_STREAM and not path.is_file():
        raise click.ClickException(f"restore failed, nothing written: no file {path}")
    try:
        with database.connection_context():
            if str(path) == STANDARD_STREAM:
                report = restore(click.get_binary_stream("stdin"))
            else:
                report = restore_file(path)
    except archive.ArchiveError as error:
        raise click.ClickException(f"restore failed, nothing written: {error}") from None
    click.echo(f"restored {report.summary()}; every table matches the archive's digests")


@click.command("copy")
@with_appcontext
@click.option(
    "--to", "to_url", required=True, metavar="URL",
    help="The new, empty database, e.g. postgresql://claims@/claims?host=/run/postgresql.",
)  # fmt: skip
def copy_command(to_url: str) -> None:
    """Copy this database into another (SQLite to PostgreSQL): restore, verify, then say
    what to change."""
    source = current_app.config["DATABASE_URL"]
    scheme = to_url.partition("://")[0]
    if scheme not in POSTGRES_SCHEMES and scheme != "sqlite":
        raise click.ClickException("copy: --to must be a postgresql:// or sqlite:/// URL")
    try:
        open_database(to_url)
        create_schema(to_url)  # a target that is down or refuses says so in one line
    except StartupError as error:
        raise click.ClickException(f"copy failed, nothing written: {error.message}") from None
    open_database(source)
    try:
        report = copy_database(to_url)
    except archive.ArchiveError as error:
        raise click.ClickException(f"copy failed, nothing written: {error}") from None
    except OperationalError as error:
        raise click.ClickException(
            f"copy failed, nothing written: {describe_url(to_url)}: {error}"
        ) from None
    click.echo(f"copied {report.restored.summary()} to {describe_url(to_url)}")
    click.echo("verified: every table's digest in the new database matches the archive")
    if report.source_changed:
        click.echo(
            f"warning: {describe_url(source)} was written to during the copy; those writes "
            "are not in the new database. Stop writers and copy again into an empty database.",
            err=True,
        )
    click.echo("to switch, set this and restart the server:")
    click.echo(f"DATABASE_URL={to_url}")


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@REPLACE
def backup_command(path: Path, force: bool) -> None:
    """Copy this SQLite database to PATH with SQLite's online backup, while it serves."""
    if not is_sqlite():
        raise click.ClickException(
            "backup copies a SQLite file; on PostgreSQL use `flask --app api dump` "
            "(or pg_basebackup for the whole server)"
        )
    try:
        report = backup_sqlite(Path(database.obj.database), path, replace=force)
    except BackupError as error:
        raise click.ClickException(f"backup failed: {error}") from None
    click.echo(f"backed up {report.pages} pages ({report.bytes} bytes) to {path}; integrity ok")


def init_app(app: Flask) -> None:
    """Register the commands."""
    for command in (
        seed_command,
        init_db_command,
        create_token_command,
        import_command,
        relink_command,
        dump_command,
        restore_command,
        copy_command,
        backup_command,
    ):
        app.cli.add_command(command)
