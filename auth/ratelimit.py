"""Rate limits: requests per principal (each user, each API token) on /graphql, and failed logins
per account and per client address. Over a limit the answer is HTTP 429, `Retry-After`, and
`RATE_LIMITED` in the usual GraphQL error shape. Limits come from the environment
(docs/tokens.md#rate-limits).

Request limits use the maintained `limits` library (async API, moving window: "at most N in any
window", exact, and `Retry-After` is when the oldest counted hit leaves the window), in Redis when
REDIS_URL is set, so every worker and host shares them, and in process memory otherwise. Redis is
an optimisation: each call has a short timeout behind the process's Redis breaker
(health/redis_link.py), and while Redis is away each worker counts in its own memory (the limit
then holds per worker: it fails open by at most the number of workers, by decision).

Failed logins are counted in the database (auth/login_limits.py): atomically across workers, and
the same with or without Redis, since guessing passwords is what an attacker would do during a
Redis outage. They are counted per account (a keyed hash of tenant and email) and per address. The
count is the same whether the account exists or not, and a limited attempt is refused before any
password check, so the limiter tells nothing about which accounts exist."""

import hashlib
import hmac
import math
import os
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass

import structlog
from limits import RateLimitItem, parse_many
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from starlette.responses import JSONResponse

from auth import login_limits
from health.breaker import Breaker, Unavailable
from health.redis_link import client_options, link_for
from policies.decision import Principal
from policies.errors import DEFAULT_REASONS, CodedError
from policies.vocabulary import ErrorCode

log = structlog.get_logger("salesplus.ratelimit")

# setting -> (environment variable, default). Syntax of `limits`: "600/minute", "10/15 minutes",
# several joined by ";" (all apply); "off" disables one.
VARIABLES = {
    "user": ("SALESPLUS_RATE_LIMIT_USER", "600/minute"),
    "token": ("SALESPLUS_RATE_LIMIT_TOKEN", "600/minute"),
    "login_account": ("SALESPLUS_LOGIN_LIMIT_ACCOUNT", "10/15 minutes"),
    "login_address": ("SALESPLUS_LOGIN_LIMIT_ADDRESS", "30/15 minutes"),
}
NAMESPACE_VARIABLE = "SALESPLUS_RATE_LIMIT_NAMESPACE"  # Redis key prefix (default "salesplus")


def _items(text: str) -> tuple[RateLimitItem, ...]:
    return () if text.strip().lower() == "off" else tuple(parse_many(text))


@dataclass(frozen=True)
class LimitSettings:
    user: tuple[RateLimitItem, ...]
    token: tuple[RateLimitItem, ...]
    login_account: tuple[RateLimitItem, ...]
    login_address: tuple[RateLimitItem, ...]
    namespace: str = "salesplus"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "LimitSettings":
        values = {name: _items(environ.get(variable) or default)
                  for name, (variable, default) in VARIABLES.items()}
        return cls(**values, namespace=environ.get(NAMESPACE_VARIABLE) or "salesplus")

    @classmethod
    def from_config(cls, config) -> "LimitSettings":
        """From config.Settings, which validated the same variables at start."""
        return cls(user=_items(config.rate_limit_user), token=_items(config.rate_limit_token),
                   login_account=_items(config.login_limit_account),
                   login_address=_items(config.login_limit_address),
                   namespace=config.rate_limit_namespace)


class RateLimited(Exception):
    """Over a limit; `retry_after` in whole seconds (at least 1)."""

    def __init__(self, retry_after: int):
        super().__init__(f"rate limited for {retry_after} s")
        self.retry_after = retry_after

    def error(self) -> CodedError:
        return CodedError(ErrorCode.RATE_LIMITED,
                          f"{DEFAULT_REASONS[ErrorCode.RATE_LIMITED]} Retry after {self.retry_after} s.")

    def response(self, **extensions) -> JSONResponse:
        """The whole HTTP answer, for a request refused before GraphQL runs (`extensions` are
        added to the error's, such as the request id)."""
        body = {"data": None, "errors": [{"message": self.error().message,
                                          "extensions": {**self.error().extensions, **extensions}}]}
        return JSONResponse(body, status_code=429, headers={"Retry-After": str(self.retry_after)})

    def refuse(self, response) -> CodedError:
        """For a resolver: mark the request's HTTP response 429 and return the GraphQL error."""
        response.status_code = 429
        response.headers["Retry-After"] = str(self.retry_after)
        return self.error()


def storage_for(redis_url: str | None, namespace: str, timeout: float = 0.05) -> Storage:
    if not redis_url:
        return MemoryStorage()
    uri = redis_url if redis_url.startswith("async+") else f"async+{redis_url}"
    return RedisStorage(uri, implementation="redispy", key_prefix=f"{namespace}:limits",
                        wrap_exceptions=True, **client_options(timeout))


class RateLimits:
    """The process's limiter (app.state.limiter)."""

    def __init__(self, storage: Storage, settings: LimitSettings, secret_key: bytes,
                 breaker: Breaker | None = None):
        self.strategy = MovingWindowRateLimiter(storage)
        self.fallback = MovingWindowRateLimiter(MemoryStorage())  # while the breaker is open
        self.breaker = breaker
        self.settings = settings
        self._secret = secret_key

    @classmethod
    def create(cls, redis_url: str | None, secret_key: bytes, settings: LimitSettings | None = None,
               timeout: float = 0.05) -> "RateLimits":
        settings = settings or LimitSettings.from_env()
        breaker = link_for(redis_url, timeout).breaker if redis_url else None
        return cls(storage_for(redis_url, settings.namespace, timeout), settings, secret_key, breaker)

    async def _counted(self, call):
        """`call(strategy)` on the shared storage, or on this process's memory while Redis is away."""
        if self.breaker is None:
            return await call(self.strategy)
        try:
            return await self.breaker.call(lambda: call(self.strategy))
        except Unavailable:
            return await call(self.fallback)

    async def check_principal(self, principal: Principal | None) -> None:
        """One request of an authenticated principal; anonymous requests only reach login."""
        if principal is None:
            return
        items = self.settings.token if principal.token_id is not None else self.settings.user
        key = ("principal", principal.actor)
        for item in items:
            if not await self._counted(lambda strategy, item=item: strategy.hit(item, *key)):
                stats = await self._counted(lambda strategy, item=item: strategy.get_window_stats(item, *key))
                raise RateLimited(max(1, math.ceil(stats.reset_time - time.time())))

    def _account(self, tenant: str, email: str) -> str:
        text = f"{tenant.strip().lower()}\n{email.strip().lower()}".encode()
        return hmac.new(self._secret, text, hashlib.sha256).hexdigest()[:32]

    @asynccontextmanager
    async def login_attempt(self, tenant: str, email: str, address: str | None) -> AsyncIterator[None]:
        """Around one login: a place is reserved under every login limit first (refused when one
        is full, before any password check); a failure (UNAUTHENTICATED) keeps its places, any
        other outcome gives them back."""
        ns = self.settings.namespace
        counters = ((self.settings.login_account, f"{ns}:account:{self._account(tenant, email)}"),
                    (self.settings.login_address, f"{ns}:address:{address or 'unknown'}"))
        places: list[login_limits.Place] = []
        failed = False
        try:
            for items, key in counters:
                for item in items:
                    place, retry = await login_limits.reserve(item, key)
                    if place is None:
                        raise RateLimited(retry)
                    places.append(place)
            try:
                yield
            except CodedError as error:
                failed = error.code is ErrorCode.UNAUTHENTICATED
                raise
        finally:
            if not failed:
                for place in places:
                    await login_limits.release(place)
            longest = max((int(i.get_expiry()) for items, _key in counters for i in items), default=0)
            if longest:
                await login_limits.prune(longest)
