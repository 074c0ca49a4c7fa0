"""The second wall (PostgreSQL): row-level security on every tenant table, keyed on the scope the
data layer gives each connection, with the application's role unable to bypass it. A query with
the application's tenant filter removed finds no row of another tenant.

On SQLite the application's filter is the only wall (docs/policy.md): these tests need the
session database to be PostgreSQL, which `make test` (and CI) always runs as well."""

import pytest
from tortoise.exceptions import OperationalError
from tortoise.transactions import in_transaction

import models
from dbscope import SYSTEM, scope
from migrations import rls


def tenant_models() -> list[type]:
    return [getattr(models, name) for name in models.__all__
            if "tenant" in getattr(models, name)._meta.fk_fields]


async def test_every_tenant_table_is_forced_under_the_tenant_policy(postgres):
    tables = {t["name"]: t for t in await rls.tenant_tables(postgres)}
    assert {m._meta.db_table for m in tenant_models()} <= set(tables)
    for name, table in tables.items():
        assert table["enabled"] and table["forced"] and table["covered"], name


async def test_the_application_role_cannot_bypass_it(postgres):
    assert await rls.bypasses(postgres) is None


async def test_a_query_without_the_tenant_filter_sees_only_its_tenant(postgres, factory):
    mine, theirs = await factory.tenant(), await factory.tenant()
    for tenant in (mine, theirs):
        contact = await factory.contact(tenant)
        await factory.consent(contact, "marketing")
        await factory.interaction(contact)
        await factory.financial(contact)
        await factory.user(tenant, "sales")
    for model in tenant_models():
        table = model._meta.db_table
        with scope(mine.id):
            seen = {r["tenant_id"] for r in (await postgres.execute_query(
                f'SELECT tenant_id FROM "{table}"'))[1]}
        assert seen <= {mine.id}, table
        with scope(None):
            assert (await postgres.execute_query(f'SELECT count(*) AS n FROM "{table}"'))[1][0][
                "n"] == 0, table
    with scope(SYSTEM):  # the operator's scope sees both (and the tests' own set-up uses it)
        seen = {r["tenant_id"] for r in (await postgres.execute_query(
            'SELECT tenant_id FROM "contact"'))[1]}
    assert {mine.id, theirs.id} <= seen


async def test_a_write_into_another_tenant_is_refused(postgres, factory):
    mine, theirs = await factory.tenant(), await factory.tenant()
    victim = await factory.contact(theirs, first_name="Victim")
    with scope(mine.id):
        with pytest.raises(OperationalError, match="row-level security"):
            async with in_transaction():
                await models.Contact.create(tenant_id=theirs.id, external_ref="planted")
        updated = await models.Contact.filter(id=victim.id).update(first_name="Changed")
    assert updated == 0
    assert (await models.Contact.get(id=victim.id)).first_name == "Victim"
