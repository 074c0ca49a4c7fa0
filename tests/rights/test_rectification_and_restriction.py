"""Rectification (Art. 16) keeps a history of old and new values, who and when, written with
the change; restriction (Art. 18) hides the contact from every purpose but legal_compliance and
is recorded the same way; an objection to marketing is absolute (Art. 21(3))."""

import pytest

from models import Contact, ContactChange
from rights import history
from tests.rights.support import LEGAL, RESTRICT, UPDATE_CONTACT, codes

GET = "query($id: ID!) { contact(id: $id) { id firstName } }"
LIST = "{ contacts(first: 100) { totalCount edges { node { id } } } }"


async def _changes(contact_id: int) -> list[dict]:
    return await ContactChange.filter(contact_id=contact_id).order_by("id").values(
        "kind", "changes", "changed_by_id", "source")


async def test_update_contact_records_old_and_new_values_of_changed_fields(gql, factory):
    tenant = await factory.tenant()
    user = await factory.user(tenant, "sales")
    token = await factory.token(user)
    contact = await factory.contact(tenant, first_name="Ada", email="ada@example.com")
    result = await gql(UPDATE_CONTACT, {"id": str(contact.id), "input": {
        "firstName": "Adaline", "email": "ada@example.com", "phone": None,
        "interests": ["gadgets"]}}, token=token, purpose="sales")
    assert result["data"]["updateContact"] == {"id": str(contact.id), "firstName": "Adaline",
                                               "email": "ada@example.com"}
    assert await _changes(contact.id) == [{
        "kind": "RECTIFICATION", "source": "api", "changed_by_id": user.id,
        "changes": {"first_name": ["Ada", "Adaline"], "phone": ["+33 1 23 45 67 89", None],
                    "interests": [["widgets"], ["gadgets"]]}}]  # email unchanged: not recorded
    same = await gql(UPDATE_CONTACT, {"id": str(contact.id), "input": {"firstName": "Adaline"}},
                     token=token, purpose="sales")
    assert "errors" not in same
    assert len(await _changes(contact.id)) == 1  # nothing changed, nothing recorded


async def test_a_refused_update_leaves_neither_change_nor_history(gql, factory):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "sales")
    taken = await factory.contact(tenant)
    contact = await factory.contact(tenant, first_name="Ada")
    result = await gql(UPDATE_CONTACT, {"id": str(contact.id), "input": {
        "firstName": "Bea", "externalRef": taken.external_ref}}, token=token, purpose="sales")
    assert codes(result) == ["BAD_USER_INPUT"]
    assert (await Contact.get(id=contact.id)).first_name == "Ada"
    assert await _changes(contact.id) == []


async def test_the_change_and_its_history_commit_together(gql, factory, monkeypatch):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "sales")
    contact = await factory.contact(tenant, first_name="Ada")

    async def broken(**_fields):
        raise RuntimeError("disk full")

    monkeypatch.setattr(history.ContactChange, "create", broken)
    result = await gql(UPDATE_CONTACT, {"id": str(contact.id), "input": {"firstName": "Bea"}},
                       token=token, purpose="sales")
    assert codes(result) == ["INTERNAL_SERVER_ERROR"]
    assert (await Contact.get(id=contact.id)).first_name == "Ada"


async def test_restriction_hides_the_contact_from_every_purpose_but_legal_compliance(gql, factory):
    tenant = await factory.tenant()
    dpo = await factory.user(tenant, "dpo")
    dpo_token = await factory.token(dpo)
    sales = await factory.login_as(tenant, "sales")
    contact = await factory.contact(tenant)
    await factory.consent(contact, "marketing")
    restricted = await gql(RESTRICT, {"c": str(contact.id), "r": True}, token=dpo_token, purpose=LEGAL)
    assert restricted["data"]["setProcessingRestriction"] == {"id": str(contact.id),
                                                             "processingRestricted": True}
    for purpose in ("sales", "marketing", "analytics", "billing"):
        one = await gql(GET, {"id": str(contact.id)}, token=dpo_token, purpose=purpose)
        assert codes(one) == ["PROCESSING_RESTRICTED"], purpose
        assert (await gql(LIST, token=dpo_token, purpose=purpose))["data"]["contacts"]["totalCount"] == 0
    assert codes(await gql(GET, {"id": str(contact.id)}, token=sales, purpose="sales")) == [
        "PROCESSING_RESTRICTED"]
    seen = await gql(GET, {"id": str(contact.id)}, token=dpo_token, purpose=LEGAL)
    assert seen["data"]["contact"] == {"id": str(contact.id), "firstName": contact.first_name}
    listed = await gql(LIST, token=dpo_token, purpose=LEGAL)
    assert listed["data"]["contacts"]["edges"] == [{"node": {"id": str(contact.id)}}]
    # Lifting it brings the contact back; both acts are in the history.
    await gql(RESTRICT, {"c": str(contact.id), "r": False}, token=dpo_token, purpose=LEGAL)
    assert "errors" not in await gql(GET, {"id": str(contact.id)}, token=sales, purpose="sales")
    assert await _changes(contact.id) == [
        {"kind": "RESTRICTION", "source": "api", "changed_by_id": dpo.id,
         "changes": {"processing_restricted": [False, True]}},
        {"kind": "RESTRICTION", "source": "api", "changed_by_id": dpo.id,
         "changes": {"processing_restricted": [True, False]}}]


@pytest.mark.parametrize(("roles", "purpose", "code"), [
    (("admin",), "sales", "FORBIDDEN"),
    (("sales",), "sales", "FORBIDDEN"),
    (("dpo",), "sales", "FORBIDDEN"),
])
async def test_only_the_dpo_under_legal_compliance_restricts(gql, factory, roles, purpose, code):
    tenant = await factory.tenant()
    contact = await factory.contact(tenant)
    result = await gql(RESTRICT, {"c": str(contact.id), "r": True},
                       token=await factory.login_as(tenant, *roles), purpose=purpose)
    assert codes(result) == [code]
    assert (await Contact.get(id=contact.id)).processing_restricted is False
    assert await _changes(contact.id) == []


async def test_an_objection_to_marketing_outweighs_any_later_consent(gql, factory):
    tenant = await factory.tenant()
    marketing = await factory.login_as(tenant, "marketing")
    contact = await factory.contact(tenant)
    await factory.objection(contact, "marketing")
    await factory.consent(contact, "marketing", explicit=True)
    assert codes(await gql(GET, {"id": str(contact.id)}, token=marketing, purpose="marketing")) == [
        "CONSENT_REQUIRED"]
    assert (await gql(LIST, token=marketing, purpose="marketing"))["data"]["contacts"]["totalCount"] == 0
