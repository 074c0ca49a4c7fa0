"""Access and portability (GDPR Art. 15, 20): exportContactData returns everything held about one
contact as a document that validates against docs/export.schema.json, at a number of SQL
statements that does not grow with the contact's records; only the dpo, under legal_compliance."""

import json

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from models import Disclosure
from policies.vocabulary import Category
from tests.rights.conftest import REFERENCE
from tests.rights.support import (EXPORT, EXPORT_SCHEMA, LEGAL, RESTRICT, UPDATE_CONTACT, codes,
                                  rich_contact)
from tests.support.query_counter import count_queries

VALIDATOR = Draft202012Validator(EXPORT_SCHEMA, format_checker=FormatChecker())


def test_the_published_schema_is_a_valid_json_schema():
    Draft202012Validator.check_schema(EXPORT_SCHEMA)
    assert EXPORT_SCHEMA["properties"]["schemaVersion"] == {
        "const": "1", "description": "Changes when a key is removed or renamed."}


async def _export(gql, token, contact_id) -> dict:
    result = await gql(EXPORT, {"c": str(contact_id)}, token=token, purpose=LEGAL)
    assert "errors" not in result, result
    return result["data"]["exportContactData"]


async def test_the_export_validates_and_holds_every_kind_of_record(gql, factory):
    tenant = await factory.tenant()
    dpo = await factory.user(tenant, "dpo")
    dpo_token = await factory.token(dpo)
    sales = await factory.user(tenant, "sales")
    contact = await rich_contact(factory, tenant, first_name="Ada", email="ada@example.com")
    renamed = await gql(UPDATE_CONTACT, {"id": str(contact.id), "input": {
        "firstName": "Adaline", "location": {"city": "Paris", "country": "FR"}}},
        token=await factory.token(sales), purpose="sales")
    assert "errors" not in renamed, renamed
    for restricted in (True, False):
        assert "errors" not in await gql(RESTRICT, {"c": str(contact.id), "r": restricted},
                                         token=dpo_token, purpose=LEGAL)

    document = await _export(gql, dpo_token, contact.id)

    VALIDATOR.validate(document)
    assert document["schemaVersion"] == "1"
    assert document["controller"] == {"tenant": tenant.slug, "name": tenant.name}
    assert document["contact"] == {
        "id": str(contact.id), "externalRef": contact.external_ref,
        "createdAt": document["contact"]["createdAt"], "updatedAt": document["contact"]["updatedAt"],
        "firstName": "Adaline", "lastName": contact.last_name, "company": "Acme", "jobTitle": "Buyer",
        "email": "ada@example.com", "phone": "+33 1 23 45 67 89", "address": "1 rue de la Paix, Paris",
        "preferences": {"channel": "EMAIL", "frequency": "MONTHLY"}, "interests": ["widgets"],
        "requirements": "none",
        "commercialProfile": {"businessType": "retail", "purchaseFrequency": "monthly",
                              "annualVolume": "100k"},
        "location": {"city": "Paris", "country": "FR", "latitude": None, "longitude": None},
        "competitiveNotes": "uses Globex", "sensitiveNotes": "allergic to peanuts",
        "processingRestricted": False}
    assert [(c["purpose"], c["status"]) for c in document["consents"]] == [
        ("marketing", "GRANTED"), ("surveys", "WITHDRAWN")]
    assert [o["purpose"] for o in document["objections"]] == ["analytics"]
    assert document["restriction"]["restricted"] is False
    assert [h["restricted"] for h in document["restriction"]["history"]] == [True, False]
    assert document["restriction"]["history"][0]["changedBy"] == f"user:{dpo.id}"
    assert [(s["topic"], s["subscribed"], s["optOut"]) for s in document["subscriptions"]] == [
        ("newsletter", True, True), ("service", True, False)]
    assert [i["subject"] for i in document["interactions"]] == [
        "Subject 0 of Ada", "Subject 1 of Ada", "Subject 2 of Ada"]
    assert sorted(f["kind"] for f in document["financials"]) == ["DEAL", "INVOICE", "PAYMENT",
                                                                 "SUBSCRIPTION"]
    assert {f["amount"] for f in document["financials"]} == {"120.00"}
    assert [(r["kind"], r["status"]) for r in document["dataSubjectRequests"]] == [("ACCESS", "OPEN")]
    assert [d["legalReference"] for d in document["disclosures"]] == ["Court order 42/2026"]
    rectification = [c for c in document["changes"] if c["kind"] == "RECTIFICATION"][-1]
    assert rectification["changedBy"] == f"user:{sales.id}"
    assert rectification["fields"] == [
        {"field": "firstName", "old": "Ada", "new": "Adaline"},
        {"field": "location.city", "old": "Lyon", "new": "Paris"},
        {"field": "location.latitude", "old": 45.76, "new": None},
        {"field": "location.longitude", "old": 4.84, "new": None}]
    assert [c["kind"] for c in document["changes"]] == [
        "RECTIFICATION", "RECTIFICATION", "RESTRICTION", "RESTRICTION"]
    for key, value in document.items():
        if isinstance(value, list):
            assert value, f"{key} is empty: the test contact should hold every kind of record"


async def test_the_export_is_recorded_as_a_disclosure_under_its_legal_reference(gql, factory):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "dpo")
    contact = await factory.contact(tenant)
    await _export(gql, token, contact.id)
    rows = await Disclosure.filter(contact_id=contact.id).values("legal_reference", "categories")
    assert rows == [{"legal_reference": REFERENCE, "categories": sorted(c.value for c in Category)}]


async def test_the_statement_count_does_not_grow_with_the_records(gql, factory):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "dpo")
    small = await rich_contact(factory, tenant, interactions=1)
    large = await rich_contact(factory, tenant, interactions=150)
    await _export(gql, token, small.id)  # warm the policy memo
    with count_queries() as for_small:
        assert len((await _export(gql, token, small.id))["interactions"]) == 1
    with count_queries() as for_large:
        assert len((await _export(gql, token, large.id))["interactions"]) == 150
    assert len(for_small) == len(for_large), (for_small.pretty(), for_large.pretty())


@pytest.mark.parametrize(("roles", "purpose", "reference", "code"), [
    (("marketing",), "marketing", None, "FORBIDDEN"),
    (("admin",), "sales", None, "FORBIDDEN"),
    (("dpo",), "sales", None, "FORBIDDEN"),
    (("dpo",), LEGAL, None, "PURPOSE_NOT_ALLOWED"),  # legal_compliance needs X-Legal-Reference
    ((), LEGAL, REFERENCE, "PURPOSE_NOT_ALLOWED"),
])
async def test_only_the_dpo_under_legal_compliance_exports(gql, factory, roles, purpose, reference, code):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, *roles)
    contact = await factory.contact(tenant)
    result = await gql(EXPORT, {"c": str(contact.id)}, token=token, purpose=purpose,
                       legal_reference=reference)
    assert result["data"] is None and codes(result) == [code]


async def test_another_tenants_contact_is_not_found(gql, factory):
    tenant, other = await factory.tenant(), await factory.tenant()
    token = await factory.login_as(tenant, "dpo")
    foreign = await factory.contact(other)
    for contact_id in (str(foreign.id), "987654321", "x"):
        result = await gql(EXPORT, {"c": contact_id}, token=token, purpose=LEGAL)
        assert codes(result) == ["NOT_FOUND"] and result["errors"][0]["message"] == "No such object."


def test_committed_export_schema_matches_the_catalog():
    from rights.export_schema import SCHEMA_FILE, with_generated_parts

    committed = json.loads(SCHEMA_FILE.read_text())
    assert with_generated_parts(committed) == committed, (
        "docs/export.schema.json is stale: run `make schema` and commit the result")
