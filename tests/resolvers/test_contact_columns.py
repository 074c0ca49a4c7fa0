"""Data minimisation: a value the caller may not read is never fetched from the database."""

from resolvers.contact_columns import FIELD_COLUMNS, STRUCTURAL_COLUMNS
from resolvers.loaders import CONTACT_COLUMNS
from tests.support.query_counter import count_queries

LIST = "{ contacts { edges { node { id firstName sensitiveNotes commercialProfile { businessType } } } } }"
ONE = "query($id: ID!) { contact(id: $id) { id firstName sensitiveNotes } }"


def test_every_contact_column_is_structural_or_belongs_to_a_field():
    mapped = set(STRUCTURAL_COLUMNS) | {c for columns in FIELD_COLUMNS.values() for c in columns}
    assert mapped == set(CONTACT_COLUMNS)


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
