"""Live policy updates between real worker processes: two uvicorn servers on one PostgreSQL
database; a role or tenant rule changed through server A is honoured by server B within one
second, through the watcher over Redis pub/sub or over PostgreSQL LISTEN/NOTIFY.

Needs the session database to be PostgreSQL (SALESPLUS_TEST_DATABASE=postgres://...); the Redis
variant also needs Redis (REDIS_URL, default redis://127.0.0.1:6379/0)."""

import asyncio
import os
import time

import pytest
import redis

from tests.support.servers import app_servers, is_postgres

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
WITHIN = 1.0  # seconds: the watcher's fast path (docs/policy-as-code.md)
CONTACT = "query($id: ID!) { contact(id: $id) { id firstName } }"


def _redis_up() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture(params=["redis", "postgres"])
async def servers(request, database_url, app, tmp_path):
    if not is_postgres(database_url):
        pytest.skip("needs PostgreSQL: run with SALESPLUS_TEST_DATABASE=postgres://...")
    if request.param == "redis" and not _redis_up():
        pytest.skip(f"needs Redis at {REDIS_URL}")
    env = {"DATABASE_URL": database_url, "SALESPLUS_DATA_DIR": str(tmp_path), "REDIS_URL": ""}
    if request.param == "redis":
        env["REDIS_URL"] = REDIS_URL
    async with app_servers(2, env, tmp_path) as clients:
        yield clients


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
