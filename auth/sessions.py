"""Login sessions: opaque bearer tokens, stored only as a keyed hash, remembered per worker while
the tenant's credential version is unchanged (auth/credentials.py): logout, expiry and a
deactivated user take effect on the next request on every worker."""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta, timezone

from tortoise import connections

from auth.credentials import Checked, authenticate
from config import settings
from auth.passwords import hash_password, needs_rehash, verify_password
from data.scope import TenantScope
from models import Session, Tenant, User
from policies.decision import Principal
from policies.errors import CodedError
from policies.versions import placeholder
from policies.vocabulary import ErrorCode

SESSION_PREFIX = "sps_"


def token_digest(token: str) -> str:
    return hmac.new(settings().secret_key, token.encode(), hashlib.sha256).hexdigest()


def now() -> datetime:
    return datetime.now(timezone.utc)


async def login(tenant_slug: str, email: str, password: str) -> tuple[str, datetime]:
    """One answer, in the same time, for an unknown tenant, an unknown email and a wrong password:
    the password is always verified against some argon2id hash."""
    tenant = await Tenant.get_or_none(slug=tenant_slug)
    # The user is looked up in an unknown tenant too (id 0 has none): the same two statements.
    user = await TenantScope(tenant.id if tenant else 0).rows(User).filter(
        email=email.strip().lower(), is_active=True).first()
    ok = await verify_password(user.password_hash if user else None, password)
    if user is None or not ok:
        raise CodedError(ErrorCode.UNAUTHENTICATED, "Invalid tenant, email or password.")
    if needs_rehash(user.password_hash):
        user.password_hash = await hash_password(password)
        await user.save(update_fields=["password_hash"])
    token = SESSION_PREFIX + secrets.token_urlsafe(32)
    expires_at = now() + timedelta(seconds=settings().session_ttl_seconds)
    await TenantScope(user.tenant_id).create(Session, user_id=user.id,
                                             token_hash=token_digest(token), expires_at=expires_at)
    return token, expires_at


# One statement, written out (as auth/tokens.py's): the session, its user still active, and the
# tenant's versions (policies/versions.py).
LOOKUP = ("SELECT s.id, s.tenant_id, s.user_id, s.expires_at, n.policy_version, n.credential_version"
          " FROM session s JOIN app_user u ON u.id = s.user_id JOIN tenant n ON n.id = s.tenant_id"
          " WHERE s.token_hash = {0} AND s.revoked_at IS NULL AND s.expires_at > {1}"
          " AND u.is_active LIMIT 1")
_EXPIRES = Session._meta.fields_map["expires_at"]


async def _lookup(digest: str, moment: datetime) -> Checked | None:
    connection = connections.get("default")
    sql = LOOKUP.format(placeholder(connection, 1), placeholder(connection, 2))
    rows = await connection.execute_query_dict(sql, [digest, _EXPIRES.to_db_value(moment, Session)])
    if not rows:
        return None
    row = rows[0]
    principal = Principal(subject=f"user:{row['user_id']}", tenant_id=row["tenant_id"],
                          user_id=row["user_id"], session_id=row["id"],
                          policy_version=row["policy_version"])
    return Checked(principal, _EXPIRES.to_python_value(row["expires_at"]), row["credential_version"])


async def principal_for_token(token: str | None) -> Principal | None:
    """The principal a bearer token stands for, or None when it is unknown, expired or revoked."""
    if not token or not token.startswith(SESSION_PREFIX):
        return None
    moment = now()
    digest = token_digest(token)
    checked = await authenticate(digest, moment, lambda: _lookup(digest, moment))
    return checked.principal if checked else None


async def logout(scope: TenantScope, session_id: int) -> None:
    """Revoke the session (a trigger bumps the tenant's credential version in the same statement)."""
    await scope.rows(Session).filter(id=session_id, revoked_at__isnull=True).update(
        revoked_at=now())

