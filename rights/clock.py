"""The clock of data subject requests (GDPR Art. 12(3)): an answer is due one month after the
request was received, and may be extended once by up to two further months.

Months are calendar months (`dateutil.relativedelta`): received on 31 January, due on the last day
of February. `now()` is the one place the rights code reads the time, so tests can move it."""

from datetime import datetime, timezone

from dateutil.relativedelta import relativedelta

RESPONSE_MONTHS = 1
MAX_EXTENSION_MONTHS = 2
CLOSED = frozenset({"COMPLETED", "REJECTED"})


def now() -> datetime:
    return datetime.now(timezone.utc)


def due_date(received_at: datetime, extension_months: int = 0) -> datetime:
    """Counted from the day of receipt, so an extension adds to the month, not to a clamped day:
    received 31 January, extended by two months: due 30 April (not 28 April)."""
    return received_at + relativedelta(months=RESPONSE_MONTHS + extension_months)


def is_overdue(status: str, due_at: datetime, at: datetime) -> bool:
    return status not in CLOSED and due_at < at
