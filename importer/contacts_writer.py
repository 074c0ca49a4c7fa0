"""Writing the contacts of one tenant and everything attached to them, in batches.

Idempotence (re-importing a file changes nothing):
- a contact is matched by `externalRef` in its tenant; only the fields the record gives are set, and
  the row is saved (bumping `updated_at`) only if one of them differs;
- consents, interactions and financials are history: a record identical in every field to one the
  contact already has is skipped, any other is appended (a changed record is a new fact);
- an objection is a state: added once per purpose, never lifted by an import;
- a subscription is set to the given state, written only if it differs.
Consents and objections go through `models.consent`, which keeps ContactPurposeState in step."""

from collections import Counter
from collections.abc import Callable, Iterable
from types import SimpleNamespace

from tortoise.timezone import now

from data.scope import TenantScope
from importer.contact_fields import ContactPlan
from importer.errors import InvalidRecord
from models import (Contact, ConsentRecord, FinancialRecord, Interaction, Objection, Subscription,
                    SubscriptionTopic, Tenant)
from models.consent import record_consent, record_objection
from rights.blocks import blocked

BATCH = 1000  # contacts per round of queries: bounds memory and the size of IN (...) lists
CONSENT_KEY = ("purpose", "status", "explicit", "source", "evidence", "captured_at")
INTERACTION_KEY = ("kind", "occurred_at", "direction", "participants_count", "subject", "content")
FINANCIAL_KEY = ("kind", "amount", "currency", "occurred_at", "status", "description")


def _chunks(items: list, size: int = BATCH) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


async def _check_topics(scope: TenantScope, plans: list[ContactPlan]) -> None:
    """A subscription must name a topic of the tenant: a typo would otherwise create a topic nobody
    manages and that no unsubscribe page lists."""
    topics = set(await scope.rows(SubscriptionTopic).values_list("topic", flat=True))
    bad = [f"{where}.topic: unknown subscription topic {topic!r} (declare it in subscriptionTopics)"
           for plan in plans for topic, _, where in plan.subscriptions if topic not in topics]
    if bad:
        raise InvalidRecord(bad)


async def _check_erasure_blocks(scope: TenantScope, plans: list[ContactPlan]) -> None:
    """An erased person does not come back by the same email or externalRef (rights/blocks.py)
    unless an admin lifted the block."""
    bad = await blocked(scope.tenant_id,
                        [(p.where, p.columns.get("email"), p.external_ref) for p in plans])
    if bad:
        raise InvalidRecord(bad)


async def _upsert_contacts(scope: TenantScope, batch: list[ContactPlan], summary: Counter) -> dict:
    """Create the new contacts, update the changed ones; returns externalRef -> Contact."""
    contacts = scope.rows(Contact)
    refs = [plan.external_ref for plan in batch]
    existing = {c.external_ref: c for c in await contacts.filter(external_ref__in=refs)}
    new = [{"external_ref": p.external_ref, **p.columns}
           for p in batch if p.external_ref not in existing]
    created = {values["external_ref"] for values in new}
    if new:
        await scope.bulk_create(Contact, new)  # returns None in Tortoise 1.x: read the ids back
        summary["contacts created"] += len(new)
        existing.update({c.external_ref: c for c in await contacts.filter(
            external_ref__in=list(created))})
    for plan in batch:
        if plan.external_ref not in created:
            await _update_contact(existing[plan.external_ref], plan.columns, summary)
    return existing


async def _update_contact(contact: Contact, columns: dict, summary: Counter) -> None:
    changed = [col for col, value in columns.items() if getattr(contact, col) != value]
    if not changed:
        summary["contacts unchanged"] += 1
        return
    for col in changed:
        setattr(contact, col, columns[col])
    await contact.save(update_fields=[*changed, "updated_at"])
    summary["contacts updated"] += 1


async def _existing(scope: TenantScope, model, ids: list[int],
                    fields: tuple[str, ...]) -> set[tuple]:
    rows = await scope.rows(model).filter(contact_id__in=ids).values_list("contact_id", *fields)
    return {tuple(row) for row in rows}


async def _history(scope: TenantScope, model, key: tuple[str, ...], contacts: dict,
                   batch: list[ContactPlan], attr: str, summary: Counter) -> None:
    """Append the interactions or financials not yet present, in one bulk insert."""
    ids = [c.id for c in contacts.values()]
    seen = await _existing(scope, model, ids, key)
    rows = []
    for plan in batch:
        contact_id = contacts[plan.external_ref].id
        for values in getattr(plan, attr):
            k = (contact_id, *(values[f] for f in key))
            if k not in seen:
                seen.add(k)
                rows.append({"contact_id": contact_id, **values})
    if rows:
        await scope.bulk_create(model, rows)
        summary[f"{attr} added"] += len(rows)


async def _consents(scope: TenantScope, contacts: dict, batch: list[ContactPlan],
                    summary: Counter) -> None:
    ids = [c.id for c in contacts.values()]
    seen = await _existing(scope, ConsentRecord, ids, CONSENT_KEY)
    objected = await _existing(scope, Objection, ids, ("purpose",))
    for plan in batch:
        contact = contacts[plan.external_ref]
        ref = SimpleNamespace(id=contact.id, tenant_id=contact.tenant_id)
        for values in sorted(plan.consents, key=lambda v: v["captured_at"]):
            k = (contact.id, *(values[f] for f in CONSENT_KEY))
            if k not in seen:
                seen.add(k)
                await record_consent(ref, recorded_by_id=None, **values)
                summary["consents added"] += 1
        for purpose in plan.objections:
            if (contact.id, purpose) not in objected:
                objected.add((contact.id, purpose))
                await record_objection(ref, purpose=purpose, source="import", recorded_by_id=None)
                summary["objections added"] += 1


async def _subscriptions(scope: TenantScope, contacts: dict, batch: list[ContactPlan],
                         summary: Counter) -> None:
    subscriptions = scope.rows(Subscription)
    rows = await subscriptions.filter(contact_id__in=[c.id for c in contacts.values()]).values_list(
        "id", "contact_id", "topic", "subscribed")
    current = {(contact_id, topic): (sub_id, on) for sub_id, contact_id, topic, on in rows}
    new = []
    for plan in batch:
        contact = contacts[plan.external_ref]
        for topic, on, _ in plan.subscriptions:
            found = current.get((contact.id, topic))
            if found is None:
                new.append({"contact_id": contact.id, "topic": topic, "subscribed": on})
                current[(contact.id, topic)] = (None, on)
            elif found[1] != on and found[0] is not None:
                await subscriptions.filter(id=found[0]).update(subscribed=on, updated_at=now())
                current[(contact.id, topic)] = (found[0], on)
                summary["subscriptions changed"] += 1
    if new:
        await scope.bulk_create(Subscription, new)
        summary["subscriptions added"] += len(new)


async def write_contacts(tenant: Tenant, plans: list[ContactPlan], summary: Counter,
                         progress: Callable[[int], None] | None = None) -> None:
    """Write every contact of one tenant; call inside the import's transaction."""
    scope = TenantScope(tenant.id)
    await _check_topics(scope, plans)
    await _check_erasure_blocks(scope, plans)
    for batch in _chunks(plans):
        contacts = await _upsert_contacts(scope, batch, summary)
        await _history(scope, Interaction, INTERACTION_KEY, contacts, batch, "interactions",
                       summary)
        await _history(scope, FinancialRecord, FINANCIAL_KEY, contacts, batch, "financials",
                       summary)
        await _consents(scope, contacts, batch, summary)
        await _subscriptions(scope, contacts, batch, summary)
        if progress:
            progress(len(batch))
