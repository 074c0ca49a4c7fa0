"""Consent and objection history (append-only) and the current state derived from it.

`ContactPurposeState` holds, per contact and purpose, the state that the lawful-basis policy reads
(`basis_state`). It is written in the same transaction as every history record, so list filters can
be plain indexed SQL instead of "latest record per purpose" subqueries."""

from tortoise import fields
from tortoise.models import Model

from models.personal import OnErasure


class ConsentRecord(Model):
    ERASURE = OnErasure("delete")

    id = fields.IntField(primary_key=True)
    tenant = fields.ForeignKeyField("models.Tenant", related_name="consents", on_delete=fields.CASCADE)
    contact = fields.ForeignKeyField("models.Contact", related_name="consents", on_delete=fields.CASCADE)
    purpose = fields.CharField(max_length=64)
    status = fields.CharField(max_length=16)  # GRANTED | WITHDRAWN
    explicit = fields.BooleanField(default=False)
    source = fields.CharField(max_length=200)
    evidence = fields.TextField(null=True)
    captured_at = fields.DatetimeField()
    recorded_by = fields.ForeignKeyField("models.User", related_name=None, null=True,
                                         on_delete=fields.SET_NULL)

    class Meta:
        table = "consent_record"
        indexes = (("tenant", "contact", "purpose", "captured_at"),)


class Objection(Model):
    ERASURE = OnErasure("delete")

    id = fields.IntField(primary_key=True)
    tenant = fields.ForeignKeyField("models.Tenant", related_name="objections", on_delete=fields.CASCADE)
    contact = fields.ForeignKeyField("models.Contact", related_name="objections", on_delete=fields.CASCADE)
    purpose = fields.CharField(max_length=64)
    source = fields.CharField(max_length=200, default="api")
    created_at = fields.DatetimeField(auto_now_add=True)
    recorded_by = fields.ForeignKeyField("models.User", related_name=None, null=True,
                                         on_delete=fields.SET_NULL)

    class Meta:
        table = "objection"
        indexes = (("tenant", "contact", "purpose"),)


class ContactPurposeState(Model):
    ERASURE = OnErasure("delete")

    id = fields.IntField(primary_key=True)
    tenant = fields.ForeignKeyField("models.Tenant", related_name=None, on_delete=fields.CASCADE)
    contact = fields.ForeignKeyField("models.Contact", related_name="purpose_states",
                                     on_delete=fields.CASCADE)
    purpose = fields.CharField(max_length=64)
    consent = fields.CharField(max_length=16, null=True)  # latest status, or None
    consent_at = fields.DatetimeField(null=True)
    explicit = fields.BooleanField(default=False)  # latest record is an explicit grant
    objected = fields.BooleanField(default=False)
    basis_state = fields.CharField(max_length=16)  # policies.vocabulary.BasisState

    class Meta:
        table = "contact_purpose_state"
        unique_together = (("tenant", "contact", "purpose"),)
        indexes = (("tenant", "purpose", "basis_state"),)


def _derived_state(state: ContactPurposeState) -> str:
    # Restriction lives on the contact, not per purpose, so it is never part of this row.
    from policies.vocabulary import basis_state  # noqa: PLC0415  (models must not import policies at load)

    return basis_state(restricted=False, objected=state.objected, consent=state.consent).value


def new_state(tenant_id: int, contact_id: int, purpose: str) -> ContactPurposeState:
    """The state of a purpose with no history yet (unsaved)."""
    return ContactPurposeState(tenant_id=tenant_id, contact_id=contact_id, purpose=purpose,
                               basis_state="none")


def apply_consent(state: ContactPurposeState, *, status: str, explicit: bool, captured_at) -> bool:
    """Bring `state` up to date with one consent record; the latest record decides (a record
    older than the state's leaves it as it is). Returns whether the state changed. The one rule,
    for the API's single records and the importer's batches alike."""
    if state.consent_at is not None and captured_at < state.consent_at:
        return False
    before = (state.consent, state.consent_at, state.explicit, state.basis_state)
    state.consent, state.consent_at = status, captured_at
    state.explicit = explicit and status == "GRANTED"
    state.basis_state = _derived_state(state)
    return before != (state.consent, state.consent_at, state.explicit, state.basis_state)


def apply_objection(state: ContactPurposeState) -> bool:
    """Mark the purpose objected to; returns whether the state changed."""
    before = (state.objected, state.basis_state)
    state.objected = True
    state.basis_state = _derived_state(state)
    return before != (state.objected, state.basis_state)


async def _state_row(contact, purpose: str) -> ContactPurposeState:
    state = await ContactPurposeState.get_or_none(tenant_id=contact.tenant_id, contact_id=contact.id,
                                                  purpose=purpose)
    return state or new_state(contact.tenant_id, contact.id, purpose)


async def record_consent(contact, *, purpose: str, status: str, explicit: bool, source: str,
                         evidence: str | None, captured_at, recorded_by_id: int | None) -> ConsentRecord:
    """Append a consent record and bring the derived state up to date; the latest record decides.
    Call inside a transaction: the history and the state must change together."""
    record = await ConsentRecord.create(
        tenant_id=contact.tenant_id, contact_id=contact.id, purpose=purpose, status=status,
        explicit=explicit, source=source, evidence=evidence, captured_at=captured_at,
        recorded_by_id=recorded_by_id,
    )
    state = await _state_row(contact, purpose)
    if apply_consent(state, status=status, explicit=explicit, captured_at=captured_at):
        await state.save()
    return record


async def record_objection(contact, *, purpose: str, source: str,
                           recorded_by_id: int | None) -> Objection:
    """Record an objection to a purpose (GDPR Art. 21). Call inside a transaction."""
    objection = await Objection.create(tenant_id=contact.tenant_id, contact_id=contact.id,
                                       purpose=purpose, source=source, recorded_by_id=recorded_by_id)
    state = await _state_row(contact, purpose)
    apply_objection(state)
    await state.save()
    return objection
