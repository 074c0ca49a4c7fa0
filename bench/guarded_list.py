"""Benchmark: the guarded contact list against an independent plain Strawberry server.

    .venv/bin/python -m bench.guarded_list [--database-url URL] [--contacts 10000 100000]
                                           [--rounds 40] [--analyze]

For each size, one tenant of N contacts x 5 interactions (bench/dataset.py, bulk inserts) in one
database (a temporary SQLite file unless --database-url), then two servers in their own uvicorn
processes on loopback, started the same way:

  guarded  `salesplus serve` (authentication, purpose, policy, lawful-basis filter, projection,
           audit event, error masking, query limits: the product)
  plain    bench/plain_server.py: plain Strawberry + Tortoise, its own straightforward schema and
           ORM queries, one DataLoader for interactions, no policy

and the same `contacts(first: 100)` (12 contact fields + `interactions(first: 5)`, purpose
`sales`), as the first page and as a page 90 % deep (after the cursor of the contact at 90 %),
over HTTP with keep-alive. The four requests of a round run in an order that rotates from round
to round; medians; ratios guarded / plain and deep / first of the same run. Both servers must
return the same data (checked first). Nothing here is run by the tests."""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from dataclasses import dataclass

import httpx

CONTACT_SELECTION = """
      id firstName lastName company jobTitle email phone address requirements competitiveNotes
      createdAt location { city country }
      interactions(first: 5) { edges { node { id kind occurredAt direction subject } } }"""
QUERY = ("query($first: Int!, $after: String) { contacts(first: $first, after: $after) "
         "{ edges { node {%s } } } }" % CONTACT_SELECTION)
PURPOSE = "sales"
PAGE = 100
DEEP = 0.9
# Targets (issue 11): guarded / plain, by size; deep / first.
RATIO_TARGET = {10_000: 1.10, 100_000: 1.15}
DEEP_TARGET = 1.2


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.guarded_list", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="e.g. postgres://postgres@127.0.0.1:5432/bench "
                        "(default: a temporary SQLite file). A database of its own: the bench "
                        "tenants are created once and reused.")
    parser.add_argument("--contacts", type=int, nargs="+", default=[10_000],
                        help="tenant sizes (add 100000 for the large case)")
    parser.add_argument("--interactions", type=int, default=5, help="per contact")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=5, help="untimed rounds first")
    parser.add_argument("--analyze", action="store_true",
                        help="ANALYZE after generating (default: none, as after a fresh import)")
    return parser.parse_args(argv)


@dataclass(frozen=True)
class Prepared:
    size: int
    tenant_id: int
    token: str
    guarded_deep: str  # each server's own cursor of the same anchor row
    plain_deep: str
    statistics: bool


async def prepare(database_url: str, size: int, per_contact: int, analyze: bool) -> Prepared:
    from bench.dataset import build  # noqa: PLC0415
    from bench.plain_server import to_cursor  # noqa: PLC0415
    from db import database  # noqa: PLC0415
    from models import Contact  # noqa: PLC0415
    from policies.engine import PolicyEngine  # noqa: PLC0415
    import schema  # noqa: F401, PLC0415  (imports resolvers in their order)
    from resolvers.contacts import SORT_KEYS  # noqa: PLC0415
    from resolvers.pagination import encode_cursor  # noqa: PLC0415
    from schema.contacts import ContactOrder  # noqa: PLC0415

    async with database(database_url):
        started = time.perf_counter()
        data = await build(await PolicyEngine.load(), size, per_contact)
        print(f"  {size} contacts ready in {time.perf_counter() - started:.1f} s")
        if analyze:
            await _db().execute_script("ANALYZE")
        anchor = await Contact.filter(tenant_id=data.tenant_id).order_by("created_at", "id") \
            .offset(int(size * DEEP) - 1).first().values("id", "created_at")
        key = SORT_KEYS[ContactOrder.CREATED_AT]
        return Prepared(size, data.tenant_id, data.token,
                        encode_cursor(key, anchor["created_at"], anchor["id"]),
                        to_cursor(anchor["created_at"], anchor["id"]), await has_statistics())


def _db():
    from tortoise import connections  # noqa: PLC0415

    return connections.get("default")


async def has_statistics() -> bool:
    """Whether the planner has statistics on the contact and interaction tables."""
    db = _db()
    if db.capabilities.dialect == "postgres":
        sql = "SELECT count(*) AS n FROM pg_stats WHERE tablename IN ('contact', 'interaction')"
    else:
        tables = await db.execute_query_dict(
            "SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not tables[0]["n"]:
            return False
        sql = "SELECT count(*) AS n FROM sqlite_stat1 WHERE tbl IN ('contact', 'interaction')"
    return (await db.execute_query_dict(sql))[0]["n"] > 0


def fetch(client: httpx.Client, url: str, after: str | None, headers: dict) -> dict:
    response = client.post(url, json={"query": QUERY, "variables": {"first": PAGE, "after": after}},
                           headers=headers)
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"HTTP {response.status_code}: {response.text[:500]}")
    return body


def measure(prepared: Prepared, env: dict, rounds: int, warmup: int) -> dict[str, float]:
    from bench import servers  # noqa: PLC0415

    auth = {"Authorization": f"Bearer {prepared.token}", "X-Purpose": PURPOSE}
    with servers.guarded(env) as guarded, servers.plain(env, prepared.tenant_id) as plain, \
            httpx.Client(timeout=60) as client:
        variants = {
            "guarded first": (guarded, None, auth), "plain first": (plain, None, {}),
            "guarded deep": (guarded, prepared.guarded_deep, auth),
            "plain deep": (plain, prepared.plain_deep, {}),
        }
        for where in ("first", "deep"):
            a = fetch(client, *_request(variants[f"guarded {where}"]))
            b = fetch(client, *_request(variants[f"plain {where}"]))
            if a != b or len(a["data"]["contacts"]["edges"]) != PAGE:
                raise RuntimeError(f"the two servers do not return the same {where} page")
        names, timings = list(variants), {name: [] for name in variants}
        for round_no in range(warmup + rounds):
            shift = round_no % len(names)
            for name in names[shift:] + names[:shift]:
                started = time.perf_counter()
                fetch(client, *_request(variants[name]))
                if round_no >= warmup:
                    timings[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) * 1000 for name, values in timings.items()}


def _request(variant) -> tuple:
    base, after, headers = variant
    return base + "/graphql", after, headers


def report(database: str, results: list[tuple[Prepared, dict]]) -> None:
    print(f"\ncontacts(first: {PAGE}), 12 fields + interactions(first: 5), medians in ms ({database})")
    header = ("contacts", "stats", "page", "guarded", "plain", "guarded/plain", "target",
              "deep/first guarded (plain)")
    rows = [header]
    for prepared, med in results:
        target = RATIO_TARGET.get(prepared.size, 1.15)
        for where in ("first", "deep"):
            g, p = med[f"guarded {where}"], med[f"plain {where}"]
            deep = ""
            if where == "deep":
                dg, dp = g / med["guarded first"], p / med["plain first"]
                deep = f"{dg:.2f} ({dp:.2f}) {'met' if dg <= DEEP_TARGET else 'NOT MET'} ≤ {DEEP_TARGET}"
            rows.append((f"{prepared.size:,}", "yes" if prepared.statistics else "no", where,
                         f"{g:.2f}", f"{p:.2f}", f"{g / p:.2f}",
                         f"≤ {target} {'met' if g / p <= target else 'NOT MET'}", deep))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
    for row in rows:
        print("  ".join(str(cell).rjust(width) for cell, width in zip(row, widths, strict=True)))


def main(argv=None) -> int:
    from bench import servers  # noqa: PLC0415

    args = parse_args(argv)
    database_url, env = servers.run_environment(args.database_url)
    results = []
    for size in args.contacts:
        prepared = asyncio.run(prepare(database_url, size, args.interactions, args.analyze))
        results.append((prepared, measure(prepared, env, args.rounds, args.warmup)))
        print(json.dumps({"contacts": size, **{k: round(v, 2) for k, v in results[-1][1].items()}}))
    report(database_url.split("://")[0], results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
