"""GraphQL types derived from the field catalog (models/personal.py): each catalogued column
becomes an output field (with its category in the metadata and the description) and an input
field, grouped into nested objects by its path. Nothing about a column is typed here again.

A type's structural fields and resolver fields are written by hand in a small class (`extra`);
its personal-data columns come from the catalog."""

from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Any

import strawberry

from models.personal import Column, api_groups
from policies.fields import personal, personal_input

WRITE_NOTE = "Writing it needs write access to its category."


def graphql_enum(python_enum: type[Enum]) -> type[Enum]:
    """The GraphQL enum of a vocabulary enum: the same class, wrapped once."""
    if not hasattr(python_enum, "_enum_definition"):
        strawberry.enum(python_enum)
    return python_enum


def _scalar(column: Column, *, for_input: bool) -> Any:
    if column.choices is not None:
        return graphql_enum(column.choices)
    if column.items is not None:
        return list[column.items]
    if column.decimal:
        return Decimal if for_input else str
    kind = type(column.model._meta.fields_map[column.column]).__name__
    return {"IntField": int, "FloatField": float, "DatetimeField": datetime}.get(kind, str)


def _build(name: str, fields: dict[str, tuple[Any, Any]], extra: type | None, *, base: tuple,
           decorator, description: str | None) -> type:
    # The module of `extra` resolves its resolvers' string annotations ("InteractionConnection").
    namespace: dict[str, Any] = {"__annotations__": {},
                                 "__module__": extra.__module__ if extra else __name__}
    extra_annotations = getattr(extra, "__annotations__", {}) if extra else {}
    for field_name, annotation in extra_annotations.items():
        namespace["__annotations__"][field_name] = annotation
        if field_name in vars(extra):
            namespace[field_name] = vars(extra)[field_name]
    for field_name, (annotation, default) in fields.items():
        namespace["__annotations__"][field_name] = annotation
        if default is not _REQUIRED:
            namespace[field_name] = default
    for attr, value in (vars(extra).items() if extra else ()):
        if not attr.startswith("__") and attr not in namespace:
            namespace[attr] = value
    return decorator(type(name, base, namespace), name=name, description=description)


_REQUIRED = object()


def _doc(columns: list[Column]) -> str:
    return " ".join(dict.fromkeys(c.doc for c in columns if c.doc))


def _category(columns: list[Column]):
    categories = {c.category for c in columns}
    if len(categories) != 1:
        raise TypeError(f"a nested object mixes categories: {sorted(c.value for c in categories)}")
    return categories.pop()


def output_type(model: type, name: str, *, extra: type, base: type, description: str,
                group_names: dict[str, str] | None = None) -> type:
    """The output type of `model`: `extra`'s fields, then one field per catalogued column (or
    nested object), each nullable (a denied field is null) and declared with its category."""
    fields: dict[str, tuple[Any, Any]] = {}
    for field_name, columns in api_groups(model).items():
        if columns[0].group is None:
            column = columns[0]
            annotation = _scalar(column, for_input=False) | None
            fields[field_name] = (annotation, strawberry.field(description=column.doc or None)
                                  if column.read_category is None
                                  else personal(column.read_category, column.doc))
            continue
        sub = _build(group_names[field_name],
                     {c.leaf: (_scalar(c, for_input=False) | None, None) for c in columns},
                     None, base=(), decorator=strawberry.type, description=None)
        fields[field_name] = (sub | None, personal(_category(columns), _doc(columns)))
    return _build(name, fields, extra, base=(base,), decorator=strawberry.type,
                  description=description)


def input_type(model: type, name: str, *, description: str, partial: bool,
               extra: type | None = None, group_names: dict[str, str] | None = None) -> type:
    """The input type of `model`'s columns. `partial` (an update): every field optional, omitted
    means unchanged and null clears. Otherwise (a create) a column that must have a value is a
    required field and the others default to null."""
    fields: dict[str, tuple[Any, Any]] = {}
    for field_name, columns in api_groups(model).items():
        category = _category(columns) if columns[0].group else columns[0].write_category
        doc = f"{_doc(columns)} {WRITE_NOTE}".strip()
        if columns[0].group is None:
            annotation = _scalar(columns[0], for_input=True)
        else:
            annotation = _build(group_names[field_name],
                                {c.leaf: (_scalar(c, for_input=True) | None, None) for c in columns},
                                None, base=(), decorator=strawberry.input, description=None)
        if partial:
            fields[field_name] = (annotation | None, personal_input(category))
        elif all(c.required for c in columns):
            fields[field_name] = (annotation, personal(category, doc))
        else:
            fields[field_name] = (annotation | None, personal(category, doc, default=None))
    return _build(name, fields, extra, base=(), decorator=strawberry.input,
                  description=description)
