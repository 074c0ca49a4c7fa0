"""Per-request dataloaders, created on first use and kept in `context.dataloaders`.

Every batch filters by the request's tenant and returns results in key order. Names read
`<thing>_by_<key>`. A module-level loader would share its cache across tenants: never do that."""

from collections import defaultdict
from collections.abc import Awaitable, Callable

from strawberry.dataloader import DataLoader
from tortoise.functions import Count

from models import ConsentRecord, Contact, ContactPurposeState, FinancialRecord, Interaction, Subscription
from models.subscriptions import SubscriptionTopic
from policies.decision import Access
from audit.selection import operation_selection
from data.columns import readable_columns, selected_columns
from data.pages import newest_rows_per_contact

def row_columns(model) -> tuple[str, ...]:
    """Every column of `model`, foreign keys as `<name>_id`, for `.values()`."""
    return tuple(sorted(set(model._meta.db_fields) | {f"{fk}_id" for fk in model._meta.fk_fields}))


CONTACT_COLUMNS = row_columns(Contact)
Batch = Callable[[Access, list], Awaitable[list]]


def fetched_columns(info, model: type, node: type, sort_column: str = "id") -> tuple[str, ...]:
    """The columns a list of `node` objects fetches from `model`: the structural ones, the
    readable ones the operation selects of `node` (on any of its paths) and the list's sort
    column (its cursors carry it; the caller has checked it is readable), so a list reads no
    value it will not return. The selection is worked out once per parsed operation."""
    raw = info._raw_info
    selected = operation_selection(info.schema, raw.operation, raw.fragments)
    columns = selected_columns(info.context.access, model, selected.get(node, frozenset()))
    return columns if sort_column in columns else (*columns, sort_column)


def loader(info, name: str) -> DataLoader:
    """The request's loader called `name`, bound to the request's access (and so its tenant)."""
    loaders = info.context.dataloaders
    if name not in loaders:
        access = info.context.access
        batch = BATCHES[name]
        loaders[name] = DataLoader(load_fn=lambda keys: batch(access, list(keys)))
    return loaders[name]


def _in_key_order(keys: list, by_key: dict, default=None) -> list:
    return [by_key.get(key, default) for key in keys]


async def contact_by_id(access: Access, ids: list[int]) -> list[dict | None]:
    rows = await access.rows(Contact).filter(id__in=ids).values(
        *readable_columns(access, Contact))
    return _in_key_order(ids, {row["id"]: row for row in rows})


async def purpose_state_by_contact_id(access: Access, ids: list[int]) -> list[ContactPurposeState | None]:
    states = await access.rows(ContactPurposeState).filter(contact_id__in=ids, purpose=access.purpose)
    return _in_key_order(ids, {s.contact_id: s for s in states})


async def objections_by_contact_id(access: Access, ids: list[int]) -> list[list[str]]:
    rows = await access.rows(ContactPurposeState).filter(contact_id__in=ids,
                                            objected=True).order_by("purpose").values("contact_id", "purpose")
    grouped = defaultdict(list)
    for row in rows:
        grouped[row["contact_id"]].append(row["purpose"])
    return [grouped.get(key, []) for key in ids]


async def subscriptions_by_contact_id(access: Access, ids: list[int]) -> list[list[dict]]:
    topics = dict(await access.rows(SubscriptionTopic).values_list("topic", "opt_out"))
    rows = await access.rows(Subscription).filter(contact_id__in=ids).order_by("topic").values(
        "contact_id", "topic", "subscribed")
    grouped = defaultdict(list)
    for row in rows:
        grouped[row["contact_id"]].append({**row, "opt_out": topics.get(row["topic"], True)})
    return [grouped.get(key, []) for key in ids]


async def consents_by_contact_id(access: Access, ids: list[int]) -> list[list[dict]]:
    rows = await access.rows(ConsentRecord).filter(contact_id__in=ids).order_by(
        "-captured_at", "-id").values("contact_id", "purpose", "status", "explicit", "source", "captured_at")
    grouped = defaultdict(list)
    for row in rows:
        grouped[row["contact_id"]].append(row)
    return [grouped.get(key, []) for key in ids]


def _page_batch(model) -> Batch:
    async def batch(access: Access, keys: list[tuple]) -> list[list[dict]]:
        """keys: (contact_id, first, after_id, sort key, columns). One statement per distinct
        (first, after_id, sort key, columns): one for an ordinary request."""
        groups = defaultdict(list)
        for contact_id, *page in keys:
            groups[tuple(page)].append(contact_id)
        grouped = defaultdict(list)
        for (first, after_id, key, columns), contact_ids in groups.items():
            for row in await newest_rows_per_contact(access.principal.tenant_scope, model, columns,
                                                     contact_ids, first, after_id, key.column):
                grouped[(row["contact_id"], first, after_id, key, columns)].append(row)
        return [grouped.get(key, []) for key in keys]
    return batch


def _count_batch(model) -> Batch:
    async def batch(access: Access, ids: list[int]) -> list[int]:
        rows = await access.rows(model).filter(contact_id__in=ids).group_by(
            "contact_id").annotate(n=Count("id")).values("contact_id", "n")
        return _in_key_order(ids, {row["contact_id"]: row["n"] for row in rows}, 0)
    return batch


BATCHES: dict[str, Batch] = {
    "contact_by_id": contact_by_id,
    "purpose_state_by_contact_id": purpose_state_by_contact_id,
    "objections_by_contact_id": objections_by_contact_id,
    "subscriptions_by_contact_id": subscriptions_by_contact_id,
    "consents_by_contact_id": consents_by_contact_id,
    "interaction_page_by_contact_id": _page_batch(Interaction),
    "interaction_count_by_contact_id": _count_batch(Interaction),
    "financial_page_by_contact_id": _page_batch(FinancialRecord),
    "financial_count_by_contact_id": _count_batch(FinancialRecord),
}
