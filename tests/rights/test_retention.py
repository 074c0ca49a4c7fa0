"""Storage limitation: `retention run` deletes exactly what outlived its period."""

from datetime import datetime, timedelta, timezone
from decimal import Decimal

from models import FinancialRecord, Session
from rights.retention import RetentionPeriods, run

NOW = datetime(2026, 11, 25, tzinfo=timezone.utc)


async def test_deletes_only_what_outlived_its_period(factory):
    tenant = await factory.tenant()
    user = await factory.user(tenant, "sales")
    old = await Session.create(tenant=tenant, user=user, token_hash=f"old-{tenant.id}",
                               expires_at=NOW - timedelta(days=31))
    recent = await Session.create(tenant=tenant, user=user, token_hash=f"recent-{tenant.id}",
                                  expires_at=NOW - timedelta(days=29))
    contact = await factory.contact(tenant)
    kept_attached = await factory.financial(contact, occurred_at=NOW - timedelta(days=4000))
    expired = await FinancialRecord.create(tenant=tenant, contact=None, kind="INVOICE",
                                           amount=Decimal("1.00"), currency="EUR",
                                           occurred_at=NOW - timedelta(days=3700))
    within = await FinancialRecord.create(tenant=tenant, contact=None, kind="INVOICE",
                                          amount=Decimal("1.00"), currency="EUR",
                                          occurred_at=NOW - timedelta(days=3600))
    dry = await run(RetentionPeriods(), dry_run=True, moment=NOW)
    assert dry["sessions"] >= 1 and dry["retained_financial_records"] >= 1
    assert await Session.exists(id=old.id)  # a dry run deletes nothing
    await run(RetentionPeriods(), moment=NOW)
    assert not await Session.exists(id=old.id) and await Session.exists(id=recent.id)
    assert not await FinancialRecord.exists(id=expired.id)
    assert await FinancialRecord.exists(id=within.id) and await FinancialRecord.exists(id=kept_attached.id)
