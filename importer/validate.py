"""Validation of a whole import file, before anything is written. The result is a plan: plain
values under model column names, every record labelled with its position for later errors.

A file is validated as a stream (importer/sources.py): the tenants' own records (slug, users,
topics) are small and held; contacts are checked one by one and only their externalRef is kept in
memory, for the duplicate check. Their plans go to a `Spool`, a temporary file the writer reads
back (`ImportPlan.contacts`): validating a record costs more than pickling it, and what is written
is exactly what was validated, even if the file changes in between."""

import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import chain
from pathlib import Path

from models import values as s
from importer.contact_fields import ContactPlan, check, as_list, as_object, contact_plan
from importer.errors import Problems
from importer.sources import csv_contacts, json_contacts, json_skeleton
from policies.adapter import BUILTIN_POLICY


@lru_cache(maxsize=1)
def known_roles() -> frozenset[str]:
    """Roles are those the built-in policy grants something to (policy.csv `p` lines): the policy
    stays the one source of truth, and a typo such as `sale` is caught instead of granting nothing."""
    roles = set()
    for line in BUILTIN_POLICY.read_text().splitlines():
        parts = [part.strip() for part in line.split(",")]
        if parts[0] == "p" and len(parts) > 1:
            roles.add(parts[1])
    return frozenset(roles)


@dataclass
class UserPlan:
    where: str
    email: str
    password: str | None
    roles: list[str] | None  # None: leave an existing user's roles as they are


@dataclass
class TenantPlan:
    where: str
    slug: str
    name: str | None
    users: list[UserPlan] = field(default_factory=list)
    topics: dict[str, bool] = field(default_factory=dict)  # topic -> opt_out
    contacts: list[ContactPlan] = field(default_factory=list)  # of a document in memory
    count: int = 0  # contacts in the file


@dataclass
class ImportPlan:
    """A validated file: its tenants, and its contacts read (and validated) again on demand, in
    file order — the first `count` are the first tenant's, and so on."""
    tenants: list[TenantPlan]
    contacts: Callable[[], Iterator[ContactPlan]]

    @property
    def total(self) -> int:
        return sum(plan.count for plan in self.tenants)


def _roles(problems: Problems, where: str, value) -> list[str] | None:
    roles = []
    for i, role in enumerate(as_list(problems, where, value)):
        ok, role = check(problems, f"{where}[{i}]", partial(s.enum, choices=known_roles()), role)
        if ok and role not in roles:
            roles.append(role)
    return roles


def _user(problems: Problems, where: str, record) -> UserPlan | None:
    if as_object(problems, where, record, ("email", "password", "roles")) is None:
        return None
    ok, email = check(problems, f"{where}.email", partial(s.email, nullable=False),
                       record.get("email"))
    _, password = check(problems, f"{where}.password", s.text, record.get("password"))
    if password is not None and not password:
        problems.add(f"{where}.password", "must not be empty")
    roles = _roles(problems, f"{where}.roles", record["roles"]) if "roles" in record else None
    return UserPlan(where, email.lower() if ok else "", password, roles)


def _topics(problems: Problems, where: str, value) -> dict[str, bool]:
    topics = {}
    for i, item in enumerate(as_list(problems, where, value)):
        here = f"{where}[{i}]"
        if as_object(problems, here, item, ("topic", "optOut")) is None:
            continue
        ok_t, topic = check(problems, f"{here}.topic", partial(s.required_text, max_length=64),
                             item.get("topic"))
        ok_o, opt_out = check(problems, f"{here}.optOut", s.boolean, item.get("optOut", True))
        if ok_t and ok_o:
            topics[topic] = opt_out
    return topics


def _unique(problems: Problems, items: list, key, label: str) -> None:
    seen: dict = {}
    for item in items:
        k = key(item)
        if not k:  # already reported as invalid
            continue
        if k in seen:
            problems.add(item.where, f"duplicate {label} {k!r} (first at {seen[k]})")
        else:
            seen[k] = item.where


def _tenant(problems: Problems, where: str, record) -> TenantPlan | None:
    known = ("slug", "name", "users", "subscriptionTopics", "contacts")
    if as_object(problems, where, record, known) is None:
        return None
    _, slug = check(problems, f"{where}.slug", partial(
        s.pattern, regex=s.SLUG, what="a slug (lowercase letters, digits, dashes)", nullable=False),
        record.get("slug"))
    _, name = check(problems, f"{where}.name", partial(s.text, max_length=200), record.get("name"))
    plan = TenantPlan(where, slug or "", name)
    users = as_list(problems, f"{where}.users", record.get("users", []))
    plan.users = [u for i, r in enumerate(users) if (u := _user(problems, f"{where}.users[{i}]", r))]
    plan.topics = _topics(problems, f"{where}.subscriptionTopics", record.get("subscriptionTopics", []))
    contacts = as_list(problems, f"{where}.contacts", record.get("contacts", []))
    plan.contacts = [c for i, r in enumerate(contacts)
                     if (c := contact_plan(problems, f"{where}.contacts[{i}]", r))]
    plan.count = len(contacts)
    _unique(problems, plan.users, lambda u: u.email, "email")
    _unique(problems, plan.contacts, lambda c: c.external_ref, "externalRef")
    return plan


def _tenants(problems: Problems, document) -> list[TenantPlan]:
    if as_object(problems, "(file)", document, ("tenants",)) is None:
        problems.raise_if_any()
    tenants = as_list(problems, "tenants", document.get("tenants"))
    plans = [t for i, r in enumerate(tenants) if (t := _tenant(problems, f"tenants[{i}]", r))]
    _unique(problems, plans, lambda t: t.slug, "slug")
    return plans


def validate_document(document) -> list[TenantPlan]:
    """A document in memory, or InvalidRecord listing every problem found (up to a cap)."""
    problems = Problems()
    plans = _tenants(problems, document)
    problems.raise_if_any()
    return plans


def document_plan(document) -> ImportPlan:
    plans = validate_document(document)
    return ImportPlan(plans, lambda: chain.from_iterable(plan.contacts for plan in plans))


class Spool:
    """Validated contact plans on an unnamed temporary file (gone when closed, readable by this
    process only), pickled `BATCH` at a time, so memory holds one batch. Read back once."""

    BATCH = 1000

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()
        self.pending: list[ContactPlan] = []

    def add(self, plan: ContactPlan) -> None:
        self.pending.append(plan)
        if len(self.pending) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        if self.pending:
            pickle.dump(self.pending, self.file, protocol=pickle.HIGHEST_PROTOCOL)
            self.pending = []

    def close(self) -> None:
        self.file.close()

    def __iter__(self) -> Iterator[ContactPlan]:
        self._flush()
        self.file.seek(0)
        try:
            while True:
                try:
                    yield from pickle.load(self.file)  # our own file, written above
                except EOFError:
                    return
        finally:
            self.close()


Labelled = Iterable[tuple[int, object, str]]  # (tenant's position, contact record, its label)


def _json_labelled(path: Path, counts: list[int]) -> Iterator[tuple[int, object, str]]:
    records = json_contacts(path)
    for i, count in enumerate(counts):
        for j, record in zip(range(count), records):  # range first: never reads one too many
            yield i, record, f"tenants[{i}].contacts[{j}]"


def _csv_labelled(path: Path) -> Iterator[tuple[int, object, str]]:
    return ((0, record, where) for record, where in csv_contacts(path))


def _check_stream(problems: Problems, labelled: Labelled, spool: Spool) -> int:
    """Every contact of the stream, and externalRef unique per tenant; stops at the cap. Plans go
    to the spool until a problem is found. Returns how many records were read."""
    first_at: dict[tuple[int, str], str] = {}
    read = 0
    for tenant, record, where in labelled:
        read += 1
        plan = contact_plan(problems, where, record)
        if not problems.items:
            spool.add(plan)
        if plan is not None and plan.external_ref:
            key = (tenant, plan.external_ref)
            if key in first_at:
                problems.add(where, f"duplicate externalRef {plan.external_ref!r} "
                                    f"(first at {first_at[key]})")
            else:
                first_at[key] = where
        if problems.full:
            break
    return read


def _raise_if_any(problems: Problems, spool: Spool) -> None:
    if problems.items:
        spool.close()
        problems.raise_if_any()


def validate_json(path: Path) -> ImportPlan:
    """A JSON file, streamed: InvalidRecord listing the problems (up to a cap), or its plan."""
    skeleton, counts = json_skeleton(path)
    problems, spool = Problems(), Spool()
    plans = _tenants(problems, skeleton)
    _check_stream(problems, _json_labelled(path, counts), spool)
    _raise_if_any(problems, spool)
    for plan, count in zip(plans, counts, strict=True):
        plan.count = count
    return ImportPlan(plans, spool.__iter__)


def validate_csv(path: Path, slug: str) -> ImportPlan:
    """Contacts alone (CSV) for one existing tenant, streamed."""
    problems, spool = Problems(), Spool()
    count = _check_stream(problems, _csv_labelled(path), spool)
    _raise_if_any(problems, spool)
    plan = TenantPlan(where=f"tenant {slug!r}", slug=slug, name=None, count=count)
    return ImportPlan([plan], spool.__iter__)
