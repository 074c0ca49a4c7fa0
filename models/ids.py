"""The one parser of object ids and of row ids in cursors.

An id is ASCII digits naming a key within its column's range, or it names nothing. `str.isdigit`
then `int()` let through "²" (isdigit, but not int()), "١" and "３" (both int() 1 and 3), and
numbers past the column (PostgreSQL refuses 2^31 in an `integer` column, with an error, not an
empty answer). The range is read from the model's primary key field."""

from tortoise.models import Model

from models.contacts import Contact

ASCII_DIGITS = frozenset("0123456789")


def key_range(model: type[Model]) -> tuple[int, int]:
    """The positive values of the model's primary key column."""
    constraints = model._meta.pk.constraints
    return max(constraints.get("ge", 1), 1), constraints.get("le", 2**63 - 1)


def parse_id(value: object, model: type[Model] | None = None) -> int | None:
    """The key `value` names in `model`'s table (a contact's by default), or None."""
    text = str(value)
    low, high = key_range(model or Contact)
    if not text or len(text) > len(str(high)) or not ASCII_DIGITS.issuperset(text):
        return None
    number = int(text)
    return number if low <= number <= high else None


def valid_key(number: object, model: type[Model] | None = None) -> bool:
    """An int read from elsewhere (a cursor's JSON) that can be a key of `model`'s table."""
    low, high = key_range(model or Contact)
    return type(number) is int and low <= number <= high
