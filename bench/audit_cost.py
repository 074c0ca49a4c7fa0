"""Benchmark: what the audit trail adds to the guarded contact list of bench/guarded_list.py.

    .venv/bin/python -m bench.audit_cost [--database-url URL] [--rounds 30] [--page-sizes 10 100]

One app, one database (bench/dataset.py: one tenant of 10,000 contacts x 5 interactions, a
`sales` user), the same query as bench/guarded_list.py, run with the app's schema (audit
extension on) and with the same schema built with `audit=False` swapped into the same endpoint,
so the two variants differ by the extension only:

  audit / none            over HTTP (httpx.ASGITransport, in-process: session lookup included)
  audit_exec / none_exec  schema.execute with a prepared context (no HTTP, no session lookup)
  record                  audit.commit.record alone (group commit), an event the size of a page's

Every read commits one pending event (its group commit's transaction: one INSERT) before its
answer; the sealer chains it in the background (docs/audit.md). Rounds are interleaved in a shuffled order with gc between rounds;
the table gives medians and the ratio audit / none measured in the same run. Target: ≤ 1.10."""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict

from bench.guarded_list import PURPOSE, QUERY


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.audit_cost", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="default: a temporary SQLite file; a PostgreSQL "
                        "database of its own (never the test database)")
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--interactions", type=int, default=5, help="per contact")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--page-sizes", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--analyze", action="store_true", help="run ANALYZE after building the "
                        "database (planner statistics, as bench.guarded_list --analyze)")
    return parser.parse_args(argv)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


async def run(args: argparse.Namespace) -> int:
    tmp = tempfile.mkdtemp(prefix="salesplus-bench-")
    from bench.dataset import build, configure_environment  # noqa: PLC0415

    configure_environment(tmp)
    os.environ["SALESPLUS_ENV"] = "production"
    # Hundreds of requests a minute from one user: measure the audit trail, not the rate limit.
    os.environ.setdefault("SALESPLUS_RATE_LIMIT_USER", "1000000/minute")
    database_url = args.database_url or f"sqlite://{tmp}/bench.db"
    os.environ["DATABASE_URL"] = database_url

    import httpx  # noqa: PLC0415
    from rich.console import Console  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    from audit import chain, commit  # noqa: PLC0415
    from auth.sessions import principal_for_token  # noqa: PLC0415
    from config import load_settings  # noqa: PLC0415
    from policies.decision import Access  # noqa: PLC0415
    from resolvers.context import RequestContext  # noqa: PLC0415
    from schema import build_schema  # noqa: PLC0415
    from schema.limits import Limits  # noqa: PLC0415
    from server import create_app  # noqa: PLC0415
    from tests.support.query_counter import count_queries  # noqa: PLC0415

    console = Console(width=None if sys.stdout.isatty() else 130)
    config = load_settings()
    app = create_app(config)
    async with app.router.lifespan_context(app):
        engine = app.state.engine
        data = await build(engine, args.contacts, args.interactions, log=console.print)
        if args.analyze:
            from tortoise import connections  # noqa: PLC0415

            await connections.get("default").execute_script("ANALYZE")
        endpoint = next(r for r in app.routes if getattr(r, "path", "") == "/graphql").endpoint
        schemas = {"audit": endpoint.schema,
                   "none": build_schema(production=config.production, limits=Limits.of(config),
                                        audit=False)}
        headers = {"Authorization": f"Bearer {data.token}", "X-Purpose": PURPOSE}
        principal = await principal_for_token(data.token)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:

            def over_http(which: str):
                async def call(first: int) -> bytes:
                    endpoint.schema = schemas[which]
                    response = await client.post("/graphql", headers=headers, json={
                        "query": QUERY, "variables": {"first": first}})
                    if response.status_code != 200 or b'"errors"' in response.content:
                        raise RuntimeError(f"{which}: {response.status_code} {response.text[:300]}")
                    return response.content
                return call

            def executed(which: str):
                async def call(first: int):
                    context = RequestContext(request=None, response=None, engine=engine,
                                             access=Access(engine, principal, PURPOSE))
                    result = await schemas[which].execute(QUERY, variable_values={"first": first},
                                                          context_value=context)
                    assert not result.errors, result.errors
                    return result
                return call

            async def record(first: int):
                await commit.record(data.tenant_id, chain.Entry(
                    principal=data.user_subject, purpose=PURPOSE, operation="query contacts",
                    contact_ids=list(range(1_000_000, 1_000_000 + first)),
                    categories_returned=["contact_details", "identity", "interaction_content",
                                         "interaction_metadata", "location", "preferences"],
                    categories_denied=[], codes=[]))

            variants = {"audit": over_http("audit"), "none": over_http("none"),
                        "audit_exec": executed("audit"), "none_exec": executed("none"),
                        "record": record}
            statements = {}
            for first in args.page_sizes:
                with_audit, without = await variants["audit"](first), await variants["none"](first)
                if json.loads(with_audit) != json.loads(without):
                    raise RuntimeError("the two variants do not return the same data")
                for name in ("audit", "none"):
                    with count_queries() as queries:
                        await variants[name](first)
                    statements[name, first] = len(queries)
            timings = await measure(variants, args, console)
        endpoint.schema = schemas["audit"]
    report(console, Table, timings, statements, args, database_url)
    return 0


async def measure(variants: dict, args, console) -> dict:
    """Every round runs every variant at every page size, in a shuffled order (seeded): a fixed
    rotation would always run a variant right after the same other one (say, after a write)."""
    timings: dict[tuple[str, int], list[float]] = defaultdict(list)
    runs = [(name, first) for name in variants for first in args.page_sizes]
    shuffle = random.Random(5).shuffle
    total = args.warmup + args.rounds
    with console.status("measuring …") as status:
        for round_no in range(total):
            gc.collect()
            shuffle(runs)
            for name, first in runs:
                t0 = time.perf_counter()
                await variants[name](first)
                if round_no >= args.warmup:
                    timings[name, first].append(time.perf_counter() - t0)
            status.update(f"measuring … round {round_no + 1}/{total}")
    return timings


def p10(values: list[float]) -> float:
    """The 10th percentile: on a shared machine, closer to the uncontended cost than the median."""
    return sorted(values)[len(values) // 10]


def report(console, Table, timings: dict, statements: dict, args, database_url: str) -> None:
    med = {key: statistics.median(values) for key, values in timings.items()}
    table = Table(title=f"audit trail on contacts(first: N), 12 fields + 5 nested interactions — "
                        f"median of {args.rounds} interleaved rounds ({database_url.split('://')[0]}"
                        f"{', analyzed' if args.analyze else ''})")
    for column in ("N", "audit ms", "none ms", "audit/none", "p10 audit/none", "exec audit ms",
                   "exec none ms", "exec audit/none", "record ms", "SQL audit/none"):
        table.add_column(column, justify="right")
    for first in args.page_sizes:
        a, n = med["audit", first], med["none", first]
        ea, en = med["audit_exec", first], med["none_exec", first]
        ratio = a / n
        style = "green" if ratio <= 1.10 else "red"
        table.add_row(str(first), ms(a), ms(n), f"[{style}]{ratio:.3f}[/]",
                      f"{p10(timings['audit', first]) / p10(timings['none', first]):.3f}",
                      ms(ea), ms(en), f"{ea / en:.3f}", ms(med["record", first]),
                      f"{statements['audit', first]}/{statements['none', first]}")
    console.print(table)
    spread = Table(title="spread (ms): p10 / median / p90")
    spread.add_column("variant")
    for first in args.page_sizes:
        spread.add_column(f"N={first}", justify="right")
    for name in ("audit", "none", "audit_exec", "none_exec", "record"):
        cells = []
        for first in args.page_sizes:
            values = sorted(timings[name, first])
            low, high = values[len(values) // 10], values[(len(values) * 9) // 10]
            cells.append(f"{ms(low)} / {ms(med[name, first])} / {ms(high)}")
        spread.add_row(name, *cells)
    console.print(spread)
    console.print("audit = the app as shipped; none = the same schema built with audit=False in "
                  "the same endpoint; exec = schema.execute only; record = one chain append "
                  "(its own transaction). SQL = statements per request (BEGIN/COMMIT not "
                  "counted). Target: audit/none ≤ 1.10.")


def main(argv=None) -> int:
    return asyncio.run(run(parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
