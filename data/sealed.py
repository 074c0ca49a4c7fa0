"""Encryption at rest of catalogued columns (docs/security.md), declared in the field catalog:
a `sensitive` column is always sealed; an `encrypt=True` column when its tenant opted its category
in (encryptCategory). Values are sealed in the data layer's write functions (data/scope.py), so
every writer — API mutations, rectification, the importer, the demo loader — seals by
construction, before anything reaches the database; they are opened only where they leave: in
the projection of a fetched row into API values (data/columns.py `api_values`), for fields the
policy lets the request return, and in the data subject's export.

The associated data of a value names its tenant, table, column and row (data/crypto.py), so a
new row needs its id before it is written: ids are allocated first (`allocate_ids`)."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import structlog
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from strawberry.dataloader import DataLoader
from tortoise.signals import Signals

import models
from data import crypto, keys
from data.crypto import Unreadable
from models import Contact, ContactKey, EncryptedCategory
from models.personal import Column, catalog
from policies.vocabulary import Category

log = structlog.get_logger("salesplus.encryption")


def encryptable_columns(model: type) -> tuple[Column, ...]:
    return tuple(c for c in catalog(model) if c.encryptable)


ENCRYPTED_MODELS = tuple(m for m in (getattr(models, name) for name in models.__all__)
                         if encryptable_columns(m))
# What a tenant may opt in: the categories of `encrypt` columns (sensitive always is).
OPTIONAL = frozenset(c.category for m in ENCRYPTED_MODELS for c in encryptable_columns(m)
                     if c.category is not Category.SENSITIVE)


def encrypted_columns(model: type, opted: Iterable[Category]) -> tuple[Column, ...]:
    opted = frozenset(opted)
    return tuple(c for c in encryptable_columns(model)
                 if c.category is Category.SENSITIVE or c.category in opted)


async def opted_categories(tenant_id: int) -> frozenset[Category]:
    rows = await EncryptedCategory.filter(tenant_id=tenant_id).values_list("category", flat=True)
    return frozenset(Category(c) for c in rows)


def contact_of(model: type, row: dict) -> int | None:
    return row.get("id") if model is Contact else row.get("contact_id")


def place(tenant_id: int, model: type, column: str, row_id: int) -> str:
    return crypto.value_place(tenant_id, model._meta.db_table, column, row_id)


# -- ids ------------------------------------------------------------------------------------------
async def allocate_ids(model: type, count: int) -> list[int]:
    """`count` ids of `model`'s table, reserved before the rows are written. PostgreSQL: from the
    table's sequence. SQLite: past the largest id ever used (sqlite_sequence, as AUTOINCREMENT
    does); call inside the write transaction, which SQLite runs one at a time."""
    table = model._meta.db_table
    if keys.postgres():
        rows = await keys.sql("SELECT nextval(pg_get_serial_sequence($1, 'id')) AS id"
                              " FROM generate_series(1, $2)", [table, count])
        return [row["id"] for row in rows]
    rows = await keys.sql(
        f'SELECT MAX(COALESCE((SELECT MAX(id) FROM "{table}"), 0),'
        " COALESCE((SELECT seq FROM sqlite_sequence WHERE name = ?), 0)) AS top", [table])
    top = rows[0]["top"]
    return list(range(top + 1, top + 1 + count))


# -- writes ---------------------------------------------------------------------------------------
@dataclass
class Sealing:
    """What a write seals with: the tenant's encrypted columns of the model and the data keys."""

    tenant_id: int
    model: type
    columns: tuple[Column, ...]
    keys: dict[int, AESGCM] = field(default_factory=dict)
    new_keys: list[ContactKey] = field(default_factory=list)  # inserted after the contacts

    def needs(self, values: dict) -> bool:
        return any(values.get(c.column) is not None for c in self.columns)

    def seal(self, values: dict, row_id: int, contact_id: int) -> dict:
        """`values` with every encrypted column given sealed (None stays None)."""
        sealed = dict(values)
        for column in self.columns:
            value = values.get(column.column)
            if value is not None and not crypto.is_sealed(value):
                sealed[column.column] = crypto.seal_text(
                    self.keys[contact_id], value, place(self.tenant_id, self.model, column.column,
                                                        row_id))
        return sealed


async def sealing(tenant_id: int, model: type) -> Sealing:
    columns = encrypted_columns(model, await opted_categories(tenant_id)
                                if any(c.encrypt for c in encryptable_columns(model)) else ())
    return Sealing(tenant_id, model, columns)


async def seal_new_rows(tenant_id: int, model: type, rows: list[dict]) -> tuple[list[dict], list]:
    """Rows to insert, their encrypted columns sealed, and the contact key rows to insert after
    them. Rows get allocated ids when any of them has a value to seal."""
    if model not in ENCRYPTED_MODELS:
        return rows, []
    how = await sealing(tenant_id, model)
    if not any(how.needs(row) for row in rows):
        return rows, []
    ids = iter(await allocate_ids(model, sum(1 for row in rows if "id" not in row)))
    rows = [row if "id" in row else {**row, "id": next(ids)} for row in rows]
    needing = [row for row in rows if how.needs(row)]
    if model is Contact:
        how.keys, how.new_keys = await keys.new_contact_keys(tenant_id, [r["id"] for r in needing])
    else:
        how.keys = await keys.ensure_contact_keys(tenant_id, {r["contact_id"] for r in needing})
    return [how.seal(row, row["id"], contact_of(model, row)) if how.needs(row) else row
            for row in rows], how.new_keys


async def seal_update(tenant_id: int, model: type, row_id: int, contact_id: int | None,
                      values: dict) -> dict:
    """`values` written to an existing row, encrypted columns sealed."""
    if model not in ENCRYPTED_MODELS:
        return values
    how = await sealing(tenant_id, model)
    if not how.needs(values):
        return values
    how.keys = await keys.ensure_contact_keys(tenant_id, [contact_id])
    return how.seal(values, row_id, contact_id)


# -- reads ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Opener:
    """Opens sealed values of one tenant with the data keys of the contacts at hand."""

    tenant_id: int
    keys: dict[int, AESGCM]

    def value(self, model: type, column: str, stored: Any, row_id: int,
              contact_id: int | None) -> Any:
        if not crypto.is_sealed(stored):
            return stored  # plaintext stored before its category was opted in
        where = place(self.tenant_id, model, column, row_id)
        key = self.keys.get(contact_id)
        try:
            if key is None:
                raise Unreadable(where)
            return crypto.open_text(key, stored, where)
        except Unreadable:
            # Never the value, never a key: the place is enough to investigate (keys verify).
            log.error("a stored value did not decrypt", table=model._meta.db_table,
                      column=column, row=row_id)
            return None

    def row(self, model: type, row: dict, columns: Iterable[str] | None = None) -> dict:
        """`row` with its sealed values opened (all, or those of `columns`)."""
        names = {c.column for c in encryptable_columns(model)}
        if columns is not None:
            names &= set(columns)
        contact_id = contact_of(model, row)
        return {**row, **{name: self.value(model, name, row[name], row["id"], contact_id)
                          for name in names if crypto.is_sealed(row.get(name))}}


NO_KEYS = Opener(0, {})


def sealed_contacts(model: type, rows: Iterable[dict],
                    skip: frozenset[str] = frozenset()) -> set[int]:
    """Contacts of `rows` with a sealed value in a column not in `skip`."""
    names = [c.column for c in encryptable_columns(model) if c.column not in skip]
    return {contact_of(model, row) for row in rows
            if any(crypto.is_sealed(row.get(name)) for name in names)} - {None}


async def opener_for(tenant_id: int, contact_ids: Iterable[int]) -> Opener:
    """For commands and the export: the data keys of those contacts, one statement."""
    ids = set(contact_ids)
    return Opener(tenant_id, await keys.contact_keys(tenant_id, ids) if ids else {})


async def request_opener(memo: dict, tenant_id: int, contact_ids: set[int]) -> Opener:
    """For a request: the keys of a page's contacts through one DataLoader per request, so the
    nested pages of a whole contact page, resolved together, load their keys in one statement."""
    if not contact_ids:
        return NO_KEYS
    loader = memo.get("contact_keys")
    if loader is None:
        async def batch(ids: list[int]) -> list[AESGCM | None]:
            found = await keys.contact_keys(tenant_id, ids)
            return [found.get(i) for i in ids]
        loader = memo["contact_keys"] = DataLoader(load_fn=batch)
    ordered = sorted(contact_ids)
    found = await loader.load_many(ordered)
    return Opener(tenant_id, {i: k for i, k in zip(ordered, found) if k is not None})


# -- a tenant's choice ----------------------------------------------------------------------------
async def opt_in(tenant_id: int, category: Category, user_id: int | None) -> frozenset[Category]:
    """Encrypt `category` at rest for the tenant from now on (new writes; `salesplus keys
    encrypt` seals what is stored). Idempotent; returns the categories now encrypted."""
    await EncryptedCategory.bulk_create([EncryptedCategory(
        tenant_id=tenant_id, category=category.value, opted_in_by_id=user_id)],
        ignore_conflicts=True)
    return frozenset({Category.SENSITIVE}) | await opted_categories(tenant_id)


async def encrypted_for(memo: dict, tenant_id: int, column: Column) -> bool:
    """Whether `column` is sealed for the tenant (its opt-ins read once per request, and only
    when a column that depends on them is asked about)."""
    if not column.encryptable:
        return False
    if column.category is Category.SENSITIVE:
        return True
    if "opted_categories" not in memo:
        memo["opted_categories"] = await opted_categories(tenant_id)
    return column.category in memo["opted_categories"]


# -- model instances ------------------------------------------------------------------------------
# Code that fetches model instances through the scope and saves them (the importer compares a
# contact's stored fields with its input, then saves the changed ones) sees plaintext: instances
# of TenantScope.rows() are opened once fetched (`open_instances`), and Model.save() seals again
# before the row is written (`_seal_on_save`). So `save()` and `Model.create()` cannot write
# plaintext either, though the data layer's own writes seal before them.
async def open_instances(model: type, instances: list) -> None:
    if model not in ENCRYPTED_MODELS or not instances:
        return
    names = [c.column for c in encryptable_columns(model)]
    by_tenant: dict[int, list] = {}
    for instance in instances:
        if any(crypto.is_sealed(getattr(instance, name, None)) for name in names):
            by_tenant.setdefault(instance.tenant_id, []).append(instance)
    for tenant_id, mine in by_tenant.items():
        opener = await opener_for(tenant_id, {_contact_of_instance(model, i) for i in mine})
        for instance in mine:
            for name in names:
                value = getattr(instance, name)
                if crypto.is_sealed(value):
                    setattr(instance, name, opener.value(
                        model, name, value, instance.id, _contact_of_instance(model, instance)))


def _contact_of_instance(model: type, instance) -> int | None:
    return instance.id if model is Contact else instance.contact_id


def _plaintext(values: dict) -> bool:
    return any(v is not None and not crypto.is_sealed(v) for v in values.values())


async def _seal_on_save(sender: type, instance, using_db, update_fields) -> None:
    # The data layer's writes have sealed already: then nothing is read (the tenant's opt-ins).
    if not _plaintext({c.column: getattr(instance, c.column) for c in encryptable_columns(sender)}):
        return
    how = await sealing(instance.tenant_id, sender)
    values = {c.column: getattr(instance, c.column) for c in how.columns}
    if not _plaintext(values):
        return
    if instance.id is None:
        instance.id = (await allocate_ids(sender, 1))[0]
        instance._custom_generated_pk = True  # as Model(id=...) sets it: insert the given id
    contact_id = _contact_of_instance(sender, instance)
    if sender is Contact and instance._saved_in_db is False:
        how.keys, instance._new_keys = await keys.new_contact_keys(instance.tenant_id, [contact_id])
    else:
        how.keys = await keys.ensure_contact_keys(instance.tenant_id, [contact_id])
    instance._plain = values  # back in the instance once written (`_after_save`)
    for name, value in how.seal(values, instance.id, contact_id).items():
        setattr(instance, name, value)


async def _after_save(sender: type, instance, created, using_db, update_fields) -> None:
    new_keys = instance.__dict__.pop("_new_keys", None)
    if new_keys:
        await ContactKey.bulk_create(new_keys)
    for name, value in instance.__dict__.pop("_plain", {}).items():
        setattr(instance, name, value)


def connect_signals() -> None:
    """Seal on every Model.save() of an encrypted table (db.init_db calls it; idempotent)."""
    for model in ENCRYPTED_MODELS:
        model.register_listener(Signals.pre_save, _seal_on_save)
        model.register_listener(Signals.post_save, _after_save)


connect_signals()
