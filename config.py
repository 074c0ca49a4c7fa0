"""Configuration from the environment (and `.env` if present). api.md fixes the variable names."""

import os
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dotenv import load_dotenv


class ConfigError(RuntimeError):
    pass


@dataclass(frozen=True)
class Settings:
    database_url: str
    env: str
    secret_key: bytes
    redis_url: str | None
    data_dir: Path
    session_ttl_seconds: int = 12 * 3600
    max_body_bytes: int = 1_000_000
    max_depth: int = 10
    max_aliases: int = 15
    max_tokens: int = 2_000
    load_demo: bool = False

    @property
    def production(self) -> bool:
        return self.env == "production"


def _secret_key(env: str, data_dir: Path) -> bytes:
    """Production requires SALESPLUS_SECRET_KEY; development generates one once and keeps it."""
    configured = os.environ.get("SALESPLUS_SECRET_KEY")
    if configured:
        return configured.encode()
    if env == "production":
        raise ConfigError("SALESPLUS_SECRET_KEY is required when SALESPLUS_ENV=production")
    path = data_dir / "secret_key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip().encode()


def load_settings() -> Settings:
    load_dotenv(override=False)
    env = os.environ.get("SALESPLUS_ENV", "development")
    if env not in ("development", "production"):
        raise ConfigError("SALESPLUS_ENV must be 'development' or 'production'")
    data_dir = Path(os.environ.get("SALESPLUS_DATA_DIR", ".salesplus"))
    return Settings(
        database_url=os.environ.get("DATABASE_URL", "sqlite://salesplus.db"),
        env=env,
        secret_key=_secret_key(env, data_dir),
        redis_url=os.environ.get("REDIS_URL") or None,
        data_dir=data_dir,
        session_ttl_seconds=int(os.environ.get("SALESPLUS_SESSION_TTL", 12 * 3600)),
        load_demo=os.environ.get("SALESPLUS_DEMO", "") == "1",
    )


@lru_cache(maxsize=1)
def settings() -> Settings:
    return load_settings()
