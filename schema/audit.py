"""The audit log as the dpo and admins read it (docs/audit.md)."""

from datetime import datetime

import strawberry

from policies.errors import CodedError
from policies.vocabulary import ErrorCode
from schema.connections import Connection


@strawberry.type(description="One operation on personal data. Each event carries the hash of the "
                 "previous event of its tenant; `salesplus audit verify` checks the chain.")
class AuditEvent:
    id: strawberry.ID
    seq: int = strawberry.field(description="Position in the tenant's chain: 1, 2, 3 …")
    at: datetime
    principal: str = strawberry.field(description="Who acted: `user:ID` or `token:ID`.")
    purpose: str | None = strawberry.field(description="The purpose the operation declared.")
    operation: str = strawberry.field(description="`query|mutation [name:] root fields`.")
    contact_ids: list[strawberry.ID] = strawberry.field(
        description="Contacts whose data was returned or written, or whose access was refused "
        "for lack of a lawful basis.")
    categories_returned: list[str]
    categories_denied: list[str] = strawberry.field(
        description="Categories selected or used (filters, writes) but refused.")
    codes: list[str] = strawberry.field(description="The error codes of the response.")
    has_legal_reference: bool = strawberry.field(
        description="Whether the operation answered legal process (X-Legal-Reference).")
    prev_hash: str
    hash: str

    @strawberry.field(description="The legal process the operation answered (X-Legal-Reference): "
                      "its text is the dpo's to read; others see hasLegalReference only.")
    def legal_reference(self, info: strawberry.Info) -> str | None:
        if self._reference_withheld and info.context.access.report_once(
                ("AuditEvent", "legalReference", ErrorCode.FORBIDDEN)):
            raise CodedError(ErrorCode.FORBIDDEN, "Only the dpo reads legal references.")
        return self._legal_reference


AuditEventConnection = Connection[AuditEvent]


@strawberry.input
class AuditFilter:
    contact_id: strawberry.ID | None = strawberry.field(
        default=None, description="Events that touched this contact.")
    principal: str | None = strawberry.field(default=None, description="`user:ID` or `token:ID`.")
    purpose: str | None = None
    since: datetime | None = strawberry.field(default=None, description="At or after (inclusive).")
    until: datetime | None = strawberry.field(default=None, description="Before (exclusive).")
