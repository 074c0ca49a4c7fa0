"""A 10,000-contact file: imported, idempotent, all-or-nothing — also when the bad record is the
last one and is found only while writing (timings: bench/import_speed.py)."""

import copy
import json

import pytest

from importer import InvalidRecord, import_file
from models import Contact, ContactPurposeState, PolicyRule, Tenant
from tests.importer.helpers import counts, document, dump

N = 10_000


@pytest.fixture(scope="module")
def bulk_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("bulk") / "bulk.json"
    path.write_text(json.dumps(document(N)))
    return path


async def test_import_10000_contacts(database, bulk_file):
    before = await counts()
    summary = await import_file(bulk_file)
    assert summary["contacts created"] == N
    added = {table: n - before[table] for table, n in (await counts()).items()}
    assert added["Tenant"] == 1 and added["User"] == 2 and added["SubscriptionTopic"] == 2
    assert added["Contact"] == N and added["Interaction"] == N and added["FinancialRecord"] == N
    assert added["Subscription"] == N
    assert added["ConsentRecord"] == N // 4 and added["Objection"] == N // 10
    tenant = await Tenant.get(slug="bulk")
    roles = await PolicyRule.filter(ptype="g", tenant_id=tenant.id).values_list("v1", flat=True)
    assert sorted(roles) == ["admin", "sales", "support"]
    assert await ContactPurposeState.filter(tenant_id=tenant.id, purpose="analytics",
                                            basis_state="objected").count() == N // 10


async def test_reimport_changes_nothing(database, bulk_file):
    before = await dump()
    summary = await import_file(bulk_file)
    assert dict(summary) == {"contacts unchanged": N}
    assert await dump() == before


async def test_bad_record_writes_nothing_and_is_named(database, tmp_path):
    doc = document(N, slug="broken")
    doc["tenants"][0]["contacts"][7000]["email"] = "not-an-email"
    doc["tenants"][0]["contacts"][7001]["interactions"][0]["kind"] = "FAX"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(doc))
    before = await counts()
    with pytest.raises(InvalidRecord) as caught:
        await import_file(path)
    assert caught.value.problems == [
        "tenants[0].contacts[7000].email: not a valid email address",
        "tenants[0].contacts[7001].interactions[0].kind: 'FAX' is not one of EMAIL, CALL, "
        "MEETING, CONVERSATION, NOTE",
    ]
    assert await counts() == before
    assert not await Tenant.exists(slug="broken")


async def test_bad_last_record_found_while_writing_writes_nothing(database, tmp_path):
    """The last of 10,000 records names an undeclared topic: found in the last batch, after the
    others were written in the same transaction, which is rolled back."""
    doc = document(N, slug="late-at-scale")
    doc["tenants"][0]["contacts"][N - 1]["subscriptions"] = [{"topic": "nope"}]
    path = tmp_path / "late-at-scale.json"
    path.write_text(json.dumps(doc))
    before = await dump()
    with pytest.raises(InvalidRecord) as caught:
        await import_file(path)
    assert caught.value.problems == [
        f"tenants[0].contacts[{N - 1}].subscriptions[0].topic: unknown subscription topic 'nope' "
        "(declare it in subscriptionTopics)"]
    assert await dump() == before


async def test_error_found_while_writing_rolls_everything_back(database, tmp_path):
    """An unknown subscription topic is only detectable against the database: the check runs
    inside the transaction, after the tenant, users and topics were written."""
    doc = document(50, slug="late-failure")
    doc["tenants"][0]["contacts"][42]["subscriptions"] = [{"topic": "nope", "subscribed": True}]
    path = tmp_path / "late.json"
    path.write_text(json.dumps(doc))
    before = await dump()
    with pytest.raises(InvalidRecord, match=r"tenants\[0\]\.contacts\[42\]\.subscriptions\[0\]"):
        await import_file(path)
    assert await dump() == before


async def test_existing_contact_is_updated_not_duplicated(database, tmp_path):
    doc = document(3, slug="bulk")
    contact = doc["tenants"][0]["contacts"][1]
    contact["jobTitle"] = "Head of purchasing"
    contact["consents"] = [{"purpose": "marketing", "status": "WITHDRAWN", "source": "phone",
                            "at": "2026-04-01T08:00:00+02:00"}]
    changed = copy.deepcopy(doc)
    path = tmp_path / "update.json"
    path.write_text(json.dumps(changed))
    summary = await import_file(path)
    assert summary["contacts updated"] == 1 and summary["contacts unchanged"] == 2
    assert summary["consents added"] == 1 and "contacts created" not in summary
    assert await Contact.filter(tenant__slug="bulk").count() == N
    state = await ContactPurposeState.get(contact__external_ref="bulk-000001", purpose="marketing")
    assert state.basis_state == "withdrawn"
    assert dict(await import_file(path)) == {"contacts unchanged": 3}
