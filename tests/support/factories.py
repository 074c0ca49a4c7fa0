"""A few factories: tenants, users with roles and sessions, contacts in given consent states."""

import itertools
import os
from datetime import datetime, timedelta, timezone

from auth.sessions import SESSION_PREFIX, token_digest
from models import Contact, Session, Tenant, User
from models.consent import record_consent, record_objection
from policies.engine import PolicyEngine

_ids = itertools.count(1)
# A real argon2id hash of "correct horse" with the production parameters, made once.
_PASSWORD_HASH: dict[str, str] = {}


def _hash(password: str) -> str:
    from auth.passwords import hash_password_sync

    if password not in _PASSWORD_HASH:
        _PASSWORD_HASH[password] = hash_password_sync(password)
    return _PASSWORD_HASH[password]


class Factory:
    def __init__(self, engine: PolicyEngine):
        self.engine = engine

    async def tenant(self, slug: str | None = None) -> Tenant:
        slug = slug or f"t{os.getpid()}-{next(_ids)}"
        return await Tenant.create(slug=slug, name=slug.title())

    async def user(self, tenant: Tenant, *roles: str, email: str | None = None,
                   password: str = "correct horse") -> User:
        user = await User.create(tenant=tenant, email=email or f"u{next(_ids)}@{tenant.slug}.example",
                                 password_hash=_hash(password))
        for role in roles:
            await self.engine.assign_role(user.subject, role, tenant.domain)
        return user

    async def token(self, user: User, expires_in: timedelta = timedelta(hours=1)) -> str:
        """A session token without going through login (login is tested on its own)."""
        token = f"{SESSION_PREFIX}test-{next(_ids)}-{os.urandom(8).hex()}"
        await Session.create(tenant_id=user.tenant_id, user=user, token_hash=token_digest(token),
                             expires_at=datetime.now(timezone.utc) + expires_in)
        return token

    async def login_as(self, tenant: Tenant, *roles: str) -> str:
        return await self.token(await self.user(tenant, *roles))

    async def contact(self, tenant: Tenant, **fields) -> Contact:
        n = next(_ids)
        defaults = dict(external_ref=f"c-{n}", first_name=f"First{n}", last_name=f"Last{n}",
                        company="Acme", job_title="Buyer", email=f"c{n}@example.com",
                        phone="+33 1 23 45 67 89", address="1 rue de la Paix, Paris",
                        preferred_channel="EMAIL", preferred_frequency="MONTHLY",
                        interests=["widgets"], requirements="none", business_type="retail",
                        purchase_frequency="monthly", annual_volume="100k", city="Lyon",
                        country="FR", latitude=45.76, longitude=4.84,
                        competitive_notes="uses Globex", sensitive_notes="allergic to peanuts")
        return await Contact.create(tenant=tenant, **{**defaults, **fields})

    async def consent(self, contact: Contact, purpose: str, status: str = "GRANTED",
                      explicit: bool = False, at: datetime | None = None) -> None:
        await record_consent(contact, purpose=purpose, status=status, explicit=explicit,
                             source="test", evidence=None, captured_at=at or datetime.now(timezone.utc),
                             recorded_by_id=None)

    async def objection(self, contact: Contact, purpose: str) -> None:
        await record_objection(contact, purpose=purpose, source="test", recorded_by_id=None)

    async def interaction(self, contact: Contact, **fields):
        from models import Interaction

        defaults = dict(kind="EMAIL", occurred_at=datetime.now(timezone.utc), direction="INBOUND",
                        subject="Quote", content="Please send a quote")
        return await Interaction.create(tenant_id=contact.tenant_id, contact=contact,
                                        **{**defaults, **fields})

    async def financial(self, contact: Contact, **fields):
        from decimal import Decimal

        from models import FinancialRecord

        defaults = dict(kind="INVOICE", amount=Decimal("120.00"), currency="EUR",
                        occurred_at=datetime.now(timezone.utc), status="PAID", description="Widgets")
        return await FinancialRecord.create(tenant_id=contact.tenant_id, contact=contact,
                                            **{**defaults, **fields})
