"""Who may record consent and objections, for which purpose, and what the answer shows."""

RECORD = """mutation($c: ID!, $p: String!, $s: ConsentStatus!) {
  recordConsent(contactId: $c, purpose: $p, status: $s, source: "phone call") {
    purpose status explicit source capturedAt } }"""
OBJECT = """mutation($c: ID!, $p: String!) {
  recordObjection(contactId: $c, purpose: $p) { id objections firstName email } }"""


async def test_consent_is_recorded_only_for_purposes_the_role_may_record_for(gql, factory):
    tenant = await factory.tenant()
    marketing = await factory.login_as(tenant, "marketing")
    contact = await factory.contact(tenant)
    ok = await gql(RECORD, {"c": str(contact.id), "p": "surveys", "s": "GRANTED"},
                   token=marketing, purpose="marketing")
    assert ok["data"]["recordConsent"]["purpose"] == "surveys"
    assert ok["data"]["recordConsent"]["status"] == "GRANTED"
    refused = await gql(RECORD, {"c": str(contact.id), "p": "sales", "s": "WITHDRAWN"},
                        token=marketing, purpose="marketing")
    assert refused["data"] is None
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    unknown = await gql(RECORD, {"c": str(contact.id), "p": "astrology", "s": "GRANTED"},
                        token=marketing, purpose="marketing")
    assert unknown["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_person_without_consent_can_object_and_the_answer_withholds_their_data(gql, factory):
    tenant = await factory.tenant()
    marketing = await factory.login_as(tenant, "marketing")
    contact = await factory.contact(tenant)
    result = await gql(OBJECT, {"c": str(contact.id), "p": "marketing"}, token=marketing,
                       purpose="marketing")
    assert result["data"]["recordObjection"] == {"id": str(contact.id), "objections": ["marketing"],
                                                 "firstName": None, "email": None}
    assert {e["extensions"]["code"] for e in result["errors"]} == {"CONSENT_REQUIRED"}
    # The objection is absolute: a later consent does not bring the contact back for marketing.
    await gql(RECORD, {"c": str(contact.id), "p": "marketing", "s": "GRANTED"}, token=marketing,
              purpose="marketing")
    listed = await gql("{ contacts { totalCount } }", token=marketing, purpose="marketing")
    assert listed["data"]["contacts"]["totalCount"] == 0


async def test_dpo_records_consent_for_any_purpose_under_legal_compliance(gql, factory):
    tenant = await factory.tenant()
    dpo = await factory.login_as(tenant, "dpo")
    contact = await factory.contact(tenant)
    for purpose in ("marketing", "sales", "analytics"):
        result = await gql(RECORD, {"c": str(contact.id), "p": purpose, "s": "WITHDRAWN"}, token=dpo,
                           purpose="legal_compliance")
        assert result["data"]["recordConsent"]["status"] == "WITHDRAWN", result
