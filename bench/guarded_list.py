"""Benchmark: the guarded contact list against a plain Strawberry schema and a raw fetch.

    .venv/bin/python -m bench.guarded_list [--database-url URL] [--rounds 30] [--profile]

In one run, on one database of 10,000 contacts x 5 interactions (a temporary SQLite file unless
--database-url is given), for page sizes 10 and 100:

  (a) the guarded `contacts(first: N)` (12 contact fields + 5 nested interactions) through the real
      ASGI app (server.create_app), in-process over httpx.ASGITransport;
  (b) the same selection through a plain Strawberry schema with no policy (bench/plain_schema.py),
      served by Strawberry's GraphQL ASGI app in a Starlette app, over the same transport;
  (c) a raw Tortoise `.values()` fetch of the same rows (the same statements) and a JSON dump.

Also the schema-execute-only timings (`schema.execute` with a prepared context: no HTTP, no
session lookup) of (a) and (b), and per request the SQL statements and Casbin enforce calls
(warm: decisions memoized; cold: right after the memo is dropped).

Repetitions are interleaved (every round runs every variant, in a rotating order) and the median
is reported, because the machine is shared and noisy. Figures are ratios against the baseline
measured in the same run; absolute milliseconds depend on the machine."""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import json
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

CONTACT_SELECTION = """
      id firstName lastName company jobTitle email phone address requirements competitiveNotes
      createdAt location { city country }
      interactions(first: 5) { edges { node { id kind occurredAt direction subject } } }"""
QUERY = "query($first: Int!) { contacts(first: $first) { edges { node {%s } } } }" % CONTACT_SELECTION
# The fields of (c), named as in the GraphQL response.
RAW_CONTACT_FIELDS = {"id": "id", "firstName": "first_name", "lastName": "last_name",
                      "company": "company", "jobTitle": "job_title", "email": "email",
                      "phone": "phone", "address": "address", "requirements": "requirements",
                      "competitiveNotes": "competitive_notes", "createdAt": "created_at"}
RAW_INTERACTION_FIELDS = {"id": "id", "kind": "kind", "occurredAt": "occurred_at",
                          "direction": "direction", "subject": "subject"}
PURPOSE = "sales"


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.guarded_list", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="e.g. asyncpg://user@127.0.0.1:5432/bench "
                        "(default: a temporary SQLite file). The bench tenant is created once and "
                        "reused on later runs.")
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--interactions", type=int, default=5, help="per contact")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3, help="untimed rounds first")
    parser.add_argument("--page-sizes", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--env", default="production", choices=["production", "development"],
                        help="SALESPLUS_ENV of the guarded app (production: no introspection)")
    parser.add_argument("--analyze", action="store_true",
                        help="run ANALYZE after building the database (planner statistics; a "
                        "fresh SQLite database has none, see bench/README.md)")
    parser.add_argument("--profile", action="store_true",
                        help="also profile (a) and (b) schema execution at the largest page size "
                        "with cProfile and print where the time goes")
    parser.add_argument("--profile-out", type=Path, help="write the .prof files to this folder")
    return parser.parse_args(argv)


# -- (c) ------------------------------------------------------------------------------------------
async def raw_fetch_and_dump(tenant_id: int, first: int) -> bytes:
    from bench.plain_schema import interaction_rows, page_rows  # noqa: PLC0415

    rows = (await page_rows(tenant_id, first))[:first]
    nested = defaultdict(list)
    for row in await interaction_rows(tenant_id, [r["id"] for r in rows], 5):
        nested[row["contact_id"]].append(row)

    def iso(value):
        return value.isoformat() if hasattr(value, "isoformat") else value

    edges = []
    for row in rows:
        node = {key: iso(row[column]) for key, column in RAW_CONTACT_FIELDS.items()}
        node["id"] = str(row["id"])
        node["location"] = {"city": row["city"], "country": row["country"]}
        node["interactions"] = {"edges": [
            {"node": {**{key: iso(i[column]) for key, column in RAW_INTERACTION_FIELDS.items()},
                      "id": str(i["id"])}}
            for i in nested[row["id"]][:5]]}
        edges.append({"node": node})
    return json.dumps({"data": {"contacts": {"edges": edges}}}, separators=(",", ":")).encode()


# -- helpers --------------------------------------------------------------------------------------
async def post(client, first: int, headers: dict) -> bytes:
    response = await client.post("/graphql", json={"query": QUERY, "variables": {"first": first}},
                                 headers=headers)
    if response.status_code != 200:
        raise RuntimeError(f"HTTP {response.status_code}: {response.text[:500]}")
    return response.content


def check_same_data(guarded: bytes, plain: bytes, raw: bytes, first: int) -> None:
    a, b, c = (json.loads(x) for x in (guarded, plain, raw))
    for name, result in (("guarded", a), ("plain", b)):
        if result.get("errors"):
            raise RuntimeError(f"{name} query failed: {result['errors'][:2]}")
    edges = a["data"]["contacts"]["edges"]
    if len(edges) != first or not all(len(e["node"]["interactions"]["edges"]) == 5 for e in edges):
        raise RuntimeError("the guarded list did not return full pages: check the dataset")
    if a != b or a != c:
        raise RuntimeError("(a), (b) and (c) do not return the same data")


def ms(seconds: float) -> float:
    return seconds * 1000


async def run(args: argparse.Namespace) -> int:
    import httpx  # noqa: PLC0415
    from rich.console import Console  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    console = Console(width=None if sys.stdout.isatty() else 130)
    tmp = tempfile.mkdtemp(prefix="salesplus-bench-")
    from bench.dataset import build, configure_environment  # noqa: PLC0415

    configure_environment(tmp)
    os.environ["SALESPLUS_ENV"] = args.env
    database_url = args.database_url or f"sqlite://{tmp}/bench.db"
    os.environ["DATABASE_URL"] = database_url

    from auth.sessions import principal_for_token  # noqa: PLC0415
    from bench import plain_schema  # noqa: PLC0415
    from config import load_settings  # noqa: PLC0415
    from policies.decision import Access  # noqa: PLC0415
    from resolvers.context import RequestContext  # noqa: PLC0415
    from server import create_app  # noqa: PLC0415
    from tests.support.query_counter import count_queries  # noqa: PLC0415

    app = create_app(load_settings())
    async with app.router.lifespan_context(app):
        engine = app.state.engine
        started = time.perf_counter()
        data = await build(engine, args.contacts, args.interactions, log=console.print)
        console.print(f"database ready in {time.perf_counter() - started:.1f} s "
                      f"({database_url.split('://')[0]}; {args.contacts} contacts x "
                      f"{args.interactions} interactions)")
        if args.analyze:
            from tortoise import connections  # noqa: PLC0415

            await connections.get("default").execute_script("ANALYZE")
            console.print("ANALYZE done")
        headers = {"Authorization": f"Bearer {data.token}", "X-Purpose": PURPOSE}
        guarded_schema = next(r for r in app.routes if r.path == "/graphql").endpoint.schema
        principal = await principal_for_token(data.token)
        plain_app = plain_schema.create_plain_app(data.tenant_id)

        async def guarded_exec(first: int):
            context = RequestContext(request=None, response=None, engine=engine,
                                     access=Access(engine, principal, PURPOSE))
            result = await guarded_schema.execute(QUERY, variable_values={"first": first},
                                                  context_value=context)
            assert not result.errors, result.errors
            return result

        async def plain_exec(first: int):
            result = await plain_schema.schema.execute(
                QUERY, variable_values={"first": first},
                context_value=plain_schema.context(data.tenant_id))
            assert not result.errors, result.errors
            return result

        transport_a, transport_b = httpx.ASGITransport(app=app), httpx.ASGITransport(app=plain_app)
        async with httpx.AsyncClient(transport=transport_a, base_url="http://bench") as client_a, \
                httpx.AsyncClient(transport=transport_b, base_url="http://bench") as client_b:
            variants = {
                "a": lambda first: post(client_a, first, headers),
                "b": lambda first: post(client_b, first, {}),
                "c": lambda first: raw_fetch_and_dump(data.tenant_id, first),
                "a_exec": guarded_exec,
                "b_exec": plain_exec,
            }
            # Same data from all three, and the per-request counts.
            counts = {}
            for first in args.page_sizes:
                check_same_data(await variants["a"](first), await variants["b"](first),
                                await variants["c"](first), first)
                engine.invalidate()
                before = engine.enforce_calls
                await variants["a"](first)
                cold = engine.enforce_calls - before
                before = engine.enforce_calls
                with count_queries() as sql_a:
                    await variants["a"](first)
                warm = engine.enforce_calls - before
                with count_queries() as sql_b:
                    await variants["b"](first)
                with count_queries() as sql_c:
                    await variants["c"](first)
                counts[first] = dict(sql_a=len(sql_a), sql_b=len(sql_b), sql_c=len(sql_c),
                                     enforce_warm=warm, enforce_cold=cold)

            timings: dict[tuple[str, int], list[float]] = defaultdict(list)
            names = list(variants)
            total = args.warmup + args.rounds
            with console.status("measuring …") as status:
                for round_no in range(total):
                    gc.collect()
                    order = names[round_no % len(names):] + names[:round_no % len(names)]
                    for first in args.page_sizes:
                        for name in order:
                            t0 = time.perf_counter()
                            await variants[name](first)
                            elapsed = time.perf_counter() - t0
                            if round_no >= args.warmup:
                                timings[name, first].append(elapsed)
                    status.update(f"measuring … round {round_no + 1}/{total}")

            if args.profile:
                await profile(args, console, guarded_exec, plain_exec)

    med = {key: statistics.median(values) for key, values in timings.items()}
    table = Table(title=f"contacts(first: N), 12 fields + 5 nested interactions — median of "
                        f"{args.rounds} interleaved rounds ({database_url.split('://')[0]}"
                        f"{', analyzed' if args.analyze else ''})")
    for column in ("N", "a ms", "b ms", "c ms", "a/b", "a/c", "exec a ms", "exec b ms",
                   "exec a/b", "SQL a/b/c", "enforce warm/cold"):
        table.add_column(column, justify="right")
    for first in args.page_sizes:
        a, b, c = med["a", first], med["b", first], med["c", first]
        ea, eb = med["a_exec", first], med["b_exec", first]
        n = counts[first]
        ratio = a / b
        style = "green" if ratio <= 1.10 else "yellow" if ratio <= 1.25 else "red"
        table.add_row(str(first), f"{ms(a):.2f}", f"{ms(b):.2f}", f"{ms(c):.2f}",
                      f"[{style}]{ratio:.2f}[/]", f"{a / c:.2f}", f"{ms(ea):.2f}", f"{ms(eb):.2f}",
                      f"{ea / eb:.2f}", f"{n['sql_a']}/{n['sql_b']}/{n['sql_c']}",
                      f"{n['enforce_warm']}/{n['enforce_cold']}")
    console.print(table)
    spread = Table(title="spread (ms): p10 / median / p90")
    spread.add_column("variant")
    for first in args.page_sizes:
        spread.add_column(f"N={first}", justify="right")
    for name in names:
        cells = []
        for first in args.page_sizes:
            values = sorted(timings[name, first])
            p10, p90 = values[len(values) // 10], values[(len(values) * 9) // 10]
            cells.append(f"{ms(p10):.2f} / {ms(med[name, first]):.2f} / {ms(p90):.2f}")
        spread.add_row(name, *cells)
    console.print(spread)
    console.print("(a) guarded API, (b) plain Strawberry baseline, both over HTTP (httpx "
                  "ASGITransport, in-process); (c) raw .values() fetch + json.dumps.\n"
                  "exec = schema.execute with a prepared context (no HTTP, no session lookup). "
                  "SQL = statements per request; enforce = Casbin evaluations per request once "
                  "warm / right after the decision memo is dropped.\n"
                  "Target: a/b ≤ 1.25 (aim 1.10).")
    return 0


async def profile(args, console, guarded_exec, plain_exec, repeat: int = 40) -> None:
    first = max(args.page_sizes)
    for name, fn in (("a_exec", guarded_exec), ("b_exec", plain_exec)):
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(repeat):
            await fn(first)
        profiler.disable()
        stats = pstats.Stats(profiler)
        if args.profile_out:
            args.profile_out.mkdir(parents=True, exist_ok=True)
            stats.dump_stats(args.profile_out / f"{name}-{first}.prof")
        console.rule(f"cProfile {name}, first={first}, {repeat} executions: top 25 by own time")
        stats.sort_stats("tottime").print_stats(25)


def main(argv=None) -> int:
    args = parse_args(argv)
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
