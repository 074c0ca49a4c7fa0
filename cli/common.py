"""What every command shares: the database URL, running async work against an initialised
database, and turning failures into one clear line on stderr and a non-zero exit (never a
traceback: the person at the terminal needs the cause, not our call stack)."""

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import TypeVar

import click
from tortoise.exceptions import BaseORMException

import db
import dbscope
from config import ConfigError, load_settings
from importer import ImportFailed, InvalidRecord
from migrations import MigrationError

T = TypeVar("T")


class CliError(click.ClickException):
    """A failure explained in one line; click prints `Error: ...` and exits with 1."""


class ConfigurationError(CliError):
    """An invalid setting: named in one line, exit code 2 (as click's usage errors)."""

    exit_code = 2


def database_url() -> str:
    """DATABASE_URL from the environment or `.env`, through the validated settings (read afresh:
    a command runs once, and tests change the environment between commands)."""
    try:
        return load_settings().database_url
    except ConfigError as error:
        raise ConfigurationError(str(error)) from None


def migration_database_url() -> str | None:
    try:
        return load_settings().migration_database_url
    except ConfigError as error:
        raise ConfigurationError(str(error)) from None


async def _with_db(work: Callable[[], Awaitable[T]] | None):
    # db.database closes in all cases: aiosqlite would otherwise hang the exit. Commands are the
    # operator's: they run in the system scope of row-level security (dbscope.py).
    with dbscope.scope(dbscope.SYSTEM):
        async with db.database(database_url(), migration_database_url()) as applied:
            return applied if work is None else await work()


async def announce_policy_change(domains=("*",)) -> None:
    """Commands write role lines straight to the database: tell running servers to re-read them
    (through the policy watcher's channel; "*" means every tenant). No-op without Redis or
    PostgreSQL, where a server sees the change on its next start."""
    from policies.watcher import announce  # noqa: PLC0415  (redis/asyncpg only when needed)

    await announce(list(domains), redis_url=load_settings().redis_url, database_url=database_url())


def run_with_db(work: Callable[[], Awaitable[T]] | None) -> T:
    """Connect, migrate, run `work`, always close; with `work=None`, return the migrations that
    were applied. Errors become CliError."""
    with explained():
        return asyncio.run(_with_db(work))


@contextmanager
def explained() -> Iterator[None]:
    """Turn the failures we expect into one-line CliErrors (several lines for invalid records)."""
    try:
        yield
    except InvalidRecord as error:
        for problem in error.problems[1:]:
            click.echo(f"  {problem}", err=True)
        if error.total > len(error.problems):
            click.echo(f"  ... and {error.total - len(error.problems)} more", err=True)
        raise CliError(f"{error.problems[0]} ({error.total} problem(s); nothing was written)") from None
    except ConfigError as error:
        raise ConfigurationError(str(error)) from None
    except (ImportFailed, MigrationError) as error:
        raise CliError(str(error)) from None
    except (OSError, BaseORMException) as error:
        raise CliError(f"database {redact(database_url())}: {one_line(error)}") from None


def redact(url: str) -> str:
    """Never print a password from DATABASE_URL."""
    scheme, sep, rest = url.partition("://")
    if "@" in rest:
        credentials, _, host = rest.rpartition("@")
        user = credentials.split(":", 1)[0]
        return f"{scheme}{sep}{user}:***@{host}" if ":" in credentials else url
    return url


def one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) < 300 else text[:297] + "..."


def no_traceback(command: Callable) -> Callable:
    """Last line of defence for a command: anything unexpected is still one line."""
    @wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            raise click.Abort() from None
        except ConfigError as error:
            raise ConfigurationError(str(error)) from None
        except Exception as error:  # noqa: BLE001  (the point: no traceback reaches the user)
            raise CliError(f"unexpected {type(error).__name__}: {one_line(error)}") from None
    return wrapper


def describe(summary: Counter) -> str:
    """`10000 contacts created, 2 users created` or `nothing changed`."""
    parts = [f"{count} {what}" for what, count in summary.items() if count]
    return ", ".join(parts) if parts else "nothing changed"


async def tenant_by_slug(slug: str):
    """The tenant, or a CliError naming the slug."""
    from models import Tenant  # noqa: PLC0415  (models only once the database is set up)

    tenant = await Tenant.get_or_none(slug=slug)
    if tenant is None:
        raise CliError(f"no tenant with slug {slug!r}")
    return tenant
