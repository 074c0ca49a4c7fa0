"""`salesplus retention run|rules|set` end to end on an SQLite file: the dry run reports and changes
nothing, the run does what the dry run said, rules are shown and set per tenant."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from data.crypto import is_sealed

ROOT = Path(__file__).resolve().parents[2]
SEED = """
import asyncio, sys
from datetime import datetime, timedelta, timezone
import db
from models import Contact, Tenant

async def seed():
    async with db.database(sys.argv[1]):
        for slug in ("acme", "globex"):
            tenant = await Tenant.create(slug=slug, name=slug.title())
            contact = await Contact.create(tenant=tenant, external_ref=f"{slug}-1", first_name="Ada",
                                           last_name="Archer", sensitive_notes="note")
            await Contact.filter(id=contact.id).update(
                updated_at=datetime.now(timezone.utc) - timedelta(days=500))

asyncio.run(seed())
"""


@pytest.fixture
def run(tmp_path):
    path = tmp_path / "retention.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "PYTHONPATH": str(ROOT)}

    def invoke(*args):
        done = subprocess.run([sys.executable, "-m", "cli", "retention", *args], env=env,
                              cwd=tmp_path, capture_output=True, text=True, timeout=120)
        return done.returncode, done.stdout, done.stderr

    subprocess.run([sys.executable, "-c", SEED, f"sqlite:///{path}"], env=env, check=True,
                   timeout=120)
    # The notes as stored: sealed (data/sealed.py), or null once erased.
    invoke.notes = lambda: [(slug, notes and ("sealed" if is_sealed(notes) else notes))
                            for slug, notes in sqlite3.connect(path).execute(
        "SELECT t.slug, c.sensitive_notes FROM contact c JOIN tenant t ON t.id = c.tenant_id "
        "ORDER BY t.slug").fetchall()]
    return invoke


def test_dry_run_then_run_for_one_tenant(run):
    code, out, err = run("run", "--tenant", "acme", "--dry-run")
    assert (code, err) == (0, "")
    assert "would: acme: sensitive: null Contact.sensitiveNotes: 1 record(s) of 1 contact(s)" in out
    assert run.notes() == [("acme", "sealed"), ("globex", "sealed")]
    code, out, _err = run("run", "--tenant", "acme")
    assert code == 0 and "done: acme: sensitive: null Contact.sensitiveNotes: 1 record(s)" in out
    assert run.notes() == [("acme", None), ("globex", "sealed")]
    assert "no data past its maximum age" in run("run", "--tenant", "acme")[1]


def test_rules_are_shown_and_set(run):
    code, out, _err = run("rules", "--tenant", "acme")
    assert code == 0 and "sensitive              365 days" in out
    assert run("set", "--tenant", "acme", "--category", "sensitive", "--no-limit")[0] == 0
    assert "sensitive              no limit      (the tenant's own rule)" in run(
        "rules", "--tenant", "acme")[1]
    assert "would:" not in run("run", "--tenant", "acme", "--dry-run")[1]
    code, _out, err = run("set", "--tenant", "acme", "--category", "sensitive")
    assert code == 1 and "exactly one of" in err
    code, _out, err = run("rules", "--tenant", "nowhere")
    assert code == 1 and "no tenant with slug 'nowhere'" in err
