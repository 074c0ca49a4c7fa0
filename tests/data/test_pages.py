"""The nested pages' statement (data/pages.py): one per page of contacts, with the columns asked
for, and a plan that seeks the (tenant, contact, …) index whatever the planner knows — checked
with EXPLAIN on the test database (SQLite or PostgreSQL), for every order a nested page has and
with and without an anchor, on a tenant large enough that the choice matters (a table of a few
rows costs the same whichever way it is read)."""

import re
from datetime import datetime, timedelta, timezone

import pytest
from tortoise import connections

import db
import schema  # noqa: F401  (imports the resolvers in their order)
from data.pages import newest_rows_per_contact, page_statement
from data.scope import TenantScope
from models import Contact, FinancialRecord, Interaction
from resolvers.activity import LATEST_RECORDED, NEWEST_FIRST
from tests.resolvers.test_pagination import plan

MODELS = (Interaction, FinancialRecord)
KEYS = (NEWEST_FIRST, LATEST_RECORDED)


@pytest.fixture
async def page(factory):
    """A tenant of 6 contacts with 3 records of each kind, and its contacts' ids."""
    from tests.resolvers.test_order_and_count import populated  # noqa: PLC0415

    tenant, contacts = await populated(factory)
    return TenantScope(tenant.id), [c.id for c in contacts]


def seeks_contact_index(text: str, dialect: str) -> bool:
    if dialect == "postgres":
        return bool(re.search(r"Index Cond: \(\(tenant_id = \S+\) AND \(contact_id = ", text))
    return bool(re.search(r"SEARCH t USING (COVERING )?INDEX \w+ \(tenant_id=\? AND contact_id=\?",
                          text))


@pytest.fixture(scope="module")
async def large(app):
    """A tenant of 1,000 contacts with 4 records of each kind; the ids of 100 of them."""
    from tests.support.factories import Factory  # noqa: PLC0415

    tenant = await Factory(app.state.engine).tenant()
    scope, start = TenantScope(tenant.id), datetime(2026, 1, 1, tzinfo=timezone.utc)
    await scope.bulk_create(Contact, [{"external_ref": f"large-{i}", "last_name": f"L{i}"}
                                      for i in range(1_000)])
    ids = sorted(await scope.rows(Contact).values_list("id", flat=True))
    for model in MODELS:
        extra = {"kind": "EMAIL"} if model is Interaction else {"amount": "1.00", "kind": "INVOICE", "currency": "EUR"}
        await scope.bulk_create(model, [
            {"contact_id": contact_id, "occurred_at": start + timedelta(hours=n * 4 + k), **extra}
            for n, contact_id in enumerate(ids) for k in range(4)])
    if connections.get("default").capabilities.dialect == "postgres":
        # PostgreSQL's statistics of the session describe whatever earlier tests left (a few
        # rows per tenant), which makes every plan cost alike; these describe this tenant.
        # Without any statistics (as after an import) the plans are the same (the benchmark runs
        # in that state). SQLite's plans of this statement do not change with its statistics.
        await db.refresh_statistics()
    return scope, ids[400:500]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("key", KEYS, ids=lambda k: k.name)
@pytest.mark.parametrize("anchored", [False, True], ids=["first", "after"])
async def test_the_statement_seeks_the_contact_index(large, model, key, anchored):
    scope, ids = large
    anchor = await scope.rows(model).filter(contact_id=ids[2]).order_by("id").first() \
        if anchored else None
    sql, params = page_statement(scope, model, ("id", "contact_id"), ids, 5,
                                 anchor.id if anchor else None, key.column)
    text = await plan(sql, params)
    assert seeks_contact_index(text, connections.get("default").capabilities.dialect), \
        f"{sql}\n{text}"


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("key", KEYS, ids=lambda k: k.name)
async def test_rows_are_each_contacts_first_after_the_anchor_in_page_order(page, model, key):
    scope, ids = page
    everything = await scope.rows(model).filter(contact_id__in=ids).order_by(
        f"-{key.column}", "-id").values("id", "contact_id")
    expected = {i: [r["id"] for r in everything if r["contact_id"] == i][:3] for i in ids}
    rows = await newest_rows_per_contact(scope, model, ("id", "contact_id"), ids, 2, None,
                                         key.column)
    assert [r["contact_id"] for r in rows] == sorted(r["contact_id"] for r in rows)
    assert {i: [r["id"] for r in rows if r["contact_id"] == i] for i in ids} == expected
    anchor = expected[ids[1]][0]
    after = await newest_rows_per_contact(scope, model, ("id", "contact_id"), ids, 2, anchor,
                                          key.column)
    assert [r["id"] for r in after] == [r["id"] for r in everything
                                        if r["contact_id"] == ids[1]][1:4]
    assert set(after[0]) == {"id", "contact_id"}  # the columns asked for, no others
    other_tenant = TenantScope(scope.tenant_id + 10_000)
    assert await newest_rows_per_contact(other_tenant, model, ("id", "contact_id"), ids, 2,
                                         None, key.column) == []
