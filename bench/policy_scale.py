"""Benchmark: the policy at 1, 100 and 1,000 tenants, each with its own rules (~50 lines a tenant).

    .venv/bin/python -m bench.policy_scale [--database-url URL] [--lines 50] [--rounds 200]

One database (a temporary SQLite file unless --database-url is given) grows to 1, 100, then 1,000
tenants; each tenant holds `--lines` stored policy lines: 2 purposes of its own, 3 custom roles with
grants, and role assignments of its users. At each size it measures, on the production engine
(PolicyEngine over the database: one enforcer per tenant, loaded lazily):

  load      loading one tenant's policy (built-in lines + that tenant's rows) into a fresh engine;
  decide    one decision with the memo cleared (a real Casbin evaluation), median of `--rounds`
            over the tenant's users, objects and purposes;
  memory    what a loaded tenant's enforcer holds (tracemalloc, 50 tenants loaded);

and, for comparison, the design it replaces (one enforcer holding every tenant's lines, loaded the
way Casbin's `load_policy` loads them):

  all-load  reading every stored line and building that one enforcer;
  all-dec   one decision on it (no memo).

Figures are medians; ratios are against the 1-tenant figures of the same run."""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import statistics
import tempfile
import time
import tracemalloc

from rich.console import Console
from rich.table import Table

CATEGORIES = ("identity", "contact_details", "preferences", "interaction_metadata", "commercial",
              "location", "competitive", "financial")
SIZES = (1, 100, 1000)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.policy_scale", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="a database of its own (default: a temporary SQLite "
                        "file); the bench tenants are named policy-scale-N and reused")
    parser.add_argument("--lines", type=int, default=50, help="stored lines per tenant")
    parser.add_argument("--rounds", type=int, default=200, help="cold decisions per size")
    return parser.parse_args(argv)


def tenant_lines(tenant_id: int, count: int) -> list[list[str]]:
    """~`count` lines: purposes, three custom roles with grants, and users holding roles."""
    domain = f"tenant:{tenant_id}"
    lines = [["g2", "newsletter", "consent", domain], ["g2", "warranty", "contract", domain]]
    for role, purposes in (("claims", ("warranty", "support")), ("campaigns", ("newsletter",)),
                           ("junior", ("sales",))):
        for purpose in purposes:
            lines.append(["p", role, domain, "purpose", "use", purpose, "allow"])
            lines += [["p", role, domain, category, "read", purpose, "allow"] for category in CATEGORIES[:3]]
    roles = ("claims", "campaigns", "junior", "sales", "support", "marketing", "analyst")
    user = 0
    while len(lines) < count:
        user += 1
        lines.append(["g", f"user:{tenant_id}-{user}", roles[user % len(roles)], domain])
    return lines[:count]


async def grow(target: int, lines_per_tenant: int) -> list[int]:
    """Make sure tenants policy-scale-1..target exist with their lines; returns their ids."""
    from models import PolicyRule, Tenant  # noqa: PLC0415

    existing = {t.slug: t.id for t in await Tenant.filter(slug__startswith="policy-scale-")}
    ids = []
    for n in range(1, target + 1):
        slug = f"policy-scale-{n}"
        if slug not in existing:
            tenant = await Tenant.create(slug=slug, name=slug)
            await PolicyRule.bulk_create([
                PolicyRule(ptype=line[0], tenant_id=tenant.id,
                           **{f"v{i}": v for i, v in enumerate(line[1:])})
                for line in tenant_lines(tenant.id, lines_per_tenant)])
            existing[slug] = tenant.id
        ids.append(existing[slug])
    return ids


def requests(tenant_id: int, count: int, rng: random.Random) -> list[tuple]:
    domain = f"tenant:{tenant_id}"
    subjects = [f"user:{tenant_id}-{i}" for i in range(1, 30)]
    purposes = ("sales", "support", "warranty", "newsletter", "marketing", "analytics")
    return [(rng.choice(subjects), domain, rng.choice(CATEGORIES), rng.choice(("read", "write")),
             rng.choice(purposes)) for _ in range(count)]


async def measure(ids: list[int], rounds: int, rng: random.Random) -> dict:
    import casbin  # noqa: PLC0415
    from casbin.persist.adapter import load_policy_line  # noqa: PLC0415

    from models import PolicyRule  # noqa: PLC0415
    from policies.adapter import MODEL_CONF, TortoiseAdapter  # noqa: PLC0415
    from policies.engine import PolicyEngine  # noqa: PLC0415
    from policies.tenant_policy import Builtin, domain_matches  # noqa: PLC0415

    builtin = Builtin()
    sample = rng.sample(ids, min(20, len(ids)))
    await PolicyEngine(TortoiseAdapter(), builtin).prepare(f"tenant:{sample[0]}")  # warm-up
    loads = []
    for tenant_id in (sample * 20)[:20]:  # a fresh engine each time: a cold load of one tenant
        engine = PolicyEngine(TortoiseAdapter(), builtin)
        started = time.perf_counter()
        await engine.prepare(f"tenant:{tenant_id}")
        loads.append(time.perf_counter() - started)
    engine = PolicyEngine(TortoiseAdapter(), builtin)
    for tenant_id in sample:
        await engine.prepare(f"tenant:{tenant_id}")
    decisions = []
    for request in requests(sample[0], rounds, rng):
        engine.invalidate()
        started = time.perf_counter()
        engine.permits(*request)
        decisions.append(time.perf_counter() - started)

    # the design this replaces: every stored line in one enforcer, loaded as Casbin loads a policy
    started = time.perf_counter()
    single = casbin.Enforcer(str(MODEL_CONF))
    for line in builtin.lines:
        load_policy_line(", ".join(line), single.model)
    everything = [rule.as_line() async for rule in PolicyRule.all()]
    for line in everything:
        load_policy_line(", ".join(line), single.model)
    single.add_named_domain_matching_func("g2", domain_matches)
    single.build_role_links()
    all_load = time.perf_counter() - started
    all_decisions = []
    for request in requests(sample[0], max(10, rounds // 10), rng):
        started = time.perf_counter()
        single.enforce(*request)
        all_decisions.append(time.perf_counter() - started)
    return {"load": statistics.median(loads), "decide": statistics.median(decisions),
            "all_load": all_load, "all_decide": statistics.median(all_decisions),
            "lines": len(everything)}


async def memory_per_tenant(ids: list[int]) -> float:
    from policies.adapter import TortoiseAdapter  # noqa: PLC0415
    from policies.engine import PolicyEngine  # noqa: PLC0415
    from policies.tenant_policy import Builtin  # noqa: PLC0415

    engine = PolicyEngine(TortoiseAdapter(), Builtin())
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for tenant_id in ids[:50]:
        await engine.prepare(f"tenant:{tenant_id}")
    used = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return used / min(50, len(ids))


async def main(args: argparse.Namespace) -> None:
    import db  # noqa: PLC0415

    console = Console()
    url = args.database_url or f"sqlite://{tempfile.mkdtemp(prefix='salesplus-scale-')}/bench.db"
    rng = random.Random(6)
    async with db.database(url):
        figures = {}
        for size in SIZES:
            started = time.perf_counter()
            ids = await grow(size, args.lines)
            console.print(f"{size} tenants ready ({time.perf_counter() - started:.1f} s)")
            figures[size] = await measure(ids, args.rounds, rng)
        memory = await memory_per_tenant(ids)
    base = figures[SIZES[0]]
    table = Table(title=f"Policy at scale ({args.lines} stored lines per tenant; ratios vs 1 tenant)")
    for column in ("tenants", "stored lines", "load 1 tenant", "cold decision", "all-in-one load",
                   "all-in-one decision"):
        table.add_column(column, justify="right")
    for size, f in figures.items():
        table.add_row(str(size), str(f["lines"]),
                      f"{f['load'] * 1e3:.2f} ms ({f['load'] / base['load']:.2f}x)",
                      f"{f['decide'] * 1e6:.0f} µs ({f['decide'] / base['decide']:.2f}x)",
                      f"{f['all_load'] * 1e3:.0f} ms ({f['all_load'] / base['all_load']:.0f}x)",
                      f"{f['all_decide'] * 1e6:.0f} µs ({f['all_decide'] / base['all_decide']:.0f}x)")
    console.print(table)
    console.print(f"memory per loaded tenant: {memory / 1024:.0f} KiB")


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
