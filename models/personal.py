"""The field catalog: every column of a personal-data table says, once and next to its definition,
what the rest of the system needs to know about it.

    first_name = personal(C.IDENTITY, fields.CharField(max_length=200, null=True))
    id = structural(fields.IntField(primary_key=True))

`personal()` records the column's data category (policy.md §3) and its handling: the API field it
appears as, the value check beyond type and length, what an erasure leaves in it, or the legal
ground on which it is retained. The length limit is the column's own `max_length` (for a TEXT
column that may hold ciphertext, which is longer, `personal(..., max_length=N)` limits the
plaintext instead). Everything else
reads this one declaration: the GraphQL output and input types (schema/catalog_types.py), the
columns a request selects, the write check of every input field and the filter, search and order
guards (data/), the export document and its JSON Schema (rights/export.py), erasure
(rights/erasure.py), import validation (importer/contact_fields.py) and encryption at rest
(`encrypt=True`, always for `sensitive`: data/sealed.py, docs/security.md). A test fails when a
column of a catalogued table is neither personal nor structural, and when a table that refers to a
contact does not say what erasure does to its rows.

Each table that refers to a contact declares `ERASURE = OnErasure(...)` (what happens to its rows).
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import cached_property
from typing import Any

from models import values
from policies.vocabulary import Category

_UNSET: Any = object()


@dataclass(frozen=True)
class Column:
    """One catalogued column. `path` is its place in the API in Python names ("first_name",
    "preferences.channel"); the GraphQL, export and import names are its camelCase form."""

    category: Category
    path: str = ""
    write: Category | None = None  # the category a write needs (default: `category`)
    readable_with_object: bool = False  # a structural key: read with its object (externalRef)
    check: Callable[[Any], Any] | None = None  # models.values check, after type and length
    choices: type[Enum] | None = None  # a closed set of values, an enum in the API
    decimal: bool = False  # a Decimal column: a decimal string in the API
    items: type | None = None  # a JSON list column: the type of its items
    retain: str = ""  # the legal ground to keep the value after erasure (empty: erased)
    blank: Any = _UNSET  # what a null is stored as ("" for last_name, [] for interests)
    blank_reads_null: bool = True  # and whether that stored value reads as null again
    # Encryption at rest (data/sealed.py, docs/security.md): a `sensitive` column always is; another
    # `encrypt` column is when its tenant opted its category in. Text columns only (TextField).
    encrypt: bool = False
    doc: str = ""
    # Filled in from the model by `catalog()`:
    model: type | None = field(default=None, compare=False)
    column: str = ""
    max_length: int | None = None
    nullable: bool = True
    required: bool = False  # no null and no default: a create must give it

    @property
    def write_category(self) -> Category:
        return self.write or self.category

    @property
    def encryptable(self) -> bool:
        return self.encrypt or self.category is Category.SENSITIVE

    @property
    def read_category(self) -> Category | None:
        """None for a structural key read with its object."""
        return None if self.readable_with_object else self.category

    @property
    def api_name(self) -> str:
        """The dotted camelCase name of the API, the export and the import ("preferences.channel")."""
        return ".".join(camel(part) for part in self.path.split("."))

    @property
    def group(self) -> str | None:
        """The nested object the column belongs to in the API, if any ("preferences")."""
        head, _, _ = self.path.rpartition(".")
        return head or None

    @property
    def leaf(self) -> str:
        return self.path.rpartition(".")[2]

    @property
    def may_read_null(self) -> bool:
        """Whether the API can show null for a stored value (not counting a denial)."""
        return self.nullable or (self.blank is not _UNSET and self.blank_reads_null)

    @property
    def erased(self) -> Any:
        """What an erasure leaves in the column: its stored form of null."""
        return None if self.blank is _UNSET else self.blank

    @property
    def stored_is_api_value(self) -> bool:
        """Whether `api_value` gives back every stored value as it is (no blank, no decimal)."""
        return self.blank is _UNSET and not self.decimal

    def api_value(self, stored: Any) -> Any:
        """A stored value as the API, the export and the audit of changes show it."""
        if stored is None or (self.blank_reads_null and self.blank is not _UNSET
                              and stored == self.blank):
            return None
        if self.decimal:
            return f"{stored:.2f}"
        return stored

    def checked(self, value: Any) -> Any:
        """The value to store for `value` written to this column, or `values.Bad`: the column's
        type, well-formed text within its length, then its own check."""
        if isinstance(value, Enum):
            value = value.value
        if value is None:
            if self.blank is not _UNSET:
                return self.blank
            if not self.nullable:
                raise values.Bad("is required")
            return None
        return (self.check or self._type_check)(value, self.max_length)

    @cached_property  # once per column: an import checks it for every record
    def _type_check(self) -> Callable[[Any, int | None], Any]:
        if self.choices is not None:
            return lambda value, _length: values.enum(value, self.choices)
        if self.items is not None:
            return values.string_list
        kind = type(self.model._meta.fields_map[self.column]).__name__
        return {"IntField": values.count, "DecimalField": values.amount,
                "DatetimeField": lambda value, _length: values.moment(value)}.get(kind, values.text)


@dataclass(frozen=True)
class OnErasure:
    """What an erasure of a contact does to the rows of a table that refers to it.

    `delete`: the rows go. `keep`: the rows stay, on `ground` (they hold no personal data of the
    contact beyond the reference). `detach`: rows matching `keep_when` stay, detached from the
    contact, with every column not marked `retain` erased; the other rows go."""

    rows: str  # "delete" | "keep" | "detach"
    ground: str = ""
    keep_when: dict[str, tuple] = field(default_factory=dict)

    def __post_init__(self):
        if self.rows not in ("delete", "keep", "detach"):
            raise ValueError(f"unknown erasure treatment {self.rows!r}")
        if self.rows != "delete" and not self.ground:
            raise ValueError("rows kept after an erasure need their legal ground")


def personal(category: Category, column: Any, **handling: Any) -> Any:
    """Declare a Tortoise field as a column of personal data of `category` (see `Column`)."""
    column.personal = Column(category=category, **handling)
    return column


def structural(column: Any) -> Any:
    """Declare a Tortoise field as structural: it carries no personal data (ids, record times,
    processing state) and follows the visibility of its object (policy.md §3)."""
    column.structural = True
    return column


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def catalog(model: type) -> tuple[Column, ...]:
    """The catalogued columns of `model`, in declaration order, filled in from the model."""
    cached = model.__dict__.get("_catalog")
    if cached is None:
        cached = tuple(_complete(model, name, tortoise_field)
                       for name, tortoise_field in model._meta.fields_map.items()
                       if hasattr(tortoise_field, "personal"))
        model._catalog = cached
    return cached


def _complete(model: type, name: str, tortoise_field: Any) -> Column:
    spec: Column = tortoise_field.personal
    has_default = tortoise_field.default is not None or tortoise_field.null
    if spec.encryptable and type(tortoise_field).__name__ != "TextField":
        # Ciphertext is longer than its plaintext: a length-limited column could not hold it.
        raise TypeError(f"{model.__name__}.{name}: an encryptable column must be a TextField")
    if spec.max_length is not None and hasattr(tortoise_field, "max_length"):
        raise TypeError(f"{model.__name__}.{name}: its length is declared twice")
    return replace(spec, model=model, column=name, path=spec.path or name,
                   max_length=getattr(tortoise_field, "max_length", spec.max_length),
                   nullable=tortoise_field.null, required=not has_default)


def api_groups(model: type) -> dict[str, list[Column]]:
    """Top-level API fields of `model`'s catalogued columns: one column, or a nested object's."""
    cached = model.__dict__.get("_api_groups")
    if cached is None:
        cached = {}
        for column in catalog(model):
            cached.setdefault(column.group or column.path, []).append(column)
        model._api_groups = cached
    return cached


def column_of(model: type, name: str) -> Column:
    return next(c for c in catalog(model) if c.column == name)


def unclassified_columns(model: type) -> list[str]:
    """Columns of `model` declared neither personal nor structural (a test keeps this empty).
    Foreign keys count by their relation field (`contact`), not its `contact_id` source."""
    meta = model._meta
    relations = meta.backward_fk_fields | meta.backward_o2o_fields | meta.m2m_fields
    sources = {f"{name}_id" for name in meta.fk_fields | meta.o2o_fields}
    return [name for name, f in meta.fields_map.items()
            if name not in relations and name not in sources
            and not hasattr(f, "personal") and not getattr(f, "structural", False)]
