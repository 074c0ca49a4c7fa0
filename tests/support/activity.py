"""Small builders for tests that need interactions and financial records of a contact."""

from datetime import datetime, timedelta, timezone
from decimal import Decimal

from models import Contact, FinancialRecord, Interaction
from models.consent import record_consent
from policies.vocabulary import Purpose

ALL_PURPOSES = tuple(p.value for p in Purpose)


async def add_interaction(contact: Contact, **fields) -> Interaction:
    values = dict(kind="EMAIL", occurred_at=datetime.now(timezone.utc), direction="INBOUND",
                  subject="Quote", content="Please send a quote")
    return await Interaction.create(tenant_id=contact.tenant_id, contact=contact, **{**values, **fields})


async def add_financial(contact: Contact, **fields) -> FinancialRecord:
    values = dict(kind="INVOICE", amount=Decimal("120.00"), currency="EUR",
                  occurred_at=datetime.now(timezone.utc), status="PAID", description="Widgets")
    return await FinancialRecord.create(tenant_id=contact.tenant_id, contact=contact,
                                        **{**values, **fields})


async def grant_all(contact: Contact, *, explicit: bool, purposes=ALL_PURPOSES) -> None:
    """A GRANTED consent record for each purpose, an hour ago (so later records are newer)."""
    at = datetime.now(timezone.utc) - timedelta(hours=1)
    for purpose in purposes:
        await record_consent(contact, purpose=purpose, status="GRANTED", explicit=explicit,
                             source="test", evidence=None, captured_at=at, recorded_by_id=None)


def codes(result: dict) -> list[str]:
    return [e["extensions"]["code"] for e in result.get("errors", [])]


def errors_by_path(result: dict) -> list[tuple[tuple, str]]:
    return sorted(((tuple(e["path"] or ()), e["extensions"]["code"]) for e in result.get("errors", [])),
                  key=repr)
