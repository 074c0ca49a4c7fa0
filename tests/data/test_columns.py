"""Data minimisation: a value the caller may not read is never fetched from the database."""

from data.columns import readable_columns
from models import Contact
from models.personal import catalog
from policies.decision import Access, Principal
from policies.engine import PolicyEngine
from tests.support.query_counter import count_queries

LIST = "{ contacts { edges { node { id firstName sensitiveNotes commercialProfile { businessType } } } } }"
ONE = "query($id: ID!) { contact(id: $id) { id firstName sensitiveNotes } }"


ROLES = ("admin", "sales", "support", "marketing", "analyst", "finance", "dpo")
PURPOSES = ("sales", "support", "billing", "marketing", "surveys", "analytics",
            "fraud_prevention", "legal_compliance")


async def test_selected_columns_are_exactly_the_readable_catalogued_ones():
    """For every role and purpose it may declare: a catalogued column is selected if and only if
    its category may be read (derived from the catalog, decided by the policy)."""
    engine = PolicyEngine.in_memory([["g", f"user:{i}", role, "tenant:1"]
                                     for i, role in enumerate(ROLES)])
    await engine.prepare("tenant:1")
    checked = 0
    for i, _role in enumerate(ROLES):
        for purpose in PURPOSES:
            access = Access(engine, Principal(f"user:{i}", 1), purpose, legal_reference="REF-1")
            if not access.may_declare(purpose):
                continue
            selected = set(readable_columns(access, Contact))
            for column in catalog(Contact):
                readable = column.read_category is None or access.can(column.read_category)
                assert (column.column in selected) == readable, (i, purpose, column.column)
                checked += 1
    assert checked > 100


async def test_columns_of_unreadable_categories_are_not_selected(gql, factory):
    tenant = await factory.tenant()
    contact = await factory.contact(tenant)
    marketing = await factory.login_as(tenant, "marketing")
    await factory.consent(contact, "marketing")
    with count_queries() as queries:
        listed = await gql(LIST, token=marketing, purpose="marketing")
        one = await gql(ONE, {"id": str(contact.id)}, token=marketing, purpose="marketing")
    assert listed["data"]["contacts"]["edges"][0]["node"]["firstName"] == contact.first_name
    assert one["data"]["contact"]["firstName"] == contact.first_name
    contact_selects = [sql for sql in queries.statements if 'FROM "contact"' in sql]
    assert len(contact_selects) >= 2
    for sql in contact_selects:
        assert '"first_name"' in sql
        for hidden in ("sensitive_notes", "business_type", "competitive_notes", "latitude"):
            assert hidden not in sql, sql


async def test_sensitive_column_is_fetched_only_for_a_role_that_may_read_it(gql, factory):
    tenant = await factory.tenant()
    contact = await factory.contact(tenant)
    await factory.consent(contact, "sales", explicit=True)
    dpo = await factory.login_as(tenant, "dpo")
    result = await gql(ONE, {"id": str(contact.id)}, token=dpo, purpose="sales")
    assert result["data"]["contact"]["sensitiveNotes"] == contact.sensitive_notes
