"""What the database holds, read directly with SQL (no model, no decryption): the view of
someone with a copy of the database, a replica or a backup."""

import json

from tortoise import connections

import models
from data.keys import marks


def tenant_tables() -> list[str]:
    return sorted({getattr(models, name)._meta.db_table for name in models.__all__
                   if "tenant" in getattr(models, name)._meta.fk_fields})


async def rows_of(table: str, tenant_id: int) -> list[dict]:
    return await connections.get("default").execute_query_dict(
        f'SELECT * FROM "{table}" WHERE tenant_id = {marks(1)[0]} ORDER BY id', [tenant_id])


async def tables_holding(tenant_id: int, text: str) -> list[str]:
    """The tenant's tables in which `text` appears anywhere, in any column of any row."""
    found = []
    for table in tenant_tables():
        rows = await rows_of(table, tenant_id)
        if any(text in json.dumps(row, default=str, ensure_ascii=False) for row in rows):
            found.append(table)
    return found
