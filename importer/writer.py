"""Writing a validated plan: tenants, their users and roles, subscription topics, then contacts.
Everything runs in ONE transaction, so a problem found while writing (an unknown topic, a new user
without a password) still leaves the database exactly as it was."""

from collections import Counter
from collections.abc import Callable
from itertools import islice

from tortoise.transactions import in_transaction

import db
from auth.passwords import hash_password_sync, verify_password
from data.scope import TenantScope
from importer.contacts_writer import write_contacts
from importer.errors import InvalidRecord
from importer.validate import ImportPlan, TenantPlan, UserPlan
from models import PolicyRule, SubscriptionTopic, Tenant, User


async def _tenant(plan: TenantPlan, summary: Counter, *, create: bool) -> Tenant:
    tenant = await Tenant.get_or_none(slug=plan.slug)
    if tenant is None:
        if not create:
            raise InvalidRecord([f"{plan.where}: no tenant with slug {plan.slug!r} (create it "
                                 "first, e.g. by importing a JSON file that declares it)"])
        summary["tenants created"] += 1
        return await Tenant.create(slug=plan.slug, name=plan.name or plan.slug)
    if plan.name is not None and plan.name != tenant.name:
        tenant.name = plan.name
        await tenant.save(update_fields=["name"])
        summary["tenants updated"] += 1
    return tenant


async def _topics(tenant: Tenant, topics: dict[str, bool], summary: Counter) -> None:
    scope = TenantScope(tenant.id)
    existing = {t.topic: t for t in await scope.rows(SubscriptionTopic)}
    for topic, opt_out in topics.items():
        row = existing.get(topic)
        if row is None:
            await scope.create(SubscriptionTopic, topic=topic, opt_out=opt_out)
            summary["topics created"] += 1
        elif row.opt_out != opt_out:
            row.opt_out = opt_out
            await row.save(update_fields=["opt_out"])
            summary["topics updated"] += 1


async def set_roles(user: User, tenant: Tenant, roles: list[str], summary: Counter) -> None:
    """Make the user's role lines in this tenant exactly `roles` (Casbin `g` lines stored as
    PolicyRule rows, as policies/adapter.py reads them)."""
    scope = TenantScope(tenant.id)
    lines = await scope.rows(PolicyRule).filter(ptype="g", v0=user.subject, v2=tenant.domain)
    current = {line.v1 for line in lines}
    for line in lines:
        if line.v1 not in roles:
            await line.delete()
            summary["roles revoked"] += 1
    for role in roles:
        if role not in current:
            await scope.create(PolicyRule, ptype="g", v0=user.subject, v1=role, v2=tenant.domain)
            summary["roles granted"] += 1


async def _user(tenant: Tenant, plan: UserPlan, existing: dict, summary: Counter) -> None:
    user = existing.get(plan.email)
    if user is None:
        if plan.password is None:
            raise InvalidRecord([f"{plan.where}.password: is required for a new user"])
        user = await TenantScope(tenant.id).create(User, email=plan.email,
                                                   password_hash=hash_password_sync(plan.password))
        summary["users created"] += 1
    elif plan.password is not None and not await verify_password(user.password_hash, plan.password):
        # Re-hashing an unchanged password would change the row on every import.
        user.password_hash = hash_password_sync(plan.password)
        await user.save(update_fields=["password_hash"])
        summary["passwords changed"] += 1
    if plan.roles is not None:
        await set_roles(user, tenant, plan.roles, summary)


async def _users(tenant: Tenant, users: list[UserPlan], summary: Counter) -> None:
    existing = {u.email: u for u in await TenantScope(tenant.id).rows(User)}
    for plan in users:
        await _user(tenant, plan, existing, summary)


async def write_plan(plan: ImportPlan, *, create_tenants: bool = True,
                     progress: Callable[[int], None] | None = None) -> Counter:
    """Write all tenants in one transaction; returns what changed, counted by kind. Then the
    planner statistics are refreshed (db.refresh_statistics) if anything was written: an import
    is the moment tables grow by orders of magnitude, and PostgreSQL here runs without autovacuum."""
    summary: Counter = Counter()
    contacts = plan.contacts()
    async with in_transaction():
        for tenant_plan in plan.tenants:
            tenant = await _tenant(tenant_plan, summary, create=create_tenants)
            await _topics(tenant, tenant_plan.topics, summary)
            await _users(tenant, tenant_plan.users, summary)
            await write_contacts(tenant, islice(contacts, tenant_plan.count), summary, progress)
    if any(kind != "contacts unchanged" for kind in summary):
        await db.refresh_statistics()
    return summary
