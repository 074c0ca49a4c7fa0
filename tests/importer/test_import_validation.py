"""Validation names the position and field of every problem, before anything is written."""

from decimal import Decimal

import pytest

from importer import InvalidRecord
from importer.validate import validate_document
from tests.importer.helpers import contact


def problems_of(record: dict | None = None, **tenant) -> list[str]:
    doc = {"tenants": [{"slug": "acme", "contacts": [contact(0), record or contact(1)], **tenant}]}
    with pytest.raises(InvalidRecord) as caught:
        validate_document(doc)
    return caught.value.problems


def with_(**changes) -> dict:
    record = contact(1)
    record.update(changes)
    return record


@pytest.mark.parametrize(("changes", "expected"), [
    ({"email": "ada@"}, "tenants[0].contacts[1].email: not a valid email address"),
    ({"emial": "x"}, "tenants[0].contacts[1].emial: unknown field"),
    ({"externalRef": ""}, "tenants[0].contacts[1].externalRef: must not be empty"),
    ({"restricted": "no"}, "tenants[0].contacts[1].restricted: must be true or false"),
    ({"location": {"country": "France"}},
     "tenants[0].contacts[1].location.country: 'France' is not a 2-letter ISO country code (e.g. FR)"),
    ({"location": {"latitude": 123}}, "tenants[0].contacts[1].location.latitude: must be between "
                                      "-90 and 90"),
    ({"consents": [{"purpose": "spam", "status": "GRANTED", "at": "2026-01-01T00:00:00Z"}]},
     "tenants[0].contacts[1].consents[0].purpose: 'spam' is not one of analytics, billing, "
     "fraud_prevention, legal_compliance, marketing, sales, support, surveys"),
    ({"consents": [{"purpose": "marketing", "status": "YES", "at": "2026-01-01T00:00:00Z"}]},
     "tenants[0].contacts[1].consents[0].status: 'YES' is not one of GRANTED, WITHDRAWN"),
    ({"consents": [{"purpose": "marketing", "status": "GRANTED", "at": "2026-01-01T00:00:00"}]},
     "tenants[0].contacts[1].consents[0].at: '2026-01-01T00:00:00' has no time zone (add Z or "
     "+hh:mm)"),
    ({"consents": [{"purpose": "marketing", "status": "GRANTED"}]},
     "tenants[0].contacts[1].consents[0].at: is required"),
    ({"objections": ["analytics", "gossip"]},
     "tenants[0].contacts[1].objections[1]: 'gossip' is not one of analytics, billing, "
     "fraud_prevention, legal_compliance, marketing, sales, support, surveys"),
    ({"interactions": [{"kind": "CALL", "occurredAt": "yesterday"}]},
     "tenants[0].contacts[1].interactions[0].occurredAt: 'yesterday' is not an ISO 8601 date-time"),
    ({"interactions": [{"kind": "CALL", "occurredAt": "2026-01-01T00:00:00Z", "direction": "UP"}]},
     "tenants[0].contacts[1].interactions[0].direction: 'UP' is not one of INBOUND, OUTBOUND"),
    ({"financials": [{"kind": "LOAN", "amount": "1.00", "currency": "EUR",
                      "occurredAt": "2026-01-01T00:00:00Z"}]},
     "tenants[0].contacts[1].financials[0].kind: 'LOAN' is not one of DEAL, INVOICE, PAYMENT, "
     "SUBSCRIPTION"),
    ({"financials": [{"kind": "DEAL", "amount": "1.005", "currency": "EUR",
                      "occurredAt": "2026-01-01T00:00:00Z"}]},
     "tenants[0].contacts[1].financials[0].amount: has more than 2 decimal places"),
    ({"financials": [{"kind": "DEAL", "amount": "ten", "currency": "EUR",
                      "occurredAt": "2026-01-01T00:00:00Z"}]},
     "tenants[0].contacts[1].financials[0].amount: 'ten' is not a decimal amount"),
    ({"financials": [{"kind": "DEAL", "amount": "10", "currency": "euro",
                      "occurredAt": "2026-01-01T00:00:00Z"}]},
     "tenants[0].contacts[1].financials[0].currency: 'euro' is not a 3-letter ISO currency code "
     "(e.g. EUR)"),
    ({"externalRef": "bulk-000000"},
     "tenants[0].contacts[1]: duplicate externalRef 'bulk-000000' (first at tenants[0].contacts[0])"),
])
def test_contact_problems_name_position_and_field(changes, expected):
    assert problems_of(with_(**changes)) == [expected]


def test_user_problems():
    users = [{"email": "a@acme.example", "password": "x", "roles": ["boss"]},
             {"email": "A@acme.example", "password": "x"}, {"email": "nope"}]
    assert problems_of(users=users) == [
        "tenants[0].users[0].roles[0]: 'boss' is not one of admin, analyst, dpo, finance, "
        "marketing, sales, support",
        "tenants[0].users[2].email: not a valid email address",
        "tenants[0].users[1]: duplicate email 'a@acme.example' (first at tenants[0].users[0])",
    ]


def test_document_shape_problems():
    with pytest.raises(InvalidRecord, match=r"^tenants: must be a list"):
        validate_document({"tenants": {}})
    with pytest.raises(InvalidRecord, match=r"tenants\[0\]\.slug: 'Acme Corp' is not a slug"):
        validate_document({"tenants": [{"slug": "Acme Corp"}]})


def test_values_are_normalised_to_columns():
    record = with_(lastName=None, preferences=None,
                   financials=[{"kind": "DEAL", "amount": Decimal("7.5"), "currency": "EUR",
                                "occurredAt": "2026-01-01T01:00:00+01:00"}])
    plan = validate_document({"tenants": [{"slug": "acme", "contacts": [record]}]})[0]
    columns = plan.contacts[0].columns
    assert columns["last_name"] == ""
    assert columns["preferred_channel"] is None and columns["preferred_frequency"] is None
    assert columns["processing_restricted"] is False
    financial = plan.contacts[0].financials[0]
    assert financial["amount"] == Decimal("7.50")
    assert financial["occurred_at"].isoformat() == "2026-01-01T00:00:00+00:00"
