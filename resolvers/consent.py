"""Consent, objections, restriction and subscriptions of a contact."""

from datetime import datetime, timezone

import strawberry
from tortoise.transactions import in_transaction

from models import Contact as ContactRow
from models import Subscription as SubscriptionRow
from models import SubscriptionTopic
from models.consent import record_consent as append_consent
from models.consent import record_objection as append_objection
from policies.errors import CodedError
from policies.vocabulary import Action, Category, ErrorCode, Resource
from models.ids import parse_id
from resolvers.contacts import load_visible, read_back
from resolvers.loaders import loader
from rights.history import apply_restriction
from schema.contacts import ConsentRecord, ConsentStatus, Contact, Subscription


async def subscriptions_of(info, contact: Contact) -> list[Subscription] | None:
    if contact.denied("subscriptions"):
        return None
    rows = await loader(info, "subscriptions_by_contact_id").load(contact.__dict__["_pk"])
    return [Subscription(topic=row["topic"], subscribed=row["subscribed"], opt_out=row["opt_out"])
            for row in rows]


async def consents_of(info, contact: Contact) -> list[ConsentRecord] | None:
    if contact.denied("consents"):
        return None
    rows = await loader(info, "consents_by_contact_id").load(contact.__dict__["_pk"])
    return [ConsentRecord(purpose=r["purpose"], status=ConsentStatus(r["status"]), explicit=r["explicit"],
                          source=r["source"], captured_at=r["captured_at"]) for r in rows]


async def objections_of(info, contact: Contact) -> list[str]:
    return await loader(info, "objections_by_contact_id").load(contact.__dict__["_pk"])


def _may_record_for(info, resource: Resource, purpose: str) -> None:
    """Consent and objections are recorded *for* a purpose: the policy line names that purpose
    (marketing records consent for marketing and surveys; the dpo for every purpose)."""
    access = info.context.access
    access.purpose  # the operation declares its own purpose too (rule 3)
    if purpose not in access.engine.known_purposes(access.principal.domain):
        raise CodedError(ErrorCode.BAD_USER_INPUT, f"purpose: unknown purpose {purpose!r}.")
    if not access.can_for(resource, Action.RECORD, purpose):
        raise CodedError(ErrorCode.FORBIDDEN, f"Not allowed to record {resource.value} for "
                         f"purpose {purpose!r}.")


async def _load_for_state_change(info, contact_id: int | None) -> dict:
    """The contact a consent record or objection is about: rule 2 and restriction as for any
    access, but not the lawful basis the record itself changes. Otherwise a contact without
    consent could never be given one (marketing and surveys are consent-based), a withdrawn one
    never re-granted, and a person without consent could not object."""
    try:
        row, _state = await load_visible(info, contact_id)
    except CodedError as denial:
        if denial.code is not ErrorCode.CONSENT_REQUIRED:
            raise
        row = await loader(info, "contact_by_id").load(contact_id or 0)
    return row


async def record_consent(info: strawberry.Info, contact_id: strawberry.ID, purpose: str,
                         status: ConsentStatus, source: str, explicit: bool = False,
                         evidence: str | None = None) -> ConsentRecord:
    """Append a consent record. Granting and withdrawing are the same one call; the latest record
    decides from the very next request on."""
    access = info.context.access
    _may_record_for(info, Resource.CONSENT, purpose)
    if not source.strip():
        raise CodedError(ErrorCode.BAD_USER_INPUT, "source: say where the consent was captured.")
    row = await _load_for_state_change(info, parse_id(contact_id))
    contact = access.principal.tenant_scope.new(ContactRow, id=row["id"])
    async with in_transaction():
        record = await append_consent(
            contact, purpose=purpose, status=status.value, explicit=explicit, source=source.strip(),
            evidence=evidence, captured_at=datetime.now(timezone.utc),
            recorded_by_id=access.principal.user_id)
    return ConsentRecord(purpose=record.purpose, status=status, explicit=record.explicit,
                         source=record.source, captured_at=record.captured_at)


async def record_objection(info: strawberry.Info, contact_id: strawberry.ID, purpose: str) -> Contact:
    access = info.context.access
    _may_record_for(info, Resource.OBJECTION, purpose)
    row = await _load_for_state_change(info, parse_id(contact_id))
    contact = access.principal.tenant_scope.new(ContactRow, id=row["id"])
    async with in_transaction():
        await append_objection(contact, purpose=purpose, source="api",
                               recorded_by_id=access.principal.user_id)
    return await read_back(access, row["id"])


async def set_processing_restriction(info: strawberry.Info, contact_id: strawberry.ID,
                                     restricted: bool) -> Contact:
    access = info.context.access
    access.require(Resource.RESTRICTION, Action.SET)
    row, _state = await load_visible(info, parse_id(contact_id))
    # The flag and its history row (set or lifted, by whom, when) in one transaction.
    await apply_restriction(access.principal.tenant_id, row["id"], restricted,
                            access.principal.user_id)
    return await read_back(access, row["id"])


async def set_subscription(info: strawberry.Info, contact_id: strawberry.ID, topic: str,
                           subscribed: bool) -> Subscription:
    access = info.context.access
    access.require(Category.PREFERENCES, Action.WRITE)
    row, _state = await load_visible(info, parse_id(contact_id))
    known = await access.rows(SubscriptionTopic).get_or_none(topic=topic)
    if known is None:
        raise CodedError(ErrorCode.BAD_USER_INPUT, f"topic: unknown topic {topic!r}.")
    if not subscribed and not known.opt_out:
        raise CodedError(ErrorCode.BAD_USER_INPUT,
                         f"topic: {topic!r} is a service announcement and cannot be opted out of.")
    await access.principal.tenant_scope.update_or_create(
        SubscriptionRow, {"subscribed": subscribed}, contact_id=row["id"], topic=topic)
    return Subscription(topic=topic, subscribed=subscribed, opt_out=known.opt_out)
