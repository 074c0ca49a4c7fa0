"""Interactions and financial records: lists (top level and per contact) and their creation.

Both are reached only through a visible contact: their rows are filtered by the contact filter
of the purpose (rules 2 and 5), their fields by category (rules 4 and 6)."""

from dataclasses import dataclass

import strawberry
from tortoise.expressions import Subquery

from models import FinancialRecord as FinancialRow
from models import Interaction as InteractionRow
from data.columns import api_values, page_opener, read_category, readable_columns, written_columns
from data.sealed import Opener
from policies.fields import Guarded, project
from models.ids import parse_id
from resolvers.contacts import load_visible
from resolvers.loaders import fetched_columns, loader
from resolvers.pagination import SortKey, anchored_after, check_first, connection, decode_cursor, ordering
from schema.activity import (
    FinancialInput,
    FinancialRecord,
    FinancialRecordConnection,
    Interaction,
    InteractionConnection,
    InteractionInput,
)

# occurred_at is interaction_metadata / financial data: kept out of the cursors (pagination.py).
NEWEST_FIRST = SortKey("OCCURRED_AT_DESC", "occurred_at", True, value_in_cursor=False)
# For a caller who may not read occurred_at: the order must not tell what it may not read.
LATEST_RECORDED = SortKey("ID_DESC", "id", True, value_in_cursor=False)


@dataclass(frozen=True)
class Activity:
    model: type
    node: type
    page_loader: str
    count_loader: str

    def values(self, row: dict, opener: Opener) -> dict:
        return {"id": str(row["id"]), "_contact_id": row["contact_id"],
                **api_values(self.model, row, opener)}

    async def nodes(self, access, rows: list[dict]) -> list:
        """The page's nodes, its sealed values opened with the keys of one batch."""
        opener = await page_opener(access, self.model, self.node, rows)
        return [project(access, self.node, self.values(row, opener)) for row in rows]


INTERACTIONS = Activity(InteractionRow, Interaction, "interaction_page_by_contact_id",
                        "interaction_count_by_contact_id")
FINANCIALS = Activity(FinancialRow, FinancialRecord, "financial_page_by_contact_id",
                      "financial_count_by_contact_id")


def order_for(access, kind: Activity) -> SortKey:
    """Newest first when the caller may read when things happened; else newest recorded (by id,
    structural), so the order tells nothing the caller may not read (policy.md §4). The list
    itself and its count are structural: records follow the visibility of their contact."""
    key = access.memo.get(("order", kind.model))
    if key is None:
        key = access.memo[("order", kind.model)] = (
            NEWEST_FIRST if access.can(read_category(kind.model, NEWEST_FIRST.column))
            else LATEST_RECORDED)
    return key


async def _list(info, kind: Activity, contact_id: strawberry.ID | None, first: int, after: str | None):
    access = info.context.access
    check_first(first)
    key = order_for(access, kind)
    visible_contacts = Subquery(access.visible_contacts().values("id"))
    base = access.rows(kind.model).filter(contact_id__in=visible_contacts)
    if contact_id is not None:
        row, _state = await load_visible(info, parse_id(contact_id))
        base = base.filter(contact_id=row["id"])
    after_condition = await anchored_after(key, base, after)
    rows = await base.filter(after_condition).order_by(*ordering(key)).limit(
        first + 1).values(*fetched_columns(info, kind.model, kind.node))
    nodes = await kind.nodes(access, rows[:first])
    return connection(key, rows, first, nodes, lambda: base.count())


async def _of_contact(info, kind: Activity, contact, first: int, after: str | None):
    """A page per contact of a contact list: batched, so a page of N contacts costs the same
    number of statements whatever N is."""
    access = info.context.access
    check_first(first)
    key = order_for(access, kind)
    after_id = decode_cursor(key, after)[1] if after else None
    contact_id = contact.__dict__["_pk"]
    rows = await loader(info, kind.page_loader).load(
        (contact_id, first, after_id, key, fetched_columns(info, kind.model, kind.node)))
    nodes = await kind.nodes(access, rows[:first])
    return connection(key, rows, first, nodes,
                      lambda: loader(info, kind.count_loader).load(contact_id))


async def interactions(info: strawberry.Info, contact_id: strawberry.ID | None = None, first: int = 50,
                       after: str | None = None) -> InteractionConnection:
    return await _list(info, INTERACTIONS, contact_id, first, after)


async def financials(info: strawberry.Info, contact_id: strawberry.ID | None = None, first: int = 50,
                     after: str | None = None) -> FinancialRecordConnection:
    return await _list(info, FINANCIALS, contact_id, first, after)


async def interactions_of_contact(info, contact, first: int, after: str | None) -> InteractionConnection:
    return await _of_contact(info, INTERACTIONS, contact, first, after)


async def financials_of_contact(info, contact, first: int, after: str | None) -> FinancialRecordConnection:
    return await _of_contact(info, FINANCIALS, contact, first, after)


# -- writes ---------------------------------------------------------------------------------------
async def _create(info, kind: Activity, data) -> Guarded:
    """A record of a visible contact, every field decided and checked from the catalog first."""
    access = info.context.access
    columns = written_columns(access, kind.model, data, partial=False)
    row, _state = await load_visible(info, parse_id(data.contact_id))
    created = await access.principal.tenant_scope.create(kind.model, contact_id=row["id"], **columns)
    stored = await access.rows(kind.model).filter(id=created.id).values(
        *readable_columns(access, kind.model))
    return (await kind.nodes(access, stored))[0]


async def log_interaction(info: strawberry.Info, input: InteractionInput) -> Interaction:
    return await _create(info, INTERACTIONS, input)


async def record_financial(info: strawberry.Info, input: FinancialInput) -> FinancialRecord:
    return await _create(info, FINANCIALS, input)
