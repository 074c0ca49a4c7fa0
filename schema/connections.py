"""Relay-style cursor connections (keyset pagination: the cursor carries the sort key, not an offset)."""

from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

import strawberry

NodeType = TypeVar("NodeType")


@strawberry.type
class PageInfo:
    has_next_page: bool
    # Cursors are encoded only when selected: most clients of a nested page never ask for one.
    end_cursor: str | None = strawberry.field(
        resolver=lambda root: root._end_cursor() if root._end_cursor is not None else None)
    _end_cursor: strawberry.Private[Callable[[], str] | None]


@strawberry.type
class Edge(Generic[NodeType]):
    cursor: str = strawberry.field(resolver=lambda root: root._cursor())
    node: NodeType
    _cursor: strawberry.Private[Callable[[], str]]  # encodes the cursor (only when selected)


@strawberry.type
class Connection(Generic[NodeType]):
    edges: list[Edge[NodeType]]
    page_info: PageInfo

    @strawberry.field(description="Rows the caller may see for this purpose, with the same row "
                      "filters as the list; counted only when selected.")
    async def total_count(self) -> int:
        return await self._count()

    def counted_by(self, count: Callable[[], Awaitable[int]]) -> "Connection[NodeType]":
        self._count = count
        return self
