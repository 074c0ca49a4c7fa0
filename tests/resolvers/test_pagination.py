"""Keyset pages seek (issue 11): for every sort key of every connection, the statement of a page
after a cursor bounds its index range with the keyset, a row value `(column, id) > (?, ?)` (a
plain `column > ?` on a unique column), so a deep page costs what the first costs. Checked with
EXPLAIN on the test database, SQLite or PostgreSQL. Every SortKey declared in resolvers/ must be
reached by a case here, so a new ordering comes with its index or this test fails."""

import base64
import importlib
import json
import pkgutil
import re

import pytest
from tortoise import connections
from tortoise.transactions import in_transaction

import schema  # noqa: F401  (imports the resolvers in their order)
import resolvers
from models import DataSubjectRequest
from policies.decision import Access, Principal
from policies.vocabulary import Category, Purpose
from resolvers.pagination import SortKey
from schema.contacts import ContactOrder
from tests.resolvers.test_order_and_count import ROLES, populated

PAGE = "pageInfo { endCursor } edges { node { id } }"


def declared_sort_keys() -> dict[str, SortKey]:
    """Every SortKey bound in a module of resolvers/, directly or in a dict (SORT_KEYS)."""
    found = {}
    for module in pkgutil.iter_modules(resolvers.__path__):
        for value in vars(importlib.import_module(f"resolvers.{module.name}")).values():
            for key in value.values() if isinstance(value, dict) else (value,):
                if isinstance(key, SortKey):
                    found[key.name] = key
    return found


def top_level(field: str, arguments: str = "") -> str:
    return (f"query($after: String) {{ {field}(first: 1, after: $after{arguments}) "
            f"{{ {PAGE} }} }}")


def nested(field: str) -> str:
    return (f"query($after: String) {{ contacts(first: 6) {{ edges {{ node {{ "
            f"{field}(first: 1, after: $after) {{ {PAGE} }} }} }} }} }}")


def end_cursor(data) -> str | None:
    """The first endCursor in a response (depth first)."""
    if isinstance(data, dict):
        if data.get("endCursor"):
            return data["endCursor"]
        data = list(data.values())
    if isinstance(data, list):
        for inner in data:
            found = end_cursor(inner)
            if found:
                return found
    return None


def key_name(cursor: str) -> str:
    return json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))[0]


class Statements:
    """The SELECTs sent during a block, with their parameters (to EXPLAIN them)."""

    def __init__(self, monkeypatch):
        self.seen: list[tuple[str, list]] = []
        client = type(connections.get("default"))
        original = client.execute_query_dict

        async def recorded(db, sql, values=None):
            if sql.lstrip().upper().startswith("SELECT"):
                self.seen.append((sql, list(values or [])))
            return await original(db, sql, values)
        monkeypatch.setattr(client, "execute_query_dict", recorded)


async def plan(sql: str, params: list) -> str:
    db = connections.get("default")
    if db.capabilities.dialect == "postgres":
        # A test table of a few rows is cheapest to scan whatever its indexes: the planner is
        # asked for its best index path, which is what a table of 100k rows gets.
        async with in_transaction() as conn:
            await conn.execute_script("SET LOCAL enable_seqscan = off")
            rows = await conn.execute_query_dict(f"EXPLAIN {sql}", params)
        return "\n".join(row["QUERY PLAN"] for row in rows)
    rows = await db.execute_query_dict(f"EXPLAIN QUERY PLAN {sql}", params)
    return "\n".join(row["detail"] for row in rows)


def seeks(text: str, key: SortKey, dialect: str) -> bool:
    """Whether the plan bounds an index range with the keyset of `key` (not a filter)."""
    op = "<" if key.descending else ">"
    unique = key.unique or key.column == "id"
    if dialect == "postgres":
        column = rf"\(?(\w+\.)?{key.column}\)?(::\w+)?"  # `(last_name)::text`, `t.occurred_at`
        cond = (rf"\({column} {op} " if unique
                else rf"ROW\({column}, (\w+\.)?id\) {op} ROW\(")
        return any("Index Cond" in line and re.search(cond, line) and "tenant_id =" in line
                   for line in text.splitlines())
    column = "(?:rowid|id)" if key.column == "id" else key.column
    # SQLite 3.40 seeks a row value on (tenant_id, column, id) by its leading column and shows
    # `column>?`; the OR form it replaced showed `(tenant_id=?)` alone: a walk of the tenant.
    cond = rf"{column}{op}\?" if unique else rf"(\({column},id\){op}\(\?,\?\)|{column}{op}\?)"
    return any(re.search(rf"SEARCH \w+ USING (COVERING )?INDEX \w+ \(tenant_id=\?.*{cond}", line)
               for line in text.splitlines())


def role_without(engine, tenant, users, category: Category) -> tuple[str, str]:
    """A role and a purpose it may declare that may not read `category`."""
    for role in ROLES:
        user = users[role]
        for purpose in Purpose:
            access = Access(engine, Principal(user.subject, tenant.id, user_id=user.id),
                            purpose.value, legal_reference="TEST-LEGAL-REF")
            if access.may_declare(purpose.value) and not access.can(category):
                return role, purpose.value
    raise AssertionError(f"no role may list records without reading {category.value}")


@pytest.fixture
async def cases(factory, app, gql):
    """(name, query, role, purpose) of every connection, every order, under a role that reads
    the order's column and, for the records, one that does not (their other order)."""
    tenant, contacts = await populated(factory)
    users = {role: await factory.user(tenant, role) for role in ROLES}
    tokens = {role: await factory.token(user) for role, user in users.items()}
    await app.state.engine.prepare(tenant.domain)
    for contact in contacts[:3]:
        await gql("mutation($c: ID!) { openDataSubjectRequest(contactId: $c, kind: ACCESS) { id } }",
                  {"c": str(contact.id)}, token=tokens["dpo"], purpose="legal_compliance")
    assert await DataSubjectRequest.filter(tenant_id=tenant.id).count() == 3
    for _ in range(3):  # events for the audit log
        await gql(top_level("contacts"), token=tokens["sales"], purpose="sales")
    found = [(f"contacts({order.value})", top_level("contacts", f", orderBy: {order.value}"),
              "sales", "sales") for order in ContactOrder]
    found.append(("marketingAudience", top_level("marketingAudience"), "marketing", "marketing"))
    for field, category in (("interactions", Category.INTERACTION_METADATA),
                            ("financials", Category.FINANCIAL)):
        for role, purpose in (("sales", "sales"), role_without(app.state.engine, tenant, users,
                                                               category)):
            found += [
                (f"{field} as {role}", top_level(field), role, purpose),
                (f"{field}(contactId) as {role}",
                 top_level(field, f', contactId: "{contacts[0].id}"'), role, purpose),
                (f"contact.{field} as {role}", nested(field), role, purpose),
            ]
    found.append(("dataSubjectRequests", top_level("dataSubjectRequests"), "dpo",
                  "legal_compliance"))
    found.append(("dataSubjectRequests(status)", top_level("dataSubjectRequests",
                                                           ", status: OPEN"),
                  "dpo", "legal_compliance"))
    found.append(("auditEvents", top_level("auditEvents"), "dpo", None))
    return found, tokens


async def test_every_page_after_a_cursor_seeks_its_index(gql, cases, monkeypatch):
    found, tokens = cases
    keys = declared_sort_keys()
    dialect = connections.get("default").capabilities.dialect
    reached = set()
    for name, query, role, purpose in found:
        first = await gql(query, token=tokens[role], purpose=purpose)
        assert not first.get("errors"), (name, first["errors"])
        cursor = end_cursor(first["data"])
        assert cursor, (name, first)
        key = keys[key_name(cursor)]
        statements = Statements(monkeypatch)
        deep = await gql(query, {"after": cursor}, token=tokens[role], purpose=purpose)
        monkeypatch.undo()
        assert not deep.get("errors"), (name, deep["errors"])
        plans = [await plan(sql, params) for sql, params in statements.seen]
        assert any(seeks(text, key, dialect) for text in plans), (
            f"{name} ({key.name}): no statement seeks an index with its keyset:\n"
            + "\n\n".join(f"{sql}\n{text}" for (sql, _), text in zip(statements.seen, plans)))
        reached.add(key.name)
    assert reached == set(keys), f"sort keys without a case: {set(keys) - reached}"
