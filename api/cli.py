"""Command-line tasks: `flask --app api seed [--check]`, `flask --app api init-db`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask

from api.auth import ReservedTokenName, create_token
from core import bulk_import, linking
from core.seeding import FIXTURES_DIR, SeedConflicts, SeedError, seed
from schema.db import database, write_transaction
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


def init_app(app: Flask) -> None:
    """Register the commands."""
    app.cli.add_command(seed_command)
    app.cli.add_command(init_db_command)
    app.cli.add_command(create_token_command)
    app.cli.add_command(import_command)
    app.cli.add_command(relink_command)
