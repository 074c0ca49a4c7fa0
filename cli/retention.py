"""`salesplus retention run|rules|set`: delete what has outlived its retention period — expired
sessions and tokens, retained financial records past their legal retention (rights/retention.py)
— and erase each tenant's data past its maximum age per data category
(accountability/retention.py)."""

import click

from accountability import retention as per_category
from cli.common import CliError, no_traceback, run_with_db, tenant_by_slug
from policies.vocabulary import Category
from rights.retention import RetentionPeriods, run


@click.group("retention")
def retention_group() -> None:
    """Storage limitation: delete data whose retention period has run out."""


@retention_group.command("run")
@click.option("--sessions-days", type=click.IntRange(min=0), default=30, show_default=True,
              help="Keep expired or revoked login sessions this long.")
@click.option("--tokens-days", type=click.IntRange(min=0), default=90, show_default=True,
              help="Keep expired or revoked API tokens this long.")
@click.option("--financial-years", type=click.IntRange(min=1), default=10, show_default=True,
              help="Legal retention of financial records kept after an erasure.")
@click.option("--tenant", "slug", metavar="SLUG",
              help="Apply the per-category rules of this tenant only (default: every tenant).")
@click.option("--dry-run", is_flag=True, help="Only report what would be done; change nothing.")
@no_traceback
def retention_run(sessions_days: int, tokens_days: int, financial_years: int, slug: str | None,
                  dry_run: bool) -> None:
    """Delete expired sessions and tokens and retained financial records past their legal
    retention (one transaction), then, per tenant and data category, erase what is past the
    tenant's maximum age (`salesplus retention rules`) as the field catalog says, in audited
    batches. Prints what it did (or, with --dry-run, would do)."""
    periods = RetentionPeriods(sessions_days, tokens_days, financial_years)

    async def work():
        if slug is not None:
            await tenant_by_slug(slug)
        counts = await run(periods, dry_run=dry_run)
        return counts, await per_category.run_all(slug, dry_run=dry_run)

    counts, actions = run_with_db(work)
    verb = "would delete" if dry_run else "deleted"
    click.echo(", ".join(f"{verb} {count} {kind.replace('_', ' ')}" for kind, count in counts.items()))
    done = [action for action in actions if action.records]
    for action in done:
        click.echo(("would: " if dry_run else "done: ") + str(action))
    if not done:
        click.echo("no data past its maximum age")


@retention_group.command("rules")
@click.option("--tenant", "slug", required=True, metavar="SLUG", help="Slug of an existing tenant.")
@no_traceback
def retention_rules(slug: str) -> None:
    """The tenant's maximum age per data category (its own rules over the defaults)."""
    async def work():
        tenant = await tenant_by_slug(slug)
        return await per_category.rules(tenant.id)

    for category, days in run_with_db(work).items():
        default = per_category.DEFAULT_MAX_AGE_DAYS[category]
        click.echo(f"{category.value:<22} {'no limit' if days is None else f'{days} days':<12}"
                   + ("" if days == default else "  (the tenant's own rule)"))


@retention_group.command("set")
@click.option("--tenant", "slug", required=True, metavar="SLUG", help="Slug of an existing tenant.")
@click.option("--category", required=True, type=click.Choice([c.value for c in Category]))
@click.option("--days", type=click.IntRange(min=1), help="Maximum age in days.")
@click.option("--no-limit", is_flag=True, help="Keep this category without limit.")
@click.option("--default", "use_default", is_flag=True, help="Back to the documented default.")
@no_traceback
def retention_set(slug: str, category: str, days: int | None, no_limit: bool,
                  use_default: bool) -> None:
    """Set the tenant's maximum age of one data category. Invoices and payments still stay for
    their legal retention, whatever is set here."""
    if sum((days is not None, no_limit, use_default)) != 1:
        raise CliError("give exactly one of --days N, --no-limit, --default")

    async def work():
        tenant = await tenant_by_slug(slug)
        await per_category.set_rule(tenant.id, Category(category), days, default=use_default)

    run_with_db(work)
    click.echo(f"{slug}: {category}: " + ("default" if use_default else "no limit" if no_limit
                                          else f"{days} days"))
