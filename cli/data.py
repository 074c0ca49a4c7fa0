"""`salesplus import`, `salesplus migrate` and `salesplus demo load`."""

import time
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cli.common import announce_policy_change, describe, explained, no_traceback, run_with_db
from importer import load_plan
from importer.writer import write_plan

PROGRESS_FROM = 1000  # contacts: below this the import is over before a bar would help


def _progress(total: int) -> Progress | None:
    if total < PROGRESS_FROM:
        return None
    return Progress(TextColumn("importing contacts"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=Console(stderr=True), transient=True)


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--tenant", metavar="SLUG",
              help="Tenant of the contacts of a CSV file (an existing tenant). Not for JSON.")
@no_traceback
def import_command(file: Path, tenant: str | None) -> None:
    """Import FILE: a JSON document of tenants, users and contacts, or a CSV of contacts.

    The whole file is validated first and written in one transaction: one bad record and nothing
    is written. Re-importing the same file changes nothing (contacts match by externalRef).
    See docs/import.md for both formats."""
    started = time.perf_counter()
    with explained():
        plan = load_plan(file, tenant)  # validate before connecting: bad files fail fast
    total = plan.total

    async def work():
        bar = _progress(total)
        if bar is None:
            summary = await write_plan(plan, create_tenants=tenant is None)
        else:
            with bar:
                task = bar.add_task("contacts", total=total)
                summary = await write_plan(plan, create_tenants=tenant is None,
                                           progress=lambda n: bar.advance(task, n))
        await announce_policy_change()  # the file may have changed users' roles
        return summary

    summary = run_with_db(work)
    click.echo(f"Imported {file.name} in {time.perf_counter() - started:.1f} s: {describe(summary)}.")


@click.command("migrate")
@no_traceback
def migrate_command() -> None:
    """Create or upgrade the database schema (DATABASE_URL) to the latest migration.

    The server does the same on start; this is for deployments that migrate as a separate step."""
    applied = run_with_db(None)
    click.echo(f"Applied {', '.join(applied)}." if applied else "Schema is up to date.")


@click.group("demo")
def demo_group() -> None:
    """The demo dataset (tenants acme and globex; see docs/demo.md)."""


@demo_group.command("load")
@no_traceback
def demo_load() -> None:
    """Load the demo dataset; safe to repeat (a second load changes nothing)."""
    from demo import load_demo  # noqa: PLC0415  (reads the dataset only when asked)

    async def work():
        summary = await load_demo()
        await announce_policy_change()
        return summary

    summary = run_with_db(work)
    click.echo(f"Demo data loaded: {describe(summary)}.")
