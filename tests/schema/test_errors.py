"""Every error leaving the server carries a code of api.md and no internal exception's text
(schema/errors.py), wherever it was raised."""

import pytest

from policies.vocabulary import ErrorCode

API_CODES = {code.value for code in ErrorCode}

HOSTILE_QUERIES = [
    "{ ...Nope }",
    "query A { me { id } } query B { me { id } } # operationName C",
    "{",
    "",
    "query A { me { id } } query A { me { id } }",
    "subscription { me { id } }",
    "{ me { id } } fragment F on Nope { id }",
    "{ contact(id: 1) { id ...on Nope { id } } }",
    '{ auditEvents(filter: {since: "yesterday"}) { totalCount } }',
    "{ contacts(first: 1000000) { totalCount } }",
    "{ contacts(first: -1) { totalCount } }",
    "{ __schema { types { name } } __type(name: 1) { name } }",
    "query($x: Int = \"a\") { contacts(first: $x) { totalCount } }",
    "{ me @skip { id } }",
    "{ me @nope(if: true) { id } }",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
async def test_every_error_carries_a_code_of_api_md(http, factory, query):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "sales")
    body = {"query": query, "operationName": "C" if "operationName C" in query else None}
    response = await http.post("/graphql", json=body,
                               headers={"Authorization": f"Bearer {token}", "X-Purpose": "sales"})
    assert response.status_code in (200, 400), response.text
    errors = response.json()["errors"]
    assert errors and all(e["extensions"]["code"] in API_CODES for e in errors), errors


async def test_an_exception_inside_an_extension_is_masked(gql, monkeypatch):
    from schema import limits

    def broken(*args, **kwargs):
        raise KeyError("SELECT secret FROM contact")

    monkeypatch.setattr(limits, "measure", broken)
    result = await gql("{ purposes { name } }")
    assert result["errors"] == [{"message": "Unexpected error.",
                                 "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]
