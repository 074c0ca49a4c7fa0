"""Login and sessions over HTTP."""

from datetime import timedelta

from models import Session

LOGIN = """mutation($t: String!, $e: String!, $p: String!) {
    login(tenant: $t, email: $e, password: $p) { token expiresAt } }"""
ME = "{ me { id kind tenant email roles purposes } }"


async def test_login_then_me_then_logout(gql, factory):
    tenant = await factory.tenant()
    user = await factory.user(tenant, "sales", email="ada@example.com", password="s3cret pass")
    session = (await gql(LOGIN, {"t": tenant.slug, "e": "ADA@example.com ", "p": "s3cret pass"}))
    token = session["data"]["login"]["token"]
    me = await gql(ME, token=token)
    assert me["data"]["me"] == {"id": user.subject, "kind": "USER", "tenant": tenant.slug,
                                "email": "ada@example.com", "roles": ["sales"],
                                "purposes": ["sales", "support"]}
    assert (await gql("mutation { logout }", token=token))["data"]["logout"] is True
    after = await gql(ME, token=token)
    assert after["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_token_is_stored_only_as_a_keyed_hash(gql, factory):
    tenant = await factory.tenant()
    await factory.user(tenant, "sales", email="bo@example.com")
    token = (await gql(LOGIN, {"t": tenant.slug, "e": "bo@example.com", "p": "correct horse"}))[
        "data"]["login"]["token"]
    stored = await Session.filter(tenant_id=tenant.id, user__email="bo@example.com").values_list(
        "token_hash", flat=True)
    assert len(stored) == 1 and token not in stored[0] and len(stored[0]) == 64


async def test_unknown_email_wrong_password_and_unknown_tenant_answer_identically(gql, factory):
    tenant = await factory.tenant()
    await factory.user(tenant, "sales", email="cy@example.com")
    answers = [
        await gql(LOGIN, {"t": tenant.slug, "e": "cy@example.com", "p": "wrong"}),
        await gql(LOGIN, {"t": tenant.slug, "e": "nobody@example.com", "p": "wrong"}),
        await gql(LOGIN, {"t": "no-such-tenant", "e": "cy@example.com", "p": "wrong"}),
    ]
    assert answers[0] == answers[1] == answers[2]
    assert answers[0]["data"] is None
    assert answers[0]["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_unknown_email_still_verifies_a_hash(monkeypatch, gql, factory):
    """Same time for unknown email and wrong password: both run one argon2id verification."""
    from auth import passwords

    calls = []
    real = passwords._verify
    monkeypatch.setattr(passwords, "_verify", lambda h, p: calls.append(h) or real(h, p))
    tenant = await factory.tenant()
    await factory.user(tenant, "sales", email="di@example.com")
    await gql(LOGIN, {"t": tenant.slug, "e": "nobody@example.com", "p": "x"})
    await gql(LOGIN, {"t": tenant.slug, "e": "di@example.com", "p": "x"})
    assert len(calls) == 2 and all(h.startswith("$argon2id$v=19$m=19456,t=2,p=1$") for h in calls)


async def test_expired_revoked_and_garbage_tokens_are_unauthenticated(gql, factory):
    tenant = await factory.tenant()
    user = await factory.user(tenant, "sales")
    expired = await factory.token(user, expires_in=timedelta(seconds=-1))
    for token in (expired, "sps_garbage", "not-even-a-token", None):
        result = await gql(ME, token=token)
        assert result["data"] is None
        assert result["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        contact = await gql("{ contacts { totalCount } }", token=token, purpose="sales")
        assert contact["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_deactivated_user_loses_sessions(gql, factory):
    tenant = await factory.tenant()
    user = await factory.user(tenant, "sales")
    token = await factory.token(user)
    user.is_active = False
    await user.save()
    assert (await gql(ME, token=token))["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
