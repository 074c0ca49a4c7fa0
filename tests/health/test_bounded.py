"""The per-request deadline cancels the request's database work — on SQLite by interrupting the
running statement, on PostgreSQL through asyncpg's cancellation — and answers with a code."""

import time

import httpx
from starlette.responses import JSONResponse
from tortoise import connections

from health.bounded import Bounded

SLOW = {  # a statement that runs for many seconds unless stopped
    "sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
              " SELECT count(*) AS n FROM (SELECT x FROM c LIMIT 2000000000)",
    "postgres": "SELECT pg_sleep(30) IS NULL AS n",
}


async def slow_app(scope, receive, send):
    while (await receive()).get("more_body"):
        pass
    connection = connections.get("default")
    rows = await connection.execute_query_dict(SLOW[connection.capabilities.dialect])
    await JSONResponse(rows)(scope, receive, send)


async def test_past_the_deadline_the_statement_is_stopped_and_answered_with_a_code(app):
    bounded = Bounded(slow_app, deadline_seconds=0.3)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=bounded),
                                 base_url="http://testserver") as client:
        started = time.monotonic()
        response = await client.post("/graphql", json={"query": "{ __typename }"})
        answered = time.monotonic() - started
    assert response.status_code == 200
    assert [e["extensions"]["code"] for e in response.json()["errors"]] == ["QUERY_TOO_COMPLEX"]
    assert answered < 10  # the statement alone would run far longer
    started = time.monotonic()
    await connections.get("default").execute_query("SELECT 1")  # the connection is free again
    assert time.monotonic() - started < 5


async def test_other_paths_are_not_bounded(app):
    async def quick(scope, receive, send):
        await JSONResponse({"ok": True})(scope, receive, send)

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=Bounded(quick, 0.01)),
                                 base_url="http://testserver") as client:
        assert (await client.get("/healthz")).json() == {"ok": True}
