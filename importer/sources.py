"""Reading import files: the JSON document of api.md, or a CSV of contacts alone — streamed, so
that memory does not grow with the file (issue 11): a file is read twice, once to validate it
(importer/validate.py) and once to write it (importer/writer.py), and neither pass holds more
than one record (the writer: one batch) at a time.

JSON is read with ijson (a well-kept streaming parser on yajl; `json.load` would hold the whole
document, 1.2 GB for 100,000 contacts). `json_skeleton` builds the document with every tenant's
`contacts` left empty (small: tenants, users, topics) and counts each tenant's contacts;
`json_contacts` yields the contact records, in document order, built by ijson's C backend.

CSV shape (docs/import.md): a header row naming the columns by their GraphQL field names, nested
scalars with a dot (`location.city`, `preferences.channel`, `commercialProfile.annualVolume`).
`externalRef` is required; an empty cell means "not given" (an existing contact keeps its value);
`interests` is a `;`-separated list; `restricted` is true/false (also yes/no, 1/0); latitude and
longitude are numbers. Consents, objections, subscriptions, interactions and financials are not
scalar and need the JSON format."""

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import ijson

from importer.contact_fields import GROUPS, SCALARS
from importer.errors import ImportFailed, InvalidRecord

CSV_COLUMNS = ["externalRef", *SCALARS,
               *(f"{group}.{key}" for group, table in GROUPS.items() for key in table)]
NUMERIC = {"location.latitude", "location.longitude"}
TRUE, FALSE = {"true", "yes", "1"}, {"false", "no", "0"}


CONTACTS = "tenants.item.contacts"  # ijson's prefix of a tenant's contacts list
CONTACT = f"{CONTACTS}.item"
VALUE_STARTS = frozenset({"start_map", "start_array", "string", "number", "boolean", "null"})
BOM = b"\xef\xbb\xbf"


@contextmanager
def _json_file(path: Path) -> Iterator[BinaryIO]:
    """The file, past a UTF-8 byte order mark; parse errors as one line without the file's text
    (yajl's message quotes the bytes around the error, which may be personal data)."""
    try:
        with path.open("rb") as handle:
            if handle.read(len(BOM)) != BOM:
                handle.seek(0)
            yield handle
    except ijson.JSONError as error:
        reason = str(error).removeprefix("b'").removeprefix('b"').split("\\n")[0].split("\n")[0]
        if "UTF8" in reason:
            raise ImportFailed(f"{path}: not UTF-8 text") from None
        raise ImportFailed(f"{path}: not valid JSON ({reason.rstrip('.')})") from None


def json_skeleton(path: Path) -> tuple[object, list[int]]:
    """The document without the tenants' contacts (each `contacts` list left empty), and the number
    of contacts of each tenant, in document order."""
    builder, counts = ijson.ObjectBuilder(), []
    with _json_file(path) as handle:
        for prefix, event, value in ijson.parse(handle, use_float=False):
            if prefix.startswith(CONTACT):
                if prefix == CONTACT and event in VALUE_STARTS:
                    counts[-1] += 1
                continue
            if prefix == "tenants.item" and event in VALUE_STARTS:
                counts.append(0)
            builder.event(event, value)
    return builder.value, counts


def json_contacts(path: Path) -> Iterator[object]:
    """The contact records of every tenant, in document order (numbers with a fraction as
    Decimal: amounts keep their exact value)."""
    with _json_file(path) as handle:
        yield from ijson.items(handle, CONTACT, use_float=False)


def _cell(column: str, raw: str):
    """A CSV cell as the JSON value it stands for; bad values are left for validation to report."""
    if column == "interests":
        return [part.strip() for part in raw.split(";") if part.strip()]
    if column == "restricted":
        lowered = raw.strip().lower()
        return True if lowered in TRUE else False if lowered in FALSE else raw
    if column in NUMERIC:
        try:
            return float(raw)
        except ValueError:
            return raw
    return raw


def _record(row: dict[str, str]) -> dict:
    record: dict = {}
    for column, raw in row.items():
        if raw is None or raw == "":
            continue
        group, _, key = column.partition(".")
        if key:
            record.setdefault(group, {})[key] = _cell(column, raw)
        else:
            record[column] = _cell(column, raw)
    return record


def _csv_header(path: Path, header: list[str]) -> None:
    unknown = [c for c in header if c not in CSV_COLUMNS]
    if unknown or "externalRef" not in header:
        problems = [f"{path.name} header: unknown column {c!r}" for c in unknown]
        if "externalRef" not in header:
            problems.append(f"{path.name} header: the externalRef column is required")
        raise InvalidRecord(problems)


def csv_contacts(path: Path) -> Iterator[tuple[dict, str]]:
    """Contact records and their labels (`contacts[41] (line 43)`) for error messages."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            _csv_header(path, reader.fieldnames or [])
            for i, row in enumerate(reader):
                if None in row:
                    raise InvalidRecord([f"contacts[{i}] (line {reader.line_num}): more cells "
                                         "than header columns"])
                yield _record(row), f"contacts[{i}] (line {reader.line_num})"
    except UnicodeDecodeError:
        raise ImportFailed(f"{path}: not UTF-8 text") from None
    except csv.Error as error:
        raise ImportFailed(f"{path}: not valid CSV ({error})") from None
