"""Partner API tokens: the secret's format, issuing within the issuer's rights, and checking a
presented token with one indexed lookup.

Format, as GitHub's tokens: `spt_` + 30 random base62 characters (178 bits from `secrets`) + 6
base62 characters of the CRC32 of the random part. The prefix makes a leaked token recognisable
(secret scanners, logs); the checksum turns away typos and garbage without a database query.
Only HMAC-SHA256(server secret, token) is stored: a database leak yields no usable token, and no
slow KDF is needed, since 178 random bits leave nothing to guess.

A token acts with its issuer's *current* rights (the Casbin subject is the issuer), narrowed by
its scope (`policies.decision.TokenScope`): demote the issuer and the token loses the right;
deactivate or delete the issuer and the token no longer authenticates."""

import re
import secrets
import string
import zlib
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from tortoise import connections

from auth.credentials import Checked, authenticate, remembered
from auth.sessions import now, token_digest
from data.scope import TenantScope
from models import ApiToken
from policies.decision import Access, Principal, TokenScope
from policies.errors import CodedError
from policies.versions import placeholder
from policies.vocabulary import Action, Category, ErrorCode, Resource

PREFIX = "spt_"
ALPHABET = string.digits + string.ascii_uppercase + string.ascii_lowercase
RANDOM_LENGTH = 30
CHECKSUM_LENGTH = 6  # 62**6 > 2**32: a CRC32 fits
SHAPE = re.compile(rf"{PREFIX}[0-9A-Za-z]{{{RANDOM_LENGTH + CHECKSUM_LENGTH}}}")
# Kept and listed to recognise a token: the prefix and 8 random characters, leaving 22 unknown
# characters (131 bits) of the secret.
SHOWN_LENGTH = len(PREFIX) + 8
MAX_LIFETIME = timedelta(days=365)
MAX_NAME = 200
TOKEN_ACTIONS = (Action.READ, Action.WRITE)  # policy.md §1
# last_used_at is written at most once per this interval, so authenticating stays one read.
LAST_USED_PRECISION = timedelta(minutes=1)
ROW_COLUMNS = ("id", "name", "prefix", "purposes", "categories", "actions", "issued_by_id",
               "created_at", "last_used_at", "expires_at", "revoked_at")


def _base62(number: int, width: int) -> str:
    digits = []
    for _ in range(width):
        number, digit = divmod(number, 62)
        digits.append(ALPHABET[digit])
    return "".join(reversed(digits))


def _checksum(body: str) -> str:
    return _base62(zlib.crc32(body.encode()), CHECKSUM_LENGTH)


def new_secret() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return PREFIX + body + _checksum(body)


def well_formed(token: str) -> bool:
    """Prefix, length, alphabet and checksum: no database query for a malformed token."""
    if not SHAPE.fullmatch(token):
        return False
    body = token[len(PREFIX):len(PREFIX) + RANDOM_LENGTH]
    return _checksum(body) == token[-CHECKSUM_LENGTH:]


# -- issuing ----------------------------------------------------------------------------------
def _bad(reason: str) -> CodedError:
    return CodedError(ErrorCode.BAD_USER_INPUT, reason)


def _names(what: str, given: list[str], allowed: set[str]) -> frozenset[str]:
    if not given:
        raise _bad(f"{what}: name at least one.")
    unknown = sorted(set(given) - allowed)
    if unknown:
        raise _bad(f"{what}: unknown {', '.join(map(repr, unknown))}; use {', '.join(sorted(allowed))}.")
    return frozenset(given)


def scope_of(access: Access, purposes: list[str], categories: list[str],
             actions: list[str]) -> TokenScope:
    """The scope asked for, with every name checked against the vocabulary and the tenant."""
    known = set(access.engine.known_purposes(access.principal.domain))
    return TokenScope(purposes=_names("purposes", purposes, known),
                      categories=_names("categories", categories, {c.value for c in Category}),
                      actions=_names("actions", actions, {a.value for a in TOKEN_ACTIONS}))


def require_within_rights(access: Access, scope: TokenScope) -> None:
    """Every purpose x category x action of the scope must be the issuer's own right now: an
    issuer cannot hand out what it does not hold (policy.md §1)."""
    for purpose in sorted(scope.purposes):
        if not access.can_for(Resource.PURPOSE, Action.USE, purpose):
            raise CodedError(ErrorCode.FORBIDDEN,
                             f"Cannot grant purpose {purpose!r}: the issuer may not use it.")
        for category in sorted(scope.categories):
            for action in sorted(scope.actions):
                if not access.can_for(Category(category), Action(action), purpose):
                    raise CodedError(ErrorCode.FORBIDDEN,
                                     f"Cannot grant {action} {category} for purpose {purpose!r}: "
                                     "the issuer does not hold that right.")


def checked_expiry(expires_at: datetime, moment: datetime) -> datetime:
    if expires_at.tzinfo is None:
        expires_at = expires_at.replace(tzinfo=timezone.utc)
    if expires_at <= moment:
        raise _bad("expiresAt: must be in the future.")
    if expires_at > moment + MAX_LIFETIME:
        raise _bad(f"expiresAt: at most {MAX_LIFETIME.days} days ahead.")
    return expires_at


def checked_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > MAX_NAME or not name.isprintable():
        raise _bad(f"name: 1 to {MAX_NAME} printable characters.")
    return name


async def issue(access: Access, name: str, purposes: list[str], categories: list[str],
                actions: list[str], expires_at: datetime) -> tuple[dict, str]:
    """Create a token for the caller's tenant; returns its row and the secret (shown once)."""
    access.require_administration(Resource.TOKENS, Action.MANAGE)
    principal = access.principal
    if principal.user_id is None:  # tokens are refused above; this keeps the issuer a person
        raise CodedError(ErrorCode.FORBIDDEN, "Only a user may issue tokens.")
    name = checked_name(name)
    scope = scope_of(access, purposes, categories, actions)
    require_within_rights(access, scope)
    expires_at = checked_expiry(expires_at, now())
    secret = new_secret()
    token = await principal.tenant_scope.create(
        ApiToken, name=name, prefix=secret[:SHOWN_LENGTH],
        token_hash=token_digest(secret), purposes=sorted(scope.purposes),
        categories=sorted(scope.categories), actions=sorted(scope.actions),
        issued_by_id=principal.user_id, expires_at=expires_at)
    return await token_row(principal.tenant_id, token.id), secret


# -- listing and revoking ------------------------------------------------------------------------
async def token_rows(tenant_id: int, token_id: int | None = None) -> list[dict]:
    """Tokens of one tenant, newest first, with the issuer's email; never the hash."""
    query = TenantScope(tenant_id).rows(ApiToken)
    if token_id is not None:
        query = query.filter(id=token_id)
    return await query.order_by("-created_at", "-id").values(
        *ROW_COLUMNS, issuer_email="issued_by__email")


async def token_row(tenant_id: int, token_id: int) -> dict | None:
    rows = await token_rows(tenant_id, token_id)
    return rows[0] if rows else None


async def revoke(tenant_id: int, token_id: int) -> dict | None:
    """Revoke at once: the next request with it, on any worker, is UNAUTHENTICATED (a trigger
    bumps the tenant's credential version in the same statement); None if the tenant has no
    such token. Revoking twice keeps the first time."""
    await TenantScope(tenant_id).rows(ApiToken).filter(id=token_id, revoked_at__isnull=True).update(
        revoked_at=now())
    return await token_row(tenant_id, token_id)


# -- authenticating --------------------------------------------------------------------------
# One statement, written out once per dialect: building it through the ORM costs ~0.25 ms of
# Python per request (8x the query itself on SQLite), which would be most of a small request.
LOOKUP = ("SELECT t.id, t.tenant_id, t.issued_by_id, t.purposes, t.categories, t.actions,"
          " t.last_used_at, t.expires_at, n.policy_version, n.credential_version"
          " FROM api_token t JOIN app_user u ON u.id = t.issued_by_id JOIN tenant n ON n.id = t.tenant_id"
          " WHERE t.token_hash = {0} AND t.revoked_at IS NULL AND t.expires_at > {1}"
          " AND u.is_active LIMIT 1")
_FIELDS = ApiToken._meta.fields_map


async def _lookup(digest: str, moment: datetime) -> Checked | None:
    connection = connections.get("default")
    sql = LOOKUP.format(placeholder(connection, 1), placeholder(connection, 2))
    rows = await connection.execute_query_dict(sql, [
        digest, _FIELDS["expires_at"].to_db_value(moment, ApiToken)])
    if not rows:
        return None
    row = rows[0]
    scope = TokenScope(*(frozenset(_FIELDS[name].to_python_value(row[name]))
                         for name in ("purposes", "categories", "actions")))
    principal = Principal(subject=f"user:{row['issued_by_id']}", tenant_id=row["tenant_id"],
                          token_id=row["id"], scope=scope, policy_version=row["policy_version"])
    return Checked(principal, _FIELDS["expires_at"].to_python_value(row["expires_at"]),
                   row["credential_version"],
                   _FIELDS["last_used_at"].to_python_value(row["last_used_at"]))


async def principal_for_api_token(token: str) -> Principal | None:
    """The principal of a valid token (well formed, known, not expired, not revoked, issuer
    active), or None. One statement per request (auth/credentials.py); a write at most once a
    minute for last_used_at."""
    if not well_formed(token):
        return None
    moment = now()
    digest = token_digest(token)
    checked = await authenticate(digest, moment, lambda: _lookup(digest, moment))
    if checked is None:
        return None
    if checked.last_used_at is None or moment - checked.last_used_at >= LAST_USED_PRECISION:
        await checked.principal.tenant_scope.rows(ApiToken).filter(
            id=checked.principal.token_id).update(last_used_at=moment)
        remembered.remember(digest, replace(checked, last_used_at=moment))
    return checked.principal
