"""The keyset condition of a page: rows after an anchor in (column, id) order, as a row-value
comparison `(column, id) > (?, ?)` (`<` for a descending order).

`column > v OR (column = v AND id > i)` means the same, but neither SQLite nor PostgreSQL turns
it into a bound of the index range: a page 90 % deep walked 90 % of the index. A row value is a
range bound of the (tenant_id, column, id) index in both, so a deep page seeks like the first.
Tortoise's Q has no row values; `RowsAfter` is a Q whose `resolve` builds the pypika criterion
itself (`Tuple(...) > Tuple(...)`, parameterised like any filter value), so the condition
composes with the scoped query (`access.rows(...)`, `TenantScope.rows`) like any other filter."""

from typing import Any

from pypika_tortoise.terms import Tuple
from tortoise.expressions import Q, ResolveContext
from tortoise.query_utils import QueryModifier


class RowsAfter(Q):
    """Rows strictly after (`value`, `row_id`) in (`column`, id) order, or before when
    `descending`. On a column unique in the tenant (`unique`: id itself, the audit trail's seq)
    the id adds nothing and the comparison is plain, `column > v`: its unique index seeks it."""

    __slots__ = ("column", "value", "row_id", "descending", "unique")

    def __init__(self, column: str, value: Any, row_id: int, descending: bool,
                 unique: bool = False) -> None:
        super().__init__()
        self.column, self.value, self.row_id = column, value, row_id
        self.descending, self.unique = descending, unique or column == "id"

    def __bool__(self) -> bool:
        return True

    def __invert__(self) -> Q:
        raise TypeError("a keyset condition is not negated: reverse the order instead")

    def resolve(self, resolve_context: ResolveContext) -> QueryModifier:
        model, table = resolve_context.model, resolve_context.table
        fields = model._meta.fields_map
        key = table[model._meta.fields_db_projection["id"]]
        row_id = fields["id"].to_db_value(self.row_id, model)
        column = table[model._meta.fields_db_projection[self.column]]
        value = fields[self.column].to_db_value(self.value, model)
        if self.unique:
            left, right = column, value
        else:
            left, right = Tuple(column, key), Tuple(value, row_id)
        return QueryModifier(where_criterion=left < right if self.descending else left > right)
