"""The set-based writer: its statements do not grow with the records, it reads its source one
batch at a time, and the purpose states it computes in bulk are those the one-record rule
(models.consent.record_consent / record_objection) gives."""

from collections import Counter
from itertools import count

import pytest
from tortoise.transactions import in_transaction

from data.scope import TenantScope
from importer import import_document
from importer.contact_fields import contact_plan
from importer.contacts_writer import BATCH, write_contacts
from importer.errors import Problems
from models import Contact, ContactPurposeState, SubscriptionTopic, Tenant
from models.consent import record_consent, record_objection
from tests.importer.helpers import contact
from tests.support.query_counter import count_queries

_slugs = count(1)


def _document(n: int, slug: str) -> dict:
    return {"tenants": [{"slug": slug, "subscriptionTopics": [{"topic": "newsletter"}],
                         "contacts": [contact(i, slug) for i in range(n)]}]}


async def _statements(document: dict) -> list[str]:
    with count_queries() as queries:
        await import_document(document)
    return queries.statements


@pytest.mark.parametrize("again", [False, True], ids=["fresh", "same file again"])
async def test_statements_do_not_grow_with_records(database, again):
    """1,000 and 2,000 contacts (each with history, a subscription, some consents and
    objections), within one batch: the same statements, fresh and re-imported."""
    assert BATCH >= 2000
    measured = {}
    for n in (1000, 2000):
        document = _document(n, f"count-{n}-{next(_slugs)}")
        if again:
            await import_document(document)
        measured[n] = await _statements(document)
    small, large = measured[1000], measured[2000]
    assert len(small) == len(large), "\n".join(large)
    assert len(large) < 40, "\n".join(large)


async def test_statements_grow_with_batches_only(database, monkeypatch):
    """With batches of 250, 2,000 contacts cost what 1,000 cost plus four batches' worth."""
    monkeypatch.setattr("importer.contacts_writer.BATCH", 250)
    one = len(await _statements(_document(250, f"batches-250-{next(_slugs)}")))
    two = len(await _statements(_document(500, f"batches-500-{next(_slugs)}")))
    per_batch = two - one
    assert 0 < per_batch < 20
    four = len(await _statements(_document(1000, f"batches-1000-{next(_slugs)}")))
    assert four == one + 3 * per_batch


async def test_source_is_read_one_batch_at_a_time(database):
    """Memory stays bounded: the writer never reads more than one batch ahead of what it wrote."""
    tenant = await Tenant.create(slug=f"lazy-{next(_slugs)}", name="Lazy")
    await TenantScope(tenant.id).create(SubscriptionTopic, topic="newsletter", opt_out=True)
    written = 0

    def progress(n: int) -> None:
        nonlocal written
        written += n

    def source():
        for i in range(2 * BATCH + 10):
            if i >= written + BATCH:
                raise AssertionError(f"record {i} read with only {written} written")
            yield contact_plan(Problems(), f"contacts[{i}]", contact(i, "lazy"))

    summary = Counter()
    async with in_transaction():
        await write_contacts(tenant, source(), summary, progress)
    assert written == summary["contacts created"] == 2 * BATCH + 10


CONSENTS = [  # (contact, purpose, status, explicit, at) in file order, not time order
    (0, "marketing", "GRANTED", True, "2026-03-01T00:00:00Z"),
    (0, "marketing", "WITHDRAWN", False, "2026-02-01T00:00:00Z"),  # older: does not decide
    (1, "surveys", "WITHDRAWN", False, "2026-01-01T00:00:00Z"),
    (1, "surveys", "GRANTED", False, "2026-04-01T00:00:00Z"),
    (2, "analytics", "GRANTED", True, "2026-01-01T00:00:00Z"),
]
OBJECTIONS = [(2, "analytics"), (3, "marketing")]


def _with_history(slug: str, part: int) -> dict:
    """Contacts 0-3, their consents split over two files (part 0 and 1): the second import
    meets states the first wrote."""
    records = [{"externalRef": f"{slug}-{i}"} for i in range(4)]
    for k, (i, purpose, status, explicit, at) in enumerate(CONSENTS):
        if k % 2 == part:
            records[i].setdefault("consents", []).append(
                {"purpose": purpose, "status": status, "explicit": explicit, "at": at})
    for i, purpose in OBJECTIONS[part:part + 1]:
        records[i]["objections"] = [purpose]
    return {"tenants": [{"slug": slug, "contacts": records}]}


async def _states(slug: str) -> set[tuple]:
    rows = await ContactPurposeState.filter(tenant__slug=slug).values_list(
        "contact__external_ref", "purpose", "consent", "consent_at", "explicit", "objected",
        "basis_state")
    return {(ref.rpartition("-")[2], *rest) for ref, *rest in rows}


async def test_bulk_purpose_states_follow_the_one_record_rule(database):
    imported = f"states-{next(_slugs)}"
    await import_document(_with_history(imported, 0))
    await import_document(_with_history(imported, 1))

    one_by_one = f"states-{next(_slugs)}"
    tenant = await Tenant.create(slug=one_by_one, name="One by one")
    scope = TenantScope(tenant.id)
    contacts = [await scope.create(Contact, external_ref=f"{one_by_one}-{i}") for i in range(4)]
    from models.values import timestamp  # noqa: PLC0415

    async with in_transaction():
        for part in (0, 1):
            for k, (i, purpose, status, explicit, at) in enumerate(CONSENTS):
                if k % 2 == part:
                    await record_consent(contacts[i], purpose=purpose, status=status,
                                         explicit=explicit, source="import", evidence=None,
                                         captured_at=timestamp(at), recorded_by_id=None)
            for i, purpose in OBJECTIONS[part:part + 1]:
                await record_objection(contacts[i], purpose=purpose, source="import",
                                       recorded_by_id=None)
    assert await _states(imported) == await _states(one_by_one)
    assert len(await _states(imported)) == 4
