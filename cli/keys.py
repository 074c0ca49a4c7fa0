"""`salesplus keys rotate-master|rotate-tenant|verify|encrypt`: the key lifecycle of encryption at
rest (data/rotation.py, docs/security.md). Every command works in batches of one transaction
each: interrupted, it leaves everything readable, and run again it finishes the work. No output
or error carries key material; keys are named by their place and the master key by its id."""

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cli.common import CliError, load_settings, no_traceback, run_with_db, tenant_by_slug

BATCH = click.option("--batch-size", type=click.IntRange(min=1), default=500, show_default=True,
                     help="Rows per transaction.")


def _keyring():
    from data.keys import Keyring  # noqa: PLC0415  (models only once the database is set up)

    return Keyring.of(load_settings().master_keys)


def _bar(what: str) -> Progress:
    return Progress(TextColumn(what), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=True)


def _unreadable(work):
    """The one failure these commands expect: a key that does not open, named by its place."""
    from data.crypto import Unreadable  # noqa: PLC0415

    async def guarded():
        try:
            return await work()
        except Unreadable as error:
            raise CliError(f"{error}: does not open with the configured master keys") from None
    return guarded


@click.group("keys")
def keys_group() -> None:
    """Encryption at rest: rotate and verify keys, encrypt stored values (docs/security.md)."""


@keys_group.command("rotate-master")
@BATCH
@no_traceback
def rotate_master(batch_size: int) -> None:
    """Re-wrap every tenant key under the current master key (SALESPLUS_MASTER_KEY), opening the
    ones not yet re-wrapped with SALESPLUS_PREVIOUS_MASTER_KEY. Data is not touched."""
    from data import rotation  # noqa: PLC0415

    ring = _keyring()
    done = run_with_db(_unreadable(lambda: rotation.rotate_master(ring, batch_size)))
    click.echo(f"re-wrapped {done} tenant key(s) under master key {ring.current_id}")


@keys_group.command("rotate-tenant")
@click.option("--tenant", "slug", required=True, metavar="SLUG", help="Slug of an existing tenant.")
@BATCH
@no_traceback
def rotate_tenant(slug: str, batch_size: int) -> None:
    """Make a new version of the tenant's key, re-wrap every contact key of the tenant under it,
    then delete the old version. Run again after an interruption: it resumes."""
    from data import rotation  # noqa: PLC0415

    ring = _keyring()

    async def work():
        tenant = await tenant_by_slug(slug)
        with _bar("re-wrapping contact keys") as bar:
            task = bar.add_task("keys", total=None)
            return await rotation.rotate_tenant(ring, tenant.id, batch_size,
                                                lambda n: bar.advance(task, n))

    done = run_with_db(_unreadable(work))
    click.echo(f"re-wrapped {done} contact key(s) of {slug} under a new tenant key")


@keys_group.command("verify")
@BATCH
@no_traceback
def verify(batch_size: int) -> None:
    """Check that every wrapped tenant and contact key opens; exit 1 naming those that do not."""
    from data import rotation  # noqa: PLC0415

    ring = _keyring()
    found = run_with_db(lambda: rotation.verify(ring, batch_size))
    for problem in found.problems:
        click.echo(problem, err=True)
    click.echo(f"{found.tenant_keys} tenant key(s) and {found.contact_keys} contact key(s) open")
    if found.problems:
        raise CliError(f"{len(found.problems)} key(s) need attention")


@keys_group.command("encrypt")
@click.option("--tenant", "slug", metavar="SLUG", help="Only this tenant (default: every tenant).")
@BATCH
@no_traceback
def encrypt(slug: str | None, batch_size: int) -> None:
    """Encrypt values stored in plaintext in the columns encrypted for their tenant (after an
    upgrade, or after encryptCategory). Idempotent; run again after an interruption."""
    from data import rotation  # noqa: PLC0415

    async def work():
        tenants = [(await tenant_by_slug(slug)).id] if slug else None
        total = await rotation.count_plaintext(tenants)
        with _bar("encrypting stored values") as bar:
            task = bar.add_task("rows", total=total)
            return await rotation.encrypt_stored(tenants, batch_size,
                                                 lambda n: bar.advance(task, n))

    click.echo(f"encrypted the values of {run_with_db(work)} row(s)")
