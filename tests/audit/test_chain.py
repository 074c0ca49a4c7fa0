"""The hash chain (audit/chain.py): appending, and verification naming the first broken link
after every kind of tampering (editing, deleting in the middle, first or last, reordering,
inserting, editing the head)."""

import hashlib
import json
from datetime import datetime, timedelta, timezone

import pytest

from audit import chain, commit
from models import AuditEvent, AuditHead


def entry(n: int) -> chain.Entry:
    return chain.Entry(principal=f"user:{n}", purpose="sales", operation="query contacts",
                       contact_ids=[n, n + 1], categories_returned=["identity"],
                       categories_denied=["competitive"] if n % 2 else [], codes=[])


async def chained(factory, n: int = 5):
    """A tenant with `n` events; returns it and the events' rows by seq (1-based list)."""
    tenant = await factory.tenant()
    for i in range(1, n + 1):
        await commit.record(tenant.id, entry(i))
    await commit.settle()
    rows = await AuditEvent.filter(tenant_id=tenant.id).order_by("seq")
    return tenant, rows


async def test_events_are_chained_from_the_genesis_to_the_head(factory):
    tenant, rows = await chained(factory)
    assert [r.seq for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0].prev_hash == chain.GENESIS == "0" * 64
    assert [r.prev_hash for r in rows[1:]] == [r.hash for r in rows[:-1]]
    head = await AuditHead.get(tenant_id=tenant.id)
    assert (head.seq, head.hash) == (5, rows[-1].hash)
    report = await chain.verify(tenant.id)
    assert report.ok and report.events == 5 and report.head_hash == rows[-1].hash


async def test_the_hash_is_sha256_of_canonical_json_with_the_previous_hash(factory):
    tenant, rows = await chained(factory, 1)
    row = rows[0]
    canonical = (
        '{"at":"%s","categories_denied":["competitive"],"categories_returned":["identity"],'
        '"codes":[],"contact_ids":[1,2],"legal_reference":null,"operation":"query contacts",'
        '"prev_hash":"%s","principal":"user:1","purpose":"sales","seq":1,"tenant_id":%d}'
        % (row.at.astimezone(timezone.utc).isoformat(timespec="microseconds"), "0" * 64, tenant.id))
    assert json.loads(canonical)  # well-formed
    assert row.hash == hashlib.sha256(canonical.encode()).hexdigest()


async def test_a_tenant_without_events_verifies_empty(factory):
    tenant = await factory.tenant()
    report = await chain.verify(tenant.id)
    assert report.ok and report.events == 0 and report.head_hash == chain.GENESIS


@pytest.mark.parametrize(("column", "value"), [
    ("principal", "user:999"),
    ("purpose", "marketing"),
    ("operation", "query me"),
    ("contact_ids", [3]),
    ("categories_returned", ["identity", "sensitive"]),
    ("categories_denied", []),
    ("codes", ["FORBIDDEN"]),
    ("legal_reference", "case 12"),
    ("at", datetime(2020, 1, 1, tzinfo=timezone.utc)),
    ("prev_hash", "f" * 64),
    ("hash", "0" * 64),
])
async def test_editing_any_column_of_a_row_names_that_row(factory, column, value):
    tenant, rows = await chained(factory)
    await AuditEvent.filter(id=rows[2].id).update(**{column: value})
    report = await chain.verify(tenant.id)
    assert not report.ok
    assert (report.broken.event_id, report.broken.seq) == (rows[2].id, 3)
    assert report.broken.reason.startswith("hash mismatch")
    assert str(report.broken).startswith(f"row id {rows[2].id} (seq 3): hash mismatch")
    assert report.events == 2  # the links verified before the break


async def test_moving_a_row_by_a_microsecond_is_an_edit(factory):
    tenant, rows = await chained(factory, 2)
    await AuditEvent.filter(id=rows[1].id).update(at=rows[1].at + timedelta(microseconds=1))
    report = await chain.verify(tenant.id)
    assert (report.broken.event_id, report.broken.reason[:13]) == (rows[1].id, "hash mismatch")


@pytest.mark.parametrize(("deleted", "named_seq", "gap"), [(3, 4, 1), (1, 2, 1)])
async def test_deleting_an_event_before_the_end_names_the_row_after_the_gap(factory, deleted,
                                                                             named_seq, gap):
    tenant, rows = await chained(factory)
    await AuditEvent.filter(id=rows[deleted - 1].id).delete()
    report = await chain.verify(tenant.id)
    assert (report.broken.event_id, report.broken.seq) == (rows[named_seq - 1].id, named_seq)
    assert report.broken.reason == (f"seq gap: expected seq {deleted}, found {named_seq}: "
                                    f"{gap} event(s) before this one were deleted")


async def test_deleting_the_last_events_is_caught_by_the_head(factory):
    tenant, rows = await chained(factory)
    await AuditEvent.filter(id__in=[rows[3].id, rows[4].id]).delete()
    report = await chain.verify(tenant.id)
    assert (report.broken.event_id, report.broken.seq) == (rows[2].id, 3)
    assert report.broken.reason == ("head mismatch: the head says seq 5 but the chain ends at "
                                    "seq 3: the last 2 event(s) were deleted")


async def test_deleting_every_event_is_caught_by_the_head(factory):
    tenant, _rows = await chained(factory, 3)
    await AuditEvent.filter(tenant_id=tenant.id).delete()
    report = await chain.verify(tenant.id)
    assert report.broken.event_id is None
    assert str(report.broken) == ("head: head mismatch: the head says seq 3 but the chain ends at "
                                  "seq 0: the last 3 event(s) were deleted")


async def _swap_seq(first: AuditEvent, second: AuditEvent) -> None:
    await AuditEvent.filter(id=first.id).update(seq=-1)  # (tenant, seq) is unique
    await AuditEvent.filter(id=second.id).update(seq=first.seq)
    await AuditEvent.filter(id=first.id).update(seq=second.seq)


async def test_reordering_two_rows_names_the_first_moved_row(factory):
    tenant, rows = await chained(factory)
    await _swap_seq(rows[1], rows[2])
    report = await chain.verify(tenant.id)
    # At seq 2 now sits the row written as seq 3: its own hash covers seq 3.
    assert (report.broken.event_id, report.broken.seq) == (rows[2].id, 2)
    assert report.broken.reason.startswith("hash mismatch")


async def test_reordering_with_recomputed_row_hashes_breaks_the_links(factory):
    """Someone who knows the algorithm swaps two rows and rehashes each: the prev_hash links
    still give it away, unless the whole rest of the chain and the head are rewritten too."""
    tenant, rows = await chained(factory)
    await _swap_seq(rows[1], rows[2])
    for row in await AuditEvent.filter(id__in=[rows[1].id, rows[2].id]).values(*chain.COLUMNS):
        await AuditEvent.filter(id=row["id"]).update(hash=chain.digest(row))
    report = await chain.verify(tenant.id)
    assert (report.broken.event_id, report.broken.seq) == (rows[2].id, 2)
    assert report.broken.reason.startswith("prev_hash mismatch")


async def test_an_event_forged_behind_the_head_is_caught(factory):
    tenant, rows = await chained(factory, 2)
    fields = {"tenant_id": tenant.id, "seq": 3, "at": datetime.now(timezone.utc),
              "principal": "user:1", "purpose": "sales", "operation": "query contacts",
              "contact_ids": [], "categories_returned": [], "categories_denied": [], "codes": [],
              "legal_reference": None, "prev_hash": rows[1].hash}
    forged = await AuditEvent.create(**fields, hash=chain.digest(fields))
    report = await chain.verify(tenant.id)
    assert (report.broken.event_id, report.broken.seq) == (forged.id, 3)
    assert report.broken.reason.startswith("head mismatch: the head says seq 2 but the chain goes on")


async def test_an_edited_head_is_caught(factory):
    tenant, rows = await chained(factory, 2)
    await AuditHead.filter(tenant_id=tenant.id).update(hash="a" * 64)
    report = await chain.verify(tenant.id)
    assert (report.broken.event_id, report.broken.seq) == (rows[1].id, 2)
    assert report.broken.reason.startswith("head mismatch: the head's hash is not the last event's")


async def test_chains_are_per_tenant_and_a_moved_row_breaks_both(factory):
    a, rows_a = await chained(factory, 3)
    b, rows_b = await chained(factory, 3)
    assert rows_a[0].prev_hash == rows_b[0].prev_hash == chain.GENESIS
    await AuditEvent.filter(id=rows_a[2].id).update(tenant_id=b.id, seq=4)
    report_a, report_b = await chain.verify(a.id), await chain.verify(b.id)
    assert report_a.broken.reason.startswith("head mismatch")  # A lost its last event
    assert (report_b.broken.event_id, report_b.broken.reason[:13]) == (rows_a[2].id, "hash mismatch")


async def test_verification_reads_long_chains_in_batches(factory):
    tenant, rows = await chained(factory, 7)
    assert (await chain.verify(tenant.id, batch=3)).events == 7
    await AuditEvent.filter(id=rows[6].id).update(codes=["NOT_FOUND"])
    report = await chain.verify(tenant.id, batch=3)
    assert (report.broken.seq, report.events) == (7, 6)
