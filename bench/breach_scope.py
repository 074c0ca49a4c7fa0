"""Benchmark: `salesplus breach scope` on a trail of 1,000,000 audit events.

    .venv/bin/python -m bench.breach_scope [--database-url URL] [--events 1000000] [--rounds 3]

One tenant; its chain of N events spread evenly over 100 days (10,000 a day at 1M), written with
the real hash of audit/chain.py and loaded in bulk (COPY on PostgreSQL, executemany on SQLite).
Principals: 50 users and 20 tokens; 70 % of the events read one contact, 30 % a page of 20, out
of 100,000 contacts, returning one to three categories. ANALYZE after loading.

Variants, run in the same process in interleaved rounds:
  scope_1d / scope_7d / scope_all   accountability.breach.scope for one token over a window of
                                    1 day, 7 days, the whole trail (chain check of that window
                                    + the token's events, one pass)
  scope_1d_everyone                 every principal over one day
  baseline_1d                       the straightforward way: `audit verify` of the whole chain
                                    (audit.chain.verify), then the token's events of the window
                                    by the (tenant, principal, at) index, folded the same way
Target: ≤ 5 s on 1M events."""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from datetime import datetime, timedelta, timezone

CATEGORIES = ("identity", "contact_details", "preferences", "interaction_metadata",
              "interaction_content", "commercial", "financial", "location", "competitive")
START = datetime(2026, 1, 1, tzinfo=timezone.utc)
DAYS = 100


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.breach_scope", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="default: a temporary SQLite file; a PostgreSQL "
                        "database of its own (never the test database)")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    return parser.parse_args(argv)


def generate(tenant_id: int, count: int):
    """The chain's rows in order, hashed as audit.chain.append would have."""
    from audit.chain import GENESIS, digest  # noqa: PLC0415

    rng = random.Random(14)
    step = timedelta(days=DAYS) / count
    principals = [f"user:{n}" for n in range(1, 51)] + [f"token:{n}" for n in range(1, 21)]
    prev = GENESIS
    for seq in range(1, count + 1):
        page = rng.random() < 0.3
        first = rng.randrange(100_000)
        row = {"tenant_id": tenant_id, "seq": seq, "at": START + step * seq,
               "principal": rng.choice(principals), "purpose": "sales",
               "operation": "query contacts" if page else "query contact",
               "contact_ids": list(range(first, first + 20)) if page else [first],
               "categories_returned": sorted(rng.sample(CATEGORIES, rng.randint(1, 3))),
               "categories_denied": [], "codes": [], "legal_reference": None, "prev_hash": prev}
        row["hash"] = prev = digest(row)
        yield row


FIELDS = ("tenant_id", "seq", "at", "principal", "purpose", "operation", "contact_ids",
          "categories_returned", "categories_denied", "codes", "legal_reference", "prev_hash", "hash")
JSON_FIELDS = {"contact_ids", "categories_returned", "categories_denied", "codes"}


async def load(tenant_id: int, count: int, dialect: str) -> str:
    import json  # noqa: PLC0415

    from tortoise import connections  # noqa: PLC0415

    from models import AuditHead  # noqa: PLC0415

    client = connections.get("default")
    batch, last = [], None

    def record(row):
        return tuple(json.dumps(row[f]) if f in JSON_FIELDS else row[f] for f in FIELDS)

    async def flush():
        if dialect == "postgres":
            async with client.acquire_connection() as conn:
                await conn.copy_records_to_table("audit_event", records=batch, columns=FIELDS)
        else:
            marks = ", ".join("?" * len(FIELDS))
            rows = [tuple(v.isoformat(sep=" ") if isinstance(v, datetime) else v for v in r)
                    for r in batch]
            await client.execute_many(f"INSERT INTO audit_event ({', '.join(FIELDS)}) "
                                      f"VALUES ({marks})", rows)
        batch.clear()

    for row in generate(tenant_id, count):
        batch.append(record(row))
        last = row
        if len(batch) == 20_000:
            await flush()
    await flush()
    await AuditHead.create(tenant_id=tenant_id, seq=last["seq"], hash=last["hash"])
    await client.execute_script("ANALYZE")
    return last["hash"]


async def baseline(tenant_id: int, principal: str, since, until):
    from accountability.breach import Target, _Gathering  # noqa: PLC0415
    from audit import chain  # noqa: PLC0415
    from models import AuditEvent  # noqa: PLC0415

    report = await chain.verify(tenant_id)
    rows = await AuditEvent.filter(tenant_id=tenant_id, principal=principal, at__gte=since,
                                   at__lt=until).values("principal", "operation", "contact_ids",
                                                        "categories_returned")
    gathering = _Gathering(Target(principal, since, until))
    for row in rows:
        gathering.add(row)
    return report, gathering


async def run(args: argparse.Namespace) -> None:
    import os  # noqa: PLC0415

    os.environ.setdefault("SALESPLUS_SECRET_KEY", "bench-secret-key-not-for-production")
    import db  # noqa: PLC0415
    from accountability.breach import ScopeRequest, scope  # noqa: PLC0415
    from models import Tenant  # noqa: PLC0415

    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='salesplus-bench-')}/b.db"
    async with db.database(url):
        from tortoise import connections  # noqa: PLC0415

        dialect = connections.get("default").capabilities.dialect
        tenant = await Tenant.create(slug=f"bench-{os.getpid()}", name="Bench")
        began = time.perf_counter()
        await load(tenant.id, args.events, dialect)
        print(f"{dialect}: loaded {args.events:,} events in {time.perf_counter() - began:.1f} s")
        day = START + timedelta(days=50)
        variants = {
            "scope_1d": lambda: scope(ScopeRequest(tenant.id, token_id=3, since=day,
                                                   until=day + timedelta(days=1))),
            "scope_7d": lambda: scope(ScopeRequest(tenant.id, token_id=3, since=day,
                                                   until=day + timedelta(days=7))),
            "scope_all": lambda: scope(ScopeRequest(tenant.id, token_id=3)),
            "scope_1d_everyone": lambda: scope(ScopeRequest(tenant.id, since=day,
                                                            until=day + timedelta(days=1))),
            "baseline_1d": lambda: baseline(tenant.id, "token:3", day, day + timedelta(days=1)),
        }
        times = {name: [] for name in variants}
        results = {}
        for _ in range(args.rounds):
            for name in random.sample(list(variants), len(variants)):
                began = time.perf_counter()
                results[name] = await variants[name]()
                times[name].append(time.perf_counter() - began)
        one_day = results["scope_1d"]
        base_report, base_gathering = results["baseline_1d"]
        assert one_day.contact_ids == sorted(base_gathering.by_contact), "scope differs from baseline"
        assert one_day.chain.ok and base_report.ok
        print(f"{'variant':<20} {'median s':>9} {'min s':>7}  events checked  data subjects")
        for name, values in times.items():
            result = results[name]
            checked = result.chain.events if hasattr(result, "chain") else result[0].events
            subjects = (result.data_subjects if hasattr(result, "chain")
                        else len(result[1].by_contact))
            print(f"{name:<20} {statistics.median(values):>9.2f} {min(values):>7.2f}  "
                  f"{checked:>14,}  {subjects:>13,}")


def main(argv=None) -> None:
    asyncio.run(run(parse_args(argv)))


if __name__ == "__main__":
    main()
