"""`salesplus token create|list|revoke`: the API's rules from the terminal. Commands that touch a
database run in a subprocess on an SQLite file of their own (see test_cli_commands.py)."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from auth import tokens
from auth.sessions import token_digest
from cli.main import cli as salesplus

ROOT = Path(__file__).resolve().parents[2]
CREATE = ["token", "create", "--tenant", "acme", "--issuer", "admin@acme.example",
          "--name", "Partner X", "--purpose", "sales", "--category", "identity",
          "--category", "contact_details", "--expires-in", "30"]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """`salesplus ARGS` in a subprocess, on one SQLite file with the demo data."""
    folder = tmp_path_factory.mktemp("token-cli")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'cli.db'}", "PYTHONPATH": str(ROOT)}

    def invoke(*args):
        done = subprocess.run([sys.executable, "-m", "cli", *args], env=env, cwd=folder,
                              capture_output=True, text=True, timeout=120)
        return done

    loaded = invoke("demo", "load")
    assert loaded.returncode == 0, loaded.stderr
    invoke.db = folder / "cli.db"
    return invoke


def rows(db: Path, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.mark.parametrize("command", [["token"], ["token", "create"], ["token", "list"],
                                     ["token", "revoke"]])
def test_every_token_command_has_help(command):
    result = CliRunner().invoke(salesplus, [*command, "--help"])
    assert result.exit_code == 0 and "Usage: " in result.output


def test_top_level_help_lists_token():
    assert "  token " in CliRunner().invoke(salesplus, ["--help"]).output


def test_create_prints_the_secret_once_and_stores_only_its_keyed_hash(run):
    done = run(*CREATE)
    assert done.returncode == 0, done.stderr
    secret = done.stdout.strip()
    assert done.stdout == secret + "\n" and tokens.well_formed(secret)
    assert "shown only once" in done.stderr and secret not in done.stderr
    stored = rows(run.db, "SELECT token_hash, prefix, purposes, categories, actions FROM api_token "
                          "WHERE name = 'Partner X'")
    assert stored == [(token_digest(secret), secret[:12], '["sales"]',
                       '["contact_details","identity"]', '["read"]')]
    assert secret.encode() not in run.db.read_bytes()  # nowhere in the database file


@pytest.mark.parametrize("args, message", [
    (["--issuer", "admin@acme.example", "--category", "sensitive"],
     "Cannot grant read sensitive for purpose 'sales'"),
    (["--issuer", "sales@acme.example", "--category", "identity"], "Not allowed to manage tokens"),
    (["--issuer", "nobody@acme.example", "--category", "identity"], "has no active user"),
])
def test_create_refuses_what_the_issuer_may_not_grant(run, args, message):
    before = rows(run.db, "SELECT COUNT(*) FROM api_token")
    done = run("token", "create", "--tenant", "acme", "--name", "wide", "--purpose", "sales",
               "--expires-in", "30", *args)
    assert done.returncode == 1 and message in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""
    assert rows(run.db, "SELECT COUNT(*) FROM api_token") == before


def test_list_and_revoke(run):
    secret = run(*CREATE[:-1], "7").stdout.strip()
    token_id = rows(run.db, "SELECT id FROM api_token WHERE prefix = ?", secret[:12])[0][0]
    table = run("token", "list", "--tenant", "acme").stdout
    assert table.splitlines()[0].split()[:4] == ["ID", "NAME", "PREFIX", "STATUS"]
    assert secret[:12] in table and secret not in table
    assert run("token", "list", "--tenant", "globex").stdout.strip() == "Tenant globex has no API tokens."

    foreign = run("token", "revoke", "--tenant", "globex", str(token_id))
    assert foreign.returncode == 1 and f"has no token {token_id}" in foreign.stderr
    done = run("token", "revoke", "--tenant", "acme", str(token_id))
    assert done.returncode == 0 and done.stdout.startswith(f"Revoked token {token_id} ")
    listed = {t["id"]: t for t in json.loads(run("token", "list", "--tenant", "acme", "--json").stdout)}
    assert listed[token_id]["status"] == "revoked" and listed[token_id]["revoked_at"]
    assert listed[token_id]["issuer"] == "admin@acme.example"
    assert all(secret not in json.dumps(t) for t in listed.values())
