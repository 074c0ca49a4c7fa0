"""policy.md §5 over HTTP: every default role × every built-in purpose, one field per category.

The expected table is written out here from policy.md §5, not read from policies/policy.csv, so a
wrong policy line fails this test."""

import pytest

from tests.support.activity import ALL_PURPOSES, add_financial, add_interaction, codes, errors_by_path, grant_all

EVERY_CATEGORY = ("identity", "contact_details", "preferences", "interaction_metadata",
                  "interaction_content", "commercial", "financial", "location", "competitive",
                  "sensitive")

# policy.md §5, "purposes" and "reads" columns.
ROLES = {
    "admin": {
        "purposes": ("sales", "support", "billing", "marketing", "surveys", "analytics",
                     "fraud_prevention"),  # all but legal_compliance
        "reads": tuple(c for c in EVERY_CATEGORY if c != "sensitive"),
    },
    "sales": {
        "purposes": ("sales", "support"),
        "reads": ("identity", "contact_details", "preferences", "interaction_metadata",
                  "interaction_content", "commercial", "location", "competitive"),
    },
    "support": {
        "purposes": ("support",),
        "reads": ("identity", "contact_details", "preferences", "interaction_metadata",
                  "interaction_content"),
    },
    "marketing": {
        "purposes": ("marketing", "surveys"),
        "reads": ("identity", "contact_details", "preferences"),
    },
    "analyst": {
        "purposes": ("analytics",),
        "reads": ("commercial", "interaction_metadata", "location", "financial"),
    },
    "finance": {
        "purposes": ("billing",),
        "reads": ("identity", "contact_details", "commercial", "financial"),
    },
    "dpo": {
        "purposes": ALL_PURPOSES,  # legal_compliance + all
        "reads": EVERY_CATEGORY,  # sensitive still needs explicit consent, except legal_compliance
    },
}

QUERY = """query($id: ID!) { contact(id: $id) {
  id firstName email preferences { channel } commercialProfile { businessType } location { city }
  competitiveNotes sensitiveNotes
  interactions { edges { node { kind subject } } }
  financials { edges { node { amount } } }
} }"""

# category -> (path of its field below `contact`, value the factory contact holds there)
FIELDS = {
    "identity": (("firstName",), None),  # value set per contact
    "contact_details": (("email",), None),
    "preferences": (("preferences",), {"channel": "EMAIL"}),
    "commercial": (("commercialProfile",), {"businessType": "retail"}),
    "location": (("location",), {"city": "Lyon"}),
    "competitive": (("competitiveNotes",), "uses Globex"),
    "sensitive": (("sensitiveNotes",), "allergic to peanuts"),
    "interaction_metadata": (("interactions", "edges", 0, "node", "kind"), "EMAIL"),
    "interaction_content": (("interactions", "edges", 0, "node", "subject"), "Quote"),
    "financial": (("financials", "edges", 0, "node", "amount"), "120.00"),
}


def dig(data, path):
    for step in path:
        data = data[step]
    return data


def expected_outcome(role: str, purpose: str, category: str, explicit: bool) -> str:
    """'value', or the error code the field must carry."""
    if category not in ROLES[role]["reads"]:
        return "FORBIDDEN"
    if category == "sensitive" and not explicit and purpose != "legal_compliance":
        return "CONSENT_REQUIRED"
    return "value"


@pytest.fixture
async def setting(factory):
    async def make(role: str):
        tenant = await factory.tenant()
        token = await factory.login_as(tenant, role)
        contacts = {}
        for explicit in (True, False):
            contact = await factory.contact(tenant)
            await grant_all(contact, explicit=explicit)
            await add_interaction(contact)
            await add_financial(contact)
            contacts[explicit] = contact
        return token, contacts
    return make


@pytest.mark.parametrize("role", sorted(ROLES))
async def test_role_reads_exactly_its_categories_for_each_purpose(gql, setting, role):
    token, contacts = await setting(role)
    for purpose in ALL_PURPOSES:
        for explicit, contact in contacts.items():
            result = await gql(QUERY, {"id": str(contact.id)}, token=token, purpose=purpose)
            where = f"{role} / {purpose} / explicit={explicit}"
            if purpose not in ROLES[role]["purposes"]:
                assert result["data"] == {"contact": None}, where
                assert set(codes(result)) == {"PURPOSE_NOT_ALLOWED"}, (where, result)
                continue
            node = result["data"]["contact"]
            assert node is not None, (where, result)
            assert node["id"] == str(contact.id)
            expected_errors = []
            for category in EVERY_CATEGORY:
                path, value = FIELDS[category]
                value = {"identity": contact.first_name, "contact_details": contact.email}.get(
                    category, value)
                outcome = expected_outcome(role, purpose, category, explicit)
                assert dig(node, path) == (value if outcome == "value" else None), (where, category)
                if outcome != "value":
                    expected_errors.append((("contact", *path), outcome))
            assert errors_by_path(result) == sorted(expected_errors, key=repr), where


def test_the_table_is_the_one_of_the_spec():
    """Guards the literal above against edits that would make it agree with a wrong policy."""
    assert "legal_compliance" not in ROLES["admin"]["purposes"]
    assert "sensitive" not in ROLES["admin"]["reads"]
    assert not {"identity", "contact_details"} & set(ROLES["analyst"]["reads"])
    assert set(ROLES["dpo"]["purposes"]) == set(ALL_PURPOSES)
    assert "financial" not in ROLES["sales"]["reads"]


# -- rules 1 and 3 for the whole operation ----------------------------------------------------------
CONTACT = "query($id: ID!) { contact(id: $id) { id firstName } }"


@pytest.fixture
async def one_contact(factory):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "sales")
    contact = await factory.contact(tenant)
    return token, contact


async def test_missing_purpose_is_purpose_required(gql, one_contact):
    token, contact = one_contact
    for query in (CONTACT, "{ contacts { totalCount } }", "{ interactions { totalCount } }"):
        result = await gql(query, {"id": str(contact.id)}, token=token)
        assert result["data"] is None or result["data"] == {"contact": None}
        assert codes(result) == ["PURPOSE_REQUIRED"], result


@pytest.mark.parametrize("purpose", ["teleportation", "SALES", "legal_compliance", " sales"])
async def test_unknown_or_ungranted_purpose_is_purpose_not_allowed(gql, one_contact, purpose):
    token, contact = one_contact
    result = await gql(CONTACT, {"id": str(contact.id)}, token=token, purpose=purpose)
    assert result["data"] == {"contact": None}
    assert codes(result) == ["PURPOSE_NOT_ALLOWED"], result
    listing = await gql("{ contacts { totalCount } }", token=token, purpose=purpose)
    assert listing["data"] is None and codes(listing) == ["PURPOSE_NOT_ALLOWED"], listing


@pytest.mark.parametrize("token", [None, "sps_not-a-real-token", "garbage"])
async def test_no_or_bad_token_is_unauthenticated(gql, one_contact, token):
    _token, contact = one_contact
    result = await gql(CONTACT, {"id": str(contact.id)}, token=token, purpose="sales")
    assert result["data"] == {"contact": None}
    assert codes(result) == ["UNAUTHENTICATED"], result
    listing = await gql("{ contacts { totalCount edges { node { id } } } }", token=token,
                        purpose="sales")
    assert listing["data"] is None and codes(listing) == ["UNAUTHENTICATED"], listing
