"""Redis is an optimisation: stopped or hung, requests keep their latency and their answers, and
the log says once that it went away and once that it came back (never a line per request)."""

import asyncio
import statistics
import time

import httpx

from tests.support.servers import app_servers, logged, private_redis, silent_server

ME = "{ me { id } }"
TIMEOUT_MS = 200  # per Redis call in these servers: a request that waited for Redis would show it
AWAY, BACK = "redis unavailable", "redis available again"


async def timed_requests(client: httpx.AsyncClient, token: str, count: int) -> list[float]:
    latencies = []
    for _ in range(count):
        started = time.perf_counter()
        response = await client.post("/graphql", json={"query": ME},
                                      headers={"Authorization": f"Bearer {token}"})
        latencies.append(time.perf_counter() - started)
        assert response.status_code == 200 and "errors" not in response.json(), response.text
    return latencies


def env(database_url: str, tmp_path, redis_url: str) -> dict:
    return {"DATABASE_URL": database_url, "SALESPLUS_DATA_DIR": str(tmp_path),
            "REDIS_URL": redis_url, "SALESPLUS_REDIS_TIMEOUT_MS": str(TIMEOUT_MS)}


async def test_a_hung_redis_costs_requests_nothing_and_is_logged_once(database_url, app, factory,
                                                                      tmp_path):
    token = await factory.login_as(await factory.tenant(), "sales")
    async with app_servers(1, env(database_url, tmp_path / "plain", ""), _dir(tmp_path / "plain")) as (
            plain,):
        baseline = await timed_requests(plain, token, 30)
    with silent_server() as port:
        hung_dir = _dir(tmp_path / "hung")
        async with app_servers(1, env(database_url, hung_dir, f"redis://127.0.0.1:{port}/0"),
                               hung_dir) as (hung,):
            await timed_requests(hung, token, 3)  # the first call waits once, then the breaker opens
            latencies = await timed_requests(hung, token, 30)
            await asyncio.sleep(2.5)  # probes run in the background meanwhile, silently
            log = logged(hung_dir)
    # Without the breaker every request would wait TIMEOUT_MS for Redis; allow noise, not that.
    slower = statistics.median(latencies) - statistics.median(baseline)
    assert slower < TIMEOUT_MS / 1000 / 2, (statistics.median(latencies), statistics.median(baseline))
    assert log.count(AWAY) == 1 and log.count(BACK) == 0, log
    assert "Traceback" not in log


async def test_a_stopped_redis_is_logged_once_each_way_and_requests_carry_on(database_url, app,
                                                                             factory, tmp_path):
    token = await factory.login_as(await factory.tenant(), "sales")
    with private_redis(tmp_path) as redis:
        async with app_servers(1, env(database_url, tmp_path, redis.url), tmp_path) as (server,):
            await timed_requests(server, token, 5)
            redis.stop()
            await timed_requests(server, token, 20)
            redis.start()
            deadline = time.monotonic() + 15
            while BACK not in logged(tmp_path) and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            await timed_requests(server, token, 5)
            log = logged(tmp_path)
    assert log.count(AWAY) == 1 and log.count(BACK) == 1, log
    assert "Traceback" not in log


def _dir(path):
    path.mkdir(parents=True, exist_ok=True)
    return path
