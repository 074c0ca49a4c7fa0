"""Pages of a contact's records, for a whole page of contacts in one statement: the one raw SQL of
the data layer (Tortoise has no window functions), bound to the scope's tenant like any query."""

from tortoise import connections

from data.scope import TenantScope


def _placeholders(count: int, start: int) -> list[str]:
    if connections.get("default").capabilities.dialect == "postgres":
        return [f"${i}" for i in range(start, start + count)]
    return ["?"] * count


async def newest_ids_per_contact(scope: TenantScope, model: type, contact_ids: list[int],
                                 first: int, after_id: int | None, column: str) -> list[int]:
    """Ids of the first `first` + 1 rows of each contact in (`column`, id) descending order after
    the anchor row `after_id`: one statement for a whole page of contacts (ROW_NUMBER works on
    SQLite and PostgreSQL). `column` is occurred_at, or id for callers who may not read it."""
    table = model._meta.db_table
    params: list = [scope.tenant_id, *contact_ids]
    marks = _placeholders(len(params) + 2, 1)
    anchor_join = anchor_cond = ""
    if after_id is not None:
        params.append(after_id)
        anchor = marks[len(params) - 1]
        anchor_join = (f" JOIN {table} a ON a.id = {anchor} AND a.tenant_id = t.tenant_id"
                       " AND a.contact_id = t.contact_id")
        anchor_cond = (f" AND (t.{column} < a.{column}"
                       f" OR (t.{column} = a.{column} AND t.id < a.id))")
    params.append(first + 1)
    sql = (
        "SELECT id FROM (SELECT t.id, ROW_NUMBER() OVER (PARTITION BY t.contact_id"
        f" ORDER BY t.{column} DESC, t.id DESC) AS rn"
        f" FROM {table} t{anchor_join}"
        f" WHERE t.tenant_id = {marks[0]}"
        f" AND t.contact_id IN ({', '.join(marks[1:1 + len(contact_ids)])})"
        f"{anchor_cond}) ranked WHERE rn <= {marks[len(params) - 1]}"
    )
    rows = await connections.get("default").execute_query_dict(sql, params)
    return [row["id"] for row in rows]
