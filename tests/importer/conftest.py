"""One empty database per test module, created by the real migrations, in a Tortoise context of
its own (db.database): the session's server fixture, if any, keeps its own database untouched.
On SQLite a new file; on PostgreSQL (SALESPLUS_TEST_DATABASE) a database of the importer's own
beside the session's (`<name>_importer`, its schema dropped for each module), used as production
does: migrated by the owner, imported into as the application's role behind row-level security.
An empty database, because these tests compare whole tables and load the demo "if empty"."""

import os
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest

import db
from tests.support.database import _reset_postgres, app_url


async def _importer_database(owner_url: str) -> str:
    """The owner's URL of the sibling database, created once, its schema emptied."""
    parts = urlsplit(owner_url)
    name = f"{parts.path.lstrip('/')}_importer"
    connection = await asyncpg.connect(owner_url)
    try:
        if not await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    sibling = urlunsplit(parts._replace(path=f"/{name}"))
    await _reset_postgres(sibling)
    return sibling


@pytest.fixture(scope="module")
async def database(tmp_path_factory, database_url):
    if database_url.startswith("sqlite"):
        url, owner = f"sqlite:///{tmp_path_factory.mktemp('importer') / 'import.db'}", None
    else:
        owner = await _importer_database(os.environ["SALESPLUS_MIGRATION_DATABASE_URL"])
        url = app_url(owner)
    async with db.database(url, owner_url=owner):  # closes the connections in a finally
        yield url
