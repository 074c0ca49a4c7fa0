"""Group commit and the sealer (audit/commit.py, audit/chain.py: seal): concurrent reads share
one transaction, each waits for its own, a seal pass costs the same whatever it seals, one
sealer per tenant, and two real worker processes on one SQLite file answer every audited read."""

import asyncio
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from tortoise import connections
from tortoise.transactions import in_transaction

from audit import chain, commit
from models import AuditEvent, AuditHead, AuditPendingEvent
from tests.support.query_counter import count_queries

ROOT = Path(__file__).resolve().parents[2]


def entry(n: int) -> chain.Entry:
    return chain.Entry(principal=f"user:{n}", purpose="sales", operation="query contacts",
                       contact_ids=[n], categories_returned=["identity"], categories_denied=[],
                       codes=[])


def dialect() -> str:
    return connections.get("default").capabilities.dialect


async def test_concurrent_reads_share_one_insert_and_all_are_sealed_in_order(factory):
    tenant = await factory.tenant()
    with count_queries() as queries:
        await asyncio.gather(*(commit.record(tenant.id, entry(n)) for n in range(1, 21)))
    # Each record returned only after its event was committed: all 20 are in the database.
    assert await AuditPendingEvent.filter(tenant_id=tenant.id).count() \
        + await AuditEvent.filter(tenant_id=tenant.id).count() == 20
    assert len(queries) == 1 and "audit_pending_event" in queries.statements[0], queries.pretty()
    await commit.settle()
    rows = await AuditEvent.filter(tenant_id=tenant.id).order_by("seq").values("seq", "principal")
    assert [r["seq"] for r in rows] == list(range(1, 21))
    assert [r["principal"] for r in rows] == [f"user:{n}" for n in range(1, 21)]  # arrival order
    assert not await AuditPendingEvent.filter(tenant_id=tenant.id).exists()
    report = await chain.verify(tenant.id)
    assert report.ok and report.events == 20 and report.pending == 0


async def test_a_failed_batch_fails_every_request_waiting_for_it(factory, monkeypatch):
    tenant = await factory.tenant()

    async def broken(events):
        raise RuntimeError("disk full")

    monkeypatch.setattr(chain, "insert_pending", broken)
    results = await asyncio.gather(*(commit.record(tenant.id, entry(n)) for n in range(3)),
                                   return_exceptions=True)
    assert all(isinstance(r, RuntimeError) for r in results), results
    monkeypatch.undo()
    await commit.record(tenant.id, entry(9))  # the next batch is written again
    await commit.settle()
    assert await AuditEvent.filter(tenant_id=tenant.id).count() == 1


@pytest.mark.parametrize("events", [1, 50])
async def test_a_seal_pass_costs_the_same_statements_whatever_it_seals(factory, events):
    tenant = await factory.tenant()
    await chain.insert_pending([chain.pending(tenant.id, entry(n)) for n in range(events)])
    with count_queries() as queries:
        assert await chain.seal(tenant.id) == events
    # PostgreSQL: the sealer lock; then the head, the pending events, the INSERT into the chain,
    # the DELETE from the pending table, the head's move (its creation, for a first event).
    assert len(queries) == (6 if dialect() == "postgres" else 5), queries.pretty()
    head = await AuditHead.get(tenant_id=tenant.id)
    assert head.seq == events and (await chain.verify(tenant.id)).ok


async def test_events_pending_when_verified_are_counted_not_chained(factory):
    tenant = await factory.tenant()
    await commit.record(tenant.id, entry(1))
    await commit.settle()
    await chain.insert_pending([chain.pending(tenant.id, entry(2))])  # no sealer kicked
    report = await chain.verify(tenant.id)
    assert report.ok and (report.events, report.pending) == (1, 1)
    assert await chain.seal_pending(tenant.id) == 1
    report = await chain.verify(tenant.id)
    assert report.ok and (report.events, report.pending) == (2, 0)


async def test_one_sealer_per_tenant_on_postgresql(factory):
    if dialect() != "postgres":
        pytest.skip("the advisory lock is PostgreSQL's; SQLite's sealers queue on the write lock "
                    "(BEGIN IMMEDIATE), see test_two_worker_processes_on_sqlite_answer_every_read")
    tenant, other = await factory.tenant(), await factory.tenant()
    await chain.insert_pending([chain.pending(t.id, entry(1)) for t in (tenant, other)])
    holding, release = asyncio.Event(), asyncio.Event()

    async def another_sealer():
        async with in_transaction() as db:
            await db.execute_query("SELECT pg_advisory_xact_lock($1, $2)",
                                   [chain.SEAL_LOCK, tenant.id])
            holding.set()
            await release.wait()

    held = asyncio.create_task(another_sealer())
    await holding.wait()
    assert await chain.seal(tenant.id) is None  # elected elsewhere: this process stands back
    assert await chain.seal(other.id) == 1  # another tenant's sealer is not held up
    waiting = asyncio.create_task(chain.seal_pending(tenant.id))
    await asyncio.sleep(0.05)
    assert not waiting.done()
    release.set()
    await held
    assert await waiting == 1 and (await chain.verify(tenant.id)).events == 1


# -- two real worker processes on one SQLite file ----------------------------------------------
SEED = """
import asyncio, json, sys
import db
from policies.engine import PolicyEngine
from tests.support.factories import Factory

async def seed():
    async with db.database(sys.argv[1]):
        factory = Factory(await PolicyEngine.load())
        tenant = await factory.tenant("workers")
        token = await factory.login_as(tenant, "sales")
        contact = await factory.contact(tenant, first_name="Ada")
        print(json.dumps({"token": token, "contact": contact.id}))

asyncio.run(seed())
"""
READ = "query($id: ID!) { contact(id: $id) { firstName } }"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def wait_until_up(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            assert server.poll() is None, (server.stdout.read().decode()[-2000:] if server.stdout
                                           else "the server exited")
            try:
                if (await client.get(base + "/readyz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise AssertionError("the server did not start")


@pytest.fixture
def sqlite_env(tmp_path):
    url = f"sqlite:///{tmp_path / 'workers.db'}"
    return url, {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT),
                 "SALESPLUS_DATA_DIR": str(tmp_path), "SALESPLUS_RATE_LIMIT_USER": "off"}


async def test_two_worker_processes_on_sqlite_answer_every_read(sqlite_env, tmp_path):
    url, env = sqlite_env
    seeded = subprocess.run([sys.executable, "-c", SEED, url], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120, check=True)
    seed = json.loads(seeded.stdout.strip().splitlines()[-1])
    port = free_port()
    log_path = tmp_path / "server.log"  # a file, not a pipe: 320 access lines would fill a pipe
    with log_path.open("wb") as log:
        server = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--workers", "2", "--port",
                                   str(port)], env=env, cwd=tmp_path, stdout=log,
                                  stderr=subprocess.STDOUT)
    base, requests, connections_ = f"http://127.0.0.1:{port}", 320, 32
    headers = {"Authorization": f"Bearer {seed['token']}", "X-Purpose": "sales"}
    answers: list[dict] = []
    try:
        await wait_until_up(base, server)
        limits = httpx.Limits(max_connections=connections_, max_keepalive_connections=connections_)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
            async def one_connection():
                for _ in range(requests // connections_):
                    response = await client.post("/graphql", headers=headers, json={
                        "query": READ, "variables": {"id": str(seed["contact"])}})
                    answers.append({"status": response.status_code, **response.json()})

            await asyncio.gather(*(one_connection() for _ in range(connections_)))
    finally:
        server.terminate()
        server.wait(timeout=60)
        output = log_path.read_text(errors="replace")
    failures = [a for a in answers if a["status"] != 200 or "errors" in a]
    assert len(answers) == requests and failures == [], failures[:3]
    assert all(a["data"]["contact"]["firstName"] == "Ada" for a in answers)
    # The workers' sealers chained everything themselves, without one failure.
    assert "not sealed" not in output and "database is locked" not in output, output[-2000:]
    with sqlite3.connect(tmp_path / "workers.db") as database:
        assert database.execute("SELECT count(*) FROM audit_pending_event").fetchone() == (0,)
    verified = subprocess.run([sys.executable, "-m", "cli", "audit", "verify"], env=env,
                              cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert verified.returncode == 0, verified.stderr
    assert f"workers: ok: {requests} events" in verified.stdout, verified.stdout
