"""`salesplus policy test|explain`: the decision tables of policies/tests/, and one decision of the
database explained (docs/policy-as-code.md)."""

import asyncio
from pathlib import Path

import click

from cli.common import CliError, no_traceback, run_with_db
from policies.adapter import BUILTIN_POLICY


@click.group("policy")
def policy_group() -> None:
    """Policy as code: decision tables, and explanations of decisions."""


@policy_group.command("test")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--policy", "policy_path", default=BUILTIN_POLICY, show_default=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The built-in policy file to test instead of policies/policy.csv.")
@click.option("-v", "--verbose", is_flag=True, help="Also list the rows that pass.")
@no_traceback
def policy_test(files: tuple[Path, ...], policy_path: Path, verbose: bool) -> None:
    """Check the decision tables FILES (default: every table of policies/tests/) against
    model.conf and the built-in policy. Each failing row is named by file and line; the last line
    says `N passed, N failed`, and the exit status is 1 if any row failed."""
    from policies.tables import TableError, run  # noqa: PLC0415

    try:
        results = asyncio.run(run(files, policy_path))
    except TableError as error:
        raise CliError(str(error)) from None
    failed = [result for result in results if not result.passed]
    for result in results:
        row = result.row
        if result.passed:
            if verbose:
                click.echo(f"ok    {row.file}:{row.line}: {row}: {row.expected}")
            continue
        click.echo(f"FAIL  {row.file}:{row.line}: {row}: expected {row.expected}, got {result.got}")
        explanation = result.explain()
        click.echo(f"      {explanation.reason}")
        for line in explanation.lines:
            click.echo(f"        {line}")
    click.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    if failed:
        raise click.exceptions.Exit(1)


def category_of_field(name: str):
    """The data category of a Contact field given by its GraphQL name (None: structural)."""
    from strawberry.types.base import get_object_definition  # noqa: PLC0415

    from policies.fields import categories_of  # noqa: PLC0415
    from schema import schema  # noqa: PLC0415
    from schema.contacts import Contact  # noqa: PLC0415

    converter = schema.config.name_converter
    for field in get_object_definition(Contact, strict=True).fields:
        if converter.get_graphql_name(field) == name:
            return categories_of(Contact).get(field.python_name)
    raise CliError(f"--field: Contact has no field {name!r}")


async def _explain(slug: str, principal: str, contact_id: int, category, purpose: str):
    from data.scope import TenantScope  # noqa: PLC0415
    from models import Tenant, User  # noqa: PLC0415
    from policies.engine import PolicyEngine  # noqa: PLC0415
    from policies.explain import explain  # noqa: PLC0415

    tenant = await Tenant.get_or_none(slug=slug)
    if tenant is None:
        raise CliError(f"no tenant with slug {slug!r}")
    users = TenantScope(tenant.id).rows(User)
    if principal.startswith("user:") and principal[5:].isdigit():
        user = await users.get_or_none(id=int(principal[5:]))
    else:
        user = await users.get_or_none(email=principal.strip().lower())
    if user is None:
        raise CliError(f"tenant {slug!r} has no user {principal}")
    return await explain(await PolicyEngine.load(), user.subject, tenant.id, contact_id, category,
                         purpose)


@policy_group.command("explain")
@click.option("--tenant", "slug", required=True, metavar="SLUG", help="Slug of the tenant.")
@click.option("--principal", required=True, metavar="EMAIL|user:N", help="A user of the tenant.")
@click.option("--contact", "contact_id", required=True, type=int, metavar="ID", help="Contact id.")
@click.option("--field", required=True, metavar="NAME", help="A Contact field, e.g. firstName.")
@click.option("--purpose", required=True, help="The purpose to explain the decision for.")
@no_traceback
def policy_explain(slug: str, principal: str, contact_id: int, field: str, purpose: str) -> None:
    """Explain whether PRINCIPAL may read FIELD of a contact for PURPOSE: the decision, its code,
    the rule that decided and the policy lines involved (DATABASE_URL's data and rules)."""
    category = category_of_field(field)
    result = run_with_db(lambda: _explain(slug, principal, contact_id, category, purpose))
    click.echo("allowed" if result.allowed else f"denied: {result.code.value}")
    click.echo(result.reason)
    for line in result.lines:
        click.echo(f"  {line}")
