"""Live policy updates across workers and hosts: a Casbin watcher over Redis pub/sub or PostgreSQL
LISTEN/NOTIFY (stack-notes.md: the published watchers do not work with pycasbin 2.x).

This is the fast path, not the guarantee: every request compares the tenant's policy version in
the database with the copy it holds and re-reads a stale copy first (policies/versions.py), so a
lost, late or early message costs a re-read on the request's path, never a stale decision. With
the message, the re-read has usually happened before the next request arrives.

A process that changes a tenant's policy publishes the tenant's domain once the change is
committed; every other process re-reads that tenant's lines if it has them loaded (the others
read them fresh on first use anyway). A message is JSON `{"origin": ..., "domain": "tenant:N"}`
(`"*"`: every tenant). After a reconnection every loaded tenant is re-read, since messages sent
meanwhile are lost.

Transactions (every mutation runs in one, with its audit event): PostgreSQL delivers a NOTIFY at
commit, and not at all after a rollback. Redis delivers at once, so inside a transaction the
message is published once the transaction has ended; the changing process re-reads its own copy
then too."""

import asyncio
import contextvars
import json
import time
import uuid

import asyncpg
import redis.asyncio as aioredis
import structlog
from casbin.persist.watcher import Watcher
from tortoise import connections
from tortoise.backends.base.client import TransactionalDBClient

from health.breaker import Unavailable
from health.redis_link import link_for

log = structlog.get_logger("salesplus.policy.watcher")

CHANNEL = "salesplus_policy"  # a Redis channel and a PostgreSQL identifier alike
RETRY_SECONDS = (0.2, 0.5, 1, 2, 5)  # reconnection back-off
KEEPALIVE_SECONDS = 10.0  # PostgreSQL: a silent dead connection is noticed by this query


class RedisBus:
    """One channel per database (its name), so deployments sharing a Redis do not hear each other.
    Publishing goes through the process's Redis link (short timeout, breaker: a message is simply
    not sent while Redis is away); listening holds a connection of its own without a read
    timeout, since it waits for messages."""

    transactional = False

    def __init__(self, url: str, database: str = "", timeout: float = 0.05):
        self.link = link_for(url, timeout)
        self.listener = aioredis.from_url(url, health_check_interval=KEEPALIVE_SECONDS,
                                          socket_connect_timeout=timeout)
        self.channel = f"{CHANNEL}:{database}" if database else CHANNEL

    @property
    def breaker(self):
        return self.link.breaker

    async def publish(self, message: str) -> None:
        await self.link.breaker.call(lambda: self.link.client.publish(self.channel, message))

    async def listen(self, on_message, on_connect) -> None:
        pubsub = self.listener.pubsub(ignore_subscribe_messages=True)
        try:
            await pubsub.subscribe(self.channel)
            await on_connect()
            async for message in pubsub.listen():
                if message.get("type") == "message":
                    await on_message(message["data"])
        finally:
            await pubsub.aclose()

    async def close(self) -> None:
        await self.listener.aclose()


class PostgresBus:
    """NOTIFY goes through the ORM's connection, so it is part of the caller's transaction; LISTEN
    needs a connection of its own, held for as long as the process runs."""

    transactional = True

    def __init__(self, dsn: str):
        self.dsn = dsn

    async def publish(self, message: str) -> None:
        await connections.get("default").execute_query("SELECT pg_notify($1, $2)", [CHANNEL, message])

    async def listen(self, on_message, on_connect) -> None:
        queue: asyncio.Queue = asyncio.Queue()
        connection = await asyncpg.connect(self.dsn)
        try:
            await connection.add_listener(CHANNEL, lambda _c, _pid, _ch, payload: queue.put_nowait(payload))
            await on_connect()
            while True:
                try:
                    payload = await asyncio.wait_for(queue.get(), KEEPALIVE_SECONDS)
                except TimeoutError:
                    await connection.fetchval("SELECT 1")  # raises once the connection is gone
                    continue
                await on_message(payload)
        finally:
            connection.terminate()

    async def close(self) -> None:
        pass


def bus_for(redis_url: str | None, database_url: str, timeout: float = 0.05):
    """Redis when REDIS_URL is set, else PostgreSQL's LISTEN/NOTIFY when the database is one."""
    scheme, sep, rest = database_url.partition("://")
    if redis_url:
        return RedisBus(redis_url, rest.rpartition("/")[2].partition("?")[0], timeout)
    if sep and scheme in ("postgres", "postgresql", "asyncpg"):
        return PostgresBus(f"postgresql://{rest}")
    return None


class PolicyWatcher(Watcher):
    """Casbin's Watcher interface (`set_update_callback`, `update`, `close`), tenant-aware."""

    def __init__(self, engine, bus):
        self.engine, self.bus = engine, bus
        self.origin = uuid.uuid4().hex
        self.received = 0  # messages from other processes, for tests
        self._callback = engine.reload  # called with the domain that changed (None: all)
        self._listener: asyncio.Task | None = None
        self._ready = asyncio.Event()
        self._publishing: set[asyncio.Task] = set()
        self._away = False  # the bus failed and has not been reached since

    # -- Casbin's interface ----------------------------------------------------------------------
    def set_update_callback(self, func) -> None:
        self._callback = func

    def update(self) -> None:
        _spawn(self.changed("*"))

    def close(self) -> None:
        if self._listener is not None:
            self._listener.cancel()

    # -- lifecycle -------------------------------------------------------------------------------
    async def start(self, wait_seconds: float = 5.0) -> None:
        """Subscribe; wait (a little) until subscribed, so no change made right after start-up is
        missed. If the bus is down, the server starts anyway and the watcher keeps retrying."""
        self._listener = _spawn(self._run())
        try:
            await asyncio.wait_for(self._ready.wait(), wait_seconds)
        except TimeoutError:
            log.error("policy watcher not subscribed yet; retrying in the background")

    async def stop(self) -> None:
        tasks = [t for t in [self._listener, *self._publishing] if t]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await self.bus.close()
        if self.engine.watcher is self:
            self.engine.watcher = None

    async def _run(self) -> None:
        """Listen, and reconnect with back-off. Being away is logged once and coming back once
        (for Redis by its breaker, which also governs publishing), not once per attempt."""
        attempt = 0
        while True:
            try:
                await self.bus.listen(self._on_message, self._on_connect)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001  (any bus failure: reconnect)
                delay = RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)]
                self._went_away(error)
                attempt += 1
                await asyncio.sleep(delay)

    def _went_away(self, error: Exception) -> None:
        breaker = getattr(self.bus, "breaker", None)
        if breaker is not None:
            breaker.trip(error)
        elif not self._away:
            log.warning("policy watcher disconnected; requests check policy versions meanwhile",
                        error=str(error)[:200])
        self._away = True

    async def _on_connect(self) -> None:
        if self._ready.is_set():  # a reconnection: messages may have been missed meanwhile
            await self._callback(None)
        if self._away:
            breaker = getattr(self.bus, "breaker", None)
            if breaker is not None:
                breaker.recovered()
            else:
                log.warning("policy watcher connected again")
            self._away = False
        self._ready.set()

    # -- messages --------------------------------------------------------------------------------
    async def changed(self, domain: str) -> None:
        """Called by the engine after it changed a tenant's lines (perhaps inside a transaction
        that is still open): announce it, and re-read this process's copy once committed."""
        message = json.dumps({"origin": self.origin, "domain": domain})
        connection = connections.get("default")
        if not isinstance(connection, TransactionalDBClient):
            await self._publish(message)
            return
        if self.bus.transactional:  # NOTIFY: delivered at commit, dropped on rollback
            await self._publish(message)
            message = None
        task = _spawn(self._after(connection, domain, message))
        self._publishing.add(task)
        task.add_done_callback(self._publishing.discard)

    async def _after(self, transaction: TransactionalDBClient, domain: str, message: str | None) -> None:
        deadline = time.monotonic() + 30
        while not transaction._finalized and time.monotonic() < deadline:
            await asyncio.sleep(0.005)
        try:
            await self._callback(domain)
        except Exception as error:  # noqa: BLE001  (the next request's version check re-reads)
            log.warning("policy re-read after a change failed", domain=domain, error=str(error)[:200])
        if message is not None:
            await self._publish(message)

    async def _publish(self, message: str) -> None:
        try:
            await self.bus.publish(message)
        except Unavailable:  # Redis is away (its breaker said so once): versions cover it
            pass
        except Exception as error:  # noqa: BLE001  (the version check covers a lost message)
            log.info("policy change not announced to other workers; they see it by its version",
                     error=str(error)[:200])

    async def _on_message(self, payload) -> None:
        try:
            message = json.loads(payload)
            origin, domain = message["origin"], message["domain"]
        except (ValueError, KeyError, TypeError):
            log.warning("ignored a malformed policy message")
            return
        if origin == self.origin:
            return
        self.received += 1
        await self._callback(None if domain == "*" else domain)


def _spawn(coroutine) -> asyncio.Task:
    """A task outside the caller's context: never inside a request's transaction."""
    return asyncio.get_running_loop().create_task(coroutine, context=contextvars.Context())


async def announce(domains, *, redis_url: str | None, database_url: str) -> None:
    """For a process without a watcher that wrote policy lines itself (a command, an import): tell
    the servers which tenants changed. Call it once the change is committed."""
    bus = bus_for(redis_url, database_url)
    if bus is None:
        return
    try:
        for domain in domains:
            await bus.publish(json.dumps({"origin": "command", "domain": domain}))
    finally:
        await bus.close()


async def start_watcher(engine, config) -> PolicyWatcher | None:
    bus = bus_for(config.redis_url, config.database_url, config.redis_timeout_seconds)
    if bus is None:
        log.info("no policy watcher: policy changes made by other processes are seen after a "
                 "restart (set REDIS_URL or use PostgreSQL to share them)")
        return None
    watcher = PolicyWatcher(engine, bus)
    engine.watcher = watcher
    await watcher.start()
    return watcher
