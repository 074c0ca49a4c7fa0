"""Pages of a contact's records, for a whole page of contacts in one statement: the one raw SQL of
the data layer (Tortoise has neither window functions nor LATERAL), bound to the scope's tenant
like any query."""

from collections.abc import Callable, Sequence
from typing import Any

from tortoise import connections

from data.scope import TenantScope
from policies.versions import placeholder


def _mark(number: int) -> str:
    return placeholder(connections.get("default"), number)


def _converters(model: type, columns: Sequence[str]) -> list[tuple[str, str, Callable | None]]:
    """(field, db column, to-python converter or None) per column, as Tortoise's `.values()`
    converts them (native types pass as they are); cached per model and column tuple."""
    cache = model.__dict__.get("_page_converters")
    if cache is None:
        cache = model._page_converters = {}
    found = cache.get(columns)
    if found is None:
        meta = model._meta
        native = {entry[1] for entry in meta.db_native_fields}  # (db column, field, object)
        found = cache[columns] = [
            (name, meta.fields_db_projection[name],
             None if name in native else meta.fields_map[name].to_python_value)
            for name in columns]
    return found


def page_statement(scope: TenantScope, model: type, columns: tuple[str, ...],
                   contact_ids: list[int], first: int, after_id: int | None,
                   column: str) -> tuple[str, list]:
    """The SQL and parameters of `newest_rows_per_contact` (tests EXPLAIN it)."""
    postgres = connections.get("default").capabilities.dialect == "postgres"
    table = model._meta.db_table
    params: list = [scope.tenant_id, first + 1]
    tenant, limit = _mark(1), _mark(2)
    if postgres:
        params.append(contact_ids)
    else:
        params += contact_ids
    after = ""
    if after_id is not None:
        params.append(after_id)
        anchor = _mark(len(params))

        def of_anchor(name: str) -> str:  # a scalar subquery: a constant for the planner
            return f"(SELECT a.{name} FROM {table} a WHERE a.tenant_id = {tenant} AND a.id = {anchor})"
        # Only the anchor's contact has rows after it; a row value bounds its index range, as in
        # the keyset of the top-level lists (data/keyset.py).
        after = f" AND t.contact_id = {of_anchor('contact_id')} AND " + (
            f"t.id < {anchor}" if column == "id"
            else f"(t.{column}, t.id) < ({of_anchor(column)}, {anchor})")
    selected = ", ".join(f't."{db}"' for _name, db, _convert in _converters(model, columns))
    order = f"t.{column} DESC, t.id DESC"
    if postgres:
        # Per contact, the first rows of its (tenant, contact, column, id) index: without
        # statistics PostgreSQL plans `contact_id = ANY(…)` under ROW_NUMBER as a walk of the
        # tenant's index; a LATERAL ... LIMIT per contact is an index seek whatever it knows.
        sql = (f"SELECT t.* FROM unnest({_mark(3)}::integer[]) AS c(id) CROSS JOIN LATERAL"
               f" (SELECT {selected}, ROW_NUMBER() OVER (ORDER BY {order}) AS rn_"
               f" FROM {table} t WHERE t.tenant_id = {tenant} AND t.contact_id = c.id{after}"
               f" ORDER BY {order} LIMIT {limit}) t ORDER BY t.contact_id, t.rn_")
        return sql, params
    contacts = ", ".join(_mark(i) for i in range(3, 3 + len(contact_ids)))
    # After an anchor, its contact is the one contact (if it is on the page): an equality the
    # planner cannot mistake for anything but the (tenant, contact, …) index.
    of_page = (f"t.contact_id IN ({contacts})" if after_id is None
               else f"{of_anchor('contact_id')} IN ({contacts})")
    sql = (
        f"SELECT * FROM (SELECT {selected}, ROW_NUMBER() OVER (PARTITION BY t.contact_id"
        f" ORDER BY {order}) AS rn_ FROM {table} t"
        f" WHERE t.tenant_id = {tenant} AND {of_page}{after}) ranked"
        f" WHERE rn_ <= {limit} ORDER BY contact_id, rn_"
    )
    return sql, params


async def newest_rows_per_contact(scope: TenantScope, model: type, columns: tuple[str, ...],
                                  contact_ids: list[int], first: int, after_id: int | None,
                                  column: str) -> list[dict[str, Any]]:
    """The first `first` + 1 rows of each contact in (`column`, id) descending order after the
    anchor row `after_id`, with `columns` only (id and contact_id among them), ordered by
    contact, then page order: one statement for a whole page of contacts (ROW_NUMBER on
    SQLite, LATERAL on PostgreSQL). `column` is occurred_at, or id for callers who may not read
    it. The plan does not depend on statistics: equality on tenant and contact leads the
    (tenant, contact, column, id) index in both databases, with or without ANALYZE
    (tests/data/test_pages.py checks it with EXPLAIN)."""
    sql, params = page_statement(scope, model, columns, contact_ids, first, after_id, column)
    rows = await connections.get("default").execute_query_dict(sql, params)
    fields = _converters(model, columns)
    return [{name: (raw[db] if convert is None else convert(raw[db]))
             for name, db, convert in fields} for raw in rows]
