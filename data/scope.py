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

from tortoise import timezone
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
        """Insert the tenant's rows given as field values, encrypted columns sealed first (ids
        allocated where a row has one to seal): one statement, an executemany."""
        if not rows:
            return
        async with _sealing(model):
            rows, new_keys = await sealed.seal_new_rows(self.tenant_id, model, rows)
            await _insert_values(model, [{**values, "tenant_id": self.tenant_id} for values in rows])
            await _store(new_keys)

    async def bulk_update(self, model: type[M], rows: list[M], fields: tuple[str, ...]) -> None:
        """Write `fields` of rows read through this scope, one statement per batch of rows. Not
        for encryptable columns: their values are sealed per row (`update`)."""
        if any(row.tenant_id != self.tenant_id for row in rows):
            raise ValueError(f"a {model.__name__} row of another tenant")
        if set(fields) & {c.column for c in sealed.encryptable_columns(model)}:
            raise ValueError(f"{model.__name__}: encryptable columns are written with update()")
        if rows:
            await model.bulk_update(rows, fields=fields)

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


async def _insert_values(model: type[M], rows: list[dict]) -> None:
    """Insert rows given as field values (`tenant_id` among them), in one executemany of the
    statement Tortoise's own bulk_create sends, each value converted by its field (`to_db_value`)
    and a missing one given the field's default (`auto_now`/`auto_now_add`: now). Private: it
    does not seal (`TenantScope.bulk_create` seals, then calls it). Unlike
    `Model.bulk_create` it builds no model instances: constructing one costs ~20 µs, most of the
    time of an import's 700,000 rows (issue 11)."""
    if not rows:
        return
    db = model._choose_db(for_write=True)  # the transaction's connection inside one
    executor = db.executor_class(model=model, db=db)
    # Rows sealed by data/sealed.py come with their allocated ids: then every row has one.
    with_ids = "id" in rows[0]
    if any(("id" in row) != with_ids for row in rows):
        raise ValueError(f"{model.__name__}: some rows have an id and some not")
    names = executor.regular_columns_all if with_ids else executor.regular_columns
    known = frozenset(names)
    if unknown := {key for row in rows for key in row.keys() - known}:
        raise ValueError(f"{model.__name__} has no field {', '.join(sorted(unknown))}")
    fields = [model._meta.fields_map[name] for name in names]
    moment = timezone.now()
    defaults = [moment if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
                else field.default() if callable(field.default) else field.default
                for field in fields]
    values = [[field.to_db_value(row.get(name, default), None)
               for name, field, default in zip(names, fields, defaults, strict=True)]
              for row in rows]
    await db.execute_many(executor.insert_query_all if with_ids else executor.insert_query, values)
