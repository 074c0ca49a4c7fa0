"""The history of changes to a contact (GDPR Art. 16 and 18): which fields changed, from what to
what, when and by whom. The change and its history row are written in one transaction, with the
old values read inside it, so the history never disagrees with the contact.

The history holds personal data (the old values): erasure deletes it with the contact's data."""

from datetime import datetime, timezone

from tortoise.transactions import in_transaction

from data import sealed
from data.scope import TenantScope
from models import Contact, ContactChange

RECTIFICATION = "RECTIFICATION"
RESTRICTION = "RESTRICTION"


async def _change(tenant_id: int, contact_id: int, kind: str, columns: dict,
                  changed_by_id: int | None, source: str) -> dict:
    """Update `columns` of the contact and record the ones whose value changed; returns
    {column: [old, new]} as stored (a sealed column's values stay sealed in the history, under
    the contact's key: data/sealed.py). Call inside a transaction."""
    scope = TenantScope(tenant_id)
    contact = scope.rows(Contact).filter(id=contact_id)
    before = {**(await contact.select_for_update().values(*columns))[0], "id": contact_id}
    opener = await sealed.opener_for(tenant_id, sealed.sealed_contacts(Contact, [before]))
    plain = opener.row(Contact, before)
    differ = [column for column, value in columns.items() if plain[column] != value]
    stored = await scope.update(Contact, contact_id, contact_id, **columns,
                                updated_at=datetime.now(timezone.utc))
    changed = {column: [before[column], stored[column]] for column in differ}
    if changed:
        await scope.create(ContactChange, contact_id=contact_id, kind=kind, changes=changed,
                           changed_by_id=changed_by_id, source=source)
    return changed


async def apply_rectification(tenant_id: int, contact_id: int, columns: dict,
                              changed_by_id: int | None, source: str = "api") -> dict:
    """updateContact: set `columns` and keep their old values in the history."""
    async with in_transaction():
        return await _change(tenant_id, contact_id, RECTIFICATION, columns, changed_by_id, source)


async def apply_restriction(tenant_id: int, contact_id: int, restricted: bool,
                            changed_by_id: int | None, source: str = "api") -> dict:
    """setProcessingRestriction: set the flag and record when it was set or lifted, and by whom."""
    async with in_transaction():
        return await _change(tenant_id, contact_id, RESTRICTION,
                             {"processing_restricted": restricted}, changed_by_id, source)
