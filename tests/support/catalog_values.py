"""Valid values for every catalogued column (models/personal.py), for tests generated from the
catalog: as stored (`stored`) and as a GraphQL input field (`api_input`)."""

from datetime import datetime, timezone
from decimal import Decimal

from models.personal import Column, api_groups, camel


def stored(column: Column, marker: str, number: float = 45.5):
    """A valid stored value for `column`, naming `marker` where the column holds free text."""
    kind = type(column.model._meta.fields_map[column.column]).__name__
    if column.choices is not None:
        return next(iter(column.choices)).value
    if column.items is not None:
        return [f"{marker}-{column.column}"]
    if column.decimal:
        return Decimal("12345.67")
    if kind == "DatetimeField":
        return datetime(2026, 2, 3, 4, 5, 6, tzinfo=timezone.utc)
    if kind == "IntField":
        return 7
    if kind == "FloatField":
        return number
    special = {"email": f"{marker}@example.com", "country": "FR", "currency": "EUR"}
    if column.column in special:
        return special[column.column]
    value = f"{marker}-{column.column}"
    return value[: column.max_length] if column.max_length else value


def _as_input(column: Column, value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def api_input(model: type, field: str, marker: str) -> tuple[str, object]:
    """The GraphQL input key and a valid value for the top-level input field `field`."""
    columns = api_groups(model)[field]
    if columns[0].group is None:
        return camel(field), _as_input(columns[0], stored(columns[0], marker))
    return camel(field), {camel(c.leaf): _as_input(c, stored(c, marker)) for c in columns}
