"""Configuration: one typed `Settings` (pydantic-settings), read from the environment and `.env`.

Every variable is a field here, declared once with its environment name, default and expected
form; README's configuration table lists them. api.md fixes `DATABASE_URL`, `SALESPLUS_ENV`,
`SALESPLUS_SECRET_KEY` and `REDIS_URL`; the others carry the `SALESPLUS_` prefix. An empty variable
counts as unset. An invalid value raises `ConfigError` naming the variable and the expected form
(never the value: it may be a secret); the command line turns it into one line and exit code 2.

To add a setting: a field with `Field(default, alias="VARIABLE", description="expected form")`,
and a row in README's table."""

import base64
import ipaddress
import re
import secrets
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Annotated, Literal

from limits import parse_many
from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class ConfigError(RuntimeError):
    """A configuration value that cannot be used; the message names the variable."""


def _rate(text: str) -> str:
    """`limits` syntax: "600/minute", several joined by ";", or "off"."""
    if text.strip().lower() != "off":
        parse_many(text)  # ValueError on a malformed limit
    return text


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_ignore_empty=True, extra="ignore",
                                      frozen=True, populate_by_name=True)

    database_url: str = Field("sqlite://salesplus.db", alias="DATABASE_URL",
                              description="a database URL: sqlite://FILE or postgres://user@host:5432/db")
    env: Literal["development", "production"] = Field(
        "development", alias="SALESPLUS_ENV", description="'development' or 'production'")
    configured_secret_key: SecretStr | None = Field(
        None, alias="SALESPLUS_SECRET_KEY", description="a secret (any text)")
    # Envelope encryption (data/keys.py, docs/security.md): 32 bytes in base64, or a file of them.
    configured_master_key: SecretStr | None = Field(
        None, alias="SALESPLUS_MASTER_KEY", description="32 random bytes in base64")
    master_key_file: Path | None = Field(
        None, alias="SALESPLUS_MASTER_KEY_FILE",
        description="a file holding 32 random bytes in base64")
    # During a rotation of the master key (salesplus keys rotate-master): the key it replaces.
    previous_master_key: SecretStr | None = Field(
        None, alias="SALESPLUS_PREVIOUS_MASTER_KEY", description="32 random bytes in base64")
    redis_url: str | None = Field(None, alias="REDIS_URL", description="a redis://host:port/db URL")
    data_dir: Path = Field(Path(".salesplus"), alias="SALESPLUS_DATA_DIR", description="a directory")
    session_ttl_seconds: int = Field(12 * 3600, alias="SALESPLUS_SESSION_TTL", gt=0,
                                     description="a whole number of seconds above 0")
    load_demo: bool = Field(False, alias="SALESPLUS_DEMO", description="1 or 0 (true or false)")
    max_body_bytes: int = Field(1_000_000, alias="SALESPLUS_MAX_BODY_BYTES", gt=0,
                                description="a whole number of bytes above 0")
    # Query limits (schema/limits.py): the cost is the fields an answer can hold, pages multiplied.
    max_cost: int = Field(10_000, alias="SALESPLUS_MAX_QUERY_COST", gt=0,
                          description="a whole number above 0")
    max_depth: int = Field(10, alias="SALESPLUS_MAX_DEPTH", gt=0, description="a whole number above 0")
    max_aliases: int = Field(15, alias="SALESPLUS_MAX_ALIASES", gt=0, description="a whole number above 0")
    max_tokens: int = Field(2_000, alias="SALESPLUS_MAX_TOKENS", gt=0, description="a whole number above 0")
    # PostgreSQL: the schema owner that migrates and sets up row-level security, when the
    # application connects as a role of its own (docs/policy.md, "The second wall").
    migration_database_url: str | None = Field(
        None, alias="SALESPLUS_MIGRATION_DATABASE_URL",
        description="a postgres://owner@host:5432/db URL (the schema's owner)")

    # Rate limits (auth/ratelimit.py, docs/tokens.md#rate-limits).
    rate_limit_user: str = Field("600/minute", alias="SALESPLUS_RATE_LIMIT_USER",
                                 description="a limit such as '600/minute' (';' joins several) or 'off'")
    rate_limit_token: str = Field("600/minute", alias="SALESPLUS_RATE_LIMIT_TOKEN",
                                  description="a limit such as '600/minute' (';' joins several) or 'off'")
    login_limit_account: str = Field("10/15 minutes", alias="SALESPLUS_LOGIN_LIMIT_ACCOUNT",
                                     description="a limit such as '10/15 minutes' or 'off'")
    login_limit_address: str = Field("30/15 minutes", alias="SALESPLUS_LOGIN_LIMIT_ADDRESS",
                                     description="a limit such as '30/15 minutes' or 'off'")
    rate_limit_namespace: str = Field("salesplus", alias="SALESPLUS_RATE_LIMIT_NAMESPACE",
                                      description="a Redis key prefix")

    # Bounded dependencies and work (health/, docs/api.md#service_unavailable).
    redis_timeout_ms: int = Field(50, alias="SALESPLUS_REDIS_TIMEOUT_MS", gt=0,
                                  description="a whole number of milliseconds above 0")
    statement_timeout_ms: int = Field(5_000, alias="SALESPLUS_STATEMENT_TIMEOUT_MS", gt=0,
                                      description="a whole number of milliseconds above 0")
    request_deadline_seconds: float = Field(30.0, alias="SALESPLUS_REQUEST_DEADLINE", gt=0,
                                            description="a number of seconds above 0")

    keep_alive_seconds: int = Field(5, alias="SALESPLUS_KEEP_ALIVE", gt=0,
                                    description="a whole number of seconds above 0")
    max_concurrency: int = Field(200, alias="SALESPLUS_MAX_CONCURRENCY", gt=0,
                                 description="a whole number above 0")

    @property
    def redis_timeout_seconds(self) -> float:
        return self.redis_timeout_ms / 1000

    # Operations (logs.py, web/metrics.py, web/tracing.py, web/cors.py; docs/operations.md).
    log_format: Literal["auto", "json", "console"] = Field(
        "auto", alias="SALESPLUS_LOG_FORMAT",
        description="'json', 'console' or 'auto' (JSON in production, console in development)")
    log_level: Literal["debug", "info", "warning", "error"] = Field(
        "info", alias="SALESPLUS_LOG_LEVEL", description="debug, info, warning or error")
    metrics_token: SecretStr | None = Field(
        None, alias="SALESPLUS_METRICS_TOKEN",
        description="a bearer secret of at least 16 characters (unset: no /metrics)")
    otlp_endpoint: str | None = Field(
        None, alias="OTEL_EXPORTER_OTLP_ENDPOINT", description="an http(s):// URL of an OTLP collector")
    cors_origins: Annotated[list[str], NoDecode] = Field(
        [], alias="SALESPLUS_CORS_ORIGINS",
        description="origins separated by commas, such as 'https://app.example,https://admin.example'")
    cors_credentials: bool = Field(False, alias="SALESPLUS_CORS_CREDENTIALS",
                                   description="1 or 0 (true or false)")

    # Transport (cli/tls.py, web/hsts.py; docs/security.md#in-transit): uvicorn's own TLS, or a
    # TLS-terminating proxy whose X-Forwarded-* headers uvicorn trusts from these addresses only.
    tls_cert: Path | None = Field(None, alias="SALESPLUS_TLS_CERT",
                                  description="a PEM certificate file (the chain after it)")
    tls_key: Path | None = Field(None, alias="SALESPLUS_TLS_KEY",
                                 description="a PEM private key file, not encrypted")
    forwarded_allow_ips: Annotated[list[str] | None, NoDecode] = Field(
        None, alias="SALESPLUS_FORWARDED_ALLOW_IPS",
        description="IP addresses or networks separated by commas, such as '10.0.0.5,10.1.0.0/16', or '*'")
    hsts_max_age: int = Field(365 * 24 * 3600, alias="SALESPLUS_HSTS_MAX_AGE", ge=0,
                              description="a whole number of seconds, 0 or more")

    @property
    def production(self) -> bool:
        return self.env == "production"

    @cached_property
    def secret_key(self) -> bytes:
        """The configured key, or in development one generated once into the data folder."""
        if self.configured_secret_key is not None:
            return self.configured_secret_key.get_secret_value().encode()
        path = self.data_dir / "secret_key"
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return path.read_text().strip().encode()

    @cached_property
    def master_keys(self) -> tuple[bytes, ...]:
        """The master key, then the one it replaces during a rotation. In development, without
        a configured key, one is generated once into the data folder (as the secret key)."""
        current = (self.configured_master_key.get_secret_value() if self.configured_master_key
                   else self._master_key_file().read_text())
        keys = [_key_bytes(current, "SALESPLUS_MASTER_KEY")]
        if self.previous_master_key is not None:
            keys.append(_key_bytes(self.previous_master_key.get_secret_value(),
                                   "SALESPLUS_PREVIOUS_MASTER_KEY"))
        return tuple(keys)

    def _master_key_file(self) -> Path:
        if self.master_key_file is not None:
            return self.master_key_file
        path = self.data_dir / "master_key"
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(base64.b64encode(secrets.token_bytes(32)).decode())
        return path

    @field_validator("configured_master_key", "previous_master_key")
    @classmethod
    def _master_key(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            _key_bytes(value.get_secret_value(), "")
        return value

    @field_validator("master_key_file")
    @classmethod
    def _key_file(cls, value: Path | None) -> Path | None:
        if value is not None:
            try:
                _key_bytes(value.read_text(), "")
            except OSError:
                raise ValueError("unreadable") from None
        return value

    @field_validator("rate_limit_user", "rate_limit_token", "login_limit_account",
                     "login_limit_address")
    @classmethod
    def _valid_rate(cls, value: str) -> str:
        return _rate(value)

    @field_validator("log_level", "log_format", mode="before")
    @classmethod
    def _lower(cls, value):
        return value.lower() if isinstance(value, str) else value

    @field_validator("metrics_token")
    @classmethod
    def _long_enough(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < 16:
            raise ValueError("too short")
        return value

    @field_validator("cors_origins", "forwarded_allow_ips", mode="before")
    @classmethod
    def _comma_separated(cls, value):
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    @field_validator("cors_origins")
    @classmethod
    def _origins(cls, origins: list[str]) -> list[str]:
        for origin in origins:
            if origin != "*" and not re.fullmatch(r"https?://[^/\s]+", origin):
                raise ValueError("not an origin")
        return origins

    @field_validator("forwarded_allow_ips")
    @classmethod
    def _ip_or_network(cls, addresses: list[str] | None) -> list[str] | None:
        # uvicorn keeps an entry that is neither an address nor a network as a literal to compare
        # with the peer, which no TCP client ever equals: a typo would silently trust no proxy.
        for address in addresses or ():
            if address != "*":
                ipaddress.ip_network(address)  # ValueError: neither an address nor a network
        return addresses or None

    @field_validator("otlp_endpoint", "redis_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and "://" not in value:
            raise ValueError("not a URL")
        return value

    @model_validator(mode="after")
    def _secret_in_production(self) -> "Settings":
        if self.production and self.configured_secret_key is None:
            raise ValueError("SALESPLUS_SECRET_KEY is required when SALESPLUS_ENV=production")
        if self.production and self.configured_master_key is None and self.master_key_file is None:
            raise ValueError("SALESPLUS_MASTER_KEY or SALESPLUS_MASTER_KEY_FILE is required when "
                             "SALESPLUS_ENV=production")
        return self

    @model_validator(mode="after")
    def _certificate_with_its_key(self) -> "Settings":
        if (self.tls_cert is None) != (self.tls_key is None):
            raise ValueError("SALESPLUS_TLS_CERT and SALESPLUS_TLS_KEY (--tls-cert, --tls-key) go "
                             "together: give both or neither")
        return self

    @model_validator(mode="after")
    def _no_wildcard_with_credentials(self) -> "Settings":
        if self.cors_credentials and "*" in self.cors_origins:
            raise ValueError("SALESPLUS_CORS_ORIGINS cannot be '*' when SALESPLUS_CORS_CREDENTIALS is on: "
                             "name the origins")
        return self


def _key_bytes(text: str, variable: str) -> bytes:
    """A master key from its base64 text; the error names the variable, never the value."""
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except ValueError:
        key = b""
    if len(key) != 32:
        if variable:
            raise ConfigError(f"{variable} is invalid: expected 32 random bytes in base64")
        raise ValueError("not 32 bytes in base64")
    return key


def describe(error: ValidationError) -> str:
    """One line per problem: the variable, and the form it must take (not the value)."""
    fields = Settings.model_fields
    by_alias = {field.alias: field for field in fields.values()}
    lines = []
    for problem in error.errors():
        name = str(problem["loc"][0]) if problem["loc"] else ""
        field = fields.get(name) or by_alias.get(name)
        if field is None:  # a check across fields; its message names the variables
            lines.append(str(problem["msg"]).removeprefix("Value error, "))
            continue
        lines.append(f"{field.alias} is invalid: expected {field.description}")
    return "; ".join(lines)


def load_settings(**overrides) -> Settings:
    """Read the environment (and `.env`) now. Raises ConfigError naming the bad variable."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        raise ConfigError(describe(error)) from None


@lru_cache(maxsize=1)
def settings() -> Settings:
    """The process's settings, read once."""
    return load_settings()
