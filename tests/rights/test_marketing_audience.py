"""Reachable for marketing = consent for marketing AND an active subscription to an opt-out-able
topic: marketingAudience lists exactly those, counts exactly those, and pages through them."""

import pytest

from models import Subscription
from tests.rights.support import codes, topics

AUDIENCE = """query($t: String, $first: Int!, $after: String) {
  marketingAudience(topic: $t, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id email } } } }"""
LINK = """query($c: ID!, $t: String!) { unsubscribeLink(contactId: $c, topic: $t) {
  topic url preferencesUrl listUnsubscribe listUnsubscribePost } }"""


async def _subscribe(contact, *pairs: tuple[str, bool]) -> None:
    for topic, on in pairs:
        await Subscription.create(tenant_id=contact.tenant_id, contact=contact, topic=topic,
                                  subscribed=on)


@pytest.fixture
async def crowd(factory):
    """Contacts in every state that matters, in tenant `tenant`; the reachable ones in order."""
    tenant, other = await factory.tenant(), await factory.tenant()
    await topics(tenant, newsletter=True, offers=True, service=False)
    await topics(other, newsletter=True)

    async def person(consent=None, subs=(), objected=False, **fields):
        contact = await factory.contact(tenant, **fields)
        if consent:
            await factory.consent(contact, "marketing", consent)
        if objected:
            await factory.objection(contact, "marketing")
        await _subscribe(contact, *subs)
        return contact

    reachable = [
        await person("GRANTED", [("newsletter", True)]),
        await person("GRANTED", [("offers", True), ("newsletter", False)]),
        await person("GRANTED", [("newsletter", True), ("offers", True), ("service", True)]),
    ]
    await person("GRANTED", [("service", True)])  # service announcements are not marketing
    await person("GRANTED", [("newsletter", False)])  # unsubscribed
    await person("GRANTED")  # no subscription at all
    await person(None, [("newsletter", True)])  # subscribed, never consented
    await person("WITHDRAWN", [("newsletter", True)])
    await person("GRANTED", [("newsletter", True)], objected=True)
    await person("GRANTED", [("newsletter", True)], processing_restricted=True)
    await person("GRANTED", [("newsletter", True)], erased_at=reachable[0].created_at)
    foreign = await factory.contact(other)
    await factory.consent(foreign, "marketing")
    await _subscribe(foreign, ("newsletter", True))
    return tenant, reachable


def _ids(result) -> list[str]:
    return [e["node"]["id"] for e in result["data"]["marketingAudience"]["edges"]]


async def test_exactly_the_reachable_contacts_are_listed_and_counted(gql, factory, crowd):
    tenant, reachable = crowd
    token = await factory.login_as(tenant, "marketing")
    every = await gql(AUDIENCE, {"first": 50}, token=token, purpose="marketing")
    assert _ids(every) == [str(c.id) for c in reachable]
    assert every["data"]["marketingAudience"]["totalCount"] == 3
    assert every["data"]["marketingAudience"]["edges"][0]["node"]["email"] == reachable[0].email
    newsletter = await gql(AUDIENCE, {"t": "newsletter", "first": 50}, token=token, purpose="marketing")
    assert _ids(newsletter) == [str(reachable[0].id), str(reachable[2].id)]
    assert newsletter["data"]["marketingAudience"]["totalCount"] == 2
    offers = await gql(AUDIENCE, {"t": "offers", "first": 50}, token=token, purpose="marketing")
    assert _ids(offers) == [str(reachable[1].id), str(reachable[2].id)]


async def test_the_audience_pages_by_keyset(gql, factory, crowd):
    tenant, reachable = crowd
    token = await factory.login_as(tenant, "marketing")
    seen, after = [], None
    for _ in range(3):
        page = await gql(AUDIENCE, {"first": 1, "after": after}, token=token, purpose="marketing")
        seen += _ids(page)
        info = page["data"]["marketingAudience"]["pageInfo"]
        after = info["endCursor"]
    assert seen == [str(c.id) for c in reachable] and info["hasNextPage"] is False


@pytest.mark.parametrize(("roles", "purpose", "topic", "code"), [
    (("marketing",), "marketing", "service", "BAD_USER_INPUT"),  # cannot be opted out of
    (("marketing",), "marketing", "astrology", "BAD_USER_INPUT"),
    (("admin",), "sales", None, "BAD_USER_INPUT"),  # marketing processing declares marketing
    (("sales",), "marketing", None, "PURPOSE_NOT_ALLOWED"),
    (("marketing",), None, None, "PURPOSE_REQUIRED"),
])
async def test_refusals(gql, factory, crowd, roles, purpose, topic, code):
    tenant, _reachable = crowd
    token = await factory.login_as(tenant, *roles)
    result = await gql(AUDIENCE, {"t": topic, "first": 5}, token=token, purpose=purpose)
    assert result["data"] is None and codes(result) == [code]


async def test_unsubscribe_link_is_given_for_a_visible_contact_and_an_opt_out_topic(gql, factory, crowd):
    tenant, reachable = crowd
    token = await factory.login_as(tenant, "marketing")
    result = await gql(LINK, {"c": str(reachable[0].id), "t": "newsletter"}, token=token,
                       purpose="marketing")
    link = result["data"]["unsubscribeLink"]
    assert link["url"].startswith("http://testserver/unsubscribe/")
    assert link["preferencesUrl"].startswith("http://testserver/preferences/")
    assert link["listUnsubscribe"] == f"<{link['url']}>"
    assert link["listUnsubscribePost"] == "List-Unsubscribe=One-Click"
    service = await gql(LINK, {"c": str(reachable[0].id), "t": "service"}, token=token,
                        purpose="marketing")
    assert codes(service) == ["BAD_USER_INPUT"]
    other = await factory.tenant()
    foreign = await factory.contact(other)
    assert codes(await gql(LINK, {"c": str(foreign.id), "t": "newsletter"}, token=token,
                           purpose="marketing")) == ["NOT_FOUND"]
    no_consent = await factory.contact(tenant)
    assert codes(await gql(LINK, {"c": str(no_consent.id), "t": "newsletter"}, token=token,
                           purpose="marketing")) == ["CONSENT_REQUIRED"]
    analyst = await factory.login_as(tenant, "analyst")
    assert codes(await gql(LINK, {"c": str(reachable[0].id), "t": "newsletter"}, token=analyst,
                           purpose="analytics")) == ["FORBIDDEN"]
