"""Query limits (schema/limits.py): one fragment-memoized walk measures cost, depth and aliases
before anything else walks the document; refusals are coded; validation is cached."""

import asyncio
import time

import pytest
from graphql import get_introspection_query, parse

from audit.extension import root_fields
from schema import schema
from schema.limits import Limits, measure

LIMITS = Limits()


def bomb(fragments: int = 20, on: str = "Principal", leaf: str = "id") -> str:
    """Each fragment spreads the next twice: expanded naively, 2^fragments fields."""
    chain = [f"fragment F{i} on {on} {{ ...F{i + 1} ...F{i + 1} }}" for i in range(fragments)]
    chain.append(f"fragment F{fragments} on {on} {{ {leaf} }}")
    root = "{ ...F0 }" if on == "Query" else "{ me { ...F0 } }"
    return root + " " + " ".join(chain)


def cost_of(query: str, variables: dict | None = None) -> int:
    return measure(schema._schema, parse(query), variables or {}).cost


def test_every_field_costs_one_and_pages_multiply_by_first():
    assert cost_of("{ me { id tenant } }") == 3
    assert cost_of("{ contacts(first: 3) { edges { node { id } } } }") == 1 + 3 * 3
    # the argument's default (50) when `first` is left out; a variable's value when given
    assert cost_of("{ contacts { edges { node { id } } } }") == 1 + 50 * 3
    assert cost_of("query($n: Int) { contacts(first: $n) { totalCount } }", {"n": 7}) == 1 + 7
    nested = "{ contacts(first: 2) { edges { node { interactions(first: 4) { edges { node { id } } } } } } }"
    assert cost_of(nested) == 1 + 2 * (1 + 1 + (1 + 4 * 3))


def test_fragments_are_measured_once_wherever_they_are_spread():
    started = time.perf_counter()
    found = measure(schema._schema, parse(bomb(60)), {})
    assert time.perf_counter() - started < 1.0  # 2^60 visits if a spread were re-expanded
    assert found.cost == 1 + 2**60 and found.depth == 2


def test_the_audit_walks_expand_each_fragment_once():
    document = parse(bomb(60, on="Query", leaf="me { id }"))
    operation = next(d for d in document.definitions if d.kind == "operation_definition")
    assert root_fields(document, operation) == ["me"]


def test_introspection_counts_for_cost_not_depth():
    found = measure(schema._schema, parse(get_introspection_query()), {})
    assert found.depth == 0 and 0 < found.cost < LIMITS.max_cost


async def test_the_fragment_bomb_is_refused_in_well_under_a_second_while_healthz_stays_fast(http):
    async def refused() -> float:
        started = time.perf_counter()
        response = await http.post("/graphql", json={"query": bomb(20)})
        error, = response.json()["errors"]
        assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
        assert error["extensions"]["cost"] == 1 + 2**20  # `me`, and 2^20 `id` once expanded
        assert error["extensions"]["limit"] == LIMITS.max_cost
        return time.perf_counter() - started

    async def healthz() -> float:
        started = time.perf_counter()
        assert (await http.get("/healthz")).status_code == 200
        return time.perf_counter() - started

    *bombs, health = await asyncio.gather(*[refused() for _ in range(5)], healthz())
    assert max(bombs) < 1.0 and health < 1.0  # generous: measured about 5 ms each


@pytest.mark.parametrize("query, reason", [
    ("{ ...Nope }", "Unknown fragment 'Nope'."),
    ("fragment A on Query { ...B } fragment B on Query { ...A } { ...A }",
     "Cannot spread fragment 'A' within itself."),
])
async def test_unknown_and_cyclic_fragments_are_bad_user_input(gql, query, reason):
    result = await gql(query)
    assert result["errors"] == [{"message": reason, "extensions": {"code": "BAD_USER_INPUT",
                                                                  "reason": reason}}]


async def test_too_costly_pages_are_refused_with_cost_and_limit(gql, factory):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "sales")
    query = """{ contacts(first: 100) { edges { node {
        interactions(first: 100) { edges { node { id kind } } } } } } }"""
    result = await gql(query, token=token, purpose="sales")
    assert result.get("data") is None
    assert result["errors"][0]["extensions"] == {
        "code": "QUERY_TOO_COMPLEX", "cost": cost_of(query), "limit": LIMITS.max_cost,
        "reason": f"Query cost {cost_of(query)} exceeds the limit of {LIMITS.max_cost}."}


async def test_a_repeated_query_is_validated_once(gql):
    from strawberry.extensions.validation_cache import _get_validate_cache

    cache = _get_validate_cache(512)
    query = "{ purposes { name } __typename }"
    await gql(query)
    before = cache.cache_info()
    await gql(query)
    after = cache.cache_info()
    assert after.hits == before.hits + 1 and after.misses == before.misses
