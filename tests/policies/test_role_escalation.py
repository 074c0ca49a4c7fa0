"""No escalation through role assignment: a caller hands out only roles whose rights it holds."""

ASSIGN = "mutation($u: ID!, $r: String!) { assignRole(userId: $u, role: $r) { userId roles } }"
REVOKE = "mutation($u: ID!, $r: String!) { revokeRole(userId: $u, role: $r) { userId roles } }"


async def test_admin_assigns_roles_within_its_own_rights(gql, factory):
    tenant = await factory.tenant()
    admin = await factory.user(tenant, "admin")
    staff = await factory.user(tenant)
    token = await factory.token(admin)
    for role in ("sales", "support", "marketing", "analyst", "finance", "admin"):
        result = await gql(ASSIGN, {"u": staff.subject, "r": role}, token=token)
        assert role in result["data"]["assignRole"]["roles"], result


async def test_admin_cannot_make_anyone_a_dpo_not_even_itself(gql, factory):
    tenant = await factory.tenant()
    admin = await factory.user(tenant, "admin")
    dpo = await factory.user(tenant, "dpo")
    token = await factory.token(admin)
    for target in (admin, await factory.user(tenant)):
        result = await gql(ASSIGN, {"u": target.subject, "r": "dpo"}, token=token)
        assert result["data"] is None
        assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert "dpo" not in factory.engine.roles_of(target.subject, tenant.domain)
    removed = await gql(REVOKE, {"u": dpo.subject, "r": "dpo"}, token=token)
    assert removed["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert factory.engine.roles_of(dpo.subject, tenant.domain) == ["dpo"]
