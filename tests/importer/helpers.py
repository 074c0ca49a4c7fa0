"""Generates import documents of any size for the tests (deterministic: same n, same file)."""

PURPOSES = ("marketing", "surveys", "analytics")


def contact(i: int, tenant: str = "bulk") -> dict:
    record = {
        "externalRef": f"{tenant}-{i:06d}",
        "firstName": f"First{i}", "lastName": None if i % 97 == 0 else f"Last{i}",
        "company": f"Company {i % 50}", "jobTitle": "Buyer",
        "email": f"person{i}@example.com", "phone": f"+33 1 00 00 {i % 100:02d}",
        "address": f"{i} Rue de la Paix, Lyon",
        "preferences": {"channel": "EMAIL", "frequency": "MONTHLY"},
        "interests": ["widgets", f"topic{i % 7}"], "requirements": "fast delivery",
        "commercialProfile": {"businessType": "retail", "purchaseFrequency": "monthly",
                              "annualVolume": str(1000 + i)},
        "location": {"city": "Lyon", "country": "FR", "latitude": 45.76, "longitude": 4.84},
        "competitiveNotes": "uses Initech" if i % 3 == 0 else None,
        "sensitiveNotes": "health note" if i % 11 == 0 else None,
        "restricted": i % 500 == 0,
        "subscriptions": [{"topic": "newsletter", "subscribed": i % 2 == 0}],
        "interactions": [{"kind": "EMAIL", "occurredAt": "2026-02-01T10:00:00Z",
                          "direction": "INBOUND", "subject": f"Hello {i}", "content": "Hi"}],
        "financials": [{"kind": "INVOICE", "amount": f"{100 + i % 900}.50", "currency": "EUR",
                        "occurredAt": "2026-02-03T00:00:00+01:00", "status": "PAID"}],
    }
    if i % 4 == 0:
        record["consents"] = [{"purpose": PURPOSES[i % 3], "status": "GRANTED", "explicit": i % 8 == 0,
                               "source": "web-form", "at": "2026-01-01T00:00:00Z"}]
    if i % 10 == 0:
        record["objections"] = ["analytics"]
    return record


def document(n: int, slug: str = "bulk") -> dict:
    return {"tenants": [{
        "slug": slug, "name": "Bulk Corp",
        "users": [{"email": "Admin@Bulk.example", "password": "admin-pass", "roles": ["admin"]},
                  {"email": "sales@bulk.example", "password": "sales-pass",
                   "roles": ["sales", "support"]}],
        "subscriptionTopics": [{"topic": "newsletter", "optOut": True},
                               {"topic": "service", "optOut": False}],
        "contacts": [contact(i, slug) for i in range(n)],
    }]}


# The tables an import may write (not models.__all__: a model still without its migration, being
# written by someone else, must not break these tests).
IMPORT_TABLES = ("Tenant", "User", "PolicyRule", "SubscriptionTopic", "Contact", "ConsentRecord",
                 "Objection", "ContactPurposeState", "Subscription", "Interaction",
                 "FinancialRecord")


async def dump() -> dict[str, list[dict]]:
    """Every row of every table an import writes, for before/after comparisons."""
    import models  # noqa: PLC0415

    return {name: await getattr(models, name).all().order_by("id").values()
            for name in IMPORT_TABLES}


async def counts() -> dict[str, int]:
    import models  # noqa: PLC0415

    return {name: await getattr(models, name).all().count() for name in IMPORT_TABLES}
