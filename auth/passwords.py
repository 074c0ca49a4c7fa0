"""argon2id password hashing, off the event loop and capped in concurrency.

Parameters: argon2id, m = 19 MiB, t = 2, p = 1 — OWASP's recommended floor. On the 2-core
machines this runs on, one hash costs ~25 ms of one core; the default of argon2-cffi (64 MiB, t=3,
p=4) costs ~105 ms and a second thread adds no throughput (stack-notes.md), so it would halve the
login capacity without a matching gain. The parameters are stored in each hash: raising them later
rehashes every password on its owner's next login (`needs_rehash`)."""

import asyncio
from functools import lru_cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

MEMORY_KIB = 19 * 1024
TIME_COST = 2
PARALLELISM = 1
# At most this many hashes run at once: the rest wait, so logins cannot starve other requests.
MAX_CONCURRENT_HASHES = 2

_hasher = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=PARALLELISM,
                         type=Type.ID)


@lru_cache(maxsize=1)
def _slots() -> asyncio.Semaphore:
    return asyncio.Semaphore(MAX_CONCURRENT_HASHES)


@lru_cache(maxsize=1)
def dummy_hash() -> str:
    """A hash to verify against when the account does not exist, so that an unknown email costs
    the same time as a wrong password."""
    return _hasher.hash("no account has this password")


async def hash_password(password: str) -> str:
    async with _slots():
        return await asyncio.to_thread(_hasher.hash, password)


def hash_password_sync(password: str) -> str:
    """For the command line and bulk import, where there is no event loop to protect."""
    return _hasher.hash(password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


async def verify_password(password_hash: str | None, password: str) -> bool:
    async with _slots():
        ok = await asyncio.to_thread(_verify, password_hash or dummy_hash(), password)
    return ok and password_hash is not None


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
