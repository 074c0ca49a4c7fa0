"""A tenant's own policy as admins see and change it (docs/policy-as-code.md)."""

from enum import Enum

import strawberry


@strawberry.enum(description="Lawful bases a purpose of the tenant may have. A legal obligation "
                 "needs a recorded legal reference and is reserved to legal_compliance.")
class TenantLawfulBasis(Enum):
    CONSENT = "consent"
    CONTRACT = "contract"
    LEGITIMATE_INTEREST = "legitimate_interest"


@strawberry.enum
class GrantAction(Enum):
    READ = "read"
    WRITE = "write"


@strawberry.type(description="A purpose in effect in the tenant: built-in, or the tenant's own.")
class TenantPurpose:
    name: str
    lawful_basis: str
    built_in: bool


@strawberry.type
class RolePermission:
    category: str
    action: str
    purpose: str


@strawberry.type(description="A role and what the tenant's rules grant it (beyond the built-in "
                 "policy, for a built-in role).")
class TenantRole:
    name: str
    built_in: bool
    permissions: list[RolePermission]


@strawberry.type
class UserRoles:
    user_id: strawberry.ID = strawberry.field(description="user:ID")
    roles: list[str]


@strawberry.type(description="The tenant's policy lines besides the built-in ones.")
class TenantPolicy:
    purposes: list[TenantPurpose]
    roles: list[TenantRole]
    assignments: list[UserRoles]
    rules: list[str] = strawberry.field(description="Every line of the tenant, as Casbin reads it.")
