"""One Redis connection setting and one breaker per Redis URL and process, shared by everything
that uses Redis (rate limits, policy messages): Redis is an optimisation, never needed for a
correct answer, so every call is short (SALESPLUS_REDIS_TIMEOUT_MS, default 50 ms), is not
retried, and is skipped while the breaker is open."""

import redis.asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

from health.breaker import Breaker

_links: dict[str, "RedisLink"] = {}


def client_options(timeout: float) -> dict:
    """redis-py options: short timeouts, and one immediate retry, which replaces a pooled
    connection that Redis closed while it was away (the breaker decides when to try again)."""
    return {"socket_timeout": timeout, "socket_connect_timeout": timeout,
            "retry": Retry(NoBackoff(), 1), "retry_on_timeout": False}


class RedisLink:
    def __init__(self, url: str, timeout: float):
        self.url, self.timeout = url, timeout
        self.client = aioredis.from_url(url, **client_options(timeout))
        self.breaker = Breaker("redis", self.client.ping, timeout=timeout)

    async def close(self) -> None:
        await self.breaker.close()
        await self.client.aclose()


def link_for(url: str, timeout: float = 0.05) -> RedisLink:
    """The process's link to `url` (created on first use)."""
    link = _links.get(url)
    if link is None:
        link = _links[url] = RedisLink(url, timeout)
    return link


async def close_links() -> None:
    for link in list(_links.values()):
        await link.close()
    _links.clear()
