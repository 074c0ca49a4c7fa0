"""Order and count are reads (policy.md §4): for every connection, every role and every purpose it
may declare, the order and totalCount of the result are the same whether or not the values the
caller may not read are shuffled in the database. Generated from the catalog and the schema."""

from datetime import datetime, timedelta, timezone

import pytest

from data.columns import readable_columns
from models import Contact, FinancialRecord, Interaction
from models.personal import catalog
from policies.decision import Access, Principal
from policies.vocabulary import Purpose
from schema.contacts import ContactOrder

ROLES = ("admin", "sales", "support", "marketing", "analyst", "finance", "dpo")
PAGE = "totalCount edges { node { id } }"


def connections(contact_id: int) -> dict[str, str]:
    """Every connection of the schema that lists contacts' data, default order and each explicit
    one; nested connections under a contact included."""
    found = {f"contacts({order.value})": f"{{ contacts(first: 50, orderBy: {order.value}) {{ {PAGE} }} }}"
             for order in ContactOrder}
    found["contacts"] = f"{{ contacts(first: 50) {{ {PAGE} }} }}"
    for name in ("interactions", "financials"):
        found[name] = f"{{ {name}(first: 50) {{ {PAGE} }} }}"
        found[f"{name}(contactId)"] = f'{{ {name}(contactId: "{contact_id}", first: 50) {{ {PAGE} }} }}'
        found[f"contact.{name}"] = (f'{{ contacts(first: 50) {{ edges {{ node {{ id {name}(first: 50) '
                                    f'{{ {PAGE} }} }} }} }} }}')
    found["marketingAudience"] = f"{{ marketingAudience(first: 50) {{ {PAGE} }} }}"
    return found


def outcome(result: dict):
    """What the caller can learn from order and counts: every id sequence and count, in order,
    or the error codes."""
    if result.get("errors"):
        return sorted(e["extensions"]["code"] for e in result["errors"])
    seen = []

    def walk(value):
        if isinstance(value, dict):
            for key, inner in value.items():
                if key in ("id", "totalCount"):
                    seen.append((key, inner))
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)
    walk(result["data"])
    return seen


async def populated(factory):
    tenant = await factory.tenant()
    base = datetime(2026, 1, 1, tzinfo=timezone.utc)
    contacts = []
    for i, last in enumerate(("Zed", "Abel", "Moss", "Bell", "Yates", "Cole")):
        contact = await factory.contact(tenant, last_name=last, first_name=f"F{5 - i}",
                                        company=f"Co{i % 3}", email=f"{last.lower()}@x.example")
        for purpose in Purpose:
            await factory.consent(contact, purpose.value, explicit=i % 2 == 0)
        for j in range(3):  # occurredAt deliberately not in insertion (id) order
            at = base + timedelta(days=(7 * i + 5 * j) % 11)
            await factory.interaction(contact, occurred_at=at, subject=f"s{i}{j}")
            await factory.financial(contact, occurred_at=at, description=f"d{i}{j}")
        contacts.append(contact)
    from models import Subscription, SubscriptionTopic  # an audience for marketingAudience

    await SubscriptionTopic.create(tenant_id=tenant.id, topic="news", opt_out=True)
    for contact in contacts:
        await Subscription.create(tenant_id=tenant.id, contact_id=contact.id, topic="news",
                                  subscribed=True)
    return tenant, contacts


async def shuffle_unreadable(access: Access, tenant_id: int) -> int:
    """Rotate, across the tenant's rows, the values of every column the caller may not read."""
    shuffled = 0
    for model in (Contact, Interaction, FinancialRecord):
        hidden = [c.column for c in catalog(model)
                  if c.column not in readable_columns(access, model)]
        rows = await model.filter(tenant_id=tenant_id).order_by("id").values("id", *hidden)
        for column in hidden:
            values = [row[column] for row in rows]
            rotated = values[1:] + values[:1]
            for row, value in zip(rows, rotated, strict=True):
                await model.filter(id=row["id"]).update(**{column: value})
            shuffled += 1
    return shuffled


@pytest.mark.parametrize("role", ROLES)
async def test_order_and_count_do_not_depend_on_unreadable_values(gql, factory, app, role):
    tenant, contacts = await populated(factory)
    user = await factory.user(tenant, role)
    token = await factory.token(user)
    await app.state.engine.prepare(tenant.domain)
    queries = connections(contacts[0].id)
    checked = 0
    for purpose in Purpose:
        access = Access(app.state.engine, Principal(user.subject, tenant.id, user_id=user.id),
                        purpose.value, legal_reference="TEST-LEGAL-REF")
        if not access.may_declare(purpose.value):
            continue
        before = {name: outcome(await gql(q, token=token, purpose=purpose.value))
                  for name, q in queries.items()}
        if await shuffle_unreadable(access, tenant.id) == 0:
            continue
        after = {name: outcome(await gql(q, token=token, purpose=purpose.value))
                 for name, q in queries.items()}
        for name in queries:
            assert "INTERNAL_SERVER_ERROR" not in before[name], (role, purpose.value, name)
            assert after[name] == before[name], (role, purpose.value, name)
        checked += 1
    assert checked or role == "dpo"  # the dpo reads every category: nothing is hidden from it
