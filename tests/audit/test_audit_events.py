"""auditEvents: who may read the log, tenant binding, filters and keyset pagination."""

from datetime import datetime, timedelta, timezone

import pytest

from audit import chain, commit
from models import AuditEvent

QUERY = """query($first: Int, $after: String, $filter: AuditFilter) {
  auditEvents(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id seq at principal purpose operation contactIds categoriesReturned
                   categoriesDenied codes legalReference hasLegalReference prevHash hash } } } }"""


def entry(principal: str, purpose: str | None, contact_ids: list[int]) -> chain.Entry:
    return chain.Entry(principal=principal, purpose=purpose, operation="query contacts",
                       contact_ids=contact_ids, categories_returned=["identity"],
                       categories_denied=[], codes=[])


async def read(gql, token: str, **variables) -> dict:
    return await gql(QUERY, {"first": 50, **variables}, token=token)


def seqs(result: dict) -> list[int]:
    return [e["node"]["seq"] for e in result["data"]["auditEvents"]["edges"]]


@pytest.fixture
async def logged(factory):
    """A tenant with six events of known principals, purposes and contacts (seq 1..6), and a
    dpo; the dpo's own reads of the log come after them (seq 7, 8, …)."""
    tenant = await factory.tenant()
    for principal, purpose, contacts in [("user:1", "sales", [10, 11]), ("user:2", "support", [11]),
                                         ("token:7", "sales", [12]), ("user:1", "marketing", []),
                                         ("user:2", "sales", [10, 110]), ("user:1", "sales", [1])]:
        await commit.record(tenant.id, entry(principal, purpose, contacts))
    await commit.settle()
    return tenant, await factory.login_as(tenant, "dpo")


@pytest.mark.parametrize("role", ["dpo", "admin"])
async def test_dpo_and_admin_read_the_log_newest_first(gql, factory, logged, role):
    tenant, _dpo = logged
    result = await read(gql, await factory.login_as(tenant, role))
    assert seqs(result) == [6, 5, 4, 3, 2, 1]
    newest = result["data"]["auditEvents"]["edges"][0]["node"]
    stored = await AuditEvent.get(tenant_id=tenant.id, seq=6)
    assert newest == {"id": str(stored.id), "seq": 6, "at": stored.at.isoformat(),
                      "principal": "user:1", "purpose": "sales", "operation": "query contacts",
                      "contactIds": ["1"], "categoriesReturned": ["identity"],
                      "categoriesDenied": [], "codes": [], "legalReference": None,
                      "hasLegalReference": False,
                      "prevHash": stored.prev_hash, "hash": stored.hash}


@pytest.mark.parametrize("role", ["sales", "support", "marketing", "analyst", "finance"])
async def test_other_roles_are_forbidden(gql, factory, logged, role):
    tenant, _dpo = logged
    result = await gql(QUERY, token=await factory.login_as(tenant, role), purpose="sales")
    assert result["data"] is None
    assert [e["extensions"]["code"] for e in result["errors"]] == ["FORBIDDEN"]


async def test_unauthenticated_callers_are_refused(gql):
    result = await gql(QUERY)
    assert [e["extensions"]["code"] for e in result["errors"]] == ["UNAUTHENTICATED"]


async def test_reading_the_log_is_itself_recorded(gql, factory, logged):
    tenant, dpo = logged
    await read(gql, dpo)
    result = await read(gql, dpo, first=1)
    assert seqs(result) == [7]  # the first read, recorded before its answer was sent
    node = result["data"]["auditEvents"]["edges"][0]["node"]
    assert node["operation"] == "query auditEvents" and node["contactIds"] == []
    assert node["principal"].startswith("user:") and node["principal"] not in ("user:1", "user:2")


@pytest.mark.parametrize(("audit_filter", "expected"), [
    ({"contactId": "10"}, [5, 1]),
    ({"contactId": "11"}, [2, 1]),
    ({"contactId": "1"}, [6]),  # not 10, 11 or 110
    ({"contactId": "99"}, []),
    ({"principal": "user:1"}, [6, 4, 1]),
    ({"principal": "token:7"}, [3]),
    ({"purpose": "sales"}, [6, 5, 3, 1]),
    ({"principal": "user:2", "purpose": "sales", "contactId": "110"}, [5]),
])
async def test_filters(gql, logged, audit_filter, expected):
    _tenant, dpo = logged
    result = await read(gql, dpo, filter=audit_filter)
    assert seqs(result) == expected
    assert result["data"]["auditEvents"]["totalCount"] == len(expected)


async def test_time_filter_since_inclusive_until_exclusive(gql, logged):
    tenant, dpo = logged
    # Move the six events a day back, one minute apart (their hashes break; irrelevant here), so
    # the dpo's reads, recorded now, fall after `until`.
    base = (await AuditEvent.get(tenant_id=tenant.id, seq=1)).at - timedelta(days=1)
    for seq in range(1, 7):
        await AuditEvent.filter(tenant_id=tenant.id, seq=seq).update(at=base + timedelta(minutes=seq))
    since, until = (base + timedelta(minutes=2)).isoformat(), (base + timedelta(minutes=5)).isoformat()
    assert seqs(await read(gql, dpo, filter={"since": since})) == [6, 5, 4, 3, 2]
    assert seqs(await read(gql, dpo, filter={"until": until})) == [4, 3, 2, 1]
    assert seqs(await read(gql, dpo, filter={"since": since, "until": until})) == [4, 3, 2]


async def test_keyset_pagination(gql, logged):
    _tenant, dpo = logged
    first = await read(gql, dpo, first=4)
    page = first["data"]["auditEvents"]
    assert seqs(first) == [6, 5, 4, 3] and page["pageInfo"]["hasNextPage"] is True
    rest = await read(gql, dpo, first=4, after=page["pageInfo"]["endCursor"])
    # The reads of the log recorded meanwhile are newer than the cursor: they do not shift pages.
    assert seqs(rest) == [2, 1] and rest["data"]["auditEvents"]["pageInfo"]["hasNextPage"] is False
    filtered = await read(gql, dpo, first=1, filter={"purpose": "sales"})
    cursor = filtered["data"]["auditEvents"]["pageInfo"]["endCursor"]
    assert seqs(await read(gql, dpo, first=2, after=cursor, filter={"purpose": "sales"})) == [5, 3]
    by_contact = await read(gql, dpo, first=1, filter={"contactId": "11"})
    cursor = by_contact["data"]["auditEvents"]["pageInfo"]["endCursor"]
    assert seqs(await read(gql, dpo, first=5, after=cursor, filter={"contactId": "11"})) == [1]


@pytest.mark.parametrize("variables", [{"first": 101}, {"first": -1}, {"after": "garbage"},
                                       {"filter": {"contactId": "abc"}}])
async def test_bad_arguments(gql, logged, variables):
    _tenant, dpo = logged
    result = await read(gql, dpo, **variables)
    assert [e["extensions"]["code"] for e in result["errors"]] == ["BAD_USER_INPUT"]


async def test_the_log_is_tenant_bound(gql, factory, logged):
    tenant_a, dpo_a = logged
    tenant_b = await factory.tenant()
    dpo_b = await factory.login_as(tenant_b, "dpo")
    await commit.record(tenant_b.id, entry("user:1", "sales", [10]))
    assert seqs(await read(gql, dpo_b)) == [1]
    assert seqs(await read(gql, dpo_b, filter={"contactId": "11"})) == []
    a_page = await read(gql, dpo_a, first=1)
    a_cursor = a_page["data"]["auditEvents"]["pageInfo"]["endCursor"]
    foreign = await read(gql, dpo_b, after=a_cursor)
    assert [e["extensions"]["code"] for e in foreign["errors"]] == ["BAD_USER_INPUT"]
    # B's own event, then B's dpo's three reads (the refused one too); A's chain is untouched.
    assert (await chain.verify(tenant_b.id)).events == 4
    assert (await chain.verify(tenant_a.id)).events == 7  # six events and A's dpo's one read


async def test_a_partner_token_cannot_read_the_log_even_when_its_issuer_can(gql, factory, logged):
    tenant, _dpo = logged
    admin = await factory.login_as(tenant, "admin", "sales")
    expires = (datetime.now(timezone.utc) + timedelta(days=30)).isoformat()
    created = await gql("""mutation($i: ApiTokenInput!) { createApiToken(input: $i) { secret } }""",
                        {"i": {"name": "sync", "purposes": ["sales"], "categories": ["identity"],
                               "actions": ["read"], "expiresAt": expires}}, token=admin)
    result = await read(gql, created["data"]["createApiToken"]["secret"])
    assert result["data"] is None
    assert [e["extensions"]["code"] for e in result["errors"]] == ["FORBIDDEN"]


LEGAL_QUERY = """{ auditEvents(first: 50) { edges { node { seq hasLegalReference
                                                            legalReference } } } }"""


@pytest.mark.parametrize("role, sees_text", [("dpo", True), ("admin", False)])
async def test_legal_process_text_stays_with_the_dpo(gql, factory, role, sees_text):
    """Every role that reads the log learns that an event answered legal process; only the roles
    the policy lets read legal process (the dpo) read the reference itself."""
    tenant = await factory.tenant()
    for reference in ("SUBPOENA-2026-17", None, "COURT-ORDER-9"):
        await commit.record(tenant.id, chain.Entry(
            principal="user:1", purpose="legal_compliance" if reference else "sales",
            operation="query contacts", contact_ids=[1], categories_returned=["identity"],
            categories_denied=[], codes=[], legal_reference=reference))
    result = await gql(LEGAL_QUERY, token=await factory.login_as(tenant, role))
    nodes = [e["node"] for e in result["data"]["auditEvents"]["edges"]]
    assert [n["hasLegalReference"] for n in nodes][-3:] == [True, False, True]
    texts = [n["legalReference"] for n in nodes][-3:]
    if sees_text:
        assert texts == ["COURT-ORDER-9", None, "SUBPOENA-2026-17"]
        assert "errors" not in result
    else:
        assert texts == [None, None, None]
        assert "SUBPOENA" not in str(result) and "COURT-ORDER" not in str(result)
        assert [e["extensions"]["code"] for e in result["errors"]] == ["FORBIDDEN"]
