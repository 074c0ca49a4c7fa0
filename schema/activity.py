"""Interactions and financial records. Each personal-data field declares its category here."""

from datetime import datetime
from decimal import Decimal
from enum import Enum

import strawberry

from policies.fields import Guarded, personal
from policies.vocabulary import Category
from schema.connections import Connection

C = Category


@strawberry.enum
class InteractionKind(Enum):
    EMAIL = "EMAIL"
    CALL = "CALL"
    MEETING = "MEETING"
    CONVERSATION = "CONVERSATION"
    NOTE = "NOTE"


@strawberry.enum
class Direction(Enum):
    INBOUND = "INBOUND"
    OUTBOUND = "OUTBOUND"


@strawberry.enum
class FinancialKind(Enum):
    DEAL = "DEAL"
    INVOICE = "INVOICE"
    PAYMENT = "PAYMENT"
    SUBSCRIPTION = "SUBSCRIPTION"


@strawberry.type
class Interaction(Guarded):
    id: strawberry.ID
    kind: InteractionKind | None = personal(C.INTERACTION_METADATA)
    occurred_at: datetime | None = personal(C.INTERACTION_METADATA)
    direction: Direction | None = personal(C.INTERACTION_METADATA)
    participants_count: int | None = personal(C.INTERACTION_METADATA)
    subject: str | None = personal(C.INTERACTION_CONTENT)
    content: str | None = personal(C.INTERACTION_CONTENT)

    @strawberry.field(description="The contact, when it is visible for the declared purpose.")
    async def contact(self, info: strawberry.Info) -> "Contact | None":
        from resolvers.contacts import contact_of  # noqa: PLC0415  (schema <-> resolvers cycle)

        return await contact_of(info, self._contact_id)


@strawberry.type
class FinancialRecord(Guarded):
    id: strawberry.ID
    kind: FinancialKind | None = personal(C.FINANCIAL)
    amount: str | None = personal(C.FINANCIAL, "A decimal number as a string, e.g. \"120.00\".")
    currency: str | None = personal(C.FINANCIAL, "ISO 4217 code.")
    occurred_at: datetime | None = personal(C.FINANCIAL)
    status: str | None = personal(C.FINANCIAL)
    description: str | None = personal(C.FINANCIAL)

    @strawberry.field(description="The contact, when it is visible for the declared purpose; null "
                      "once the contact was erased (the record is kept for its legal retention duty).")
    async def contact(self, info: strawberry.Info) -> "Contact | None":
        from resolvers.contacts import contact_of  # noqa: PLC0415

        return await contact_of(info, self._contact_id)


InteractionConnection = Connection[Interaction]
FinancialRecordConnection = Connection[FinancialRecord]


@strawberry.input
class InteractionInput:
    contact_id: strawberry.ID
    kind: InteractionKind = personal(C.INTERACTION_METADATA)
    occurred_at: datetime = personal(C.INTERACTION_METADATA)
    direction: Direction | None = personal(C.INTERACTION_METADATA, default=None)
    participants_count: int | None = personal(C.INTERACTION_METADATA, default=None)
    subject: str | None = personal(C.INTERACTION_CONTENT, default=None)
    content: str | None = personal(C.INTERACTION_CONTENT, default=None)


@strawberry.input
class FinancialInput:
    contact_id: strawberry.ID
    kind: FinancialKind = personal(C.FINANCIAL)
    amount: Decimal = personal(C.FINANCIAL, "A decimal number, e.g. \"120.00\".")
    currency: str = personal(C.FINANCIAL, "ISO 4217 code.")
    occurred_at: datetime = personal(C.FINANCIAL)
    status: str | None = personal(C.FINANCIAL, default=None)
    description: str | None = personal(C.FINANCIAL, default=None)


from schema.contacts import Contact  # noqa: E402
