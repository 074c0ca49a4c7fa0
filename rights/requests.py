"""Data subject requests and their life cycle:

    OPEN -> IN_PROGRESS -> (EXTENDED) -> COMPLETED
       \\________________\\_____________-> REJECTED (with a reason)

An extension (once, by one or two months, with a reason) moves the due date; a closed request
(COMPLETED or REJECTED) never changes again. Every change is a conditional UPDATE on the status
the caller saw, so two concurrent transitions cannot both apply."""

from datetime import datetime

from data.scope import TenantScope
from models import DataSubjectRequest
from policies.errors import CodedError, not_found
from policies.vocabulary import ErrorCode
from rights import clock

KINDS = ("ACCESS", "PORTABILITY", "RECTIFICATION", "ERASURE", "RESTRICTION", "OBJECTION")
TRANSITIONS = {
    "OPEN": frozenset({"IN_PROGRESS", "REJECTED"}),
    "IN_PROGRESS": frozenset({"EXTENDED", "COMPLETED", "REJECTED"}),
    "EXTENDED": frozenset({"COMPLETED", "REJECTED"}),
    "COMPLETED": frozenset(),
    "REJECTED": frozenset(),
}
MAX_REASON = 2000


def bad(reason: str) -> CodedError:
    return CodedError(ErrorCode.BAD_USER_INPUT, reason)


async def open_request(tenant_id: int, contact_id: int, kind: str, opened_by_id: int | None,
                       at: datetime | None = None) -> DataSubjectRequest:
    if kind not in KINDS:
        raise bad(f"kind: one of {', '.join(KINDS)}.")
    received = at or clock.now()
    return await TenantScope(tenant_id).create(
        DataSubjectRequest, contact_id=contact_id, kind=kind, status="OPEN", received_at=received,
        due_at=clock.due_date(received), opened_by_id=opened_by_id)


async def get_request(tenant_id: int, request_id: int | None) -> DataSubjectRequest:
    """A request of the tenant, or NOT_FOUND (another tenant's request does not exist)."""
    found = None
    if request_id is not None:
        found = await TenantScope(tenant_id).rows(DataSubjectRequest).get_or_none(id=request_id)
    if found is None:
        raise not_found()
    return found


def _reason(reason: str | None) -> str | None:
    text = (reason or "").strip()
    if len(text) > MAX_REASON:
        raise bad(f"reason: at most {MAX_REASON} characters.")
    return text or None


def _changes(request: DataSubjectRequest, status: str, reason: str | None,
             extend_by_months: int | None, at: datetime) -> dict:
    """The columns a transition writes, after checking it is legal."""
    if status not in TRANSITIONS[request.status]:
        raise bad(f"status: a request {request.status} cannot become {status}.")
    reason = _reason(reason)
    if status == "EXTENDED":
        if extend_by_months not in range(1, clock.MAX_EXTENSION_MONTHS + 1):
            raise bad(f"extendByMonths: 1 to {clock.MAX_EXTENSION_MONTHS} months.")
        if reason is None:
            raise bad("reason: say why the request needs more time (Art. 12(3)).")
        return {"extension_reason": reason,
                "due_at": clock.due_date(request.received_at, extend_by_months)}
    if extend_by_months is not None:
        raise bad("extendByMonths: only with status EXTENDED.")
    if status == "REJECTED":
        if reason is None:
            raise bad("reason: say why the request is rejected (Art. 12(4)).")
        return {"rejection_reason": reason, "closed_at": at}
    if reason is not None:
        raise bad("reason: only with status EXTENDED or REJECTED.")
    return {"closed_at": at} if status == "COMPLETED" else {}


async def transition(request: DataSubjectRequest, status: str, reason: str | None = None,
                     extend_by_months: int | None = None,
                     at: datetime | None = None) -> DataSubjectRequest:
    at = at or clock.now()
    columns = {"status": status, **_changes(request, status, reason, extend_by_months, at)}
    updated = await TenantScope(request.tenant_id).rows(DataSubjectRequest).filter(
        id=request.id, status=request.status).update(**columns)
    if not updated:
        raise bad("status: the request was changed meanwhile; read it again.")
    for name, value in columns.items():
        setattr(request, name, value)
    return request
