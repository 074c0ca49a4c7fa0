"""Interactions and financial records: structural and resolver fields here, personal-data columns
from the field catalog (models/personal.py, models/activity.py)."""

import strawberry

from models import FinancialRecord as FinancialRow
from models import Interaction as InteractionRow
from models import activity as vocabulary
from policies.fields import Guarded
from schema.catalog_types import graphql_enum, input_type, output_type
from schema.connections import Connection

InteractionKind = graphql_enum(vocabulary.InteractionKind)
Direction = graphql_enum(vocabulary.Direction)
FinancialKind = graphql_enum(vocabulary.FinancialKind)


class InteractionFields:
    id: strawberry.ID

    @strawberry.field(description="The contact, when it is visible for the declared purpose.")
    async def contact(self, info: strawberry.Info) -> "Contact | None":
        from resolvers.contacts import contact_of  # noqa: PLC0415  (schema <-> resolvers cycle)

        return await contact_of(info, self._contact_id)


class FinancialRecordFields:
    id: strawberry.ID

    @strawberry.field(description="The contact, when it is visible for the declared purpose; null "
                      "once the contact was erased (the record is kept for its legal retention duty).")
    async def contact(self, info: strawberry.Info) -> "Contact | None":
        from resolvers.contacts import contact_of  # noqa: PLC0415

        return await contact_of(info, self._contact_id)


class ContactReference:
    contact_id: strawberry.ID


Interaction = output_type(InteractionRow, "Interaction", extra=InteractionFields, base=Guarded,
                          description=None)
FinancialRecord = output_type(FinancialRow, "FinancialRecord", extra=FinancialRecordFields,
                              base=Guarded, description=None)
InteractionConnection = Connection[Interaction]
FinancialRecordConnection = Connection[FinancialRecord]
InteractionInput = input_type(InteractionRow, "InteractionInput", partial=False,
                              extra=ContactReference, description=None)
FinancialInput = input_type(FinancialRow, "FinancialInput", partial=False, extra=ContactReference,
                            description=None)


from schema.contacts import Contact  # noqa: E402
