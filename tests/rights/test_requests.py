"""Data subject requests: who may record them, the clock (one calendar month, one extension of
up to two more), every status transition, the overdue flag, and the tenant-bound list."""

from datetime import datetime, timezone

import pytest

from rights import clock
from rights.clock import due_date
from tests.rights.support import LEGAL, LIST, OPEN, UPDATE, codes

T0 = datetime(2026, 1, 31, 10, 0, tzinfo=timezone.utc)


def at(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


@pytest.fixture
def frozen(monkeypatch):
    """Set the rights clock: `frozen(datetime)`."""
    def set_to(moment: datetime) -> None:
        monkeypatch.setattr(clock, "now", lambda: moment)
    set_to(T0)
    return set_to


@pytest.fixture
async def dpo_and_contact(factory):
    tenant = await factory.tenant()
    dpo = await factory.user(tenant, "dpo")
    return tenant, dpo, await factory.token(dpo), await factory.contact(tenant)


@pytest.mark.parametrize(("received", "months", "due"), [
    ("2026-01-31T10:00:00+00:00", 0, "2026-02-28T10:00:00+00:00"),
    ("2028-01-31T10:00:00+00:00", 0, "2028-02-29T10:00:00+00:00"),  # leap year
    ("2026-03-31T23:59:00+00:00", 0, "2026-04-30T23:59:00+00:00"),
    ("2026-12-15T00:00:00+00:00", 0, "2027-01-15T00:00:00+00:00"),
    ("2026-01-31T10:00:00+00:00", 1, "2026-03-31T10:00:00+00:00"),
    ("2026-01-31T10:00:00+00:00", 2, "2026-04-30T10:00:00+00:00"),  # from receipt, not Feb 28
])
def test_due_date_is_one_calendar_month_after_receipt_plus_any_extension(received, months, due):
    assert due_date(at(received), months) == at(due)


async def _open(gql, token, contact, kind="ACCESS"):
    result = await gql(OPEN, {"c": str(contact.id), "k": kind}, token=token, purpose=LEGAL)
    assert "errors" not in result, result
    return result["data"]["openDataSubjectRequest"]


async def _move(gql, token, request_id, status, reason=None, months=None):
    return await gql(UPDATE, {"id": request_id, "s": status, "r": reason, "m": months}, token=token,
                     purpose=LEGAL)


async def test_open_records_receipt_now_and_due_one_month_later(gql, dpo_and_contact, frozen):
    _tenant, dpo, token, contact = dpo_and_contact
    request = await _open(gql, token, contact, "ERASURE")
    assert request == {
        "id": request["id"], "contactId": str(contact.id), "kind": "ERASURE", "status": "OPEN",
        "receivedAt": "2026-01-31T10:00:00+00:00", "dueAt": "2026-02-28T10:00:00+00:00",
        "overdue": False, "extensionReason": None, "closedAt": None, "rejectionReason": None,
        "openedBy": f"user:{dpo.id}"}


async def test_the_full_path_with_an_extension(gql, dpo_and_contact, frozen):
    _tenant, _dpo, token, contact = dpo_and_contact
    request = await _open(gql, token, contact)
    started = await _move(gql, token, request["id"], "IN_PROGRESS")
    assert started["data"]["updateDataSubjectRequest"]["status"] == "IN_PROGRESS"
    extended = await _move(gql, token, request["id"], "EXTENDED", "Complex request: 12 systems", 2)
    assert extended["data"]["updateDataSubjectRequest"] == {
        "id": request["id"], "status": "EXTENDED", "dueAt": "2026-04-30T10:00:00+00:00",
        "overdue": False, "extensionReason": "Complex request: 12 systems", "closedAt": None,
        "rejectionReason": None}
    frozen(at("2026-04-01T08:00:00+00:00"))
    done = await _move(gql, token, request["id"], "COMPLETED")
    assert done["data"]["updateDataSubjectRequest"]["status"] == "COMPLETED"
    assert done["data"]["updateDataSubjectRequest"]["closedAt"] == "2026-04-01T08:00:00+00:00"


@pytest.mark.parametrize(("path", "status", "reason", "months", "message"), [
    ((), "COMPLETED", None, None, "a request OPEN cannot become COMPLETED"),
    ((), "EXTENDED", "busy", 1, "a request OPEN cannot become EXTENDED"),
    ((), "OPEN", None, None, "a request OPEN cannot become OPEN"),
    (("IN_PROGRESS",), "IN_PROGRESS", None, None, "cannot become IN_PROGRESS"),
    (("IN_PROGRESS",), "OPEN", None, None, "cannot become OPEN"),
    (("IN_PROGRESS",), "EXTENDED", "busy", 3, "extendByMonths: 1 to 2 months"),
    (("IN_PROGRESS",), "EXTENDED", "busy", 0, "extendByMonths: 1 to 2 months"),
    (("IN_PROGRESS",), "EXTENDED", None, 1, "reason: say why"),
    (("IN_PROGRESS",), "EXTENDED", "   ", 1, "reason: say why"),
    (("IN_PROGRESS",), "REJECTED", None, None, "reason: say why the request is rejected"),
    (("IN_PROGRESS",), "COMPLETED", "done", None, "reason: only with status EXTENDED or REJECTED"),
    (("IN_PROGRESS",), "COMPLETED", None, 1, "extendByMonths: only with status EXTENDED"),
    (("IN_PROGRESS", "EXTENDED"), "EXTENDED", "again", 1, "a request EXTENDED cannot become EXTENDED"),
    (("IN_PROGRESS", "EXTENDED"), "IN_PROGRESS", None, None, "cannot become IN_PROGRESS"),
    (("IN_PROGRESS", "COMPLETED"), "REJECTED", "late", None, "a request COMPLETED cannot become"),
    (("REJECTED",), "IN_PROGRESS", None, None, "a request REJECTED cannot become IN_PROGRESS"),
])
async def test_illegal_transitions_are_bad_user_input_and_change_nothing(
        gql, dpo_and_contact, frozen, path, status, reason, months, message):
    _tenant, _dpo, token, contact = dpo_and_contact
    request = await _open(gql, token, contact)
    for step in path:
        extra = {"EXTENDED": ("more time", 1), "REJECTED": ("unfounded", None)}.get(step, (None, None))
        assert "errors" not in await _move(gql, token, request["id"], step, *extra)
    before = await gql(LIST, {"first": 100}, token=token, purpose=LEGAL)
    refused = await _move(gql, token, request["id"], status, reason, months)
    assert codes(refused) == ["BAD_USER_INPUT"]
    assert message in refused["errors"][0]["message"]
    assert await gql(LIST, {"first": 100}, token=token, purpose=LEGAL) == before


@pytest.mark.parametrize("start", [(), ("IN_PROGRESS",), ("IN_PROGRESS", "EXTENDED")])
async def test_rejection_with_a_reason_closes_the_request_from_any_open_status(
        gql, dpo_and_contact, frozen, start):
    _tenant, _dpo, token, contact = dpo_and_contact
    request = await _open(gql, token, contact)
    for step in start:
        await _move(gql, token, request["id"], step, *(("busy", 1) if step == "EXTENDED" else ()))
    rejected = await _move(gql, token, request["id"], "REJECTED", "Identity not confirmed")
    node = rejected["data"]["updateDataSubjectRequest"]
    assert (node["status"], node["rejectionReason"], node["closedAt"]) == (
        "REJECTED", "Identity not confirmed", "2026-01-31T10:00:00+00:00")


async def test_overdue_is_due_date_passed_and_not_closed(gql, dpo_and_contact, frozen):
    _tenant, _dpo, token, contact = dpo_and_contact
    late = await _open(gql, token, contact)
    closed = await _open(gql, token, contact)
    await _move(gql, token, closed["id"], "REJECTED", "duplicate")
    extended = await _open(gql, token, contact)
    await _move(gql, token, extended["id"], "IN_PROGRESS")
    await _move(gql, token, extended["id"], "EXTENDED", "volume", 1)

    def overdue(result):
        return {e["node"]["id"]: e["node"]["overdue"] for e in result["data"]["dataSubjectRequests"]["edges"]}

    frozen(at("2026-02-28T10:00:00+00:00"))  # exactly due: not yet overdue
    assert overdue(await gql(LIST, {"first": 10}, token=token, purpose=LEGAL)) == {
        late["id"]: False, closed["id"]: False, extended["id"]: False}
    frozen(at("2026-02-28T10:00:01+00:00"))
    assert overdue(await gql(LIST, {"first": 10}, token=token, purpose=LEGAL)) == {
        late["id"]: True, closed["id"]: False, extended["id"]: False}
    frozen(at("2026-04-01T00:00:00+00:00"))  # the extension ran out on 31 March
    assert overdue(await gql(LIST, {"first": 10}, token=token, purpose=LEGAL)) == {
        late["id"]: True, closed["id"]: False, extended["id"]: True}


async def test_the_list_is_due_soonest_first_filtered_paginated_and_tenant_bound(
        gql, factory, dpo_and_contact, frozen):
    tenant, _dpo, token, contact = dpo_and_contact
    ids = []
    for day in (20, 5, 12):
        frozen(datetime(2026, 3, day, tzinfo=timezone.utc))
        ids.append((await _open(gql, token, contact))["id"])
    await _move(gql, token, ids[2], "IN_PROGRESS")
    other = await factory.tenant()
    await _open(gql, await factory.login_as(other, "dpo"), await factory.contact(other))

    first = await gql(LIST, {"first": 2}, token=token, purpose=LEGAL)
    page = first["data"]["dataSubjectRequests"]
    assert [e["node"]["id"] for e in page["edges"]] == [ids[1], ids[2]]
    assert page["totalCount"] == 3 and page["pageInfo"]["hasNextPage"] is True
    rest = await gql(LIST, {"first": 2, "after": page["pageInfo"]["endCursor"]}, token=token,
                     purpose=LEGAL)
    assert [e["node"]["id"] for e in rest["data"]["dataSubjectRequests"]["edges"]] == [ids[0]]
    assert rest["data"]["dataSubjectRequests"]["pageInfo"]["hasNextPage"] is False
    open_only = await gql(LIST, {"s": "OPEN", "first": 10}, token=token, purpose=LEGAL)
    assert [e["node"]["id"] for e in open_only["data"]["dataSubjectRequests"]["edges"]] == [ids[1], ids[0]]
    assert open_only["data"]["dataSubjectRequests"]["totalCount"] == 2
    bad = await gql(LIST, {"first": 2, "after": "not-a-cursor"}, token=token, purpose=LEGAL)
    assert codes(bad) == ["BAD_USER_INPUT"]


@pytest.mark.parametrize(("roles", "purpose", "code"), [
    (("admin",), "sales", "FORBIDDEN"),
    (("admin",), LEGAL, "PURPOSE_NOT_ALLOWED"),  # admin has every purpose but legal_compliance
    (("marketing",), "marketing", "FORBIDDEN"),
    (("dpo",), "sales", "FORBIDDEN"),  # the dpo handles requests under legal_compliance only
    (("dpo",), None, "PURPOSE_REQUIRED"),
])
async def test_only_the_dpo_under_legal_compliance_handles_requests(gql, factory, roles, purpose, code):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, *roles)
    contact = await factory.contact(tenant)
    opened = await gql(OPEN, {"c": str(contact.id), "k": "ACCESS"}, token=token, purpose=purpose)
    listed = await gql(LIST, {"first": 5}, token=token, purpose=purpose)
    assert (codes(opened), codes(listed)) == ([code], [code])


async def test_another_tenants_contact_or_request_does_not_exist(gql, factory, dpo_and_contact):
    _tenant, _dpo, token, contact = dpo_and_contact
    other = await factory.tenant()
    other_token = await factory.login_as(other, "dpo")
    foreign = await factory.contact(other)
    assert codes(await gql(OPEN, {"c": str(foreign.id), "k": "ACCESS"}, token=token,
                           purpose=LEGAL)) == ["NOT_FOUND"]
    request = await _open(gql, token, contact)
    refused = await _move(gql, other_token, request["id"], "IN_PROGRESS")
    assert codes(refused) == ["NOT_FOUND"]
    assert codes(await _move(gql, other_token, "999999999", "IN_PROGRESS")) == ["NOT_FOUND"]
    assert refused["errors"][0]["message"] == "No such object."
