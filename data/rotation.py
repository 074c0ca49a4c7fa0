"""The key lifecycle of envelope encryption (docs/security.md), for `salesplus keys`:

- `rotate_master`: re-wraps every tenant key under the current master key (the one replaced is
  configured as SALESPLUS_PREVIOUS_MASTER_KEY meanwhile); data and contact keys are untouched.
- `rotate_tenant`: a new version of the tenant's key ("next"), every contact key re-wrapped under
  it, then the old versions deleted and "next" made active.
- `verify`: every wrapped key opens.
- `encrypt_stored`: seals values stored in plaintext (before encryption, or before a tenant
  opted a category in).

Each works in batches, one transaction per batch, and picks up what is left when run again: an
interruption (a kill, a lost connection) leaves every key and value readable, never half-written.
`after_batch` is called after each committed batch (a progress bar; the tests' interruption)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from tortoise.expressions import Q
from tortoise.functions import Max
from tortoise.transactions import in_transaction

from data import crypto, keys, sealed
from data.crypto import Unreadable
from data.keys import Keyring
from models import Contact, ContactChange, ContactKey, Tenant, TenantKey
from models.keys import ACTIVE, NEXT

Progress = Callable[[int], None] | None
BATCH = 500


def _done(after_batch: Progress, count: int) -> None:
    if after_batch is not None:
        after_batch(count)


# -- master key -----------------------------------------------------------------------------------
async def rotate_master(ring: Keyring, batch: int = BATCH, after_batch: Progress = None) -> int:
    """Re-wrap the tenant keys not yet under the current master key; returns how many."""
    total = 0
    while True:
        async with in_transaction():
            rows = await TenantKey.filter(~Q(master_key_id=ring.current_id)).order_by(
                "id").limit(batch).select_for_update()
            for row in rows:
                master = ring.ciphers.get(row.master_key_id)
                if master is None:
                    raise Unreadable(f"tenant key {row.version} of tenant {row.tenant_id}: wrapped "
                                     f"by master key {row.master_key_id}, which is not configured")
                raw = keys.raw_tenant_key(master, row.tenant_id, row.version, row.wrapped)
                row.wrapped = keys.wrap_tenant_key(ring, row.tenant_id, row.version, raw)
                row.master_key_id = ring.current_id
                await row.save(update_fields=["wrapped", "master_key_id"])
        if not rows:
            return total
        total += len(rows)
        _done(after_batch, len(rows))


# -- tenant key -----------------------------------------------------------------------------------
async def _next_version(ring: Keyring, tenant_id: int) -> int:
    """The version being rotated to, created if no rotation is under way."""
    async with in_transaction():
        pending = await TenantKey.filter(tenant_id=tenant_id, state=NEXT).first()
        if pending is not None:
            return pending.version
        top = (await TenantKey.filter(tenant_id=tenant_id).annotate(top=Max("version")).values(
            "top"))[0]["top"] or 0
        version = top + 1
        await TenantKey.create(tenant_id=tenant_id, version=version, state=NEXT,
                               master_key_id=ring.current_id,
                               wrapped=keys.wrap_tenant_key(ring, tenant_id, version,
                                                            crypto.new_key()))
        return version


async def _tenant_keys(ring: Keyring, tenant_id: int) -> dict[int, AESGCM]:
    return {row.version: keys.open_tenant_key(ring, tenant_id, row.version, row.wrapped,
                                              row.master_key_id)
            for row in await TenantKey.filter(tenant_id=tenant_id)}


async def _rewrap(tenant_id: int, rows: list[ContactKey], opened: dict[int, AESGCM],
                  version: int) -> None:
    for row in rows:
        where = crypto.contact_key_place(tenant_id, row.contact_id)
        old = opened.get(row.tenant_key_version)
        if old is None:
            raise Unreadable(where)
        raw = crypto.open_bytes(old, bytes(row.wrapped), where)
        row.wrapped = keys.wrap_contact_key(opened[version], tenant_id, row.contact_id, raw)
        row.tenant_key_version = version
        await row.save(update_fields=["wrapped", "tenant_key_version"])


async def rotate_tenant(ring: Keyring, tenant_id: int, batch: int = BATCH,
                        after_batch: Progress = None) -> int:
    """Re-wrap the tenant's contact keys under a new version of its key; returns how many."""
    version = await _next_version(ring, tenant_id)
    opened = await _tenant_keys(ring, tenant_id)
    total = 0
    while True:
        async with in_transaction():
            rows = await ContactKey.filter(tenant_id=tenant_id).exclude(
                tenant_key_version=version).order_by("id").limit(batch).select_for_update()
            await _rewrap(tenant_id, rows, opened, version)
        if not rows:
            break
        total += len(rows)
        _done(after_batch, len(rows))
    async with in_transaction():
        # Deleting the old versions first waits for writers still holding one FOR SHARE
        # (data/keys.py); the contact keys they wrapped with it are then re-wrapped here.
        await TenantKey.filter(tenant_id=tenant_id).exclude(version=version).delete()
        stragglers = await ContactKey.filter(tenant_id=tenant_id).exclude(
            tenant_key_version=version).select_for_update()
        await _rewrap(tenant_id, stragglers, opened, version)
        await TenantKey.filter(tenant_id=tenant_id, version=version).update(state=ACTIVE)
    return total + len(stragglers)


# -- verification ---------------------------------------------------------------------------------
@dataclass
class Verification:
    tenant_keys: int = 0
    contact_keys: int = 0
    problems: list[str] = field(default_factory=list)  # places, never key material


async def verify(ring: Keyring, batch: int = BATCH, after_batch: Progress = None) -> Verification:
    found = Verification()
    opened: dict[tuple[int, int], AESGCM] = {}
    for row in await TenantKey.all().order_by("id"):
        try:
            opened[(row.tenant_id, row.version)] = keys.open_tenant_key(
                ring, row.tenant_id, row.version, row.wrapped, row.master_key_id, cached=False)
            found.tenant_keys += 1
            if row.master_key_id != ring.current_id:
                found.problems.append(f"tenant {row.tenant_id} key {row.version}: under the "
                                      "previous master key (run salesplus keys rotate-master)")
        except Unreadable as error:
            found.problems.append(f"{error}: does not open")
    last = 0
    while True:
        rows = await ContactKey.filter(id__gt=last).order_by("id").limit(batch)
        if not rows:
            return found
        for row in rows:
            where = crypto.contact_key_place(row.tenant_id, row.contact_id)
            tenant_key = opened.get((row.tenant_id, row.tenant_key_version))
            try:
                if tenant_key is None:
                    raise Unreadable(where)
                crypto.open_bytes(tenant_key, bytes(row.wrapped), where)
                found.contact_keys += 1
            except Unreadable:
                found.problems.append(f"{where}: does not open")
        last = rows[-1].id
        _done(after_batch, len(rows))


# -- sealing what is stored -----------------------------------------------------------------------
def _plaintext(model: type, columns) -> Q:
    """Rows with a value of `columns` not sealed yet. A record detached from its contact (an
    invoice kept after an erasure) has no data key, and its free text was erased with it."""
    condition = Q()
    for column in columns:
        condition |= Q(**{f"{column.column}__isnull": False}) & ~Q(
            **{f"{column.column}__startswith": crypto.MARKER})
    return condition if model is Contact else condition & Q(contact_id__isnull=False)


async def _plans(tenant_ids: list[int] | None) -> list[tuple[int, type, tuple]]:
    chosen = Tenant.filter(id__in=tenant_ids) if tenant_ids else Tenant.all()
    tenants = await chosen.order_by("id")
    plans = []
    for tenant in tenants:
        opted = await sealed.opted_categories(tenant.id)
        for model in sealed.ENCRYPTED_MODELS:
            columns = sealed.encrypted_columns(model, opted)
            if columns:
                plans.append((tenant.id, model, columns))
    return plans


async def count_plaintext(tenant_ids: list[int] | None = None) -> int:
    return sum([await model.filter(_plaintext(model, columns), tenant_id=tenant_id).count()
                for tenant_id, model, columns in await _plans(tenant_ids)])


async def _seal_batch(tenant_id: int, model: type, columns: tuple, batch: int) -> int:
    names = [c.column for c in columns]
    contact = "id" if model is Contact else "contact_id"
    async with in_transaction():
        pending = model.filter(_plaintext(model, columns), tenant_id=tenant_id)
        rows = await pending.order_by("id").limit(batch).select_for_update().values(
            *dict.fromkeys(("id", contact, *names)))
        if not rows:
            return 0
        how = sealed.Sealing(tenant_id, model, columns)
        how.keys = await keys.ensure_contact_keys(tenant_id, {r[contact] for r in rows})
        for row in rows:
            values = how.seal({name: row[name] for name in names}, row["id"], row[contact])
            await model.filter(id=row["id"]).update(**values)
        return len(rows)


async def _seal_history(tenant_id: int, batch: int) -> int:
    """The rectification history keeps a contact column's old and new values as stored: seal
    those of columns now encrypted (rights/history.py)."""
    columns = {c.column: c for c in sealed.encrypted_columns(
        Contact, await sealed.opted_categories(tenant_id))}
    changed, last = 0, 0
    while True:
        async with in_transaction():
            rows = await ContactChange.filter(tenant_id=tenant_id, id__gt=last).order_by(
                "id").limit(batch).select_for_update()
            if not rows:
                return changed
            needing = [r for r in rows if any(
                name in columns and value is not None and not crypto.is_sealed(value)
                for name, pair in r.changes.items() for value in pair)]
            how = sealed.Sealing(tenant_id, Contact, tuple(columns.values()))
            how.keys = await keys.ensure_contact_keys(tenant_id, {r.contact_id for r in needing})
            for row in needing:
                row.changes = {name: [how.seal({name: v}, row.contact_id, row.contact_id)[name]
                                      if name in columns else v for v in pair]
                               for name, pair in row.changes.items()}
                await row.save(update_fields=["changes"])
            changed += len(needing)
            last = rows[-1].id


async def encrypt_stored(tenant_ids: list[int] | None = None, batch: int = BATCH,
                         after_batch: Progress = None) -> int:
    """Seal every value of an encrypted column still stored in plaintext; returns how many rows."""
    total = 0
    for tenant_id, model, columns in await _plans(tenant_ids):
        while count := await _seal_batch(tenant_id, model, columns, batch):
            total += count
            _done(after_batch, count)
    for tenant_id in sorted({plan[0] for plan in await _plans(tenant_ids)}):
        await _seal_history(tenant_id, batch)
    return total
