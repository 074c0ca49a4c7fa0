"""The sealing primitives: a value opens only with its key and at its place (tenant, table,
column, row); altered, it does not open; the ciphertext marker cannot come from outside."""

import base64

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from data import crypto
from data.crypto import Unreadable
from models import values

KEY = AESGCM(crypto.new_key())
PLACE = crypto.value_place(1, "contact", "sensitive_notes", 7)
ELSEWHERE = [crypto.value_place(2, "contact", "sensitive_notes", 7),  # another tenant
             crypto.value_place(1, "interaction", "sensitive_notes", 7),  # another table
             crypto.value_place(1, "contact", "competitive_notes", 7),  # another column
             crypto.value_place(1, "contact", "sensitive_notes", 8)]  # another row


def test_a_value_opens_at_its_place_only():
    sealed = crypto.seal_text(KEY, "allergic to peanuts", PLACE)
    assert crypto.is_sealed(sealed) and "peanuts" not in sealed
    assert crypto.open_text(KEY, sealed, PLACE) == "allergic to peanuts"
    for place in ELSEWHERE:
        with pytest.raises(Unreadable):
            crypto.open_text(KEY, sealed, place)
    with pytest.raises(Unreadable):
        crypto.open_text(AESGCM(crypto.new_key()), sealed, PLACE)


def test_an_altered_value_does_not_open_and_the_error_names_only_the_place():
    sealed = crypto.seal_text(KEY, "secret", PLACE)
    raw = bytearray(base64.urlsafe_b64decode(sealed[len(crypto.PREFIX):]))
    raw[len(raw) // 2] ^= 1  # one bit of the ciphertext
    flipped = crypto.PREFIX + base64.urlsafe_b64encode(bytes(raw)).decode()
    for bad in (flipped, sealed[:-4], crypto.PREFIX + "!!", crypto.MARKER + "9abc"):
        with pytest.raises(Unreadable) as error:
            crypto.open_text(KEY, bad, PLACE)
        assert str(error.value) == PLACE


def test_each_sealing_differs():
    assert crypto.seal_text(KEY, "same", PLACE) != crypto.seal_text(KEY, "same", PLACE)


@pytest.mark.parametrize("char", ["\ufdd0", "\ufdef", "\ufde0"])
def test_input_cannot_pass_for_ciphertext(char):
    with pytest.raises(values.Bad):
        values.text(char + "1AAAA")
    with pytest.raises(values.Bad):
        values.text("text" + char)


def test_a_master_key_id_is_not_the_key():
    key = crypto.new_key()
    assert len(crypto.key_id(key)) == 16 and crypto.key_id(key) not in key.hex()
    assert crypto.key_id(key) != crypto.key_id(crypto.new_key())
