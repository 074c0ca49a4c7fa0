"""The baseline of bench/guarded_list.py: a plain Strawberry + Tortoise server, written the way a
team would write it without this project — no authentication, no policy, no audit, its own
straightforward schema and ORM queries, one DataLoader for the nested interactions.

    DATABASE_URL=sqlite:///tmp/x.db BENCH_TENANT_ID=1 uvicorn bench.plain_server:app

It shares no code with schema/, resolvers/ or the data layer: only the table definitions
(models/), since it reads the same generated data. Queries are the ORM's obvious ones:

- the page: `Contact.filter(tenant_id=…)` ordered by `(created_at, id)`, `limit(first + 1)`, after
  a cursor `created_at > v OR (created_at = v AND id > i)` (the textbook keyset condition);
- the nested interactions: one `Interaction.filter(tenant_id=…, contact_id__in=…)` per request (DataLoader),
  sorted newest first and sliced to `first` per contact in Python. (Not ORDER BY in SQL: without
  planner statistics SQLite then walks the tenant's whole `(tenant, occurred_at, id)` index,
  3x slower; a baseline should not be handicapped by a plan this project's indexes invite.)
Model instances are turned into Strawberry objects, every edge gets its cursor."""

from __future__ import annotations

import base64
import os
from collections import defaultdict
from contextlib import asynccontextmanager
from datetime import datetime
from enum import Enum
from functools import partial
from typing import Generic, TypeVar

import strawberry
from starlette.applications import Starlette
from starlette.routing import Route
from strawberry.asgi import GraphQL
from strawberry.dataloader import DataLoader
from tortoise import Tortoise
from tortoise.expressions import Q

from models import Contact as ContactModel
from models import Interaction as InteractionModel

T = TypeVar("T")


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
class Interaction:
    id: strawberry.ID
    kind: InteractionKind
    occurred_at: datetime
    direction: Direction | None
    participants_count: int | None
    subject: str | None
    content: str | None


@strawberry.type
class Contact:
    id: strawberry.ID
    created_at: datetime
    updated_at: datetime
    first_name: str | None
    last_name: str | None
    company: str | None
    job_title: str | None
    email: str | None
    phone: str | None
    address: str | None
    interests: list[str] | None
    requirements: str | None
    location: Location | None
    competitive_notes: str | None
    sensitive_notes: str | None

    @strawberry.field
    async def interactions(self, info: strawberry.Info, first: int = 20) -> Connection[Interaction]:
        rows = await info.context["interactions"].load(int(self.id))
        nodes = [Interaction(id=str(r.id), kind=InteractionKind(r.kind), occurred_at=r.occurred_at,
                             direction=Direction(r.direction) if r.direction else None,
                             participants_count=r.participants_count, subject=r.subject,
                             content=r.content) for r in rows[:first]]
        return connection(nodes, [(r.occurred_at, r.id) for r in rows[:first]], len(rows) > first)


def to_cursor(at: datetime, row_id: int) -> str:
    return base64.urlsafe_b64encode(f"{at.isoformat()}|{row_id}".encode()).decode()


def from_cursor(cursor: str) -> tuple[datetime, int]:
    at, row_id = base64.urlsafe_b64decode(cursor.encode()).decode().rsplit("|", 1)
    return datetime.fromisoformat(at), int(row_id)


def connection(nodes: list, keys: list[tuple[datetime, int]], more: bool) -> Connection:
    edges = [Edge(cursor=to_cursor(*key), node=node) for node, key in zip(nodes, keys, strict=True)]
    return Connection(edges=edges, page_info=PageInfo(
        has_next_page=more, end_cursor=edges[-1].cursor if edges else None))


def to_contact(row: ContactModel) -> Contact:
    location = Location(city=row.city, country=row.country, latitude=row.latitude,
                        longitude=row.longitude)
    return Contact(id=str(row.id), created_at=row.created_at, updated_at=row.updated_at,
                   first_name=row.first_name, last_name=row.last_name, company=row.company,
                   job_title=row.job_title, email=row.email, phone=row.phone, address=row.address,
                   interests=row.interests, requirements=row.requirements, location=location,
                   competitive_notes=row.competitive_notes, sensitive_notes=row.sensitive_notes)


async def load_interactions(tenant_id: int, contact_ids: list[int]) -> list[list[InteractionModel]]:
    by_contact = defaultdict(list)
    for row in await InteractionModel.filter(tenant_id=tenant_id, contact_id__in=contact_ids):
        by_contact[row.contact_id].append(row)
    newest_first = partial(sorted, key=lambda row: (row.occurred_at, row.id), reverse=True)
    return [newest_first(by_contact[contact_id]) for contact_id in contact_ids]


@strawberry.type
class Query:
    @strawberry.field
    async def contacts(self, info: strawberry.Info, first: int = 50,
                       after: str | None = None) -> Connection[Contact]:
        query = ContactModel.filter(tenant_id=info.context["tenant_id"], erased_at__isnull=True)
        if after:
            at, row_id = from_cursor(after)
            query = query.filter(Q(created_at__gt=at) | Q(created_at=at, id__gt=row_id))
        rows = await query.order_by("created_at", "id").limit(first + 1)
        page = rows[:first]
        return connection([to_contact(r) for r in page], [(r.created_at, r.id) for r in page],
                          len(rows) > first)


schema = strawberry.Schema(query=Query)


class PlainGraphQL(GraphQL):
    async def get_context(self, request, response) -> dict:
        tenant_id = int(os.environ["BENCH_TENANT_ID"])
        return {"tenant_id": tenant_id,
                "interactions": DataLoader(load_fn=partial(load_interactions, tenant_id))}


@asynccontextmanager
async def lifespan(app: Starlette):
    await Tortoise.init(db_url=os.environ["DATABASE_URL"], modules={"models": ["models"]},
                        use_tz=True, timezone="UTC", _enable_global_fallback=True)
    try:
        yield
    finally:
        await Tortoise.close_connections()


app = Starlette(routes=[Route("/graphql", PlainGraphQL(schema, graphql_ide=None),
                              methods=["POST"])], lifespan=lifespan)
