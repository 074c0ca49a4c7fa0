"""Developer tool: generate the next migration for every dialect from the current models.

    .venv/bin/python -m migrations.make add_contact_nickname

Generation is offline (aerich compares the models with the MODELS_STATE stored in the latest
migration file of each dialect), so no database server is needed: Tortoise connects lazily and
aerich only needs the dialect's DDL generator. Each dialect runs in its own process because
aerich keeps the pending operations in class attributes of `Migrate`."""

import asyncio
import subprocess
import sys

import click
from aerich import Command
from aerich.migrate import Migrate
from aerich.utils import get_models_describe
from tortoise import Tortoise

import db
from migrations import APP, DIALECTS, location

# Never connected to: offline generation only needs the dialect.
OFFLINE_URLS = {"sqlite": "sqlite://:memory:", "postgres": "postgres://offline@127.0.0.1:1/offline"}


async def _generate(dialect: str, name: str) -> str:
    """Write the next migration file for one dialect; returns its file name ("" if no change)."""
    config = db.tortoise_config(OFFLINE_URLS[dialect])
    command = Command(tortoise_config=config, app=APP, location=str(location(dialect)))
    try:
        folder = Migrate.get_migration_dir(str(location(dialect)), APP)
        if not folder.exists() or not any(p.name[0].isdigit() for p in folder.glob("*.py")):
            # CREATE TABLE IF NOT EXISTS: a database made by generate_schemas is adopted as is.
            await command.init_migrations(safe=True)
            return Migrate.get_last_version_file() + ".py"
        await command.init(offline=True)
        return await command.migrate(name, no_input=True, offline=True) or ""
    finally:
        await Tortoise.close_connections()


async def _changes(dialect: str) -> list[str]:
    """The SQL a new migration would contain for one dialect (empty: models and migrations agree)."""
    config = db.tortoise_config(OFFLINE_URLS[dialect])
    command = Command(tortoise_config=config, app=APP, location=str(location(dialect)))
    try:
        await command.init(offline=True)
        last, new = Migrate._exclude_model_name_changes(Migrate._last_version_content,
                                                        get_models_describe(APP))
        Migrate.diff_models(last, new, no_input=True)
        Migrate.diff_models(new, last, False, no_input=True)
        Migrate._merge_operators()
        return list(Migrate.upgrade_operators)
    finally:
        await Tortoise.close_connections()


def _align_names(files: dict[str, str]) -> None:
    """Give the same migration the same file name (hence version) in every dialect: the generators
    run a moment apart and the name embeds a timestamp."""
    first = files[DIALECTS[0]]
    for dialect, name in files.items():
        if name and first and name != first:
            folder = Migrate.get_migration_dir(str(location(dialect)), APP)
            (folder / name).rename(folder / first)


def _check(dialect: str | None) -> None:
    """Exit 1 listing the changes if the models differ from the latest migration (a guard for
    tests and CI: a model was changed without generating its migration)."""
    if dialect is None:
        codes = [subprocess.run([sys.executable, "-m", "migrations.make", "--check", "--dialect",
                                 each], check=False).returncode for each in DIALECTS]
        if any(codes):
            sys.exit(1)
        return
    changes = asyncio.run(_changes(dialect))
    if changes:
        click.echo(f"{dialect}: models differ from the latest migration:", err=True)
        for sql in changes:
            click.echo(f"  {sql}", err=True)
        sys.exit(1)


@click.command()
@click.argument("name", required=False)
@click.option("--check", is_flag=True, help="Only check that no migration is missing.")
@click.option("--dialect", type=click.Choice(DIALECTS), hidden=True)
def main(name: str | None, check: bool, dialect: str | None) -> None:
    """Generate migration NAME for every dialect (one subprocess each)."""
    if check:
        _check(dialect)
        return
    if not name:
        raise click.UsageError("NAME is required (e.g. add_contact_nickname)")
    if dialect:
        click.echo(asyncio.run(_generate(dialect, name)))
        return
    files = {}
    for each in DIALECTS:
        out = subprocess.run([sys.executable, "-m", "migrations.make", name, "--dialect", each],
                             check=True, capture_output=True, text=True).stdout
        files[each] = out.strip().splitlines()[-1] if out.strip() else ""
    if not any(files.values()):
        click.echo("No model changes: no migration generated.")
        return
    if not all(files.values()):
        raise click.ClickException(f"dialects disagree about changes: {files}")
    _align_names(files)
    for each in DIALECTS:
        click.echo(f"{each}: {location(each) / APP / files[DIALECTS[0]]}")


if __name__ == "__main__":
    main()
