"""Who may be reached by marketing, and the links a mailing needs to let them leave.

A contact is reachable for marketing only with consent for `marketing` (the rule-5 row filter of
the declared purpose, which must be `marketing`) AND an active subscription to an opt-out-able
topic (a subquery on `subscription`). Both are SQL, so the list, its pages and its totalCount
agree. Service topics (opt_out false) are announcements, not marketing: never an audience."""

import strawberry
from tortoise.expressions import Subquery

from models import Contact as ContactRow
from models import Subscription as SubscriptionRow
from models import SubscriptionTopic
from policies.decision import Access
from policies.errors import CodedError
from policies.vocabulary import Category, ErrorCode, Purpose
from models.ids import parse_id
from resolvers.contacts import SORT_KEYS, explicit_consents, load_visible, opener_of, to_contact
from resolvers.loaders import fetched_columns
from resolvers.pagination import after_filter, check_first, connection, ordering
from rights import links
from schema.contacts import Contact, ContactConnection, ContactOrder
from schema.rights import UnsubscribeLink

ONE_CLICK = "List-Unsubscribe=One-Click"


async def _opt_out_topics(access: Access, topic: str | None) -> list[str]:
    topics = list(await access.rows(SubscriptionTopic).filter(opt_out=True).values_list(
        "topic", flat=True))
    if topic is None:
        return topics
    if topic not in topics:
        raise CodedError(ErrorCode.BAD_USER_INPUT, f"topic: {topic!r} is not a topic the tenant's "
                         "contacts can opt out of (unknown, or a service announcement).")
    return [topic]


async def marketing_audience(info: strawberry.Info, topic: str | None = None, first: int = 50,
                             after: str | None = None) -> ContactConnection:
    """Contacts with consent for marketing and an active subscription to `topic` (or, without
    it, to any opt-out-able topic); oldest first, like `contacts`."""
    access = info.context.access
    if access.purpose != Purpose.MARKETING.value:
        raise CodedError(ErrorCode.BAD_USER_INPUT,
                         "marketingAudience is processing for marketing: declare X-Purpose: marketing.")
    access.require(Category.PREFERENCES)  # it filters on subscriptions, a preferences field
    check_first(first)
    subscribed = Subquery(access.rows(SubscriptionRow).filter(
        subscribed=True, topic__in=await _opt_out_topics(access, topic)).values("contact_id"))
    key = SORT_KEYS[ContactOrder.CREATED_AT]
    audience = access.visible_contacts().filter(id__in=subscribed)
    rows = await audience.filter(after_filter(key, after)).order_by(*ordering(key)).limit(
        first + 1).values(*fetched_columns(info, ContactRow, Contact, key.column))
    explicit = await explicit_consents(access, [row["id"] for row in rows[:first]])
    opener = await opener_of(access, rows[:first])
    nodes = [to_contact(access, row, row["id"] in explicit, opener) for row in rows[:first]]
    return connection(key, rows, first, nodes, lambda: audience.count())


async def unsubscribe_link(info: strawberry.Info, contact_id: strawberry.ID,
                           topic: str) -> UnsubscribeLink:
    """The signed links to put in a mailing of `topic` to this contact. Needs read access to
    preferences for the purpose, and the contact visible for it (rule 5)."""
    access = info.context.access
    access.require(Category.PREFERENCES)
    row, _state = await load_visible(info, parse_id(contact_id))
    await _opt_out_topics(access, topic)
    base = str(info.context.request.base_url).rstrip("/")
    tenant_id = access.principal.tenant_id
    url = f"{base}/unsubscribe/{links.unsubscribe_token(tenant_id, row['id'], topic)}"
    preferences = f"{base}/preferences/{links.preferences_token(tenant_id, row['id'])}"
    return UnsubscribeLink(topic=topic, url=url, preferences_url=preferences,
                           list_unsubscribe=f"<{url}>", list_unsubscribe_post=ONE_CLICK)
