"""What the audit trail records for each operation (audit/extension.py), in which transaction,
and that a failure to record fails the operation."""

import asyncio
from datetime import datetime, timedelta, timezone

import pytest

from audit import chain
from models import AuditEvent, ConsentRecord, Contact, Interaction

LIST = """query Page($first: Int!) { contacts(first: $first) { edges { node {
  id firstName email competitiveNotes } } } }"""
CREATE = """mutation($ref: String!) { createContact(input: {externalRef: $ref, firstName: "Ada"}) {
  id firstName } }"""
LOG = """mutation($c: ID!) { logInteraction(input: {contactId: $c, kind: EMAIL, subject: "Hi",
  occurredAt: "2026-01-01T10:00:00Z"}) {
  id kind subject } }"""


async def events(tenant) -> list[dict]:
    return await AuditEvent.filter(tenant_id=tenant.id).order_by("seq").values(
        "seq", "principal", "purpose", "operation", "contact_ids", "categories_returned",
        "categories_denied", "codes", "legal_reference")


async def last_event(tenant) -> dict:
    return (await events(tenant))[-1]


def codes(result: dict) -> set[str]:
    return {e["extensions"]["code"] for e in result.get("errors", [])}


async def test_a_read_of_100_contacts_records_exactly_the_contacts_and_categories_returned(
        gql, factory):
    tenant = await factory.tenant()
    user = await factory.user(tenant, "support")  # support reads no competitive data
    token = await factory.token(user)
    await Contact.bulk_create([Contact(tenant_id=tenant.id, external_ref=f"r{i}", first_name=f"F{i}",
                                       email=f"c{i}@example.com", competitive_notes="Globex")
                               for i in range(105)])
    result = await gql(LIST, {"first": 100}, token=token, purpose="support")
    returned = sorted(int(e["node"]["id"]) for e in result["data"]["contacts"]["edges"])
    assert len(returned) == 100 and codes(result) == {"FORBIDDEN"}

    [event] = await events(tenant)
    assert event == {
        "seq": 1, "principal": f"user:{user.id}", "purpose": "support",
        "operation": "query Page: contacts", "contact_ids": returned,
        "categories_returned": ["contact_details", "identity"],
        "categories_denied": ["competitive"], "codes": ["FORBIDDEN"], "legal_reference": None}
    all_ids = set(await Contact.filter(tenant_id=tenant.id).values_list("id", flat=True))
    assert len(all_ids - set(event["contact_ids"])) == 5  # the next page was not read


async def test_categories_follow_the_selection_and_the_row_filter(gql, factory):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "marketing")
    consenting = [await factory.contact(tenant) for _ in range(2)]
    for contact in consenting:
        await factory.consent(contact, "marketing")
    await factory.contact(tenant)  # no consent for marketing: not in the list, not recorded
    await gql("{ contacts { edges { node { id preferences { channel } } } } }", token=token,
              purpose="marketing")
    event = await last_event(tenant)
    assert event["contact_ids"] == sorted(c.id for c in consenting)
    assert (event["categories_returned"], event["categories_denied"]) == (["preferences"], [])
    assert event["operation"] == "query contacts"


async def test_fragments_and_aliases_count_like_the_fields_they_select(gql, factory):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "support")
    await factory.contact(tenant)
    query = """query Named { list: contacts { edges { node { ...Reach ... on Contact { n: firstName }
      } } } }  fragment Reach on Contact { email competitiveNotes }"""
    result = await gql(query, token=token, purpose="support")
    assert result["data"]["list"]["edges"][0]["node"]["n"].startswith("First")
    event = await last_event(tenant)
    assert event["operation"] == "query Named: contacts"
    assert (event["categories_returned"], event["categories_denied"]) == (
        ["contact_details", "identity"], ["competitive"])


async def test_sensitive_data_returned_for_some_contacts_and_denied_for_others(gql, factory):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "dpo")
    explicit, plain = await factory.contact(tenant), await factory.contact(tenant)
    await factory.consent(explicit, "sales", explicit=True)
    result = await gql("{ contacts { edges { node { id sensitiveNotes nested: interactions {"
                       " edges { node { subject } } } } } } }", token=token, purpose="sales")
    assert codes(result) == {"CONSENT_REQUIRED"}
    event = await last_event(tenant)
    assert event["contact_ids"] == sorted([explicit.id, plain.id])
    assert event["categories_returned"] == ["sensitive"]  # interactions: none, so no content
    assert event["categories_denied"] == ["sensitive"]


async def test_refusals_are_recorded_with_their_codes(gql, factory):
    tenant, other = await factory.tenant(), await factory.tenant()
    user = await factory.user(tenant, "marketing", "analyst")
    token = await factory.token(user)
    contact, foreign = await factory.contact(tenant), await factory.contact(other)

    await gql("{ contacts { totalCount } }", token=token, purpose="sales")
    assert (await last_event(tenant))["codes"] == ["PURPOSE_NOT_ALLOWED"]
    assert (await last_event(tenant))["purpose"] == "sales"
    await gql("query($id: ID!) { contact(id: $id) { firstName } }", {"id": str(contact.id)},
              token=token, purpose="marketing")  # no consent
    event = await last_event(tenant)
    assert (event["contact_ids"], event["codes"]) == ([contact.id], ["CONSENT_REQUIRED"])
    await gql("query($id: ID!) { contact(id: $id) { firstName } }", {"id": str(foreign.id)},
              token=token, purpose="marketing")
    event = await last_event(tenant)
    assert (event["contact_ids"], event["codes"]) == ([], ["NOT_FOUND"])
    await gql('{ contacts(filter: {email: "x@example.com"}) { totalCount } }', token=token,
              purpose="analytics")  # analysts may not read contact details, so not filter on them
    event = await last_event(tenant)
    assert (event["categories_denied"], event["codes"]) == (["contact_details"], ["FORBIDDEN"])
    assert await events(other) == []


async def test_data_nulled_by_a_failing_non_null_field_counts_as_not_returned(gql, factory,
                                                                             monkeypatch):
    from policies.errors import CodedError
    from policies.vocabulary import ErrorCode
    from resolvers import loaders

    async def refused(access, ids):
        raise CodedError(ErrorCode.NOT_FOUND)

    monkeypatch.setitem(loaders.BATCHES, "objections_by_contact_id", refused)
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "sales")
    contact = await factory.contact(tenant)
    # objections is non-null, and so is everything above it: the whole `data` becomes null.
    result = await gql("{ contacts { edges { node { firstName objections } } } }", token=token,
                       purpose="sales")
    assert result["data"] is None and codes(result) == {"NOT_FOUND"}
    event = await last_event(tenant)
    assert event["contact_ids"] == [contact.id]  # reached, and answered for
    assert (event["categories_returned"], event["codes"]) == ([], ["NOT_FOUND"])


async def test_operations_on_no_personal_data_and_unauthenticated_requests_record_nothing(
        gql, factory):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "sales")
    await gql("{ me { id roles } purposes { name } }", token=token, purpose="sales")
    await gql("{ contacts { totalCount } }", purpose="sales")  # no token: no tenant to record in
    await gql("mutation { logout }", token=token)
    assert await events(tenant) == []


async def test_a_mutation_is_recorded_with_the_contact_it_wrote(gql, factory):
    tenant = await factory.tenant()
    user = await factory.user(tenant, "sales")
    contact = await factory.contact(tenant)
    result = await gql(LOG, {"c": str(contact.id)}, token=await factory.token(user), purpose="sales")
    assert result["data"]["logInteraction"]["subject"] == "Hi"
    event = await last_event(tenant)
    assert event["operation"] == "mutation logInteraction"
    assert event["contact_ids"] == [contact.id] and event["principal"] == f"user:{user.id}"
    assert event["categories_returned"] == ["interaction_content", "interaction_metadata"]
    assert (await chain.verify(tenant.id)).ok


@pytest.fixture
def failing(monkeypatch):
    """Make the audit append fail as a full disk or a lost connection would."""
    def install(name: str):
        async def broken(*args, **kwargs):
            raise RuntimeError("disk full: INSERT INTO audit_event ... 'victim@example.com'")
        monkeypatch.setattr(chain, name, broken)
    return install


def internal(root: str) -> dict:
    """The whole answer when the event could not be recorded: no data, one masked error."""
    return {"data": None, "errors": [{"message": "Unexpected error.", "path": [root],
                                      "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]}


async def test_a_write_whose_event_cannot_be_recorded_is_rolled_back(gql, factory, failing):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "sales")
    contact = await factory.contact(tenant)
    failing("insert_pending")
    result = await gql(CREATE, {"ref": "never-written"}, token=token, purpose="sales")
    assert result == internal("createContact")
    assert not await Contact.exists(tenant_id=tenant.id, external_ref="never-written")
    await gql(LOG, {"c": str(contact.id)}, token=token, purpose="sales")
    assert not await Interaction.exists(contact_id=contact.id)
    # A resolver's own (nested) transaction is rolled back with the operation's.
    admin = await factory.login_as(tenant, "admin")
    consent = await gql('mutation($c: ID!) { recordConsent(contactId: $c, purpose: "marketing", '
                        'status: GRANTED, source: "form") { status } }', {"c": str(contact.id)},
                        token=admin, purpose="marketing")
    assert consent == internal("recordConsent")
    assert not await ConsentRecord.exists(contact_id=contact.id)
    assert await events(tenant) == []


async def test_a_read_whose_event_cannot_be_recorded_returns_no_data(gql, factory, failing):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "sales")
    await factory.contact(tenant, first_name="Secretname")
    failing("insert_pending")
    result = await gql(LIST, {"first": 10}, token=token, purpose="sales")
    assert result == internal("contacts")
    assert "Secretname" not in str(result) and "victim" not in str(result)


async def test_a_write_and_its_event_commit_together(gql, factory):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "sales")
    result = await gql(CREATE, {"ref": "written"}, token=token, purpose="sales")
    created = int(result["data"]["createContact"]["id"])
    event = await last_event(tenant)
    assert (event["operation"], event["contact_ids"]) == ("mutation createContact", [created])
    assert event["categories_returned"] == ["identity"]


async def test_concurrent_requests_keep_one_unbroken_chain(gql, factory):
    tenant = await factory.tenant()
    tokens = [await factory.login_as(tenant, "sales") for _ in range(4)]
    contacts = [await factory.contact(tenant) for _ in range(4)]
    requests = []
    for i in range(20):
        token = tokens[i % 4]
        if i % 3 == 0:
            requests.append(gql(LOG, {"c": str(contacts[i % 4].id)}, token=token, purpose="sales"))
        else:
            requests.append(gql(LIST, {"first": 5}, token=token, purpose="sales"))
    results = await asyncio.gather(*requests)
    assert all("errors" not in r for r in results), [r for r in results if "errors" in r]
    recorded = await events(tenant)
    assert [e["seq"] for e in recorded] == list(range(1, 21))
    assert sum(e["operation"] == "mutation logInteraction" for e in recorded) == 7
    report = await chain.verify(tenant.id)
    assert report.ok and report.events == 20


async def test_a_partner_token_is_recorded_as_itself_with_its_implied_purpose(gql, factory):
    tenant = await factory.tenant()
    admin = await factory.login_as(tenant, "admin", "sales")
    contact = await factory.contact(tenant)
    created = await gql("""mutation($i: ApiTokenInput!) { createApiToken(input: $i) {
        secret token { id } } }""", {"i": {
        "name": "crm-sync", "purposes": ["sales"], "categories": ["identity"], "actions": ["read"],
        "expiresAt": (datetime.now(timezone.utc) + timedelta(days=30)).isoformat()}}, token=admin)
    assert "errors" not in created, created
    secret, token_id = (created["data"]["createApiToken"]["secret"],
                        created["data"]["createApiToken"]["token"]["id"])
    await gql("query($id: ID!) { contact(id: $id) { firstName email } }", {"id": str(contact.id)},
              token=secret)  # no X-Purpose: the token's one purpose
    event = await last_event(tenant)
    assert event["principal"] == f"token:{token_id.removeprefix('token:')}"
    assert (event["purpose"], event["contact_ids"]) == ("sales", [contact.id])
    assert (event["categories_returned"], event["categories_denied"]) == (["identity"],
                                                                         ["contact_details"])


async def test_the_legal_reference_of_a_disclosure_is_recorded(gql, factory):
    tenant = await factory.tenant()
    dpo = await factory.login_as(tenant, "dpo")
    contact = await factory.contact(tenant)
    await gql("query($id: ID!) { contact(id: $id) { firstName } }", {"id": str(contact.id)},
              token=dpo, purpose="legal_compliance", headers={"X-Legal-Reference": "SUBPOENA-17"})
    event = await last_event(tenant)
    assert (event["purpose"], event["legal_reference"]) == ("legal_compliance", "SUBPOENA-17")
    assert event["contact_ids"] == [contact.id] and event["categories_returned"] == ["identity"]
