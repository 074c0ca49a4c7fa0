"""Signed links for the data subject, who never logs in (policy.md §1): one-click unsubscribe
(RFC 8058) per contact and topic, and a preference page per contact.

Tokens are `itsdangerous` signatures (HMAC-SHA256 under SALESPLUS_SECRET_KEY) of
[tenant id, contact id, topic] and [tenant id, contact id]. Each kind has its own salt, so an
unsubscribe token is not a preference token and neither signs anything else in the product. A
token grants nothing but its own page; it does not expire, since an email may be read months
later, and becomes useless once the contact is erased or the topic removed."""

import hashlib
from dataclasses import dataclass

from itsdangerous import BadData, URLSafeSerializer

from config import settings

UNSUBSCRIBE_SALT = "salesplus.unsubscribe.v1"
PREFERENCES_SALT = "salesplus.preferences.v1"


@dataclass(frozen=True)
class Target:
    tenant_id: int
    contact_id: int
    topic: str | None = None


def _serializer(salt: str, secret: bytes | None) -> URLSafeSerializer:
    key = secret if secret is not None else settings().secret_key
    return URLSafeSerializer(key, salt=salt, signer_kwargs={"digest_method": hashlib.sha256})


def unsubscribe_token(tenant_id: int, contact_id: int, topic: str, secret: bytes | None = None) -> str:
    return _serializer(UNSUBSCRIBE_SALT, secret).dumps([tenant_id, contact_id, topic])


def preferences_token(tenant_id: int, contact_id: int, secret: bytes | None = None) -> str:
    return _serializer(PREFERENCES_SALT, secret).dumps([tenant_id, contact_id])


def _ints(*values) -> bool:
    return all(isinstance(v, int) and not isinstance(v, bool) for v in values)


def read_unsubscribe(token: str, secret: bytes | None = None) -> Target | None:
    """The target of a genuine unsubscribe token, else None (tampered, truncated, other kind)."""
    try:
        payload = _serializer(UNSUBSCRIBE_SALT, secret).loads(token)
    except BadData:
        return None
    if (isinstance(payload, list) and len(payload) == 3 and _ints(*payload[:2])
            and isinstance(payload[2], str)):
        return Target(payload[0], payload[1], payload[2])
    return None


def read_preferences(token: str, secret: bytes | None = None) -> Target | None:
    try:
        payload = _serializer(PREFERENCES_SALT, secret).loads(token)
    except BadData:
        return None
    if isinstance(payload, list) and len(payload) == 2 and _ints(*payload):
        return Target(payload[0], payload[1])
    return None
