"""db.py: SQLite transactions take the write lock when they begin; planner statistics are
refreshed after a migration."""

import sqlite3

import pytest
from tortoise import connections
from tortoise.transactions import in_transaction

import db
from models import Tenant


def dialect() -> str:
    return connections.get("default").capabilities.dialect


async def test_a_sqlite_transaction_holds_the_write_lock_from_its_begin(app, factory, database_url):
    if dialect() != "sqlite":
        pytest.skip("BEGIN IMMEDIATE is SQLite's; PostgreSQL locks rows, not the database")
    path = db.tortoise_config(database_url)["connections"]["default"]["credentials"]["file_path"]
    other = sqlite3.connect(path, timeout=0, isolation_level=None)  # another process's view
    try:
        async with in_transaction():
            await Tenant.filter(slug="nobody").exists()  # only a read so far
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")  # a second writer must wait for this one
        other.execute("BEGIN IMMEDIATE")  # released at the commit
        other.execute("ROLLBACK")
    finally:
        other.close()


async def test_a_migration_refreshes_planner_statistics_and_a_restart_does_not(tmp_path,
                                                                                monkeypatch):
    calls = []
    refresh = db.refresh_statistics

    async def counted():
        calls.append(1)
        await refresh()

    monkeypatch.setattr(db, "refresh_statistics", counted)
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    async with db.database(url) as applied:
        assert applied
    async with db.database(url) as applied:
        assert applied == []
    assert calls == [1]


async def test_statistics_cover_the_tables_that_hold_rows(app, factory):
    await factory.tenant()
    await db.refresh_statistics()
    if dialect() == "postgres":
        sql = "SELECT count(*) AS n FROM pg_stats WHERE tablename = 'tenant'"
    else:
        sql = "SELECT count(*) AS n FROM sqlite_stat1 WHERE tbl = 'tenant'"
    assert (await connections.get("default").execute_query_dict(sql))[0]["n"] > 0
