"""Group commit of reads' audit events, and the per-tenant sealer, in each process.

A read's event must be durable before its response leaves, but one transaction (and one fsync)
per read serialises a busy server. `record` therefore hands the event to the process's
`GroupCommit`: the first event that finds no write in flight starts one; every event that
arrives while a write runs joins the next batch; each batch is one transaction of one INSERT, and
each request waits until the transaction holding its event has committed (or fails with it, and
then withholds its response: audit/extension.py). Idle, a request waits for its own transaction
only; under load, N requests share one.

After each commit (and after each mutation's), the tenant's sealer runs in the background:
`chain.seal_pending` moves the pending events into the hash chain. At most one sealing task per
tenant per process; a kick while it runs makes it go round once more. Asyncio has one of each per
event loop (tests run several loops)."""

from __future__ import annotations

import asyncio
import contextvars
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

import structlog
from tortoise.transactions import in_transaction

from audit import chain
from dbscope import SYSTEM, scope
from web import metrics

log = structlog.get_logger("salesplus.audit")
# Set inside the sealer's tasks, so that a per-request statement count can leave them out
# (tests/support/query_counter.py): a pass is shared by every request whose events it seals.
SEALING = contextvars.ContextVar("salesplus_audit_sealing", default=False)


@dataclass
class _Waiting:
    event: object
    done: asyncio.Future


@dataclass
class GroupCommit:
    waiting: list[_Waiting] = field(default_factory=list)
    writer: asyncio.Task | None = None

    async def submit(self, event) -> None:
        loop = asyncio.get_running_loop()
        waiting = _Waiting(event, loop.create_future())
        self.waiting.append(waiting)
        if self.writer is None or self.writer.done():
            self.writer = loop.create_task(self._write(), name="audit-group-commit")
        await waiting.done

    async def _write(self) -> None:
        while self.waiting:
            batch, self.waiting = self.waiting, []
            try:  # a batch holds events of several tenants: the audit trail's system scope
                with scope(SYSTEM):
                    async with in_transaction():
                        await chain.insert_pending([w.event for w in batch])
            except Exception as error:  # noqa: BLE001  (each waiting request fails closed)
                for w in batch:
                    if not w.done.done():
                        w.done.set_exception(error)
                continue
            for w in batch:
                if not w.done.done():
                    w.done.set_result(None)
            for tenant_id in {w.event.tenant_id for w in batch}:
                seal_soon(tenant_id)


@dataclass
class Sealer:
    tasks: dict[int, asyncio.Task] = field(default_factory=dict)
    again: set[int] = field(default_factory=set)

    def kick(self, tenant_id: int) -> None:
        self.again.add(tenant_id)
        task = self.tasks.get(tenant_id)
        if task is None or task.done():
            self.tasks[tenant_id] = asyncio.get_running_loop().create_task(
                self._run(tenant_id), name=f"audit-sealer-{tenant_id}")

    async def _run(self, tenant_id: int) -> None:
        SEALING.set(True)
        try:
            while tenant_id in self.again:
                self.again.discard(tenant_id)
                with metrics.audit_seal(), scope(tenant_id):  # RLS: the sealer's tenant only
                    await chain.seal_pending(tenant_id)
        except Exception as error:  # noqa: BLE001  (the events stay pending, durable)
            self.again.discard(tenant_id)
            log.error("audit events not sealed yet; the tenant's next event seals them",
                      tenant_id=tenant_id, error=error)  # logs.py: its type and frames only
        finally:
            if self.tasks.get(tenant_id) is asyncio.current_task():
                del self.tasks[tenant_id]


@dataclass
class _PerLoop:
    commit: GroupCommit = field(default_factory=GroupCommit)
    sealer: Sealer = field(default_factory=Sealer)


_loops: WeakKeyDictionary[asyncio.AbstractEventLoop, _PerLoop] = WeakKeyDictionary()


def _here() -> _PerLoop:
    loop = asyncio.get_running_loop()
    if loop not in _loops:
        _loops[loop] = _PerLoop()
    return _loops[loop]


async def record(tenant_id: int, entry: chain.Entry) -> None:
    """Make a read's event durable (group commit); return once its transaction has committed."""
    await _here().commit.submit(chain.pending(tenant_id, entry))


def seal_soon(tenant_id: int) -> None:
    """Have the tenant's pending events chained in the background (after a commit)."""
    _here().sealer.kick(tenant_id)


async def settle() -> None:
    """Wait until this process has written and sealed everything handed to it: at shutdown, and
    in tests before they read the chain."""
    here = _here()
    while True:
        busy = [t for t in (here.commit.writer, *here.sealer.tasks.values())
                if t is not None and not t.done()]
        if not busy:
            return
        await asyncio.gather(*busy, return_exceptions=True)
