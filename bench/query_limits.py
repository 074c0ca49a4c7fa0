"""What the query limits cost, against Strawberry's own limiters, side by side in one run.

(a) the shipped schema's limits (`schema/limits.py`: cost, depth and aliases in one
fragment-memoized walk before validation, parse and validation cached); (b) a plain Strawberry
schema of the same types with `QueryDepthLimiter(10)` and `MaxAliasesLimiter(15)`, the baseline
this project used before. Each refuses or validates without touching a database (no context:
execution would fail at the first resolver, after the limits and validation ran). Every round
sends a new query text (a comment differs), so neither parse nor validation is served from a cache.

    .venv/bin/python -m bench.query_limits [--fragments 14 16 18 20] [--rounds 5]

Printed: median milliseconds per request for a fragment bomb of N fragments (each spreading the
next twice) and for an ordinary query, and the ratio b / a. The baseline's time doubles with each
fragment; N = 20 (the issue's 824-byte query) is run for (a) only unless asked for."""

import argparse
import asyncio
import statistics
import time

import strawberry
import structlog
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter

from schema import Mutation, Query, build_schema
from schema.limits import Limits

LIMITS = Limits()

ORDINARY = """{ contacts(first: 50) { totalCount edges { cursor node { id firstName lastName email
    company location { city country } interactions(first: 5) { edges { node { id kind subject } } } } }
    pageInfo { hasNextPage endCursor } } }"""


def bomb(fragments: int) -> str:
    chain = [f"fragment F{i} on Principal {{ ...F{i + 1} ...F{i + 1} }}" for i in range(fragments)]
    chain.append(f"fragment F{fragments} on Principal {{ id }}")
    return "{ me { ...F0 } } " + " ".join(chain)


class Quiet(strawberry.Schema):
    def process_errors(self, errors, execution_context=None) -> None:
        return None  # the resolvers fail without a context; that is not what is measured


def baseline() -> strawberry.Schema:
    return Quiet(query=Query, mutation=Mutation, extensions=[
        lambda: QueryDepthLimiter(max_depth=LIMITS.max_depth),
        lambda: MaxAliasesLimiter(max_alias_count=LIMITS.max_aliases)])


async def median_ms(schema, query: str, rounds: int) -> float:
    times = []
    for round_ in range(rounds):
        text = f"{query} # {round_} {time.perf_counter()}"  # a new text: no cache hit
        started = time.perf_counter()
        await schema.execute(text)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fragments", type=int, nargs="+", default=[12, 14, 16])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    # The resolvers fail without a context and (a) logs that; logging is not what is measured.
    structlog.configure(processors=[], logger_factory=structlog.ReturnLoggerFactory())
    shipped, plain = build_schema(production=False, audit=False), baseline()
    print(f"{'query':<22}{'a (ms)':>10}{'b (ms)':>12}{'b / a':>10}")
    cases = [("ordinary list", ORDINARY)] + [(f"bomb of {n}", bomb(n)) for n in args.fragments]
    for name, query in cases:
        a = await median_ms(shipped, query, args.rounds)
        b = await median_ms(plain, query, args.rounds)
        print(f"{name:<22}{a:>10.2f}{b:>12.2f}{b / a:>10.1f}")
    a = await median_ms(shipped, bomb(20), args.rounds)
    print(f"{'bomb of 20 (a only)':<22}{a:>10.2f}")


if __name__ == "__main__":
    asyncio.run(main())
