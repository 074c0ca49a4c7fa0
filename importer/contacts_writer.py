"""Writing the contacts of one tenant and everything attached to them, set by set (issue 11).

Contacts come as a stream and are written in batches of `BATCH`: per batch a fixed number of
statements whatever its size — one lookup per table for the rows that exist already (of the
contacts that existed before the batch; a contact created now has none), one bulk insert per
table (`TenantScope.bulk_create` / `insert_rows`, so that whatever the data layer does to a row
it writes, it does here too), and the purpose states computed in Python from the batch's consents
and objections with the rule of `models.consent` (`apply_consent`, `apply_objection`). Only a
contact whose fields changed costs a statement of its own (its UPDATE).

Idempotence (re-importing a file changes nothing):
- a contact is matched by `externalRef` in its tenant; only the fields the record gives are set, and
  the row is saved (bumping `updated_at`) only if one of them differs;
- consents, interactions and financials are history: a record identical in every field to one the
  contact already has is skipped, any other is appended (a changed record is a new fact);
- an objection is a state: added once per purpose, never lifted by an import;
- a subscription is set to the given state, written only if it differs."""

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from tortoise.timezone import now

import db
from data import sealed
from data.scope import TenantScope, insert_rows
from importer.contact_fields import ContactPlan
from importer.errors import InvalidRecord
from models import (Contact, ConsentRecord, ContactPurposeState, FinancialRecord, Interaction,
                    Objection, Subscription, SubscriptionTopic, Tenant)
from models.consent import apply_consent, apply_objection, new_state
from rights.blocks import blocked

# Contacts per batch: bounds memory (one batch of records is held) and the IN (...) lists; large
# enough that a statement's round trip is shared by thousands of rows.
BATCH = 2000
CONSENT_KEY = ("purpose", "status", "explicit", "source", "evidence", "captured_at")
INTERACTION_KEY = ("kind", "occurred_at", "direction", "participants_count", "subject", "content")
FINANCIAL_KEY = ("kind", "amount", "currency", "occurred_at", "status", "description")
STATE_FIELDS = ("consent", "consent_at", "explicit", "objected", "basis_state")


def _batches(plans: Iterable[ContactPlan]) -> Iterator[list[ContactPlan]]:
    """Reads the stream one batch at a time: the next batch is read when this one is written."""
    stream = iter(plans)
    while batch := list(islice(stream, BATCH)):
        yield batch


class Batch:
    """One batch of contact plans and their ids once written: `old` are the ids of contacts that
    existed before this import touched them (only they can have history to compare with)."""

    def __init__(self, plans: list[ContactPlan]) -> None:
        self.plans = plans
        self.ids: dict[str, int] = {}
        self.old: list[int] = []

    def id_of(self, plan: ContactPlan) -> int:
        return self.ids[plan.external_ref]


def _check_topics(topics: set[str], plans: list[ContactPlan]) -> None:
    """A subscription must name a topic of the tenant: a typo would otherwise create a topic nobody
    manages and that no unsubscribe page lists."""
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


async def _upsert_contacts(scope: TenantScope, batch: Batch, summary: Counter) -> None:
    """Create the new contacts, update the changed ones; fills `batch.ids` and `batch.old`."""
    contacts = scope.rows(Contact)
    refs = [plan.external_ref for plan in batch.plans]
    existing = {c.external_ref: c for c in await contacts.filter(external_ref__in=refs)}
    new = [{"external_ref": p.external_ref, **p.columns}
           for p in batch.plans if p.external_ref not in existing]
    if new:
        await scope.bulk_create(Contact, new)  # returns None in Tortoise 1.x: read the ids back
        summary["contacts created"] += len(new)
        batch.ids.update(await contacts.filter(
            external_ref__in=[values["external_ref"] for values in new]).values_list(
            "external_ref", "id"))
    for plan in batch.plans:
        contact = existing.get(plan.external_ref)
        if contact is not None:
            await _update_contact(contact, plan.columns, summary)
            batch.ids[plan.external_ref] = contact.id
            batch.old.append(contact.id)


async def _update_contact(contact: Contact, columns: dict, summary: Counter) -> None:
    changed = [col for col, value in columns.items() if getattr(contact, col) != value]
    if not changed:
        summary["contacts unchanged"] += 1
        return
    for col in changed:
        setattr(contact, col, columns[col])
    await contact.save(update_fields=[*changed, "updated_at"])
    summary["contacts updated"] += 1


async def _existing(scope: TenantScope, model, batch: Batch, fields: tuple[str, ...]) -> set[tuple]:
    """The (contact_id, *fields) of the rows the batch's older contacts have: one statement, none
    for a batch of new contacts."""
    if not batch.old:
        return set()
    rows = await scope.rows(model).filter(contact_id__in=batch.old).values(
        "id", "contact_id", *fields)
    # Compared with the file's plaintext: sealed values opened (data/sealed.py).
    opener = await sealed.opener_for(scope.tenant_id, sealed.sealed_contacts(model, rows))
    return {tuple(opened[name] for name in ("contact_id", *fields))
            for opened in (opener.row(model, row, fields) for row in rows)}


async def _history(scope: TenantScope, model, key: tuple[str, ...], batch: Batch, attr: str,
                   summary: Counter) -> None:
    """Append the interactions or financials not yet present, in one bulk insert."""
    seen = await _existing(scope, model, batch, key)
    rows = []
    for plan in batch.plans:
        contact_id = batch.id_of(plan)
        for values in getattr(plan, attr):
            k = (contact_id, *(values[f] for f in key))
            if k not in seen:
                seen.add(k)
                rows.append({"contact_id": contact_id, **values})
    if rows:
        await scope.bulk_create(model, rows)
        summary[f"{attr} added"] += len(rows)


class PurposeStates:
    """The batch's ContactPurposeState rows, loaded once, changed in memory, written once."""

    def __init__(self, scope: TenantScope, rows: list[ContactPurposeState]) -> None:
        self.scope = scope
        self.rows = {(row.contact_id, row.purpose): row for row in rows}
        self.changed: dict[tuple[int, str], ContactPurposeState] = {}

    @classmethod
    async def load(cls, scope: TenantScope, batch: Batch) -> "PurposeStates":
        rows = await scope.rows(ContactPurposeState).filter(contact_id__in=batch.old) \
            if batch.old else []
        return cls(scope, list(rows))

    def of(self, contact_id: int, purpose: str) -> ContactPurposeState:
        key = (contact_id, purpose)
        if key not in self.rows:
            self.rows[key] = new_state(self.scope.tenant_id, contact_id, purpose)
        return self.rows[key]

    def consent(self, contact_id: int, values: dict) -> None:
        state = self.of(contact_id, values["purpose"])
        if apply_consent(state, status=values["status"], explicit=values["explicit"],
                         captured_at=values["captured_at"]):
            self.changed[(contact_id, values["purpose"])] = state

    def objection(self, contact_id: int, purpose: str) -> None:
        state = self.of(contact_id, purpose)
        if apply_objection(state) or state.id is None:
            self.changed[(contact_id, purpose)] = state

    async def save(self) -> None:
        new = [state for state in self.changed.values() if state.id is None]
        old = [state for state in self.changed.values() if state.id is not None]
        await insert_rows(ContactPurposeState, new)
        await self.scope.bulk_update(ContactPurposeState, old, STATE_FIELDS)


async def _consents(scope: TenantScope, batch: Batch, summary: Counter) -> None:
    seen = await _existing(scope, ConsentRecord, batch, CONSENT_KEY)
    objected = await _existing(scope, Objection, batch, ("purpose",))
    states = await PurposeStates.load(scope, batch)
    consents, objections = [], []
    for plan in batch.plans:
        contact_id = batch.id_of(plan)
        for values in sorted(plan.consents, key=lambda v: v["captured_at"]):
            k = (contact_id, *(values[f] for f in CONSENT_KEY))
            if k not in seen:
                seen.add(k)
                consents.append({"contact_id": contact_id, "recorded_by_id": None, **values})
                states.consent(contact_id, values)
        for purpose in plan.objections:
            if (contact_id, purpose) not in objected:
                objected.add((contact_id, purpose))
                objections.append({"contact_id": contact_id, "purpose": purpose,
                                   "source": "import", "recorded_by_id": None})
                states.objection(contact_id, purpose)
    await scope.bulk_create(ConsentRecord, consents)
    await scope.bulk_create(Objection, objections)
    await states.save()
    summary["consents added"] += len(consents)
    summary["objections added"] += len(objections)


async def _subscriptions(scope: TenantScope, batch: Batch, summary: Counter) -> None:
    current = {(contact_id, topic): (sub_id, on) for sub_id, contact_id, topic, on in
               await scope.rows(Subscription).filter(contact_id__in=batch.old).values_list(
                   "id", "contact_id", "topic", "subscribed")} if batch.old else {}
    new, flips = [], {True: [], False: []}
    for plan in batch.plans:
        contact_id = batch.id_of(plan)
        for topic, on, _ in plan.subscriptions:
            found = current.get((contact_id, topic))
            if found is None:
                new.append({"contact_id": contact_id, "topic": topic, "subscribed": on})
            elif found[1] != on:
                flips[on].append(found[0])
    await scope.bulk_create(Subscription, new)
    summary["subscriptions added"] += len(new)
    for on, ids in flips.items():
        if ids:  # one UPDATE per direction, not one per subscription
            await scope.rows(Subscription).filter(id__in=ids).update(subscribed=on,
                                                                     updated_at=now())
            summary["subscriptions changed"] += len(ids)


async def write_contacts(tenant: Tenant, plans: Iterable[ContactPlan], summary: Counter,
                         progress: Callable[[int], None] | None = None) -> None:
    """Write every contact of one tenant; call inside the import's transaction. `plans` is read
    one batch at a time."""
    scope = TenantScope(tenant.id)
    topics = set(await scope.rows(SubscriptionTopic).values_list("topic", flat=True))
    for number, plans_of_batch in enumerate(_batches(plans)):
        _check_topics(topics, plans_of_batch)
        await _check_erasure_blocks(scope, plans_of_batch)
        batch = Batch(plans_of_batch)
        await _upsert_contacts(scope, batch, summary)
        await _history(scope, Interaction, INTERACTION_KEY, batch, "interactions", summary)
        await _history(scope, FinancialRecord, FINANCIAL_KEY, batch, "financials", summary)
        await _consents(scope, batch, summary)
        await _subscriptions(scope, batch, summary)
        if number == 0 and summary["contacts created"]:
            # Without statistics PostgreSQL scans the growing tables for each batch's lookups
            # (quadratic: 100,000 contacts took minutes); the first batch's rows give them.
            await db.refresh_statistics_midway()
        if progress:
            progress(len(plans_of_batch))
    for kind in [kind for kind, n in summary.items() if n == 0]:
        del summary[kind]  # "0 consents added" says nothing
