"""Interactions (conversations, emails, meetings) and financial records of a contact. Each column
declares its data category and handling once, here (models/personal.py: the field catalog)."""

from enum import Enum

from tortoise import fields
from tortoise.models import Model

from models import values as v
from models.personal import OnErasure, personal, structural
from policies.vocabulary import Category as C


class InteractionKind(str, Enum):
    EMAIL = "EMAIL"
    CALL = "CALL"
    MEETING = "MEETING"
    CONVERSATION = "CONVERSATION"
    NOTE = "NOTE"


class Direction(str, Enum):
    INBOUND = "INBOUND"
    OUTBOUND = "OUTBOUND"


class FinancialKind(str, Enum):
    DEAL = "DEAL"
    INVOICE = "INVOICE"
    PAYMENT = "PAYMENT"
    SUBSCRIPTION = "SUBSCRIPTION"


ACCOUNTING_GROUND = ("Accounting records: retention duty under commercial and tax law (GDPR "
                     "Art. 17(3)(b)); kept detached from the person, description removed.")


class Interaction(Model):
    ERASURE = OnErasure("delete")

    id = structural(fields.IntField(primary_key=True))
    tenant = structural(fields.ForeignKeyField("models.Tenant", related_name=None,
                                               on_delete=fields.CASCADE))
    contact = structural(fields.ForeignKeyField("models.Contact", related_name="interactions",
                                                on_delete=fields.CASCADE))
    kind = personal(C.INTERACTION_METADATA, fields.CharField(max_length=16),
                    choices=InteractionKind)
    occurred_at = personal(C.INTERACTION_METADATA, fields.DatetimeField())
    direction = personal(C.INTERACTION_METADATA, fields.CharField(max_length=16, null=True),
                         choices=Direction)
    participants_count = personal(C.INTERACTION_METADATA, fields.IntField(null=True),
                                  check=v.count)
    # TEXT, so that it can hold its ciphertext; the limit is on the plaintext.
    subject = personal(C.INTERACTION_CONTENT, fields.TextField(null=True), max_length=500,
                       encrypt=True)
    content = personal(C.INTERACTION_CONTENT, fields.TextField(null=True), encrypt=True)
    created_at = structural(fields.DatetimeField(auto_now_add=True))

    class Meta:
        table = "interaction"
        # One per page order (resolvers/activity.py), led by tenant: the keyset seeks them.
        indexes = (("tenant", "contact", "occurred_at", "id"), ("tenant", "occurred_at", "id"),
                   ("tenant", "contact", "id"), ("tenant", "id"))


class FinancialRecord(Model):
    # Invoices and payments are kept for the legal retention duty, detached from the person.
    ERASURE = OnErasure("detach", ground=ACCOUNTING_GROUND,
                        keep_when={"kind": (FinancialKind.INVOICE.value, FinancialKind.PAYMENT.value)})

    id = structural(fields.IntField(primary_key=True))
    tenant = structural(fields.ForeignKeyField("models.Tenant", related_name=None,
                                               on_delete=fields.CASCADE))
    # Null once the contact is erased (see ERASURE).
    contact = structural(fields.ForeignKeyField("models.Contact", related_name="financials",
                                                null=True, on_delete=fields.SET_NULL))
    kind = personal(C.FINANCIAL, fields.CharField(max_length=16), choices=FinancialKind,
                    retain=ACCOUNTING_GROUND)
    amount = personal(C.FINANCIAL, fields.DecimalField(max_digits=18, decimal_places=2),
                      decimal=True, check=v.amount, retain=ACCOUNTING_GROUND,
                      doc='A decimal number as a string, e.g. "120.00".')
    currency = personal(C.FINANCIAL, fields.CharField(max_length=3), check=v.currency,
                        retain=ACCOUNTING_GROUND, doc="ISO 4217 code.")
    occurred_at = personal(C.FINANCIAL, fields.DatetimeField(), retain=ACCOUNTING_GROUND)
    status = personal(C.FINANCIAL, fields.CharField(max_length=32, null=True),
                      retain=ACCOUNTING_GROUND)
    description = personal(C.FINANCIAL, fields.TextField(null=True), encrypt=True)
    created_at = structural(fields.DatetimeField(auto_now_add=True))

    class Meta:
        table = "financial_record"
        # One per page order (resolvers/activity.py), led by tenant: the keyset seeks them.
        indexes = (("tenant", "contact", "occurred_at", "id"), ("tenant", "occurred_at", "id"),
                   ("tenant", "contact", "id"), ("tenant", "id"))
