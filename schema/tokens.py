"""Partner API tokens as clients see them: never the secret (shown once, at creation) nor its hash."""

from datetime import datetime

import strawberry


@strawberry.type(description="A partner's API token: bound to the tenant, its scope and its issuer's "
                 "current rights. Send the secret as `Authorization: Bearer <secret>`.")
class ApiToken:
    id: strawberry.ID
    name: str
    prefix: str = strawberry.field(description="The secret's first characters, to recognise it.")
    purposes: list[str] = strawberry.field(description="Purposes it may declare; with exactly "
                                           "one, X-Purpose may be left out.")
    categories: list[str] = strawberry.field(description="Data categories it may read or write.")
    actions: list[str] = strawberry.field(description="read and/or write.")
    issued_by: strawberry.ID = strawberry.field(description="The issuer (user:ID): the token never "
                                                "exceeds the issuer's rights of the moment.")
    issuer_email: str
    created_at: datetime
    last_used_at: datetime | None = strawberry.field(description="To the minute.")
    expires_at: datetime
    revoked_at: datetime | None
    active: bool = strawberry.field(description="Neither expired nor revoked.")


@strawberry.type
class NewApiToken:
    token: ApiToken
    secret: str = strawberry.field(description="Shown this once: only a keyed hash is stored.")


@strawberry.input(description="expiresAt is required, at most 365 days ahead. Every purpose x "
                  "category x action must be a right of the issuer.")
class ApiTokenInput:
    name: str
    purposes: list[str]
    categories: list[str]
    actions: list[str] = strawberry.field(description="read and/or write.")
    expires_at: datetime
