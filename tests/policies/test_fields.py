"""Field denials: a field denied by role is reported once per selection; a field denied for some
rows only (rule 6, per contact) carries an error at each denied row's path, so null at the other
rows means "empty", never "denied"."""

LIST = "{ contacts(first: 20) { edges { node { id sensitiveNotes firstName } } } }"


async def _page(factory, explicit_pattern: list[bool]):
    tenant = await factory.tenant()
    contacts = []
    for index, explicit in enumerate(explicit_pattern):
        contact = await factory.contact(tenant, sensitive_notes=None if index == 0 else f"note {index}")
        await factory.consent(contact, "sales", explicit=explicit)
        contacts.append(contact)
    return tenant, contacts


async def test_a_field_denied_for_some_rows_carries_an_error_at_each_of_them(gql, factory):
    pattern = [True, False, True, False, False, True]
    tenant, contacts = await _page(factory, pattern)
    dpo = await factory.login_as(tenant, "dpo")  # reads sensitive by role; rule 6 decides per row
    result = await gql(LIST, token=dpo, purpose="sales")
    edges = result["data"]["contacts"]["edges"]
    assert [e["node"]["id"] for e in edges] == [str(c.id) for c in contacts]
    denied_paths = sorted(tuple(e["path"]) for e in result["errors"])
    expected = sorted(("contacts", "edges", i, "node", "sensitiveNotes")
                      for i, explicit in enumerate(pattern) if not explicit)
    assert denied_paths == expected
    assert {e["extensions"]["code"] for e in result["errors"]} == {"CONSENT_REQUIRED"}
    for index, (edge, explicit) in enumerate(zip(edges, pattern, strict=True)):
        expected_value = (None if index == 0 else f"note {index}") if explicit else None
        assert edge["node"]["sensitiveNotes"] == expected_value


async def test_a_field_denied_by_role_for_every_row_keeps_one_error(gql, factory):
    tenant, _contacts = await _page(factory, [True, False, True, False])
    sales = await factory.login_as(tenant, "sales")
    result = await gql(LIST, token=sales, purpose="sales")
    assert [(e["path"][-1], e["extensions"]["code"]) for e in result["errors"]] == [
        ("sensitiveNotes", "FORBIDDEN")]
    assert all(e["node"]["firstName"] for e in result["data"]["contacts"]["edges"])
