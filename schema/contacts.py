"""Contact types: structural and resolver fields here, personal-data columns from the catalog."""

from datetime import datetime
from enum import Enum

import strawberry

from models import Contact as ContactRow
from policies.fields import Guarded, personal
from policies import vocabulary
from policies.vocabulary import Category
from schema.catalog_types import graphql_enum, input_type, output_type
from schema.connections import Connection

C = Category
# GraphQL names of the contact's nested objects (their fields come from the catalog's paths).
GROUP_TYPES = {"preferences": "ContactPreferences", "commercial_profile": "CommercialProfile",
               "location": "Location"}
GROUP_INPUTS = {"preferences": "PreferencesInput", "commercial_profile": "CommercialProfileInput",
                "location": "LocationInput"}


ConsentStatus = graphql_enum(vocabulary.ConsentStatus)


@strawberry.type
class Subscription:
    topic: str
    subscribed: bool
    opt_out: bool


@strawberry.type
class ConsentRecord:
    purpose: str
    status: ConsentStatus
    explicit: bool
    source: str
    captured_at: datetime


class ContactFields:
    """Contact's structural and resolver fields; its personal-data columns come from the catalog."""

    id: strawberry.ID
    created_at: datetime
    updated_at: datetime
    processing_restricted: bool

    @strawberry.field(description="Purposes the contact objected to (GDPR Art. 21).")
    async def objections(self, info: strawberry.Info) -> list[str]:
        from resolvers.consent import objections_of  # noqa: PLC0415  (schema <-> resolvers cycle)

        return await objections_of(info, self)

    @personal(C.PREFERENCES, "The contact's subscriptions.")
    async def subscriptions(self, info: strawberry.Info) -> list[Subscription] | None:
        # Loaded only when selected; guarded like any field of its category.
        from resolvers.consent import subscriptions_of  # noqa: PLC0415

        return await subscriptions_of(info, self)

    @personal(C.PREFERENCES, "The contact's consent history, newest first.")
    async def consents(self, info: strawberry.Info) -> list[ConsentRecord] | None:
        from resolvers.consent import consents_of  # noqa: PLC0415

        return await consents_of(info, self)

    @strawberry.field
    async def interactions(self, info: strawberry.Info, first: int = 20,
                           after: str | None = None) -> "InteractionConnection":
        from resolvers.activity import interactions_of_contact  # noqa: PLC0415

        return await interactions_of_contact(info, self, first, after)

    @strawberry.field
    async def financials(self, info: strawberry.Info, first: int = 20,
                         after: str | None = None) -> "FinancialRecordConnection":
        from resolvers.activity import financials_of_contact  # noqa: PLC0415

        return await financials_of_contact(info, self, first, after)


Contact = output_type(
    ContactRow, "Contact", extra=ContactFields, base=Guarded, group_names=GROUP_TYPES,
    description="A tenant's customer: the data subject. Fields marked with a category are "
    "returned only when the policy allows that category for the declared purpose.")
ContactConnection = Connection[Contact]


@strawberry.input
class ContactFilter:
    external_ref: str | None = None
    search: str | None = strawberry.field(
        default=None, description="Case-insensitive match on first and last name, company and "
        "email: needs read access to identity and contact_details.")
    email: str | None = None
    company: str | None = None
    city: str | None = None
    country: str | None = None
    updated_since: datetime | None = None


@strawberry.enum
class ContactOrder(Enum):
    CREATED_AT = "CREATED_AT"
    CREATED_AT_DESC = "CREATED_AT_DESC"
    UPDATED_AT = "UPDATED_AT"
    UPDATED_AT_DESC = "UPDATED_AT_DESC"
    LAST_NAME = "LAST_NAME"
    LAST_NAME_DESC = "LAST_NAME_DESC"


ContactInput = input_type(
    ContactRow, "ContactInput", partial=True, group_names=GROUP_INPUTS,
    description="Fields to set. An omitted field is left as it is; null clears it. Writing a "
    "field needs write access to its category for the purpose.")


from schema.activity import FinancialRecordConnection, InteractionConnection  # noqa: E402
