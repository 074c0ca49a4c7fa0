"""Breach scope (accountability/breach.py): a generated trail with a known leak gives exactly that
scope, and tampering with the chain inside the window is reported, outside it is not the window's."""

import random
from datetime import datetime, timezone

import pytest

from accountability.breach import ScopeError, ScopeRequest, scope
from audit import chain, commit
from models import AuditEvent, Session

LEAKED = sorted(random.Random(14).sample(range(1000, 2000), 37))


def event(principal: str, contact_ids, returned, operation="query contacts", codes=()):
    return chain.Entry(principal=principal, purpose="sales", operation=operation,
                       contact_ids=list(contact_ids), categories_returned=list(returned),
                       categories_denied=[], codes=list(codes))


async def leak_trail(factory):
    """Before the window: the token reads identity of other contacts. In the window: the token
    reads the 37 leaked contacts' contact_details and financial in pages of 10 (some twice), a
    refused attempt reaches contact 5 without data, and a user reads other contacts. After it:
    the token reads sensitive data of contact 1."""
    tenant = await factory.tenant()
    user = await factory.user(tenant, "sales")
    token = "token:77"
    for page in range(3):
        await commit.record(tenant.id, event(token, range(page * 10, page * 10 + 10), ["identity"]))
    since = datetime.now(timezone.utc)
    for start in range(0, 37, 10):
        page = LEAKED[start:start + 10]
        await commit.record(tenant.id, event(token, page, ["contact_details"]))
        await commit.record(tenant.id, event(user.subject, [3000 + start], ["identity"]))
        await commit.record(tenant.id, event(token, page[:3], ["financial"],
                                            operation="query Invoices: financials"))
        await commit.record(tenant.id, event(token, page[3:], ["financial", "contact_details"]))
    await commit.record(tenant.id, event(token, [5], [], codes=["CONSENT_REQUIRED"]))
    until = datetime.now(timezone.utc)
    await commit.record(tenant.id, event(token, [1], ["sensitive"]))
    await commit.settle()
    return tenant, user, since, until


async def test_a_known_leak_gives_exactly_its_scope(factory):
    tenant, _user, since, until = await leak_trail(factory)
    result = await scope(ScopeRequest(tenant.id, token_id=77, since=since, until=until))
    assert result.chain.ok, result.chain.breaks
    assert result.contact_ids == LEAKED
    assert result.categories == {"contact_details": 37, "financial": 37}
    assert (result.data_subjects, result.records) == (37, 74)
    assert result.events == 4 * 3 + 1
    assert result.operations == {"query contacts": 9, "query Invoices: financials": 4}
    assert result.reached_without_data == [5]
    # The window's chain was checked from the anchor before it to the first event after it.
    assert (result.chain.first_seq, result.chain.last_seq) == (3, 3 + 4 * 4 + 1 + 1)


async def test_without_a_window_every_event_of_the_principal_counts(factory):
    tenant, user, _since, _until = await leak_trail(factory)
    result = await scope(ScopeRequest(tenant.id, token_id=77))
    assert result.categories == {"contact_details": 37, "financial": 37, "identity": 30,
                                 "sensitive": 1}
    assert result.chain.ok and result.chain.first_seq == 1
    by_user = await scope(ScopeRequest(tenant.id, email=user.email))
    assert by_user.contact_ids == [3000, 3010, 3020, 3030] and by_user.categories == {"identity": 4}
    everyone = await scope(ScopeRequest(tenant.id))
    assert everyone.data_subjects == 37 + 30 + 4  # contact 1 is among the token's first 30


@pytest.mark.parametrize("tamper", ["edit", "delete"])
async def test_tampering_inside_the_window_is_reported(factory, tamper):
    tenant, _user, since, until = await leak_trail(factory)
    victim = await AuditEvent.get(tenant_id=tenant.id, seq=10)
    if tamper == "edit":  # hide the token behind another principal
        await AuditEvent.filter(id=victim.id).update(principal="user:1")
    else:
        await AuditEvent.filter(id=victim.id).delete()
    result = await scope(ScopeRequest(tenant.id, token_id=77, since=since, until=until))
    assert not result.chain.ok
    assert [b.seq for b in result.chain.breaks] == [10 if tamper == "edit" else 11]
    assert result.chain.breaks[0].reason.startswith("hash mismatch" if tamper == "edit" else "seq gap")
    assert result.as_json()["chain"]["ok"] is False


async def test_tampering_outside_the_window_is_not_the_windows_concern(factory):
    tenant, _user, since, until = await leak_trail(factory)
    await AuditEvent.filter(tenant_id=tenant.id, seq=1).update(principal="user:1")
    result = await scope(ScopeRequest(tenant.id, token_id=77, since=since, until=until))
    assert result.chain.ok and result.data_subjects == 37


async def test_deleting_the_last_events_is_reported_by_the_head(factory):
    tenant, _user, since, _until = await leak_trail(factory)
    last = await AuditEvent.filter(tenant_id=tenant.id).order_by("-seq").first()
    await last.delete()
    result = await scope(ScopeRequest(tenant.id, token_id=77, since=since))
    assert [b.reason.split(":")[0] for b in result.chain.breaks] == ["head mismatch"]


async def test_editing_the_anchor_before_the_window_is_reported(factory):
    tenant, _user, since, until = await leak_trail(factory)
    await AuditEvent.filter(tenant_id=tenant.id, seq=3).update(contact_ids=[])
    result = await scope(ScopeRequest(tenant.id, token_id=77, since=since, until=until))
    assert [b.seq for b in result.chain.breaks] == [3]


async def test_a_session_narrows_the_window_to_its_lifetime(factory):
    tenant = await factory.tenant()
    user = await factory.user(tenant, "sales")
    await commit.record(tenant.id, event(user.subject, [1], ["identity"]))
    await factory.token(user)
    session = await Session.filter(user_id=user.id).order_by("-id").first()
    await commit.record(tenant.id, event(user.subject, [2], ["contact_details"]))
    result = await scope(ScopeRequest(tenant.id, session_id=session.id))
    assert result.contact_ids == [2] and result.categories == {"contact_details": 1}


@pytest.mark.parametrize(("request_fields", "not_found"), [
    ({"email": "nobody@example.com"}, True),
    ({"session_id": 999_999_999}, True),
    ({"email": "a@b.c", "token_id": 1}, False),
    ({"since": datetime(2026, 2, 1, tzinfo=timezone.utc),
      "until": datetime(2026, 1, 1, tzinfo=timezone.utc)}, False),
])
async def test_requests_that_cannot_be_answered_say_why(factory, request_fields, not_found):
    tenant = await factory.tenant()
    with pytest.raises(ScopeError) as raised:
        await scope(ScopeRequest(tenant.id, **request_fields))
    assert raised.value.not_found is not_found


async def test_another_tenants_events_never_count(factory):
    tenant, _user, since, until = await leak_trail(factory)
    other = await factory.tenant()
    await commit.record(other.id, event("token:77", [1], ["sensitive"]))
    result = await scope(ScopeRequest(tenant.id, token_id=77))
    assert result.categories.get("sensitive") == 1  # its own event after the window, not other's
    assert (await scope(ScopeRequest(other.id, token_id=77))).contact_ids == [1]
