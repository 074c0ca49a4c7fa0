"""`salesplus keys encrypt|verify|rotate-tenant|rotate-master` end to end on an SQLite file, in
subprocesses as an operator runs them: values stored in plaintext are encrypted (idempotent),
rotations keep every value readable, verify fails on a key that does not open, and no output
carries key material."""

import base64
import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from data.crypto import is_sealed

ROOT = Path(__file__).resolve().parents[2]
SEED = """
import asyncio, sys
import db
from data.scope import TenantScope
from models import Contact, Tenant
from models.keys import EncryptedCategory

async def seed():
    async with db.database(sys.argv[1]):
        tenant = await Tenant.create(slug="acme", name="Acme")
        await TenantScope(tenant.id).bulk_create(Contact, [
            {"external_ref": f"c{i}", "competitive_notes": f"rival {i}",
             "sensitive_notes": f"note {i}"} for i in range(7)])
        # The tenant opts competitive in after those were written: stored in plaintext.
        await EncryptedCategory.create(tenant_id=tenant.id, category="competitive")

asyncio.run(seed())
"""
READ = """
import asyncio, sys
import db
from data import sealed
from models import Contact

async def read():
    async with db.database(sys.argv[1]):
        rows = await Contact.all().order_by("id").values()
        opener = await sealed.opener_for(rows[0]["tenant_id"], [r["id"] for r in rows])
        for row in map(lambda row: opener.row(Contact, row), rows):
            print(row["competitive_notes"], row["sensitive_notes"])

asyncio.run(read())
"""
EXPECTED = "".join(f"rival {i} note {i}\n" for i in range(7))


@pytest.fixture
def setup(tmp_path):
    path = tmp_path / "keys.db"
    data_dir = tmp_path / "data"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "PYTHONPATH": str(ROOT),
           "SALESPLUS_DATA_DIR": str(data_dir)}
    env.pop("SALESPLUS_MASTER_KEY", None)

    def run(*args, script=None, **extra):
        command = [sys.executable, "-c", script, f"sqlite:///{path}"] if script else [
            sys.executable, "-m", "cli", "keys", *args]
        done = subprocess.run(command, env={**env, **extra}, cwd=tmp_path, capture_output=True,
                              text=True, timeout=120)
        return done.returncode, done.stdout, done.stderr

    assert run(script=SEED)[0] == 0
    run.db = path
    run.master = lambda: base64.b64decode((data_dir / "master_key").read_text())
    return run


def stored(path: Path) -> list[tuple]:
    return sqlite3.connect(path).execute(
        "SELECT competitive_notes, sensitive_notes FROM contact ORDER BY id").fetchall()


def no_key_material(text: str, *keys: bytes) -> bool:
    return not any(form in text for key in keys
                   for form in (key.hex(), base64.b64encode(key).decode(), repr(key)))


def test_encrypt_then_rotate_then_verify(setup):
    assert all(is_sealed(notes) and not is_sealed(rival) for rival, notes in stored(setup.db))
    assert setup(script=READ)[1] == EXPECTED

    code, out, err = setup("encrypt", "--batch-size", "3")
    assert (code, out) == (0, "encrypted the values of 7 row(s)\n"), err
    assert all(is_sealed(rival) and is_sealed(notes) for rival, notes in stored(setup.db))
    assert setup("encrypt")[1] == "encrypted the values of 0 row(s)\n"  # idempotent
    assert setup(script=READ)[1] == EXPECTED

    code, out, err = setup("rotate-tenant", "--tenant", "acme", "--batch-size", "2")
    assert (code, out) == (0, "re-wrapped 7 contact key(s) of acme under a new tenant key\n"), err
    assert setup("verify")[1] == "1 tenant key(s) and 7 contact key(s) open\n"

    old, new = setup.master(), secrets.token_bytes(32)
    rotating = {"SALESPLUS_MASTER_KEY": base64.b64encode(new).decode(),
                "SALESPLUS_PREVIOUS_MASTER_KEY": base64.b64encode(old).decode()}
    code, out, err = setup("rotate-master", "--batch-size", "1", **rotating)
    assert code == 0 and out.startswith("re-wrapped 1 tenant key(s) under master key "), err
    outputs = [out, err]
    # The old key alone opens nothing any more; the new one alone, everything.
    code, out, err = setup("verify")
    # 1 tenant key and the 7 contact keys under it:
    assert code == 1 and "does not open" in err and "8 key(s) need attention" in err
    outputs += [out, err]
    only_new = {"SALESPLUS_MASTER_KEY": base64.b64encode(new).decode()}
    assert setup("verify", **only_new)[:2] == (0, "1 tenant key(s) and 7 contact key(s) open\n")
    assert setup(script=READ, **only_new)[1] == EXPECTED
    assert all(no_key_material(text, old, new) for text in outputs)


def test_a_bad_master_key_is_named_not_shown(setup):
    code, out, err = setup("verify", SALESPLUS_MASTER_KEY="not-a-key-c2VjcmV0")
    assert code == 2 and "SALESPLUS_MASTER_KEY is invalid: expected 32 random bytes in base64" in err
    assert "not-a-key" not in out + err
    wrong = base64.b64encode(secrets.token_bytes(32)).decode()
    code, out, err = setup("rotate-tenant", "--tenant", "acme", SALESPLUS_MASTER_KEY=wrong)
    assert code == 1 and "tenant-key/1/1: does not open" in err and wrong not in out + err
    assert no_key_material(out + err, setup.master())
