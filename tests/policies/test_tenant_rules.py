"""Per-tenant policy: purposes, role grants and role assignments through the API, and the built-in
guarantees that no tenant line can weaken, proven by storing such lines directly through the
engine (no validation on that path) and by running the tenant-rules table without the model's
guard terms."""

import re

import pytest

from policies import tables
from policies.adapter import MODEL_CONF
from policies.verdict import judge
from policies.vocabulary import BasisState
from tests.support.activity import codes

CONTACT = "query($id: ID!) { contact(id: $id) { id firstName email sensitiveNotes } }"
ADD_PURPOSE = "mutation($n: String!, $b: TenantLawfulBasis!) { addTenantPurpose(name: $n, lawfulBasis: $b) { name lawfulBasis builtIn } }"
GRANT = """mutation($r: String!, $c: String!, $a: GrantAction!, $p: String!) {
  grantRolePermission(role: $r, category: $c, action: $a, purpose: $p) { name builtIn permissions { category action purpose } } }"""
REVOKE_GRANT = """mutation($r: String!, $c: String!, $a: GrantAction!, $p: String!) {
  revokeRolePermission(role: $r, category: $c, action: $a, purpose: $p) { name permissions { category } } }"""
ASSIGN = "mutation($u: ID!, $r: String!) { assignRole(userId: $u, role: $r) { userId roles } }"
UNASSIGN = "mutation($u: ID!, $r: String!) { revokeRole(userId: $u, role: $r) { userId roles } }"
POLICY = "{ tenantPolicy { purposes { name lawfulBasis builtIn } roles { name builtIn permissions { category action purpose } } assignments { userId roles } rules } }"


@pytest.fixture
async def shop(factory):
    tenant = await factory.tenant()
    admin = await factory.token(await factory.user(tenant, "admin"))
    clerk = await factory.user(tenant)
    return tenant, admin, clerk, await factory.token(clerk)


async def test_admin_adds_a_purpose_grants_a_role_and_assigns_it(gql, factory, shop):
    tenant, admin, clerk, clerk_token = shop
    added = await gql(ADD_PURPOSE, {"n": "newsletter", "b": "CONSENT"}, token=admin)
    assert added["data"]["addTenantPurpose"] == {"name": "newsletter", "lawfulBasis": "consent",
                                                 "builtIn": False}
    granted = await gql(GRANT, {"r": "campaigns", "c": "contact_details", "a": "READ",
                                "p": "newsletter"}, token=admin)
    assert granted["data"]["grantRolePermission"] == {
        "name": "campaigns", "builtIn": False,
        "permissions": [{"category": "contact_details", "action": "read", "purpose": "newsletter"}]}
    contact = await factory.contact(tenant)
    before = await gql(CONTACT, {"id": str(contact.id)}, token=clerk_token, purpose="newsletter")
    assert codes(before) == ["PURPOSE_NOT_ALLOWED"]
    assigned = await gql(ASSIGN, {"u": clerk.subject, "r": "campaigns"}, token=admin)
    assert assigned["data"]["assignRole"] == {"userId": clerk.subject, "roles": ["campaigns"]}

    no_consent = await gql(CONTACT, {"id": str(contact.id)}, token=clerk_token, purpose="newsletter")
    assert no_consent["data"] == {"contact": None} and codes(no_consent) == ["CONSENT_REQUIRED"]
    await factory.consent(contact, "newsletter")
    result = await gql(CONTACT, {"id": str(contact.id)}, token=clerk_token, purpose="newsletter")
    assert result["data"]["contact"]["email"] == contact.email
    assert result["data"]["contact"]["firstName"] is None
    assert sorted(codes(result)) == ["FORBIDDEN", "FORBIDDEN"]  # identity, sensitive: not granted

    policy = (await gql(POLICY, token=admin))["data"]["tenantPolicy"]
    assert {"name": "newsletter", "lawfulBasis": "consent", "builtIn": False} in policy["purposes"]
    assert {"userId": clerk.subject, "roles": ["campaigns"]} in policy["assignments"]
    assert f"g2, newsletter, consent, {tenant.domain}" in policy["rules"]
    assert f"p, campaigns, {tenant.domain}, contact_details, read, newsletter, allow" in policy["rules"]

    revoked = await gql(REVOKE_GRANT, {"r": "campaigns", "c": "contact_details", "a": "READ",
                                       "p": "newsletter"}, token=admin)
    assert revoked["data"]["revokeRolePermission"]["permissions"] == []
    after = await gql(CONTACT, {"id": str(contact.id)}, token=clerk_token, purpose="newsletter")
    assert codes(after) == ["PURPOSE_NOT_ALLOWED"]  # the purpose's use went with the last grant
    unassigned = await gql(UNASSIGN, {"u": clerk.subject, "r": "campaigns"}, token=admin)
    assert unassigned["data"]["revokeRole"]["roles"] == []


@pytest.mark.parametrize("query, variables, reason", [
    (ADD_PURPOSE, {"n": "marketing", "b": "LEGITIMATE_INTEREST"}, "built-in purpose or a reserved"),
    (ADD_PURPOSE, {"n": "legal_compliance", "b": "CONTRACT"}, "built-in purpose or a reserved"),
    (ADD_PURPOSE, {"n": "consent", "b": "CONSENT"}, "built-in purpose or a reserved"),
    (ADD_PURPOSE, {"n": "Bad Name", "b": "CONSENT"}, "lowercase letters"),
    (GRANT, {"r": "helper", "c": "sensitive", "a": "READ", "p": "sales"}, "cannot be granted"),
    (GRANT, {"r": "helper", "c": "purpose", "a": "READ", "p": "sales"}, "cannot be granted"),
    (GRANT, {"r": "helper", "c": "identity", "a": "READ", "p": "legal_compliance"}, "not a purpose"),
    (GRANT, {"r": "helper", "c": "identity", "a": "READ", "p": "teleportation"}, "not a purpose"),
    (GRANT, {"r": "analyst", "c": "identity", "a": "READ", "p": "analytics"}, "built-in role"),
    (ASSIGN, {"u": "user:1", "r": "no_such_role"}, None),
])
async def test_requests_that_would_weaken_the_policy_are_refused(gql, shop, query, variables, reason):
    _tenant, admin, clerk, _token = shop
    if query is ASSIGN:
        variables = {**variables, "u": clerk.subject}
    result = await gql(query, variables, token=admin)
    assert codes(result) == ["BAD_USER_INPUT"], result
    assert reason is None or reason in result["errors"][0]["extensions"]["reason"]


async def test_a_legal_obligation_basis_is_not_even_in_the_schema(gql, shop):
    _tenant, admin, _clerk, _token = shop
    result = await gql('mutation { addTenantPurpose(name: "subpoenas", lawfulBasis: LEGAL_OBLIGATION) '
                       '{ name } }', token=admin)
    assert result.get("data") is None and "LEGAL_OBLIGATION" in result["errors"][0]["message"]


async def test_only_admins_change_the_policy_and_only_for_their_own_users(gql, factory, shop):
    tenant, admin, clerk, clerk_token = shop
    sales = await factory.login_as(tenant, "sales")
    for token in (clerk_token, sales):
        assert codes(await gql(ADD_PURPOSE, {"n": "newsletter", "b": "CONSENT"}, token=token)) == ["FORBIDDEN"]
        assert codes(await gql(ASSIGN, {"u": clerk.subject, "r": "admin"}, token=token)) == ["FORBIDDEN"]
        assert codes(await gql(POLICY, token=token)) == ["FORBIDDEN"]
    stranger = await factory.user(await factory.tenant(), "sales")
    for user_id in (stranger.subject, "user:999999999", "nonsense"):
        assert codes(await gql(ASSIGN, {"u": user_id, "r": "admin"}, token=admin)) == ["NOT_FOUND"]


async def test_the_last_user_who_manages_users_keeps_that_right(gql, factory):
    tenant = await factory.tenant()
    admin = await factory.user(tenant, "admin")
    token = await factory.token(admin)
    refused = await gql(UNASSIGN, {"u": admin.subject, "r": "admin"}, token=token)
    assert codes(refused) == ["BAD_USER_INPUT"]
    second = await factory.user(tenant, "admin")
    allowed = await gql(UNASSIGN, {"u": second.subject, "r": "admin"}, token=token)
    assert allowed["data"]["revokeRole"]["roles"] == []


# -- guarantees: lines stored directly through the engine, no validation ---------------------------
async def test_lines_stored_directly_cannot_weaken_the_built_in_guarantees(gql, factory):
    tenant, other = await factory.tenant(), await factory.tenant()
    engine, domain = factory.engine, tenant.domain
    helper = await factory.user(tenant, "helper")
    marketer = await factory.token(await factory.user(tenant, "marketing"))
    helper_token = await factory.token(helper)
    contact = await factory.contact(tenant)
    await factory.consent(contact, "sales", explicit=True)
    theirs = await factory.contact(other)
    await engine.add_lines(tenant.id, [
        ["g2", "marketing", "legitimate_interest", domain],  # downgrade a consent purpose
        ["g2", "house_rules", "legal_obligation", domain],  # a purpose of its own under legal obligation
        ["g2", "sales", "legal_obligation", domain],  # redefine a built-in purpose
        ["p", "helper", domain, "purpose", "use", "sales", "allow"],
        ["p", "helper", domain, "identity", "read", "sales", "allow"],
        ["p", "helper", domain, "sensitive", "read", "sales", "allow"],  # special category
        ["p", "helper", domain, "purpose", "use", "house_rules", "allow"],
        ["p", "helper", domain, "identity", "read", "house_rules", "allow"],
        ["p", "helper", domain, "purpose", "use", "legal_compliance", "allow"],  # legal process
        ["p", "helper", domain, "users", "manage", "administration", "allow"],  # administration
        ["p", "helper", "*", "contact_details", "read", "sales", "allow"],  # a built-in-looking line
        ["p", "helper", other.domain, "identity", "read", "sales", "allow"],  # another tenant's domain
        ["g", helper.subject, "admin", other.domain],  # a role in another tenant
        ["p2", "consent", "none", "allow"],  # basis semantics are built-in only
        ["g3", "sensitive", "tenant_grantable"],  # so are the groups the model reads
        ["p", "dpo", domain, "restriction", "set", "legal_compliance", "deny"],  # deny the dpo its duty
    ])
    await engine.prepare(other.domain)
    assert engine.permits(helper.subject, domain, "identity", "read", "sales")  # what may be granted
    assert not engine.permits(helper.subject, domain, "sensitive", "read", "sales")
    assert not engine.permits(helper.subject, domain, "contact_details", "read", "sales")
    assert not engine.permits(helper.subject, domain, "purpose", "use", "legal_compliance")
    assert not engine.permits(helper.subject, domain, "users", "manage", "administration")
    assert not engine.permits(helper.subject, other.domain, "identity", "read", "sales")
    assert engine.roles_of(helper.subject, other.domain) == []
    assert engine.permits("dpo", domain, "restriction", "set", "legal_compliance")
    assert "house_rules" not in engine.known_purposes(domain)
    assert engine.lawful_basis(domain, "sales") == "legitimate_interest"
    assert engine.lawful_basis(domain, "marketing") == "consent"

    result = await gql(CONTACT, {"id": str(contact.id)}, token=helper_token, purpose="sales")
    node = result["data"]["contact"]
    assert node["firstName"] == contact.first_name  # the allowed grant works
    assert node["email"] is None and node["sensitiveNotes"] is None  # the others do not
    assert sorted(codes(result)) == ["FORBIDDEN", "FORBIDDEN"]
    hidden = await gql(CONTACT, {"id": str(contact.id)}, token=marketer, purpose="marketing")
    assert codes(hidden) == ["CONSENT_REQUIRED"]  # still consent-based, no consent recorded
    for purpose in ("house_rules", "legal_compliance"):
        refused = await gql(CONTACT, {"id": str(contact.id)}, token=helper_token, purpose=purpose)
        assert codes(refused) == ["PURPOSE_NOT_ALLOWED"]
    foreign = await gql(CONTACT, {"id": str(theirs.id)}, token=helper_token, purpose="sales")
    assert codes(foreign) == ["NOT_FOUND"]


async def test_a_second_weaker_basis_does_not_widen_a_purpose_of_the_tenant(factory):
    tenant = await factory.tenant()
    domain = tenant.domain
    await factory.engine.add_lines(tenant.id, [["g2", "newsletter", "consent", domain],
                                               ["g2", "newsletter", "legitimate_interest", domain]])
    accepted = {s.value for s in BasisState if factory.engine.basis_accepts(domain, "newsletter", s)}
    assert accepted == {"granted"}


async def test_without_the_model_guard_terms_the_tenant_rules_table_fails(tmp_path):
    """The guarantees come from model.conf's matchers: the same table, run on a model whose
    matchers lack the guard terms, fails; with them, it passes."""
    plain = re.sub(r"^m = .*$", 'm = r.obj == p.obj && r.act == p.act && r.purpose == p.purpose && '
                   '(p.dom == r.dom || p.dom == "*") && g(r.sub, p.sub, r.dom)',
                   MODEL_CONF.read_text(), flags=re.M)
    plain = re.sub(r"^m3 = .*$", 'm3 = r3.cat == p3.cat && (p3.consent == "*" || r3.consent == '
                   'p3.consent) && g2(r3.purpose, p3.basis, r3.dom)', plain, flags=re.M)
    (tmp_path / "model.conf").write_text(plain)
    table = tables.load(tables.TABLES / "tenant_rules.yaml")

    async def failing(model_path) -> set[int]:
        engine = await tables.engine_for(table, model_path=model_path)
        return {row.line for row in table.rows
                if not tables.Result(row, judge(engine, tables.question(row)), engine).passed}

    assert await failing(MODEL_CONF) == set()
    unguarded = await failing(tmp_path / "model.conf")
    lines = {(r.principal, r.object, r.action): r.line for r in table.rows}
    assert {lines["junior_sales", "sensitive", "read"], lines["junior_sales", "users", "manage"],
            lines["junior_sales", "policy", "manage"], lines["dpo", "restriction", "set"]} <= unguarded
