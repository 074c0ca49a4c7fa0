"""The key hierarchy of envelope encryption (docs/security.md): tenant keys wrapped by the master
key, one data key per contact wrapped by its tenant's key, and each tenant's choice of categories
encrypted beyond `sensitive`. Only wrapped keys are stored; data/keys.py opens them."""

from tortoise import fields
from tortoise.models import Model

from models.personal import OnErasure, structural

ACTIVE, NEXT = "active", "next"  # TenantKey.state: in use; being rotated to (data/keys.py)


class TenantKey(Model):
    """One version of a tenant's key, wrapped (AES-256-GCM) by the master key `master_key_id`."""

    id = fields.IntField(primary_key=True)
    tenant = fields.ForeignKeyField("models.Tenant", related_name=None, on_delete=fields.CASCADE)
    version = fields.IntField()
    state = fields.CharField(max_length=8, default=ACTIVE)
    wrapped = fields.BinaryField()
    master_key_id = fields.CharField(max_length=16)  # data/crypto.py `key_id`: not the key
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "tenant_key"
        unique_together = (("tenant", "version"),)


class ContactKey(Model):
    """A contact's data key, wrapped by version `tenant_key_version` of its tenant's key. Erasure
    deletes it (crypto-shredding): every copy of the contact's ciphertext becomes unreadable."""

    ERASURE = OnErasure("delete")

    id = structural(fields.IntField(primary_key=True))
    tenant = structural(fields.ForeignKeyField("models.Tenant", related_name=None,
                                               on_delete=fields.CASCADE))
    contact = structural(fields.ForeignKeyField("models.Contact", related_name=None,
                                                on_delete=fields.CASCADE))
    wrapped = structural(fields.BinaryField())
    tenant_key_version = structural(fields.IntField())

    class Meta:
        table = "contact_key"
        unique_together = (("contact",),)
        indexes = (("tenant", "tenant_key_version"),)


class EncryptedCategory(Model):
    """A category a tenant opted into encryption at rest (encryptCategory), beyond `sensitive`."""

    id = fields.IntField(primary_key=True)
    tenant = fields.ForeignKeyField("models.Tenant", related_name=None, on_delete=fields.CASCADE)
    category = fields.CharField(max_length=32)
    opted_in_at = fields.DatetimeField(auto_now_add=True)
    opted_in_by = fields.ForeignKeyField("models.User", related_name=None, null=True,
                                         on_delete=fields.SET_NULL)

    class Meta:
        table = "encrypted_category"
        unique_together = (("tenant", "category"),)
