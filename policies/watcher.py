"""Live policy updates across workers and hosts: a Casbin watcher over Redis pub/sub or PostgreSQL
LISTEN/NOTIFY (stack-notes.md: the published watchers do not work with pycasbin 2.x).

A process that changes a tenant's policy through `PolicyEngine` applies it at once and publishes
the tenant's domain; every other process re-reads that tenant's lines if it has them loaded (the
others read them fresh on first use anyway). A message is JSON `{"origin": ..., "domain":
"tenant:N"}` (`"*"`: every tenant). After a reconnection every loaded tenant is re-read, since
messages sent meanwhile are lost.

Transactions (every mutation runs in one, with its audit event): PostgreSQL delivers a NOTIFY at
commit, and not at all after a rollback. Redis delivers at once, so inside a transaction the
message is published once the transaction has ended. A process whose change is rolled back would
keep it in memory, and a Redis receiver could still read too early: both re-read the tenant again
0.1 s and 0.5 s later, so every worker holds the committed policy within a second."""

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

log = structlog.get_logger("salesplus.policy.watcher")

CHANNEL = "salesplus_policy"  # a Redis channel and a PostgreSQL identifier alike
SETTLE_SECONDS = (0.1, 0.4)  # re-reads after a message: at +0.1 s and +0.5 s
RETRY_SECONDS = (0.2, 0.5, 1, 2, 5)  # reconnection back-off
KEEPALIVE_SECONDS = 10.0  # PostgreSQL: a silent dead connection is noticed by this query


class RedisBus:
    """One channel per database (its name), so deployments sharing a Redis do not hear each other."""

    transactional = False

    def __init__(self, url: str, database: str = ""):
        self.client = aioredis.from_url(url, health_check_interval=KEEPALIVE_SECONDS)
        self.channel = f"{CHANNEL}:{database}" if database else CHANNEL

    async def publish(self, message: str) -> None:
        await self.client.publish(self.channel, message)

    async def listen(self, on_message, on_connect) -> None:
        pubsub = self.client.pubsub(ignore_subscribe_messages=True)
        try:
            await pubsub.subscribe(self.channel)
            await on_connect()
            async for message in pubsub.listen():
                if message.get("type") == "message":
                    await on_message(message["data"])
        finally:
            await pubsub.aclose()

    async def close(self) -> None:
        await self.client.aclose()


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


def bus_for(redis_url: str | None, database_url: str):
    """Redis when REDIS_URL is set, else PostgreSQL's LISTEN/NOTIFY when the database is one."""
    scheme, sep, rest = database_url.partition("://")
    if redis_url:
        return RedisBus(redis_url, rest.rpartition("/")[2].partition("?")[0])
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
        self._settling: dict[str | None, asyncio.Task] = {}
        self._changes: dict[str | None, int] = {}  # messages per domain, to re-settle after new ones
        self._publishing: set[asyncio.Task] = set()

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
        tasks = [t for t in [self._listener, *self._settling.values(), *self._publishing] if t]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await self.bus.close()
        if self.engine.watcher is self:
            self.engine.watcher = None

    async def _run(self) -> None:
        attempt = 0
        while True:
            try:
                await self.bus.listen(self._on_message, self._on_connect)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001  (any bus failure: reconnect)
                delay = RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)]
                log.warning("policy watcher disconnected", error=str(error), retry_in=delay)
                attempt += 1
                await asyncio.sleep(delay)

    async def _on_connect(self) -> None:
        if self._ready.is_set():  # a reconnection: messages may have been missed meanwhile
            await self._callback(None)
        self._ready.set()

    # -- messages --------------------------------------------------------------------------------
    async def changed(self, domain: str) -> None:
        """Called by the engine after it changed (and applied) a tenant's lines."""
        message = json.dumps({"origin": self.origin, "domain": domain})
        connection = connections.get("default")
        if isinstance(connection, TransactionalDBClient):
            self._settle(domain)  # after a rollback, this process's copy would be wrong: re-read
            if not self.bus.transactional:  # Redis: announce once the transaction has ended
                task = _spawn(self._publish_after(connection, message))
                self._publishing.add(task)
                task.add_done_callback(self._publishing.discard)
                return
        await self._publish(message)

    async def _publish_after(self, transaction: TransactionalDBClient, message: str) -> None:
        deadline = time.monotonic() + 30
        while not transaction._finalized and time.monotonic() < deadline:
            await asyncio.sleep(0.005)
        await self._publish(message)

    async def _publish(self, message: str) -> None:
        try:
            await self.bus.publish(message)
        except Exception as error:  # noqa: BLE001  (the change is stored; say so loudly)
            log.error("policy change not announced to other workers", message=message, error=str(error))

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
        domain = None if domain == "*" else domain
        await self._callback(domain)
        if not self.bus.transactional:
            self._settle(domain)

    def _settle(self, domain: str | None) -> None:
        """Re-read `domain` a little later, twice; again if more changes come meanwhile (one
        pending task per domain)."""
        self._changes[domain] = self._changes.get(domain, 0) + 1
        if domain in self._settling:
            return

        async def later():
            try:
                while True:
                    seen = self._changes[domain]
                    for delay in SETTLE_SECONDS:
                        await asyncio.sleep(delay)
                        await self._callback(domain)
                    if self._changes[domain] == seen:
                        break
            except Exception:  # noqa: BLE001
                log.exception("policy settle reload failed", domain=domain)
            finally:
                self._settling.pop(domain, None)

        self._settling[domain] = _spawn(later())


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
    bus = bus_for(config.redis_url, config.database_url)
    if bus is None:
        log.info("no policy watcher: policy changes made by other processes are seen after a "
                 "restart (set REDIS_URL or use PostgreSQL to share them)")
        return None
    watcher = PolicyWatcher(engine, bus)
    engine.watcher = watcher
    await watcher.start()
    return watcher
