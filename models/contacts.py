"""The contact: a tenant's customer, the data subject. Columns are flat; the GraphQL schema groups
them and declares each field's data category (schema/contacts.py)."""

from tortoise import fields
from tortoise.models import Model


class Contact(Model):
    id = fields.IntField(primary_key=True)
    tenant = fields.ForeignKeyField("models.Tenant", related_name="contacts", on_delete=fields.CASCADE)
    external_ref = fields.CharField(max_length=128, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    # identity
    first_name = fields.CharField(max_length=200, null=True)
    # Not null so that keyset pagination by last name needs no NULL handling; "" reads as null.
    last_name = fields.CharField(max_length=200, default="")
    company = fields.CharField(max_length=200, null=True)
    job_title = fields.CharField(max_length=200, null=True)
    # contact_details
    email = fields.CharField(max_length=254, null=True)
    phone = fields.CharField(max_length=64, null=True)
    address = fields.TextField(null=True)
    # preferences
    preferred_channel = fields.CharField(max_length=32, null=True)
    preferred_frequency = fields.CharField(max_length=32, null=True)
    interests = fields.JSONField(default=list)
    requirements = fields.TextField(null=True)
    # commercial
    business_type = fields.CharField(max_length=200, null=True)
    purchase_frequency = fields.CharField(max_length=200, null=True)
    annual_volume = fields.CharField(max_length=200, null=True)
    # location
    city = fields.CharField(max_length=200, null=True)
    country = fields.CharField(max_length=2, null=True)
    latitude = fields.FloatField(null=True)
    longitude = fields.FloatField(null=True)
    # competitive / sensitive
    competitive_notes = fields.TextField(null=True)
    sensitive_notes = fields.TextField(null=True)
    # processing state (structural)
    processing_restricted = fields.BooleanField(default=False)
    erased_at = fields.DatetimeField(null=True)

    class Meta:
        table = "contact"
        unique_together = (("tenant", "external_ref"),)
        indexes = (
            ("tenant", "created_at", "id"),
            ("tenant", "updated_at", "id"),
            ("tenant", "last_name", "id"),
            ("tenant", "email"),
        )
