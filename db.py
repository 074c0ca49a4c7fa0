"""Database wiring: the Tortoise configuration for a DATABASE_URL, and schema set-up.

On SQLite every transaction begins IMMEDIATE (`client_class` below, this module being the
connection's Tortoise engine): it takes the database's write lock first, waiting for it (the busy
timeout) instead of failing. Tortoise's default deferred BEGIN reads under a shared lock and
then tries to upgrade it at the first write, which SQLite refuses at once ("database is locked")
when another process writes: with several worker processes that failed 13-29 % of audited reads.
Within one process Tortoise already runs one transaction at a time on its single connection.

On PostgreSQL every pooled connection carries the task's tenant scope into row-level security
(dbscope.py, migrations/rls.py), and with an owner URL the migrations run as the owner while the
application connects as its own role."""

import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from urllib.parse import urlparse

import structlog
from tortoise import Tortoise, connections
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.backends.sqlite.client import (
    SqliteClient,
    SqliteTransactionContext,
    SqliteTransactionWrapper,
)
from tortoise.context import TortoiseContext, get_current_context
from tortoise.exceptions import TransactionManagementError
from tortoise.transactions import in_transaction

import dbscope
from data.sealed import connect_signals
from migrations import rls, upgrade

MODEL_MODULES = ["models"]
log = structlog.get_logger("salesplus.db")


class _ImmediateTransaction(SqliteTransactionWrapper):
    async def begin(self) -> None:
        try:
            await self._connection.commit()
            await self._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise TransactionManagementError(exc) from exc


class ImmediateSqliteClient(SqliteClient):
    """Tortoise's SQLite client whose transactions begin IMMEDIATE (module docstring)."""

    def _in_transaction(self) -> SqliteTransactionContext:
        return SqliteTransactionContext(_ImmediateTransaction(self), self._lock)


client_class = ImmediateSqliteClient  # this module as a Tortoise engine: see tortoise_config


CONNECT_TIMEOUT_SECONDS = 5  # a database that does not answer a connection: an outage, soon


def _is_postgres(database_url: str) -> bool:
    return urlparse(database_url).scheme in ("postgres", "postgresql", "asyncpg")


def _connection(database_url: str, statement_timeout_ms: int | None, system: bool) -> str | dict:
    if database_url.startswith("postgresql://"):
        database_url = "postgres://" + database_url.removeprefix("postgresql://")
    if database_url.startswith("sqlite:"):
        expanded = expand_db_url(database_url)
        return {**expanded, "engine": __name__}
    if not _is_postgres(database_url):
        return database_url
    expanded = expand_db_url(database_url)
    credentials = expanded["credentials"]
    if system:  # the owner's connection (migrations): always the system scope
        credentials["server_settings"] = {dbscope.SCOPE_SETTING: dbscope.SYSTEM}
        return expanded
    credentials.update(setup=dbscope.apply_to_connection, reset=dbscope.reset_connection)
    if statement_timeout_ms:
        credentials["server_settings"] = {"statement_timeout": str(statement_timeout_ms)}
        credentials.setdefault("timeout", CONNECT_TIMEOUT_SECONDS)
        # No pool floor: asyncpg would otherwise log a traceback for each attempt to restore it
        # while the database is away (the breaker of health/database.py reports the outage once).
        credentials.setdefault("minsize", 0)
    return expanded


def tortoise_config(database_url: str, statement_timeout_ms: int | None = None, *,
                    system: bool = False) -> dict:
    """With `statement_timeout_ms` (the server's connections) every PostgreSQL statement is
    cancelled after that long: a connection-level setting (asyncpg `server_settings`), so it holds
    in and out of transactions. `system`: a connection that always runs under the SYSTEM scope
    of row-level security (the owner's, for migrations)."""
    return {
        "connections": {"default": _connection(database_url, statement_timeout_ms, system)},
        "apps": {"models": {"models": [*MODEL_MODULES, "aerich.models"],
                            "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


async def init_db(database_url: str, *, owner_url: str | None = None,
                  global_fallback: bool = True, statement_timeout_ms: int | None = None) -> list[str]:
    """Connect and bring the schema up to date by applying the aerich migrations of the
    database's dialect (migrations/__init__.py); returns the versions applied. With
    `global_fallback` (the server) the connection is usable from any task (stack-notes.md).
    On failure the connections are closed again, so a caller's `finally` is not the only guard.

    On PostgreSQL with `owner_url` (SALESPLUS_MIGRATION_DATABASE_URL): the migrations and the
    row-level security run as that owner, then the application connects as its own role."""
    postgres = _is_postgres(database_url)
    separate_owner = postgres and bool(owner_url) and owner_url != database_url
    applied = await _migrate_as_owner(owner_url, database_url) if separate_owner else None
    config = tortoise_config(database_url, statement_timeout_ms)
    # Tortoise caches each model's INSERT/DELETE SQL by connection *name*, never cleared: a process
    # that reconnects "default" to another dialect (SQLite, then PostgreSQL, as the tests do)
    # would reuse SQLite's `?` placeholders on PostgreSQL. The cache refills itself lazily.
    EXECUTOR_CACHE.clear()
    await Tortoise.init(config=config, _enable_global_fallback=global_fallback)
    connect_signals()  # no process writes an encrypted table without sealing (data/sealed.py)
    try:
        if applied is None:
            with dbscope.scope(dbscope.SYSTEM):
                applied = await upgrade(config)
                if postgres:
                    async with in_transaction() as conn:
                        await rls.secure(conn, app_role=None)
                if applied:
                    await refresh_statistics()
        if postgres:
            await _warn_if_bypassing()
        return applied
    except BaseException:
        await Tortoise.close_connections()
        raise


async def _migrate_as_owner(owner_url: str, database_url: str) -> list[str]:
    config = tortoise_config(owner_url, system=True)
    EXECUTOR_CACHE.clear()
    await Tortoise.init(config=config)
    try:
        applied = await upgrade(config)
        async with in_transaction() as conn:
            await rls.secure(conn, app_role=urlparse(database_url).username)
        if applied:
            await refresh_statistics()  # statistics belong to the tables: their owner gathers
        return applied
    finally:
        await Tortoise.close_connections()


async def _warn_if_bypassing() -> None:
    reason = await rls.bypasses(connections.get("default"))
    if reason:
        log.warning("row-level security does not hold the application's database role",
                    reason=reason, fix="connect as a role of its own and migrate as the owner "
                    "(SALESPLUS_MIGRATION_DATABASE_URL; docs/policy.md)")


async def refresh_statistics() -> None:
    """Planner statistics for every table and index: `ANALYZE` on PostgreSQL; on SQLite `ANALYZE`
    sampling at most 1,000 rows per index (`analysis_limit`), so it stays fast on a large file.
    Without statistics both databases may walk a tenant's whole index for a lookup by tenant and
    `IN (…)` (2-7x slower, issue 11), and PostgreSQL without autovacuum never gathers them. Run
    after migrations changed the schema (new tables and indexes); imports refresh their own.
    Not `PRAGMA optimize` alone: before SQLite 3.46 it only analyses tables the connection has
    queried, which at start-up is none."""
    db = Tortoise.get_connection("default")
    if db.capabilities.dialect == "postgres":  # as the tables' owner (migrations/rls.py)
        await db.execute_query(f"SELECT {rls.REFRESH_STATISTICS}()")
    else:
        await db.execute_script("PRAGMA analysis_limit = 1000; ANALYZE")


async def refresh_statistics_midway() -> None:
    """Statistics from inside a transaction that is filling tables (the importer, after its first
    batch): PostgreSQL's ANALYZE counts the transaction's own rows, and without any statistics
    it reads `column IN (2,000 values)` as "every row" and scans. SQLite is left alone: its
    script would commit the transaction, and its planner prefers the index anyway."""
    if Tortoise.get_connection("default").capabilities.dialect == "postgres":
        await refresh_statistics()


async def close_db() -> None:
    await Tortoise.close_connections()
    EXECUTOR_CACHE.clear()  # see init_db: the next connection may be of another dialect


@asynccontextmanager
async def database(database_url: str, owner_url: str | None = None) -> AsyncIterator[list[str]]:
    """Connect and migrate in a Tortoise context of our own, and always close: for commands and
    tests that may run in a process already holding a context (the tests' server, say), which
    must be neither re-initialised nor closed. Yields the migrations applied."""
    outer = get_current_context()
    try:
        async with TortoiseContext():
            try:
                yield await init_db(database_url, owner_url=owner_url, global_fallback=False)
            finally:
                await close_db()
    finally:
        if outer is not None and outer.inited and outer.apps is not None:
            # Model classes are process-wide and hold query builders of the dialect initialised
            # last (tortoise/apps.py): give them back to the outer context's database.
            outer.apps._build_initial_querysets()
