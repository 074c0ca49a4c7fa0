"""The benchmark database: one tenant with N contacts x M interactions, a `sales` user and a
session token, generated with bulk_create. On a reused database (PostgreSQL) the tenant `bench-N-M`
is reused when it already holds the expected rows."""

from __future__ import annotations

import os
import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from models import Contact, Interaction, Session, Tenant, User
from policies.engine import PolicyEngine


@dataclass(frozen=True)
class Dataset:
    tenant_id: int
    user_subject: str
    user_id: int
    token: str
    contacts: int
    interactions: int


async def build(engine: PolicyEngine, contacts: int, per_contact: int, role: str = "sales",
                log=print) -> Dataset:
    from auth.sessions import SESSION_PREFIX, token_digest  # noqa: PLC0415  (needs settings)

    slug = f"bench-{contacts}-{per_contact}"
    tenant = await Tenant.get_or_none(slug=slug)
    if tenant is not None and (
        await Contact.filter(tenant_id=tenant.id).count() != contacts
        or await Interaction.filter(tenant_id=tenant.id).count() != contacts * per_contact
    ):
        await tenant.delete()  # incomplete from an interrupted run: start again
        tenant = None
    if tenant is None:
        tenant = await Tenant.create(slug=slug, name="Benchmark")
        await _fill(tenant.id, contacts, per_contact, log)
    else:
        log(f"reusing tenant {slug!r} ({contacts} contacts x {per_contact} interactions)")

    user = await User.filter(tenant_id=tenant.id, email="bench@example.com").first()
    if user is None:
        # Never logs in: a session is created directly, so no real password hash is needed.
        user = await User.create(tenant_id=tenant.id, email="bench@example.com", password_hash="!")
    await engine.prepare(tenant.domain)  # tenants' policies load lazily (policies/engine.py)
    if role not in engine.roles_of(user.subject, tenant.domain):
        await engine.assign_role(user.subject, role, tenant.domain)
    token = f"{SESSION_PREFIX}bench-{secrets.token_urlsafe(16)}"
    await Session.create(tenant_id=tenant.id, user_id=user.id, token_hash=token_digest(token),
                         expires_at=datetime.now(timezone.utc) + timedelta(hours=6))
    return Dataset(tenant.id, user.subject, user.id, token, contacts, per_contact)


async def _fill(tenant_id: int, contacts: int, per_contact: int, log) -> None:
    rnd = random.Random(42)
    cities = [("Lyon", "FR"), ("Berlin", "DE"), ("Madrid", "ES"), ("Milano", "IT"), ("Gent", "BE")]
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    log(f"generating {contacts} contacts x {per_contact} interactions …")
    rows = []
    for i in range(contacts):
        city, country = rnd.choice(cities)
        rows.append(Contact(
            tenant_id=tenant_id, external_ref=f"b-{i}", first_name=f"First{i}", last_name=f"Last{i}",
            company=f"Company {i % 500}", job_title="Buyer", email=f"contact{i}@example.com",
            phone=f"+33 1 {i:08d}", address=f"{i} rue de la Paix, {city}",
            preferred_channel="EMAIL", preferred_frequency="MONTHLY",
            interests=["widgets", "gadgets"], requirements="Delivery on Mondays",
            business_type="retail", purchase_frequency="monthly", annual_volume="100k",
            city=city, country=country, latitude=45.0 + rnd.random(), longitude=4.0 + rnd.random(),
            competitive_notes="Also buys from Globex", sensitive_notes=None,
        ))
    await Contact.bulk_create(rows, batch_size=1000)
    ids = await Contact.filter(tenant_id=tenant_id).values_list("id", flat=True)
    kinds, directions = ["EMAIL", "CALL", "MEETING", "NOTE"], ["INBOUND", "OUTBOUND"]
    batch = []
    for contact_id in ids:
        for _ in range(per_contact):
            batch.append(Interaction(
                tenant_id=tenant_id, contact_id=contact_id, kind=rnd.choice(kinds),
                occurred_at=start + timedelta(minutes=rnd.randrange(500_000)),
                direction=rnd.choice(directions), participants_count=rnd.randint(1, 5),
                subject=f"Follow-up {rnd.randrange(1000)}", content="Discussed the next order.",
            ))
        if len(batch) >= 5000:
            await Interaction.bulk_create(batch, batch_size=1000)
            batch = []
    if batch:
        await Interaction.bulk_create(batch, batch_size=1000)


def configure_environment(data_dir: str) -> None:
    """Settings the app needs before `config.settings()` is first read."""
    os.environ.setdefault("SALESPLUS_SECRET_KEY", "bench-secret-key-not-for-production")
    os.environ.setdefault("SALESPLUS_DATA_DIR", data_dir)
