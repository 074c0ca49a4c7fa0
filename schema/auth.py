"""Who is calling, and how they log in."""

from datetime import datetime

import strawberry


@strawberry.type
class Session:
    token: str = strawberry.field(description="Send as `Authorization: Bearer <token>`.")
    expires_at: datetime


@strawberry.type
class Principal:
    id: strawberry.ID
    kind: str = strawberry.field(description="USER or API_TOKEN.")
    tenant: str = strawberry.field(description="The tenant's slug.")
    email: str | None
    roles: list[str]
    purposes: list[str] = strawberry.field(description="Purposes the caller may declare.")


@strawberry.type
class Purpose:
    name: str
    lawful_basis: str
    built_in: bool
    granted: bool = strawberry.field(description="Whether the caller may declare it.")


@strawberry.type(description="Why a principal may or may not read a field of a contact for a purpose.")
class AccessDecision:
    allowed: bool
    code: str | None = strawberry.field(description="The error code a read would get, when denied.")
    reason: str
    category: str | None = strawberry.field(description="The field's data category; null for "
                                            "structural fields.")
    rules: list[str] = strawberry.field(description="The policy lines that decided, in Casbin's "
                                        "CSV form (role assignments first).")
