"""Shared pieces of the data subject rights tests: operations, a contact holding every kind of
record, and a dump of what the database holds about contacts."""

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from models import (ConsentRecord, Contact, ContactChange, ContactPurposeState, DataSubjectRequest,
                    Disclosure, ErasureBlock, FinancialRecord, Interaction, Objection, Subscription,
                    SubscriptionTopic)

EXPORT_SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "export.schema.json").read_text())
LEGAL = "legal_compliance"

OPEN = """mutation($c: ID!, $k: DSRKind!) { openDataSubjectRequest(contactId: $c, kind: $k) {
  id contactId kind status receivedAt dueAt overdue extensionReason closedAt rejectionReason openedBy } }"""
UPDATE = """mutation($id: ID!, $s: DSRStatus!, $r: String, $m: Int) {
  updateDataSubjectRequest(id: $id, status: $s, reason: $r, extendByMonths: $m) {
    id status dueAt overdue extensionReason closedAt rejectionReason } }"""
LIST = """query($s: DSRStatus, $first: Int!, $after: String) {
  dataSubjectRequests(status: $s, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id kind status dueAt overdue } } } }"""
EXPORT = "mutation($c: ID!) { exportContactData(contactId: $c) }"
ERASE = """mutation($c: ID!, $r: ID) { eraseContact(contactId: $c, requestId: $r) {
  contactId erasedAt erased erasedRecords { kind count } retained { kind count legalGround } requestId } }"""
UPDATE_CONTACT = """mutation($id: ID!, $input: ContactInput!) {
  updateContact(id: $id, input: $input) { id firstName email } }"""
RESTRICT = """mutation($c: ID!, $r: Boolean!) {
  setProcessingRestriction(contactId: $c, restricted: $r) { id processingRestricted } }"""
LIFT = """mutation($e: String, $x: String) { liftErasureBlock(email: $e, externalRef: $x) }"""

# Tables holding rows about a contact, with the column that names it.
CONTACT_TABLES = ((Interaction, "contact_id"), (ConsentRecord, "contact_id"),
                  (Objection, "contact_id"), (ContactPurposeState, "contact_id"),
                  (Subscription, "contact_id"), (ContactChange, "contact_id"),
                  (FinancialRecord, "contact_id"), (DataSubjectRequest, "contact_id"),
                  (Disclosure, "contact_id"))


def codes(result: dict) -> list[str]:
    return [e["extensions"]["code"] for e in result.get("errors") or []]


async def topics(tenant, **opt_out: bool) -> None:
    for topic, can_opt_out in opt_out.items():
        await SubscriptionTopic.create(tenant=tenant, topic=topic, opt_out=can_opt_out)


async def rich_contact(factory, tenant, *, interactions: int = 3, **fields) -> Contact:
    """A contact with at least one record of every kind the export lists."""
    contact = await factory.contact(tenant, **fields)
    start = datetime(2026, 1, 5, 9, tzinfo=timezone.utc)
    await factory.consent(contact, "marketing", at=start)
    await factory.consent(contact, "surveys", "WITHDRAWN", at=start + timedelta(hours=1))
    await factory.objection(contact, "analytics")
    if not await SubscriptionTopic.exists(tenant_id=tenant.id, topic="newsletter"):
        await topics(tenant, newsletter=True, service=False)
    await Subscription.create(tenant_id=tenant.id, contact=contact, topic="newsletter", subscribed=True)
    await Subscription.create(tenant_id=tenant.id, contact=contact, topic="service", subscribed=True)
    await Interaction.bulk_create([
        Interaction(tenant_id=tenant.id, contact_id=contact.id, kind="EMAIL", direction="INBOUND",
                    occurred_at=start + timedelta(minutes=i), participants_count=2,
                    subject=f"Subject {i} of {contact.first_name}", content=f"Body {i}")
        for i in range(interactions)])
    for kind in ("INVOICE", "PAYMENT", "DEAL", "SUBSCRIPTION"):
        await factory.financial(contact, kind=kind, description=f"{kind} for {contact.first_name}")
    await DataSubjectRequest.create(tenant_id=tenant.id, contact=contact, kind="ACCESS",
                                    status="OPEN", received_at=start,
                                    due_at=start + timedelta(days=31))
    await Disclosure.create(tenant_id=tenant.id, contact=contact, legal_reference="Court order 42/2026",
                            principal="user:1", operation="contact", categories=["identity"])
    await ContactChange.create(tenant_id=tenant.id, contact=contact, kind="RECTIFICATION",
                               changes={"first_name": ["Old", contact.first_name]})
    return contact


async def dump(*, tenant_ids=None, exclude_contact: int | None = None) -> dict:
    """Every row about contacts (contacts included) as plain values, optionally leaving one
    contact out: to compare what an operation did to everyone else."""
    result = {}
    contacts = Contact.all().order_by("id")
    if tenant_ids is not None:
        contacts = contacts.filter(tenant_id__in=tenant_ids)
    if exclude_contact is not None:
        contacts = contacts.exclude(id=exclude_contact)
    result["contact"] = await contacts.values()
    for model, column in CONTACT_TABLES:
        rows = model.all().order_by("id")
        if tenant_ids is not None:
            rows = rows.filter(tenant_id__in=tenant_ids)
        values = await rows.values()
        if exclude_contact is not None:  # rows of other contacts only (detached rows are no one's)
            values = [r for r in values if r[column] not in (None, exclude_contact)]
        result[model._meta.db_table] = values
    result["erasure_block"] = await ErasureBlock.filter(
        **({"tenant_id__in": tenant_ids} if tenant_ids is not None else {})).order_by("id").values()
    return result
