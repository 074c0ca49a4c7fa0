"""The register file (accountability/subprocessors.py): every malformed field is refused with its
place named, a change is described in words, and recording is idempotent per content."""

import copy

import pytest
import yaml

from accountability import subprocessors
from accountability.subprocessors import REGISTER, RegisterError, changes, load, record

RAW = yaml.safe_load(REGISTER.read_text())


def write(tmp_path, data) -> "Path":  # noqa: F821
    path = tmp_path / "subprocessors.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_the_shipped_register_loads_and_names_a_transfer():
    register = load()
    assert register.processor["name"] and len(register.subprocessors) == len(RAW["subprocessors"])
    assert [s.name for s in register.subprocessors if s.outside_eea] == [
        e["name"] for e in RAW["subprocessors"] if e["location"] not in subprocessors.EEA]


BAD_VALUES = {"name": ["", 3], "service": [" "], "location": ["Germany", "D1", ""],
              "safeguards": [""], "purposes": [[], ["selling"], "sales"],
              "categories": [[], ["secrets"]]}


@pytest.mark.parametrize(("field", "value"), [(f, v) for f, values in BAD_VALUES.items()
                                              for v in values])
def test_every_field_is_checked(tmp_path, field, value):
    data = copy.deepcopy(RAW)
    data["subprocessors"][1][field] = value
    with pytest.raises(RegisterError, match=rf"subprocessors\[1\]\.{field}"):
        load(write(tmp_path, data))


@pytest.mark.parametrize("field", subprocessors.FIELDS)
def test_a_missing_field_is_refused(tmp_path, field):
    data = copy.deepcopy(RAW)
    del data["subprocessors"][0][field]
    with pytest.raises(RegisterError, match=r"subprocessors\[0\]"):
        load(write(tmp_path, data))


def test_a_duplicate_or_a_broken_file_is_refused(tmp_path):
    data = copy.deepcopy(RAW)
    data["subprocessors"].append(data["subprocessors"][0])
    with pytest.raises(RegisterError, match="twice"):
        load(write(tmp_path, data))
    (tmp_path / "bad.yaml").write_text("processor: [\n")
    with pytest.raises(RegisterError):
        load(tmp_path / "bad.yaml")


def test_changes_are_described():
    before = load().as_json()
    after = copy.deepcopy(before)
    after["subprocessors"][0]["location"] = "US"
    after["subprocessors"].pop(1)
    after["subprocessors"].append({**after["subprocessors"][0], "name": "New Co"})
    first, second = before["subprocessors"][0]["name"], before["subprocessors"][1]["name"]
    assert changes(before, after) == sorted([f"changed {first}: location", f"removed {second}",
                                            "added New Co"])
    assert changes(None, before) == ["first version of the register"]


async def test_recording_the_same_content_twice_is_one_version(app):
    first = await record(load())
    again = await record(load())
    assert first.id == again.id and first.digest == load().digest
