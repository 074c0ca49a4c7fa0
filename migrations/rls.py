"""PostgreSQL row-level security: the second wall behind the application's tenant filter.

Every table with a `tenant_id` column gets a policy that lets a connection see and write only
the rows of the tenant its scope names (`salesplus.scope`, set by db.py on every connection the
application acquires, from the request's scope), or every row under the explicit `system` scope
(authentication lookups before a tenant is known, operator commands). No scope: no row. The
tables are found in the catalog of the database, not listed, so a table added later is covered
by the next start. Applied by the schema's owner after the migrations, idempotently and under the
migrations' advisory lock; FORCE makes it bind the owner too (a superuser still bypasses it,
which is why the application must connect as a role of its own — docs/policy.md)."""

from tortoise import BaseDBAsyncClient

from dbscope import SCOPE_SETTING, SYSTEM
from migrations import PG_LOCK_KEY
POLICY = "tenant_scope"
# ANALYZE as the owner, for the application's role (the importer, after a migration).
REFRESH_STATISTICS = "salesplus_refresh_statistics"
# The scope as the policy reads it: a tenant id, 'system', or '' (none). CASE keeps the cast
# away from 'system', and leaves the comparison one an index on tenant_id can serve.
CONDITION = (f"current_setting('{SCOPE_SETTING}', true) = '{SYSTEM}' OR tenant_id = CASE WHEN "
             f"current_setting('{SCOPE_SETTING}', true) ~ '^[0-9]+$' THEN "
             f"current_setting('{SCOPE_SETTING}', true)::int END")

TENANT_TABLES = """SELECT c.relname AS name, c.relrowsecurity AS enabled,
  c.relforcerowsecurity AS forced,
  EXISTS (SELECT 1 FROM pg_policies p WHERE p.tablename = c.relname AND p.policyname = $1) AS covered
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY c.relname"""


async def tenant_tables(conn: BaseDBAsyncClient) -> list[dict]:
    return list((await conn.execute_query(TENANT_TABLES, [POLICY]))[1])


async def secure(conn: BaseDBAsyncClient, app_role: str | None) -> list[str]:
    """Enable, force and write the tenant policy on every tenant table that lacks it, and give
    `app_role` (the application's own login role, when it is not the owner) the rights on the
    data it needs and nothing more. Call inside a transaction; returns the tables changed."""
    await conn.execute_query(f"SELECT pg_advisory_xact_lock({PG_LOCK_KEY})")
    changed = []
    for table in await tenant_tables(conn):
        name = table["name"]
        if not table["enabled"]:
            await conn.execute_script(f'ALTER TABLE "{name}" ENABLE ROW LEVEL SECURITY')
        if not table["forced"]:
            await conn.execute_script(f'ALTER TABLE "{name}" FORCE ROW LEVEL SECURITY')
        if not table["covered"]:
            await conn.execute_script(f'CREATE POLICY {POLICY} ON "{name}" USING ({CONDITION}) '
                                      f"WITH CHECK ({CONDITION})")
        if not (table["enabled"] and table["forced"] and table["covered"]):
            changed.append(name)
    # Statistics are gathered by the tables' owner only: the application asks through this.
    await conn.execute_script(
        f"CREATE OR REPLACE FUNCTION {REFRESH_STATISTICS}() RETURNS void LANGUAGE sql "
        "SECURITY DEFINER SET search_path = public AS 'ANALYZE'")
    if app_role:
        role = '"' + app_role.replace('"', '""') + '"'
        await conn.execute_script(
            f"GRANT EXECUTE ON FUNCTION {REFRESH_STATISTICS}() TO {role}; "
            f"GRANT USAGE ON SCHEMA public TO {role}; "
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}; "
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}")
    return changed


async def bypasses(conn: BaseDBAsyncClient) -> str | None:
    """Why the connection's role would not be held by the policies (None: it is)."""
    rows = (await conn.execute_query(
        "SELECT rolsuper, rolbypassrls, EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = "
        "current_schema() AND tableowner = current_user) AS owns FROM pg_roles "
        "WHERE rolname = current_user"))[1]
    role = rows[0]
    if role["rolsuper"]:
        return "it is a superuser"
    if role["rolbypassrls"]:
        return "it has BYPASSRLS"
    if role["owns"]:
        return "it owns the tables (FORCE holds it, but an owner can turn security off)"
    return None
