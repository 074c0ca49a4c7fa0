"""createApiToken, apiTokens, revokeApiToken: tenant administration (`tokens manage`)."""

import strawberry

from auth import tokens
from auth.sessions import now
from policies.errors import not_found
from policies.vocabulary import Action, Resource
from models import ApiToken as ApiTokenRow
from models.ids import parse_id
from schema.tokens import ApiToken, ApiTokenInput, NewApiToken


def to_api_token(row: dict) -> ApiToken:
    return ApiToken(
        id=strawberry.ID(str(row["id"])), name=row["name"], prefix=row["prefix"],
        purposes=row["purposes"], categories=row["categories"], actions=row["actions"],
        issued_by=strawberry.ID(f"user:{row['issued_by_id']}"), issuer_email=row["issuer_email"],
        created_at=row["created_at"], last_used_at=row["last_used_at"],
        expires_at=row["expires_at"], revoked_at=row["revoked_at"],
        active=row["revoked_at"] is None and row["expires_at"] > now())


def _administering(info) -> int:
    access = info.context.access
    access.require_administration(Resource.TOKENS, Action.MANAGE)
    return access.principal.tenant_id


async def api_tokens(info: strawberry.Info) -> list[ApiToken]:
    """Every token of the tenant, newest first, revoked and expired ones included."""
    return [to_api_token(row) for row in await tokens.token_rows(_administering(info))]


async def create_api_token(info: strawberry.Info, input: ApiTokenInput) -> NewApiToken:
    row, secret = await tokens.issue(info.context.access, input.name, input.purposes,
                                     input.categories, input.actions, input.expires_at)
    return NewApiToken(token=to_api_token(row), secret=secret)


async def revoke_api_token(info: strawberry.Info, id: strawberry.ID) -> ApiToken:
    tenant_id = _administering(info)
    row = await tokens.revoke(tenant_id, parse_id(id, ApiTokenRow) or 0)
    if row is None:  # never issued, or another tenant's: the same answer
        raise not_found()
    return to_api_token(row)
