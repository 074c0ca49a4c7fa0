"""Contact types. Each personal-data field declares its category here, once (policies/fields.py)."""

from datetime import datetime
from enum import Enum

import strawberry

from policies.fields import Guarded, personal, personal_input
from policies.vocabulary import Category
from schema.connections import Connection

C = Category


@strawberry.enum
class ConsentStatus(Enum):
    GRANTED = "GRANTED"
    WITHDRAWN = "WITHDRAWN"


@strawberry.type
class ContactPreferences:
    channel: str | None
    frequency: str | None


@strawberry.type
class CommercialProfile:
    business_type: str | None
    purchase_frequency: str | None
    annual_volume: str | None


@strawberry.type
class Location:
    city: str | None
    country: str | None
    latitude: float | None
    longitude: float | None


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


@strawberry.type(description="A tenant's customer: the data subject. Fields marked with a category "
                 "are returned only when the policy allows that category for the declared purpose.")
class Contact(Guarded):
    id: strawberry.ID
    external_ref: str | None
    created_at: datetime
    updated_at: datetime
    first_name: str | None = personal(C.IDENTITY)
    last_name: str | None = personal(C.IDENTITY)
    company: str | None = personal(C.IDENTITY)
    job_title: str | None = personal(C.IDENTITY)
    email: str | None = personal(C.CONTACT_DETAILS)
    phone: str | None = personal(C.CONTACT_DETAILS)
    address: str | None = personal(C.CONTACT_DETAILS)
    preferences: ContactPreferences | None = personal(C.PREFERENCES)
    interests: list[str] | None = personal(C.PREFERENCES)
    requirements: str | None = personal(C.PREFERENCES)
    commercial_profile: CommercialProfile | None = personal(C.COMMERCIAL)
    location: Location | None = personal(C.LOCATION)
    competitive_notes: str | None = personal(C.COMPETITIVE)
    sensitive_notes: str | None = personal(
        C.SENSITIVE, "Special-category data (GDPR Art. 9): also needs explicit consent for the purpose."
    )
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


@strawberry.input
class PreferencesInput:
    channel: str | None = None
    frequency: str | None = None


@strawberry.input
class CommercialProfileInput:
    business_type: str | None = None
    purchase_frequency: str | None = None
    annual_volume: str | None = None


@strawberry.input
class LocationInput:
    city: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None


@strawberry.input(description="Fields to set. An omitted field is left as it is; null clears it. "
                  "Writing a field needs write access to its category for the purpose.")
class ContactInput:
    external_ref: str | None = strawberry.UNSET
    first_name: str | None = personal_input(C.IDENTITY)
    last_name: str | None = personal_input(C.IDENTITY)
    company: str | None = personal_input(C.IDENTITY)
    job_title: str | None = personal_input(C.IDENTITY)
    email: str | None = personal_input(C.CONTACT_DETAILS)
    phone: str | None = personal_input(C.CONTACT_DETAILS)
    address: str | None = personal_input(C.CONTACT_DETAILS)
    preferences: PreferencesInput | None = personal_input(C.PREFERENCES)
    interests: list[str] | None = personal_input(C.PREFERENCES)
    requirements: str | None = personal_input(C.PREFERENCES)
    commercial_profile: CommercialProfileInput | None = personal_input(C.COMMERCIAL)
    location: LocationInput | None = personal_input(C.LOCATION)
    competitive_notes: str | None = personal_input(C.COMPETITIVE)
    sensitive_notes: str | None = personal_input(C.SENSITIVE)


from schema.activity import FinancialRecordConnection, InteractionConnection  # noqa: E402
