"""Tenant isolation over HTTP: another tenant's objects behave exactly as if they did not exist."""

import pytest

CONTACT = "query($id: ID!) { contact(id: $id) { id firstName } }"
NOT_FOUND_BODY = {"data": {"contact": None}, "errors": [{
    "message": "No such object.", "locations": [{"line": 1, "column": 19}], "path": ["contact"],
    "extensions": {"code": "NOT_FOUND", "reason": "No such object."}}]}


@pytest.fixture
async def two_tenants(factory):
    a, b = await factory.tenant(), await factory.tenant()
    token_a = await factory.login_as(a, "sales")
    mine = await factory.contact(a, email="mine@a.example", company="Initech", city="Paris")
    theirs = await factory.contact(b, email="theirs@b.example", company="Initech", city="Paris",
                                   external_ref="shared-ref")
    await factory.interaction(theirs)
    return a, b, token_a, mine, theirs


async def test_foreign_id_answers_exactly_like_a_missing_id(gql, two_tenants):
    _a, _b, token, _mine, theirs = two_tenants
    foreign = await gql(CONTACT, {"id": str(theirs.id)}, token=token, purpose="sales")
    missing = await gql(CONTACT, {"id": "987654321"}, token=token, purpose="sales")
    assert foreign == missing == NOT_FOUND_BODY


async def test_lists_totals_and_filters_hold_only_own_tenant(gql, two_tenants):
    _a, _b, token, mine, _theirs = two_tenants
    query = """query($f: ContactFilter) { contacts(first: 100, filter: $f) {
        totalCount edges { node { id email } } } }"""
    for flt in (None, {"company": "Initech"}, {"city": "Paris"}, {"externalRef": "shared-ref"},
                {"email": "theirs@b.example"}, {"search": "theirs"}):
        result = await gql(query, {"f": flt}, token=token, purpose="sales")
        assert "errors" not in result, result
        ids = {e["node"]["id"] for e in result["data"]["contacts"]["edges"]}
        assert ids <= {str(mine.id)}
        assert result["data"]["contacts"]["totalCount"] == len(ids)


async def test_nested_and_top_level_activity_hold_only_own_tenant(gql, factory, two_tenants):
    _a, _b, token, mine, theirs = two_tenants
    await factory.interaction(mine)
    result = await gql("""{ interactions(first: 100) { totalCount edges { node { id contact { id } } } }
                           financials(first: 100) { totalCount } }""", token=token, purpose="sales")
    contacts = {e["node"]["contact"]["id"] for e in result["data"]["interactions"]["edges"]}
    assert contacts == {str(mine.id)}
    assert result["data"]["interactions"]["totalCount"] == 1
    by_contact = await gql("query($c: ID) { interactions(contactId: $c) { totalCount } }",
                           {"c": str(theirs.id)}, token=token, purpose="sales")
    assert by_contact["data"] is None
    assert by_contact["errors"][0]["extensions"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize("mutation, variables", [
    ("mutation($id: ID!) { updateContact(id: $id, input: {firstName: \"X\"}) { id } }", {}),
    ("mutation($id: ID!) { recordConsent(contactId: $id, purpose: \"sales\", status: GRANTED, "
     "source: \"t\") { purpose } }", {}),
    ("mutation($id: ID!) { logInteraction(input: {contactId: $id, kind: CALL, "
     "occurredAt: \"2026-01-01T00:00:00Z\"}) { id } }", {}),
])
async def test_mutations_on_foreign_ids_answer_not_found_and_change_nothing(
        gql, factory, two_tenants, mutation, variables):
    a, _b, _token, _mine, theirs = two_tenants
    admin = await factory.login_as(a, "admin")
    result = await gql(mutation, {"id": str(theirs.id), **variables}, token=admin, purpose="sales")
    assert result["data"] is None
    assert [e["extensions"]["code"] for e in result["errors"]] == ["NOT_FOUND"]
    await theirs.refresh_from_db()
    assert theirs.first_name != "X"


async def test_role_in_one_tenant_grants_nothing_in_another(gql, factory, two_tenants):
    a, b, _token, _mine, theirs = two_tenants
    user = await factory.user(a, "admin")
    await factory.engine.prepare(b.domain)  # tenants' policies load lazily (policies/engine.py)
    assert factory.engine.roles_of(user.subject, b.domain) == []
    token = await factory.token(user)
    result = await gql(CONTACT, {"id": str(theirs.id)}, token=token, purpose="sales")
    assert result == NOT_FOUND_BODY
