"""`salesplus audit verify`: ok per tenant, and the first broken link named after editing,
deleting (middle and last) or reordering rows directly in the database.

Like tests/cli/test_cli_commands.py, commands run in a subprocess (`python -m cli`) on an SQLite
file of the test; the events are written by the real chain code in another subprocess."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli as salesplus

ROOT = Path(__file__).resolve().parents[2]
# Two tenants, five events for acme and none for globex, written through audit.chain.
SEED = """
import asyncio, sys
import db
from audit import chain, commit
from models import Tenant

async def seed():
    async with db.database(sys.argv[1]):
        acme = await Tenant.create(slug="acme", name="Acme")
        await Tenant.create(slug="globex", name="Globex")
        for n in range(1, 6):
            await commit.record(acme.id, chain.Entry(
                principal=f"user:{n}", purpose="sales", operation="query contacts",
                contact_ids=[n], categories_returned=["identity"], categories_denied=[], codes=[]))
        await commit.settle()

asyncio.run(seed())
"""


@pytest.fixture
def run(tmp_path):
    path = tmp_path / "audit.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "PYTHONPATH": str(ROOT)}

    def invoke(*args):
        done = subprocess.run([sys.executable, "-m", "cli", *args], env=env, cwd=tmp_path,
                              capture_output=True, text=True, timeout=120)
        return done.returncode, done.stdout, done.stderr

    seeded = subprocess.run([sys.executable, "-c", SEED, f"sqlite:///{path}"], env=env,
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert seeded.returncode == 0, seeded.stderr
    invoke.sql = lambda statement, *params: _sql(path, statement, params)
    return invoke


def _sql(path: Path, statement: str, params: tuple) -> list:
    with sqlite3.connect(path) as conn:
        return conn.execute(statement, params).fetchall()


def row_id(run, seq: int) -> int:
    return run.sql("SELECT e.id FROM audit_event e JOIN tenant t ON t.id = e.tenant_id "
                   "WHERE t.slug = 'acme' AND e.seq = ?", seq)[0][0]


def test_help():
    result = CliRunner().invoke(salesplus, ["audit", "verify", "--help"])
    assert result.exit_code == 0 and "--tenant SLUG" in result.output
    assert "  audit " in CliRunner().invoke(salesplus, ["--help"]).output


def test_sound_chains_print_ok_per_tenant(run):
    code, out, err = run("audit", "verify")
    head = run.sql("SELECT h.hash FROM audit_head h JOIN tenant t ON t.id = h.tenant_id "
                   "WHERE t.slug = 'acme'")[0][0]
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"acme: ok: 5 events (head {head})",
                                f"globex: ok: 0 events (head {'0' * 64})"]
    code, out, _err = run("audit", "verify", "--tenant", "globex")
    assert code == 0 and out.splitlines() == [f"globex: ok: 0 events (head {'0' * 64})"]


def test_unknown_tenant(run):
    code, _out, err = run("audit", "verify", "--tenant", "nowhere")
    assert code == 1 and "no tenant with slug 'nowhere'" in err and "Traceback" not in err


def _broken(run, expected: str) -> None:
    code, out, err = run("audit", "verify")
    assert code == 1
    assert expected in err, err
    assert "globex: ok: 0 events" in out and "acme: ok" not in out  # the other tenant is checked
    assert err.strip().endswith("Error: the audit trail of 1 tenant(s) is broken")
    assert "Traceback" not in err


def test_an_edited_row_is_named(run):
    edited = row_id(run, 3)
    run.sql("UPDATE audit_event SET principal = 'user:999' WHERE id = ?", edited)
    _broken(run, f"acme: BROKEN after 2 sound events: row id {edited} (seq 3): hash mismatch")


def test_a_deleted_middle_row_is_named_by_the_row_after_the_gap(run):
    after = row_id(run, 3)
    run.sql("DELETE FROM audit_event WHERE id = ?", row_id(run, 2))
    _broken(run, f"row id {after} (seq 3): seq gap: expected seq 2, found 3")


def test_deleted_last_rows_are_caught_by_the_head(run):
    last_kept = row_id(run, 3)
    run.sql("DELETE FROM audit_event WHERE seq > 3 AND id > ?", last_kept)
    _broken(run, f"row id {last_kept} (seq 3): head mismatch: the head says seq 5 but the chain "
                 "ends at seq 3: the last 2 event(s) were deleted")


def test_reordered_rows_are_named(run):
    second, fourth = row_id(run, 2), row_id(run, 4)
    run.sql("UPDATE audit_event SET seq = -1 WHERE id = ?", second)
    run.sql("UPDATE audit_event SET seq = 2 WHERE id = ?", fourth)
    run.sql("UPDATE audit_event SET seq = 4 WHERE id = ?", second)
    _broken(run, f"row id {fourth} (seq 2): hash mismatch")
