"""Erasure follows the field catalog: a contact whose every catalogued column (and every record
about them) holds a unique value is erased, and no column outside the catalog's `retain` list
still holds any of those values anywhere in the database; the erased values cannot come back
through any mutation or the import."""

import json
import uuid
from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import models
from models import Contact, FinancialRecord, Interaction
from models.activity import FinancialKind
from models.personal import catalog
from models.consent import record_consent
from rights.erasure import erase_contact
from rights.history import apply_rectification
from tests.rights.support import ERASE, LEGAL
from tests.support.catalog_values import stored

SAFE = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=3, max_size=12)


def columns_for(model: type, marker: str, number: float) -> dict:
    return {c.column: stored(c, marker, number) for c in catalog(model)}


def marker_columns(model: type, row: dict, marker: str) -> list[str]:
    return [name for name, value in row.items() if marker in json.dumps(value, default=str)]


async def _every_row_of(tenant_id: int) -> dict[type, list[dict]]:
    rows = {}
    for name in models.__all__:
        model = getattr(models, name)
        if "tenant" in model._meta.fk_fields:
            rows[model] = await model.filter(tenant_id=tenant_id).values()
    return rows


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(token=SAFE, number=st.floats(min_value=-89, max_value=89, allow_nan=False))
async def test_no_value_of_an_erased_contact_survives_outside_the_retain_list(factory, token, number):
    tenant = await factory.tenant()
    marker = f"mk{token}{uuid.uuid4().hex[:8]}"
    contact = await Contact.create(tenant_id=tenant.id, **columns_for(Contact, marker, number))
    for kind in FinancialKind:  # a record of every kind: some are kept, some go
        await FinancialRecord.create(tenant_id=tenant.id, contact_id=contact.id,
                                     **{**columns_for(FinancialRecord, marker, number),
                                        "kind": kind.value})
    await Interaction.create(tenant_id=tenant.id, contact_id=contact.id,
                             **columns_for(Interaction, marker, number))
    await record_consent(contact, purpose="marketing", status="GRANTED", explicit=True,
                         source=f"{marker}-source", evidence=f"{marker}-evidence",
                         captured_at=datetime.now(timezone.utc), recorded_by_id=None)
    await apply_rectification(tenant.id, contact.id, {"first_name": f"{marker}-new"}, None)

    await erase_contact(tenant.id, contact.id)

    retained = {(c.model, c.column) for model in (Contact, Interaction, FinancialRecord)
                for c in catalog(model) if c.retain}
    for model, rows in (await _every_row_of(tenant.id)).items():
        for row in rows:
            leaks = [col for col in marker_columns(model, row, marker) if (model, col) not in retained]
            assert leaks == [], (model.__name__, leaks)
    stub = (await Contact.filter(id=contact.id).values())[0]
    assert {c.column: stub[c.column] for c in catalog(Contact)} == {
        c.column: c.erased for c in catalog(Contact)}
    kept = await FinancialRecord.filter(tenant_id=tenant.id).values()
    assert sorted(r["kind"] for r in kept) == sorted(FinancialRecord.ERASURE.keep_when["kind"])
    for row in kept:
        assert row["contact_id"] is None
        assert all(row[c.column] == c.erased for c in catalog(FinancialRecord) if not c.retain)


CREATE = """mutation($input: ContactInput!) { createContact(input: $input) { id } }"""
UPDATE = """mutation($id: ID!, $input: ContactInput!) { updateContact(id: $id, input: $input) {
  id email externalRef } }"""


@pytest.mark.parametrize("field, value", [
    ("email", "  ERASED.Person@Example.com "), ("email", "erased.person@example.com"),
    ("externalRef", "erased-ref-1")])
async def test_erased_values_cannot_come_back_through_a_mutation(gql, factory, field, value):
    tenant = await factory.tenant()
    target = await factory.contact(tenant, email="erased.person@example.com",
                                   external_ref="erased-ref-1")
    neighbour = await factory.contact(tenant)
    await factory.consent(neighbour, "sales")
    dpo = await factory.login_as(tenant, "dpo")
    assert "errors" not in await gql(ERASE, {"c": str(target.id)}, token=dpo, purpose=LEGAL)
    admin = await factory.login_as(tenant, "admin")
    before = await Contact.filter(tenant_id=tenant.id).order_by("id").values()

    created = await gql(CREATE, {"input": {"firstName": "Again", field: value}}, token=admin,
                        purpose="sales")
    moved = await gql(UPDATE, {"id": str(neighbour.id), "input": {field: value}}, token=admin,
                      purpose="sales")
    for result in (created, moved):
        assert [e["extensions"]["code"] for e in result["errors"]] == ["BAD_USER_INPUT"]
        assert result["errors"][0]["message"].startswith(f"input.{field}: belongs to a person "
                                                         "whose data was erased")
    assert await Contact.filter(tenant_id=tenant.id).order_by("id").values() == before
