"""The engine's per-tenant enforcers (lazy, isolated, bounded) and the watcher's message handling,
without a network: the two-process proof is tests/policies/test_live_updates.py."""

import asyncio
import json

import pytest
from tortoise.transactions import in_transaction

from models import PolicyRule
from policies import engine as engine_module
from policies.engine import PolicyEngine, PolicyNotLoaded
from policies.watcher import PolicyWatcher


async def test_a_tenant_loads_on_first_use_and_holds_only_its_own_lines(factory):
    a, b = await factory.tenant(), await factory.tenant()
    await PolicyRule.create(ptype="g", v0="user:1", v1="admin", v2=a.domain, tenant_id=a.id)
    await PolicyRule.create(ptype="g", v0="user:2", v1="admin", v2=b.domain, tenant_id=b.id)
    engine = await PolicyEngine.load()
    assert engine.loaded() == [] and engine.loads == 0
    with pytest.raises(PolicyNotLoaded):
        engine.permits("user:1", a.domain, "identity", "read", "sales")
    await engine.prepare(a.domain)
    await engine.prepare(a.domain)
    assert engine.loads == 1 and engine.loaded() == [a.domain]
    assert engine.tenant_lines(a.domain) == (("g", "user:1", "admin", a.domain),)
    assert len(engine.tenant(a.domain).enforcer.get_named_grouping_policy("g")) == 1
    assert engine.permits("user:1", a.domain, "identity", "read", "sales")
    with pytest.raises(PolicyNotLoaded):
        engine.roles_of("user:2", b.domain)


async def test_lines_written_behind_the_engines_back_are_read_on_reload(factory):
    tenant = await factory.tenant()
    engine = await PolicyEngine.load()
    await engine.prepare(tenant.domain)
    await PolicyRule.create(ptype="g", v0="user:5", v1="sales", v2=tenant.domain, tenant_id=tenant.id)
    assert engine.roles_of("user:5", tenant.domain) == []
    await engine.reload(tenant.domain)
    assert engine.roles_of("user:5", tenant.domain) == ["sales"]


async def test_idle_tenants_beyond_the_limit_are_dropped_busy_ones_kept(factory, monkeypatch):
    tenants = [await factory.tenant() for _ in range(3)]
    engine = PolicyEngine(engine_module.TortoiseAdapter(), max_tenants=2)
    for tenant in tenants:
        await engine.prepare(tenant.domain)
    assert len(engine.loaded()) == 3  # all used within the last minute: none dropped
    monkeypatch.setattr(engine_module, "IDLE_SECONDS", 0.0)
    await engine.reload(tenants[2].domain)
    assert engine.loaded() == [tenants[1].domain, tenants[2].domain]


async def test_the_memo_is_dropped_with_the_change_and_bounded(factory, monkeypatch):
    engine = PolicyEngine.in_memory([["g", "user:1", "sales", "tenant:1"]])
    await engine.prepare("tenant:1")
    assert engine.permits("user:1", "tenant:1", "identity", "read", "sales")
    calls = engine.enforce_calls
    assert engine.permits("user:1", "tenant:1", "identity", "read", "sales")
    assert engine.enforce_calls == calls  # memoized
    await engine.revoke_role("user:1", "sales", "tenant:1")
    assert not engine.permits("user:1", "tenant:1", "identity", "read", "sales")
    monkeypatch.setattr(engine_module, "MEMO_LIMIT", 3)
    for action in ("read", "write", "use", "record", "set"):
        engine.permits("user:1", "tenant:1", "identity", action, "sales")
    assert len(engine.tenant("tenant:1").memo) <= 3


# -- the watcher, over a bus that records what it is given ---------------------------------------
class RecordingBus:
    def __init__(self, transactional: bool):
        self.transactional = transactional
        self.published: list[dict] = []

    async def publish(self, message: str) -> None:
        self.published.append(json.loads(message))

    async def close(self) -> None:
        pass


class Reloads:
    def __init__(self):
        self.domains = []

    async def __call__(self, domain):
        self.domains.append(domain)


def watcher(transactional: bool) -> tuple[PolicyWatcher, RecordingBus, Reloads]:
    bus, reloads = RecordingBus(transactional), Reloads()
    engine = PolicyEngine.in_memory()
    w = PolicyWatcher(engine, bus)
    w.set_update_callback(reloads)
    return w, bus, reloads


async def test_messages_of_other_processes_reload_the_tenant_own_and_malformed_ones_do_not():
    w, _bus, reloads = watcher(transactional=True)
    await w._on_message(json.dumps({"origin": "elsewhere", "domain": "tenant:4"}))
    await w._on_message(json.dumps({"origin": w.origin, "domain": "tenant:5"}))
    await w._on_message("not json")
    await w._on_message(json.dumps({"origin": "elsewhere", "domain": "*"}))
    assert reloads.domains == ["tenant:4", None] and w.received == 2


async def test_on_redis_a_change_inside_a_transaction_is_published_after_it_ends(factory):
    w, bus, reloads = watcher(transactional=False)
    async with in_transaction():
        await w.changed("tenant:9")
        await asyncio.sleep(0.02)  # the publishing task runs, and waits for the transaction
        assert bus.published == [] and len(w._publishing) == 1
    await asyncio.gather(*list(w._publishing))
    assert bus.published == [{"origin": w.origin, "domain": "tenant:9"}]
    assert reloads.domains == ["tenant:9"]  # this process re-reads the committed state too
    await w.stop()


async def test_outside_a_transaction_a_change_is_published_at_once():
    w, bus, reloads = watcher(transactional=False)
    await w.changed("tenant:3")
    assert bus.published == [{"origin": w.origin, "domain": "tenant:3"}] and reloads.domains == []
