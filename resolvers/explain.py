"""explainAccess: the decision for one principal, contact, field and purpose, with its reasons."""

from dataclasses import replace

import strawberry
from strawberry.types.base import get_object_definition

from models import User
from policies.errors import CodedError, not_found
from policies.explain import Explanation, explain
from policies.fields import categories_of
from policies.vocabulary import Action, ErrorCode, Resource
from models.ids import parse_id
from schema.auth import AccessDecision
from schema.contacts import Contact


def _category_of_field(info, name: str):
    """The category of a Contact field given by its GraphQL name; None for structural fields."""
    converter = info.schema.config.name_converter
    for field in get_object_definition(Contact, strict=True).fields:
        if converter.get_graphql_name(field) == name:
            return categories_of(Contact).get(field.python_name)
    raise CodedError(ErrorCode.BAD_USER_INPUT, f"field: Contact has no field {name!r}.")


def narrowed_by_scope(access, result: Explanation, category, purpose: str) -> Explanation:
    """A token's scope narrows an explanation as it narrows the decision (rules 3 and 4)."""
    if result.code in (ErrorCode.NOT_FOUND, ErrorCode.PURPOSE_NOT_ALLOWED):
        return result
    if not access.may_declare(purpose):
        return replace(result, allowed=False, code=ErrorCode.PURPOSE_NOT_ALLOWED,
                       reason=f"Rule 3: purpose {purpose!r} is outside the token's scope.")
    if (result.code is not ErrorCode.FORBIDDEN and category is not None
            and not access.can_for(category, Action.READ, purpose)):
        return replace(result, allowed=False, code=ErrorCode.FORBIDDEN,
                       reason=f"Rule 4: reading {category.value} is outside the token's scope.")
    return result


async def explain_access(info: strawberry.Info, contact_id: strawberry.ID, field: str, purpose: str,
                         principal_id: strawberry.ID | None = None) -> AccessDecision:
    access = info.context.access
    caller = access.principal
    subject = caller.subject
    if principal_id is not None and principal_id != caller.subject:
        access.require_administration(Resource.PRINCIPALS, Action.EXPLAIN)
        user_id = parse_id(principal_id.removeprefix("user:"), User)
        if not await caller.tenant_scope.rows(User).filter(id=user_id or 0).exists():
            raise not_found()
        subject = f"user:{user_id}"
    category = _category_of_field(info, field)
    result = await explain(access.engine, subject, caller.tenant_id, parse_id(contact_id), category, purpose)
    if caller.scope is not None:
        result = narrowed_by_scope(access, result, category, purpose)
    return AccessDecision(allowed=result.allowed, code=result.code.value if result.code else None,
                          reason=result.reason, category=category.value if category else None,
                          rules=result.lines)
