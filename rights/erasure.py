"""Erasure (GDPR Art. 17) of one contact, in ONE transaction: a failure at any step leaves the
contact, its records and its request exactly as they were.

- The contact row stays as a stub (id, tenant, created_at, erased_at) so that references to it
  (requests, disclosures, the audit trail) still resolve to "an erased contact"; every personal
  column is nulled (`last_name` becomes "", `interests` []), `external_ref` included.
- Interactions, consent records, objections, purpose states, subscriptions and the change history
  (which holds old values) are deleted.
- Financial records under a retention duty (INVOICE, PAYMENT) are kept for the accounting record
  but detached (contact_id NULL) and their free-text description is scrubbed, since it may name
  the person; amount, currency, date, kind and status remain. DEAL and SUBSCRIPTION records are
  deleted.
- Keyed hashes of the email and externalRef block a re-import (rights/blocks.py).
- A linked ERASURE request is completed.

Every statement names the tenant and the contact: nothing of another contact changes."""

from dataclasses import dataclass, field
from datetime import datetime

from tortoise.transactions import in_transaction

from models import (ConsentRecord, Contact, ContactChange, ContactPurposeState,
                    DataSubjectRequest, Disclosure, FinancialRecord, Interaction, Objection,
                    Subscription)
from policies.errors import CodedError, not_found
from policies.vocabulary import ErrorCode
from rights import blocks, clock
from rights.export import CONTACT_FIELDS
from rights.requests import get_request, transition

RETAINED_FINANCIAL_KINDS = ("INVOICE", "PAYMENT")
ACCOUNTING_GROUND = ("Accounting records: retention duty under commercial and tax law (GDPR "
                     "Art. 17(3)(b)); kept detached from the person, description removed.")
GROUNDS = {
    "DATA_SUBJECT_REQUEST": "Proof that the request was handled (GDPR Art. 5(2), 12); holds no "
                            "personal data of the contact.",
    "DISCLOSURE": "Record of disclosures under legal process (GDPR Art. 5(2), 30); holds the legal "
                  "reference and data categories, no values.",
    "ERASURE_BLOCK": "Keyed hashes of the email and externalRef, so the erased person is not "
                     "imported again (GDPR Art. 17, 19); not reversible without the server key.",
}
# Personal columns and the value they take once erased.
ERASED_VALUES = {column: None for column in CONTACT_FIELDS if column != "processing_restricted"}
ERASED_VALUES.update(last_name="", interests=[])
DELETED = (("INTERACTION", Interaction), ("CONSENT_RECORD", ConsentRecord),
           ("OBJECTION", Objection), ("PURPOSE_STATE", ContactPurposeState),
           ("SUBSCRIPTION", Subscription), ("CONTACT_CHANGE", ContactChange))


@dataclass
class Report:
    contact_id: int
    erased_at: datetime
    erased_fields: list[str]
    erased: dict[str, int] = field(default_factory=dict)  # record kind -> rows deleted
    retained: list[tuple[str, int, str]] = field(default_factory=list)  # kind, count, ground
    request_id: int | None = None


async def _check_request(tenant_id: int, contact_id: int, request_id: int | None):
    if request_id is None:
        return None
    request = await get_request(tenant_id, request_id)
    if request.kind != "ERASURE" or request.contact_id != contact_id:
        raise CodedError(ErrorCode.BAD_USER_INPUT,
                         "requestId: not an erasure request of this contact.")
    if request.status in clock.CLOSED:
        raise CodedError(ErrorCode.BAD_USER_INPUT, f"requestId: the request is {request.status}.")
    return request


async def delete_records(t: int, c: int, report: Report) -> None:
    for kind, model in DELETED:
        report.erased[kind] = await model.filter(tenant_id=t, contact_id=c).delete()


async def detach_financials(t: int, c: int, report: Report) -> None:
    mine = FinancialRecord.filter(tenant_id=t, contact_id=c)
    for kind in ("DEAL", "SUBSCRIPTION"):
        report.erased[f"FINANCIAL_{kind}"] = await mine.filter(kind=kind).delete()
    kept = await mine.filter(kind__in=RETAINED_FINANCIAL_KINDS).update(contact_id=None,
                                                                       description=None)
    # Anything else (a kind added later) is not known to be under a retention duty: deleted.
    report.erased["FINANCIAL_OTHER"] = await mine.delete()
    report.retained.append(("FINANCIAL_RECORD", kept, ACCOUNTING_GROUND))


async def scrub_contact(t: int, c: int, at: datetime) -> None:
    await Contact.filter(tenant_id=t, id=c).update(**ERASED_VALUES, erased_at=at, updated_at=at)


async def _retained_references(t: int, c: int, blocked: int, report: Report) -> None:
    for kind, model in (("DATA_SUBJECT_REQUEST", DataSubjectRequest), ("DISCLOSURE", Disclosure)):
        report.retained.append((kind, await model.filter(tenant_id=t, contact_id=c).count(),
                                GROUNDS[kind]))
    report.retained.append(("ERASURE_BLOCK", blocked, GROUNDS["ERASURE_BLOCK"]))


async def erase_contact(tenant_id: int, contact_id: int, request_id: int | None = None,
                        at: datetime | None = None) -> Report:
    """Erase a contact of the tenant; NOT_FOUND when there is none or it is erased already."""
    at = at or clock.now()
    t, c = tenant_id, contact_id
    async with in_transaction():
        rows = await Contact.filter(tenant_id=t, id=c, erased_at__isnull=True).select_for_update(
        ).values("email", "external_ref")
        if not rows:
            raise not_found()
        request = await _check_request(t, c, request_id)
        report = Report(contact_id=c, erased_at=at, erased_fields=sorted(
            {name.partition(".")[0] for column, name in CONTACT_FIELDS.items()
             if column in ERASED_VALUES}))
        await delete_records(t, c, report)
        await detach_financials(t, c, report)
        blocked = await blocks.block(t, blocks.hashes_of(rows[0]["email"], rows[0]["external_ref"]))
        await scrub_contact(t, c, at)
        if request is not None:
            await transition_to_completed(request, at)
            report.request_id = request.id
        await _retained_references(t, c, blocked, report)
    return report


async def transition_to_completed(request: DataSubjectRequest, at: datetime) -> None:
    """The erasure is the work of the request: it completes it from any open status."""
    if request.status == "OPEN":
        await transition(request, "IN_PROGRESS", at=at)
    if request.status == "IN_PROGRESS" or request.status == "EXTENDED":
        await transition(request, "COMPLETED", at=at)
