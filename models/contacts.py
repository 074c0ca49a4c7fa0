"""The contact: a tenant's customer, the data subject. Columns are flat; each declares its data
category and handling once, here (models/personal.py: the field catalog)."""

from tortoise import fields
from tortoise.models import Model

from models import values as v
from models.personal import OnErasure, personal, structural
from policies.vocabulary import Category as C

SPECIAL = "Special-category data (GDPR Art. 9): also needs explicit consent for the purpose."


class Contact(Model):
    # An erased contact stays as a stub (id, tenant, record times, erased_at), so that requests,
    # disclosures and the audit trail still resolve to "an erased contact".
    ERASURE = OnErasure("keep", ground="The erased contact's stub: no personal data remains.")

    id = structural(fields.IntField(primary_key=True))
    tenant = structural(fields.ForeignKeyField("models.Tenant", related_name="contacts",
                                               on_delete=fields.CASCADE))
    # The tenant's key for the person in its own systems: read with the contact (api.md lists it
    # as structural), but rewriting it re-identifies the person, so a write needs identity.
    external_ref = personal(C.IDENTITY, fields.CharField(max_length=128, null=True),
                            readable_with_object=True, check=v.stripped)
    created_at = structural(fields.DatetimeField(auto_now_add=True))
    updated_at = structural(fields.DatetimeField(auto_now=True))
    first_name = personal(C.IDENTITY, fields.CharField(max_length=200, null=True))
    # Not null so that keyset pagination by last name needs no NULL handling; "" reads as null.
    last_name = personal(C.IDENTITY, fields.CharField(max_length=200, default=""),
                         blank="")
    company = personal(C.IDENTITY, fields.CharField(max_length=200, null=True))
    job_title = personal(C.IDENTITY, fields.CharField(max_length=200, null=True))
    email = personal(C.CONTACT_DETAILS, fields.CharField(max_length=254, null=True), check=v.email)
    phone = personal(C.CONTACT_DETAILS, fields.CharField(max_length=64, null=True))
    address = personal(C.CONTACT_DETAILS, fields.TextField(null=True))
    preferred_channel = personal(C.PREFERENCES, fields.CharField(max_length=32, null=True),
                                 path="preferences.channel")
    preferred_frequency = personal(C.PREFERENCES, fields.CharField(max_length=32, null=True),
                                   path="preferences.frequency")
    interests = personal(C.PREFERENCES, fields.JSONField(default=list), items=str, blank=[],
                         blank_reads_null=False)
    requirements = personal(C.PREFERENCES, fields.TextField(null=True))
    business_type = personal(C.COMMERCIAL, fields.CharField(max_length=200, null=True),
                             path="commercial_profile.business_type", check=v.free_scalar)
    purchase_frequency = personal(C.COMMERCIAL, fields.CharField(max_length=200, null=True),
                                  path="commercial_profile.purchase_frequency",
                                  check=v.free_scalar)
    annual_volume = personal(C.COMMERCIAL, fields.CharField(max_length=200, null=True),
                             path="commercial_profile.annual_volume", check=v.free_scalar)
    city = personal(C.LOCATION, fields.CharField(max_length=200, null=True), path="location.city")
    country = personal(C.LOCATION, fields.CharField(max_length=2, null=True),
                       path="location.country", check=v.country)
    latitude = personal(C.LOCATION, fields.FloatField(null=True), path="location.latitude",
                        check=v.latitude)
    longitude = personal(C.LOCATION, fields.FloatField(null=True), path="location.longitude",
                         check=v.longitude)
    competitive_notes = personal(C.COMPETITIVE, fields.TextField(null=True), encrypt=True)
    sensitive_notes = personal(C.SENSITIVE, fields.TextField(null=True), doc=SPECIAL)
    # Processing state (structural): set by their own mutations, not by contact input.
    processing_restricted = structural(fields.BooleanField(default=False))
    erased_at = structural(fields.DatetimeField(null=True))

    class Meta:
        table = "contact"
        unique_together = (("tenant", "external_ref"),)
        indexes = (
            ("tenant", "created_at", "id"),
            ("tenant", "updated_at", "id"),
            ("tenant", "last_name", "id"),
            ("tenant", "email"),
        )
