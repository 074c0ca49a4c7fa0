"""Revocation is exact and immediate on every worker (docs/policy-as-code.md#versions): two real
uvicorn workers on PostgreSQL, with a private Redis up and then stopped. Each round changes
something through one worker and reads through the other, every request on a fresh connection:

- roles: assign through A, read through B (granted), revoke through B, read through A (refused);
  no role line is left in the database at the end;
- API tokens: create through A, use through B (now remembered there), revoke through A, use
  through B and A (refused);
- sessions: use through A and B (remembered in both), log out through A, use through B (refused).

Nothing waits for a message: the read right after the change must already be exact."""

from datetime import datetime, timedelta, timezone

import httpx
import pytest

from models import PolicyRule
from tests.support.servers import app_servers, is_postgres, logged, private_redis

ROUNDS = int(__import__("os").environ.get("ROUNDS", 100))
CONTACT = "query($id: ID!) { contact(id: $id) { firstName } }"
ASSIGN = 'mutation($u: ID!) { assignRole(userId: $u, role: "sales") { roles } }'
REVOKE = 'mutation($u: ID!) { revokeRole(userId: $u, role: "sales") { roles } }'
CREATE_TOKEN = ('mutation($i: ApiTokenInput!) { createApiToken(input: $i) { secret token { id } } }')
REVOKE_TOKEN = "mutation($id: ID!) { revokeApiToken(id: $id) { id } }"
ME = "{ me { id } }"
TOMORROW = (datetime.now(timezone.utc) + timedelta(days=1)).isoformat()


async def fresh(client: httpx.AsyncClient, query: str, variables=None, *, token: str,
                purpose: str | None = None) -> dict:
    """One request on a connection of its own (`workers` keeps no connection alive)."""
    headers = {"Authorization": f"Bearer {token}", **({"X-Purpose": purpose} if purpose else {})}
    response = await client.post("/graphql", json={"query": query, "variables": variables or {}},
                                 headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def codes(result: dict) -> list[str]:
    return [e["extensions"]["code"] for e in result.get("errors", [])]


@pytest.fixture(params=["redis up", "redis stopped"])
async def workers(request, database_url, app, tmp_path):
    if not is_postgres(database_url):
        pytest.skip("needs PostgreSQL: run with SALESPLUS_TEST_DATABASE=postgres://...")
    with private_redis(tmp_path) as redis:
        env = {"DATABASE_URL": database_url, "SALESPLUS_DATA_DIR": str(tmp_path), "REDIS_URL": redis.url}
        async with app_servers(2, env, tmp_path, keep_alive=False) as clients:
            if request.param == "redis stopped":
                redis.stop()
            yield clients, tmp_path


async def test_roles_tokens_and_sessions_revoked_on_one_worker_are_refused_at_once_on_the_other(
        workers, factory):
    (a, b), log_dir = workers
    tenant = await factory.tenant()
    admin = await factory.token(await factory.user(tenant, "admin"))
    clerk = await factory.user(tenant)
    contact = await factory.contact(tenant)
    read = {"id": str(contact.id)}
    user = {"u": clerk.subject}
    stale: list[str] = []

    for round_ in range(ROUNDS):
        # roles
        assigned = await fresh(a, ASSIGN, user, token=(admin))
        assert assigned["data"]["assignRole"]["roles"] == ["sales"], assigned
        seen = await fresh(b, CONTACT, read, token=await factory.token(clerk), purpose="sales")
        if (seen["data"]["contact"] or {}).get("firstName") != contact.first_name:
            stale.append(f"round {round_}: assigned on A, not granted on B: {seen}")
        revoked = await fresh(b, REVOKE, user, token=admin)
        assert revoked["data"]["revokeRole"]["roles"] == [], revoked
        refused = await fresh(a, CONTACT, read, token=await factory.token(clerk), purpose="sales")
        if codes(refused) != ["PURPOSE_NOT_ALLOWED"]:
            stale.append(f"round {round_}: revoked on B, still granted on A: {refused}")

        # API tokens
        created = await fresh(a, CREATE_TOKEN, {"i": {
            "name": f"partner {round_}", "purposes": ["sales"], "categories": ["identity"],
            "actions": ["read"], "expiresAt": TOMORROW}}, token=admin)
        assert "errors" not in created, created
        secret = created["data"]["createApiToken"]["secret"]
        assert "errors" not in await fresh(b, ME, token=secret)  # remembered by B now
        await fresh(a, REVOKE_TOKEN, {"id": created["data"]["createApiToken"]["token"]["id"]}, token=admin)
        for worker, name in ((b, "B"), (a, "A")):
            if codes(await fresh(worker, ME, token=secret)) != ["UNAUTHENTICATED"]:
                stale.append(f"round {round_}: token revoked on A, accepted on {name}")

        # sessions
        session = await factory.token(clerk)
        for worker in (a, b):
            assert "errors" not in await fresh(worker, ME, token=session)
        assert (await fresh(a, "mutation { logout }", token=session))["data"] == {"logout": True}
        if codes(await fresh(b, ME, token=session)) != ["UNAUTHENTICATED"]:
            stale.append(f"round {round_}: logged out on A, accepted on B")

    assert stale == [], f"{len(stale)} stale reads:\n" + "\n".join(stale[:10])
    left = await PolicyRule.filter(tenant_id=tenant.id, ptype="g", v0=clerk.subject).count()
    assert left == 0, f"{left} role line(s) of the clerk left in the database"
    assert "Traceback" not in logged(log_dir)
