"""Checks for single values written to personal-data columns, by the API and by the importer alike
(models/personal.py names the check of each column). Each returns the normalised value or raises
`Bad(reason)`; the caller knows the position (a GraphQL path, an import record) and adds it."""

import re
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum


class Bad(ValueError):
    """A value is invalid; the message is the reason, without the position."""


# Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is not ours to judge.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
COUNTRY = re.compile(r"^[A-Z]{2}$")
CURRENCY = re.compile(r"^[A-Z]{3}$")
SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
AMOUNT_DIGITS = 16  # DecimalField(max_digits=18, decimal_places=2)


def text(value, max_length: int | None = None, *, nullable: bool = True) -> str | None:
    if value is None:
        if nullable:
            return None
        raise Bad("is required")
    if not isinstance(value, str):
        raise Bad(f"must be a string, not {type(value).__name__}")
    if max_length is not None and len(value) > max_length:
        raise Bad(f"longer than {max_length} characters")
    well_formed(value)
    return value


# U+FDD0..U+FDEF are Unicode noncharacters, reserved for a program's internal use: data/crypto.py
# marks ciphertext with one, so no value written from outside can pass for ciphertext.
INTERNAL_USE = re.compile("[\ufdd0-\ufdef]")


def well_formed(value: str) -> str:
    """No NUL and no lone surrogate: neither can be stored (PostgreSQL refuses both); and no
    noncharacter reserved for internal use (INTERNAL_USE)."""
    if "\x00" in value:
        raise Bad("contains a NUL character")
    if INTERNAL_USE.search(value):
        raise Bad("contains a Unicode noncharacter (U+FDD0 to U+FDEF)")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise Bad("is not well-formed Unicode (a lone surrogate)") from None
    return value


def required_text(value, max_length: int | None = None) -> str:
    value = text(value, max_length, nullable=False)
    if not value.strip():
        raise Bad("must not be empty")
    return value


def email(value, max_length: int | None = 254, *, nullable: bool = True) -> str | None:
    value = text(value, max_length, nullable=nullable)
    if value is None:
        return None
    value = value.strip()
    if not EMAIL.match(value):
        raise Bad("not a valid email address")
    return value


def boolean(value) -> bool:
    if not isinstance(value, bool):
        raise Bad("must be true or false")
    return value


def enum(value, choices: type[Enum] | frozenset[str] | tuple[str, ...]) -> str:
    if isinstance(value, str) and value in (
            choices._value2member_map_ if isinstance(choices, type) else choices):
        return value  # the common case, without building the message's list (imports: per value)
    if isinstance(choices, type):
        allowed = [c.value for c in choices]
    else:  # a tuple keeps its documented order; a set is sorted for stable messages
        allowed = list(choices) if isinstance(choices, tuple) else sorted(choices)
    if value not in allowed:
        raise Bad(f"{value!r} is not one of {', '.join(allowed)}")
    return value


def timestamp(value) -> datetime:
    """ISO 8601 with a time zone (a naive time would be read differently by different servers)."""
    if not isinstance(value, str):
        raise Bad("must be an ISO 8601 date-time string")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise Bad(f"{value!r} is not an ISO 8601 date-time") from None
    if parsed.tzinfo is None:
        raise Bad(f"{value!r} has no time zone (add Z or +hh:mm)")
    return parsed.astimezone(UTC)


def moment(value) -> datetime:
    """A timestamp from the import format (a string) or from GraphQL (already a datetime)."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise Bad("has no time zone (add Z or +hh:mm)")
        return value.astimezone(UTC)
    return timestamp(value)


def number(value, low: float, high: float) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise Bad("must be a number")
    if not low <= value <= high:
        raise Bad(f"must be between {low} and {high}")
    return float(value)


def amount(value, max_length: int | None = None) -> Decimal:
    """A decimal string such as "120.00" (numbers are accepted but strings are exact)."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise Bad('must be a decimal string such as "120.00"')
    try:
        parsed = Decimal(str(value).strip())
    except InvalidOperation:
        raise Bad(f"{value!r} is not a decimal amount") from None
    if not parsed.is_finite():
        raise Bad(f"{value!r} is not a decimal amount")
    if parsed != parsed.quantize(Decimal("0.01")):
        raise Bad("has more than 2 decimal places")
    if abs(parsed) >= Decimal(10) ** AMOUNT_DIGITS:
        raise Bad(f"has more than {AMOUNT_DIGITS} digits before the decimal point")
    return parsed.quantize(Decimal("0.01"))


def pattern(value, regex: re.Pattern, what: str, *, nullable: bool = True) -> str | None:
    value = text(value, nullable=nullable)
    if value is None:
        return None
    if not regex.match(value):
        raise Bad(f"{value!r} is not {what}")
    return value


def string_list(value, max_length: int | None = None) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Bad("must be a list of strings")
    for item in value:
        well_formed(item)
    return value


def free_scalar(value, max_length: int) -> str | None:
    """Commercial profile values: strings, numbers accepted and kept as written."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        value = str(value)
    return text(value, max_length)


def count(value, max_length: int | None = None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Bad("must be a whole number ≥ 0")
    return value


def stripped(value, max_length: int | None = None) -> str | None:
    value = text(value, max_length)
    return value.strip() if value is not None else None


def _upper_code(value, regex: re.Pattern, what: str, *, nullable: bool) -> str | None:
    """A code stored upper case; a value that is not one is quoted as it was given."""
    value = text(value, nullable=nullable)
    if value is None:
        return None
    if not regex.match(value.upper()):
        raise Bad(f"{value!r} is not {what}")
    return value.upper()


def country(value, max_length: int | None = None) -> str | None:
    """ISO 3166 alpha-2, stored upper case."""
    return _upper_code(value, COUNTRY, "a 2-letter ISO country code (e.g. FR)", nullable=True)


def currency(value, max_length: int | None = None) -> str:
    return _upper_code(value, CURRENCY, "a 3-letter ISO currency code (e.g. EUR)",
                       nullable=False)


def ranged(low: float, high: float) -> Callable:
    def check(value, max_length: int | None = None) -> float | None:
        return number(value, low, high)
    return check


latitude = ranged(-90, 90)
longitude = ranged(-180, 180)
