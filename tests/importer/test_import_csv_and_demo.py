"""CSV contacts import, and the demo dataset."""

import pytest

from demo import demo_document, load_demo, load_demo_if_empty
from importer import ImportFailed, InvalidRecord, import_file
from models import Contact, ContactPurposeState, PolicyRule, Tenant, User
from tests.importer.helpers import counts, dump

CSV = """externalRef,firstName,lastName,email,interests,restricted,location.city,location.country,location.latitude,preferences.channel,commercialProfile.annualVolume
csv-1,Ada,Archer,ada@example.com,widgets; gadgets,false,Lyon,FR,45.76,EMAIL,1200
csv-2,Bob,,bob@example.com,,yes,,,,,
"""


async def test_demo_loads_once_and_is_idempotent(database):
    assert await load_demo_if_empty() is True
    assert await load_demo_if_empty() is False
    before = await dump()
    assert dict(await load_demo()) == {"contacts unchanged": 60}
    assert await dump() == before
    for slug in ("acme", "globex"):
        tenant = await Tenant.get(slug=slug)
        assert await Contact.filter(tenant=tenant).count() == 30
        assert await Contact.filter(tenant=tenant, processing_restricted=True).count() == 1
        roles = await PolicyRule.filter(tenant=tenant, ptype="g").values_list("v1", flat=True)
        assert sorted(roles) == ["admin", "analyst", "dpo", "finance", "marketing", "sales",
                                 "support"]
        states = set(await ContactPurposeState.filter(tenant=tenant, purpose="marketing")
                     .values_list("basis_state", flat=True))
        assert states == {"granted", "withdrawn", "objected"}
        assert await ContactPurposeState.filter(tenant=tenant, purpose="marketing",
                                                explicit=True).exists()
        assert await Contact.filter(tenant=tenant, sensitive_notes__isnull=False).exists()
    assert await User.filter(email="dpo@acme.example").exists()
    assert all(u["password"] == f"demo-{u['roles'][0]}-pass"
               for t in demo_document()["tenants"] for u in t["users"])


async def test_csv_import_and_reimport(database, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text(CSV)
    summary = await import_file(path, tenant="acme")
    assert summary["contacts created"] == 2
    ada = await Contact.get(external_ref="csv-1")
    assert (ada.first_name, ada.city, ada.country, ada.latitude) == ("Ada", "Lyon", "FR", 45.76)
    assert ada.interests == ["widgets", "gadgets"] and ada.annual_volume == "1200"
    assert ada.preferred_channel == "EMAIL" and ada.processing_restricted is False
    bob = await Contact.get(external_ref="csv-2")
    assert bob.last_name == "" and bob.processing_restricted is True and bob.city is None
    before = await dump()
    assert dict(await import_file(path, tenant="acme")) == {"contacts unchanged": 2}
    assert await dump() == before


async def test_csv_problems(database, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("externalRef,email,location.latitude\ncsv-9,a@example.com,north\n"
                    "csv-10,nope,1\n")
    with pytest.raises(InvalidRecord) as caught:
        await import_file(path, tenant="acme")
    assert caught.value.problems == [
        "contacts[0] (line 2).location.latitude: must be a number",
        "contacts[1] (line 3).email: not a valid email address",
    ]
    path.write_text("externalRef,nickname\nx,y\n")
    with pytest.raises(InvalidRecord, match="unknown column 'nickname'"):
        await import_file(path, tenant="acme")
    path.write_text("externalRef\nx\n")
    with pytest.raises(ImportFailed, match="--tenant"):
        await import_file(path)
    before = await counts()
    with pytest.raises(InvalidRecord, match="no tenant with slug 'initech'"):
        await import_file(path, tenant="initech")
    assert await counts() == before
