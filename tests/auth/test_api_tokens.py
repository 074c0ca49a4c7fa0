"""Partner API tokens (policy.md §1, issue 5 parts 1 and 2): issued by tenant admins within their
own rights, stored only as a keyed hash, narrowed by their scope on every decision, and never
worth more than their issuer's rights of the moment."""

from datetime import datetime, timedelta, timezone

import pytest

from auth import tokens
from auth.credentials import remembered
from auth.sessions import token_digest
from models import ApiToken
from tests.support.query_counter import count_queries

FIELDS = """id name prefix purposes categories actions issuedBy issuerEmail createdAt lastUsedAt
            expiresAt revokedAt active"""
CREATE = f"""mutation($i: ApiTokenInput!) {{ createApiToken(input: $i) {{ secret token {{ {FIELDS} }} }} }}"""
LIST = f"{{ apiTokens {{ {FIELDS} }} }}"
REVOKE = f"mutation($id: ID!) {{ revokeApiToken(id: $id) {{ {FIELDS} }} }}"
ME = "{ me { id kind tenant email roles purposes } }"
CONTACT = "query($id: ID!) { contact(id: $id) { id firstName email } }"


def in_days(days: float) -> str:
    return (datetime.now(timezone.utc) + timedelta(days=days)).isoformat()


def scope(purposes=("sales",), categories=("identity",), actions=("read",), name="partner",
          expires=30) -> dict:
    return {"name": name, "purposes": list(purposes), "categories": list(categories),
            "actions": list(actions), "expiresAt": in_days(expires)}


def codes(result: dict) -> list[str]:
    return [e["extensions"]["code"] for e in result.get("errors", [])]


async def create(gql, session: str, **kwargs) -> dict:
    result = await gql(CREATE, {"i": scope(**kwargs)}, token=session)
    assert "errors" not in result, result
    return result["data"]["createApiToken"]


@pytest.fixture
async def acme(factory):
    """A tenant with an admin (who also works in sales) and one contact."""
    tenant = await factory.tenant()
    admin = await factory.user(tenant, "admin", "sales")
    session = await factory.token(admin)
    contact = await factory.contact(tenant, first_name="Ada", email="ada@example.com")
    await factory.financial(contact)
    return tenant, admin, session, contact


async def test_issue_list_and_use_a_token(gql, acme):
    tenant, admin, session, contact = acme
    new = await create(gql, session, purposes=["sales"], categories=["identity"])
    secret, token = new["secret"], new["token"]
    assert secret.startswith("spt_") and len(secret) == 40 and tokens.well_formed(secret)
    assert token["prefix"] == secret[:12] and token["issuedBy"] == admin.subject
    assert token["issuerEmail"] == admin.email and token["active"] is True
    assert (token["purposes"], token["categories"], token["actions"]) == (["sales"], ["identity"], ["read"])
    assert token["lastUsedAt"] is None and token["revokedAt"] is None

    listed = (await gql(LIST, token=session))["data"]["apiTokens"]
    assert [t["id"] for t in listed] == [token["id"]]
    assert secret not in str(listed)

    me = (await gql(ME, token=secret))["data"]["me"]
    assert me == {"id": f"token:{token['id']}", "kind": "API_TOKEN", "tenant": tenant.slug,
                  "email": None, "roles": [], "purposes": ["sales"]}
    after = (await gql(LIST, token=session))["data"]["apiTokens"][0]
    assert after["lastUsedAt"] is not None


async def test_the_secret_is_stored_only_as_a_keyed_hash(gql, acme):
    _tenant, _admin, session, _contact = acme
    new = await create(gql, session)
    row = await ApiToken.get(id=int(new["token"]["id"])).values()
    assert row["token_hash"] == token_digest(new["secret"]) and len(row["token_hash"]) == 64
    assert not any(new["secret"] in str(value) for value in row.values())
    assert row["prefix"] == new["secret"][:12]


async def test_one_purpose_needs_no_x_purpose_and_categories_outside_the_scope_are_null(gql, acme):
    _tenant, _admin, session, contact = acme
    secret = (await create(gql, session, purposes=["sales"], categories=["identity"]))["secret"]
    result = await gql(CONTACT, {"id": str(contact.id)}, token=secret)  # no X-Purpose
    assert result["data"]["contact"] == {"id": str(contact.id), "firstName": "Ada", "email": None}
    assert codes(result) == ["FORBIDDEN"] and result["errors"][0]["path"] == ["contact", "email"]
    # the same request by the issuer's session: email is the issuer's right, not the token's
    issuer = await gql(CONTACT, {"id": str(contact.id)}, token=session, purpose="sales")
    assert issuer["data"]["contact"]["email"] == "ada@example.com"


async def test_purpose_outside_the_scope_is_not_allowed(gql, acme):
    _tenant, _admin, session, contact = acme
    secret = (await create(gql, session, purposes=["sales", "support"]))["secret"]
    # the issuer (admin) may use marketing; the token may not
    result = await gql(CONTACT, {"id": str(contact.id)}, token=secret, purpose="marketing")
    assert result["data"] == {"contact": None} and codes(result) == ["PURPOSE_NOT_ALLOWED"]
    two = await gql(CONTACT, {"id": str(contact.id)}, token=secret)  # two purposes: must declare
    assert codes(two) == ["PURPOSE_REQUIRED"]
    ok = await gql(CONTACT, {"id": str(contact.id)}, token=secret, purpose="support")
    assert ok["data"]["contact"]["firstName"] == "Ada"


@pytest.mark.parametrize("mutation", [
    'mutation { createContact(input: {firstName: "Eve"}) { id } }',
    'mutation($id: ID!) { updateContact(id: $id, input: {firstName: "Eve"}) { id } }',
    'mutation($id: ID!) { recordConsent(contactId: $id, purpose: "sales", status: GRANTED, '
    'source: "partner") { purpose } }',
])
async def test_a_read_only_token_cannot_write(gql, acme, mutation):
    _tenant, _admin, session, contact = acme
    secret = (await create(gql, session, categories=["identity", "preferences"]))["secret"]
    result = await gql(mutation, {"id": str(contact.id)} if "$id" in mutation else None, token=secret)
    assert result["data"] is None and codes(result) == ["FORBIDDEN"]


async def test_a_write_token_writes_within_its_categories_only(gql, acme):
    _tenant, _admin, session, contact = acme
    secret = (await create(gql, session, categories=["identity"], actions=["read", "write"]))["secret"]
    update = 'mutation($id: ID!, $i: ContactInput!) { updateContact(id: $id, input: $i) { firstName } }'
    renamed = await gql(update, {"id": str(contact.id), "i": {"firstName": "Adele"}}, token=secret)
    assert renamed["data"] == {"updateContact": {"firstName": "Adele"}}
    email = await gql(update, {"id": str(contact.id), "i": {"email": "x@example.com"}}, token=secret)
    assert codes(email) == ["FORBIDDEN"]


async def test_tokens_cannot_administer(gql, acme):
    _tenant, _admin, session, _contact = acme
    secret = (await create(gql, session))["secret"]
    assert codes(await gql(LIST, token=secret)) == ["FORBIDDEN"]
    assert codes(await gql(CREATE, {"i": scope()}, token=secret)) == ["FORBIDDEN"]


async def test_a_demoted_issuer_takes_the_right_from_the_token(gql, factory, acme):
    tenant, admin, session, contact = acme
    secret = (await create(gql, session, categories=["identity", "financial"]))["secret"]
    query = """query($id: ID!) { contact(id: $id) { firstName
               financials { edges { node { amount } } } } }"""
    before = await gql(query, {"id": str(contact.id)}, token=secret)
    assert before["data"]["contact"]["financials"]["edges"] == [{"node": {"amount": "120.00"}}]
    await factory.engine.revoke_role(admin.subject, "admin", tenant.domain)  # still sales
    after = await gql(query, {"id": str(contact.id)}, token=secret)
    assert after["data"]["contact"]["firstName"] == "Ada"  # sales still reads identity
    assert after["data"]["contact"]["financials"]["edges"] == [{"node": {"amount": None}}]
    assert codes(after) == ["FORBIDDEN"]  # sales may not read financial data
    await factory.engine.revoke_role(admin.subject, "sales", tenant.domain)
    assert codes(await gql(CONTACT, {"id": str(contact.id)}, token=secret)) == ["PURPOSE_NOT_ALLOWED"]


async def test_a_deactivated_or_deleted_issuer_unauthenticates_the_token(gql, factory, acme):
    tenant, admin, session, _contact = acme
    secret = (await create(gql, session))["secret"]
    admin.is_active = False
    await admin.save()
    assert codes(await gql(ME, token=secret)) == ["UNAUTHENTICATED"]
    other = await factory.user(tenant, "admin")
    second = (await create(gql, await factory.token(other)))["secret"]
    await other.delete()  # the token goes with its issuer
    assert codes(await gql(ME, token=second)) == ["UNAUTHENTICATED"]


async def test_revoked_and_expired_tokens_are_unauthenticated(gql, acme):
    _tenant, _admin, session, contact = acme
    revoked, expired = await create(gql, session), await create(gql, session)
    result = await gql(REVOKE, {"id": revoked["token"]["id"]}, token=session)
    assert result["data"]["revokeApiToken"]["active"] is False
    assert result["data"]["revokeApiToken"]["revokedAt"] is not None
    await ApiToken.filter(id=int(expired["token"]["id"])).update(
        expires_at=datetime.now(timezone.utc) - timedelta(seconds=1))
    for secret in (revoked["secret"], expired["secret"]):
        result = await gql(CONTACT, {"id": str(contact.id)}, token=secret, purpose="sales")
        assert result["data"] == {"contact": None} and codes(result) == ["UNAUTHENTICATED"]
    listed = {t["id"]: t["active"] for t in (await gql(LIST, token=session))["data"]["apiTokens"]}
    assert listed == {revoked["token"]["id"]: False, expired["token"]["id"]: False}


async def test_a_token_of_tenant_a_finds_nothing_of_tenant_b(gql, factory, acme):
    _tenant, _admin, session, _contact = acme
    other = await factory.tenant()
    theirs = await factory.contact(other)
    their_session = await factory.login_as(other, "admin")
    their_token = await create(gql, their_session)
    secret = (await create(gql, session))["secret"]
    foreign = await gql(CONTACT, {"id": str(theirs.id)}, token=secret)
    missing = await gql(CONTACT, {"id": "987654321"}, token=secret)
    assert foreign == missing and codes(foreign) == ["NOT_FOUND"]
    revoke = await gql(REVOKE, {"id": their_token["token"]["id"]}, token=session)
    assert codes(revoke) == ["NOT_FOUND"]
    assert await ApiToken.filter(id=int(their_token["token"]["id"]), revoked_at__isnull=True).exists()
    listed = [t["id"] for t in (await gql(LIST, token=session))["data"]["apiTokens"]]
    assert len(listed) == 1 and their_token["token"]["id"] not in listed


async def test_malformed_tokens_cost_no_query_and_a_wellformed_one_costs_one(gql, acme):
    _tenant, _admin, session, _contact = acme
    secret = (await create(gql, session))["secret"]
    await tokens.principal_for_api_token(secret)  # sets last_used_at: the next use only reads
    flipped = secret[:-1] + ("A" if secret[-1] != "A" else "B")  # checksum no longer matches
    body = secret[4:-6]
    for bad in (flipped, secret[:-1], "spt_" + "!" * 36, "spx_" + secret[4:], secret + "0"):
        assert not tokens.well_formed(bad)
        with count_queries() as queries:
            assert await tokens.principal_for_api_token(bad) is None
        assert len(queries) == 0
        assert codes(await gql(ME, token=bad)) == ["UNAUTHENTICATED"]
    forged = "spt_" + body[::-1] + tokens._checksum(body[::-1])  # valid checksum, never issued
    with count_queries() as queries:
        assert await tokens.principal_for_api_token(forged) is None
    assert len(queries) == 1
    remembered.clear()
    with count_queries() as queries:
        principal = await tokens.principal_for_api_token(secret)
    assert len(queries) == 1 and principal.token_id is not None and principal.user_id is None
    with count_queries() as queries:  # remembered: only the tenant's versions, by primary key
        assert await tokens.principal_for_api_token(secret) == principal
    assert len(queries) == 1 and "api_token" not in str(queries.statements[0]).lower(), queries.pretty()


async def test_a_token_cannot_be_wider_than_its_issuer(gql, factory, acme):
    tenant, _admin, session, _contact = acme
    refused = [
        # admin may write special-category data for sales but not read it: every
        # purpose x category x action must be the issuer's
        scope(categories=["identity", "sensitive"], actions=["read", "write"]),
        scope(purposes=["sales", "legal_compliance"]),  # the dpo's purpose
    ]
    for wide in refused:
        result = await gql(CREATE, {"i": wide}, token=session)
        assert result["data"] is None and codes(result) == ["FORBIDDEN"], wide
    assert await create(gql, session, categories=["identity", "sensitive"], actions=["write"])
    sales_only = await factory.login_as(tenant, "sales")
    assert codes(await gql(CREATE, {"i": scope()}, token=sales_only)) == ["FORBIDDEN"]
    assert await ApiToken.filter(tenant_id=tenant.id).count() == 1


@pytest.mark.parametrize("change, field", [
    ({"purposes": []}, "purposes"),
    ({"purposes": ["teleportation"]}, "purposes"),
    ({"categories": ["secrets"]}, "categories"),
    ({"actions": ["delete"]}, "actions"),
    ({"name": "  "}, "name"),
    ({"expiresAt": in_days(-1)}, "expiresAt"),
    ({"expiresAt": in_days(366)}, "expiresAt"),
])
async def test_invalid_requests_are_bad_user_input(gql, acme, change, field):
    _tenant, _admin, session, _contact = acme
    result = await gql(CREATE, {"i": {**scope(), **change}}, token=session)
    assert codes(result) == ["BAD_USER_INPUT"]
    assert result["errors"][0]["extensions"]["reason"].startswith(f"{field}:")


async def test_explain_access_is_narrowed_by_the_scope(gql, acme):
    _tenant, _admin, session, contact = acme
    secret = (await create(gql, session, purposes=["sales"], categories=["identity"]))["secret"]
    explain = """query($c: ID!, $f: String!, $p: String!) {
        explainAccess(contactId: $c, field: $f, purpose: $p) { allowed code } }"""
    answers = {}
    for field, purpose in (("firstName", "sales"), ("email", "sales"), ("firstName", "marketing")):
        result = await gql(explain, {"c": str(contact.id), "f": field, "p": purpose}, token=secret)
        answers[(field, purpose)] = result["data"]["explainAccess"]
    assert answers == {
        ("firstName", "sales"): {"allowed": True, "code": None},
        ("email", "sales"): {"allowed": False, "code": "FORBIDDEN"},
        ("firstName", "marketing"): {"allowed": False, "code": "PURPOSE_NOT_ALLOWED"},
    }


async def test_recording_consent_is_a_preferences_write_for_a_purpose_of_the_scope(gql, factory):
    tenant = await factory.tenant()
    session = await factory.login_as(tenant, "admin")
    contact = await factory.contact(tenant)
    secret = (await create(gql, session, purposes=["marketing"], categories=["preferences"],
                           actions=["read", "write"]))["secret"]
    record = """mutation($c: ID!, $p: String!) { recordConsent(contactId: $c, purpose: $p,
                status: GRANTED, source: "partner form") { purpose status } }"""
    granted = await gql(record, {"c": str(contact.id), "p": "marketing"}, token=secret)
    assert granted["data"] == {"recordConsent": {"purpose": "marketing", "status": "GRANTED"}}
    other = await gql(record, {"c": str(contact.id), "p": "surveys"}, token=secret)  # admin may
    assert codes(other) == ["FORBIDDEN"]
    restrict = await gql("mutation($c: ID!) { setProcessingRestriction(contactId: $c, "
                         "restricted: true) { id } }", {"c": str(contact.id)}, token=secret)
    assert codes(restrict) == ["FORBIDDEN"]
