"""`salesplus token create|list|revoke`: partner API tokens from the command line, under the
same rules as the API (auth/tokens.py): the issuer is an active user of the tenant who may manage
tokens, and the scope never exceeds the issuer's rights, now or later."""

import json
from datetime import datetime, timedelta

import click

from auth import tokens
from auth.sessions import now
from cli.common import CliError, no_traceback, run_with_db
from data.scope import TenantScope
from models import Tenant, User
from policies.decision import Access, Principal
from policies.engine import PolicyEngine
from policies.errors import CodedError
from policies.vocabulary import Category

COLUMNS = ("id", "name", "prefix", "status", "purposes", "categories", "actions", "issuer",
           "created", "last used", "expires")


async def _tenant(slug: str) -> Tenant:
    tenant = await Tenant.get_or_none(slug=slug)
    if tenant is None:
        raise CliError(f"no tenant with slug {slug!r}")
    return tenant


async def _issue(slug: str, email: str, name: str, purposes: list[str], categories: list[str],
                 actions: list[str], days: int) -> tuple[dict, str]:
    tenant = await _tenant(slug)
    user = await TenantScope(tenant.id).rows(User).get_or_none(email=email.strip().lower(),
                                                               is_active=True)
    if user is None:
        raise CliError(f"tenant {slug!r} has no active user {email}")
    engine = await PolicyEngine.load()
    await engine.prepare(tenant.domain)
    access = Access(engine, Principal(subject=user.subject, tenant_id=tenant.id, user_id=user.id),
                    None)
    try:
        return await tokens.issue(access, name, purposes, categories, actions,
                                  now() + timedelta(days=days))
    except CodedError as error:  # the API's answer, as one line
        raise CliError(error.message) from None


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%MZ") if moment else "-"


def _status(row: dict) -> str:
    if row["revoked_at"] is not None:
        return "revoked"
    return "expired" if row["expires_at"] <= now() else "active"


def _cells(row: dict) -> tuple[str, ...]:
    return (str(row["id"]), row["name"], row["prefix"], _status(row), ",".join(row["purposes"]),
            ",".join(row["categories"]), ",".join(row["actions"]), row["issuer_email"],
            _when(row["created_at"]), _when(row["last_used_at"]), _when(row["expires_at"]))


def _table(rows: list[dict]) -> str:
    lines = [tuple(c.upper() for c in COLUMNS), *(_cells(row) for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(COLUMNS))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip()
                     for line in lines)


def _json(row: dict) -> dict:
    return {"id": row["id"], "name": row["name"], "prefix": row["prefix"], "status": _status(row),
            "purposes": row["purposes"], "categories": row["categories"],
            "actions": row["actions"], "issuer": row["issuer_email"],
            **{key: row[key].isoformat() if row[key] else None
               for key in ("created_at", "last_used_at", "expires_at", "revoked_at")}}


@click.group("token")
def token_group() -> None:
    """Partner API tokens of a tenant (docs/tokens.md)."""


@token_group.command("create")
@click.option("--tenant", "slug", required=True, metavar="SLUG", help="Slug of an existing tenant.")
@click.option("--issuer", required=True, metavar="EMAIL",
              help="A user of the tenant who may manage tokens (admin); the token never has "
                   "more than this user's rights of the moment.")
@click.option("--name", required=True, help="What the token is for, e.g. the partner's name.")
@click.option("--purpose", "purposes", required=True, multiple=True,
              help="A purpose it may declare; repeatable. With exactly one, partners may omit "
                   "X-Purpose.")
@click.option("--category", "categories", required=True, multiple=True,
              type=click.Choice([c.value for c in Category]), help="A data category; repeatable.")
@click.option("--action", "actions", multiple=True, default=("read",), show_default=True,
              type=click.Choice([a.value for a in tokens.TOKEN_ACTIONS]), help="Repeatable.")
@click.option("--expires-in", "days", required=True, metavar="DAYS",
              type=click.IntRange(1, tokens.MAX_LIFETIME.days), help="Lifetime in days (1-365).")
@no_traceback
def token_create(slug: str, issuer: str, name: str, purposes: tuple[str, ...],
                 categories: tuple[str, ...], actions: tuple[str, ...], days: int) -> None:
    """Issue a token. The secret goes to stdout, alone, and is shown only this once; the rest to
    stderr (so `SECRET=$(salesplus token create ...)` works)."""
    row, secret = run_with_db(lambda: _issue(
        slug, issuer, name, list(dict.fromkeys(purposes)), list(dict.fromkeys(categories)),
        list(dict.fromkeys(actions)), days))
    click.echo(f"Created token {row['id']} {row['name']!r} in tenant {slug} ({row['prefix']}...), "
               f"expires {_when(row['expires_at'])}. The secret below is shown only once.", err=True)
    click.echo(secret)


@token_group.command("list")
@click.option("--tenant", "slug", required=True, metavar="SLUG", help="Slug of an existing tenant.")
@click.option("--json", "as_json", is_flag=True, help="One JSON array instead of a table.")
@no_traceback
def token_list(slug: str, as_json: bool) -> None:
    """The tenant's tokens, newest first, revoked and expired ones included (never a secret)."""
    async def work():
        return await tokens.token_rows((await _tenant(slug)).id)

    rows = run_with_db(work)
    if as_json:
        click.echo(json.dumps([_json(row) for row in rows], indent=2))
    elif rows:
        click.echo(_table(rows))
    else:
        click.echo(f"Tenant {slug} has no API tokens.")


@token_group.command("revoke")
@click.option("--tenant", "slug", required=True, metavar="SLUG", help="Slug of an existing tenant.")
@click.argument("token_id", type=int, metavar="ID")
@no_traceback
def token_revoke(slug: str, token_id: int) -> None:
    """Revoke token ID at once: its next request is UNAUTHENTICATED."""
    async def work():
        return await tokens.revoke((await _tenant(slug)).id, token_id)

    row = run_with_db(work)
    if row is None:
        raise CliError(f"tenant {slug!r} has no token {token_id}")
    click.echo(f"Revoked token {row['id']} {row['name']!r} ({row['prefix']}...) at "
               f"{_when(row['revoked_at'])}.")
