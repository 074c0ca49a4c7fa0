"""policy.md §4 rule 5 over HTTP: consent, withdrawal, objection, restriction and erasure of a
contact decide whether it exists for a purpose, in lists, counts and single reads."""

from datetime import datetime, timedelta, timezone

import pytest

from tests.support.activity import codes, errors_by_path

LIST = """query($first: Int) { contacts(first: $first) { totalCount edges { node { id email } } } }"""
ONE = "query($id: ID!) { contact(id: $id) { id email } }"
CONSENT = """mutation($id: ID!, $purpose: String!, $status: ConsentStatus!) {
  recordConsent(contactId: $id, purpose: $purpose, status: $status, source: "phone call") {
    purpose status } }"""
OBJECT = """mutation($id: ID!, $purpose: String!) {
  recordObjection(contactId: $id, purpose: $purpose) { id objections } }"""
HOUR = timedelta(hours=1)


def ago(hours: float) -> datetime:
    return datetime.now(timezone.utc) - hours * HOUR


async def listed(gql, token, purpose) -> tuple[set[str], int]:
    result = await gql(LIST, {"first": 100}, token=token, purpose=purpose)
    assert "errors" not in result, result
    ids = {edge["node"]["id"] for edge in result["data"]["contacts"]["edges"]}
    assert result["data"]["contacts"]["totalCount"] == len(ids)
    return ids, result["data"]["contacts"]["totalCount"]


async def listed_ids_only(gql, token, purpose):
    result = await gql("{ contacts(first: 100) { totalCount edges { node { id } } } }",
                       token=token, purpose=purpose)
    assert "errors" not in result, result
    ids = {edge["node"]["id"] for edge in result["data"]["contacts"]["edges"]}
    assert result["data"]["contacts"]["totalCount"] == len(ids)
    return ids, len(ids)


async def read_one(gql, token, purpose, contact) -> list[str]:
    result = await gql(ONE, {"id": str(contact.id)}, token=token, purpose=purpose)
    if codes(result):
        assert result["data"] == {"contact": None}, result
    else:
        assert result["data"]["contact"]["email"] == contact.email
    return codes(result)


@pytest.fixture
async def marketing_tenant(factory):
    """One contact per consent situation for the consent-based purpose `marketing`."""
    tenant = await factory.tenant()
    c = {}
    c["granted"] = await factory.contact(tenant)
    await factory.consent(c["granted"], "marketing", "GRANTED", at=ago(2))
    c["none"] = await factory.contact(tenant)
    c["other_purpose"] = await factory.contact(tenant)  # consent for surveys says nothing of marketing
    await factory.consent(c["other_purpose"], "surveys", "GRANTED", at=ago(2))
    c["withdrawn"] = await factory.contact(tenant)
    await factory.consent(c["withdrawn"], "marketing", "GRANTED", at=ago(3))
    await factory.consent(c["withdrawn"], "marketing", "WITHDRAWN", at=ago(2))
    c["late_record_of_old_grant"] = await factory.contact(tenant)  # the latest *captured* decides
    await factory.consent(c["late_record_of_old_grant"], "marketing", "WITHDRAWN", at=ago(1))
    await factory.consent(c["late_record_of_old_grant"], "marketing", "GRANTED", at=ago(5))
    c["regranted"] = await factory.contact(tenant)
    await factory.consent(c["regranted"], "marketing", "WITHDRAWN", at=ago(3))
    await factory.consent(c["regranted"], "marketing", "GRANTED", at=ago(2))
    c["objected"] = await factory.contact(tenant)  # objection beats consent
    await factory.consent(c["objected"], "marketing", "GRANTED", at=ago(2))
    await factory.objection(c["objected"], "marketing")
    c["objected_then_granted"] = await factory.contact(tenant)
    await factory.objection(c["objected_then_granted"], "marketing")
    await factory.consent(c["objected_then_granted"], "marketing", "GRANTED")
    c["restricted"] = await factory.contact(tenant, processing_restricted=True)
    await factory.consent(c["restricted"], "marketing", "GRANTED", at=ago(2))
    c["erased"] = await factory.contact(tenant, erased_at=ago(1))
    await factory.consent(c["erased"], "marketing", "GRANTED", at=ago(2))
    token = await factory.login_as(tenant, "marketing")
    dpo = await factory.login_as(tenant, "dpo")
    return tenant, c, token, dpo


EXPECTED_MARKETING = {
    "granted": [], "regranted": [],
    "none": ["CONSENT_REQUIRED"], "other_purpose": ["CONSENT_REQUIRED"],
    "withdrawn": ["CONSENT_REQUIRED"], "late_record_of_old_grant": ["CONSENT_REQUIRED"],
    "objected": ["CONSENT_REQUIRED"], "objected_then_granted": ["CONSENT_REQUIRED"],
    "restricted": ["PROCESSING_RESTRICTED"], "erased": ["NOT_FOUND"],
}


async def test_marketing_sees_only_contacts_with_standing_consent(gql, marketing_tenant):
    _tenant, c, token, _dpo = marketing_tenant
    ids, total = await listed(gql, token, "marketing")
    assert ids == {str(c["granted"].id), str(c["regranted"].id)}
    assert total == 2
    for name, expected in EXPECTED_MARKETING.items():
        assert await read_one(gql, token, "marketing", c[name]) == expected, name


async def test_legal_compliance_sees_restricted_but_not_erased(gql, marketing_tenant):
    _tenant, c, _token, dpo = marketing_tenant
    ids, _total = await listed(gql, dpo, "legal_compliance")
    assert ids == {str(c[name].id) for name in EXPECTED_MARKETING if name != "erased"}
    assert await read_one(gql, dpo, "legal_compliance", c["restricted"]) == []
    assert await read_one(gql, dpo, "legal_compliance", c["erased"]) == ["NOT_FOUND"]
    # ... while for any other purpose, even the dpo's, restriction hides the contact
    assert await read_one(gql, dpo, "sales", c["restricted"]) == ["PROCESSING_RESTRICTED"]
    assert str(c["restricted"].id) not in (await listed(gql, dpo, "sales"))[0]


async def test_legitimate_interest_purpose_ends_with_an_objection(gql, factory):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "analyst")
    plain, objected = await factory.contact(tenant), await factory.contact(tenant)
    await factory.objection(objected, "analytics")
    await factory.objection(plain, "marketing")  # an objection to another purpose changes nothing
    ids, _ = await listed_ids_only(gql, token, "analytics")
    assert ids == {str(plain.id)}
    result = await gql("query($id: ID!) { contact(id: $id) { id } }", {"id": str(objected.id)},
                       token=token, purpose="analytics")
    assert codes(result) == ["CONSENT_REQUIRED"]


async def test_recorded_withdrawal_takes_effect_on_the_next_request(gql, factory, marketing_tenant):
    _tenant, c, token, _dpo = marketing_tenant
    contact = c["granted"]
    recorded = await gql(CONSENT, {"id": str(contact.id), "purpose": "marketing",
                                   "status": "WITHDRAWN"}, token=token, purpose="marketing")
    assert recorded == {"data": {"recordConsent": {"purpose": "marketing", "status": "WITHDRAWN"}}}
    assert await read_one(gql, token, "marketing", contact) == ["CONSENT_REQUIRED"]
    ids, total = await listed(gql, token, "marketing")
    assert ids == {str(c["regranted"].id)} and total == 1
    # surveys is another purpose: untouched by a marketing withdrawal
    await factory.consent(contact, "surveys", "GRANTED", at=ago(1))
    assert await read_one(gql, token, "surveys", contact) == []


async def test_recorded_grant_makes_a_contact_without_consent_visible(gql, factory, marketing_tenant):
    """Recording consent is an action of its own: it cannot require the consent it records."""
    _tenant, c, token, _dpo = marketing_tenant
    c["foreign"] = await factory.contact(await factory.tenant())
    for name in ("none", "withdrawn"):
        recorded = await gql(CONSENT, {"id": str(c[name].id), "purpose": "marketing",
                                       "status": "GRANTED"}, token=token, purpose="marketing")
        assert recorded == {"data": {"recordConsent": {"purpose": "marketing",
                                                       "status": "GRANTED"}}}, recorded
        assert await read_one(gql, token, "marketing", c[name]) == []
    # but never for a contact of another tenant, an erased one, or one under restriction
    for name, code in (("foreign", "NOT_FOUND"), ("erased", "NOT_FOUND"),
                       ("restricted", "PROCESSING_RESTRICTED")):
        refused = await gql(CONSENT, {"id": str(c[name].id), "purpose": "marketing",
                                      "status": "GRANTED"}, token=token, purpose="marketing")
        assert codes(refused) == [code], refused


async def test_recorded_objection_takes_effect_on_the_next_request(gql, marketing_tenant):
    _tenant, c, token, _dpo = marketing_tenant
    contact = c["regranted"]
    objected = await gql(OBJECT, {"id": str(contact.id), "purpose": "marketing"}, token=token,
                         purpose="marketing")
    assert "errors" not in objected, objected
    assert await read_one(gql, token, "marketing", contact) == ["CONSENT_REQUIRED"]
    ids, total = await listed(gql, token, "marketing")
    assert ids == {str(c["granted"].id)} and total == 1


async def test_a_field_denied_on_every_row_is_reported_once(gql, factory):
    tenant = await factory.tenant()
    marketing, dpo = await factory.login_as(tenant, "marketing"), await factory.login_as(tenant, "dpo")
    for _ in range(5):
        contact = await factory.contact(tenant)
        await factory.consent(contact, "marketing", "GRANTED", explicit=False)
    query = """{ contacts(first: 10) { totalCount edges { node {
        id firstName commercialProfile { businessType } competitiveNotes sensitiveNotes } } } }"""

    result = await gql(query, token=marketing, purpose="marketing")
    nodes = [edge["node"] for edge in result["data"]["contacts"]["edges"]]
    assert len(nodes) == 5 and result["data"]["contacts"]["totalCount"] == 5
    assert all(n["firstName"] and n["commercialProfile"] is None and n["competitiveNotes"] is None
               and n["sensitiveNotes"] is None for n in nodes)
    first = ("contacts", "edges", 0, "node")
    assert errors_by_path(result) == sorted([
        ((*first, "commercialProfile"), "FORBIDDEN"), ((*first, "competitiveNotes"), "FORBIDDEN"),
        ((*first, "sensitiveNotes"), "FORBIDDEN")], key=repr)

    # rule 6 is decided per contact: the dpo may read sensitive data, but no consent here is
    # explicit, so each row carries its own error (tests/policies/test_fields.py)
    result = await gql(query, token=dpo, purpose="marketing")
    nodes = [edge["node"] for edge in result["data"]["contacts"]["edges"]]
    assert len(nodes) == 5 and all(n["competitiveNotes"] == "uses Globex" for n in nodes)
    assert all(n["sensitiveNotes"] is None for n in nodes)
    assert errors_by_path(result) == sorted(
        [(("contacts", "edges", i, "node", "sensitiveNotes"), "CONSENT_REQUIRED") for i in range(5)],
        key=repr)
