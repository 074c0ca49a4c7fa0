"""Benchmark: what request ids, metrics and traces add to a request.

    .venv/bin/python -m bench.observability_cost [--rounds 20] [--per-round 100]

In one run, on one temporary SQLite database with one tenant and one `sales` user, three builds of
the app (`server.create_app`, in-process over `httpx.ASGITransport`), each asked (h) GET /healthz
and (q) POST /graphql `{ me { roles } }` with a session token:

  (o) without the operational layer: `web.observability.install` and the schema's observers
      replaced by nothing — the app as it was before request ids, metrics and traces;
  (a) as shipped with default settings: request id and metrics middleware, the metrics extension,
      no tracing (OTEL_EXPORTER_OTLP_ENDPOINT unset);
  (t) as shipped with tracing on, exporting to an in-memory exporter (spans made, not sent).

Calls alternate between the builds one by one, in a rotating order; medians per request; ratios against (o) of the
same run matter, not the absolute microseconds. Logging is not in the measure: no line is written
on these paths (uvicorn's access line is not emitted over ASGITransport)."""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from contextlib import AsyncExitStack


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.observability_cost", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--per-round", type=int, default=100, help="requests per build, route and round")
    return parser.parse_args(argv)


def build(variant: str):
    """One app: "o" without the operational layer, "a" as shipped, "t" with tracing."""
    from unittest import mock  # noqa: PLC0415

    from config import load_settings  # noqa: PLC0415
    from server import create_app  # noqa: PLC0415
    from web import observability, tracing  # noqa: PLC0415

    if variant == "o":
        with mock.patch.object(observability, "install", lambda *a: None), \
                mock.patch.object(observability, "schema_extensions", lambda provider: []):
            return create_app(load_settings())
    if variant == "t":
        from opentelemetry.sdk.trace.export.in_memory_span_exporter import (  # noqa: PLC0415
            InMemorySpanExporter,
        )

        with mock.patch.object(tracing, "make_exporter", lambda endpoint: InMemorySpanExporter()):
            return create_app(load_settings(otlp_endpoint="http://127.0.0.1:4318"))
    return create_app(load_settings())


async def session_token(engine, client) -> str:
    """A `sales` user of a new tenant, logged in through the API."""
    from auth.passwords import hash_password  # noqa: PLC0415
    from models import Tenant, User  # noqa: PLC0415

    tenant = await Tenant.create(slug="bench-obs", name="Bench")
    user = await User.create(tenant=tenant, email="sales@bench.example",
                             password_hash=await hash_password("bench password"))
    await engine.assign_role(user.subject, "sales", tenant.domain)
    answer = await client.post("/graphql", json={"query": 'mutation { login(tenant: "bench-obs", '
                                                 'email: "sales@bench.example", password: "bench password") { token } }'})
    return answer.json()["data"]["login"]["token"]


async def measure(args) -> dict[tuple[str, str], float]:
    import httpx  # noqa: PLC0415

    apps = {variant: build(variant) for variant in "oat"}
    async with AsyncExitStack() as stack:
        first = apps["o"]
        await stack.enter_async_context(first.router.lifespan_context(first))
        for app in apps.values():
            app.state.engine = first.state.engine  # one database, one policy engine
        clients = {v: await stack.enter_async_context(httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://bench")) for v, app in apps.items()}
        token = await session_token(first.state.engine, clients["o"])
        headers = {"Authorization": f"Bearer {token}", "X-Purpose": "sales"}
        body = {"query": "{ me { roles } }"}

        async def healthz(client):
            return await client.get("/healthz")

        async def query(client):
            return await client.post("/graphql", json=body, headers=headers)

        routes = {"h": healthz, "q": query}
        for client in clients.values():  # warm up, and check every build answers alike
            assert (await query(client)).json() == {"data": {"me": {"roles": ["sales"]}}}
        samples = {(v, r): [] for v in apps for r in routes}
        order = list(apps)
        for _ in range(args.rounds):
            for route, call in routes.items():
                for _ in range(args.per_round):  # one call of each build in turn: shared noise
                    order = order[1:] + order[:1]
                    for variant in order:
                        started = time.perf_counter()
                        await call(clients[variant])
                        samples[(variant, route)].append(time.perf_counter() - started)
    return {key: statistics.median(values) for key, values in samples.items()}


def main(argv=None) -> None:
    args = parse_args(argv)
    folder = tempfile.mkdtemp(prefix="salesplus-bench-obs-")
    os.environ.setdefault("SALESPLUS_SECRET_KEY", "bench-secret-key-not-for-production")
    os.environ["SALESPLUS_DATA_DIR"] = folder
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.db"
    os.environ["SALESPLUS_RATE_LIMIT_USER"] = "off"
    medians = asyncio.run(measure(args))
    print(f"{'route':<28}{'(o) none':>12}{'(a) shipped':>14}{'(t) traced':>13}{'a/o':>7}{'t/o':>7}")
    for route, label in (("h", "GET /healthz"), ("q", "POST /graphql { me }")):
        o, a, t = (medians[(v, route)] * 1e6 for v in "oat")
        print(f"{label:<28}{o:>10.0f}µs{a:>12.0f}µs{t:>11.0f}µs{a / o:>7.2f}{t / o:>7.2f}")


if __name__ == "__main__":
    main()
