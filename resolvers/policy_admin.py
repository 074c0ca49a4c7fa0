"""tenantPolicy and the mutations that change a tenant's own policy: purposes and role grants need
`policy manage`, role assignments `users manage` (admin by default). Each change is stored as
Casbin lines through the engine (policies/tenant_rules.py), decided against the database in the
mutation's transaction, and in effect on every worker from the next request on (the version
check of policies/versions.py); the audit trail records the operation."""

from collections import defaultdict

import strawberry

from policies import tenant_rules
from policies.vocabulary import Action, Resource
from models import User
from models.ids import parse_id
from schema.policy_admin import (
    GrantAction,
    RolePermission,
    TenantLawfulBasis,
    TenantPolicy,
    TenantPurpose,
    TenantRole,
    UserRoles,
)


def _administering(info, resource: Resource = Resource.POLICY) -> tuple:
    access = info.context.access
    access.require_administration(resource, Action.MANAGE)
    return access.engine, access.principal.tenant_id, access.principal.domain


def _user_id(value: strawberry.ID) -> int | None:
    return parse_id(str(value).removeprefix("user:"), User)


def _role(engine, domain: str, name: str, grants: list | None = None) -> TenantRole:
    """A role as `engine` holds it, or with the `grants` a change answered (read in its own
    transaction: this process's copy may not show the change yet)."""
    grants = tenant_rules.roles(engine, domain).get(name, []) if grants is None else grants
    return TenantRole(name=name, built_in=name in tenant_rules.builtin_roles(engine),
                      permissions=[RolePermission(category=c, action=a, purpose=p) for c, a, p in grants])


async def tenant_policy(info: strawberry.Info) -> TenantPolicy:
    engine, _tenant_id, domain = _administering(info)
    lines = engine.tenant_lines(domain)
    assignments = defaultdict(list)
    for line in lines:
        if line[0] == "g":
            assignments[line[1]].append(line[2])
    names = sorted(tenant_rules.builtin_roles(engine) | set(tenant_rules.roles(engine, domain)))
    return TenantPolicy(
        purposes=[TenantPurpose(name=n, lawful_basis=b, built_in=builtin)
                  for n, b, builtin in sorted(engine.purpose_bases(domain))],
        roles=[_role(engine, domain, name) for name in names],
        assignments=[UserRoles(user_id=strawberry.ID(subject), roles=sorted(held))
                     for subject, held in sorted(assignments.items())],
        rules=[", ".join(line) for line in lines])


async def add_tenant_purpose(info: strawberry.Info, name: str,
                             lawful_basis: TenantLawfulBasis) -> TenantPurpose:
    engine, tenant_id, _domain = _administering(info)
    await tenant_rules.add_purpose(engine, tenant_id, name, lawful_basis.value)
    return TenantPurpose(name=name, lawful_basis=lawful_basis.value, built_in=False)


async def remove_tenant_purpose(info: strawberry.Info, name: str) -> bool:
    engine, tenant_id, _domain = _administering(info)
    await tenant_rules.remove_purpose(engine, tenant_id, name)
    return True


async def grant_role_permission(info: strawberry.Info, role: str, category: str, action: GrantAction,
                                purpose: str) -> TenantRole:
    engine, tenant_id, domain = _administering(info)
    grants = await tenant_rules.grant(engine, tenant_id, role, category, action.value, purpose)
    return _role(engine, domain, role, grants)


async def revoke_role_permission(info: strawberry.Info, role: str, category: str,
                                 action: GrantAction, purpose: str) -> TenantRole:
    engine, tenant_id, domain = _administering(info)
    grants = await tenant_rules.revoke(engine, tenant_id, role, category, action.value, purpose)
    return _role(engine, domain, role, grants)


async def assign_role(info: strawberry.Info, user_id: strawberry.ID, role: str) -> UserRoles:
    engine, tenant_id, _domain = _administering(info, Resource.USERS)
    held = await tenant_rules.assign(engine, tenant_id, _user_id(user_id), role,
                                     caller=info.context.access.principal.subject)
    return UserRoles(user_id=strawberry.ID(f"user:{_user_id(user_id)}"), roles=sorted(held))


async def revoke_role(info: strawberry.Info, user_id: strawberry.ID, role: str) -> UserRoles:
    engine, tenant_id, _domain = _administering(info, Resource.USERS)
    held = await tenant_rules.unassign(engine, tenant_id, _user_id(user_id), role,
                                       caller=info.context.access.principal.subject)
    return UserRoles(user_id=strawberry.ID(f"user:{_user_id(user_id)}"), roles=sorted(held))
