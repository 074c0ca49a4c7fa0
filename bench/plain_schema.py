"""Baseline (b): the same `contacts` selection through a plain Strawberry schema with no policy.

Plain Strawberry types and resolvers that use Tortoise directly, and the same SQL shape as the
guarded API: the same page query (same columns, same keyset ordering, limit first + 1) and the
nested interaction pages batched by a per-request DataLoader (the same ROW_NUMBER window
statement for the ids, then the rows). It deliberately shares no code with schema/ or resolvers/,
so that what the guarded path adds (authentication, purpose and policy decisions, the
lawful-basis row filter, field projection, error masking and query limits) is what a/b measures.
"""

from __future__ import annotations

import base64
import json
from collections import defaultdict
from datetime import datetime
from enum import Enum
from typing import Generic, TypeVar

import strawberry
from starlette.applications import Starlette
from starlette.routing import Route
from strawberry.asgi import GraphQL
from strawberry.dataloader import DataLoader
from tortoise import connections

from models import Contact as ContactRow
from models import Interaction as InteractionRow

T = TypeVar("T")


def _columns(model) -> tuple[str, ...]:
    return tuple(sorted(set(model._meta.db_fields) | {f"{fk}_id" for fk in model._meta.fk_fields}))


CONTACT_COLUMNS = _columns(ContactRow)
INTERACTION_COLUMNS = _columns(InteractionRow)


@strawberry.enum
class InteractionKind(Enum):
    EMAIL = "EMAIL"
    CALL = "CALL"
    MEETING = "MEETING"
    CONVERSATION = "CONVERSATION"
    NOTE = "NOTE"


@strawberry.enum
class Direction(Enum):
    INBOUND = "INBOUND"
    OUTBOUND = "OUTBOUND"


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo


@strawberry.type
class Location:
    city: str | None
    country: str | None
    latitude: float | None
    longitude: float | None


@strawberry.type
class ContactPreferences:
    channel: str | None
    frequency: str | None


@strawberry.type
class CommercialProfile:
    business_type: str | None
    purchase_frequency: str | None
    annual_volume: str | None


@strawberry.type
class Interaction:
    id: strawberry.ID
    kind: InteractionKind | None
    occurred_at: datetime | None
    direction: Direction | None
    participants_count: int | None
    subject: str | None
    content: str | None


@strawberry.type
class Contact:
    id: strawberry.ID
    external_ref: str | None
    created_at: datetime
    updated_at: datetime
    first_name: str | None
    last_name: str | None
    company: str | None
    job_title: str | None
    email: str | None
    phone: str | None
    address: str | None
    preferences: ContactPreferences | None
    interests: list[str] | None
    requirements: str | None
    commercial_profile: CommercialProfile | None
    location: Location | None
    competitive_notes: str | None
    sensitive_notes: str | None
    processing_restricted: bool
    pk: strawberry.Private[int]

    @strawberry.field
    async def interactions(self, info: strawberry.Info, first: int = 20) -> Connection[Interaction]:
        rows = await info.context["interactions"].load((self.pk, first))
        return _connection(rows, first, [_interaction(r) for r in rows[:first]], "occurred_at")


def _cursor(value, row_id: int) -> str:
    if isinstance(value, datetime):
        value = value.isoformat()
    raw = json.dumps([value, row_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _connection(rows: list[dict], first: int, nodes: list, column: str) -> Connection:
    edges = [Edge(cursor=_cursor(row[column], row["id"]), node=node)
             for row, node in zip(rows[:first], nodes, strict=False)]
    return Connection(edges=edges, page_info=PageInfo(has_next_page=len(rows) > first,
                                                      end_cursor=edges[-1].cursor if edges else None))


def _contact(row: dict) -> Contact:
    location = None
    if any(row[k] is not None for k in ("city", "country", "latitude", "longitude")):
        location = Location(city=row["city"], country=row["country"], latitude=row["latitude"],
                            longitude=row["longitude"])
    return Contact(
        id=str(row["id"]), external_ref=row["external_ref"], created_at=row["created_at"],
        updated_at=row["updated_at"], first_name=row["first_name"],
        last_name=row["last_name"] or None, company=row["company"], job_title=row["job_title"],
        email=row["email"], phone=row["phone"], address=row["address"],
        preferences=ContactPreferences(channel=row["preferred_channel"],
                                       frequency=row["preferred_frequency"]),
        interests=row["interests"], requirements=row["requirements"],
        commercial_profile=CommercialProfile(business_type=row["business_type"],
                                             purchase_frequency=row["purchase_frequency"],
                                             annual_volume=row["annual_volume"]),
        location=location, competitive_notes=row["competitive_notes"],
        sensitive_notes=row["sensitive_notes"], processing_restricted=row["processing_restricted"],
        pk=row["id"],
    )


def _interaction(row: dict) -> Interaction:
    return Interaction(
        id=str(row["id"]), kind=InteractionKind(row["kind"]), occurred_at=row["occurred_at"],
        direction=Direction(row["direction"]) if row["direction"] else None,
        participants_count=row["participants_count"], subject=row["subject"],
        content=row["content"],
    )


# -- SQL: shared with the raw fetch (c) ------------------------------------------------------------
async def page_rows(tenant_id: int, first: int) -> list[dict]:
    return await ContactRow.filter(tenant_id=tenant_id, erased_at__isnull=True).order_by(
        "created_at", "id").limit(first + 1).values(*CONTACT_COLUMNS)


async def interaction_rows(tenant_id: int, contact_ids: list[int], first: int) -> list[dict]:
    """The `first` + 1 newest interactions of each contact: a window statement for the ids, then
    the rows (the guarded loader's shape)."""
    if not contact_ids:
        return []
    db = connections.get("default")
    params = [tenant_id, *contact_ids, first + 1]
    if db.capabilities.dialect == "postgres":
        marks = [f"${i}" for i in range(1, len(params) + 1)]
    else:
        marks = ["?"] * len(params)
    sql = ("SELECT id FROM (SELECT t.id, ROW_NUMBER() OVER (PARTITION BY t.contact_id"
           " ORDER BY t.occurred_at DESC, t.id DESC) AS rn FROM interaction t"
           f" WHERE t.tenant_id = {marks[0]} AND t.contact_id IN ({', '.join(marks[1:-1])}))"
           f" ranked WHERE rn <= {marks[-1]}")
    ids = [row["id"] for row in await db.execute_query_dict(sql, params)]
    if not ids:
        return []
    return await InteractionRow.filter(tenant_id=tenant_id, id__in=ids).order_by(
        "-occurred_at", "-id").values(*INTERACTION_COLUMNS)


def _interactions_loader(tenant_id: int) -> DataLoader:
    async def batch(keys: list[tuple[int, int]]) -> list[list[dict]]:
        by_first = defaultdict(list)
        for contact_id, first in keys:
            by_first[first].append(contact_id)
        grouped = defaultdict(list)
        for first, contact_ids in by_first.items():
            for row in await interaction_rows(tenant_id, contact_ids, first):
                grouped[row["contact_id"]].append(row)
        return [grouped.get(contact_id, []) for contact_id, _first in keys]

    return DataLoader(load_fn=batch)


@strawberry.type
class Query:
    @strawberry.field
    async def contacts(self, info: strawberry.Info, first: int = 50) -> Connection[Contact]:
        rows = await page_rows(info.context["tenant_id"], first)
        return _connection(rows, first, [_contact(r) for r in rows[:first]], "created_at")


schema = strawberry.Schema(query=Query)


def context(tenant_id: int) -> dict:
    """A fresh per-request context (its own DataLoader, as in the guarded API)."""
    return {"tenant_id": tenant_id, "interactions": _interactions_loader(tenant_id)}


class PlainGraphQL(GraphQL):
    def __init__(self, tenant_id: int, **kwargs):
        super().__init__(schema, graphql_ide=None, allow_queries_via_get=False, **kwargs)
        self.tenant_id = tenant_id

    async def get_context(self, request, response) -> dict:
        return context(self.tenant_id)


def create_plain_app(tenant_id: int) -> Starlette:
    """A Starlette app serving the plain schema at /graphql. The database must already be
    initialised (the guarded app's lifespan does it in the benchmark)."""
    return Starlette(routes=[Route("/graphql", PlainGraphQL(tenant_id), methods=["GET", "POST"])])
