"""AES-256-GCM for envelope encryption (the `cryptography` package's AESGCM; docs/security.md).

Three kinds of sealed bytes, each with associated data that names what it is and where it belongs,
so that a sealed value or key copied anywhere else does not open:

- a tenant key, wrapped by the master key: `tenant-key/<tenant>/<version>`;
- a contact's data key, wrapped by a tenant key: `contact-key/<tenant>/<contact>`;
- a stored value, sealed by the contact's data key: `value/<tenant>/<table>/<column>/<row>`.

A sealed value is stored as text: MARKER, the format version, then base64 of nonce and ciphertext.
MARKER is a Unicode noncharacter, which models/values.py refuses in every value written from
outside: a stored value starts with it only if it is ciphertext, so plaintext stored before a
tenant opted a category in stays readable (until `salesplus keys encrypt` seals it).

Nothing here logs, and no error says a key or a value: `Unreadable` names the place only."""

import base64
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MARKER = "\ufdd0"
FORMAT = "1"
PREFIX = MARKER + FORMAT
NONCE_BYTES = 12  # 96-bit random nonces: a data key seals far fewer than 2^32 values
KEY_BYTES = 32


class Unreadable(Exception):
    """A sealed key or value did not open: wrong key, wrong place, or altered."""


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=8 * KEY_BYTES)


def key_id(key: bytes) -> str:
    """A name for a master key that can be stored and shown: an HMAC of a constant under it."""
    return hmac.new(key, b"salesplus master key id", hashlib.sha256).hexdigest()[:16]


def seal_bytes(cipher: AESGCM, plain: bytes, where: str) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + cipher.encrypt(nonce, plain, where.encode())


def open_bytes(cipher: AESGCM, sealed: bytes, where: str) -> bytes:
    try:
        return cipher.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], where.encode())
    except (InvalidTag, ValueError):
        raise Unreadable(where) from None


def tenant_key_place(tenant_id: int, version: int) -> str:
    return f"tenant-key/{tenant_id}/{version}"


def contact_key_place(tenant_id: int, contact_id: int) -> str:
    return f"contact-key/{tenant_id}/{contact_id}"


def value_place(tenant_id: int, table: str, column: str, row_id: int) -> str:
    return f"value/{tenant_id}/{table}/{column}/{row_id}"


def is_sealed(stored: object) -> bool:
    return isinstance(stored, str) and stored.startswith(MARKER)


def seal_text(cipher: AESGCM, text: str, where: str) -> str:
    return PREFIX + base64.urlsafe_b64encode(seal_bytes(cipher, text.encode(), where)).decode()


def open_text(cipher: AESGCM, stored: str, where: str) -> str:
    if not stored.startswith(PREFIX):
        raise Unreadable(where)  # a format this version does not know
    try:
        sealed = base64.urlsafe_b64decode(stored[len(PREFIX):])
    except ValueError:
        raise Unreadable(where) from None
    return open_bytes(cipher, sealed, where).decode()
