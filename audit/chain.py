"""Each tenant's audit events form a hash chain: an event's hash covers its fields and the hash of
the tenant's previous event, and `AuditHead` anchors the newest one. Editing a row breaks its own
hash, deleting one leaves a gap in `seq`, moving one breaks the next `prev_hash`, and deleting the
last ones leaves the head pointing past the end of the chain.

The chain is unkeyed SHA-256 (anyone can recompute it): it shows tampering by someone who changes
some rows, not by someone who rewrites the whole chain and the head. Keep the head hashes that
`salesplus audit verify` prints somewhere else to detect that too (docs/audit.md)."""

import hashlib
import json
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass
from datetime import datetime, timezone

from tortoise.transactions import in_transaction

from models import AuditEvent, AuditHead

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


async def _locked_head(tenant_id: int) -> AuditHead:
    """The tenant's head row, locked until the transaction ends (FOR UPDATE on PostgreSQL; SQLite
    has one writer at a time anyway). Created by the tenant's first event: two first events at
    once both insert-or-ignore, then the lock orders them."""
    head = await AuditHead.filter(tenant_id=tenant_id).select_for_update().first()
    if head is None:
        await AuditHead.bulk_create([AuditHead(tenant_id=tenant_id, seq=0, hash=GENESIS)],
                                    ignore_conflicts=True)
        head = await AuditHead.filter(tenant_id=tenant_id).select_for_update().first()
    return head


async def append(tenant_id: int, entry: Entry) -> int:
    """Chain `entry` after the tenant's newest event and return its seq: lock the head, insert
    the event, move the head. Call it inside a transaction: the event, the head and (for a
    mutation) the audited writes commit or roll back together."""
    head = await _locked_head(tenant_id)
    fields = {**asdict(entry), "tenant_id": tenant_id, "seq": head.seq + 1,
              "at": datetime.now(timezone.utc), "prev_hash": head.hash}
    fields["hash"] = digest(fields)
    await AuditEvent.create(**fields)
    await AuditHead.filter(tenant_id=tenant_id).update(seq=fields["seq"], hash=fields["hash"])
    return fields["seq"]


async def record(tenant_id: int, entry: Entry) -> int:
    """`append` in a transaction of its own (a read's event)."""
    async with in_transaction():
        return await append(tenant_id, entry)


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

    @property
    def ok(self) -> bool:
        return self.broken is None


async def _rows(tenant_id: int, batch: int) -> AsyncIterator[dict]:
    """The tenant's events in chain order, fetched in keyset batches (a log can be long)."""
    after = None
    while True:
        query = AuditEvent.filter(tenant_id=tenant_id)
        if after is not None:
            query = query.filter(seq__gt=after)
        rows = await query.order_by("seq").limit(batch).values(*COLUMNS)
        for row in rows:
            yield row
        if len(rows) < batch:
            return
        after = rows[-1]["seq"]


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
    async for row in _rows(tenant_id, batch):
        reason = check_link(row, expected, prev_hash)
        if reason:
            return Report(tenant_id, expected - 1, prev_hash, Break(row["id"], row["seq"], reason))
        expected, prev_hash, last = expected + 1, row["hash"], row
    count = expected - 1
    head = await AuditHead.get_or_none(tenant_id=tenant_id)
    broken = _check_head(head, count, prev_hash, last)
    return Report(tenant_id, count, prev_hash, broken)


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
