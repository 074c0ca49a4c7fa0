"""The HTTP surface: health, limits, error hygiene, development-only tools."""

import pytest

from config import load_settings
from server import create_app


async def test_health_and_readiness(http):
    assert (await http.get("/healthz")).json() == {"status": "ok"}
    ready = await http.get("/readyz")
    assert ready.status_code == 200 and ready.json() == {"status": "ready"}


async def test_body_too_large_is_413(http):
    response = await http.post("/graphql", content=b"{" + b" " * 1_100_000 + b"}",
                               headers={"content-type": "application/json"})
    assert response.status_code == 413


async def test_malformed_json_is_400(http):
    response = await http.post("/graphql", content=b"{not json",
                               headers={"content-type": "application/json"})
    assert response.status_code == 400


def deep_query(depth: int) -> str:
    inner = "id"
    for _ in range(depth):
        inner = f"interactions {{ edges {{ node {{ contact {{ {inner} }} }} }} }}"
    return f"{{ contacts {{ edges {{ node {{ {inner} }} }} }} }}"


@pytest.mark.parametrize("query", [
    deep_query(3),
    "{ " + " ".join(f"a{i}: me {{ id }}" for i in range(16)) + " }",
    # aliases hidden inside a fragment count too
    "fragment F on Principal { " + " ".join(f"a{i}: id" for i in range(16)) + " } { me { ...F } }",
    "{ me { " + " ".join(["id"] * 2100) + " } }",
])
async def test_too_complex_queries_are_refused_before_execution(gql, factory, query):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "sales")
    result = await gql(query, token=token, purpose="sales")
    assert result.get("data") is None
    assert {e["extensions"]["code"] for e in result["errors"]} == {"QUERY_TOO_COMPLEX"}


async def test_unexpected_errors_leak_no_trace_sql_or_data(gql, factory, monkeypatch):
    from resolvers import loaders

    async def broken(access, ids):
        raise RuntimeError("SELECT secret FROM contact WHERE email='victim@example.com'")

    monkeypatch.setitem(loaders.BATCHES, "contact_by_id", broken)
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "sales")
    result = await gql('{ contact(id: "1") { id } }', token=token, purpose="sales")
    assert result["errors"] == [{"message": "Unexpected error.", "locations": [{"line": 1, "column": 3}],
                                 "path": ["contact"], "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]
    assert "SELECT" not in str(result) and "Traceback" not in str(result)


async def test_validation_errors_carry_a_code(gql):
    result = await gql("{ contacts { edges { node { noSuchField } } } }")
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.fixture
def production(monkeypatch):
    monkeypatch.setenv("SALESPLUS_ENV", "production")
    return create_app(load_settings())


async def test_production_has_no_ide_introspection_or_suggestions(production, app):
    import httpx

    production.state.engine = app.state.engine  # the database is already up
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=production),
                                 base_url="http://t") as client:
        assert (await client.get("/graphql", headers={"accept": "text/html"})).status_code != 200
        intro = (await client.post("/graphql", json={"query": "{ __schema { types { name } } }"})).json()
        assert intro.get("data") is None and intro["errors"]
        typo = (await client.post("/graphql", json={"query": "{ contac(id: 1) { id } }"})).json()
        assert "Did you mean" not in typo["errors"][0]["message"]


async def test_invalid_variable_values_are_bad_user_input_not_internal_errors(gql, factory):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "marketing")
    result = await gql("""mutation($s: ConsentStatus!) { recordConsent(contactId: "1",
        purpose: "marketing", status: $s, source: "x") { status } }""", {"s": "MAYBE"},
                       token=token, purpose="marketing")
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "MAYBE" in result["errors"][0]["message"]
