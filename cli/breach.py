"""`salesplus breach scope`: what a principal received in a window, from the audit trail, after
checking the trail's chain over that window (accountability/breach.py, docs/accountability.md)."""

import json
from datetime import datetime, timezone

import click
from rich.console import Console
from rich.table import Table

from accountability.breach import Scope, ScopeError, ScopeRequest, scope
from cli.common import CliError, no_traceback, run_with_db, tenant_by_slug

WHEN = click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S",
                               "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M:%S"])


def utc(moment: datetime | None) -> datetime | None:
    """A time typed at the terminal: without an offset it is UTC."""
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def render(result: Scope, console: Console) -> None:
    chain = result.chain
    status = "[green]ok[/green]" if chain.ok else f"[red]BROKEN in {len(chain.breaks)} place(s)[/red]"
    console.print(f"Audit chain over the window (seq {chain.first_seq}–{chain.last_seq}, "
                  f"{chain.events} events): {status}")
    for broken in chain.breaks:
        console.print(f"  [red]{broken}[/red]")
    target = result.target
    console.print(f"Principal: {target.principal or 'every principal'}; window: "
                  f"{target.since or 'start'} – {target.until or 'now'}")
    console.print(f"{result.events} events, {result.data_subjects} data subjects, "
                  f"{result.records} records (contact × category)")
    table = Table("category", "data subjects")
    for category, count in result.categories.items():
        table.add_row(category, str(count))
    console.print(table)
    operations = Table("operation", "events")
    for operation, count in result.operations.items():
        operations.add_row(operation, str(count))
    console.print(operations)
    console.print("Contacts to notify: " + (", ".join(map(str, result.contact_ids)) or "none"))
    if result.reached_without_data:
        console.print("Reached without data returned: "
                      + ", ".join(map(str, result.reached_without_data)))


@click.group("breach")
def breach_group() -> None:
    """Personal data breaches: what was exposed (GDPR Art. 33)."""


@breach_group.command("scope")
@click.option("--tenant", "slug", required=True, metavar="SLUG", help="Slug of an existing tenant.")
@click.option("--principal", "email", metavar="EMAIL", help="A user of the tenant, by email.")
@click.option("--token", "token_id", type=int, metavar="ID", help="An API token, by id.")
@click.option("--session", "session_id", type=int, metavar="ID",
              help="A login session, by id: its user, within the session's lifetime.")
@click.option("--since", type=WHEN, help="From (inclusive; UTC unless an offset is given).")
@click.option("--until", type=WHEN, help="Until (exclusive).")
@click.option("--format", "output", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@no_traceback
def breach_scope(slug: str, email: str | None, token_id: int | None, session_id: int | None,
                 since: datetime | None, until: datetime | None, output: str) -> None:
    """Verify the audit chain over the window, then list what was returned to the principal
    (every principal when none is named): data subjects and records per category, the contact ids
    to notify, the operations seen. Exit status 1 when the chain is broken in the window (the
    scope is still printed: it may be incomplete)."""
    async def work():
        tenant = await tenant_by_slug(slug)
        request = ScopeRequest(tenant.id, email=email.strip().lower() if email else None,
                               token_id=token_id, session_id=session_id, since=utc(since),
                               until=utc(until))
        try:
            return await scope(request)
        except ScopeError as error:
            raise CliError(str(error)) from None

    result = run_with_db(work)
    if output == "json":
        click.echo(json.dumps(result.as_json(), indent=2))
    else:
        render(result, Console(highlight=False, soft_wrap=True))
    if not result.chain.ok:
        raise CliError("the audit trail is broken inside the window: the scope may be incomplete")
