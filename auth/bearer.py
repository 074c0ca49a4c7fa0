"""`Authorization: Bearer …`: a login session (`sps_…`) or a partner API token (`spt_…`), told
apart by their prefix, so each kind costs its own single lookup and nothing more."""

from auth.sessions import principal_for_token
from auth.tokens import PREFIX as API_TOKEN_PREFIX
from auth.tokens import principal_for_api_token
from policies.decision import Principal


def bearer_token(authorization: str) -> str | None:
    return authorization[7:].strip() or None if authorization[:7].lower() == "bearer " else None


async def principal_for_bearer(token: str | None) -> Principal | None:
    if token and token.startswith(API_TOKEN_PREFIX):
        return await principal_for_api_token(token)
    return await principal_for_token(token)
