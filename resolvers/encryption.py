"""encryptCategory: a tenant opts a further data category into encryption at rest (admin, like
the tenant's other policy: `policy manage`). The audit trail records the operation as it records
every mutation; the opt-in row keeps who and when. See docs/security.md."""

import strawberry

from data import sealed
from policies.errors import CodedError
from policies.vocabulary import Action, Category, ErrorCode, Resource


async def encrypt_category(info: strawberry.Info, category: str) -> list[str]:
    access = info.context.access
    access.require_administration(Resource.POLICY, Action.MANAGE)
    chosen = next((c for c in sealed.OPTIONAL if c.value == category), None)
    if chosen is None:
        raise CodedError(ErrorCode.BAD_USER_INPUT, "category: one of "
                         f"{', '.join(sorted(c.value for c in sealed.OPTIONAL))} "
                         f"({Category.SENSITIVE.value} always is encrypted).")
    principal = access.principal
    return sorted(c.value for c in await sealed.opt_in(principal.tenant_id, chosen,
                                                       principal.user_id))
