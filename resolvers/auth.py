"""Login, logout, and what the caller may do."""

import strawberry

from auth import sessions
from auth.ratelimit import RateLimited
from dbscope import SYSTEM, scope
from models import Tenant, User
from policies.errors import CodedError
from policies.vocabulary import ErrorCode, Purpose as BuiltinPurpose
from schema.auth import Principal, Purpose, Session

BUILTIN = {p.value for p in BuiltinPurpose}


async def login(info: strawberry.Info, tenant: str, email: str, password: str) -> Session:
    request = info.context.request
    address = request.client.host if request.client else None
    try:  # failed logins are limited per account and per address (auth/ratelimit.py)
        async with request.app.state.limiter.login_attempt(tenant, email, address):
            with scope(SYSTEM):  # authentication: the tenant is what the caller claims
                token, expires_at = await sessions.login(tenant, email, password)
    except RateLimited as limited:
        raise limited.refuse(info.context.response) from None
    return Session(token=token, expires_at=expires_at)


async def logout(info: strawberry.Info) -> bool:
    principal = info.context.access.principal
    if principal.session_id is None:
        raise CodedError(ErrorCode.BAD_USER_INPUT, "Only login sessions can log out.")
    await sessions.logout(principal.tenant_scope, principal.session_id)
    return True


async def me(info: strawberry.Info) -> Principal:
    access = info.context.access
    principal = access.principal
    tenant = await Tenant.get(id=principal.tenant_id)
    user = (await access.rows(User).get_or_none(id=principal.user_id)
            if principal.user_id else None)
    purposes = sorted(p for p in access.engine.known_purposes(principal.domain) if access.may_declare(p))
    return Principal(id=strawberry.ID(principal.actor), kind="USER" if user else "API_TOKEN",
                     tenant=tenant.slug, email=user.email if user else None,
                     roles=sorted(access.engine.roles_of(principal.subject, principal.domain))
                     if user else [],  # a token has a scope, not roles (see apiTokens)
                     purposes=purposes)


async def purposes(info: strawberry.Info) -> list[Purpose]:
    access = info.context.access
    domain = access.principal.domain
    # The purposes in effect in the tenant (built-in and its own; engine.purpose_bases).
    return [Purpose(name=name, lawful_basis=basis, built_in=name in BUILTIN and built_in,
                    granted=access.may_declare(name))
            for name, basis, built_in in sorted(access.engine.purpose_bases(domain))]
