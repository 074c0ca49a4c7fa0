"""Partner API tokens and the tamper-evident audit trail."""

from tortoise import fields
from tortoise.models import Model


class ApiToken(Model):
    """A partner's token: bound to one tenant and to scopes no wider than its issuer's rights.
    The secret is shown once; only its HMAC-SHA256 under the server secret is stored."""

    id = fields.IntField(primary_key=True)
    tenant = fields.ForeignKeyField("models.Tenant", related_name=None, on_delete=fields.CASCADE)
    name = fields.CharField(max_length=200)
    prefix = fields.CharField(max_length=32)  # the first characters, to recognise it in lists
    token_hash = fields.CharField(max_length=64, unique=True)
    purposes = fields.JSONField(default=list)
    categories = fields.JSONField(default=list)
    actions = fields.JSONField(default=list)
    issued_by = fields.ForeignKeyField("models.User", related_name="issued_tokens", on_delete=fields.CASCADE)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_used_at = fields.DatetimeField(null=True)
    expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_token"
        indexes = (("tenant", "created_at"),)

    @property
    def subject(self) -> str:
        return f"token:{self.id}"


class AuditRecord(Model):
    """What an audit event says (abstract): the columns of a pending event, and of a chained one
    besides its place in the chain."""

    id = fields.BigIntField(primary_key=True)
    tenant = fields.ForeignKeyField("models.Tenant", related_name=None, on_delete=fields.CASCADE)
    at = fields.DatetimeField()
    principal = fields.CharField(max_length=64)
    purpose = fields.CharField(max_length=64, null=True)
    operation = fields.CharField(max_length=200)
    contact_ids = fields.JSONField(default=list)
    categories_returned = fields.JSONField(default=list)
    categories_denied = fields.JSONField(default=list)
    codes = fields.JSONField(default=list)
    legal_reference = fields.CharField(max_length=200, null=True)

    class Meta:
        abstract = True


class AuditEvent(AuditRecord):
    """One operation on personal data, in its tenant's chain. Append-only; `hash` covers the
    event and the previous event's hash of the same tenant, so editing, deleting or reordering
    breaks the chain."""

    seq = fields.BigIntField()  # 1, 2, 3 … per tenant
    prev_hash = fields.CharField(max_length=64)
    hash = fields.CharField(max_length=64)

    class Meta:
        table = "audit_event"
        unique_together = (("tenant", "seq"),)
        indexes = (("tenant", "at"), ("tenant", "principal", "at"))


class AuditPendingEvent(AuditRecord):
    """An event recorded (committed before its response left) but not yet in the chain: the
    tenant's sealer moves it into `audit_event` with its seq and hashes milliseconds later, in
    insertion order (audit/chain.py: seal)."""

    class Meta:
        table = "audit_pending_event"
        indexes = (("tenant", "id"),)


class AuditHead(Model):
    """The newest event of each tenant's chain. Moved by the sealer in the transaction that seals,
    it anchors the chain's end (so deleting the last events is detected too)."""

    tenant = fields.OneToOneField("models.Tenant", related_name=None, primary_key=True,
                                  on_delete=fields.CASCADE)
    seq = fields.BigIntField(default=0)
    hash = fields.CharField(max_length=64)

    class Meta:
        table = "audit_head"
