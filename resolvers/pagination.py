"""Keyset pagination: opaque cursors that carry the sort key of the last row, never an offset."""

import base64
from collections.abc import Awaitable, Callable
import json
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from tortoise.expressions import Q

from data.keyset import RowsAfter
from models.ids import valid_key
from models import values
from policies.errors import CodedError
from policies.vocabulary import ErrorCode
from schema.connections import Connection, Edge, PageInfo

MAX_PAGE = 100
MAX_CURSOR_LENGTH = 1_000  # encode_cursor makes at most ~400 (a 200-character name, an id)


@dataclass(frozen=True)
class SortKey:
    name: str  # names the ordering inside the cursor, so a cursor of another ordering is refused
    column: str
    descending: bool
    # False: the cursor names only its anchor row and `anchored_after` reads the row's sort value
    # again. A cursor is readable by anyone (base64), so a value the caller may not read (an
    # interaction's or an invoice's occurred_at) must not travel in it (policy.md §4).
    value_in_cursor: bool = True
    # True: no two rows of a tenant share the column's value (a unique index), so the keyset
    # compares the column alone (data/keyset.py).
    unique: bool = False


def check_first(first: int) -> int:
    if not 0 <= first <= MAX_PAGE:
        raise CodedError(ErrorCode.BAD_USER_INPUT, f"`first` must be between 0 and {MAX_PAGE}.")
    return first


def encode_cursor(key: SortKey, value: Any, row_id: int) -> str:
    if not key.value_in_cursor:
        value = None
    if isinstance(value, datetime):
        value = value.isoformat()
    raw = json.dumps([key.name, value, row_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(key: SortKey, cursor: str) -> tuple[Any, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        name, value, row_id = json.loads(raw)
        if name != key.name or not valid_key(row_id):
            raise ValueError
        if not key.value_in_cursor:
            if value is not None:
                raise ValueError
        elif key.column.endswith("_at"):
            value = datetime.fromisoformat(value)
        elif not isinstance(value, str):
            raise ValueError
        else:
            values.well_formed(value)  # a cursor's JSON may carry a lone surrogate or NUL
    except (ValueError, TypeError, RecursionError):  # values.Bad is a ValueError
        raise CodedError(ErrorCode.BAD_USER_INPUT, "Invalid cursor for this ordering.") from None
    return value, row_id


def after_filter(key: SortKey, cursor: str | None) -> Q:
    """Rows strictly after the cursor in (column, id) order."""
    if cursor is None:
        return Q()
    value, row_id = decode_cursor(key, cursor)
    return _after(key, value, row_id)


async def anchored_after(key: SortKey, rows, cursor: str | None) -> Q:
    """`after_filter` for a key whose value is not in the cursor: the anchor's value is read from
    `rows`, a query already bound to the caller's tenant and visible rows."""
    if cursor is None:
        return Q()
    _value, row_id = decode_cursor(key, cursor)
    values = await rows.filter(id=row_id).values_list(key.column, flat=True)
    if not values:
        raise CodedError(ErrorCode.BAD_USER_INPUT, "Invalid cursor for this ordering.")
    return _after(key, values[0], row_id)


def _after(key: SortKey, value: Any, row_id: int) -> Q:
    # A row value `(column, id) > (?, ?)`: it bounds the (tenant_id, column, id) index range,
    # so a deep page seeks like the first (data/keyset.py).
    return RowsAfter(key.column, value, row_id, key.descending, key.unique)


def ordering(key: SortKey) -> tuple[str, str]:
    sign = "-" if key.descending else ""
    return f"{sign}{key.column}", f"{sign}id"


def _cursor_of(key: SortKey, row: dict) -> str:
    # A key whose value stays out of the cursor may not even have been fetched (nested pages).
    return encode_cursor(key, row[key.column] if key.value_in_cursor else None, row["id"])


def connection(key: SortKey, rows: list[dict], first: int, nodes: list,
               count: Callable[[], Awaitable[int]]) -> Connection:
    """`rows` were fetched with limit first + 1: the extra row only says there is a next page.
    `count` runs only if the client selects totalCount."""
    edges = [Edge(node=node, _cursor=partial(_cursor_of, key, row))
             for row, node in zip(rows[:first], nodes, strict=False)]
    page_info = PageInfo(has_next_page=len(rows) > first,
                         _end_cursor=edges[-1]._cursor if edges else None)
    return Connection(edges=edges, page_info=page_info).counted_by(count)
