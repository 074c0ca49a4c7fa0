"""Failed-login limits are counted in the database, atomically: concurrent wrong passwords on any
number of workers are admitted to the password check at most `limit` times, with or without Redis."""

import asyncio

import httpx
import pytest

from auth.login_limits import retry_after
from tests.support.servers import app_servers, is_postgres

LOGIN = """mutation($t: String!, $e: String!, $p: String!) {
    login(tenant: $t, email: $e, password: $p) { token } }"""
LIMIT = 5
ATTEMPTS = 50


def outcome(response: httpx.Response) -> str:
    if response.status_code == 429:
        assert int(response.headers["Retry-After"]) >= 1
        return "RATE_LIMITED"
    assert response.status_code == 200, response.text
    return response.json()["errors"][0]["extensions"]["code"]


async def wrong_passwords(clients, tenant: str, email: str) -> list[str]:
    async def attempt(n: int) -> str:
        response = await clients[n % len(clients)].post("/graphql", json={
            "query": LOGIN, "variables": {"t": tenant, "e": email, "p": f"wrong {n}"}})
        return outcome(response)
    return await asyncio.gather(*(attempt(n) for n in range(ATTEMPTS)))


def assert_at_most_the_limit(outcomes: list[str]) -> None:
    admitted = outcomes.count("UNAUTHENTICATED")  # reached the password check, and failed it
    assert admitted <= LIMIT, f"{admitted} wrong passwords checked against a limit of {LIMIT}"
    assert admitted >= 1 and outcomes.count("RATE_LIMITED") == ATTEMPTS - admitted, outcomes


async def test_two_workers_without_redis_admit_at_most_the_limit(database_url, app, factory, tmp_path):
    if not is_postgres(database_url):
        pytest.skip("two workers writing one SQLite file is not a supported deployment")
    tenant = await factory.tenant()
    user = await factory.user(tenant, "sales")
    env = {"DATABASE_URL": database_url, "SALESPLUS_DATA_DIR": str(tmp_path), "REDIS_URL": "",
           "SALESPLUS_LOGIN_LIMIT_ACCOUNT": f"{LIMIT}/15 minutes"}
    async with app_servers(2, env, tmp_path) as clients:
        assert_at_most_the_limit(await wrong_passwords(clients, tenant.slug, user.email))


async def test_concurrent_wrong_passwords_in_one_process_admit_at_most_the_limit(http, factory, app):
    from dataclasses import replace  # noqa: PLC0415

    from limits import parse_many  # noqa: PLC0415

    limiter = app.state.limiter
    original = limiter.settings
    limiter.settings = replace(original, login_account=tuple(parse_many(f"{LIMIT}/15 minutes")),
                               namespace=f"concurrent-{id(factory)}")
    try:
        tenant = await factory.tenant()
        user = await factory.user(tenant, "sales")
        assert_at_most_the_limit(await wrong_passwords([http], tenant.slug, user.email))
    finally:
        limiter.settings = original


def test_retry_after_is_when_one_more_attempt_fits_within_the_window():
    # a full window, no history: the next window, once this one's share has shrunk enough
    assert retry_after(amount=3, length=900, counted=3, previous=0, elapsed=0) == 900  # capped
    # room in this window, but the previous window's weighted share still fills it
    assert retry_after(amount=3, length=900, counted=0, previous=4, elapsed=0) == 450
    assert retry_after(amount=3, length=900, counted=1, previous=2, elapsed=600) == 1
