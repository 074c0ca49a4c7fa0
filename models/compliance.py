"""A processor's accountability to its controllers: incidents, the sub-processor register's
history and each tenant's acknowledgements, and per-tenant retention per data category."""

from tortoise import fields
from tortoise.models import Model


class Incident(Model):
    """A security incident handled for a tenant (GDPR Art. 33(2)): opened, its breach scope
    attached, the controller notified, closed. The title is a label, not a place for personal data."""

    id = fields.IntField(primary_key=True)
    tenant = fields.ForeignKeyField("models.Tenant", related_name=None, on_delete=fields.CASCADE)
    title = fields.CharField(max_length=200)
    opened_at = fields.DatetimeField()
    opened_by = fields.ForeignKeyField("models.User", related_name=None, null=True,
                                       on_delete=fields.SET_NULL)
    scope = fields.JSONField(null=True)  # accountability.breach.Scope.as_json()
    scope_attached_at = fields.DatetimeField(null=True)
    controller_notified_at = fields.DatetimeField(null=True)
    closed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "incident"
        indexes = (("tenant", "opened_at"),)


class SubprocessorRegisterVersion(Model):
    """One version of the sub-processor register file, as first seen by a starting server or command:
    its digest, when it was recorded, its entries and what changed from the version before."""

    id = fields.IntField(primary_key=True)
    number = fields.IntField(unique=True)  # 1, 2, 3 …
    digest = fields.CharField(max_length=64)
    recorded_at = fields.DatetimeField()
    entries = fields.JSONField()
    changes = fields.JSONField(default=list)  # ["added X", "removed Y", "changed Z: location"]

    class Meta:
        table = "subprocessor_register"


class SubprocessorAcknowledgement(Model):
    """A tenant (the controller) acknowledged a version of the register."""

    id = fields.IntField(primary_key=True)
    tenant = fields.ForeignKeyField("models.Tenant", related_name=None, on_delete=fields.CASCADE)
    version = fields.ForeignKeyField("models.SubprocessorRegisterVersion", related_name=None,
                                     on_delete=fields.CASCADE)
    acknowledged_at = fields.DatetimeField()
    acknowledged_by = fields.ForeignKeyField("models.User", related_name=None, null=True,
                                             on_delete=fields.SET_NULL)

    class Meta:
        table = "subprocessor_ack"
        unique_together = (("tenant", "version"),)


class RetentionRule(Model):
    """A tenant's maximum age for one data category, overriding the documented default
    (accountability/retention.py); `max_age_days` null: kept without limit."""

    id = fields.IntField(primary_key=True)
    tenant = fields.ForeignKeyField("models.Tenant", related_name=None, on_delete=fields.CASCADE)
    category = fields.CharField(max_length=32)
    max_age_days = fields.IntField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "retention_rule"
        unique_together = (("tenant", "category"),)
