"""`salesplus retention run`: delete what has outlived its retention period (rights/retention.py)."""

import click

from cli.common import no_traceback, run_with_db
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
@click.option("--dry-run", is_flag=True, help="Only count what would be deleted.")
@no_traceback
def retention_run(sessions_days: int, tokens_days: int, financial_years: int, dry_run: bool) -> None:
    """Delete expired sessions and tokens, and retained financial records past their legal
    retention; one transaction. Prints a count per kind."""
    periods = RetentionPeriods(sessions_days, tokens_days, financial_years)
    counts = run_with_db(lambda: run(periods, dry_run=dry_run))
    verb = "would delete" if dry_run else "deleted"
    click.echo(", ".join(f"{verb} {count} {kind.replace('_', ' ')}" for kind, count in counts.items()))
