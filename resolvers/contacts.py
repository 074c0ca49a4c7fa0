"""Contacts: one by id, lists with filters and ordering, creation and rectification."""

import strawberry
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q

from models import Contact as ContactRow
from models import ContactPurposeState
from models.ids import parse_id
from policies.decision import Access
from policies.errors import CodedError
from policies.fields import denials, project, special_fields
from policies.vocabulary import Action, Category, ErrorCode
from data.columns import (api_values, page_opener, read_category, readable_columns,
                          refuse_encrypted, written_columns)
from data.sealed import Opener
from models.personal import camel
from resolvers.loaders import fetched_columns, loader
from resolvers.pagination import SortKey, after_filter, check_first, connection, ordering
from rights.blocks import refuse_blocked
from rights.history import apply_rectification
from schema.contacts import Contact, ContactConnection, ContactFilter, ContactInput, ContactOrder

C = Category
SORT_KEYS = {
    ContactOrder.CREATED_AT: SortKey("CREATED_AT", "created_at", False),
    ContactOrder.CREATED_AT_DESC: SortKey("CREATED_AT_DESC", "created_at", True),
    ContactOrder.UPDATED_AT: SortKey("UPDATED_AT", "updated_at", False),
    ContactOrder.UPDATED_AT_DESC: SortKey("UPDATED_AT_DESC", "updated_at", True),
    ContactOrder.LAST_NAME: SortKey("LAST_NAME", "last_name", False),
    ContactOrder.LAST_NAME_DESC: SortKey("LAST_NAME_DESC", "last_name", True),
}

# filter field -> (the columns it reads, SQL condition). Reading a column needs its category
# (data/columns.py `read_category`), so the guard of each filter comes from the catalog.
FILTERS = {
    "external_ref": (("external_ref",), lambda v: Q(external_ref=v)),
    "search": (("first_name", "last_name", "company", "email"),
               lambda v: Q(first_name__icontains=v) | Q(last_name__icontains=v)
               | Q(company__icontains=v) | Q(email__icontains=v)),
    "email": (("email",), lambda v: Q(email__iexact=v.strip())),
    "company": (("company",), lambda v: Q(company__icontains=v)),
    "city": (("city",), lambda v: Q(city__iexact=v)),
    "country": (("country",), lambda v: Q(country=v.upper())),
    "updated_since": (("updated_at",), lambda v: Q(updated_at__gte=v)),
}


async def require_readable(access: Access, model: type, columns, what: str) -> None:
    """Filtering, searching and ordering on a column read it: refused (never silently applied or
    ignored, either would let the caller infer the value) unless its category may be read, and
    refused on a column encrypted at rest for the tenant (data/columns.py)."""
    for category in dict.fromkeys(read_category(model, column) for column in columns):
        if category is not None:
            access.require(category, field=what)
    await refuse_encrypted(access, model, columns, what)


def contact_values(row: dict, opener: Opener,
                   withheld: frozenset[str] = frozenset()) -> dict:
    """The Contact fields of a row. Columns the request may not read were not fetched
    (data/columns.py): their fields come out None and are withheld by `project`; sealed values
    of fields withheld for this row are not opened."""
    return {"id": str(row["id"]), "created_at": row["created_at"], "updated_at": row["updated_at"],
            "processing_restricted": row["processing_restricted"], "_pk": row["id"],
            **api_values(ContactRow, row, opener, withheld)}


def to_contact(access: Access, row: dict, explicit: bool, opener: Opener,
               withheld: CodedError | None = None) -> Contact:
    denied = frozenset(denials(access, Contact, explicit, withheld))
    return project(access, Contact, contact_values(row, opener, denied), explicit,
                   withheld=withheld)


async def opener_of(access: Access, rows: list[dict]) -> Opener:
    """The data keys for the sealed values of a page of contacts the request may read."""
    return await page_opener(access, ContactRow, Contact, rows)


async def load_visible(info, contact_id: int | None) -> tuple[dict, ContactPurposeState | None]:
    """Load a contact and its state for the purpose and apply rules 2 and 5, or raise. Both
    loads run whatever the id, so a foreign id costs what a missing one costs."""
    access = info.context.access
    key = contact_id or 0
    row = await loader(info, "contact_by_id").load(key)
    state = await loader(info, "purpose_state_by_contact_id").load(key)
    denial = access.contact_denial(row, state)
    if denial:
        raise denial
    return row, state


async def contact(info: strawberry.Info, id: strawberry.ID) -> Contact | None:
    row, state = await load_visible(info, parse_id(id))
    access = info.context.access
    return to_contact(access, row, bool(state and state.explicit), await opener_of(access, [row]))


async def contact_of(info: strawberry.Info, contact_id: int | None) -> Contact | None:
    """The contact behind a nested reference (interaction.contact, financialRecord.contact)."""
    if contact_id is None:
        return None
    return await contact(info, str(contact_id))


async def filter_condition(access: Access, contact_filter: ContactFilter | None) -> Q:
    """The filter's SQL condition, each part guarded by `require_readable`."""
    condition = Q()
    for name, (columns, build) in FILTERS.items():
        value = getattr(contact_filter, name, None) if contact_filter else None
        if value is None:
            continue
        await require_readable(access, ContactRow, columns, f"filter.{camel(name)}")
        condition &= build(value)
    return condition


async def explicit_consents(access: Access, ids: list[int]) -> set[int]:
    """Contacts of the page whose latest consent for the purpose is an explicit grant: one query,
    made only when rule 6 depends on it."""
    categories = set(special_fields(access, Contact).values())
    if not categories or all(access.special_allowed(c, False) for c in categories):
        return set()
    if not any(access.special_allowed(c, True) for c in categories):
        return set()
    return set(await access.rows(ContactPurposeState).filter(
        purpose=access.purpose, contact_id__in=ids, explicit=True).values_list("contact_id",
                                                                               flat=True))


async def contacts(info: strawberry.Info, first: int = 50, after: str | None = None,
                   filter: ContactFilter | None = None,
                   order_by: ContactOrder | None = None) -> ContactConnection:
    access = info.context.access
    check_first(first)
    key = SORT_KEYS[order_by or ContactOrder.CREATED_AT]
    await require_readable(access, ContactRow, (key.column,), "orderBy")
    visible = access.visible_contacts().filter(await filter_condition(access, filter))
    rows = await visible.filter(after_filter(key, after)).order_by(*ordering(key)).limit(
        first + 1).values(*fetched_columns(info, ContactRow, Contact, key.column))
    explicit = await explicit_consents(access, [row["id"] for row in rows[:first]])
    opener = await opener_of(access, rows[:first])
    nodes = [to_contact(access, row, row["id"] in explicit, opener) for row in rows[:first]]
    return connection(key, rows, first, nodes, lambda: visible.count())


# -- writes ---------------------------------------------------------------------------------------
def input_columns(access: Access, data: ContactInput) -> dict:
    """The columns `data` writes, each field decided and checked from the catalog."""
    return written_columns(access, ContactRow, data, partial=True)


async def read_back(access: Access, contact_id: int) -> Contact:
    """A contact after a write, decided again: the write may have changed its lawful basis."""
    row = (await access.rows(ContactRow).filter(id=contact_id).values(
        *readable_columns(access, ContactRow)))[0]
    state = await access.rows(ContactPurposeState).get_or_none(contact_id=contact_id,
                                                               purpose=access.purpose)
    explicit = bool(state and state.explicit)
    return to_contact(access, row, explicit, await opener_of(access, [row]),
                      withheld=access.contact_denial(row, state))


async def create_contact(info: strawberry.Info, input: ContactInput) -> Contact:
    access = info.context.access
    access.require(C.IDENTITY, Action.WRITE)  # a contact is, first of all, an identity
    columns = input_columns(access, input)
    await refuse_blocked(access.principal.tenant_id, "input", columns)
    try:
        row = await access.principal.tenant_scope.create(ContactRow, **columns)
    except IntegrityError:
        raise CodedError(ErrorCode.BAD_USER_INPUT, "externalRef: already used by another contact.") from None
    return await read_back(access, row.id)


async def update_contact(info: strawberry.Info, id: strawberry.ID, input: ContactInput) -> Contact:
    access = info.context.access
    row, _state = await load_visible(info, parse_id(id))
    columns = input_columns(access, input)
    if not columns:
        raise CodedError(ErrorCode.BAD_USER_INPUT, "input: nothing to change.")
    await refuse_blocked(access.principal.tenant_id, "input", columns)
    try:  # the update and its history row (old and new values, who, when) in one transaction
        await apply_rectification(access.principal.tenant_id, row["id"], columns,
                                  access.principal.user_id)
    except IntegrityError:
        raise CodedError(ErrorCode.BAD_USER_INPUT, "externalRef: already used by another contact.") from None
    return await read_back(access, row["id"])


