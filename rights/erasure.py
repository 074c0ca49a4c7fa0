"""Erasure (GDPR Art. 17) of one contact, in ONE transaction: a failure at any step leaves the
contact, its records and its request exactly as they were.

What erasure does is declared, not listed here: each table that refers to a contact says what
happens to its rows (`ERASURE = OnErasure(...)` on the model) and each catalogued column what an
erasure leaves in it, or on what legal ground it is kept (models/personal.py). So:

- The contact row stays as a stub (its structural columns, erased_at); every catalogued column is
  set to its erased value (null, `""` for last_name, `[]` for interests), externalRef included.
- Tables declared `delete` (interactions, consent records, objections, purpose states,
  subscriptions, the change history with its old values) lose the contact's rows.
- Tables declared `detach` keep the rows their declaration names (invoices and payments, for the
  accounting record) detached from the contact, with every column not declared `retain` erased
  (the free-text description); their other rows are deleted.
- Tables declared `keep` (requests, disclosures) keep their rows, reported with their ground.
- The contact's data key (ContactKey, declared `delete`) goes too: crypto-shredding. Every value
  sealed with it (data/sealed.py) in any backup, replica or dump taken before is unreadable; the
  report names those categories (`shredded`).
- Keyed hashes of the email and externalRef block the person's return (rights/blocks.py).
- A linked ERASURE request is completed.

Every statement names the tenant and the contact: nothing of another contact changes."""

from dataclasses import dataclass, field
from datetime import datetime

from tortoise.transactions import in_transaction

import models
from data import sealed
from data.scope import TenantScope
from models import Contact, ContactKey, DataSubjectRequest
from models.personal import OnErasure, catalog
from policies.errors import CodedError, not_found
from policies.vocabulary import ErrorCode
from rights import blocks, clock
from rights.requests import get_request, transition

BLOCK_GROUND = ("Keyed hashes of the email and externalRef, so the erased person is not imported "
                "again (GDPR Art. 17, 19); not reversible without the server key.")
# Every catalogued column of the contact and the value it takes once erased.
ERASED_VALUES = {c.column: c.erased for c in catalog(Contact) if not c.retain}


def record_kind(model: type) -> str:
    """A table's name in the erasure report: INTERACTION, CONSENT_RECORD, ..."""
    return model._meta.db_table.upper()


def _tables(rows: str) -> list[tuple[type, OnErasure]]:
    """Tables that refer to a contact, with the given treatment, in model order."""
    found = []
    for name in models.__all__:
        model = getattr(models, name)
        treatment = model.__dict__.get("ERASURE")
        if treatment is not None and treatment.rows == rows and model is not Contact:
            found.append((model, treatment))
    return found


@dataclass
class Report:
    contact_id: int
    erased_at: datetime
    erased_fields: list[str]
    erased: dict[str, int] = field(default_factory=dict)  # record kind -> rows deleted
    retained: list[tuple[str, int, str]] = field(default_factory=list)  # kind, count, ground
    shredded: list[str] = field(default_factory=list)  # categories sealed with the deleted key
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


async def delete_records(scope: TenantScope, c: int, report: Report) -> None:
    for model, _treatment in _tables("delete"):
        report.erased[record_kind(model)] = await scope.rows(model).filter(contact_id=c).delete()


async def detach_records(scope: TenantScope, c: int, report: Report) -> None:
    for model, treatment in _tables("detach"):
        mine = scope.rows(model).filter(contact_id=c)
        kept_rows = mine.filter(**{f"{column}__in": list(values)
                                   for column, values in treatment.keep_when.items()})
        erased = {col.column: col.erased for col in catalog(model) if not col.retain}
        kept = await kept_rows.update(contact_id=None, **erased)
        report.erased[record_kind(model)] = await mine.delete()  # the rows not kept
        report.retained.append((record_kind(model), kept, treatment.ground))


async def scrub_contact(scope: TenantScope, c: int, at: datetime) -> None:
    await scope.rows(Contact).filter(id=c).update(**ERASED_VALUES, erased_at=at, updated_at=at)


async def _retained_references(scope: TenantScope, c: int, blocked: int, report: Report) -> None:
    for model, treatment in _tables("keep"):
        report.retained.append((record_kind(model),
                                await scope.rows(model).filter(contact_id=c).count(),
                                treatment.ground))
    report.retained.append(("ERASURE_BLOCK", blocked, BLOCK_GROUND))


async def erase_contact(tenant_id: int, contact_id: int, request_id: int | None = None,
                        at: datetime | None = None) -> Report:
    """Erase a contact of the tenant; NOT_FOUND when there is none or it is erased already."""
    at = at or clock.now()
    scope, c = TenantScope(tenant_id), contact_id
    async with in_transaction():
        rows = await scope.rows(Contact).filter(id=c, erased_at__isnull=True).select_for_update(
        ).values("email", "external_ref")
        if not rows:
            raise not_found()
        request = await _check_request(tenant_id, c, request_id)
        report = Report(contact_id=c, erased_at=at, erased_fields=sorted(
            {col.api_name.partition(".")[0] for col in catalog(Contact) if not col.retain}))
        await delete_records(scope, c, report)
        if report.erased.pop(record_kind(ContactKey)):  # reported as `shredded`
            report.shredded = await shredded_categories(tenant_id)
        await detach_records(scope, c, report)
        blocked = await blocks.block(tenant_id, blocks.hashes_of(rows[0]["email"],
                                                                 rows[0]["external_ref"]))
        await scrub_contact(scope, c, at)
        if request is not None:
            await transition_to_completed(request, at)
            report.request_id = request.id
        await _retained_references(scope, c, blocked, report)
    return report


async def shredded_categories(tenant_id: int) -> list[str]:
    """The categories the tenant's data keys seal (sensitive, and those it opted in)."""
    opted = await sealed.opted_categories(tenant_id)
    return sorted({c.category.value for model in sealed.ENCRYPTED_MODELS
                   for c in sealed.encrypted_columns(model, opted)})


async def transition_to_completed(request: DataSubjectRequest, at: datetime) -> None:
    """The erasure is the work of the request: it completes it from any open status."""
    if request.status == "OPEN":
        await transition(request, "IN_PROGRESS", at=at)
    if request.status == "IN_PROGRESS" or request.status == "EXTENDED":
        await transition(request, "COMPLETED", at=at)
