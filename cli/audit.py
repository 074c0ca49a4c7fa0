"""`salesplus audit verify`: walk each tenant's audit chain and report the first broken link.

The check runs on the database directly (audit/chain.py), so it also catches changes made
behind the API's back: an edited row (its hash no longer matches), a deleted one (a gap in
`seq`), rows moved or inserted (a `prev_hash` that does not match), the last rows deleted (the
tenant's head points past the end). Pending events (recorded, not yet chained by a server's
sealer, e.g. because it stopped) are sealed first. Exit 0 when every chain verifies, 1 otherwise."""

import click

from audit import chain
from cli.common import CliError, no_traceback, run_with_db
from models import Tenant


async def _verify(slug: str | None) -> list[tuple[str, chain.Report]]:
    tenants = Tenant.all().order_by("id")
    if slug is not None:
        tenants = tenants.filter(slug=slug)
    found = await tenants
    if slug is not None and not found:
        raise CliError(f"no tenant with slug {slug!r}")
    reports = []
    for tenant in found:
        # Events a stopped or crashed server recorded but did not seal yet join the chain first.
        await chain.seal_pending(tenant.id)
        reports.append((tenant.slug, await chain.verify(tenant.id)))
    return reports


@click.group("audit")
def audit_group() -> None:
    """The tamper-evident audit trail."""


@audit_group.command("verify")
@click.option("--tenant", "slug", metavar="SLUG", help="Only this tenant (default: every tenant).")
@no_traceback
def audit_verify(slug: str | None) -> None:
    """Verify every tenant's audit chain; name the first broken row (id and seq) and why.

    Prints `SLUG: ok: N events (head HASH)` per sound chain. Keep those lines somewhere else:
    if the event at that seq later carries another hash, the chain was rewritten from the start,
    which no check inside one database can see (docs/audit.md)."""
    reports = run_with_db(lambda: _verify(slug))
    broken = 0
    for tenant_slug, report in reports:
        if report.ok:
            waiting = f"; {report.pending} recorded since, not sealed yet" if report.pending else ""
            click.echo(f"{tenant_slug}: ok: {report.events} events (head {report.head_hash}){waiting}")
        else:
            broken += 1
            click.echo(f"{tenant_slug}: BROKEN after {report.events} sound events: "
                       f"{report.broken}", err=True)
    if broken:
        raise CliError(f"the audit trail of {broken} tenant(s) is broken")
