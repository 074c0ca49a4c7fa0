"""Migrations: applied by db.init_db on SQLite and PostgreSQL, idempotent, and in step with the
models in every dialect."""

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import asyncpg
import pytest
from tortoise import Tortoise
from tortoise.context import TortoiseContext

import db
import migrations
from demo import load_demo
from models import Contact, Tenant

ROOT = Path(__file__).resolve().parents[2]
PG_ADMIN_URL = os.environ.get("SALESPLUS_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/test")
# Per process: two test runs on one server (two developers, CI) must not drop each other's database.
PG_DATABASE = f"salesplus_test_import_{os.getpid()}"
TABLES = {"tenant", "app_user", "session", "policy_rule", "contact", "consent_record", "objection",
          "contact_purpose_state", "subscription_topic", "subscription", "interaction",
          "financial_record", "aerich"}


def version_files(dialect: str) -> list[str]:
    return sorted(p.name for p in (migrations.location(dialect) / "models").glob("[0-9]*_*.py"))


def test_every_dialect_has_the_same_migrations():
    assert version_files("sqlite") and version_files("sqlite") == version_files("postgres")


def test_no_model_change_lacks_a_migration():
    result = subprocess.run([sys.executable, "-m", "migrations.make", "--check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


async def table_names() -> set[str]:
    conn = Tortoise.get_connection("default")
    if conn.schema_generator.DIALECT == "postgres":
        _, rows = await conn.execute_query(
            "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'")
    else:
        _, rows = await conn.execute_query("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {row["name"] for row in rows}


async def test_sqlite_fresh_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    async with db.database(url) as applied:
        assert applied == [Path(f).stem for f in version_files("sqlite")]
        assert TABLES <= await table_names()
        assert await migrations.pending(db.tortoise_config(url)) == []
    async with db.database(url) as applied:
        assert applied == []  # nothing left to apply


async def test_sqlite_database_made_by_generate_schemas_is_adopted(tmp_path):
    url = f"sqlite:///{tmp_path / 'legacy.db'}"
    async with TortoiseContext():
        try:
            await Tortoise.init(config=db.tortoise_config(url))
            await Tortoise.generate_schemas()
            await Tenant.create(slug="old", name="Old")
        finally:
            await db.close_db()
    async with db.database(url) as applied:
        assert len(applied) == len(version_files("sqlite"))
        assert await Tenant.filter(slug="old").exists()


async def _admin(*statements: str) -> None:
    conn = await asyncpg.connect(PG_ADMIN_URL, timeout=3)
    try:
        for sql in statements:
            await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture
async def pg_url():
    """A database of our own, dropped afterwards: `test` may be shared with other suites."""
    try:
        await _admin("SELECT 1")
    except (OSError, asyncio.TimeoutError, asyncpg.PostgresError) as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL at {PG_ADMIN_URL} is required in CI: {error}")
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL}: {error}")
    await _admin(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)',
                 f'CREATE DATABASE "{PG_DATABASE}"')
    yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{PG_DATABASE}"
    await _admin(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')


async def test_postgres_migrations_and_import(pg_url):
    async with db.database(pg_url) as applied:
        assert len(applied) == len(version_files("postgres"))
        assert TABLES <= await table_names()
        await load_demo()
        assert await Contact.all().count() == 60
        assert dict(await load_demo()) == {"contacts unchanged": 60}
    async with db.database(pg_url) as applied:
        assert applied == []
