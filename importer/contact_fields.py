"""Validation of one contact record: GraphQL field names (api.md) mapped to model columns, and its
nested consents, objections, subscriptions, interactions and financials."""

from dataclasses import dataclass, field
from functools import partial
from typing import Any

from models import values as s
from importer.errors import Problems
from models import Contact, ConsentRecord, FinancialRecord, Interaction, Subscription
from models.personal import camel, catalog
from policies.vocabulary import ConsentStatus, Purpose

PURPOSES = frozenset(p.value for p in Purpose)
DEFAULT_CONSENT_SOURCE = "import"


def _max(column: str, model=Contact) -> int | None:
    """Lengths come from the models so that validation and the schema cannot drift apart."""
    return getattr(model._meta.fields_map[column], "max_length", None)


def _catalog_fields(model) -> tuple[dict, dict]:
    """The record keys of `model`'s catalogued columns (models/personal.py), each with its column
    and its check: (top-level keys, nested objects' keys)."""
    flat, groups = {}, {}
    for column in catalog(model):
        entry = (column.column, column.checked)
        if column.group:
            groups.setdefault(camel(column.group), {})[camel(column.leaf)] = entry
        else:
            flat[column.api_name] = entry
    return flat, groups


_CONTACT_FLAT, GROUPS = _catalog_fields(Contact)
SCALARS: dict[str, tuple[str, Any]] = {
    **{key: entry for key, entry in _CONTACT_FLAT.items() if key != "externalRef"},
    "restricted": ("processing_restricted", s.boolean),  # processing state, import only
}
CHILDREN = ("consents", "objections", "subscriptions", "interactions", "financials")
KNOWN_KEYS = {"externalRef", *SCALARS, *GROUPS, *CHILDREN}


@dataclass
class ContactPlan:
    where: str
    external_ref: str
    columns: dict[str, Any] = field(default_factory=dict)  # only the fields the record gives
    consents: list[dict] = field(default_factory=list)
    objections: list[str] = field(default_factory=list)
    subscriptions: list[tuple[str, bool, str]] = field(default_factory=list)  # topic, on, where
    interactions: list[dict] = field(default_factory=list)
    financials: list[dict] = field(default_factory=list)


def check(problems: Problems, where: str, checker, value):
    try:
        return True, checker(value)
    except s.Bad as bad:
        problems.add(where, str(bad))
        return False, None


def as_object(problems: Problems, where: str, value, known) -> dict | None:
    if not isinstance(value, dict):
        problems.add(where, "must be an object")
        return None
    for key in value.keys() - set(known):
        problems.add(f"{where}.{key}", "unknown field")
    return value


def as_list(problems: Problems, where: str, value) -> list:
    if not isinstance(value, list):
        problems.add(where, "must be a list")
        return []
    return value


def _fields(problems: Problems, where: str, record: dict, table: dict, out: dict) -> None:
    """Check the record's keys listed in `table` and store the values under column names."""
    for key, (column, checker) in table.items():
        if key in record:  # check() inlined: the hot loop of an import builds no label unless bad
            try:
                out[column] = checker(record[key])
            except s.Bad as bad:
                problems.add(f"{where}.{key}", str(bad))


def _groups(problems: Problems, where: str, record: dict, out: dict) -> None:
    for group, table in GROUPS.items():
        if group not in record:
            continue
        if record[group] is None:  # the whole group cleared
            out.update({column: None for column, _ in table.values()})
        elif as_object(problems, f"{where}.{group}", record[group], table) is not None:
            _fields(problems, f"{where}.{group}", record[group], table, out)


CONSENT_FIELDS = {
    "purpose": ("purpose", partial(s.enum, choices=PURPOSES)),
    "status": ("status", partial(s.enum, choices=ConsentStatus)),
    "explicit": ("explicit", s.boolean),
    "source": ("source", partial(s.required_text, max_length=_max("source", ConsentRecord))),
    "evidence": ("evidence", s.text),
    "at": ("captured_at", s.timestamp),
}
INTERACTION_FIELDS = _catalog_fields(Interaction)[0]
FINANCIAL_FIELDS = _catalog_fields(FinancialRecord)[0]
CATALOGUED = {"interactions": Interaction, "financials": FinancialRecord}
REQUIRED = {"consents": ("purpose", "status", "at"),
            **{name: tuple(c.api_name for c in catalog(model) if c.required)
               for name, model in CATALOGUED.items()}}
DEFAULTS = {"consents": {"explicit": False, "source": DEFAULT_CONSENT_SOURCE, "evidence": None},
            **{name: {c.column: None for c in catalog(model) if not c.required}
               for name, model in CATALOGUED.items()}}
TABLES = {"consents": CONSENT_FIELDS, "interactions": INTERACTION_FIELDS,
          "financials": FINANCIAL_FIELDS}


def _entries(problems: Problems, where: str, record: dict, name: str) -> list[dict]:
    """Consents, interactions or financials: each a complete record with model column names."""
    table, out = TABLES[name], []
    for i, item in enumerate(as_list(problems, f"{where}.{name}", record[name])):
        here = f"{where}.{name}[{i}]"
        if as_object(problems, here, item, table) is None:
            continue
        for key in REQUIRED[name]:
            if item.get(key) is None:
                problems.add(f"{here}.{key}", "is required")
        values = dict(DEFAULTS[name])
        _fields(problems, here, item, table, values)
        out.append(values)
    return out


def _subscriptions(problems: Problems, where: str, value) -> list[tuple[str, bool, str]]:
    out = []
    for i, item in enumerate(as_list(problems, f"{where}.subscriptions", value)):
        here = f"{where}.subscriptions[{i}]"
        if as_object(problems, here, item, ("topic", "subscribed")) is None:
            continue
        ok_t, topic = check(problems, f"{here}.topic", partial(s.required_text, max_length=_max("topic", Subscription)),
                             item.get("topic"))
        ok_s, on = check(problems, f"{here}.subscribed", s.boolean, item.get("subscribed", True))
        if ok_t and ok_s:
            if any(t == topic for t, _, _ in out):
                problems.add(f"{here}.topic", f"topic {topic!r} appears twice for this contact")
            out.append((topic, on, here))
    return out


def _objections(problems: Problems, where: str, value) -> list[str]:
    out = []
    for i, item in enumerate(as_list(problems, f"{where}.objections", value)):
        ok, purpose = check(problems, f"{where}.objections[{i}]", partial(s.enum, choices=PURPOSES),
                             item)
        if ok and purpose not in out:
            out.append(purpose)
    return out


def contact_plan(problems: Problems, where: str, record) -> ContactPlan | None:
    """Validate one contact record; problems are added, None returned if it is not an object."""
    if as_object(problems, where, record, KNOWN_KEYS) is None:
        return None
    ok, ref = check(problems, f"{where}.externalRef",
                     partial(s.required_text, max_length=_max("external_ref")),
                     record.get("externalRef"))
    plan = ContactPlan(where=where, external_ref=ref.strip() if ok else "")
    _fields(problems, where, record, SCALARS, plan.columns)
    _groups(problems, where, record, plan.columns)
    for name in ("consents", "interactions", "financials"):
        if name in record:
            setattr(plan, name, _entries(problems, where, record, name))
    if "objections" in record:
        plan.objections = _objections(problems, where, record["objections"])
    if "subscriptions" in record:
        plan.subscriptions = _subscriptions(problems, where, record["subscriptions"])
    return plan
