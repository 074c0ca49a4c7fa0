"""A circuit breaker whose probing never runs on a request's path.

Closed, calls go through under a short timeout. The first failure opens it and logs one line;
while open, calls fail at once (`Unavailable`) and the caller takes its fallback; a background
task probes every `retry_seconds` and closes it at the first success, with one more line. So an
outage costs one timeout in all, not one per request, and the log says when it began and ended.

Why not `purgatory` or `aiobreaker`: both probe by letting a live call through in the half-open
state, so a hung dependency still costs some request a timeout each period, and their state is
per decorated function, where here one state serves several clients of the same server (rate
limits, policy messages)."""

import asyncio
import contextvars
from collections.abc import Awaitable, Callable
from typing import TypeVar

import structlog

log = structlog.get_logger("salesplus.health")
T = TypeVar("T")


class Unavailable(Exception):
    """The dependency is down (the breaker is open, or this call just failed)."""


class Breaker:
    def __init__(self, name: str, probe: Callable[[], Awaitable[object]], *, timeout: float = 0.05,
                 retry_seconds: float = 1.0, meanwhile: str = "carrying on without it"):
        self.name, self._probe, self.meanwhile = name, probe, meanwhile
        self.timeout, self.retry_seconds = timeout, retry_seconds
        self.is_open = False
        self.trips = 0  # times it opened, for tests
        self._prober: asyncio.Task | None = None

    async def call(self, operation: Callable[[], Awaitable[T]]) -> T:
        """`operation()` under the timeout; Unavailable when open or when it fails."""
        if self.is_open:
            raise Unavailable(self.name)
        try:
            return await asyncio.wait_for(operation(), self.timeout)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # noqa: BLE001  (timeouts, connection and protocol errors alike)
            self.trip(error)
            raise Unavailable(self.name) from None

    def trip(self, error: BaseException) -> None:
        """Open (logging once) and start probing; a no-op when already open."""
        if self.is_open:
            return
        self.is_open = True
        self.trips += 1
        log.warning(f"{self.name} unavailable; {self.meanwhile}",
                    error=(f"{type(error).__name__}: {error}")[:200], retry_every_s=self.retry_seconds)
        self._prober = asyncio.get_running_loop().create_task(
            self._probe_until_back(), context=contextvars.Context())

    def recovered(self) -> None:
        if self.is_open:
            self.is_open = False
            log.warning(f"{self.name} available again")

    async def _probe_until_back(self) -> None:
        while True:
            await asyncio.sleep(self.retry_seconds)
            try:
                await asyncio.wait_for(self._probe(), self.timeout)
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001,S112  (still down: probe again later)
                continue
            self.recovered()
            return

    async def close(self) -> None:
        if self._prober is not None:
            self._prober.cancel()
            await asyncio.gather(self._prober, return_exceptions=True)
