"""The catalog's part of the export's JSON Schema (docs/export.schema.json): the contact's own
fields and the items of `interactions` and `financials` are generated from the field catalog, the
rest of the document is written in the file. `python -m rights.export_schema` (also run by
`make schema`) rewrites the generated parts; a test fails when the file is stale."""

import json
from pathlib import Path

from models import Contact, FinancialRecord, Interaction
from models import values as v
from models.personal import Column, catalog

SCHEMA_FILE = Path(__file__).parents[1] / "docs" / "export.schema.json"
PATTERNS = {v.currency: v.CURRENCY.pattern, v.country: v.COUNTRY.pattern}
STAMP = {"type": "string", "format": "date-time"}


def column_schema(column: Column) -> dict:
    nullable = column.may_read_null
    if column.choices is not None:
        values = [choice.value for choice in column.choices]
        return {"enum": [*values, None] if nullable else values}
    if column.items is not None:
        return {"type": "array", "items": {"type": "string"}}
    if column.decimal:
        return {"type": "string", "pattern": r"^-?[0-9]+\.[0-9]{2}$"}
    kind = type(column.model._meta.fields_map[column.column]).__name__
    json_type = {"IntField": "integer", "FloatField": "number"}.get(kind, "string")
    schema: dict = {"type": [json_type, "null"] if nullable else json_type}
    if kind == "DatetimeField":
        schema["format"] = "date-time"
    if column.check in PATTERNS:
        schema["pattern"] = PATTERNS[column.check]
    return schema


def _object(properties: dict) -> dict:
    return {"type": "object", "additionalProperties": False, "required": list(properties),
            "properties": properties}


def catalog_object(model: type, head: dict, tail: dict | None = None) -> dict:
    properties = dict(head)
    for column in catalog(model):
        *groups, leaf = column.api_name.split(".")
        target = properties
        for group in groups:
            target = target.setdefault(group, _object({}))["properties"]
        target[leaf] = column_schema(column)
    for value in properties.values():  # nested objects list all their fields as required
        if value.get("type") == "object":
            value["required"] = list(value["properties"])
    properties.update(tail or {})
    return _object(properties)


def generated_parts() -> dict:
    record_id = {"id": {"type": "string"}}
    return {
        "contact": catalog_object(Contact, {"id": {"type": "string"}, "createdAt": STAMP,
                                            "updatedAt": STAMP},
                                  {"processingRestricted": {"type": "boolean"}}),
        "interactions": catalog_object(Interaction, record_id),
        "financials": catalog_object(FinancialRecord, record_id),
    }


def with_generated_parts(document: dict) -> dict:
    updated = json.loads(json.dumps(document))
    for name, part in generated_parts().items():
        target = updated["properties"][name]
        if target.get("type") == "array":
            target["items"] = part
        else:
            description = target.get("description")
            target.clear()
            target.update(part)
            if description:
                target["description"] = description
    return updated


def main() -> None:
    document = json.loads(SCHEMA_FILE.read_text())
    SCHEMA_FILE.write_text(json.dumps(with_generated_parts(document), indent=2,
                                      ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
