"""Crypto-shredding: erasure deletes the contact's data key in its transaction, so every value
sealed with it, in any backup taken before, is unreadable. A backup is taken (SQLite: a copy of
the database file, by SQLite's backup API; PostgreSQL: the tenant's rows copied out with SELECT, as a dump would), the
contact erased, then the backup's ciphertext put back next to the current keys: nothing opens,
neither directly with any key the database still holds nor through the API."""

import sqlite3
import uuid

import pytest

from tortoise import connections

from data import crypto, sealed
from data.crypto import Unreadable
from data.keys import contact_keys, marks
from models import Contact, ContactKey
from policies.vocabulary import Category
from rights.erasure import erase_contact
from tests.data.test_sealed import ENCRYPTABLE, READ, opted_in_tenant, write_through_the_api
from tests.support import raw

ERASE = "mutation($c: ID!) { eraseContact(contactId: $c) { shredded erasedRecords { kind } } }"


async def backup(tenant_id: int, tmp_path) -> dict[str, list[dict]]:
    """The tenant's rows of the encrypted tables, as a backup holds them."""
    tables = sorted({c.model._meta.db_table for c in ENCRYPTABLE} | {"contact_change"})
    url = connections.get("default").filename if not sealed.keys.postgres() else None
    if url is None:
        return {table: await raw.rows_of(table, tenant_id) for table in tables}
    copy = tmp_path / "backup.db"
    with sqlite3.connect(url) as live, sqlite3.connect(copy) as target:
        live.backup(target)  # a consistent copy of the file, its WAL included
    with sqlite3.connect(copy) as db:
        db.row_factory = sqlite3.Row
        return {table: [dict(r) for r in db.execute(
            f'SELECT * FROM "{table}" WHERE tenant_id = ?', (tenant_id,))] for table in tables}


def sealed_values(rows: dict[str, list[dict]], contact_id: int) -> list[tuple[str, str, int, str]]:
    """The sealed values of one contact in `rows`: (table, column, row id, ciphertext)."""
    found = []
    for column in ENCRYPTABLE:
        table = column.model._meta.db_table
        for row in rows[table]:
            owner = row["id"] if table == "contact" else row["contact_id"]
            if owner == contact_id and crypto.is_sealed(row[column.column]):
                found.append((table, column.column, row["id"], row[column.column]))
    return found


async def test_a_backup_taken_before_an_erasure_does_not_decrypt_after_it(gql, factory, tmp_path):
    tenant, admin = await opted_in_tenant(gql, factory)
    marker = f"mk{uuid.uuid4().hex[:10]}"
    contact_id = await write_through_the_api(gql, admin, marker)
    neighbour_id = await write_through_the_api(gql, admin, f"{marker}n")
    old = await backup(tenant.id, tmp_path)
    mine = sealed_values(old, int(contact_id))
    assert len(mine) >= len(ENCRYPTABLE)
    assert await contact_keys(tenant.id, [int(contact_id)])  # the backup's values open now

    dpo = await factory.login_as(tenant, "dpo")
    report = await gql(ERASE, {"c": contact_id}, token=dpo, purpose="legal_compliance")
    assert report["data"]["eraseContact"]["shredded"] == sorted(
        c.value for c in sealed.OPTIONAL | {Category.SENSITIVE})
    assert not await ContactKey.filter(contact_id=int(contact_id)).exists()

    # Every key the database holds now, tried on every sealed value of the erased contact.
    current = await contact_keys(tenant.id, await ContactKey.filter(tenant_id=tenant.id).values_list(
        "contact_id", flat=True))
    assert set(current) == {int(neighbour_id)}
    for table, column, row_id, value in mine:
        for key in current.values():
            with pytest.raises(Unreadable):
                crypto.open_text(key, value, crypto.value_place(tenant.id, table, column, row_id))

    # The backup's contact row restored in place: the API reads no value from it.
    row = next(r for r in old["contact"] if r["id"] == int(contact_id))
    restored = {c.column: row[c.column] for c in ENCRYPTABLE if c.model is Contact}
    m = marks(len(restored) + 1)
    await connections.get("default").execute_query(
        f'UPDATE contact SET {", ".join(f"{k} = {m[i]}" for i, k in enumerate(restored))},'
        f' erased_at = NULL WHERE id = {m[-1]}', [*restored.values(), int(contact_id)])
    read = await gql(READ, {"id": contact_id}, token=dpo, purpose="legal_compliance")
    assert read["data"]["contact"]["sensitiveNotes"] is None
    assert read["data"]["contact"]["competitiveNotes"] is None
    # The neighbour's values, sealed with their own key, are untouched.
    other = await gql(READ, {"id": neighbour_id}, token=dpo, purpose="legal_compliance")
    assert other["data"]["contact"]["sensitiveNotes"] == f"{marker}n-sensitive_notes"


async def test_the_report_names_no_shredded_category_without_a_data_key(factory):
    tenant = await factory.tenant()
    contact = await Contact.create(tenant_id=tenant.id, first_name="Plain")  # nothing sealed
    report = await erase_contact(tenant.id, contact.id)
    assert report.shredded == [] and "CONTACT_KEY" not in report.erased
