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


async def init_db(database_url: str) -> None:
    """Connect (usable from any task) and bring the schema up to date."""
    await Tortoise.init(config=tortoise_config(database_url), _enable_global_fallback=True)
    await Tortoise.generate_schemas(safe=True)


async def close_db() -> None:
    await Tortoise.close_connections()
