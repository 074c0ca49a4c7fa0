"""Which database the test session runs on.

SALESPLUS_TEST_DATABASE=postgres://… runs the suite on PostgreSQL (the schema is dropped and
recreated first); otherwise a fresh SQLite file. `make test` runs both when PostgreSQL answers."""

import asyncio
import os
import tempfile

import asyncpg


def test_database_url() -> str:
    url = os.environ.get("SALESPLUS_TEST_DATABASE")
    if not url:
        return f"sqlite://{tempfile.mkdtemp(prefix='salesplus-db-')}/test.db"
    asyncio.run(_reset_postgres(url))
    return url


async def _reset_postgres(url: str) -> None:
    connection = await asyncpg.connect(url.replace("asyncpg://", "postgres://"))
    try:
        await connection.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    finally:
        await connection.close()


async def _reachable(url: str) -> bool:
    try:
        connection = await asyncpg.connect(url, timeout=3)
    except (OSError, asyncpg.PostgresError, asyncio.TimeoutError):
        return False
    await connection.close()
    return True


if __name__ == "__main__":
    # `python -m tests.support.database URL`: exit 0 when PostgreSQL answers at URL.
    import sys

    sys.exit(0 if asyncio.run(_reachable(sys.argv[1])) else 1)
