"""The tenant-scoped data layer: every read and write of a tenant's data goes through a
`TenantScope`, which applies the tenant — and this module is the only code outside the models and
the migrations that names `tenant_id` (a test reads the source tree to keep it so).

A request's scope comes from its `Access` (`access.rows(Contact)`); code that works for a tenant
without a request (the importer, erasure, the audit trail, operator commands) is handed one
(`TenantScope(tenant_id)`). PostgreSQL checks the same boundary a second time, with row-level
security keyed on the scope db.py gives each connection (migrations/rls.py).

The write functions here (`create`, `bulk_create`, `update`, `insert_rows`) seal the columns
encrypted at rest (data/sealed.py) before anything is written: write a catalogued table only
through them, and plaintext of an encrypted column never reaches the database."""

from collections import defaultdict
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from tortoise.models import Model
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from data import sealed

M = TypeVar("M", bound=Model)


@dataclass(frozen=True, slots=True)
class TenantScope:
    tenant_id: int

    def rows(self, model: type[M]) -> QuerySet[M]:
        """The tenant's rows of `model`; filter, order, update or delete them from here. Model
        instances fetched from here have their sealed values opened (data/sealed.py)."""
        rows = model.filter(tenant_id=self.tenant_id)
        if model in sealed.ENCRYPTED_MODELS:
            rows.__class__ = OpenedQuerySet
        return rows

    def new(self, model: type[M], **values: Any) -> M:
        """An unsaved row of the tenant (for bulk_create)."""
        return model(tenant_id=self.tenant_id, **values)

    async def create(self, model: type[M], **values: Any) -> M:
        async with _sealing(model):
            (values,), new_keys = await sealed.seal_new_rows(self.tenant_id, model, [values])
            row = await model.create(tenant_id=self.tenant_id, **values)
            await _store(new_keys)
        return row

    async def bulk_create(self, model: type[M], rows: list[dict]) -> None:
        if not rows:
            return
        async with _sealing(model):
            rows, new_keys = await sealed.seal_new_rows(self.tenant_id, model, rows)
            await model.bulk_create([self.new(model, **values) for values in rows])
            await _store(new_keys)

    async def update(self, model: type[M], row_id: int, contact_id: int | None,
                     **values: Any) -> dict:
        """Set `values` on one row (of the contact `contact_id`); returns them as stored."""
        async with _sealing(model):
            values = await sealed.seal_update(self.tenant_id, model, row_id, contact_id, values)
            await self.rows(model).filter(id=row_id).update(**values)
        return values

    async def update_or_create(self, model: type[M], defaults: dict, **keys: Any) -> M:
        row, _created = await model.update_or_create(defaults=defaults, tenant_id=self.tenant_id,
                                                     **keys)
        return row

    def owns(self, row: dict) -> bool:
        """Whether a row fetched with its `tenant_id` column is the tenant's."""
        return row.get("tenant_id") == self.tenant_id

    @property
    def domain(self) -> str:
        return f"tenant:{self.tenant_id}"


class OpenedQuerySet(QuerySet):
    """A QuerySet whose fetched model instances come with their sealed values opened (`.values()`
    and `.values_list()` are other queries: they return what is stored)."""

    __slots__ = ()

    async def _execute(self):
        result = await super()._execute()
        found = result if isinstance(result, list) else [result] if result is not None else []
        await sealed.open_instances(self.model, found)
        return result


def every_tenant(model: type[M]) -> QuerySet[M]:
    """Rows of every tenant: for the operator's commands that work across tenants (retention),
    which run in the system scope of row-level security (cli/common.py)."""
    return model.all()


async def insert_rows(model: type[M], rows: list[M], *, ignore_conflicts: bool = False) -> None:
    """Insert rows built by `TenantScope.new`, of one tenant or several, in one statement (the
    audit trail's group commit writes the events of every finishing request together)."""
    if not rows:
        return
    async with _sealing(model):
        new_keys = []
        by_tenant = defaultdict(list)
        for row in rows:
            by_tenant[row.tenant_id].append(row)
        for tenant_id, mine in by_tenant.items():
            new_keys += await _seal_instances(tenant_id, model, mine)
        await model.bulk_create(rows, ignore_conflicts=ignore_conflicts)
        await _store(new_keys)


async def _seal_instances(tenant_id: int, model: type[M], rows: list[M]) -> list:
    """Seal unsaved rows in place (ids allocated where needed); returns new contact key rows."""
    columns = [c.column for c in sealed.encryptable_columns(model)]
    if not columns:
        return []
    values = [{name: getattr(row, name) for name in columns}
              | ({"id": row.id} if row.id is not None else {})
              | ({"contact_id": row.contact_id} if hasattr(row, "contact_id") else {})
              for row in rows]
    values, new_keys = await sealed.seal_new_rows(tenant_id, model, values)
    for row, stored in zip(rows, values):
        for name in columns:
            setattr(row, name, stored[name])
        if row.id is None and "id" in stored:
            row.id = stored["id"]
            row._custom_generated_pk = True  # as Model(id=...) sets it: insert the given id
    return new_keys


@asynccontextmanager
async def _sealing(model: type):
    """A write that may seal: the id allocation, the rows and their new keys in one transaction
    (nested in the caller's, if any)."""
    if model in sealed.ENCRYPTED_MODELS:
        async with in_transaction():
            yield
    else:
        yield


async def _store(new_keys: list) -> None:
    if new_keys:
        await model_of(new_keys).bulk_create(new_keys)


def model_of(rows: list) -> type:
    return type(rows[0])
