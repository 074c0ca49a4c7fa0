"""The tenant-scoped data layer: every read and write of a tenant's data goes through a
`TenantScope`, which applies the tenant — and this module is the only code outside the models and
the migrations that names `tenant_id` (a test reads the source tree to keep it so).

A request's scope comes from its `Access` (`access.rows(Contact)`); code that works for a tenant
without a request (the importer, erasure, the audit trail, operator commands) is handed one
(`TenantScope(tenant_id)`). PostgreSQL checks the same boundary a second time, with row-level
security keyed on the scope db.py gives each connection (migrations/rls.py)."""

from dataclasses import dataclass
from typing import Any, TypeVar

from tortoise import timezone
from tortoise.models import Model
from tortoise.queryset import QuerySet

M = TypeVar("M", bound=Model)


@dataclass(frozen=True, slots=True)
class TenantScope:
    tenant_id: int

    def rows(self, model: type[M]) -> QuerySet[M]:
        """The tenant's rows of `model`; filter, order, update or delete them from here."""
        return model.filter(tenant_id=self.tenant_id)

    def new(self, model: type[M], **values: Any) -> M:
        """An unsaved row of the tenant (for bulk_create)."""
        return model(tenant_id=self.tenant_id, **values)

    async def create(self, model: type[M], **values: Any) -> M:
        return await model.create(tenant_id=self.tenant_id, **values)

    async def bulk_create(self, model: type[M], rows: list[dict]) -> None:
        """Insert the tenant's rows given as field values (one statement: an executemany)."""
        if rows:
            await insert_values(model, [{**values, "tenant_id": self.tenant_id} for values in rows])

    async def bulk_update(self, model: type[M], rows: list[M], fields: tuple[str, ...]) -> None:
        """Write `fields` of rows read through this scope, one statement per batch of rows."""
        if any(row.tenant_id != self.tenant_id for row in rows):
            raise ValueError(f"a {model.__name__} row of another tenant")
        if rows:
            await model.bulk_update(rows, fields=fields)

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


def every_tenant(model: type[M]) -> QuerySet[M]:
    """Rows of every tenant: for the operator's commands that work across tenants (retention),
    which run in the system scope of row-level security (cli/common.py)."""
    return model.all()


async def insert_rows(model: type[M], rows: list[M], *, ignore_conflicts: bool = False) -> None:
    """Insert rows built by `TenantScope.new`, of one tenant or several, in one statement (the
    audit trail's group commit writes the events of every finishing request together)."""
    if rows:
        await model.bulk_create(rows, ignore_conflicts=ignore_conflicts)


async def insert_values(model: type[M], rows: list[dict]) -> None:
    """Insert rows given as field values (`tenant_id` among them), in one executemany of the
    statement Tortoise's own bulk_create sends, each value converted by its field (`to_db_value`)
    and a missing one given the field's default (`auto_now`/`auto_now_add`: now). Unlike
    `Model.bulk_create` it builds no model instances: constructing one costs ~20 µs, most of the
    time of an import's 700,000 rows (issue 11)."""
    if not rows:
        return
    db = model._choose_db(for_write=True)  # the transaction's connection inside one
    executor = db.executor_class(model=model, db=db)
    names = executor.regular_columns
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
    await db.execute_many(executor.insert_query, values)
