"""Live policy updates between real worker processes: two uvicorn servers on one PostgreSQL
database; a role or tenant rule changed through server A is honoured by server B within one
second, through the watcher over Redis pub/sub or over PostgreSQL LISTEN/NOTIFY.

Needs the session database to be PostgreSQL (SALESPLUS_TEST_DATABASE=postgres://...); the Redis
variant also needs Redis (REDIS_URL, default redis://127.0.0.1:6379/0)."""

import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
WITHIN = 1.0  # seconds: the promise of docs/policy-as-code.md
CONTACT = "query($id: ID!) { contact(id: $id) { id firstName } }"


def _redis_up() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping())
    except redis.RedisError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(params=["redis", "postgres"])
async def servers(request, database_url, app, tmp_path):
    if not database_url.startswith(("postgres://", "postgresql://", "asyncpg://")):
        pytest.skip("needs PostgreSQL: run with SALESPLUS_TEST_DATABASE=postgres://...")
    if request.param == "redis" and not _redis_up():
        pytest.skip(f"needs Redis at {REDIS_URL}")
    env = {**os.environ, "DATABASE_URL": database_url, "SALESPLUS_DATA_DIR": str(tmp_path)}
    env.pop("REDIS_URL", None)
    if request.param == "redis":
        env["REDIS_URL"] = REDIS_URL
    ports = [_free_port(), _free_port()]
    processes = [subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "server:app", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / f"server-{port}.log", "w")) for port in ports]
    try:
        clients = [httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") for port in ports]
        for client, process in zip(clients, processes):
            await _started(client, process)
        yield clients
        for client in clients:
            await client.aclose()
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=10)


async def _started(client: httpx.AsyncClient, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server exited at start-up"
        try:
            if (await client.get("/healthz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.1)
    raise AssertionError("the server did not start")


async def gql(client, query, variables=None, *, token, purpose=None) -> dict:
    headers = {"Authorization": f"Bearer {token}", **({"X-Purpose": purpose} if purpose else {})}
    response = await client.post("/graphql", json={"query": query, "variables": variables or {}},
                                 headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def codes(result) -> list[str]:
    return [e["extensions"]["code"] for e in result.get("errors", [])]


async def until(check, what: str) -> float:
    """Poll `check` until it holds; fails if that takes more than WITHIN seconds."""
    started = time.monotonic()
    while not await check():
        assert time.monotonic() - started < WITHIN, f"{what}: not seen within {WITHIN} s"
        await asyncio.sleep(0.02)
    return time.monotonic() - started


async def test_changes_made_through_one_worker_hold_in_the_other_within_a_second(servers, factory):
    a, b = servers
    tenant = await factory.tenant()
    admin = await factory.token(await factory.user(tenant, "admin"))
    clerk = await factory.user(tenant)
    clerk_token = await factory.token(clerk)
    contact = await factory.contact(tenant)
    read = {"id": str(contact.id)}

    async def b_reads(purpose: str) -> dict:
        return await gql(b, CONTACT, read, token=clerk_token, purpose=purpose)

    assert codes(await b_reads("sales")) == ["PURPOSE_NOT_ALLOWED"]  # B has loaded the tenant now

    # a role assignment
    assigned = await gql(a, "mutation($u: ID!) { assignRole(userId: $u, role: \"sales\") { roles } }",
                         {"u": clerk.subject}, token=admin)
    assert assigned["data"]["assignRole"]["roles"] == ["sales"], assigned

    async def sees_first_name():
        return ((await b_reads("sales"))["data"]["contact"] or {}).get("firstName") == contact.first_name
    await until(sees_first_name, "role assigned on A")

    # a role revocation
    await gql(a, "mutation($u: ID!) { revokeRole(userId: $u, role: \"sales\") { roles } }",
              {"u": clerk.subject}, token=admin)

    async def refused():
        return codes(await b_reads("sales")) == ["PURPOSE_NOT_ALLOWED"]
    await until(refused, "role revoked on A")

    # tenant rules: a purpose of the tenant and a grant to a custom role, then the assignment
    await factory.consent(contact, "warranty")
    for mutation in ('addTenantPurpose(name: "warranty", lawfulBasis: CONTRACT) { name }',
                     'grantRolePermission(role: "claims", category: "identity", action: READ, '
                     'purpose: "warranty") { name }'):
        result = await gql(a, f"mutation {{ {mutation} }}", token=admin)
        assert "errors" not in result, result
    assert codes(await b_reads("warranty")) == ["PURPOSE_NOT_ALLOWED"]  # not the clerk's role yet
    await gql(a, "mutation($u: ID!) { assignRole(userId: $u, role: \"claims\") { roles } }",
              {"u": clerk.subject}, token=admin)

    async def reads_for_warranty():
        return ((await b_reads("warranty"))["data"]["contact"] or {}).get("firstName") == contact.first_name
    await until(reads_for_warranty, "tenant purpose and grant made on A")

    await gql(a, 'mutation { revokeRolePermission(role: "claims", category: "identity", '
                 'action: READ, purpose: "warranty") { name } }', token=admin)

    async def warranty_refused():
        return codes(await b_reads("warranty")) == ["PURPOSE_NOT_ALLOWED"]
    await until(warranty_refused, "grant revoked on A")

    # a revoked session: checked against the database on every request, so at once
    assert (await gql(a, "mutation { logout }", token=clerk_token))["data"] == {"logout": True}
    assert codes(await b_reads("sales")) == ["UNAUTHENTICATED"]
