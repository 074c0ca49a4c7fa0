"""What the data subject's own pages do (web/unsubscribe.py): read and change the person's
subscriptions to the tenant's opt-out-able topics. Service announcements (`opt_out` False) are
never listed or changed here.

Every lookup starts from a verified token (rights/links.py) and checks that the contact still
exists, in the token's tenant, not erased; anything else answers None, the same for every cause."""

from dataclasses import dataclass

from tortoise.queryset import QuerySet
from tortoise.timezone import now
from tortoise.transactions import in_transaction

from data.scope import TenantScope
from models import Contact, Subscription, SubscriptionTopic, Tenant
from rights.links import Target


@dataclass(frozen=True)
class View:
    tenant_name: str
    topics: list[tuple[str, bool]]  # (topic, subscribed), opt-out-able topics only


async def _live_contact(target: Target) -> bool:
    return await TenantScope(target.tenant_id).rows(Contact).filter(
        id=target.contact_id, erased_at__isnull=True).exists()


async def _opt_out_topics(tenant_id: int) -> list[str]:
    return list(await TenantScope(tenant_id).rows(SubscriptionTopic).filter(opt_out=True).order_by(
        "topic").values_list("topic", flat=True))


async def _tenant_name(tenant_id: int) -> str:
    return (await Tenant.filter(id=tenant_id).values_list("name", flat=True))[0]


def _subscriptions(target: Target) -> QuerySet[Subscription]:
    """The person's subscription rows."""
    return TenantScope(target.tenant_id).rows(Subscription).filter(contact_id=target.contact_id)


async def unsubscribe_view(target: Target) -> View | None:
    """The page of an unsubscribe token: its topic and whether the person is subscribed."""
    if not await _live_contact(target) or target.topic not in await _opt_out_topics(target.tenant_id):
        return None
    subscribed = await _subscriptions(target).filter(topic=target.topic, subscribed=True).exists()
    return View(await _tenant_name(target.tenant_id), [(target.topic, subscribed)])


async def preferences_view(target: Target) -> View | None:
    if not await _live_contact(target):
        return None
    topics = await _opt_out_topics(target.tenant_id)
    on = set(await _subscriptions(target).filter(subscribed=True).values_list("topic", flat=True))
    return View(await _tenant_name(target.tenant_id), [(t, t in on) for t in topics])


async def _set(target: Target, topic: str, subscribed: bool) -> None:
    updated = await _subscriptions(target).filter(topic=topic).update(subscribed=subscribed,
                                                                       updated_at=now())
    if not updated:
        # An opt-out without a prior row is recorded too: the person said no to this topic.
        await TenantScope(target.tenant_id).create(Subscription, contact_id=target.contact_id,
                                                   topic=topic, subscribed=subscribed)


async def unsubscribe(target: Target) -> View | None:
    """One-click unsubscribe: the token's topic off. None when the token leads nowhere."""
    async with in_transaction():
        view = await unsubscribe_view(target)
        if view is not None:
            await _set(target, target.topic, False)
    return await unsubscribe_view(target) if view is not None else None


async def set_preferences(target: Target, chosen: set[str]) -> View | None:
    """Each opt-out-able topic on if chosen, off otherwise; unknown names are ignored."""
    async with in_transaction():
        view = await preferences_view(target)
        if view is not None:
            for topic, subscribed in view.topics:
                if subscribed != (topic in chosen):
                    await _set(target, topic, topic in chosen)
    return await preferences_view(target) if view is not None else None
