"""End to end as a front end would do it: `gql` (httpx transport) against a real `salesplus serve`
holding the demo data. Log in, list, withdraw a consent, unsubscribe through the signed link,
export — each step through the public API only."""

import httpx
import pytest
from gql import Client, GraphQLRequest, gql
from gql.transport.exceptions import TransportQueryError
from gql.transport.httpx import HTTPXAsyncTransport

from tests.support.live_server import environment, live_server

LOGIN = gql("mutation Login($t: String!, $e: String!, $p: String!) "
            "{ login(tenant: $t, email: $e, password: $p) { token expiresAt } }")
CONTACTS = gql("query Contacts($after: String) { contacts(first: 10, after: $after) { totalCount "
               "edges { node { id externalRef firstName email } } pageInfo { hasNextPage endCursor } } }")
AUDIENCE = gql("query { marketingAudience(topic: \"newsletter\", first: 100) { totalCount "
               "edges { node { id externalRef } } } }")
WITHDRAW = gql("mutation($id: ID!) { recordConsent(contactId: $id, purpose: \"marketing\", "
               "status: WITHDRAWN, source: \"preference-centre\") { purpose status } }")
LINK = gql("query($id: ID!) { unsubscribeLink(contactId: $id, topic: \"newsletter\") "
           "{ url listUnsubscribePost } }")
EXPORT = gql("mutation($id: ID!) { exportContactData(contactId: $id) }")


def with_variables(request: GraphQLRequest, variables: dict) -> GraphQLRequest:
    return GraphQLRequest(request, variable_values=variables)


@pytest.fixture(scope="module")
async def base(tmp_path_factory):
    folder = tmp_path_factory.mktemp("e2e-demo")
    async with live_server(folder, "--demo", env=environment(folder)) as server:
        yield server.base


async def session(base: str, email: str, purpose: str | None = None, **headers: str) -> Client:
    """A gql client logged in as a demo user (password `demo-<role>-pass`)."""
    async with Client(transport=HTTPXAsyncTransport(url=f"{base}/graphql")) as anonymous:
        login = await anonymous.execute(with_variables(LOGIN, {
            "t": email.split("@")[1].split(".")[0], "e": email, "p": f"demo-{email.split('@')[0]}-pass"}))
    headers = {"Authorization": f"Bearer {login['login']['token']}", **headers}
    if purpose:
        headers["X-Purpose"] = purpose
    return Client(transport=HTTPXAsyncTransport(url=f"{base}/graphql", headers=headers),
                  fetch_schema_from_transport=True)


async def test_login_and_page_through_the_contacts(base):
    async with await session(base, "sales@acme.example", "sales") as client:
        seen, after = [], None
        while True:
            page = (await client.execute(with_variables(CONTACTS, {"after": after})))["contacts"]
            seen += [edge["node"]["externalRef"] for edge in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
    assert len(seen) == page["totalCount"] == len(set(seen)) > 10
    assert all(ref.startswith("acme-") for ref in seen)  # never another tenant's


async def test_a_wrong_password_is_unauthenticated(base):
    async with Client(transport=HTTPXAsyncTransport(url=f"{base}/graphql")) as client:
        with pytest.raises(TransportQueryError) as refused:
            await client.execute(with_variables(LOGIN, {"t": "acme", "e": "sales@acme.example",
                                                        "p": "wrong"}))
    assert refused.value.errors[0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_withdrawing_consent_takes_the_contact_out_of_the_audience(base):
    async with await session(base, "marketing@acme.example", "marketing") as client:
        audience = (await client.execute(AUDIENCE))["marketingAudience"]
        first = audience["edges"][0]["node"]
        withdrawn = await client.execute(with_variables(WITHDRAW, {"id": first["id"]}))
        assert withdrawn["recordConsent"] == {"purpose": "marketing", "status": "WITHDRAWN"}
        after = (await client.execute(AUDIENCE))["marketingAudience"]
    assert after["totalCount"] == audience["totalCount"] - 1
    assert first["id"] not in {edge["node"]["id"] for edge in after["edges"]}


async def test_the_unsubscribe_link_works_in_one_click(base):
    async with await session(base, "marketing@acme.example", "marketing") as client:
        audience = (await client.execute(AUDIENCE))["marketingAudience"]
        contact = audience["edges"][-1]["node"]
        link = (await client.execute(with_variables(LINK, {"id": contact["id"]})))["unsubscribeLink"]
        async with httpx.AsyncClient() as browser:  # the mail client, not the API
            clicked = await browser.post(link["url"], content=link["listUnsubscribePost"],
                                         headers={"content-type": "application/x-www-form-urlencoded"})
        assert clicked.status_code == 200
        after = (await client.execute(AUDIENCE))["marketingAudience"]
    assert contact["id"] not in {edge["node"]["id"] for edge in after["edges"]}


async def test_the_dpo_exports_everything_held_about_a_contact(base):
    async with await session(base, "sales@acme.example", "sales") as sales:
        contact = (await sales.execute(CONTACTS))["contacts"]["edges"][0]["node"]
    async with await session(base, "dpo@acme.example", "legal_compliance",
                             **{"X-Legal-Reference": "DSR-2026-001"}) as dpo:
        exported = (await dpo.execute(with_variables(EXPORT, {"id": contact["id"]})))["exportContactData"]
    assert exported["contact"]["externalRef"] == contact["externalRef"]
    assert exported["contact"]["email"] == contact["email"]
