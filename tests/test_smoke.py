async def test_contact_query(gql, factory):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "sales")
    contact = await factory.contact(tenant)
    result = await gql("query($id: ID!) { contact(id: $id) { id firstName email sensitiveNotes financials { totalCount } } }",
                       {"id": str(contact.id)}, token=token, purpose="sales")
    print(result)
    assert result["data"]["contact"]["firstName"] == contact.first_name
