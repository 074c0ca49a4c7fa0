"""Schema migrations (aerich 0.10), one folder of migration files per SQL dialect.

aerich writes the DDL of the dialect it was generated against into each migration file (SQLite and
PostgreSQL differ in types, index and ALTER syntax), so one set of files cannot serve both. Each
dialect therefore has its own history: `migrations/sqlite/models/` and `migrations/postgres/models/`,
generated together and with the same version numbers by `python -m migrations.make NAME` (see
docs/migrations.md). `upgrade()` picks the folder that matches the connection's dialect.

We apply migrations ourselves rather than through `aerich.Command.upgrade()` so that concurrent
starters (several uvicorn workers, several hosts) cannot apply the same migration twice: on
PostgreSQL each migration runs in a transaction holding an advisory lock, and the list of applied
versions is re-read under that lock."""

import pkgutil
from pathlib import Path

from aerich import Command
from aerich.migrate import Migrate
from aerich.utils import get_app_connection_name, import_py_module
from tortoise import BaseDBAsyncClient, Tortoise
from tortoise.transactions import in_transaction

ROOT = Path(__file__).resolve().parent
APP = "models"
DIALECTS = ("sqlite", "postgres")
# Arbitrary constant naming "salesplus schema migration" for pg_advisory_xact_lock.
PG_LOCK_KEY = 0x5A1E5_0001


class MigrationError(RuntimeError):
    pass


def location(dialect: str) -> Path:
    """The aerich `location` for a dialect; aerich appends the app name (`models/`)."""
    if dialect not in DIALECTS:
        raise MigrationError(f"no migrations for database dialect {dialect!r} (supported: "
                             f"{', '.join(DIALECTS)})")
    return ROOT / dialect


def dialect_of(config: dict) -> str:
    return Tortoise.get_connection(get_app_connection_name(config, APP)).schema_generator.DIALECT


async def _applied(conn: BaseDBAsyncClient, dialect: str) -> set[str]:
    """Versions recorded in aerich's table; empty when the table does not exist yet. The existence
    check comes first because a failed query would abort a PostgreSQL transaction."""
    if dialect == "postgres":
        exists_sql = "SELECT to_regclass('aerich') IS NOT NULL AS present"
    else:
        exists_sql = "SELECT count(*) > 0 AS present FROM sqlite_master WHERE name = 'aerich'"
    _, rows = await conn.execute_query(exists_sql)
    if not rows or not rows[0]["present"]:
        return set()
    _, rows = await conn.execute_query("SELECT version FROM aerich WHERE app = 'models'")
    return {row["version"] for row in rows}


async def _apply(command: Command, module: pkgutil.ModuleInfo, dialect: str, conn_name: str) -> bool:
    """Apply one migration unless it is already applied; True if it ran."""
    version = module.name + ".py"
    if not getattr(import_py_module(module), "RUN_IN_TRANSACTION", True):
        conn = Tortoise.get_connection(conn_name)
        if version in await _applied(conn, dialect):
            return False
        await command._upgrade(conn, version, version_module=module)
        return True
    async with in_transaction(conn_name) as conn:
        if dialect == "postgres":
            await conn.execute_query(f"SELECT pg_advisory_xact_lock({PG_LOCK_KEY})")
        if version in await _applied(conn, dialect):
            return False
        await command._upgrade(conn, version, version_module=module)
        return True


async def upgrade(config: dict) -> list[str]:
    """Bring the schema of an initialised Tortoise connection up to date; returns the versions
    applied. Tortoise must already be initialised with `config`."""
    dialect = dialect_of(config)
    command = Command(tortoise_config=config, app=APP, location=str(location(dialect)))
    await command.init()  # sets aerich's migration folder and dialect; Tortoise stays as is
    conn_name = get_app_connection_name(config, APP)
    applied = []
    for module in Migrate.get_all_version_modules():
        if await _apply(command, module, dialect, conn_name):
            applied.append(module.name)
    return applied


async def pending(config: dict) -> list[str]:
    """Versions not yet applied (for `salesplus migrate --check`-style reporting and tests)."""
    dialect = dialect_of(config)
    Migrate.migrate_location = Migrate.get_migration_dir(str(location(dialect)), APP)
    done = await _applied(Tortoise.get_connection(get_app_connection_name(config, APP)), dialect)
    return [m.name for m in Migrate.get_all_version_modules() if m.name + ".py" not in done]
