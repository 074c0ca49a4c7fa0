"""Login sessions: opaque bearer tokens, stored only as a keyed hash."""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta, timezone

from config import settings
from models import Session, User
from auth.passwords import hash_password, needs_rehash, verify_password
from policies.decision import Principal
from policies.errors import CodedError
from policies.vocabulary import ErrorCode

SESSION_PREFIX = "sps_"


def token_digest(token: str) -> str:
    return hmac.new(settings().secret_key, token.encode(), hashlib.sha256).hexdigest()


def now() -> datetime:
    return datetime.now(timezone.utc)


async def login(tenant_slug: str, email: str, password: str) -> tuple[str, datetime]:
    """One answer, in the same time, for an unknown tenant, an unknown email and a wrong password:
    the password is always verified against some argon2id hash."""
    user = await User.filter(tenant__slug=tenant_slug, email=email.strip().lower(),
                             is_active=True).first()
    ok = await verify_password(user.password_hash if user else None, password)
    if user is None or not ok:
        raise CodedError(ErrorCode.UNAUTHENTICATED, "Invalid tenant, email or password.")
    if needs_rehash(user.password_hash):
        user.password_hash = await hash_password(password)
        await user.save(update_fields=["password_hash"])
    token = SESSION_PREFIX + secrets.token_urlsafe(32)
    expires_at = now() + timedelta(seconds=settings().session_ttl_seconds)
    await Session.create(tenant_id=user.tenant_id, user_id=user.id, token_hash=token_digest(token),
                         expires_at=expires_at)
    return token, expires_at


async def principal_for_token(token: str | None) -> Principal | None:
    """The principal a bearer token stands for, or None when it is unknown, expired or revoked."""
    if not token or not token.startswith(SESSION_PREFIX):
        return None
    session = await Session.filter(token_hash=token_digest(token), revoked_at__isnull=True,
                                   expires_at__gt=now(), user__is_active=True).first()
    if session is None:
        return None
    return Principal(subject=f"user:{session.user_id}", tenant_id=session.tenant_id,
                     user_id=session.user_id, session_id=session.id)


async def logout(session_id: int) -> None:
    await Session.filter(id=session_id, revoked_at__isnull=True).update(revoked_at=now())

