"""Data subject requests, the erasure report, and the links of one-click unsubscribe.

None of these types carries a contact's personal data (a request names its contact by id only),
so none is `Guarded`: who may see them at all is decided by `dsr manage` / `erasure execute`
under `legal_compliance` before anything is loaded."""

from datetime import datetime
from enum import Enum

import strawberry

from schema.connections import Connection


@strawberry.enum(description="The right a request exercises (GDPR Art. 15–21).")
class DSRKind(Enum):
    ACCESS = "ACCESS"
    PORTABILITY = "PORTABILITY"
    RECTIFICATION = "RECTIFICATION"
    ERASURE = "ERASURE"
    RESTRICTION = "RESTRICTION"
    OBJECTION = "OBJECTION"


@strawberry.enum(description="OPEN -> IN_PROGRESS -> (EXTENDED) -> COMPLETED; REJECTED (with a "
                 "reason) from any status that is not closed.")
class DSRStatus(Enum):
    OPEN = "OPEN"
    IN_PROGRESS = "IN_PROGRESS"
    EXTENDED = "EXTENDED"
    COMPLETED = "COMPLETED"
    REJECTED = "REJECTED"


@strawberry.type(description="A data subject request recorded on the person's behalf, with its "
                 "clock: due one calendar month after receipt, extensible once by up to two more.")
class DataSubjectRequest:
    id: strawberry.ID
    contact_id: strawberry.ID | None = strawberry.field(
        description="The contact the request is about.")
    kind: DSRKind
    status: DSRStatus
    received_at: datetime
    due_at: datetime
    overdue: bool = strawberry.field(description="Due date passed and the request not closed.")
    extension_reason: str | None
    closed_at: datetime | None
    rejection_reason: str | None
    opened_by: str | None = strawberry.field(description="The principal who recorded it, e.g. user:7.")


DataSubjectRequestConnection = Connection[DataSubjectRequest]


@strawberry.type
class ErasedRecord:
    kind: str = strawberry.field(description="e.g. INTERACTION, CONSENT_RECORD, FINANCIAL_DEAL.")
    count: int


@strawberry.type(description="Records kept after an erasure, and the legal ground for keeping "
                 "them. None of them holds the person's identity.")
class RetainedRecord:
    kind: str
    count: int
    legal_ground: str


@strawberry.type
class ErasureReport:
    contact_id: strawberry.ID
    erased_at: datetime
    erased: list[str] = strawberry.field(
        description="The contact's fields erased (API names); the records deleted are in erasedRecords.")
    erased_records: list[ErasedRecord]
    retained: list[RetainedRecord]
    shredded: list[str] = strawberry.field(description=(
        "Data categories encrypted at rest with the contact's data key, which this erasure "
        "destroyed (crypto-shredding): their values are unreadable in every backup taken "
        "before, too (docs/security.md)."))
    request_id: strawberry.ID | None = strawberry.field(
        description="The ERASURE request completed by this erasure, if one was given.")


@strawberry.type(description="What a mailing needs for one contact and topic (RFC 8058).")
class UnsubscribeLink:
    topic: str
    url: str = strawberry.field(description="One-click unsubscribe page; put it in the "
                                "`List-Unsubscribe: <url>` header and in the email body.")
    preferences_url: str = strawberry.field(description="The person's preference page.")
    list_unsubscribe: str = strawberry.field(description="The `List-Unsubscribe` header value.")
    list_unsubscribe_post: str = strawberry.field(
        description="The `List-Unsubscribe-Post` header value: List-Unsubscribe=One-Click.")
