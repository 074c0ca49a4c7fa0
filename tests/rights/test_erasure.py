"""Erasure (GDPR Art. 17): one transaction; afterwards no query, filter, export or audit view
returns an erased value, retained invoices carry no identity, a re-import is blocked until an
admin lifts the block, and nothing of any other contact changed."""

import json

import pytest
from tortoise import Tortoise

from importer import InvalidRecord, import_document
from models import Contact, DataSubjectRequest, Disclosure, ErasureBlock, FinancialRecord
from rights import blocks, erasure
from tests.rights.support import (CONTACT_TABLES, ERASE, EXPORT, LEGAL, LIFT, OPEN, codes, dump,
                                  rich_contact)

SECRETS = dict(first_name="Zelda-x41", last_name="Quixotic-x41", company="Unique-Co-x41",
               job_title="Chief-Mystery-x41", email="Zelda.Q-x41@Example.com",
               phone="+33 9 41 41 41 41", address="7 Secret Lane x41", requirements="needs-x41",
               interests=["interest-x41"], business_type="trade-x41", city="Zeldaville-x41",
               competitive_notes="competitor-x41", sensitive_notes="diagnosis-x41",
               external_ref="erase-me-x41")
NEEDLES = [v for v in SECRETS.values() if isinstance(v, str)] + ["interest-x41",
                                                                 "zelda.q-x41@example.com"]


async def _setting(gql, factory, **secrets):
    tenant, other_tenant = await factory.tenant(), await factory.tenant()
    dpo = await factory.token(await factory.user(tenant, "dpo"))
    target = await rich_contact(factory, tenant, **(secrets or SECRETS))
    neighbours = [await rich_contact(factory, tenant), await rich_contact(factory, tenant)]
    await rich_contact(factory, other_tenant)
    opened = await gql(OPEN, {"c": str(target.id), "k": "ERASURE"}, token=dpo, purpose=LEGAL)
    return tenant, other_tenant, dpo, target, neighbours, opened["data"]["openDataSubjectRequest"]["id"]


async def _everything_of(tenant_ids: list[int]) -> str:
    """Every row of every table of these tenants, as text."""
    rows = []
    for model in Tortoise.apps["models"].values():
        if "tenant" in model._meta.fk_fields:
            rows += await model.filter(tenant_id__in=tenant_ids).values()
    return json.dumps(rows, default=str).casefold()


async def test_erasure_removes_every_value_and_reports_what_was_kept(gql, factory):
    tenant, other_tenant, dpo, target, _neighbours, request_id = await _setting(gql, factory)
    others_before = await dump(tenant_ids=[tenant.id, other_tenant.id], exclude_contact=target.id)

    result = await gql(ERASE, {"c": str(target.id), "r": request_id}, token=dpo, purpose=LEGAL)

    report = result["data"]["eraseContact"]
    assert "errors" not in result, result
    assert report["contactId"] == str(target.id) and report["requestId"] == request_id
    assert report["erased"] == sorted([
        "externalRef", "firstName", "lastName", "company", "jobTitle", "email", "phone", "address",
        "preferences", "interests", "requirements", "commercialProfile", "location",
        "competitiveNotes", "sensitiveNotes"])
    assert {r["kind"]: r["count"] for r in report["erasedRecords"]} == {
        "INTERACTION": 3, "CONSENT_RECORD": 2, "OBJECTION": 1, "CONTACT_PURPOSE_STATE": 3,
        "SUBSCRIPTION": 2, "CONTACT_CHANGE": 1, "FINANCIAL_RECORD": 2}  # a deal, a subscription
    retained = {r["kind"]: (r["count"], r["legalGround"]) for r in report["retained"]}
    assert {kind: count for kind, (count, _) in retained.items()} == {
        "FINANCIAL_RECORD": 2, "DATA_SUBJECT_REQUEST": 2, "DISCLOSURE": 1, "ERASURE_BLOCK": 2}
    assert "retention duty under commercial and tax law" in retained["FINANCIAL_RECORD"][1]

    # Nothing of anyone else changed (the blocks belong to no contact).
    others_after = await dump(tenant_ids=[tenant.id, other_tenant.id], exclude_contact=target.id)
    others_before.pop("erasure_block"), others_after.pop("erasure_block")
    assert others_after == others_before

    stub = (await Contact.filter(id=target.id).values())[0]
    assert stub["erased_at"] is not None and stub["tenant_id"] == tenant.id
    assert {k: v for k, v in stub.items() if k in erasure.ERASED_VALUES} == erasure.ERASED_VALUES
    for model, column in CONTACT_TABLES:
        if model not in (FinancialRecord, DataSubjectRequest, Disclosure):
            assert not await model.filter(**{column: target.id}).exists(), model.__name__
    kept = await FinancialRecord.filter(tenant_id=tenant.id, contact_id__isnull=True).values(
        "kind", "amount", "description")
    assert sorted((k["kind"], str(k["amount"]), k["description"]) for k in kept) == [
        ("INVOICE", "120.00", None), ("PAYMENT", "120.00", None)]
    request = await DataSubjectRequest.get(id=int(request_id))
    assert (request.status, request.closed_at is not None) == ("COMPLETED", True)
    # No erased value is left anywhere in the tenant's data: audit trail and disclosures included.
    text = await _everything_of([tenant.id])
    assert [needle for needle in NEEDLES if needle.casefold() in text] == []


VIEWS = [  # (query, variables, purpose): every way back to the erased values
    ("query($id: ID!) { contact(id: $id) { id firstName email } }", "id", LEGAL),
    ("query($id: ID!) { contact(id: $id) { id firstName email } }", "id", "sales"),
    ("query($v: String!) { contacts(filter: {email: $v}) { totalCount edges { node { id } } } }",
     "Zelda.Q-x41@Example.com", LEGAL),
    ("query($v: String!) { contacts(filter: {search: $v}) { totalCount edges { node { id } } } }",
     "Zelda-x41", LEGAL),
    ("query($v: String!) { contacts(filter: {externalRef: $v}) { totalCount edges { node { id } } } }",
     "erase-me-x41", "sales"),
    ("{ contacts(first: 100, orderBy: LAST_NAME) { edges { node { id firstName lastName email "
     "sensitiveNotes } } } }", None, LEGAL),
    ("query($id: ID!) { interactions(contactId: $id) { totalCount edges { node { subject } } } }",
     "id", LEGAL),
    ("{ interactions(first: 100) { edges { node { subject content contact { id } } } } }", None, LEGAL),
    ("{ financials(first: 100) { edges { node { kind description contact { id email } } } } }",
     None, LEGAL),
    ("query($id: ID!) { exportContactData(contactId: $id) }", "id", LEGAL),
    ("{ auditEvents(first: 100) { edges { node { operation contactIds legalReference } } } }",
     None, None),
    ("{ dataSubjectRequests(first: 100) { edges { node { id contactId kind status } } } }", None, LEGAL),
]


async def test_no_query_filter_export_or_audit_view_returns_erased_values(gql, factory):
    tenant, _other, dpo, target, _neighbours, request_id = await _setting(gql, factory)
    admin = await factory.login_as(tenant, "admin")
    assert "errors" not in await gql(ERASE, {"c": str(target.id), "r": request_id}, token=dpo,
                                     purpose=LEGAL)
    for query, value, purpose in VIEWS:
        variables = {"id": str(target.id)} if value == "id" else ({"v": value} if value else {})
        if query.startswith("query($id: ID!) { export"):
            query = EXPORT.replace("$c", "$id")
        for token in (dpo, admin) if purpose == "sales" else (dpo,):
            result = await gql(query, variables, token=token, purpose=purpose)
            text = json.dumps(result).casefold()
            assert [n for n in NEEDLES if n.casefold() in text] == [], (query, result)
            assert set(codes(result)) <= {"NOT_FOUND"}, (query, result)
            if value == "id":
                assert codes(result) == ["NOT_FOUND"], (query, result)
            if "totalCount" in query and "contacts" in query:
                assert result["data"]["contacts"]["totalCount"] == 0
    again = await gql(ERASE, {"c": str(target.id)}, token=dpo, purpose=LEGAL)
    assert codes(again) == ["NOT_FOUND"]


def _import(slug: str, *records: dict) -> None:
    return import_document({"tenants": [{"slug": slug, "contacts": list(records)}]})


async def test_an_erased_person_cannot_be_imported_again_until_an_admin_lifts_the_block(gql, factory):
    tenant, other_tenant, dpo, target, _neighbours, request_id = await _setting(gql, factory)
    admin = await factory.user(tenant, "admin")
    admin_token = await factory.token(admin)
    await gql(ERASE, {"c": str(target.id), "r": request_id}, token=dpo, purpose=LEGAL)

    with pytest.raises(InvalidRecord) as refused:
        await _import(tenant.slug, {"externalRef": "fresh-1", "email": "fresh@example.com"},
                      {"externalRef": "fresh-2", "email": "  zelda.q-X41@example.COM"},
                      {"externalRef": "erase-me-x41", "firstName": "Zelda"})
    assert refused.value.problems == [
        "tenants[0].contacts[1].email: belongs to a person whose data was erased; an admin must "
        "lift the erasure block before it can be imported again",
        "tenants[0].contacts[2].externalRef: belongs to a person whose data was erased; an admin "
        "must lift the erasure block before it can be imported again"]
    assert not await Contact.filter(tenant_id=tenant.id, external_ref__in=["fresh-1", "fresh-2"]).exists()
    # Blocks are per tenant: the same person may be a contact of another tenant.
    await _import(other_tenant.slug, {"externalRef": "erase-me-x41", "email": SECRETS["email"]})

    assert codes(await gql(LIFT, {"e": SECRETS["email"]}, token=dpo)) == ["FORBIDDEN"]
    assert codes(await gql(LIFT, {}, token=admin_token)) == ["BAD_USER_INPUT"]
    assert codes(await gql(LIFT, {"e": "a@b.example", "x": "r"}, token=admin_token)) == ["BAD_USER_INPUT"]
    lifted = await gql(LIFT, {"e": "ZELDA.Q-x41@example.com"}, token=admin_token)
    assert lifted["data"]["liftErasureBlock"] == 1
    assert (await gql(LIFT, {"e": SECRETS["email"]}, token=admin_token))["data"]["liftErasureBlock"] == 0
    row = await ErasureBlock.get(tenant_id=tenant.id, key_hash=blocks.key_hash(blocks.EMAIL, SECRETS["email"]))
    assert row.lifted_by_id == admin.id and row.lifted_at is not None

    await _import(tenant.slug, {"externalRef": "fresh-2", "email": SECRETS["email"]})
    with pytest.raises(InvalidRecord, match=r"contacts\[0\]\.externalRef: belongs to a person"):
        await _import(tenant.slug, {"externalRef": "erase-me-x41"})
    await gql(LIFT, {"x": "erase-me-x41"}, token=admin_token)
    await _import(tenant.slug, {"externalRef": "erase-me-x41"})
    assert await Contact.filter(tenant_id=tenant.id, external_ref__in=["fresh-2", "erase-me-x41"]).count() == 2


@pytest.mark.parametrize("step", ["delete_records", "detach_records", "scrub_contact",
                                  "transition_to_completed", "_retained_references"])
async def test_a_failure_half_way_leaves_everything_as_it_was(gql, factory, monkeypatch, step):
    tenant, other_tenant, dpo, target, _neighbours, request_id = await _setting(gql, factory)
    before = await dump(tenant_ids=[tenant.id, other_tenant.id])
    original = getattr(erasure, step)

    async def fail_after(*args, **kwargs):
        await original(*args, **kwargs)  # the step did its work: the rollback must undo it
        raise RuntimeError("power cut")

    monkeypatch.setattr(erasure, step, fail_after)
    result = await gql(ERASE, {"c": str(target.id), "r": request_id}, token=dpo, purpose=LEGAL)
    assert result["data"] is None
    assert codes(result) == ["INTERNAL_SERVER_ERROR"]
    assert result["errors"][0]["message"] == "Unexpected error."
    assert await dump(tenant_ids=[tenant.id, other_tenant.id]) == before


async def test_a_failing_block_write_leaves_everything_as_it_was(gql, factory, monkeypatch):
    tenant, _other, dpo, target, _neighbours, request_id = await _setting(gql, factory)
    before = await dump(tenant_ids=[tenant.id])

    async def broken(*_args):
        raise RuntimeError("constraint")

    monkeypatch.setattr(blocks, "block", broken)
    assert codes(await gql(ERASE, {"c": str(target.id), "r": request_id}, token=dpo,
                           purpose=LEGAL)) == ["INTERNAL_SERVER_ERROR"]
    assert await dump(tenant_ids=[tenant.id]) == before


@pytest.mark.parametrize(("roles", "purpose", "code"), [
    (("admin",), "sales", "FORBIDDEN"),
    (("dpo",), "sales", "FORBIDDEN"),
    (("marketing",), "marketing", "FORBIDDEN"),
    (("admin",), LEGAL, "PURPOSE_NOT_ALLOWED"),
])
async def test_only_the_dpo_under_legal_compliance_erases(gql, factory, roles, purpose, code):
    tenant = await factory.tenant()
    contact = await factory.contact(tenant)
    before = await dump(tenant_ids=[tenant.id])
    result = await gql(ERASE, {"c": str(contact.id)}, token=await factory.login_as(tenant, *roles),
                       purpose=purpose)
    assert codes(result) == [code]
    assert await dump(tenant_ids=[tenant.id]) == before


async def test_a_wrong_request_or_contact_changes_nothing(gql, factory):
    tenant, other_tenant, dpo, target, neighbours, _request_id = await _setting(gql, factory)
    access = await gql(OPEN, {"c": str(target.id), "k": "ACCESS"}, token=dpo, purpose=LEGAL)
    theirs = await gql(OPEN, {"c": str(neighbours[0].id), "k": "ERASURE"}, token=dpo, purpose=LEGAL)
    foreign_dpo = await factory.login_as(other_tenant, "dpo")
    foreign_contact = await factory.contact(other_tenant)
    foreign_request = await gql(OPEN, {"c": str(foreign_contact.id), "k": "ERASURE"},
                                token=foreign_dpo, purpose=LEGAL)
    before = await dump(tenant_ids=[tenant.id, other_tenant.id])
    cases = [
        (target.id, access["data"]["openDataSubjectRequest"]["id"], "BAD_USER_INPUT"),
        (target.id, theirs["data"]["openDataSubjectRequest"]["id"], "BAD_USER_INPUT"),
        (target.id, foreign_request["data"]["openDataSubjectRequest"]["id"], "NOT_FOUND"),
        (target.id, "not-an-id", "NOT_FOUND"),
        (foreign_contact.id, None, "NOT_FOUND"),
    ]
    for contact_id, request_id, code in cases:
        result = await gql(ERASE, {"c": str(contact_id), "r": request_id}, token=dpo, purpose=LEGAL)
        assert codes(result) == [code], (contact_id, request_id, result)
    assert await dump(tenant_ids=[tenant.id, other_tenant.id]) == before


async def test_a_closed_request_cannot_be_completed_by_an_erasure(gql, factory):
    tenant, _other, dpo, target, _neighbours, request_id = await _setting(gql, factory)
    await DataSubjectRequest.filter(id=int(request_id)).update(status="REJECTED",
                                                               rejection_reason="duplicate")
    result = await gql(ERASE, {"c": str(target.id), "r": request_id}, token=dpo, purpose=LEGAL)
    assert codes(result) == ["BAD_USER_INPUT"]
    assert (await Contact.get(id=target.id)).erased_at is None
