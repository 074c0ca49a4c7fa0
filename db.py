"""Database wiring: the Tortoise configuration for a DATABASE_URL, and schema set-up."""

from tortoise import Tortoise

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


async def init_db(database_url: str) -> list[str]:
    """Connect (usable from any task) and bring the schema up to date by applying the aerich
    migrations of the database's dialect (migrations/__init__.py); returns the versions applied.
    On failure the connections are closed again, so a caller's `finally` is not the only guard."""
    from migrations import upgrade  # noqa: PLC0415  (aerich is only needed once connected)

    config = tortoise_config(database_url)
    await Tortoise.init(config=config, _enable_global_fallback=True)
    try:
        return await upgrade(config)
    except BaseException:
        await Tortoise.close_connections()
        raise


async def close_db() -> None:
    await Tortoise.close_connections()
