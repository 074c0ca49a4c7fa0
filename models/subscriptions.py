"""Subscription topics per tenant and each contact's subscription to them."""

from tortoise import fields
from tortoise.models import Model

from models.personal import OnErasure


class SubscriptionTopic(Model):
    id = fields.IntField(primary_key=True)
    tenant = fields.ForeignKeyField("models.Tenant", related_name="topics", on_delete=fields.CASCADE)
    topic = fields.CharField(max_length=64)
    # True: newsletters, marketing (the person may opt out). False: service announcements.
    opt_out = fields.BooleanField(default=True)

    class Meta:
        table = "subscription_topic"
        unique_together = (("tenant", "topic"),)


class Subscription(Model):
    ERASURE = OnErasure("delete")

    id = fields.IntField(primary_key=True)
    tenant = fields.ForeignKeyField("models.Tenant", related_name=None, on_delete=fields.CASCADE)
    contact = fields.ForeignKeyField("models.Contact", related_name="subscriptions",
                                     on_delete=fields.CASCADE)
    topic = fields.CharField(max_length=64)
    subscribed = fields.BooleanField(default=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "subscription"
        unique_together = (("tenant", "contact", "topic"),)
        indexes = (("tenant", "topic", "subscribed"),)
