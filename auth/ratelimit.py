"""Rate limits: requests per principal (each user, each API token) on /graphql, and failed logins
per account and per client address. Over a limit the answer is HTTP 429, `Retry-After`, and
`RATE_LIMITED` in the usual GraphQL error shape.

Counters use the maintained `limits` library (async API, moving window: "at most N in any
window", exact, and `Retry-After` is when the oldest counted hit leaves the window). They live in
Redis when REDIS_URL is set, so every worker and host shares them, and in process memory
otherwise (one worker, or tests). Limits come from the environment (docs/tokens.md#rate-limits).

Failed logins are counted per account (a keyed hash of tenant and email: no email lands in Redis)
and per address. The count is the same whether the account exists or not, and a limited attempt
is refused before any password check, so the limiter tells nothing about which accounts exist.

A storage failure (Redis down) lets the request through and logs it: an outage of the limiter
should not become an outage of the API."""

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
from limits.errors import StorageError
from starlette.responses import JSONResponse

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

    def response(self) -> JSONResponse:
        """The whole HTTP answer, for a request refused before GraphQL runs."""
        body = {"data": None, "errors": [{"message": self.error().message,
                                          "extensions": self.error().extensions}]}
        return JSONResponse(body, status_code=429, headers={"Retry-After": str(self.retry_after)})

    def refuse(self, response) -> CodedError:
        """For a resolver: mark the request's HTTP response 429 and return the GraphQL error."""
        response.status_code = 429
        response.headers["Retry-After"] = str(self.retry_after)
        return self.error()


def storage_for(redis_url: str | None, namespace: str) -> Storage:
    if not redis_url:
        return MemoryStorage()
    uri = redis_url if redis_url.startswith("async+") else f"async+{redis_url}"
    return RedisStorage(uri, implementation="redispy", key_prefix=f"{namespace}:limits",
                        wrap_exceptions=True, socket_timeout=1.0)


class RateLimits:
    """The process's limiter (app.state.limiter)."""

    def __init__(self, storage: Storage, settings: LimitSettings, secret_key: bytes):
        self.strategy = MovingWindowRateLimiter(storage)
        self.settings = settings
        self._secret = secret_key

    @classmethod
    def create(cls, redis_url: str | None, secret_key: bytes,
               settings: LimitSettings | None = None) -> "RateLimits":
        settings = settings or LimitSettings.from_env()
        return cls(storage_for(redis_url, settings.namespace), settings, secret_key)

    async def _retry_after(self, item: RateLimitItem, *key: str) -> int:
        stats = await self.strategy.get_window_stats(item, *key)
        return max(1, math.ceil(stats.reset_time - time.time()))

    async def _hit(self, items, *key: str) -> None:
        """Count one hit against every item; raise RateLimited when one is exhausted."""
        for item in items:
            try:
                if not await self.strategy.hit(item, *key):
                    raise RateLimited(await self._retry_after(item, *key))
            except StorageError:
                log.warning("rate limit storage unavailable; request let through", exc_info=True)
                return

    async def _require_room(self, items, *key: str) -> None:
        """Raise RateLimited when an item has no room left, without counting anything."""
        for item in items:
            try:
                if not await self.strategy.test(item, *key):
                    raise RateLimited(await self._retry_after(item, *key))
            except StorageError:
                log.warning("rate limit storage unavailable; request let through", exc_info=True)
                return

    async def check_principal(self, principal: Principal | None) -> None:
        """One request of an authenticated principal; anonymous requests only reach login."""
        if principal is None:
            return
        items = self.settings.token if principal.token_id is not None else self.settings.user
        await self._hit(items, "principal", principal.actor)

    def _account(self, tenant: str, email: str) -> str:
        text = f"{tenant.strip().lower()}\n{email.strip().lower()}".encode()
        return hmac.new(self._secret, text, hashlib.sha256).hexdigest()[:32]

    @asynccontextmanager
    async def login_attempt(self, tenant: str, email: str, address: str | None) -> AsyncIterator[None]:
        """Around one login: refused while either counter is full; a failure (UNAUTHENTICATED)
        counts against both, a success against neither."""
        counters = ((self.settings.login_account, "login-account", self._account(tenant, email)),
                    (self.settings.login_address, "login-address", address or "unknown"))
        for items, *key in counters:
            await self._require_room(items, *key)
        try:
            yield
        except CodedError as error:
            if error.code is ErrorCode.UNAUTHENTICATED:
                for items, *key in counters:
                    try:
                        await self._hit(items, *key)
                    except RateLimited:
                        pass  # this attempt has its answer already; the next one is refused
            raise
