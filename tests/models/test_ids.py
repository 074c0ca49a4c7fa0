"""Ids and cursors (models/ids.py): only ASCII digits within the key's range name a row."""

import base64
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models import Contact
from models.ids import key_range, parse_id

HOSTILE_IDS = ["²", "¹", "①", "١", "３", "٣", "0", "-1", "+1", " 1", "1 ", "1.0", "1e3", "0x1", "",
               str(2**31), "9" * 40, "1_000"]


@given(st.text())
def test_an_id_is_ascii_digits_within_the_key_range_or_nothing(text):
    low, high = key_range(Contact)
    number = parse_id(text)
    if number is None:
        assert not (text.isascii() and text.isdigit() and low <= int(text) <= high)
    else:
        assert text.isascii() and text.isdigit() and int(text) == number and low <= number <= high


def test_the_range_is_the_primary_key_column_s():
    assert key_range(Contact) == (1, 2**31 - 1)  # an IntField: PostgreSQL `integer`
    assert parse_id(str(2**31 - 1)) == 2**31 - 1 and parse_id(str(2**31)) is None


ID_QUERIES = {  # (role, purpose, query with $id)
    "contact": ("sales", "sales", "query($id: ID!) { contact(id: $id) { id } }"),
    "interactions": ("sales", "sales", "query($id: ID) { interactions(contactId: $id) { totalCount } }"),
    "export": ("dpo", "legal_compliance", "mutation($id: ID!) { exportContactData(contactId: $id) }"),
    "revokeApiToken": ("admin", None, "mutation($id: ID!) { revokeApiToken(id: $id) { id } }"),
}


@pytest.mark.parametrize("name", ID_QUERIES)
async def test_hostile_ids_are_not_found(gql, factory, name):
    role, purpose, query = ID_QUERIES[name]
    tenant = await factory.tenant()
    await factory.contact(tenant)
    token = await factory.login_as(tenant, role)
    for hostile in HOSTILE_IDS:
        result = await gql(query, {"id": hostile}, token=token, purpose=purpose)
        assert [e["extensions"]["code"] for e in result["errors"]] == ["NOT_FOUND"], (hostile, result)


def cursor(*parts) -> str:
    return base64.urlsafe_b64encode(json.dumps(parts).encode()).decode().rstrip("=")


@pytest.mark.parametrize("after", [
    cursor("CREATED_AT", "2026-01-01T00:00:00+00:00", 10**30),
    cursor("CREATED_AT", "2026-01-01T00:00:00+00:00", True),
    cursor("CREATED_AT", "2026-01-01T00:00:00+00:00", 0),
    cursor("LAST_NAME", "\ud800", 1),
    cursor("LAST_NAME", "a\x00", 1),
    "%%%", "１", "",
])
async def test_hostile_cursors_are_bad_user_input(gql, factory, after):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "sales")
    order = "LAST_NAME" if "TEFTVF9OQU1F" in after else "CREATED_AT"
    result = await gql(f"query($a: String) {{ contacts(after: $a, orderBy: {order}) {{ totalCount }} }}",
                       {"a": after}, token=token, purpose="sales")
    assert [e["extensions"]["code"] for e in result["errors"]] == ["BAD_USER_INPUT"], result
