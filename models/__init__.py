"""Tortoise models. Every table holding personal data carries `tenant_id`, first in its indexes."""

from models.accountability import ApiToken, AuditEvent, AuditHead, AuditPendingEvent
from models.activity import FinancialRecord, Interaction
from models.compliance import (Incident, RetentionRule, SubprocessorAcknowledgement,
                               SubprocessorRegisterVersion)
from models.consent import ConsentRecord, ContactPurposeState, Objection
from models.contacts import Contact
from models.keys import ContactKey, EncryptedCategory, TenantKey
from models.rights import ContactChange, DataSubjectRequest, Disclosure, ErasureBlock
from models.subscriptions import Subscription, SubscriptionTopic
from models.tenancy import LoginCounter, PolicyRule, Session, Tenant, User

__all__ = [
    "ApiToken",
    "AuditEvent",
    "AuditHead",
    "AuditPendingEvent",
    "ContactChange",
    "ContactKey",
    "DataSubjectRequest",
    "EncryptedCategory",
    "Disclosure",
    "ErasureBlock",
    "ConsentRecord",
    "Contact",
    "ContactPurposeState",
    "FinancialRecord",
    "Incident",
    "Interaction",
    "LoginCounter",
    "Objection",
    "PolicyRule",
    "RetentionRule",
    "Session",
    "SubprocessorAcknowledgement",
    "SubprocessorRegisterVersion",
    "Subscription",
    "SubscriptionTopic",
    "Tenant",
    "TenantKey",
    "User",
]
