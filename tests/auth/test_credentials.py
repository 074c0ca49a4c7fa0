"""Remembered credentials are never used past a change: every kind of credential, every way it can
stop being valid, made the way another worker or a command would make it (straight to the
database, so this process's memory is not told), is refused on the very next request."""

from datetime import timedelta

import pytest

from auth.credentials import remembered
from auth.sessions import now, token_digest
from models import ApiToken, Session, User
from policies import versions

ME = "{ me { id } }"
CREATE = """mutation($i: ApiTokenInput!) { createApiToken(input: $i) { secret token { id } } }"""


def codes(result: dict) -> list[str]:
    return [e["extensions"]["code"] for e in result.get("errors", [])]


async def _session(factory, tenant, user):
    token = await factory.token(user)
    return token, lambda: Session.filter(token_hash=token_digest(token))


async def _api_token(factory, tenant, user, gql):
    admin_session = await factory.token(user)
    created = await gql(CREATE, {"i": {"name": "p", "purposes": ["sales"], "categories": ["identity"],
                                       "actions": ["read"],
                                       "expiresAt": (now() + timedelta(days=1)).isoformat()}},
                        token=admin_session)
    secret = created["data"]["createApiToken"]["secret"]
    return secret, lambda: ApiToken.filter(token_hash=token_digest(secret))


async def revoke(rows, user):
    await rows().update(revoked_at=now())


async def expire(rows, user):
    await rows().update(expires_at=now() - timedelta(seconds=1))


async def delete(rows, user):
    await rows().delete()


async def deactivate_user(rows, user):
    await User.filter(id=user.id).update(is_active=False)


async def delete_user(rows, user):
    await User.filter(id=user.id).delete()


CHANGES = [revoke, expire, delete, deactivate_user, delete_user]


@pytest.mark.parametrize("kind", ["session", "api_token"])
@pytest.mark.parametrize("change", CHANGES, ids=[c.__name__ for c in CHANGES])
async def test_a_remembered_credential_is_refused_on_the_next_request_after_any_change(
        gql, factory, kind, change):
    tenant = await factory.tenant()
    user = await factory.user(tenant, "admin")
    if kind == "session":
        secret, rows = await _session(factory, tenant, user)
    else:
        secret, rows = await _api_token(factory, tenant, user, gql)
    assert "errors" not in await gql(ME, token=secret)
    assert remembered.get(token_digest(secret), now()) is not None  # served from memory next
    before = await versions.current(tenant.id)
    await change(rows, user)
    after = await versions.current(tenant.id)
    assert after.credentials > before.credentials and after.policy == before.policy
    assert codes(await gql(ME, token=secret)) == ["UNAUTHENTICATED"]


async def test_logout_is_refused_at_once_and_other_sessions_of_the_tenant_keep_working(gql, factory):
    tenant = await factory.tenant()
    leaving, staying = (await factory.login_as(tenant, "sales")), (await factory.login_as(tenant, "sales"))
    for token in (leaving, staying):
        assert "errors" not in await gql(ME, token=token)
    assert (await gql("mutation { logout }", token=leaving))["data"] == {"logout": True}
    assert codes(await gql(ME, token=leaving)) == ["UNAUTHENTICATED"]
    assert "errors" not in await gql(ME, token=staying)  # checked afresh, still valid


async def test_a_role_change_moves_the_policy_version_not_the_credential_version(factory):
    tenant = await factory.tenant()
    user = await factory.user(tenant)
    before = await versions.current(tenant.id)
    await factory.engine.assign_role(user.subject, "sales", tenant.domain)
    after = await versions.current(tenant.id)
    assert after.policy > before.policy and after.credentials == before.credentials
    assert factory.engine.version(tenant.domain) == after.policy  # this process follows at once
