"""Erasure blocks: an erased person must not come back through an import (GDPR Art. 17).

What is kept is a keyed hash (HMAC-SHA256 under the server secret, SALESPLUS_SECRET_KEY) of the
normalized email and of the externalRef, each under its own label, never the values. Without the
key the hashes cannot be tested against a list of guessed emails. Consequence: rotating the
secret key voids every block (and every unsubscribe link); keep the key.

A block is lifted only by an explicit admin act (`liftErasureBlock`), which is recorded."""

import hashlib
import hmac
from datetime import datetime, timezone

from tortoise.queryset import QuerySet

from config import settings
from data.scope import TenantScope
from models import ErasureBlock
from policies.errors import CodedError
from policies.vocabulary import ErrorCode

EMAIL = "email"
EXTERNAL_REF = "externalRef"


def normalize(kind: str, value: str) -> str:
    """Emails compare without case and surrounding space; external references exactly."""
    return value.strip().casefold() if kind == EMAIL else value


def key_hash(kind: str, value: str, secret: bytes | None = None) -> str:
    key = secret if secret is not None else settings().secret_key
    message = f"{kind}:{normalize(kind, value)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def hashes_of(email: str | None, external_ref: str | None) -> dict[str, str]:
    """{hash: field} for the values present."""
    found = {}
    if email:
        found[key_hash(EMAIL, email)] = EMAIL
    if external_ref:
        found[key_hash(EXTERNAL_REF, external_ref)] = EXTERNAL_REF
    return found


def _in_force(scope: TenantScope) -> QuerySet[ErasureBlock]:
    """The tenant's blocks not lifted."""
    return scope.rows(ErasureBlock).filter(lifted_at__isnull=True)


async def block(tenant_id: int, hashes: dict[str, str]) -> int:
    """Write a block per hash not blocked already; returns how many blocks are now in force for
    the contact. Call inside the erasure's transaction."""
    scope = TenantScope(tenant_id)
    active = set(await _in_force(scope).filter(key_hash__in=list(hashes)).values_list(
        "key_hash", flat=True))
    await scope.bulk_create(ErasureBlock, [{"key_hash": h} for h in hashes if h not in active])
    return len(hashes)


async def blocked(tenant_id: int, records: list[tuple[str, str | None, str | None]]) -> list[str]:
    """Problems for the records whose email or externalRef is blocked, as
    `where.field: reason`. `records` are (where, email, externalRef). Hashes are computed only
    when the tenant has a block in force, so imports need no secret key until an erasure."""
    in_force = _in_force(TenantScope(tenant_id))
    if not await in_force.exists():
        return []
    hashed = [(where, hashes_of(email, external_ref)) for where, email, external_ref in records]
    digests = list({digest for _, found in hashed for digest in found})
    hits = set()
    for start in range(0, len(digests), 1000):
        hits |= set(await in_force.filter(key_hash__in=digests[start:start + 1000]).values_list(
            "key_hash", flat=True))
    return [f"{where}.{field}: belongs to a person whose data was erased; an admin must lift the "
            "erasure block before it can be imported again"
            for where, found in hashed for digest, field in found.items() if digest in hits]


async def refuse_blocked(tenant_id: int, where: str, columns: dict) -> None:
    """For a write through the API: BAD_USER_INPUT, naming the field, when the email or
    externalRef it writes belongs to an erased person (the same answer the importer gives)."""
    problems = await blocked(tenant_id, [(where, columns.get("email"), columns.get("external_ref"))])
    if problems:
        raise CodedError(ErrorCode.BAD_USER_INPUT, problems[0])


async def lift(tenant_id: int, kind: str, value: str, lifted_by_id: int | None) -> int:
    """Lift the blocks in force for one email or externalRef; returns how many were lifted."""
    return await _in_force(TenantScope(tenant_id)).filter(key_hash=key_hash(kind, value)).update(
        lifted_at=datetime.now(timezone.utc), lifted_by_id=lifted_by_id)
