"""Reading import files: the JSON document of api.md, or a CSV of contacts alone.

CSV shape (docs/import.md): a header row naming the columns by their GraphQL field names, nested
scalars with a dot (`location.city`, `preferences.channel`, `commercialProfile.annualVolume`).
`externalRef` is required; an empty cell means "not given" (an existing contact keeps its value);
`interests` is a `;`-separated list; `restricted` is true/false (also yes/no, 1/0); latitude and
longitude are numbers. Consents, objections, subscriptions, interactions and financials are not
scalar and need the JSON format."""

import csv
import json
from decimal import Decimal
from pathlib import Path

from importer.contact_fields import GROUPS, SCALARS
from importer.errors import ImportFailed, InvalidRecord

CSV_COLUMNS = ["externalRef", *SCALARS,
               *(f"{group}.{key}" for group, table in GROUPS.items() for key in table)]
NUMERIC = {"location.latitude", "location.longitude"}
TRUE, FALSE = {"true", "yes", "1"}, {"false", "no", "0"}


def read_json(path: Path):
    """Amounts keep their exact decimal value (parse_float=Decimal)."""
    try:
        with path.open(encoding="utf-8-sig") as handle:
            return json.load(handle, parse_float=Decimal)
    except json.JSONDecodeError as error:
        raise ImportFailed(f"{path}: not valid JSON (line {error.lineno}, column "
                           f"{error.colno}: {error.msg})") from None
    except UnicodeDecodeError:
        raise ImportFailed(f"{path}: not UTF-8 text") from None


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


def read_csv(path: Path) -> tuple[list[dict], list[str]]:
    """Contact records and their labels (`contacts[41] (line 43)`) for error messages."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            unknown = [c for c in header if c not in CSV_COLUMNS]
            if unknown or "externalRef" not in header:
                problems = [f"{path.name} header: unknown column {c!r}" for c in unknown]
                if "externalRef" not in header:
                    problems.append(f"{path.name} header: the externalRef column is required")
                raise InvalidRecord(problems)
            records, labels = [], []
            for i, row in enumerate(reader):
                if None in row:
                    raise InvalidRecord([f"contacts[{i}] (line {reader.line_num}): more cells "
                                         "than header columns"])
                records.append(_record(row))
                labels.append(f"contacts[{i}] (line {reader.line_num})")
            return records, labels
    except UnicodeDecodeError:
        raise ImportFailed(f"{path}: not UTF-8 text") from None
    except csv.Error as error:
        raise ImportFailed(f"{path}: not valid CSV ({error})") from None
