"""Database wiring: the Tortoise configuration for a DATABASE_URL, and schema set-up."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from tortoise import Tortoise
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.context import TortoiseContext, get_current_context

from migrations import upgrade

MODEL_MODULES = ["models"]


def tortoise_config(database_url: str) -> dict:
    if database_url.startswith("postgresql://"):
        database_url = "postgres://" + database_url.removeprefix("postgresql://")
    return {
        "connections": {"default": database_url},
        "apps": {"models": {"models": [*MODEL_MODULES, "aerich.models"],
                            "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


async def init_db(database_url: str, *, global_fallback: bool = True) -> list[str]:
    """Connect and bring the schema up to date by applying the aerich migrations of the
    database's dialect (migrations/__init__.py); returns the versions applied. With
    `global_fallback` (the server) the connection is usable from any task (stack-notes.md).
    On failure the connections are closed again, so a caller's `finally` is not the only guard."""
    config = tortoise_config(database_url)
    # Tortoise caches each model's INSERT/DELETE SQL by connection *name*, never cleared: a process
    # that reconnects "default" to another dialect (SQLite, then PostgreSQL, as the tests do)
    # would reuse SQLite's `?` placeholders on PostgreSQL. The cache refills itself lazily.
    EXECUTOR_CACHE.clear()
    await Tortoise.init(config=config, _enable_global_fallback=global_fallback)
    try:
        return await upgrade(config)
    except BaseException:
        await Tortoise.close_connections()
        raise


async def close_db() -> None:
    await Tortoise.close_connections()
    EXECUTOR_CACHE.clear()  # see init_db: the next connection may be of another dialect


@asynccontextmanager
async def database(database_url: str) -> AsyncIterator[list[str]]:
    """Connect and migrate in a Tortoise context of our own, and always close: for commands and
    tests that may run in a process already holding a context (the tests' server, say), which
    must be neither re-initialised nor closed. Yields the migrations applied."""
    outer = get_current_context()
    try:
        async with TortoiseContext():
            try:
                yield await init_db(database_url, global_fallback=False)
            finally:
                await close_db()
    finally:
        if outer is not None and outer.inited and outer.apps is not None:
            # Model classes are process-wide and hold query builders of the dialect initialised
            # last (tortoise/apps.py): give them back to the outer context's database.
            outer.apps._build_initial_querysets()
