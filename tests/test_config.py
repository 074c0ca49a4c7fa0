"""config.py: every setting is typed; a bad value names its variable and the form it needs, and the
command line stops with exit code 2 and one line (no traceback). README lists every variable."""

import base64
import os
import re
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from config import ConfigError, Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
SALESPLUS = Path(sys.executable).with_name("salesplus")

# An invalid value for each kind of field; fields of free text (paths, names) have none.
INVALID_BY_TYPE = {int: "abc", bool: "maybe"}
INVALID_BY_NAME = {"SALESPLUS_RATE_LIMIT_USER": "lots", "SALESPLUS_RATE_LIMIT_TOKEN": "7 per",
                   "SALESPLUS_LOGIN_LIMIT_ACCOUNT": "x/y", "SALESPLUS_LOGIN_LIMIT_ADDRESS": "3/eon",
                   "REDIS_URL": "localhost", "OTEL_EXPORTER_OTLP_ENDPOINT": "otel-host",
                   "SALESPLUS_METRICS_TOKEN": "short", "SALESPLUS_CORS_ORIGINS": "front.test",
                   "SALESPLUS_FORWARDED_ALLOW_IPS": "proxy.internal",
                   "SALESPLUS_MASTER_KEY": "c2hvcnQta2V5", "SALESPLUS_PREVIOUS_MASTER_KEY": "no b64!",
                   "SALESPLUS_MASTER_KEY_FILE": "/nonexistent/master_key"}


def invalid_value(field) -> str | None:
    if field.alias in INVALID_BY_NAME:
        return INVALID_BY_NAME[field.alias]
    if typing.get_origin(field.annotation) is typing.Literal:
        return "bogus"
    return INVALID_BY_TYPE.get(field.annotation)


TYPED = [(f.alias, invalid_value(f)) for f in Settings.model_fields.values() if invalid_value(f)]


def test_every_constrained_setting_is_covered():
    assert len(TYPED) >= 18  # the table above must grow with config.py, not silently shrink


@pytest.mark.parametrize(("variable", "value"), TYPED)
def test_an_invalid_value_names_the_variable_and_the_form(monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as raised:
        load_settings()
    message = str(raised.value)
    assert message.startswith(f"{variable} is invalid: expected ")
    assert value not in message.removeprefix(variable)  # values are never echoed (secrets)


def test_defaults_and_types(monkeypatch):
    for field in Settings.model_fields.values():
        if field.alias != "SALESPLUS_SECRET_KEY" and field.alias != "SALESPLUS_DATA_DIR":
            monkeypatch.delenv(field.alias, raising=False)
    monkeypatch.setenv("SALESPLUS_SESSION_TTL", "60")
    monkeypatch.setenv("SALESPLUS_DEMO", "")  # empty counts as unset
    monkeypatch.setenv("SALESPLUS_CORS_ORIGINS", "https://a.example, https://b.example")
    config = load_settings()
    assert config.session_ttl_seconds == 60 and config.database_url == "sqlite://salesplus.db"
    assert config.load_demo is False and config.redis_url is None
    assert config.cors_origins == ["https://a.example", "https://b.example"]
    assert config.cors_credentials is False and config.metrics_token is None
    assert config.otlp_endpoint is None and config.log_format == "auto"
    assert not config.production and isinstance(config.secret_key, bytes)


def test_dotenv_is_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SALESPLUS_SESSION_TTL", raising=False)
    (tmp_path / ".env").write_text("SALESPLUS_SESSION_TTL=120\nUNRELATED=1\n")
    assert load_settings().session_ttl_seconds == 120


def test_production_requires_a_secret_key(monkeypatch):
    monkeypatch.setenv("SALESPLUS_ENV", "production")
    monkeypatch.delenv("SALESPLUS_SECRET_KEY")
    with pytest.raises(ConfigError, match="SALESPLUS_SECRET_KEY is required"):
        load_settings()


def test_production_requires_a_master_key(monkeypatch):
    monkeypatch.setenv("SALESPLUS_ENV", "production")
    monkeypatch.delenv("SALESPLUS_MASTER_KEY", raising=False)
    with pytest.raises(ConfigError, match="SALESPLUS_MASTER_KEY or SALESPLUS_MASTER_KEY_FILE is required"):
        load_settings()


def test_development_generates_a_master_key_once(monkeypatch, tmp_path):
    monkeypatch.delenv("SALESPLUS_MASTER_KEY", raising=False)
    monkeypatch.setenv("SALESPLUS_DATA_DIR", str(tmp_path))
    first = load_settings().master_keys
    assert len(first) == 1 and len(first[0]) == 32
    assert (tmp_path / "master_key").stat().st_mode & 0o777 == 0o600
    assert load_settings().master_keys == first
    key_file = tmp_path / "mounted"
    key_file.write_text(base64.b64encode(bytes(range(32))).decode())
    monkeypatch.setenv("SALESPLUS_MASTER_KEY_FILE", str(key_file))
    monkeypatch.setenv("SALESPLUS_PREVIOUS_MASTER_KEY", base64.b64encode(first[0]).decode())
    assert load_settings().master_keys == (bytes(range(32)), first[0])


@pytest.mark.parametrize(("variable", "value", "expected"), [
    ("SALESPLUS_SESSION_TTL", "abc", "SALESPLUS_SESSION_TTL is invalid: expected a whole number"),
    ("SALESPLUS_ENV", "prod", "SALESPLUS_ENV is invalid: expected 'development' or 'production'"),
])
def test_serve_stops_with_one_line_and_exit_code_2(tmp_path, variable, value, expected):
    env = {**os.environ, variable: value, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"}
    result = subprocess.run([str(SALESPLUS), "serve", "--port", "1"], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"Error: {result.stderr.strip()[7:]}"]
    assert expected in result.stderr and "Traceback" not in result.stderr + result.stdout
    assert "unexpected" not in result.stderr


def test_readme_lists_every_variable():
    readme = (ROOT / "README.md").read_text()
    table = "\n".join(line for line in readme.splitlines() if line.startswith("| `"))
    listed = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", table))
    assert {field.alias for field in Settings.model_fields.values()} <= listed
