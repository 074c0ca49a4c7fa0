"""Storage limitation per data category (GDPR Art. 5(1)(e)): each tenant keeps each category at
most so long; `salesplus retention run` erases what is older, in batches, each batch in one
transaction with its audit event.

What erasing a category means is read from the field catalog (models/personal.py), the same
declaration an erasure request follows:
- a category whose columns can all take their erased value (null, `""`, `[]`) is nulled in place:
  the contact's identity, contact details, preferences, commercial profile, location, competitive
  and sensitive notes; an interaction's subject and content;
- a category holding columns a row cannot lack (an interaction's kind and time, a financial
  record's kind and amount) takes its row with it, as the table's `ERASURE` says: `delete` deletes
  the row; `detach` keeps the rows it names (invoices and payments) until their legal retention
  (`RetentionPeriods.retained_financial_years`) has run out, with only their `retain` columns
  left, and deletes the others.

Age: a contact's fields count from the contact's last activity — the latest of its last update and
its newest row in any other catalogued table (interactions, financial records) — so a contact
active since keeps its data; rows of the other tables count from their `occurred_at`. Consent
records and objections are not catalogued and stay: they prove a lawful basis (Art. 7(1))."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from tortoise.transactions import in_transaction

import models
from audit import chain
from data.scope import TenantScope
from models import Contact, RetentionRule, Tenant
from models.personal import Column, catalog
from policies.vocabulary import Category
from rights.retention import RetentionPeriods

BATCH = 500
PRINCIPAL = "system:retention"  # the audit trail's name for this job
YEAR = 365.25
LEGAL_YEARS = RetentionPeriods().retained_financial_years
# Documented defaults (docs/accountability.md): days; None keeps a category without limit.
DEFAULT_MAX_AGE_DAYS: dict[Category, int | None] = {
    Category.IDENTITY: 3 * 365, Category.CONTACT_DETAILS: 3 * 365, Category.PREFERENCES: 3 * 365,
    Category.COMMERCIAL: 3 * 365, Category.LOCATION: 3 * 365, Category.COMPETITIVE: 2 * 365,
    Category.SENSITIVE: 365, Category.INTERACTION_CONTENT: 2 * 365,
    Category.INTERACTION_METADATA: 3 * 365, Category.FINANCIAL: round(LEGAL_YEARS * YEAR),
}
AGE = {Contact: "updated_at"}  # other catalogued tables: "occurred_at"


class RetentionError(ValueError):
    pass


def tables() -> list[type]:
    return [getattr(models, name) for name in models.__all__ if catalog(getattr(models, name))]


def age_column(model: type) -> str:
    return AGE.get(model, "occurred_at")


def nullable(column: Column) -> bool:
    return column.nullable or column.erased is not None


@dataclass(frozen=True)
class Treatment:
    """What retention does to one category of one table, from the catalog."""

    model: type
    category: Category
    columns: tuple[Column, ...]

    @property
    def in_place(self) -> bool:
        return all(nullable(c) for c in self.columns)

    @property
    def erased(self) -> dict:
        return {c.column: c.erased for c in self.columns}

    def describe(self) -> str:
        name = self.model.__name__
        if self.in_place:
            return "null " + ", ".join(f"{name}.{c.api_name}" for c in self.columns)
        erasure = self.model.ERASURE
        if erasure.rows == "detach":
            kept = ", ".join(f"{k} {'/'.join(v)}" for k, v in erasure.keep_when.items())
            return (f"delete {name} rows ({kept}: after {LEGAL_YEARS} years at the earliest, "
                    "only their retained columns kept until then)")
        return f"delete {name} rows"


def treatments() -> list[Treatment]:
    result = []
    for model in tables():
        by_category: dict[Category, list[Column]] = {}
        for column in catalog(model):
            by_category.setdefault(column.category, []).append(column)
        result += [Treatment(model, category, tuple(columns))
                   for category, columns in by_category.items()]
    # Row deletions first: nulling then counts only rows that stay.
    return sorted(result, key=lambda t: t.in_place)


# -- rules ----------------------------------------------------------------------------------------
async def rules(tenant_id: int) -> dict[Category, int | None]:
    """The tenant's maximum age per category: its own rules over the defaults."""
    effective = dict(DEFAULT_MAX_AGE_DAYS)
    for rule in await TenantScope(tenant_id).rows(RetentionRule):
        effective[Category(rule.category)] = rule.max_age_days
    return effective


async def set_rule(tenant_id: int, category: Category, days: int | None, *,
                   default: bool = False) -> None:
    if days is not None and days < 1:
        raise RetentionError("a maximum age is at least one day")
    if default:
        await TenantScope(tenant_id).rows(RetentionRule).filter(category=category.value).delete()
        return
    await TenantScope(tenant_id).update_or_create(RetentionRule, {"max_age_days": days},
                                                  category=category.value)


# -- the run --------------------------------------------------------------------------------------
@dataclass
class Action:
    """One line of the report: what was (or would be) done to how many records."""

    tenant: str
    category: str
    treatment: str
    records: int = 0
    contacts: int = 0

    def __str__(self) -> str:
        return (f"{self.tenant}: {self.category}: {self.treatment}: {self.records} record(s) of "
                f"{self.contacts} contact(s)")


@dataclass
class Run:
    tenant: Tenant
    moment: datetime
    dry_run: bool
    limits: dict[Category, int | None]
    actions: list[Action] = field(default_factory=list)

    def cutoff(self, days: int) -> datetime:
        return self.moment - timedelta(days=days)

    def deleted_before(self, model: type) -> datetime | None:
        """Rows of `model` older than this go by a row-deleting category of this run."""
        cutoffs = [self.cutoff(self.limits[t.category]) for t in treatments()
                   if t.model is model and not t.in_place and self.limits.get(t.category)]
        return max(cutoffs, default=None)

    async def audited(self, action: Action, records: int, contact_ids: set[int]) -> None:
        action.records += records
        action.contacts += len(contact_ids)
        if not self.dry_run and contact_ids:
            await chain.append(self.tenant.id, chain.Entry(
                principal=PRINCIPAL, purpose=None,
                operation=f"retention {action.category}: {action.treatment}"[:200],
                contact_ids=sorted(contact_ids), categories_returned=[], categories_denied=[],
                codes=[]))


def _contact_of(model: type, row: dict) -> int | None:
    return row["id"] if model is Contact else row["contact_id"]


async def _active(run: Run, ids: list[int], cutoff: datetime) -> set[int]:
    """Contacts among `ids` with a row in another catalogued table since `cutoff`."""
    active: set[int] = set()
    for model in tables():
        if model is not Contact:
            active |= set(await TenantScope(run.tenant.id).rows(model).filter(
                contact_id__in=ids, **{f"{age_column(model)}__gte": cutoff})
                .distinct().values_list("contact_id", flat=True))
    return active


async def _due_batches(run: Run, treatment: Treatment, cutoff: datetime):
    """Rows of the treatment's table past `cutoff` that it would change, BATCH at a time."""
    model, after = treatment.model, 0
    base = TenantScope(run.tenant.id).rows(model).filter(**{f"{age_column(model)}__lt": cutoff})
    if model is Contact:
        base = base.filter(erased_at__isnull=True)
    elif treatment.in_place and (gone := run.deleted_before(model)) is not None:
        base = base.filter(**{f"{age_column(model)}__gte": gone})  # counted once, as deleted
    names = list(dict.fromkeys(["id", age_column(model), *([] if model is Contact else ["contact_id"]),
                                *(c.column for c in catalog(model))]))
    while True:
        rows = await base.filter(id__gt=after).order_by("id").limit(BATCH).values(*names)
        if not rows:
            return
        after = rows[-1]["id"]
        if model is Contact:
            active = await _active(run, [r["id"] for r in rows], cutoff)
            rows = [r for r in rows if r["id"] not in active]
        if treatment.in_place:  # only rows still holding something to erase
            rows = [r for r in rows if any(r[c] != v for c, v in treatment.erased.items())]
        elif model.ERASURE.rows == "detach":  # rows under a legal duty already stripped: done
            rows = [r for r in rows if not _kept_as_is(run, model, r)]
        if rows:
            yield rows


def _legal_cutoff(run: Run) -> datetime:
    return run.cutoff(round(LEGAL_YEARS * YEAR))


def _kept(run: Run, model: type, row: dict) -> bool:
    """A row the table's `detach` treatment keeps: it matches `keep_when` and its legal
    retention has not run out."""
    matches = all(row[k] in v for k, v in model.ERASURE.keep_when.items())
    return matches and row[age_column(model)] >= _legal_cutoff(run)


def _kept_as_is(run: Run, model: type, row: dict) -> bool:
    return _kept(run, model, row) and all(row[c.column] == c.erased for c in catalog(model)
                                          if not c.retain)


async def _apply(run: Run, treatment: Treatment, days: int) -> None:
    action = Action(run.tenant.slug, treatment.category.value, treatment.describe())
    model = treatment.model
    async for rows in _due_batches(run, treatment, run.cutoff(days)):
        async with in_transaction():
            if not run.dry_run:
                await _change(run, treatment, [r["id"] for r in rows])
            await run.audited(action, len(rows), {c for r in rows if (c := _contact_of(model, r))})
    run.actions.append(action)


async def _change(run: Run, treatment: Treatment, ids: list[int]) -> None:
    rows = TenantScope(run.tenant.id).rows(treatment.model).filter(id__in=ids)
    if treatment.in_place:
        await rows.update(**treatment.erased)
        return
    erasure = treatment.model.ERASURE
    if erasure.rows == "detach":  # rows under a legal duty stay, only their retained columns
        kept = rows.filter(**{f"{k}__in": list(v) for k, v in erasure.keep_when.items()},
                           **{f"{age_column(treatment.model)}__gte": _legal_cutoff(run)})
        await kept.update(**{c.column: c.erased for c in catalog(treatment.model) if not c.retain})
        kept_ids = await kept.values_list("id", flat=True)
        await rows.exclude(id__in=kept_ids).delete()
        return
    await rows.delete()


async def run_tenant(tenant: Tenant, *, dry_run: bool, moment: datetime | None = None) -> list[Action]:
    run = Run(tenant, moment or datetime.now(timezone.utc), dry_run, await rules(tenant.id))
    for treatment in treatments():
        days = run.limits.get(treatment.category)
        if days is not None:
            await _apply(run, treatment, days)
    if not dry_run:
        await chain.seal_pending(tenant.id)  # the run's events join the chain before it ends
    return run.actions


async def run_all(slug: str | None = None, *, dry_run: bool,
                  moment: datetime | None = None) -> list[Action]:
    tenants = Tenant.all().order_by("id")
    if slug is not None:
        tenants = tenants.filter(slug=slug)
    actions = []
    for tenant in await tenants:
        actions += await run_tenant(tenant, dry_run=dry_run, moment=moment)
    return actions
