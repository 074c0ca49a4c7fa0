"""dbscope.py on PostgreSQL: every connection taken from the pool runs under the scope of the task
that takes it, whatever scope it last served, and a connection taken again in the same scope costs
no statement besides the caller's own (no RESET ALL on release, no set_config on acquire)."""

import asyncio

import asyncpg

from dbscope import SCOPE_SETTING, SYSTEM, scope

SHOW = f"SELECT current_setting('{SCOPE_SETTING}', true) AS s"


async def seen_scope(conn, tenant) -> str:
    with scope(tenant):
        return (await conn.execute_query_dict(SHOW))[0]["s"] or ""


async def test_a_connection_always_serves_the_scope_of_the_task_taking_it(postgres):
    order = [1, 2, None, SYSTEM, 1, 1, None, 2, SYSTEM, None]
    for tenant in order:  # one after the other: the pool hands the same connection around
        assert await seen_scope(postgres, tenant) == ("" if tenant is None else str(tenant))
    # and at once, on as many connections as the pool gives
    tenants = order * 5
    seen = await asyncio.gather(*(seen_scope(postgres, t) for t in tenants))
    assert seen == ["" if t is None else str(t) for t in tenants]


async def test_taking_a_connection_again_in_the_same_scope_sends_nothing_more(postgres, monkeypatch):
    await seen_scope(postgres, 7)
    sent = []
    real = asyncpg.connection.Connection.execute

    async def execute(self, query, *args, **kwargs):
        sent.append(query)
        return await real(self, query, *args, **kwargs)

    monkeypatch.setattr(asyncpg.connection.Connection, "execute", execute)
    for _ in range(10):
        assert await seen_scope(postgres, 7) == "7"
    # At most one set_config, should the pool hand out a connection that served another scope.
    assert len(sent) <= 1 and not any("RESET" in q for q in sent), sent
