"""policy.md §4: a caller can never learn a value it may not read. Filtering, searching or ordering
on a field of a category the caller may not read for the purpose is refused with FORBIDDEN (never
silently applied, never silently ignored); nested references keep the row filter and field rules."""

import base64
from datetime import datetime, timezone

import pytest

from tests.support.activity import add_financial, add_interaction, codes, errors_by_path

LIST = """query($f: ContactFilter, $o: ContactOrder) {
  contacts(first: 100, filter: $f, orderBy: $o) { totalCount edges { node { id } } } }"""


@pytest.fixture
async def analytics_tenant(factory):
    tenant = await factory.tenant()
    analyst = await factory.login_as(tenant, "analyst")
    lyon = await factory.contact(tenant, email="ada@lyon.example", company="Initech", city="Lyon",
                                 country="FR", last_name="Archer")
    oslo = await factory.contact(tenant, email="bo@oslo.example", company="Globex", city="Oslo",
                                 country="NO", last_name="Berg")
    return tenant, analyst, lyon, oslo


def ids_of(result: dict) -> set[str]:
    return {edge["node"]["id"] for edge in result["data"]["contacts"]["edges"]}


@pytest.mark.parametrize("variables", [
    {"f": {"email": "ada@lyon.example"}},          # contact_details
    {"f": {"email": "nobody@nowhere.example"}},    # refused whether or not it would match
    {"f": {"company": "Initech"}},                 # identity
    {"f": {"search": "Archer"}},                   # identity + contact_details
    {"f": {"search": "zzz-no-match"}},
    {"f": {"city": "Lyon", "company": "Initech"}},  # one refused part refuses the whole filter
    {"o": "LAST_NAME"},                            # ordering reveals identity
    {"o": "LAST_NAME_DESC"},
], ids=lambda v: repr(v))
async def test_analyst_cannot_filter_search_or_order_on_unreadable_fields(gql, analytics_tenant,
                                                                           variables):
    _tenant, analyst, _lyon, _oslo = analytics_tenant
    result = await gql(LIST, variables, token=analyst, purpose="analytics")
    assert result["data"] is None, result
    assert errors_by_path(result) == [(("contacts",), "FORBIDDEN")]


async def test_analyst_can_filter_on_location_it_may_read(gql, analytics_tenant):
    _tenant, analyst, lyon, oslo = analytics_tenant
    by_city = await gql(LIST, {"f": {"city": "lyon"}}, token=analyst, purpose="analytics")
    assert "errors" not in by_city, by_city
    assert ids_of(by_city) == {str(lyon.id)} and by_city["data"]["contacts"]["totalCount"] == 1
    by_country = await gql(LIST, {"f": {"country": "no"}}, token=analyst, purpose="analytics")
    assert ids_of(by_country) == {str(oslo.id)}
    structural = await gql(LIST, {"f": {"externalRef": lyon.external_ref}, "o": "CREATED_AT_DESC"},
                           token=analyst, purpose="analytics")
    assert ids_of(structural) == {str(lyon.id)}


async def test_the_same_routes_are_open_to_a_role_that_may_read_the_fields(gql, analytics_tenant,
                                                                        factory):
    tenant, _analyst, lyon, oslo = analytics_tenant
    sales = await factory.login_as(tenant, "sales")
    for variables, expected in (({"f": {"email": "ADA@lyon.example"}}, [lyon]),
                                ({"f": {"company": "initech"}}, [lyon]),
                                ({"f": {"search": "berg"}}, [oslo]),
                                ({"o": "LAST_NAME_DESC"}, [oslo, lyon])):
        result = await gql(LIST, variables, token=sales, purpose="sales")
        assert "errors" not in result, result
        ordered = [edge["node"]["id"] for edge in result["data"]["contacts"]["edges"]]
        assert ordered == [str(c.id) for c in expected], variables


async def test_marketing_cannot_filter_on_location(gql, factory):
    tenant = await factory.tenant()
    marketing = await factory.login_as(tenant, "marketing")
    result = await gql(LIST, {"f": {"city": "Lyon"}}, token=marketing, purpose="marketing")
    assert result["data"] is None and codes(result) == ["FORBIDDEN"]
    result = await gql(LIST, {"f": {"country": "FR"}}, token=marketing, purpose="marketing")
    assert result["data"] is None and codes(result) == ["FORBIDDEN"]


NESTED = """{ interactions(first: 100) { totalCount edges { node {
  kind subject contact { id firstName location { city } } } } } }"""


async def test_nested_contact_of_interactions_keeps_row_filter_and_field_rules(gql, factory):
    tenant = await factory.tenant()
    analyst, sales = await factory.login_as(tenant, "analyst"), await factory.login_as(tenant, "sales")
    visible = await factory.contact(tenant, city="Lyon")
    objected = await factory.contact(tenant)  # objected to analytics only: still fine for sales
    await factory.objection(objected, "analytics")
    restricted = await factory.contact(tenant, processing_restricted=True)
    for contact in (visible, objected, restricted):
        await add_interaction(contact)
        await add_financial(contact)

    result = await gql(NESTED, token=analyst, purpose="analytics")
    nodes = [edge["node"] for edge in result["data"]["interactions"]["edges"]]
    assert result["data"]["interactions"]["totalCount"] == 1
    assert nodes == [{"kind": "EMAIL", "subject": None,
                      "contact": {"id": str(visible.id), "firstName": None,
                                  "location": {"city": "Lyon"}}}]
    first = ("interactions", "edges", 0, "node")
    assert errors_by_path(result) == sorted([((*first, "subject"), "FORBIDDEN"),
                                             ((*first, "contact", "firstName"), "FORBIDDEN")],
                                            key=repr)
    financials = await gql("{ financials(first: 100) { totalCount edges { node { amount contact { id } } } } }",
                           token=analyst, purpose="analytics")
    assert "errors" not in financials, financials
    assert [e["node"]["contact"]["id"] for e in financials["data"]["financials"]["edges"]] == [
        str(visible.id)]
    assert financials["data"]["financials"]["totalCount"] == 1

    result = await gql(NESTED, token=sales, purpose="sales")
    assert "errors" not in result, result
    seen = {e["node"]["contact"]["id"]: e["node"]["contact"]["firstName"]
            for e in result["data"]["interactions"]["edges"]}
    assert seen == {str(visible.id): visible.first_name, str(objected.id): objected.first_name}
    assert result["data"]["interactions"]["totalCount"] == 2


async def test_interactions_of_a_hidden_contact_are_refused_not_empty(gql, factory):
    tenant = await factory.tenant()
    analyst = await factory.login_as(tenant, "analyst")
    objected = await factory.contact(tenant)
    await factory.objection(objected, "analytics")
    await add_interaction(objected)
    result = await gql("query($c: ID) { interactions(contactId: $c) { totalCount } }",
                       {"c": str(objected.id)}, token=analyst, purpose="analytics")
    assert result["data"] is None and codes(result) == ["CONSENT_REQUIRED"], result


def cursor_text(cursor: str) -> str:
    return base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()


async def test_activity_cursors_do_not_carry_values_the_caller_may_not_read(gql, factory):
    """A cursor is readable by anyone (base64): for marketing, occurredAt of an interaction
    (interaction_metadata) and of an invoice (financial) must not travel inside it."""
    tenant = await factory.tenant()
    marketing = await factory.login_as(tenant, "marketing")
    contact = await factory.contact(tenant)
    await factory.consent(contact, "marketing", "GRANTED")
    stamps = [datetime(2026, 3, day, 9, 30, tzinfo=timezone.utc) for day in (1, 2, 3)]
    for at in stamps:
        await add_interaction(contact, occurred_at=at)
        await add_financial(contact, occurred_at=at)
    for name in ("interactions", "financials"):
        query = "query($a: String) { %s(first: 1, after: $a) { edges { cursor node { id } } } }" % name
        seen, after = [], None
        for _ in stamps:
            result = await gql(query, {"a": after}, token=marketing, purpose="marketing")
            assert "errors" not in result, result
            (edge,) = result["data"][name]["edges"]
            assert not any(f"2026-03-0{day}" in cursor_text(edge["cursor"]) for day in (1, 2, 3))
            seen.append(edge["node"]["id"])
            after = edge["cursor"]
        # the value-free cursors still page through every row, newest first
        assert seen == sorted(seen, key=int, reverse=True) and len(set(seen)) == 3, name
    # a cursor naming another tenant's row anchors nothing: refused, not a silent first page
    theirs = await add_interaction(await factory.contact(await factory.tenant()))
    forged = base64.urlsafe_b64encode(f'["OCCURRED_AT_DESC",null,{theirs.id}]'.encode()).decode()
    result = await gql("query($a: String) { interactions(after: $a) { edges { node { id } } } }",
                       {"a": forged}, token=marketing, purpose="marketing")
    assert result["data"] is None and codes(result) == ["BAD_USER_INPUT"], result
