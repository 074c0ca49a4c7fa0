"""Interactions and financial records: lists (top level and per contact) and their creation.

Both are reached only through a visible contact: their rows are filtered by the contact filter
of the purpose (rules 2 and 5), their fields by category (rules 4 and 6)."""

from dataclasses import dataclass
from collections.abc import Callable
from decimal import Decimal

import strawberry
from tortoise.expressions import Subquery

from models import Contact as ContactRow
from models import FinancialRecord as FinancialRow
from models import Interaction as InteractionRow
from policies.errors import CodedError
from policies.fields import categories_of, project
from policies.vocabulary import Action, ErrorCode
from resolvers.contacts import load_visible, parse_id
from resolvers.loaders import loader, row_columns
from resolvers.pagination import SortKey, anchored_after, check_first, connection, decode_cursor, ordering
from schema.activity import (
    Direction,
    FinancialInput,
    FinancialKind,
    FinancialRecord,
    FinancialRecordConnection,
    Interaction,
    InteractionConnection,
    InteractionInput,
    InteractionKind,
)

# occurred_at is interaction_metadata / financial data: kept out of the cursors (pagination.py).
NEWEST_FIRST = SortKey("OCCURRED_AT_DESC", "occurred_at", True, value_in_cursor=False)


def interaction_values(row: dict) -> dict:
    return {
        "id": str(row["id"]), "kind": InteractionKind(row["kind"]), "occurred_at": row["occurred_at"],
        "direction": Direction(row["direction"]) if row["direction"] else None,
        "participants_count": row["participants_count"], "subject": row["subject"],
        "content": row["content"], "_contact_id": row["contact_id"],
    }


def financial_values(row: dict) -> dict:
    return {
        "id": str(row["id"]), "kind": FinancialKind(row["kind"]), "amount": f"{row['amount']:.2f}",
        "currency": row["currency"], "occurred_at": row["occurred_at"], "status": row["status"],
        "description": row["description"], "_contact_id": row["contact_id"],
    }


@dataclass(frozen=True)
class Activity:
    model: type
    node: type
    values: Callable[[dict], dict]
    page_loader: str
    count_loader: str


INTERACTIONS = Activity(InteractionRow, Interaction, interaction_values,
                        "interaction_page_by_contact_id", "interaction_count_by_contact_id")
FINANCIALS = Activity(FinancialRow, FinancialRecord, financial_values,
                      "financial_page_by_contact_id", "financial_count_by_contact_id")


async def _list(info, kind: Activity, contact_id: strawberry.ID | None, first: int, after: str | None):
    access = info.context.access
    check_first(first)
    visible_contacts = Subquery(ContactRow.filter(access.contact_filter()).values("id"))
    base = kind.model.filter(tenant_id=access.principal.tenant_id, contact_id__in=visible_contacts)
    if contact_id is not None:
        row, _state = await load_visible(info, parse_id(contact_id))
        base = base.filter(contact_id=row["id"])
    after_condition = await anchored_after(NEWEST_FIRST, base, after)
    rows = await base.filter(after_condition).order_by(*ordering(NEWEST_FIRST)).limit(
        first + 1).values(*row_columns(kind.model))
    nodes = [project(access, kind.node, kind.values(row)) for row in rows[:first]]
    return connection(NEWEST_FIRST, rows, first, nodes, lambda: base.count())


async def _of_contact(info, kind: Activity, contact, first: int, after: str | None):
    """A page per contact of a contact list: batched, so a page of N contacts costs the same
    number of statements whatever N is."""
    access = info.context.access
    check_first(first)
    after_id = decode_cursor(NEWEST_FIRST, after)[1] if after else None
    contact_id = contact.__dict__["_pk"]
    rows = await loader(info, kind.page_loader).load((contact_id, first, after_id))
    nodes = [project(access, kind.node, kind.values(row)) for row in rows[:first]]
    return connection(NEWEST_FIRST, rows, first, nodes,
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
def _written_columns(info, input_type: type, data) -> dict:
    """Columns of `data` that are set, after checking write access to each one's category."""
    access = info.context.access
    columns = {}
    for name, category in categories_of(input_type).items():
        value = getattr(data, name)
        if value is None or value is strawberry.UNSET:
            continue
        access.require(category, Action.WRITE)
        columns[name] = value.value if hasattr(value, "value") else value
    return columns


async def log_interaction(info: strawberry.Info, input: InteractionInput) -> Interaction:
    access = info.context.access
    columns = _written_columns(info, InteractionInput, input)
    row, _state = await load_visible(info, parse_id(input.contact_id))
    created = await InteractionRow.create(tenant_id=access.principal.tenant_id, contact_id=row["id"],
                                          **columns)
    stored = await InteractionRow.filter(id=created.id).values(*row_columns(InteractionRow))
    return project(access, Interaction, interaction_values(stored[0]))


async def record_financial(info: strawberry.Info, input: FinancialInput) -> FinancialRecord:
    access = info.context.access
    columns = _written_columns(info, FinancialInput, input)
    if not isinstance(input.amount, Decimal) or not input.amount.is_finite():
        raise CodedError(ErrorCode.BAD_USER_INPUT, "amount: not a decimal number.")
    if len(input.currency) != 3 or not input.currency.isalpha():
        raise CodedError(ErrorCode.BAD_USER_INPUT, "currency: use an ISO 4217 code such as EUR.")
    columns["currency"] = input.currency.upper()
    row, _state = await load_visible(info, parse_id(input.contact_id))
    created = await FinancialRow.create(tenant_id=access.principal.tenant_id, contact_id=row["id"],
                                        **columns)
    stored = await FinancialRow.filter(id=created.id).values(*row_columns(FinancialRow))
    return project(access, FinancialRecord, financial_values(stored[0]))
