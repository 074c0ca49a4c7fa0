"""explainAccess names the rule and the policy lines that decided."""

EXPLAIN = """query($c: ID!, $f: String!, $p: String!, $u: ID) {
  explainAccess(contactId: $c, field: $f, purpose: $p, principalId: $u) {
    allowed code reason category rules } }"""


async def test_allowed_read_lists_role_purpose_category_and_basis_lines(gql, factory):
    tenant = await factory.tenant()
    user = await factory.user(tenant, "sales")
    token = await factory.token(user)
    contact = await factory.contact(tenant)
    result = (await gql(EXPLAIN, {"c": str(contact.id), "f": "firstName", "p": "sales"}, token=token))
    decision = result["data"]["explainAccess"]
    assert decision["allowed"] is True and decision["code"] is None
    assert decision["category"] == "identity"
    assert decision["rules"] == [
        f"g, {user.subject}, sales, {tenant.domain}",
        "p, sales, *, purpose, use, sales, allow",
        "p, sales, *, identity, read, sales, allow",
        "g2, sales, legitimate_interest, *",
        "p2, legitimate_interest, none, allow",
    ]


async def test_denials_name_the_rule(gql, factory):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "marketing")
    contact = await factory.contact(tenant)
    cases = [("email", "sales", "PURPOSE_NOT_ALLOWED"), ("commercialProfile", "marketing", "FORBIDDEN"),
             ("email", "marketing", "CONSENT_REQUIRED")]
    for field, purpose, code in cases:
        decision = (await gql(EXPLAIN, {"c": str(contact.id), "f": field, "p": purpose},
                              token=token))["data"]["explainAccess"]
        assert (decision["allowed"], decision["code"]) == (False, code), decision
    await factory.consent(contact, "marketing")
    decision = (await gql(EXPLAIN, {"c": str(contact.id), "f": "email", "p": "marketing"},
                          token=token))["data"]["explainAccess"]
    assert decision["allowed"] is True and "p2, consent, granted, allow" in decision["rules"]


async def test_sensitive_needs_explicit_consent_and_other_principals_need_admin_or_dpo(gql, factory):
    tenant = await factory.tenant()
    dpo = await factory.user(tenant, "dpo")
    sales = await factory.user(tenant, "sales")
    contact = await factory.contact(tenant)
    dpo_token, sales_token = await factory.token(dpo), await factory.token(sales)
    variables = {"c": str(contact.id), "f": "sensitiveNotes", "p": "sales"}
    decision = (await gql(EXPLAIN, variables, token=dpo_token))["data"]["explainAccess"]
    assert decision["code"] == "CONSENT_REQUIRED" and "Rule 6" in decision["reason"]
    about_sales = (await gql(EXPLAIN, {**variables, "u": sales.subject}, token=dpo_token))
    assert about_sales["data"]["explainAccess"]["code"] == "FORBIDDEN"
    refused = await gql(EXPLAIN, {**variables, "u": dpo.subject}, token=sales_token)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    other_tenant = await factory.user(await factory.tenant(), "sales")
    hidden = await gql(EXPLAIN, {**variables, "u": other_tenant.subject}, token=dpo_token)
    assert hidden["errors"][0]["extensions"]["code"] == "NOT_FOUND"
