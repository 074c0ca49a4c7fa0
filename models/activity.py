"""Interactions (conversations, emails, meetings) and financial records of a contact."""

from tortoise import fields
from tortoise.models import Model


class Interaction(Model):
    id = fields.IntField(primary_key=True)
    tenant = fields.ForeignKeyField("models.Tenant", related_name=None, on_delete=fields.CASCADE)
    contact = fields.ForeignKeyField("models.Contact", related_name="interactions",
                                     on_delete=fields.CASCADE)
    kind = fields.CharField(max_length=16)
    occurred_at = fields.DatetimeField()
    direction = fields.CharField(max_length=16, null=True)
    participants_count = fields.IntField(null=True)
    subject = fields.CharField(max_length=500, null=True)
    content = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "interaction"
        indexes = (("tenant", "contact", "occurred_at", "id"), ("tenant", "occurred_at", "id"))


class FinancialRecord(Model):
    id = fields.IntField(primary_key=True)
    tenant = fields.ForeignKeyField("models.Tenant", related_name=None, on_delete=fields.CASCADE)
    # Null once the contact is erased: invoices are kept for the legal retention duty, detached.
    contact = fields.ForeignKeyField("models.Contact", related_name="financials", null=True,
                                     on_delete=fields.SET_NULL)
    kind = fields.CharField(max_length=16)
    amount = fields.DecimalField(max_digits=18, decimal_places=2)
    currency = fields.CharField(max_length=3)
    occurred_at = fields.DatetimeField()
    status = fields.CharField(max_length=32, null=True)
    description = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "financial_record"
        indexes = (("tenant", "contact", "occurred_at", "id"), ("tenant", "occurred_at", "id"))
