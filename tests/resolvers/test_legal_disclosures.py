"""Legal disclosures (issue 5 part 4): `legal_compliance` needs X-Legal-Reference, is the dpo's
only, and every contact whose personal data it returns gets a Disclosure row, written before
the response, that appears in the contact's export."""

import pytest

from models import Disclosure

LIST = """query Subpoena { contacts(first: 100) { edges { node { id firstName email sensitiveNotes } } } }"""
LEGAL = "legal_compliance"


def codes(result: dict) -> list[str]:
    return [e["extensions"]["code"] for e in result.get("errors", [])]


@pytest.fixture
async def office(factory):
    tenant = await factory.tenant()
    dpo = await factory.user(tenant, "dpo")
    contacts = [await factory.contact(tenant), await factory.contact(tenant),
                await factory.contact(tenant, processing_restricted=True)]
    return tenant, dpo, await factory.token(dpo), contacts


async def post(http, query: str, token: str, **headers) -> tuple[int, dict]:
    response = await http.post("/graphql", json={"query": query}, headers={
        "Authorization": f"Bearer {token}", "X-Purpose": LEGAL, **headers})
    return response.status_code, response.json()


@pytest.mark.parametrize("headers", [{}, {"X-Legal-Reference": "   "},
                                     {"X-Legal-Reference": "x" * 201},
                                     {"X-Legal-Reference": "case\t42"}])
async def test_legal_compliance_without_a_valid_reference_is_refused(http, office, headers):
    tenant, _dpo, token, _contacts = office
    status, body = await post(http, LIST, token, **headers)
    assert status == 200 and body["data"] is None and codes(body) == ["PURPOSE_NOT_ALLOWED"]
    assert "X-Legal-Reference" in body["errors"][0]["extensions"]["reason"]
    assert await Disclosure.filter(tenant_id=tenant.id).count() == 0


async def test_each_contact_returned_is_recorded_with_the_reference(http, office):
    tenant, dpo, token, contacts = office
    status, body = await post(http, LIST, token, **{"X-Legal-Reference": " Subpoena 2026-117 "})
    assert status == 200 and "errors" not in body, body
    returned = {edge["node"]["id"] for edge in body["data"]["contacts"]["edges"]}
    assert returned == {str(c.id) for c in contacts}  # the restricted contact too
    rows = await Disclosure.filter(tenant_id=tenant.id).order_by("contact_id").values(
        "contact_id", "legal_reference", "principal", "operation", "categories")
    assert rows == [{"contact_id": c.id, "legal_reference": "Subpoena 2026-117",
                     "principal": dpo.subject, "operation": "query Subpoena: contacts",
                     "categories": ["contact_details", "identity", "sensitive"]}
                    for c in sorted(contacts, key=lambda c: c.id)]


async def test_only_the_categories_selected_and_only_contacts_with_personal_data(gql, factory, office):
    tenant, _dpo, token, contacts = office
    await factory.interaction(contacts[0])
    ids_only = await gql("{ contacts(first: 100) { edges { node { id } } } }", token=token,
                         purpose=LEGAL)
    assert len(ids_only["data"]["contacts"]["edges"]) == 3
    assert await Disclosure.filter(tenant_id=tenant.id).count() == 0  # no personal data left
    nested = """query($id: ID!) { contact(id: $id) { id
                interactions { edges { node { subject } } } } }"""
    result = await gql(nested, {"id": str(contacts[0].id)}, token=token, purpose=LEGAL)
    assert result["data"]["contact"]["interactions"]["edges"] == [{"node": {"subject": "Quote"}}]
    rows = await Disclosure.filter(tenant_id=tenant.id).values("contact_id", "categories",
                                                               "legal_reference")
    assert rows == [{"contact_id": contacts[0].id, "categories": ["interaction_content"],
                     "legal_reference": "TEST-LEGAL-REF"}]


async def test_only_the_dpo_may_use_legal_compliance(gql, factory, office):
    tenant, _dpo, _token, contacts = office
    for role in ("admin", "sales", "support", "marketing", "analyst", "finance"):
        session = await factory.login_as(tenant, role)
        result = await gql(LIST, token=session, purpose=LEGAL)
        assert result["data"] is None and codes(result) == ["PURPOSE_NOT_ALLOWED"], role
    assert await Disclosure.filter(tenant_id=tenant.id).count() == 0


async def test_other_purposes_record_no_disclosure(gql, office):
    tenant, _dpo, token, _contacts = office
    result = await gql(LIST, token=token, purpose="support",
                       headers={"X-Legal-Reference": "not a legal request"})
    assert len(result["data"]["contacts"]["edges"]) == 2  # the restricted one is not listed
    assert set(codes(result)) == {"CONSENT_REQUIRED"}  # sensitive notes: no explicit consent
    assert await Disclosure.filter(tenant_id=tenant.id).count() == 0


async def test_a_disclosure_that_cannot_be_recorded_is_not_made(gql, office, monkeypatch):
    tenant, _dpo, token, _contacts = office

    import data.scope  # noqa: PLC0415

    real_insert = data.scope._insert_values

    async def broken(model, rows):  # the data layer's insert of dict rows (TenantScope.bulk_create)
        if model is Disclosure:
            raise RuntimeError("INSERT INTO disclosure failed: secret detail")
        await real_insert(model, rows)

    monkeypatch.setattr(data.scope, "_insert_values", broken)
    result = await gql(LIST, token=token, purpose=LEGAL)
    assert result["data"] is None
    assert result["errors"] == [{"message": "Unexpected error.",
                                 "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]


async def test_disclosures_appear_in_the_contacts_export(gql, office):
    _tenant, _dpo, token, contacts = office
    await gql(LIST, token=token, purpose=LEGAL, headers={"X-Legal-Reference": "Court order 9"})
    export = await gql("mutation($c: ID!) { exportContactData(contactId: $c) }",
                       {"c": str(contacts[1].id)}, token=token, purpose=LEGAL,
                       headers={"X-Legal-Reference": "DSR access request 4"})
    assert "errors" not in export, export
    disclosures = export["data"]["exportContactData"]["disclosures"]
    assert [d["legalReference"] for d in disclosures][:1] == ["Court order 9"]
    assert disclosures[0]["categories"] == ["contact_details", "identity", "sensitive"]
    # the export itself answered legal process too, and is recorded as a disclosure
    assert await Disclosure.filter(contact_id=contacts[1].id,
                                   legal_reference="DSR access request 4").count() == 1
