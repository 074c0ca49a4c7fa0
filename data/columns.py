"""Columns derived from the field catalog (models/personal.py), decided once per request.

- `readable_columns`: what a request selects — the structural columns and the columns whose
  category the caller may read for the purpose (data minimisation: a value the caller may not
  read never leaves the database).
- `selected_columns`: `readable_columns` narrowed to the fields a selection reads.
- `api_values`: a fetched row as the API's field values, nested objects and all; sealed values
  (data/sealed.py) are opened here, where they leave, and only for fields not withheld.
- `page_opener`: the data keys a page of fetched rows needs, loaded once per batch.
- `written_columns`: what an input writes, after the write decision for every field given and
  the column's checks; a denied write changes nothing and names the field.
- `read_category`: the category that reading (so filtering, searching and ordering on) a column
  needs, None for a structural column."""

from types import SimpleNamespace
from typing import Any

import strawberry

from data import sealed
from data.sealed import Opener
from models import values
from models.personal import Column, api_groups, camel, catalog, column_of
from policies.decision import Access
from policies.errors import CodedError
from policies.fields import denied_fields
from policies.vocabulary import Action, Category, ErrorCode


def structural_columns(model: type) -> tuple[str, ...]:
    """Database columns of `model` declared structural (foreign keys as `<name>_id`), plus the
    catalogued columns read with their object."""
    meta = model._meta
    names = [f"{name}_id" if name in meta.fk_fields else name
             for name, f in meta.fields_map.items() if getattr(f, "structural", False)
             and (name in meta.fk_fields or name in meta.fields_db_projection)]
    names += [c.column for c in catalog(model) if c.read_category is None]
    return tuple(dict.fromkeys(names))


def readable_columns(access: Access, model: type) -> tuple[str, ...]:
    """The columns this request fetches from `model`, computed once per request."""
    key = ("columns", model)
    columns = access.memo.get(key)
    if columns is None:
        columns = access.memo[key] = (*structural_columns(model), *(
            c.column for c in catalog(model)
            if c.read_category is not None and access.can(c.read_category)))
    return columns


def selected_columns(access: Access, model: type, fields: frozenset[str]) -> tuple[str, ...]:
    """`readable_columns` narrowed to what a selection reads: the structural columns and the
    readable columns of the API fields named in `fields` (python names, as in `api_groups`)."""
    key = ("selected columns", model, fields)
    columns = access.memo.get(key)
    if columns is None:
        wanted = {c.column for name, group in api_groups(model).items() if name in fields
                  for c in group}
        structural = structural_columns(model)
        columns = access.memo[key] = tuple(
            c for c in readable_columns(access, model) if c in structural or c in wanted)
    return columns


def read_category(model: type, column: str) -> Category | None:
    """What reading `column` needs; None when it is structural."""
    try:
        return column_of(model, column).read_category
    except StopIteration:
        if not getattr(model._meta.fields_map.get(column), "structural", False):
            raise LookupError(f"{model.__name__}.{column} is neither catalogued nor structural")
        return None


async def page_opener(access: Access, model: type, node: type, rows: list[dict]) -> Opener:
    """What opens the sealed values of `rows` that `api_values` will return as `node`s: the data
    keys of their contacts, through the request's batch (one statement per batch, none when no
    fetched value is sealed), leaving out the fields the request may not read at all."""
    skip = frozenset(c.column for name in denied_fields(access, node)
                     for c in api_groups(model).get(name, ()))
    contacts = sealed.sealed_contacts(model, rows, skip)
    return await sealed.request_opener(access.memo, access.principal.tenant_id, contacts)


async def refuse_encrypted(access: Access, model: type, columns, what: str) -> None:
    """Filtering, searching and ordering on a column encrypted at rest for the tenant is refused
    (the database holds ciphertext: the result would be wrong, and a workaround would need the
    plaintext in the database)."""
    for name in columns:
        column = next((c for c in catalog(model) if c.column == name), None)
        if column is not None and await sealed.encrypted_for(access.memo,
                                                             access.principal.tenant_id, column):
            raise CodedError(ErrorCode.BAD_USER_INPUT,
                             f"{what}: {column.api_name} is encrypted at rest; it cannot be "
                             "filtered, searched or ordered on.")


def api_values(model: type, row: dict, opener: Opener,
               withheld: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The API field values of a row (fetched with `readable_columns`: columns not fetched come
    out None and are withheld by `project`). Nested objects are None when all their fields are.
    The single place a fetched row becomes API values. Fields named in `withheld` (denied for
    this row) come out None and are never opened."""
    contact_id = sealed.contact_of(model, row)
    stored = row.get

    def value(column: str, convert, sealable: bool) -> Any:
        found = stored(column)
        if sealable and found:
            found = opener.value(model, column, found, row["id"], contact_id)
        return found if convert is None else convert(found)

    out: dict[str, Any] = {}
    for name, nested, columns in _api_plan(model):
        if name in withheld:
            out[name] = None
        elif not nested:
            out[name] = value(*columns[0][1:])
        else:
            members = {leaf: value(column, convert, sealable)
                       for leaf, column, convert, sealable in columns}
            out[name] = SimpleNamespace(**members) if any(
                v is not None for v in members.values()) else None
    return out


def _api_plan(model: type) -> tuple:
    """Per API field of `model`: (name, nested?, ((leaf, column, converter or None, sealable?),
    …)), once per model, so a row costs dictionary reads (None: the stored value is the API
    value; sealable: the column may hold a sealed value, data/sealed.py)."""
    plan = model.__dict__.get("_api_plan")
    if plan is None:
        plan = model._api_plan = tuple(
            (name, columns[0].group is not None,
             tuple((c.leaf, c.column, None if c.stored_is_api_value else c.api_value,
                    c.encryptable) for c in columns))
            for name, columns in api_groups(model).items())
    return plan


def written_columns(access: Access, model: type, data: Any, *, partial: bool,
                    path: str = "input") -> dict[str, Any]:
    """The columns `data` (an input built by schema/catalog_types.py) writes, as stored values.

    Every field given is decided first (write of its category for the purpose), so a denied
    field refuses the whole input before anything is checked or written. `partial` (an update):
    a null clears the column and so is a write; in a create a null is simply not written."""
    given = {name: getattr(data, name, strawberry.UNSET) for name in api_groups(model)}
    given = {name: value for name, value in given.items() if value is not strawberry.UNSET
             and (partial or value is not None)}
    for name in given:
        category = api_groups(model)[name][0].write_category
        access.require(category, Action.WRITE, field=f"{path}.{camel(name)}")
    columns: dict[str, Any] = {}
    for name, value in given.items():
        for column in api_groups(model)[name]:
            raw = value if column.group is None else (
                getattr(value, column.leaf) if value is not None else None)
            columns[column.column] = checked(column, raw, f"{path}.{column.api_name}")
    return columns


def checked(column: Column, value: Any, where: str) -> Any:
    try:
        return column.checked(value)
    except values.Bad as bad:
        raise CodedError(ErrorCode.BAD_USER_INPUT, f"{where}: {bad}") from None


