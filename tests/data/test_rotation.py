"""Key lifecycle (data/rotation.py): rotations resume after an interruption (a failure injected
after the first committed batch), leave every value readable at every point, and `verify` finds
a key that does not open. Nothing of it logs or raises key material."""

import base64
import logging

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from data import crypto, keys, rotation, sealed
from data.keys import Keyring
from models import Contact, ContactKey, TenantKey
from models.keys import ACTIVE, NEXT


class Interrupted(Exception):
    pass


def interrupt_after(batches: int):
    done = []

    def after_batch(_count: int) -> None:
        done.append(_count)
        if len(done) >= batches:
            raise Interrupted
    return after_batch


async def tenant_with_notes(factory, count: int = 5):
    tenant = await factory.tenant()
    ids = [(await Contact.create(tenant_id=tenant.id, first_name=f"C{i}",
                                 sensitive_notes=f"note {i}")).id for i in range(count)]
    return tenant, ids


async def notes(tenant_id: int, ids: list[int]) -> dict[int, str]:
    opener = await sealed.opener_for(tenant_id, ids)
    rows = await Contact.filter(id__in=ids).values("id", "sensitive_notes")
    return {r["id"]: opener.value(Contact, "sensitive_notes", r["sensitive_notes"], r["id"], r["id"])
            for r in rows}


def problems_of(found: rotation.Verification, tenant_id: int) -> list[str]:
    return [p for p in found.problems if f"/{tenant_id}/" in p or f"tenant {tenant_id} " in p]


async def test_an_interrupted_tenant_rotation_resumes_and_keeps_every_value(factory):
    tenant, ids = await tenant_with_notes(factory)
    before = await notes(tenant.id, ids)
    assert set(before.values()) == {f"note {i}" for i in range(5)}
    ring = keys.keyring()

    with pytest.raises(Interrupted):
        await rotation.rotate_tenant(ring, tenant.id, batch=2, after_batch=interrupt_after(1))
    states = dict(await TenantKey.filter(tenant_id=tenant.id).values_list("version", "state"))
    assert states == {1: ACTIVE, 2: NEXT}
    versions = await ContactKey.filter(tenant_id=tenant.id).values_list("tenant_key_version", flat=True)
    assert sorted(versions) == [1, 1, 1, 2, 2]
    assert await notes(tenant.id, ids) == before  # half-rotated: everything opens
    # A contact written meanwhile gets its key under the version rotated to.
    late = (await Contact.create(tenant_id=tenant.id, sensitive_notes="late")).id
    assert (await ContactKey.get(contact_id=late)).tenant_key_version == 2

    assert await rotation.rotate_tenant(ring, tenant.id, batch=2) == 3
    assert dict(await TenantKey.filter(tenant_id=tenant.id).values_list("version", "state")) == {
        2: ACTIVE}
    assert set(await ContactKey.filter(tenant_id=tenant.id).values_list(
        "tenant_key_version", flat=True)) == {2}
    assert await notes(tenant.id, [*ids, late]) == {**before, late: "late"}
    assert problems_of(await rotation.verify(ring), tenant.id) == []


async def test_an_interrupted_master_rotation_resumes(factory, caplog):
    tenant, ids = await tenant_with_notes(factory, 2)
    other, other_ids = await tenant_with_notes(factory, 1)
    before = {**await notes(tenant.id, ids), **await notes(other.id, other_ids)}
    old_ring = keys.keyring()
    old_key = next(iter(old_ring.ciphers.values()))
    new_key = crypto.new_key()
    old_raw = _raw_master_key()
    rotating = Keyring({crypto.key_id(new_key): AESGCM(new_key), **old_ring.ciphers})
    caplog.set_level(logging.DEBUG)
    try:
        with pytest.raises(Interrupted):
            await rotation.rotate_master(rotating, batch=1, after_batch=interrupt_after(1))
        moved = await TenantKey.filter(master_key_id=rotating.current_id).count()
        assert moved == 1
        found = await rotation.verify(rotating)
        assert not [p for p in found.problems if "does not open" in p]
        assert await rotation.rotate_master(rotating, batch=1) > 0
        assert not await TenantKey.exclude(master_key_id=rotating.current_id).exists()
        # With the new master key alone, every key opens; with the old one alone, none.
        assert (await rotation.verify(Keyring.of([new_key]))).problems == []
        stale = await rotation.verify(old_ring)
        assert problems_of(stale, tenant.id) and stale.contact_keys == 0
    finally:  # back under the process's own master key, for the tests that follow
        await rotation.rotate_master(Keyring({old_ring.current_id: old_key,
                                              crypto.key_id(new_key): AESGCM(new_key)}))
    assert not await TenantKey.exclude(master_key_id=old_ring.current_id).exists()
    assert {**await notes(tenant.id, ids), **await notes(other.id, other_ids)} == before
    secrets = [old_raw, new_key]
    logged = caplog.text + "".join(p for p in stale.problems)
    for secret in secrets:
        for form in (secret.hex(), base64.b64encode(secret).decode(), repr(secret)):
            assert form not in logged


async def test_verify_names_a_key_that_does_not_open_and_never_the_key(factory):
    tenant, ids = await tenant_with_notes(factory, 2)
    row = await ContactKey.get(contact_id=ids[0])
    broken = bytearray(row.wrapped)
    broken[-1] ^= 1
    await ContactKey.filter(id=row.id).update(wrapped=bytes(broken))
    try:
        found = problems_of(await rotation.verify(keys.keyring()), tenant.id)
        assert found == [f"contact-key/{tenant.id}/{ids[0]}: does not open"]
    finally:
        await ContactKey.filter(id=row.id).update(wrapped=row.wrapped)


def _raw_master_key() -> bytes:
    from config import settings

    return settings().master_keys[0]
