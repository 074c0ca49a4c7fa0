"""Each tenant's audit events form a hash chain: an event's hash covers its fields and the hash of
the tenant's previous event, and `AuditHead` anchors the newest one. A request only inserts its
event into the pending table (`append`, `insert_pending`; audit/commit.py batches reads'); the
tenant's sealer (`seal`) chains pending events milliseconds later, off the request path. Editing a row breaks its own
hash, deleting one leaves a gap in `seq`, moving one breaks the next `prev_hash`, and deleting the
last ones leaves the head pointing past the end of the chain.

The chain is unkeyed SHA-256 (anyone can recompute it): it shows tampering by someone who changes
some rows, not by someone who rewrites the whole chain and the head. Keep the head hashes that
`salesplus audit verify` prints somewhere else to detect that too (docs/audit.md)."""

import asyncio
import hashlib
import json
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass
from datetime import datetime, timezone

from tortoise.transactions import in_transaction

from data.scope import TenantScope, insert_rows
from models import AuditEvent, AuditHead, AuditPendingEvent

GENESIS = "0" * 64
# The fields an event's hash covers, besides `prev_hash`. Not `id` (the database's row number).
HASHED = ("tenant_id", "seq", "at", "principal", "purpose", "operation", "contact_ids",
          "categories_returned", "categories_denied", "codes", "legal_reference")
COLUMNS = ("id", *HASHED, "prev_hash", "hash")


@dataclass(frozen=True)
class Entry:
    """What an event says about an operation, before it is placed in the chain."""

    principal: str
    purpose: str | None
    operation: str
    contact_ids: list[int]
    categories_returned: list[str]
    categories_denied: list[str]
    codes: list[str]
    legal_reference: str | None = None


def iso_utc(at: datetime) -> str:
    if at.tzinfo is None:  # a naive value read back from a database is UTC (db.py: use_tz)
        at = at.replace(tzinfo=timezone.utc)
    return at.astimezone(timezone.utc).isoformat(timespec="microseconds")


def canonical(row: dict) -> str:
    """The canonical JSON (sorted keys, no whitespace, ISO UTC time) of an event's hashed fields
    and its `prev_hash`; `row` is a `.values()` row or the fields of a new event."""
    payload = {name: row[name] for name in HASHED}
    payload["at"] = iso_utc(payload["at"])
    payload["prev_hash"] = row["prev_hash"]
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest(row: dict) -> str:
    return hashlib.sha256(canonical(row).encode()).hexdigest()


def pending(tenant_id: int, entry: Entry) -> AuditPendingEvent:
    """A new event, not yet in the chain (not saved)."""
    return TenantScope(tenant_id).new(AuditPendingEvent, **asdict(entry),
                                      at=datetime.now(timezone.utc))


async def insert_pending(events: list[AuditPendingEvent]) -> None:
    """Insert events in one statement, in the caller's transaction (its commit makes them
    durable). The only write of the request path: no head to read or lock."""
    await insert_rows(AuditPendingEvent, events)


async def append(tenant_id: int, entry: Entry) -> None:
    """Record a mutation's event inside the mutation's transaction: the write and its event
    commit together or not at all. The sealer chains it after the commit."""
    await insert_pending([pending(tenant_id, entry)])


# -- sealing --------------------------------------------------------------------------------------
SEAL_LOCK = 0x5EA1  # pg_try_advisory_xact_lock(SEAL_LOCK, tenant_id): one sealer per tenant
SEAL_BATCH = 1000
PENDING_COLUMNS = ("id", *(name for name in HASHED if name != "seq"))
_MOVE_OUT = {"sqlite": "DELETE FROM audit_pending_event WHERE id IN ({})",
             "postgres": "DELETE FROM audit_pending_event WHERE id = ANY($1::bigint[])"}


async def seal(tenant_id: int, batch: int = SEAL_BATCH) -> int | None:
    """Move up to `batch` of the tenant's pending events into the chain, oldest first: give each
    the next seq, its `prev_hash` and hash, insert it into `audit_event`, delete it from the
    pending table and move the head, all in one transaction. Returns how many were sealed, or
    None when another process is sealing this tenant (PostgreSQL: a transaction-scoped advisory
    lock elects one sealer; SQLite: the transaction begins IMMEDIATE, db.py, so sealers queue on
    the database's write lock). Five statements per pass whatever the batch (six on PostgreSQL:
    the lock), so a pass that seals many requests' events costs what one costs."""
    async with in_transaction() as db:
        dialect = db.capabilities.dialect
        if dialect == "postgres":
            got = await db.execute_query_dict("SELECT pg_try_advisory_xact_lock($1, $2) AS got",
                                              [SEAL_LOCK, tenant_id])
            if not got[0]["got"]:
                return None
        scope = TenantScope(tenant_id)
        head = await scope.rows(AuditHead).first()
        rows = await scope.rows(AuditPendingEvent).order_by("id").limit(batch).values(
            *PENDING_COLUMNS)
        if not rows:
            return 0
        seq, prev_hash = (head.seq, head.hash) if head else (0, GENESIS)
        events = []
        for row in rows:
            seq += 1
            fields = {**row, "tenant_id": tenant_id, "seq": seq, "prev_hash": prev_hash}
            fields.pop("id")
            prev_hash = fields["hash"] = digest(fields)
            events.append(AuditEvent(**fields))
        await insert_rows(AuditEvent, events)
        ids = [row["id"] for row in rows]
        if dialect == "postgres":
            await db.execute_query(_MOVE_OUT[dialect], [ids])
        else:
            await db.execute_query(_MOVE_OUT[dialect].format(", ".join("?" * len(ids))), ids)
        if head is None:
            await scope.create(AuditHead, seq=seq, hash=prev_hash)
        else:
            await scope.rows(AuditHead).update(seq=seq, hash=prev_hash)
        return len(rows)


async def seal_pending(tenant_id: int, retry_seconds: float = 0.002,
                       give_up_after: float = 10.0) -> int:
    """Seal until nothing of the tenant is pending; when another process holds the tenant's
    sealer lock, retry shortly (its pass may have started before our events committed). Returns
    how many this process sealed."""
    sealed, waited = 0, 0.0
    while True:
        done = await seal(tenant_id)
        if done is None:
            if waited >= give_up_after:
                raise TimeoutError(f"the audit sealer lock of tenant {tenant_id} stayed taken")
            await asyncio.sleep(retry_seconds)
            waited += retry_seconds
            continue
        sealed += done
        if done < SEAL_BATCH:
            return sealed


# -- verification ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Break:
    """The first broken link of a chain: the row that does not fit, and why."""

    event_id: int | None
    seq: int | None
    reason: str

    def __str__(self) -> str:
        where = f"row id {self.event_id} (seq {self.seq})" if self.event_id is not None else "head"
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Report:
    tenant_id: int
    events: int
    head_hash: str
    broken: Break | None
    pending: int = 0  # recorded, not yet sealed: outside what the chain protects (docs/audit.md)

    @property
    def ok(self) -> bool:
        return self.broken is None


async def rows(tenant_id: int, batch: int, first: int = 1,
               last: int | None = None) -> AsyncIterator[dict]:
    """The tenant's events from seq `first` to `last` (default: the end) in chain order, fetched
    in keyset batches (a log can be long)."""
    after = first - 1
    while True:
        query = TenantScope(tenant_id).rows(AuditEvent).filter(seq__gt=after)
        if last is not None:
            query = query.filter(seq__lte=last)
        found = await query.order_by("seq").limit(batch).values(*COLUMNS)
        for row in found:
            yield row
        if len(found) < batch:
            return
        after = found[-1]["seq"]


def check_link(row: dict, expected_seq: int, prev_hash: str) -> str | None:
    """Why `row` does not continue a chain whose last event was `expected_seq - 1` with hash
    `prev_hash`, or None. The order of the checks decides the diagnosis."""
    if digest(row) != row["hash"]:
        return "hash mismatch: the row was edited after it was written"
    if row["seq"] != expected_seq:
        return (f"seq gap: expected seq {expected_seq}, found {row['seq']}: "
                f"{row['seq'] - expected_seq} event(s) before this one were deleted")
    if row["prev_hash"] != prev_hash:
        return ("prev_hash mismatch: the row does not follow the previous event "
                "(rows were reordered, or this one was inserted)")
    return None


async def verify(tenant_id: int, batch: int = 1000) -> Report:
    """Walk the tenant's chain from the genesis to the head; stop at the first broken link."""
    expected, prev_hash, last = 1, GENESIS, None
    async for row in rows(tenant_id, batch):
        reason = check_link(row, expected, prev_hash)
        if reason:
            return Report(tenant_id, expected - 1, prev_hash, Break(row["id"], row["seq"], reason))
        expected, prev_hash, last = expected + 1, row["hash"], row
    count = expected - 1
    scope = TenantScope(tenant_id)
    head = await scope.rows(AuditHead).get_or_none()
    broken = _check_head(head, count, prev_hash, last)
    return Report(tenant_id, count, prev_hash, broken, await scope.rows(AuditPendingEvent).count())


def _check_head(head: AuditHead | None, count: int, last_hash: str, last: dict | None) -> Break | None:
    at_id, at_seq = (last["id"], last["seq"]) if last else (None, None)
    if head is None:
        return Break(at_id, at_seq, "head missing: the chain has events but no head") if count else None
    if head.seq != count:
        return Break(at_id, at_seq, f"head mismatch: the head says seq {head.seq} but the chain "
                     f"ends at seq {count}: the last {head.seq - count} event(s) were deleted"
                     if head.seq > count else
                     f"head mismatch: the head says seq {head.seq} but the chain goes on to "
                     f"seq {count}: events were added behind the head")
    if head.hash != last_hash:
        return Break(at_id, at_seq, "head mismatch: the head's hash is not the last event's "
                     "(the last event was replaced, or the head edited)")
    return None
