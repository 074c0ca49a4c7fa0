"""The benchmark database: one tenant with N contacts x M interactions, a `sales` user and a
session token, generated with bulk inserts (COPY on PostgreSQL). On a reused database (PostgreSQL) the tenant `bench-N-M`
is reused when it already holds the expected rows."""

from __future__ import annotations

import json
import os
import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from tortoise import connections

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


CONTACT_COLUMNS = ("tenant_id", "external_ref", "created_at", "updated_at", "first_name",
                   "last_name", "company", "job_title", "email", "phone", "address",
                   "preferred_channel", "preferred_frequency", "interests", "requirements",
                   "business_type", "purchase_frequency", "annual_volume", "city", "country",
                   "latitude", "longitude", "competitive_notes", "sensitive_notes",
                   "processing_restricted")
INTERACTION_COLUMNS = ("tenant_id", "contact_id", "kind", "occurred_at", "direction",
                       "participants_count", "subject", "content", "created_at")
CITIES = [("Lyon", "FR"), ("Berlin", "DE"), ("Madrid", "ES"), ("Milano", "IT"), ("Gent", "BE")]


async def _fill(tenant_id: int, contacts: int, per_contact: int, log) -> None:
    """Bulk inserts, no ORM objects: COPY on PostgreSQL, one executemany transaction per table on
    SQLite (100,000 contacts x 5 interactions in seconds). `created_at` is one second apart per
    contact, so the keyset order is the insertion order."""
    rnd = random.Random(42)
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    log(f"generating {contacts} contacts x {per_contact} interactions …")
    interests = json.dumps(["widgets", "gadgets"])
    rows = []
    for i in range(contacts):
        city, country = rnd.choice(CITIES)
        at = start + timedelta(seconds=i)
        rows.append((tenant_id, f"b-{i}", at, at, f"First{i}", f"Last{i}", f"Company {i % 500}",
                     "Buyer", f"contact{i}@example.com", f"+33 1 {i:08d}",
                     f"{i} rue de la Paix, {city}", "EMAIL", "MONTHLY", interests,
                     "Delivery on Mondays", "retail", "monthly", "100k", city, country,
                     45.0 + rnd.random(), 4.0 + rnd.random(), "Also buys from Globex", None,
                     False))
    await _insert("contact", CONTACT_COLUMNS, rows)
    ids = await Contact.filter(tenant_id=tenant_id).order_by("id").values_list("id", flat=True)
    kinds, directions = ["EMAIL", "CALL", "MEETING", "NOTE"], ["INBOUND", "OUTBOUND"]
    rows = [(tenant_id, contact_id, rnd.choice(kinds),
             start + timedelta(minutes=rnd.randrange(500_000)), rnd.choice(directions),
             rnd.randint(1, 5), f"Follow-up {rnd.randrange(1000)}", "Discussed the next order.",
             start)
            for contact_id in ids for _ in range(per_contact)]
    await _insert("interaction", INTERACTION_COLUMNS, rows)


async def _insert(table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    db = connections.get("default")
    if db.capabilities.dialect == "postgres":
        async with db.acquire_connection() as connection:
            await connection.copy_records_to_table(table, records=rows, columns=columns)
        return
    marks = ", ".join("?" * len(columns))
    await db.execute_many(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def configure_environment(data_dir: str) -> None:
    """Settings the app needs before `config.settings()` is first read."""
    os.environ.setdefault("SALESPLUS_SECRET_KEY", "bench-secret-key-not-for-production")
    os.environ.setdefault("SALESPLUS_DATA_DIR", data_dir)
