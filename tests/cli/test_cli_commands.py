"""The `salesplus` command line: help everywhere, user creation, clear one-line errors.

Commands that touch a database run in a subprocess (`python -m cli`): Tortoise's model classes are
process-wide, and an in-process command on another event loop would disturb the test session's
own database context. Help and argument checks run in-process with click's CliRunner."""

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli.users
from auth.passwords import _verify
from cli.main import cli as salesplus

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    exit_code: int
    output: str

COMMANDS = [[], ["serve"], ["import"], ["user"], ["user", "create"], ["migrate"], ["demo"],
            ["demo", "load"]]


@pytest.fixture
def run(tmp_path):
    """`salesplus ARGS` in a subprocess, on an SQLite file of this test."""
    path = tmp_path / "cli.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "PYTHONPATH": str(ROOT)}

    def invoke(*args, input=None):
        done = subprocess.run([sys.executable, "-m", "cli", *args], input=input, env=env,
                              cwd=tmp_path, capture_output=True, text=True, timeout=120)
        return Result(done.returncode, done.stdout + done.stderr)

    invoke.db = path
    return invoke


def in_process(*args, input=None):
    return CliRunner().invoke(salesplus, list(args), input=input, catch_exceptions=False)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "salesplus")
def test_every_command_has_help(command):
    result = in_process(*command, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage: " in result.output


def test_top_level_help_lists_the_commands():
    output = in_process("--help").output
    for name in ("serve", "import", "user", "migrate", "demo"):
        assert f"  {name} " in output


def test_user_create(run):
    assert run("demo", "load").exit_code == 0
    result = run("user", "create", "--tenant", "acme", "--email", "New.Person@Acme.example",
                 "--role", "sales", "--role", "support", "--password-stdin", input="s3cret-pass\n")
    assert result.exit_code == 0, result.output
    with sqlite3.connect(run.db) as conn:
        user_id, password_hash = conn.execute(
            "SELECT id, password_hash FROM app_user WHERE email = 'new.person@acme.example'").fetchone()
        roles = conn.execute("SELECT v1, v2, tenant_id FROM policy_rule WHERE ptype = 'g' AND v0 = ?",
                             (f"user:{user_id}",)).fetchall()
        tenant_id = conn.execute("SELECT id FROM tenant WHERE slug = 'acme'").fetchone()[0]
    assert sorted(roles) == [("sales", f"tenant:{tenant_id}", tenant_id),
                             ("support", f"tenant:{tenant_id}", tenant_id)]
    assert password_hash.startswith("$argon2id$") and _verify(password_hash, "s3cret-pass")

    again = run("user", "create", "--tenant", "acme", "--email", "new.person@acme.example",
                "--role", "sales", "--password-stdin", input="other\n")
    assert again.exit_code == 1
    assert "already has a user new.person@acme.example" in again.output


@pytest.mark.parametrize(("args", "message"), [
    (["--tenant", "nowhere", "--email", "a@b.example", "--role", "admin"], "no tenant with slug 'nowhere'"),
    (["--tenant", "acme", "--email", "not-an-email", "--role", "admin"], "--email: not a valid email"),
])
def test_user_create_errors_are_one_line(run, args, message):
    result = run("user", "create", *args, "--password-stdin", input="pw-pw-pw\n")
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


def test_unknown_role_is_a_usage_error():
    result = in_process("user", "create", "--tenant", "acme", "--email", "a@b.example",
                        "--role", "boss")
    assert result.exit_code == 2 and "'boss' is not one of" in result.output


def test_user_create_prompts_twice_for_the_password(monkeypatch):
    created = {}

    def fake_run_with_db(work):
        created["work"] = work
        return type("U", (), {"email": "p@acme.example", "id": 1})()

    monkeypatch.setattr(cli.users, "run_with_db", fake_run_with_db)
    monkeypatch.setattr(cli.users, "hash_password_sync", lambda pw: created.setdefault("pw", pw))
    result = in_process("user", "create", "--tenant", "acme", "--email", "p@acme.example",
                        "--role", "admin", input="one-pass\nother\none-pass\none-pass\n")
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output and created["pw"] == "one-pass"


def test_import_reports_bad_records_without_writing(run, tmp_path):
    doc = {"tenants": [{"slug": "t1", "contacts": [{"externalRef": "a"},
                                                    {"externalRef": "b", "email": "x"}]}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    result = run("import", str(path))
    assert result.exit_code == 1
    assert "tenants[0].contacts[1].email: not a valid email address" in result.output
    assert "nothing was written" in result.output and "Traceback" not in result.output
    assert not run.db.exists()  # validated before even connecting


def test_import_then_reimport(run, tmp_path):
    doc = {"tenants": [{"slug": "t1", "name": "T one", "contacts": [{"externalRef": "a"}]}]}
    path = tmp_path / "ok.json"
    path.write_text(json.dumps(doc))
    first = run("import", str(path))
    assert first.exit_code == 0 and "1 contacts created" in first.output
    assert "1 contacts unchanged" in run("import", str(path)).output


@pytest.mark.parametrize(("args", "message"), [
    (["import", "/no/such/file.json"], "no such file"),
    (["import", "contacts.csv"], "no such file"),
])
def test_import_file_errors(run, args, message):
    result = run(*args)
    assert "Traceback" not in result.output
    assert result.exit_code == 1 and message in result.output


def test_csv_needs_a_tenant(run, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text("externalRef\na\n")
    result = run("import", str(path))
    assert result.exit_code == 1 and "--tenant SLUG" in result.output


def test_invalid_json_is_one_line(run, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"tenants": [')
    result = run("import", str(path))
    assert result.exit_code == 1 and "not valid JSON" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_unreachable_database_is_one_line(tmp_path):
    done = subprocess.run([sys.executable, "-m", "cli", "migrate"], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT),
                               "DATABASE_URL": "postgres://nobody:secret@127.0.0.1:1/x"},
                          cwd=tmp_path, timeout=60)
    result = Result(done.returncode, done.stdout + done.stderr)
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "secret" not in result.output
    assert "127.0.0.1:1" in result.output
