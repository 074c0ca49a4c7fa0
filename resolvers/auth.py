"""Login, logout, and what the caller may do."""

import strawberry

from auth import sessions
from models import Tenant, User
from policies.errors import CodedError
from policies.vocabulary import Action, ErrorCode, Purpose as BuiltinPurpose, Resource
from schema.auth import Principal, Purpose, Session

BUILTIN = {p.value for p in BuiltinPurpose}


async def login(info: strawberry.Info, tenant: str, email: str, password: str) -> Session:
    token, expires_at = await sessions.login(tenant, email, password)
    return Session(token=token, expires_at=expires_at)


async def logout(info: strawberry.Info) -> bool:
    principal = info.context.access.principal
    if principal.session_id is None:
        raise CodedError(ErrorCode.BAD_USER_INPUT, "Only login sessions can log out.")
    await sessions.logout(principal.session_id)
    return True


def _granted(access, purpose: str) -> bool:
    principal = access.principal
    return access.engine.permits(principal.subject, principal.domain, Resource.PURPOSE.value,
                                 Action.USE.value, purpose)


async def me(info: strawberry.Info) -> Principal:
    access = info.context.access
    principal = access.principal
    tenant = await Tenant.get(id=principal.tenant_id)
    user = await User.get_or_none(id=principal.user_id) if principal.user_id else None
    purposes = sorted(p for p in access.engine.known_purposes(principal.domain) if _granted(access, p))
    return Principal(id=strawberry.ID(principal.subject), kind="USER" if user else "API_TOKEN",
                     tenant=tenant.slug, email=user.email if user else None,
                     roles=sorted(access.engine.roles_of(principal.subject, principal.domain)),
                     purposes=purposes)


async def purposes(info: strawberry.Info) -> list[Purpose]:
    access = info.context.access
    domain = access.principal.domain
    return [Purpose(name=name, lawful_basis=basis, built_in=name in BUILTIN and line_domain == "*",
                    granted=_granted(access, name))
            for name, basis, line_domain in sorted(access.engine.enforcer.get_named_grouping_policy("g2"))
            if line_domain in ("*", domain)]
