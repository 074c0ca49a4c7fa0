"""The database stopped (a proxy in front of it cut): /graphql answers 503 JSON with
SERVICE_UNAVAILABLE and Retry-After, /readyz 503, one log line each way, and service resumes by
itself. Statements that take too long are cancelled (PostgreSQL's statement_timeout, or the client
leaving) and answered with a code, with nothing half-written."""

import asyncio
import time
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
import pytest

from models import PolicyRule
from tests.support.servers import CuttableProxy, app_servers, is_postgres, logged

ME = "{ me { id } }"
ASSIGN = 'mutation($u: ID!) { assignRole(userId: $u, role: "sales") { roles } }'
AWAY, BACK = "database unavailable", "database available again"


def through(database_url: str, port: int) -> str:
    parts = urlsplit(database_url)
    return urlunsplit(parts._replace(netloc=f"{parts.username or 'postgres'}@127.0.0.1:{port}"))


@pytest.fixture
def postgres(database_url):
    if not is_postgres(database_url):
        pytest.skip("needs PostgreSQL: run with SALESPLUS_TEST_DATABASE=postgres://...")
    return database_url


async def graphql(client, query, variables=None, *, token):
    return await client.post("/graphql", json={"query": query, "variables": variables or {}},
                             headers={"Authorization": f"Bearer {token}"})


async def test_a_stopped_database_gets_503_json_and_one_log_line_each_way(postgres, app, factory,
                                                                          tmp_path):
    token = await factory.login_as(await factory.tenant(), "sales")
    parts = urlsplit(postgres)
    proxy = CuttableProxy((parts.hostname, parts.port or 5432))
    await proxy.start()
    env = {"DATABASE_URL": through(postgres, proxy.port), "SALESPLUS_DATA_DIR": str(tmp_path),
           "REDIS_URL": ""}
    async with app_servers(1, env, tmp_path) as (server,):
        assert (await graphql(server, ME, token=token)).status_code == 200
        await proxy.cut()
        answers = [await graphql(server, ME, token=token) for _ in range(30)]
        ready = await server.get("/readyz")
        await proxy.restore()
        deadline = time.monotonic() + 20
        while (await server.get("/readyz")).status_code != 200 and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        after = await graphql(server, ME, token=token)
        log = logged(tmp_path)
    for answer in answers:
        assert answer.status_code == 503 and int(answer.headers["Retry-After"]) >= 1
        body = answer.json()
        assert body["data"] is None
        assert [e["extensions"]["code"] for e in body["errors"]] == ["SERVICE_UNAVAILABLE"]
    assert ready.status_code == 503
    assert after.status_code == 200 and "errors" not in after.json()
    assert log.count(AWAY) == 1 and log.count(BACK) == 1, log
    assert "Traceback" not in log and len(log.splitlines()) <= 6, log


async def _lock_tenant_row(postgres: str, tenant_id: int) -> asyncpg.Connection:
    """Hold the tenant row's lock in a transaction of our own, so a policy change (its version's
    UPDATE) waits for it; foreign-key checks (KEY SHARE) do not."""
    connection = await asyncpg.connect(postgres.replace("asyncpg://", "postgres://"))
    await connection.execute("BEGIN")
    await connection.execute("SELECT id FROM tenant WHERE id = $1 FOR NO KEY UPDATE", tenant_id)
    return connection


async def test_a_statement_past_the_statement_timeout_is_cancelled_and_answered_with_a_code(
        postgres, app, factory, tmp_path):
    tenant = await factory.tenant()
    admin = await factory.token(await factory.user(tenant, "admin"))
    clerk = await factory.user(tenant)
    env = {"DATABASE_URL": postgres, "SALESPLUS_DATA_DIR": str(tmp_path), "REDIS_URL": "",
           "SALESPLUS_STATEMENT_TIMEOUT_MS": "300"}
    async with app_servers(1, env, tmp_path) as (server,):
        lock = await _lock_tenant_row(postgres, tenant.id)
        try:
            started = time.monotonic()
            answer = await graphql(server, ASSIGN, {"u": clerk.subject}, token=admin)
            waited = time.monotonic() - started
        finally:
            await lock.close()
        log = logged(tmp_path)
    assert answer.status_code == 200, answer.text
    assert [e["extensions"]["code"] for e in answer.json()["errors"]] == ["QUERY_TOO_COMPLEX"]
    assert waited < 10  # cancelled by the 0.3 s statement timeout, not by the lock's end
    assert not await PolicyRule.filter(tenant_id=tenant.id, v0=clerk.subject).exists()
    assert "Traceback" not in log


async def test_a_client_that_goes_away_cancels_its_database_work(postgres, app, factory, tmp_path):
    tenant = await factory.tenant()
    admin = await factory.token(await factory.user(tenant, "admin"))
    clerk = await factory.user(tenant)
    env = {"DATABASE_URL": postgres, "SALESPLUS_DATA_DIR": str(tmp_path), "REDIS_URL": ""}
    async with app_servers(1, env, tmp_path) as (server,):
        lock = await _lock_tenant_row(postgres, tenant.id)
        try:
            with pytest.raises(httpx.ReadTimeout):  # the client gives up and closes its connection
                await server.post("/graphql", json={"query": ASSIGN, "variables": {"u": clerk.subject}},
                                  headers={"Authorization": f"Bearer {admin}"}, timeout=1.0)
            deadline = time.monotonic() + 10
            while await _waiting_on(lock, tenant.id) and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            assert not await _waiting_on(lock, tenant.id), "the statement kept running"
        finally:
            await lock.close()
    assert not await PolicyRule.filter(tenant_id=tenant.id, v0=clerk.subject).exists()


async def _waiting_on(connection: asyncpg.Connection, tenant_id: int) -> bool:
    """Whether some other session's statement is waiting for our lock."""
    return bool(await connection.fetchval(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        " AND datname = current_database() AND pid <> pg_backend_pid()"
        " AND query LIKE 'UPDATE tenant SET policy_version%'"))
