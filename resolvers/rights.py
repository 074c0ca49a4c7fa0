"""Data subject rights: requests and their clock, export, erasure, and lifting erasure blocks.

Requests, export and erasure are the dpo's, under `legal_compliance` (policy lines `dsr manage`,
`erasure execute`); lifting an erasure block is an admin's (`erasure_block lift`,
administration). The work itself is in `rights/`, shared with the command line."""

import strawberry
from strawberry.scalars import JSON

from models import DataSubjectRequest as RequestRow
from policies.errors import CodedError, not_found
from policies.vocabulary import Action, Category, ErrorCode, Resource
from models.ids import parse_id
from resolvers.contacts import load_visible
from resolvers.pagination import SortKey, after_filter, check_first, connection, ordering
from rights import blocks, clock, requests
from rights.erasure import erase_contact as erase
from rights.export import export_contact
from schema.rights import (DataSubjectRequest, DataSubjectRequestConnection, DSRKind, DSRStatus,
                           ErasedRecord, ErasureReport, RetainedRecord)

# Most urgent first. Due dates are not personal data: the value may travel in the cursor.
DUE_FIRST = SortKey("DUE_AT", "due_at", False)
REQUEST_COLUMNS = ("id", "contact_id", "kind", "status", "received_at", "due_at",
                   "extension_reason", "closed_at", "rejection_reason", "opened_by_id")


def to_request(row: dict) -> DataSubjectRequest:
    return DataSubjectRequest(
        id=strawberry.ID(str(row["id"])),
        contact_id=strawberry.ID(str(row["contact_id"])) if row["contact_id"] else None,
        kind=DSRKind(row["kind"]), status=DSRStatus(row["status"]),
        received_at=row["received_at"], due_at=row["due_at"],
        overdue=clock.is_overdue(row["status"], row["due_at"], clock.now()),
        extension_reason=row["extension_reason"], closed_at=row["closed_at"],
        rejection_reason=row["rejection_reason"],
        opened_by=f"user:{row['opened_by_id']}" if row["opened_by_id"] else None)


def _row(request: RequestRow) -> dict:
    return {name: getattr(request, name) for name in REQUEST_COLUMNS}


async def open_data_subject_request(info: strawberry.Info, contact_id: strawberry.ID,
                                    kind: DSRKind) -> DataSubjectRequest:
    """Record a request received now; it is due one calendar month later."""
    access = info.context.access
    access.require(Resource.DSR, Action.MANAGE)
    row, _state = await load_visible(info, parse_id(contact_id))
    request = await requests.open_request(access.principal.tenant_id, row["id"], kind.value,
                                          access.principal.user_id)
    return to_request(_row(request))


async def update_data_subject_request(
        info: strawberry.Info, id: strawberry.ID, status: DSRStatus, reason: str | None = None,
        extend_by_months: int | None = None) -> DataSubjectRequest:
    """Move a request on: IN_PROGRESS; EXTENDED (extendByMonths 1–2 and a reason, once);
    COMPLETED; REJECTED (a reason). Any other move is BAD_USER_INPUT."""
    access = info.context.access
    access.require(Resource.DSR, Action.MANAGE)
    request = await requests.get_request(access.principal.tenant_id, parse_id(id, RequestRow))
    await requests.transition(request, status.value, reason, extend_by_months)
    return to_request(_row(request))


async def data_subject_requests(info: strawberry.Info, status: DSRStatus | None = None,
                                first: int = 50,
                                after: str | None = None) -> DataSubjectRequestConnection:
    access = info.context.access
    access.require(Resource.DSR, Action.MANAGE)
    check_first(first)
    base = access.rows(RequestRow)
    if status is not None:
        base = base.filter(status=status.value)
    rows = await base.filter(after_filter(DUE_FIRST, after)).order_by(*ordering(DUE_FIRST)).limit(
        first + 1).values(*REQUEST_COLUMNS)
    nodes = [to_request(row) for row in rows[:first]]
    return connection(DUE_FIRST, rows, first, nodes, lambda: base.count())


def _may_export_everything(access, explicit: bool) -> None:
    """The export holds every category: the caller must be able to read each one for the
    purpose (rule 4), and special categories under rule 6, or there is no export at all."""
    for category in Category:
        access.require(category)
        if category.value in access.special_categories and not access.special_allowed(
                category, explicit):
            raise CodedError(ErrorCode.CONSENT_REQUIRED,
                             f"{category.value} data needs explicit consent for this purpose.")


async def export_contact_data(info: strawberry.Info, contact_id: strawberry.ID) -> JSON:
    """Everything held about one contact, as the versioned document of docs/export.schema.json."""
    access = info.context.access
    access.require(Resource.DSR, Action.MANAGE)
    row, state = await load_visible(info, parse_id(contact_id))
    _may_export_everything(access, bool(state and state.explicit))
    document = await export_contact(access.principal.tenant_id, row["id"])
    if document is None:  # erased between the two reads
        raise not_found()
    # Returned outside project(): say what, for the audit trail and the disclosure record.
    access.touched.note(row["id"], returned=list(Category))
    return document


async def erase_contact(info: strawberry.Info, contact_id: strawberry.ID,
                        request_id: strawberry.ID | None = None) -> ErasureReport:
    """Erase the contact's personal data in one transaction (rights/erasure.py)."""
    access = info.context.access
    access.require(Resource.ERASURE, Action.EXECUTE)
    row, _state = await load_visible(info, parse_id(contact_id))
    request = None
    if request_id is not None:
        request = parse_id(request_id, RequestRow)
        if request is None:
            raise not_found()
    report = await erase(access.principal.tenant_id, row["id"], request)
    return ErasureReport(
        contact_id=strawberry.ID(str(report.contact_id)), erased_at=report.erased_at,
        erased=report.erased_fields,
        erased_records=[ErasedRecord(kind=k, count=n) for k, n in report.erased.items()],
        retained=[RetainedRecord(kind=k, count=n, legal_ground=g) for k, n, g in report.retained],
        shredded=report.shredded,
        request_id=strawberry.ID(str(report.request_id)) if report.request_id else None)


async def lift_erasure_block(info: strawberry.Info, email: str | None = None,
                             external_ref: str | None = None) -> int:
    """Let an erased person's email or externalRef be imported again (an admin's explicit act,
    recorded with who and when). Returns the number of blocks lifted: 0 when none was in force."""
    access = info.context.access
    access.require_administration(Resource.ERASURE_BLOCK, Action.LIFT)
    given = [(kind, value) for kind, value in ((blocks.EMAIL, email),
                                               (blocks.EXTERNAL_REF, external_ref)) if value]
    if len(given) != 1:
        raise CodedError(ErrorCode.BAD_USER_INPUT, "Give exactly one of email and externalRef.")
    kind, value = given[0]
    return await blocks.lift(access.principal.tenant_id, kind, value, access.principal.user_id)
