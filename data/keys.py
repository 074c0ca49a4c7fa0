"""The key store of envelope encryption (docs/security.md): the master keyring from
configuration, tenant keys wrapped by it, and each contact's data key wrapped by its tenant's key.

Opened tenant keys are kept in this process's memory, by their wrapped bytes (so a key re-wrapped
or replaced is simply another entry); contact keys never are: each request or command reads the
ones it needs, so a key erasure deletes is gone for every process at its commit.

Writers wrap new contact keys with the newest tenant key version ("next" during a rotation, see
data/rotation.py); on PostgreSQL they hold it FOR SHARE until their commit, so a rotation cannot
retire it under them."""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from tortoise import connections

from config import settings
from data import crypto
from data.crypto import Unreadable
from models import ContactKey, TenantKey
from models.keys import ACTIVE
from policies.versions import placeholder

_opened_tenant_keys: dict[tuple[int, int, bytes], AESGCM] = {}


@dataclass(frozen=True)
class Keyring:
    """Master keys by their id: the current one first, then the one a rotation replaces."""

    ciphers: dict[str, AESGCM]

    @classmethod
    def of(cls, keys: Iterable[bytes]) -> "Keyring":
        return cls({crypto.key_id(key): AESGCM(key) for key in keys})

    @property
    def current_id(self) -> str:
        return next(iter(self.ciphers))

    @property
    def current(self) -> AESGCM:
        return self.ciphers[self.current_id]


@lru_cache(maxsize=1)
def keyring() -> Keyring:
    """The process's master keyring (SALESPLUS_MASTER_KEY, its file, or the development key)."""
    return Keyring.of(settings().master_keys)


def postgres() -> bool:
    return connections.get("default").capabilities.dialect == "postgres"


def marks(count: int, start: int = 1) -> list[str]:
    connection = connections.get("default")
    return [placeholder(connection, i) for i in range(start, start + count)]


async def sql(statement: str, params: list) -> list[dict]:
    return await connections.get("default").execute_query_dict(statement, params)


def wrap_tenant_key(ring: Keyring, tenant_id: int, version: int, key: bytes) -> bytes:
    return crypto.seal_bytes(ring.current, key, crypto.tenant_key_place(tenant_id, version))


def open_tenant_key(ring: Keyring, tenant_id: int, version: int, wrapped: bytes,
                    master_key_id: str, *, cached: bool = True) -> AESGCM:
    """`cached=False` (keys verify): open it with `ring` even if this process opened it before."""
    cache_key = (tenant_id, version, bytes(wrapped))
    cipher = _opened_tenant_keys.get(cache_key) if cached else None
    if cipher is None:
        master = ring.ciphers.get(master_key_id)
        if master is None:
            raise Unreadable(crypto.tenant_key_place(tenant_id, version))
        cipher = AESGCM(raw_tenant_key(master, tenant_id, version, wrapped))
        _opened_tenant_keys[cache_key] = cipher
    return cipher


def raw_tenant_key(master: AESGCM, tenant_id: int, version: int, wrapped: bytes) -> bytes:
    return crypto.open_bytes(master, bytes(wrapped), crypto.tenant_key_place(tenant_id, version))


async def newest_tenant_key(tenant_id: int, ring: Keyring | None = None) -> tuple[int, AESGCM]:
    """The version new contact keys are wrapped with, created (version 1) on first use."""
    ring = ring or keyring()
    m = marks(1)
    lock = " FOR SHARE" if postgres() else ""
    statement = (f"SELECT version, wrapped, master_key_id FROM tenant_key WHERE tenant_id = {m[0]}"
                 f" ORDER BY version DESC LIMIT 1{lock}")
    rows = await sql(statement, [tenant_id])
    if not rows:
        await TenantKey.bulk_create([TenantKey(
            tenant_id=tenant_id, version=1, state=ACTIVE, master_key_id=ring.current_id,
            wrapped=wrap_tenant_key(ring, tenant_id, 1, crypto.new_key()))], ignore_conflicts=True)
        rows = await sql(statement, [tenant_id])
    row = rows[0]
    return row["version"], open_tenant_key(ring, tenant_id, row["version"], row["wrapped"],
                                           row["master_key_id"])


def wrap_contact_key(tenant_key: AESGCM, tenant_id: int, contact_id: int, key: bytes) -> bytes:
    return crypto.seal_bytes(tenant_key, key, crypto.contact_key_place(tenant_id, contact_id))


async def contact_keys(tenant_id: int, contact_ids: Iterable[int],
                       ring: Keyring | None = None) -> dict[int, AESGCM]:
    """The opened data keys of those contacts that have one: one statement (with their tenant
    keys), whatever the number of contacts."""
    ids = sorted(set(contact_ids))
    if not ids:
        return {}
    ring = ring or keyring()
    m = marks(len(ids) + 1)
    rows = await sql(
        "SELECT ck.contact_id, ck.wrapped, ck.tenant_key_version, tk.wrapped AS tenant_wrapped,"
        " tk.master_key_id FROM contact_key ck JOIN tenant_key tk ON tk.tenant_id = ck.tenant_id"
        f" AND tk.version = ck.tenant_key_version WHERE ck.tenant_id = {m[0]}"
        f" AND ck.contact_id IN ({', '.join(m[1:])})", [tenant_id, *ids])
    opened = {}
    for row in rows:
        tenant_key = open_tenant_key(ring, tenant_id, row["tenant_key_version"],
                                     row["tenant_wrapped"], row["master_key_id"])
        raw = crypto.open_bytes(tenant_key, bytes(row["wrapped"]),
                                crypto.contact_key_place(tenant_id, row["contact_id"]))
        opened[row["contact_id"]] = AESGCM(raw)
    return opened


async def new_contact_keys(tenant_id: int, contact_ids: Iterable[int], ring: Keyring | None = None
                           ) -> tuple[dict[int, AESGCM], list[ContactKey]]:
    """Fresh data keys for contacts, opened, and their rows to insert once the contacts exist."""
    version, tenant_key = await newest_tenant_key(tenant_id, ring)
    opened, rows = {}, []
    for contact_id in contact_ids:
        raw = crypto.new_key()
        opened[contact_id] = AESGCM(raw)
        rows.append(ContactKey(tenant_id=tenant_id, contact_id=contact_id,
                               tenant_key_version=version,
                               wrapped=wrap_contact_key(tenant_key, tenant_id, contact_id, raw)))
    return opened, rows


async def ensure_contact_keys(tenant_id: int, contact_ids: Iterable[int],
                              ring: Keyring | None = None) -> dict[int, AESGCM]:
    """The data keys of existing contacts, creating those missing. A key another writer created
    meanwhile wins (the insert ignores the conflict, and the keys are read back)."""
    ids = set(contact_ids)
    opened = await contact_keys(tenant_id, ids, ring)
    missing = ids - set(opened)
    if missing:
        _new, rows = await new_contact_keys(tenant_id, sorted(missing), ring)
        await ContactKey.bulk_create(rows, ignore_conflicts=True)
        opened.update(await contact_keys(tenant_id, missing, ring))
    return opened
