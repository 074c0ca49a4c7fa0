"""Pages of a contact's records, for a whole page of contacts in one statement: the one raw SQL of
the data layer (Tortoise has no window functions), bound to the scope's tenant like any query."""

from collections.abc import Callable, Sequence
from typing import Any

from tortoise import connections

from data.scope import TenantScope


def _placeholders(count: int) -> list[str]:
    if connections.get("default").capabilities.dialect == "postgres":
        return [f"${i}" for i in range(1, count + 1)]
    return ["?"] * count


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
    table = model._meta.db_table
    params: list = [scope.tenant_id, *contact_ids]
    if after_id is not None:
        params.append(after_id)
    params.append(first + 1)
    marks = _placeholders(len(params))
    anchor_join = anchor_cond = ""
    if after_id is not None:
        anchor_join = (f" JOIN {table} a ON a.id = {marks[-2]} AND a.tenant_id = t.tenant_id"
                       " AND a.contact_id = t.contact_id")
        # A row value, as in the keyset of the top-level lists (data/keyset.py).
        anchor_cond = (f" AND (t.{column}, t.id) < (a.{column}, a.id)" if column != "id"
                       else " AND t.id < a.id")
    selected = ", ".join(f't."{db}"' for _name, db, _convert in _converters(model, columns))
    sql = (
        f"SELECT * FROM (SELECT {selected}, ROW_NUMBER() OVER (PARTITION BY t.contact_id"
        f" ORDER BY t.{column} DESC, t.id DESC) AS rn_"
        f" FROM {table} t{anchor_join}"
        f" WHERE t.tenant_id = {marks[0]}"
        f" AND t.contact_id IN ({', '.join(marks[1:1 + len(contact_ids)])})"
        f"{anchor_cond}) ranked WHERE rn_ <= {marks[-1]} ORDER BY contact_id, rn_"
    )
    return sql, params


async def newest_rows_per_contact(scope: TenantScope, model: type, columns: tuple[str, ...],
                                  contact_ids: list[int], first: int, after_id: int | None,
                                  column: str) -> list[dict[str, Any]]:
    """The first `first` + 1 rows of each contact in (`column`, id) descending order after the
    anchor row `after_id`, with `columns` only (id and contact_id among them), ordered by
    contact, then page order: one statement for a whole page of contacts (ROW_NUMBER works on
    SQLite and PostgreSQL). `column` is occurred_at, or id for callers who may not read it.

    The plan does not depend on statistics: equality on tenant and contact leads the
    (tenant, contact, …) index in both databases (tests/data/test_pages.py checks it with
    EXPLAIN, without ANALYZE)."""
    sql, params = page_statement(scope, model, columns, contact_ids, first, after_id, column)
    rows = await connections.get("default").execute_query_dict(sql, params)
    fields = _converters(model, columns)
    return [{name: (raw[db] if convert is None else convert(raw[db]))
             for name, db, convert in fields} for raw in rows]
