"""The importer's database per test module, created by the real migrations, in a Tortoise context
of its own (db.database): a fresh SQLite file, or on PostgreSQL (SALESPLUS_TEST_DATABASE) the
session's database as the application's role behind row-level security, the owner migrating.
The session's server fixture, if any, keeps its own connections untouched. Tests compare the
database before and after, never absolute counts: on PostgreSQL other modules' rows are there."""

import os

import pytest

import db


@pytest.fixture(scope="module")
async def database(tmp_path_factory, database_url):
    if database_url.startswith("sqlite"):
        url, owner = f"sqlite:///{tmp_path_factory.mktemp('importer') / 'import.db'}", None
    else:
        url, owner = database_url, os.environ.get("SALESPLUS_MIGRATION_DATABASE_URL")
    async with db.database(url, owner_url=owner):  # closes the connections in a finally
        yield url
