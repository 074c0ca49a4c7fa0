"""Field-level enforcement: declare a field's data category once, where the field is defined, and
apply the decisions to the data instead of wrapping every field in a hook.

`personal(Category.X)` declares a Strawberry field, records its category in the field's metadata
and writes the category into its description (docs cannot drift from enforcement). `project()`
builds a type instance holding only the fields the request may read; a denied field is absent
from the instance, so reading it falls to `Guarded.__getattr__`, which reports the denial (once per
field in a request) and yields null. Allowed fields take Strawberry's plain getattr fast path."""

from functools import cache
from typing import Any

import strawberry
from strawberry.types.base import get_object_definition

from policies.decision import Access
from policies.errors import CodedError
from policies.vocabulary import Category, ErrorCode

CATEGORY_KEY = "salesplus.category"


def personal(category: Category, description: str = "", **field_options: Any) -> Any:
    """A personal-data field (or, used as a decorator, a resolver field) of `category`."""
    text = f"{description} [category: {category.value}]".strip()
    return strawberry.field(description=text, metadata={CATEGORY_KEY: category}, **field_options)


def personal_input(category: Category) -> Any:
    """An optional input field of `category`: omitted means unchanged, null means cleared."""
    return personal(category, "Writing it needs write access to its category.",
                    default=strawberry.UNSET)


def categories_of(cls: type) -> dict[str, Category]:
    """python field name -> category, for every personal-data field of a Strawberry type."""
    cached = cls.__dict__.get("_categories")
    if cached is None:
        definition = get_object_definition(cls, strict=True)
        cached = {f.python_name: f.metadata[CATEGORY_KEY] for f in definition.fields
                  if CATEGORY_KEY in (f.metadata or {})}
        cls._categories = cached
    return cached


class Denial:
    """Why a field of an object is withheld. `per_row`: the denial depends on the object (rule 6
    per contact, rule 5 after a write), so each denied object reports it at its own path and a
    null elsewhere means "empty"; a denial by role is the same for every object and is reported
    once per field selection."""

    __slots__ = ("code", "reason", "per_row")

    def __init__(self, code: ErrorCode, reason: str, per_row: bool = False):
        self.code, self.reason, self.per_row = code, reason, per_row


class Guarded:
    """Base of Strawberry types with personal-data fields. Instances come from `project()`."""

    def denied(self, name: str) -> bool:
        """For fields with a resolver: True when `name` is denied; the first time in a request it
        raises the coded error instead, exactly as a plain field would."""
        if name not in self.__dict__.get("_denied", ()):
            return False
        self.__getattr__(name)
        return True


class _Withholding:
    """Mixed into the class of instances that have denied fields. Only those get a `__getattr__`:
    Strawberry probes every object with `hasattr(obj, "__await__")`, and a miss that goes through
    a Python `__getattr__` costs some thirty times a plain one."""

    def __getattr__(self, name: str):
        try:
            denial = object.__getattribute__(self, "_denied")[name]
            access = object.__getattribute__(self, "_access")
        except (AttributeError, KeyError):
            raise AttributeError(name) from None
        if denial.per_row or access.report_once((type(self).__name__, name, denial.code)):
            raise CodedError(denial.code, denial.reason)
        return None


def _repr_without_data(self) -> str:
    # The dataclass repr would read every field, denied ones included.
    return f"<{type(self).__name__} id={self.__dict__.get('id')!r}>"


@cache
def withholding(cls: type) -> type:
    return type(cls.__name__, (_Withholding, cls), {"__repr__": _repr_without_data})


def denied_fields(access: Access, cls: type) -> dict[str, Denial]:
    """The fields of `cls` this request may not read by role (rule 4), computed once per request."""
    denied = access.memo.get(("denied", cls))
    if denied is None:
        denied = access.memo[("denied", cls)] = {
            name: Denial(ErrorCode.FORBIDDEN, f"Not allowed to read {category.value} for purpose "
                                              f"{access.purpose!r}.")
            for name, category in categories_of(cls).items() if not access.can(category)
        }
    return denied


def special_fields(access: Access, cls: type) -> dict[str, Category]:
    """Fields of `cls` readable by role that rule 6 still governs per contact (once per request)."""
    special = access.memo.get(("special", cls))
    if special is None:
        denied = denied_fields(access, cls)
        special = access.memo[("special", cls)] = {
            name: category for name, category in categories_of(cls).items()
            if category.value in access.special_categories and name not in denied
        }
    return special


def contact_of_values(values: dict[str, Any]) -> int | None:
    """The contact an object's data is about, for `Access.touched`: a contact carries its own id
    as `_pk`, an object about a contact (interaction, financial record) carries `_contact_id`."""
    contact_id = values.get("_contact_id")
    return values.get("_pk") if contact_id is None else contact_id


def denials(access: Access, cls: type, explicit: bool = False,
            withheld: CodedError | None = None) -> dict:
    """The fields of `cls` this row may not show, with their denial (see `project`)."""
    denied = denied_fields(access, cls)
    if withheld is not None:
        denial = Denial(withheld.code, withheld.message, per_row=True)
        denied = {**denied, **{name: denial for name in categories_of(cls) if name not in denied}}
    for name, category in special_fields(access, cls).items():
        if name not in denied and not access.special_allowed(category, explicit):
            denied = {**denied, name: Denial(ErrorCode.CONSENT_REQUIRED,
                                             f"{category.value} data needs explicit consent for "
                                             f"purpose {access.purpose!r}.", per_row=True)}
    return denied


def project(access: Access, cls: type, values: dict[str, Any], explicit: bool = False,
            withheld: CodedError | None = None):
    """An instance of `cls` with `values` for readable fields only.

    `explicit`: the contact's latest consent for the purpose is an explicit grant (rule 6).
    `withheld`: the object itself may not be read for the purpose (rule 5), as after a mutation
    that changed its state: every personal-data field is then denied with that error's code."""
    denied = denials(access, cls, explicit, withheld)
    access.touched.saw(cls, values.get("id"), contact_of_values(values), denied)
    target = withholding(cls) if denied else cls
    obj = target.__new__(target)
    attrs = obj.__dict__
    for name, value in values.items():
        if name not in denied:
            attrs[name] = value
    attrs["_denied"] = denied
    attrs["_access"] = access
    return obj
