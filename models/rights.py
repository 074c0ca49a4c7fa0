"""Data subject rights: requests and their clock, the history of changes to a contact, erasure
blocks, and disclosures made under legal process."""

from tortoise import fields
from tortoise.models import Model

from models.personal import OnErasure


class DataSubjectRequest(Model):
    """A request under GDPR Art. 15–21, recorded by the tenant on the person's behalf."""
    ERASURE = OnErasure("keep", ground="Proof that the request was handled (GDPR Art. 5(2), 12); "
                        "holds no personal data of the contact.")

    id = fields.IntField(primary_key=True)
    tenant = fields.ForeignKeyField("models.Tenant", related_name=None, on_delete=fields.CASCADE)
    # Still linked after an erasure (the contact's row then holds only its id and dates), so the
    # request is kept as proof that it was handled; SET_NULL only if the row itself is deleted.
    contact = fields.ForeignKeyField("models.Contact", related_name="requests", null=True,
                                     on_delete=fields.SET_NULL)
    kind = fields.CharField(max_length=16)  # ACCESS PORTABILITY RECTIFICATION ERASURE RESTRICTION OBJECTION
    status = fields.CharField(max_length=16, default="OPEN")  # OPEN IN_PROGRESS EXTENDED COMPLETED REJECTED
    received_at = fields.DatetimeField()
    due_at = fields.DatetimeField()
    extension_reason = fields.TextField(null=True)
    closed_at = fields.DatetimeField(null=True)
    rejection_reason = fields.TextField(null=True)
    opened_by = fields.ForeignKeyField("models.User", related_name=None, null=True,
                                       on_delete=fields.SET_NULL)

    class Meta:
        table = "data_subject_request"
        # The list's order (due_at, id), with and without a status filter: the keyset seeks them.
        indexes = (("tenant", "status", "due_at", "id"), ("tenant", "due_at", "id"),
                   ("tenant", "contact"))


class ContactChange(Model):
    """Who changed what on a contact, and when: rectifications (old and new values per field) and
    restriction changes. Erasure deletes a contact's changes with the values they hold."""
    ERASURE = OnErasure("delete")  # it holds old values: personal data

    id = fields.IntField(primary_key=True)
    tenant = fields.ForeignKeyField("models.Tenant", related_name=None, on_delete=fields.CASCADE)
    contact = fields.ForeignKeyField("models.Contact", related_name="changes", on_delete=fields.CASCADE)
    kind = fields.CharField(max_length=16)  # RECTIFICATION RESTRICTION
    changes = fields.JSONField()  # {column: [old, new]}
    changed_at = fields.DatetimeField(auto_now_add=True)
    changed_by = fields.ForeignKeyField("models.User", related_name=None, null=True,
                                        on_delete=fields.SET_NULL)
    source = fields.CharField(max_length=200, default="api")

    class Meta:
        table = "contact_change"
        indexes = (("tenant", "contact", "changed_at"),)


class ErasureBlock(Model):
    """Keyed hashes (HMAC-SHA256) of an erased contact's email and external reference, so the person
    cannot come back through an import. Lifting a block is an explicit, recorded admin act."""

    id = fields.IntField(primary_key=True)
    tenant = fields.ForeignKeyField("models.Tenant", related_name=None, on_delete=fields.CASCADE)
    key_hash = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)
    lifted_at = fields.DatetimeField(null=True)
    lifted_by = fields.ForeignKeyField("models.User", related_name=None, null=True,
                                       on_delete=fields.SET_NULL)

    class Meta:
        table = "erasure_block"
        indexes = (("tenant", "key_hash"),)


class Disclosure(Model):
    """Personal data disclosed under `legal_compliance`, with the legal reference it answered."""
    ERASURE = OnErasure("keep", ground="Record of disclosures under legal process (GDPR Art. 5(2), "
                        "30); holds the legal reference and data categories, no values.")

    id = fields.IntField(primary_key=True)
    tenant = fields.ForeignKeyField("models.Tenant", related_name=None, on_delete=fields.CASCADE)
    contact = fields.ForeignKeyField("models.Contact", related_name="disclosures", on_delete=fields.CASCADE)
    legal_reference = fields.CharField(max_length=200)
    principal = fields.CharField(max_length=64)
    operation = fields.CharField(max_length=200, null=True)
    categories = fields.JSONField(default=list)
    disclosed_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "disclosure"
        indexes = (("tenant", "contact", "disclosed_at"),)
