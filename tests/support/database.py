"""Which database the test session runs on.

SALESPLUS_TEST_DATABASE=postgres://… runs the suite on PostgreSQL (the schema is dropped and
recreated first); otherwise a fresh SQLite file. `make test` runs both when PostgreSQL answers.

On PostgreSQL the suite runs as production should: the URL given is the schema's owner, which
migrates (SALESPLUS_MIGRATION_DATABASE_URL), and the application connects as a login role of its
own, `salesplus_app` (no superuser, no BYPASSRLS, owns nothing), so every test also runs behind
row-level security (docs/policy.md)."""

import asyncio
import os
import tempfile
from urllib.parse import urlsplit, urlunsplit

import asyncpg


APP_ROLE = "salesplus_app"


def test_database_url() -> str:
    url = os.environ.get("SALESPLUS_TEST_DATABASE")
    if not url:
        return f"sqlite://{tempfile.mkdtemp(prefix='salesplus-db-')}/test.db"
    asyncio.run(_reset_postgres(url))
    os.environ["SALESPLUS_MIGRATION_DATABASE_URL"] = url
    return app_url(url)


def app_url(owner_url: str) -> str:
    """The same database, as the application's own role (trust authentication here)."""
    parts = urlsplit(owner_url)
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{APP_ROLE}@{host}"))


async def _reset_postgres(url: str) -> None:
    connection = await asyncpg.connect(url.replace("asyncpg://", "postgres://"))
    try:
        await connection.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        try:  # roles are shared by the databases of the cluster: create it once
            await connection.execute(f"CREATE ROLE {APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS "
                                     "NOCREATEDB NOCREATEROLE")
        except (asyncpg.DuplicateObjectError, asyncpg.UniqueViolationError):
            pass
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
