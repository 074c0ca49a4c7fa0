"""A tenant's own policy: purposes (with a lawful basis), role grants and role assignments, as
Casbin lines of the tenant's domain stored through the engine.

What is checked here is what an admin can be told about ("that name is reserved"); what a tenant
line can *do* is bounded by the model itself (model.conf's matchers, policy.csv's `g3` groups and
`p2` deny lines), whatever is stored. Every name the checks use comes from those lines too.

Lines written:
    g2, <purpose>, <basis>, tenant:N                                a purpose of the tenant
    p, <role>, tenant:N, <category>, <read|write>, <purpose>, allow  a grant to a role
    p, <role>, tenant:N, purpose, use, <purpose>, allow              kept while the role has a grant
    g, user:<id>, <role>, tenant:N                                  a role assignment

Each operation runs in `PolicyEngine.change`: its checks and its answer read the tenant's lines as
the database holds them, under the tenant row's lock, never this process's copy (which another
worker's change may have left behind)."""

import re
from collections import defaultdict

from data.scope import TenantScope
from models import User
from models.ids import parse_id
from policies.engine import PolicyEngine, domain_of
from policies.errors import CodedError, not_found
from policies.tenant_policy import BUILTIN_PURPOSE, RESERVED_BASIS, RESERVED_PURPOSE, TENANT_GRANTABLE
from policies.vocabulary import ADMINISTRATION, Action, ErrorCode, LawfulBasis, Resource

NAME = re.compile(r"[a-z][a-z0-9_]{1,47}")
GRANT_ACTIONS = (Action.READ.value, Action.WRITE.value)
PURPOSE, USE = Resource.PURPOSE.value, Action.USE.value


def _bad(reason: str) -> CodedError:
    return CodedError(ErrorCode.BAD_USER_INPUT, reason)


def _name(value: str, what: str) -> str:
    if not NAME.fullmatch(value or ""):
        raise _bad(f"{what}: 2 to 48 characters: lowercase letters, digits and _, starting with a letter.")
    return value


def builtin_roles(engine: PolicyEngine) -> frozenset[str]:
    """Roles the built-in policy grants something to."""
    return frozenset(line[1] for line in engine.builtin.lines if line[0] == "p")


def _own(engine: PolicyEngine, domain: str, ptype: str) -> list[tuple[str, ...]]:
    return [line for line in engine.tenant_lines(domain) if line[0] == ptype]


# -- purposes ---------------------------------------------------------------------------------------
async def add_purpose(engine: PolicyEngine, tenant_id: int, name: str, basis: str) -> tuple[str, str]:
    return await engine.change(tenant_id, lambda view: _add_purpose(view, tenant_id, name, basis))


async def _add_purpose(engine: PolicyEngine, tenant_id: int, name: str, basis: str) -> tuple[str, str]:
    domain = domain_of(tenant_id)
    _name(name, "name")
    if engine.in_group(domain, name, BUILTIN_PURPOSE):
        raise _bad(f"name: {name!r} is a built-in purpose or a reserved name.")
    if basis not in {b.value for b in LawfulBasis} or engine.in_group(domain, basis, RESERVED_BASIS):
        raise _bad(f"lawfulBasis: a purpose of the tenant cannot have the basis {basis!r}.")
    if name in engine.known_purposes(domain):
        raise _bad(f"name: {name!r} is already a purpose of the tenant; remove it first.")
    await engine.add_lines(tenant_id, [["g2", name, basis, domain]])
    return name, basis


async def remove_purpose(engine: PolicyEngine, tenant_id: int, name: str) -> int:
    """Remove the purpose and every grant for it; returns the number of lines removed."""
    return await engine.change(tenant_id, lambda view: _remove_purpose(view, tenant_id, name))


async def _remove_purpose(engine: PolicyEngine, tenant_id: int, name: str) -> int:
    domain = domain_of(tenant_id)
    lines = [line for line in engine.tenant_lines(domain)
             if (line[0] == "g2" and line[1] == name) or (line[0] == "p" and line[5] == name)]
    if not any(line[0] == "g2" for line in lines):
        raise _bad(f"name: {name!r} is not a purpose of the tenant's own.")
    return len(await engine.remove_lines(tenant_id, lines))


# -- role grants ------------------------------------------------------------------------------------
def _check_grant(engine: PolicyEngine, domain: str, role: str, category: str, action: str,
                 purpose: str) -> None:
    _name(role, "role")
    if category == PURPOSE or not engine.in_group(domain, category, TENANT_GRANTABLE):
        raise _bad(f"category: {category!r} cannot be granted by a tenant rule.")
    if action not in GRANT_ACTIONS:
        raise _bad("action: read or write.")
    if purpose not in engine.known_purposes(domain) or engine.in_group(domain, purpose, RESERVED_PURPOSE):
        raise _bad(f"purpose: {purpose!r} is not a purpose a tenant rule can grant.")
    if role in builtin_roles(engine) and engine.in_group(domain, purpose, BUILTIN_PURPOSE):
        raise _bad(f"role: the built-in role {role!r} keeps its built-in rights for built-in purposes "
                   "(policy.md §5); grant a role of your own, or a purpose of the tenant's own.")


async def grant(engine: PolicyEngine, tenant_id: int, role: str, category: str, action: str,
                purpose: str) -> list[tuple[str, str, str]]:
    """Grant one right to a role; returns the role's grants now."""
    async def edit(view: PolicyEngine) -> list[tuple[str, str, str]]:
        domain = domain_of(tenant_id)
        _check_grant(view, domain, role, category, action, purpose)
        await view.add_lines(tenant_id, [["p", role, domain, category, action, purpose, "allow"],
                                         ["p", role, domain, PURPOSE, USE, purpose, "allow"]])
        return roles(view, domain).get(role, [])
    return await engine.change(tenant_id, edit)


async def revoke(engine: PolicyEngine, tenant_id: int, role: str, category: str, action: str,
                 purpose: str) -> list[tuple[str, str, str]]:
    """Remove one grant (and the role's use of the purpose when no grant for it is left);
    returns the role's grants now."""
    async def edit(view: PolicyEngine) -> list[tuple[str, str, str]]:
        domain = domain_of(tenant_id)
        line = ("p", role, domain, category, action, purpose, "allow")
        grants = [g for g in _own(view, domain, "p") if g[1] == role and g[5] == purpose]
        if line in grants:
            rest = [g for g in grants if g != line and g[3] != PURPOSE]
            gone = [line] + ([("p", role, domain, PURPOSE, USE, purpose, "allow")] if not rest else [])
            await view.remove_lines(tenant_id, gone)
        return roles(view, domain).get(role, [])
    return await engine.change(tenant_id, edit)


def roles(engine: PolicyEngine, domain: str) -> dict[str, list[tuple[str, str, str]]]:
    """Role -> its grants by tenant rules: (category, action, purpose)."""
    result = defaultdict(list)
    for line in _own(engine, domain, "p"):
        if line[3] != PURPOSE:
            result[line[1]].append((line[3], line[4], line[5]))
    return dict(sorted(result.items()))


# -- role assignments -------------------------------------------------------------------------------
async def _user(tenant_id: int, user_id: int | None) -> User:
    user = await TenantScope(tenant_id).rows(User).get_or_none(id=user_id or 0)
    if user is None:
        raise not_found()  # another tenant's user does not exist for the caller
    return user


def _require_rights_of(engine: PolicyEngine, domain: str, caller: str, role: str) -> None:
    """No escalation: a caller hands out or takes away only a role whose every built-in right it
    holds itself (as a token never exceeds its issuer). So an admin, who may not read `sensitive`
    nor use `legal_compliance`, cannot make anyone — itself included — a dpo; the first dpo of a
    tenant is appointed by the operator (`salesplus user create --role dpo`). Rights from tenant
    rules are the policy manager's own to define, and the model keeps them below the built-in
    guarantees, so they are not compared."""
    granted = [line for line in engine.builtin.lines
               if line[0] == "p" and line[1] == role and line[-1] == "allow"]
    for _p, _role, _dom, obj, action, purpose, _eft in granted:
        if not engine.permits(caller, domain, obj, action, purpose) and engine.permits(
                role, domain, obj, action, purpose):
            raise CodedError(ErrorCode.FORBIDDEN, f"role: {role!r} holds rights the caller does not "
                             f"hold ({obj} {action} for {purpose}).")


async def assign(engine: PolicyEngine, tenant_id: int, user_id: int | None, role: str,
                 caller: str) -> list[str]:
    """Give the user `role`; returns the roles the user holds now (as stored)."""
    return await engine.change(tenant_id, lambda view: _assign(view, tenant_id, user_id, role, caller))


async def _assign(engine: PolicyEngine, tenant_id: int, user_id: int | None, role: str,
                  caller: str) -> list[str]:
    domain = domain_of(tenant_id)
    user = await _user(tenant_id, user_id)
    if role not in builtin_roles(engine) and role not in roles(engine, domain):
        raise _bad(f"role: {role!r} is neither a built-in role nor one the tenant granted something to.")
    _require_rights_of(engine, domain, caller, role)
    await engine.assign_role(user.subject, role, domain)
    return engine.roles_of(user.subject, domain)


async def unassign(engine: PolicyEngine, tenant_id: int, user_id: int | None, role: str,
                   caller: str) -> list[str]:
    """Take `role` from the user; returns the roles the user holds now (as stored)."""
    return await engine.change(tenant_id, lambda view: _unassign(view, tenant_id, user_id, role, caller))


async def _unassign(engine: PolicyEngine, tenant_id: int, user_id: int | None, role: str,
                    caller: str) -> list[str]:
    domain = domain_of(tenant_id)
    user = await _user(tenant_id, user_id)
    _require_rights_of(engine, domain, caller, role)
    if role in engine.roles_of(user.subject, domain) and await _locks_out(engine, domain, user, role):
        raise _bad("role: the tenant would have no active user left who manages users and roles.")
    await engine.revoke_role(user.subject, role, domain)
    return engine.roles_of(user.subject, domain)


async def _locks_out(engine: PolicyEngine, domain: str, user: User, role: str) -> bool:
    """Whether taking `role` from `user` leaves no active user who may manage users. (A role name
    as the subject asks what that role grants: in Casbin every name holds itself.)"""
    def manages(subject: str) -> bool:
        return engine.permits(subject, domain, Resource.USERS.value, Action.MANAGE.value, ADMINISTRATION)

    if not manages(user.subject):
        return False
    if any(manages(other) for other in engine.roles_of(user.subject, domain) if other != role):
        return False
    subjects = {line[1] for line in _own(engine, domain, "g") if line[1] != user.subject}
    ids = [parse_id(s[5:], User) for s in subjects if s.startswith("user:")]
    ids = [user_id for user_id in ids if user_id is not None]
    users = TenantScope(user.tenant_id).rows(User)
    active = await users.filter(id__in=ids, is_active=True).values_list("id", flat=True)
    return not any(manages(f"user:{user_id}") for user_id in active)
