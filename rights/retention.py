"""Storage limitation (GDPR Art. 5(1)(e)): delete what no purpose needs any more.

What `salesplus retention run` removes, each after its own period:
- login sessions that expired or were revoked more than `sessions_days` ago (their HMACs are of
  no use; keeping them only grows a table of who logged in when);
- API tokens that expired or were revoked more than `tokens_days` ago (the audit trail keeps
  `token:N` as the actor, so accountability does not need the row);
- financial records kept after an erasure (detached from any contact) once their legal retention
  duty of `retained_financial_years` has run out, counted from the record's date.
Each kind is deleted in one statement; a dry run only counts."""

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from data.scope import every_tenant
from models import ApiToken, FinancialRecord, Session


@dataclass(frozen=True)
class RetentionPeriods:
    sessions_days: int = 30
    tokens_days: int = 90
    retained_financial_years: int = 10  # commercial and tax record keeping, the longest in the EU


def _candidates(periods: RetentionPeriods, moment: datetime) -> dict:
    sessions = moment - timedelta(days=periods.sessions_days)
    tokens = moment - timedelta(days=periods.tokens_days)
    financial = moment - timedelta(days=round(365.25 * periods.retained_financial_years))
    return {
        "sessions": every_tenant(Session).filter(Q(expires_at__lt=sessions)
                                                 | Q(revoked_at__lt=sessions)),
        "api_tokens": every_tenant(ApiToken).filter(Q(expires_at__lt=tokens)
                                                    | Q(revoked_at__lt=tokens)),
        "retained_financial_records": every_tenant(FinancialRecord).filter(
            contact_id__isnull=True, occurred_at__lt=financial),
    }


async def run(periods: RetentionPeriods, *, dry_run: bool = False,
              moment: datetime | None = None) -> dict[str, int]:
    """Counts per kind of what was (or, in a dry run, would be) deleted; all or nothing."""
    moment = moment or datetime.now(timezone.utc)
    async with in_transaction():
        counts = {}
        for kind, query in _candidates(periods, moment).items():
            counts[kind] = await query.count() if dry_run else await query.delete()
    return counts
