"""`salesplus breach scope`: JSON and table output of a seeded leak, the window from the command
line, a broken chain printed and exit status 1, clear errors. Commands run in a subprocess on an
SQLite file, as in tests/cli/test_audit_cli.py."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli as salesplus

ROOT = Path(__file__).resolve().parents[2]
# acme: token 7 reads contacts 1-12 (contact_details, financial) on 2026-03-02; a user reads
# contact 99 (identity); token 7 reads contact 50 (sensitive) on 2026-04-01.
SEED = """
import asyncio, sys
from datetime import datetime, timezone
import db
from audit import chain, commit
from models import AuditEvent, AuditHead, Tenant, User

async def seed():
    async with db.database(sys.argv[1]):
        acme = await Tenant.create(slug="acme", name="Acme")
        user = await User.create(tenant=acme, email="eve@acme.example", password_hash="x")
        plan = [("token:7", list(range(1, 7)), ["contact_details", "financial"], "2026-03-02T10:00"),
                (f"user:{user.id}", [99], ["identity"], "2026-03-02T11:00"),
                ("token:7", list(range(7, 13)), ["contact_details", "financial"], "2026-03-02T12:00"),
                ("token:7", [50], ["sensitive"], "2026-04-01T09:00")]
        for principal, contacts, returned, _at in plan:
            await commit.record(acme.id, chain.Entry(principal, "sales", "query contacts",
                                                     contacts, returned, [], []))
        await commit.settle()
        # Move the events to the plan's times and chain them again, as if recorded then.
        prev = chain.GENESIS
        rows = await AuditEvent.filter(tenant_id=acme.id).order_by("seq").values(*chain.COLUMNS)
        for row, (*_rest, at) in zip(rows, plan):
            row["at"] = datetime.fromisoformat(at).replace(tzinfo=timezone.utc)
            row["prev_hash"] = prev
            prev = chain.digest(row)
            await AuditEvent.filter(id=row["id"]).update(at=row["at"], prev_hash=row["prev_hash"],
                                                         hash=prev)
        await AuditHead.filter(tenant_id=acme.id).update(hash=prev)

asyncio.run(seed())
"""


@pytest.fixture
def run(tmp_path):
    path = tmp_path / "breach.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "PYTHONPATH": str(ROOT)}

    def invoke(*args):
        done = subprocess.run([sys.executable, "-m", "cli", "breach", "scope", *args], env=env,
                              cwd=tmp_path, capture_output=True, text=True, timeout=120)
        return done.returncode, done.stdout, done.stderr

    seeded = subprocess.run([sys.executable, "-c", SEED, f"sqlite:///{path}"], env=env,
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert seeded.returncode == 0, seeded.stderr
    invoke.sql = lambda statement: sqlite3.connect(path).execute(statement).connection.commit()
    return invoke


def test_help():
    result = CliRunner().invoke(salesplus, ["breach", "scope", "--help"])
    assert result.exit_code == 0
    for option in ("--principal EMAIL", "--token ID", "--session ID", "--since", "--until",
                   "--format"):
        assert option in result.output
    assert "  breach " in CliRunner().invoke(salesplus, ["--help"]).output


def test_json_scope_of_a_token_in_a_window(run):
    code, out, err = run("--tenant", "acme", "--token", "7", "--since", "2026-03-01",
                         "--until", "2026-03-03", "--format", "json")
    assert (code, err) == (0, "")
    scope = json.loads(out)
    assert scope["contactIds"] == list(range(1, 13))
    assert scope["categories"] == {"contact_details": 12, "financial": 12}
    assert (scope["dataSubjects"], scope["records"], scope["events"]) == (12, 24, 2)
    assert scope["chain"]["ok"] and scope["since"] == "2026-03-01T00:00:00.000000+00:00"


def test_table_of_a_user_by_email(run):
    code, out, _err = run("--tenant", "acme", "--principal", "EVE@acme.example")
    assert code == 0
    assert "Audit chain over the window (seq 1–4, 4 events): ok" in out
    assert "1 events, 1 data subjects, 1 records" in out and "identity" in out
    assert "Contacts to notify: 99" in out


def test_a_broken_chain_is_printed_and_fails(run):
    run.sql("UPDATE audit_event SET contact_ids = '[1]' WHERE seq = 3")
    code, out, err = run("--tenant", "acme", "--token", "7", "--format", "json")
    assert code == 1
    assert json.loads(out)["chain"]["breaks"][0]["seq"] == 3
    assert "the audit trail is broken inside the window" in err and "Traceback" not in err


@pytest.mark.parametrize(("args", "message"), [
    (("--tenant", "nowhere"), "no tenant with slug 'nowhere'"),
    (("--tenant", "acme", "--principal", "nobody@x.example"), "no user with that email"),
    (("--tenant", "acme", "--token", "1", "--session", "2"), "at most one"),
    (("--tenant", "acme", "--since", "2026-03-03", "--until", "2026-03-01"), "the window is empty"),
])
def test_errors_are_one_line(run, args, message):
    code, _out, err = run(*args)
    assert code == 1 and message in err and "Traceback" not in err
