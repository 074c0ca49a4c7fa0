"""Rate limits (issue 5 part 5): per user and per token on /graphql, failed logins per account and
per client address; HTTP 429 with Retry-After and RATE_LIMITED. In memory within one process,
and shared through Redis by two real server processes (the last test starts them)."""

import dataclasses
import os
import json
import re
import socket
import subprocess
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest
import redis
from limits import parse_many
from limits.aio.storage import MemoryStorage

from auth import passwords
from auth.ratelimit import LimitSettings, RateLimits
from tests.conftest import without_request_ids

ROOT = Path(__file__).resolve().parents[1]
ME = "{ me { id } }"
LOGIN = """mutation($t: String!, $e: String!, $p: String!) {
    login(tenant: $t, email: $e, password: $p) { token } }"""
REDIS_URL = "redis://127.0.0.1:6379/0"


def settings(**overrides: str) -> LimitSettings:
    values = {"user": "1000/minute", "token": "1000/minute", "login_account": "1000/minute",
              "login_address": "1000/minute", **overrides}
    return LimitSettings(**{name: tuple(parse_many(text)) for name, text in values.items()})


@pytest.fixture
def limit(app):
    """Give the test app a fresh in-memory limiter with the limits named, for this test only
    (by hand: monkeypatch would delete the attribute from Starlette's State when undoing)."""
    original = app.state.limiter

    def install(**overrides: str) -> RateLimits:
        limits = dataclasses.replace(settings(**overrides), namespace=uuid.uuid4().hex)  # own counts
        app.state.limiter = RateLimits(MemoryStorage(), limits, b"test-secret")
        return app.state.limiter

    yield install
    app.state.limiter = original


def in_days(days: int) -> str:
    return (datetime.now(timezone.utc) + timedelta(days=days)).isoformat()


async def call(http, query: str, variables: dict | None = None, token: str | None = None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return await http.post("/graphql", json={"query": query, "variables": variables or {}},
                           headers=headers)


def assert_rate_limited(response: httpx.Response, window_seconds: int) -> None:
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= window_seconds
    body = response.json()
    assert body["data"] is None and len(body["errors"]) == 1
    assert body["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


async def test_each_user_has_its_own_limit(http, factory, limit):
    limit(user="3/minute")
    tenant = await factory.tenant()
    first, second = await factory.login_as(tenant, "sales"), await factory.login_as(tenant, "sales")
    statuses = [(await call(http, ME, token=first)).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    assert_rate_limited(await call(http, ME, token=first), 60)
    assert (await call(http, ME, token=second)).status_code == 200


async def test_a_token_has_its_own_limit_apart_from_its_issuer(http, gql, factory, limit):
    limit(user="3/minute", token="2/minute")
    tenant = await factory.tenant()
    session = await factory.login_as(tenant, "admin")
    created = await gql("""mutation($i: ApiTokenInput!) { createApiToken(input: $i) { secret } }""",
                        {"i": {"name": "p", "purposes": ["sales"], "categories": ["identity"],
                               "actions": ["read"], "expiresAt": in_days(30)}},
                        token=session)
    secret = created["data"]["createApiToken"]["secret"]
    assert [(await call(http, ME, token=secret)).status_code for _ in range(2)] == [200, 200]
    assert_rate_limited(await call(http, ME, token=secret), 60)
    assert (await call(http, ME, token=session)).status_code == 200  # the issuer: 2 of 3 used


async def test_failed_logins_per_account_without_revealing_the_account(http, factory, limit,
                                                                       monkeypatch):
    limit(login_account="3/15 minutes")
    tenant = await factory.tenant()
    await factory.user(tenant, "sales", email="ann@example.com", password="right password")
    verified = []
    real = passwords._verify
    monkeypatch.setattr(passwords, "_verify", lambda h, p: verified.append(p) or real(h, p))

    answers = {}
    for email in ("ann@example.com", "nobody@example.com"):
        for _ in range(3):
            wrong = await call(http, LOGIN, {"t": tenant.slug, "e": email, "p": "wrong"})
            assert wrong.status_code == 200
            assert wrong.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        verified.clear()
        limited = await call(http, LOGIN, {"t": tenant.slug, "e": email, "p": "right password"})
        assert_rate_limited(limited, 15 * 60)
        assert verified == []  # refused before any password check
        # the same answer but for the seconds to wait, which follow the clock, not the account,
        # and the request id, which is each request's own
        body = json.dumps(without_request_ids(limited))
        answers[email] = (limited.status_code, re.sub(r"\d+ s\.", "N s.", body))
    assert answers["ann@example.com"] == answers["nobody@example.com"]


async def test_successful_logins_do_not_count(http, factory, limit):
    limit(login_account="2/15 minutes", login_address="2/15 minutes")
    tenant = await factory.tenant()
    await factory.user(tenant, "sales", email="bo@example.com", password="right password")
    for _ in range(4):
        ok = await call(http, LOGIN, {"t": tenant.slug, "e": "bo@example.com", "p": "right password"})
        assert ok.status_code == 200 and ok.json()["data"]["login"]["token"].startswith("sps_")


async def test_failed_logins_per_client_address(app, http, factory, limit):
    limit(login_address="3/15 minutes")
    tenant = await factory.tenant()
    for n in range(3):  # three different accounts, one address
        response = await call(http, LOGIN, {"t": tenant.slug, "e": f"guess{n}@example.com", "p": "x"})
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert_rate_limited(await call(http, LOGIN, {"t": tenant.slug, "e": "guess9@example.com",
                                                 "p": "x"}), 15 * 60)
    elsewhere = httpx.ASGITransport(app=app, client=("203.0.113.9", 4000))
    async with httpx.AsyncClient(transport=elsewhere, base_url="http://testserver") as other:
        response = await call(other, LOGIN, {"t": tenant.slug, "e": "guess9@example.com", "p": "x"})
    assert response.status_code == 200
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_limits_are_read_from_the_environment():
    configured = LimitSettings.from_env({"SALESPLUS_RATE_LIMIT_USER": "7/second;100/hour",
                                         "SALESPLUS_LOGIN_LIMIT_ADDRESS": "off"})
    assert [(i.amount, i.get_expiry()) for i in configured.user] == [(7, 1), (100, 3600)]
    assert configured.login_address == ()
    defaults = LimitSettings.from_env({})
    assert [(i.amount, i.get_expiry()) for i in defaults.token] == [(600, 60)]
    assert [(i.amount, i.get_expiry()) for i in defaults.login_account] == [(10, 900)]
    assert defaults.namespace == "salesplus"


# -- two real server processes sharing Redis ---------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read().decode()[-2000:]
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not start")


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory):
    """Two uvicorn processes on their own ports, one SQLite file (demo data), one Redis."""
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.fail(f"Redis must answer at {REDIS_URL} (.ci/run starts it)")
    folder = tmp_path_factory.mktemp("workers")
    namespace = f"salesplus-test-{uuid.uuid4().hex}"  # keys of this run only
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'w.db'}", "REDIS_URL": REDIS_URL,
           "PYTHONPATH": str(ROOT), "SALESPLUS_DATA_DIR": str(folder / "data"),
           "SALESPLUS_RATE_LIMIT_NAMESPACE": namespace, "SALESPLUS_RATE_LIMIT_USER": "5/minute",
           "SALESPLUS_RATE_LIMIT_TOKEN": "4/minute", "SALESPLUS_LOGIN_LIMIT_ACCOUNT": "3/15 minutes",
           "SALESPLUS_REDIS_TIMEOUT_MS": "1000"}  # this test is about sharing, not about outages
    loaded = subprocess.run([sys.executable, "-m", "cli", "demo", "load"], env=env, cwd=folder,
                            capture_output=True, text=True, timeout=120)
    assert loaded.returncode == 0, loaded.stderr
    processes, urls = [], []
    try:
        for _ in range(2):
            port = free_port()
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "server:app", "--host", "127.0.0.1",
                 "--port", str(port), "--log-level", "warning"],
                env=env, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
            urls.append(f"http://127.0.0.1:{port}")
        for url, process in zip(urls, processes):
            wait_until_up(url, process)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        for key in client.scan_iter(f"{namespace}:*"):
            client.delete(key)
        client.close()


def post(url: str, query: str, variables: dict | None = None, token: str | None = None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.post(f"{url}/graphql", json={"query": query, "variables": variables or {}},
                      headers=headers, timeout=30)


def test_limits_hold_across_two_workers_sharing_redis(two_workers):
    a, b = two_workers
    login = post(a, LOGIN, {"t": "acme", "e": "admin@acme.example", "p": "demo-admin-pass"})
    session = login.json()["data"]["login"]["token"]
    created = post(b, """mutation($i: ApiTokenInput!) { createApiToken(input: $i) { secret } }""",
                   {"i": {"name": "p", "purposes": ["sales"], "categories": ["identity"],
                          "actions": ["read"], "expiresAt": in_days(30)}}, session)
    secret = created.json()["data"]["createApiToken"]["secret"]  # the session's 1st of 5

    alternating = [a, b] * 4
    user = [post(url, ME, token=session) for url in alternating]
    assert [r.status_code for r in user] == [200] * 4 + [429] * 4  # 5 in all, not 5 per worker
    assert_rate_limited(user[-1], 60)
    token = [post(url, ME, token=secret) for url in alternating]
    assert [r.status_code for r in token] == [200] * 4 + [429] * 4
    assert_rate_limited(token[-1], 60)

    failures = [post(url, LOGIN, {"t": "acme", "e": "sales@acme.example", "p": "wrong"})
                for url in (a, b, a)]
    assert [r.json()["errors"][0]["extensions"]["code"] for r in failures] == ["UNAUTHENTICATED"] * 3
    assert_rate_limited(post(b, LOGIN, {"t": "acme", "e": "sales@acme.example",
                                        "p": "demo-sales-pass"}), 15 * 60)
