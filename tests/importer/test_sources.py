"""Import files are streamed: records come out before the file is read to its end, and a parse
error is one line that quotes none of the file's text (it may be personal data)."""

import json

import pytest

from importer.errors import ImportFailed
from importer.sources import csv_contacts, json_contacts, json_skeleton
from tests.importer.helpers import contact


def test_json_contacts_come_before_the_end_of_the_file(tmp_path):
    path = tmp_path / "truncated.json"
    records = ",".join(json.dumps(contact(i)) for i in range(3))
    path.write_text('{"tenants": [{"slug": "t", "contacts": [' + records + ', {"externalRef": "se')
    stream = json_contacts(path)
    assert [next(stream)["externalRef"] for _ in range(3)] == [contact(i)["externalRef"]
                                                               for i in range(3)]
    with pytest.raises(ImportFailed) as caught:
        next(stream)
    assert "not valid JSON" in str(caught.value)
    assert "\n" not in str(caught.value) and '"se' not in str(caught.value)


def test_skeleton_leaves_the_contacts_out_and_counts_them(tmp_path):
    path = tmp_path / "two.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"tenants": [
        {"contacts": [contact(0), contact(1)], "slug": "a", "users": [{"email": "x@y.example"}]},
        {"slug": "b"},
        {"slug": "c", "contacts": []}]}).encode())
    skeleton, counts = json_skeleton(path)
    assert counts == [2, 0, 0]
    assert skeleton == {"tenants": [{"contacts": [], "slug": "a",
                                     "users": [{"email": "x@y.example"}]},
                                    {"slug": "b"}, {"slug": "c", "contacts": []}]}


def test_json_that_is_not_utf8_says_so(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"tenants": [{"slug": "caf\xe9"}]}'.encode("latin-1"))
    with pytest.raises(ImportFailed, match="not UTF-8 text"):
        json_skeleton(path)


def test_csv_rows_come_one_by_one(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text("externalRef,firstName\na,Ada\nb,Bob,extra\n")
    rows = csv_contacts(path)
    assert next(rows) == ({"externalRef": "a", "firstName": "Ada"}, "contacts[0] (line 2)")
    with pytest.raises(ImportFailed, match=r"contacts\[1\] \(line 3\): more cells"):
        next(rows)
