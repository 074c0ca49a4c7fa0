"""`salesplus user create`: the first admin of a tenant, or staff added from a script."""

import sys
from collections import Counter

import click
from tortoise.transactions import in_transaction

from auth.passwords import hash_password_sync
from cli.common import CliError, announce_policy_change, no_traceback, run_with_db
from models import values as scalars
from importer.validate import known_roles
from importer.writer import set_roles
from data.scope import TenantScope
from models import Tenant, User


def _password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password:
        raise CliError("the password must not be empty")
    return password


async def _create(slug: str, email: str, roles: list[str], password_hash: str) -> User:
    async with in_transaction():
        tenant = await Tenant.get_or_none(slug=slug)
        if tenant is None:
            raise CliError(f"no tenant with slug {slug!r}")
        users = TenantScope(tenant.id)
        if await users.rows(User).filter(email=email).exists():
            raise CliError(f"tenant {slug!r} already has a user {email}")
        user = await users.create(User, email=email, password_hash=password_hash)
        await set_roles(user, tenant, roles, Counter())
    await announce_policy_change([tenant.domain])
    return user


@click.group("user")
def user_group() -> None:
    """Staff users of a tenant."""


@user_group.command("create")
@click.option("--tenant", "slug", required=True, metavar="SLUG", help="Slug of an existing tenant.")
@click.option("--email", required=True, help="Login email (stored lowercased).")
@click.option("--role", "roles", required=True, multiple=True,
              type=click.Choice(sorted(known_roles())), help="A role in the tenant; repeatable.")
@click.option("--password-stdin", is_flag=True,
              help="Read the password from the first line of stdin instead of prompting.")
@no_traceback
def user_create(slug: str, email: str, roles: tuple[str, ...], password_stdin: bool) -> None:
    """Create a user in tenant SLUG with one or more roles (the password is hashed with argon2id)."""
    try:
        email = scalars.email(email, nullable=False).lower()
    except scalars.Bad as bad:
        raise CliError(f"--email: {bad}") from None
    password_hash = hash_password_sync(_password(password_stdin))
    user = run_with_db(lambda: _create(slug, email, list(dict.fromkeys(roles)), password_hash))
    click.echo(f"Created user {user.email} (id {user.id}) in tenant {slug} with role(s) "
               f"{', '.join(dict.fromkeys(roles))}.")
