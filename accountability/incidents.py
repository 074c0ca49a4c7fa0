"""Incidents (GDPR Art. 33(2): a processor notifies the controller of a breach without undue
delay): opened, the breach scope attached, the controller notified, closed. The clock is the time
since opening, shown until the controller is notified and kept afterwards as the delay."""

from dataclasses import dataclass
from datetime import datetime, timezone

from accountability.breach import ScopeRequest, scope
from data.scope import TenantScope
from models import Incident

MAX_TITLE = 200


class IncidentError(ValueError):
    """A move the incident's state does not allow; `not_found`: no such incident in the tenant."""

    def __init__(self, message: str, *, not_found: bool = False):
        super().__init__(message)
        self.not_found = not_found


def now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Clock:
    hours_since_opening: float  # until closing; a closed incident's clock stops at its close
    hours_to_notification: float | None  # opening to the controller's notification


def clock(incident: Incident, moment: datetime | None = None) -> Clock:
    end = incident.closed_at or moment or now()
    notified = incident.controller_notified_at
    return Clock(round((end - incident.opened_at).total_seconds() / 3600, 2),
                 round((notified - incident.opened_at).total_seconds() / 3600, 2) if notified else None)


async def open_incident(tenant_id: int, title: str, user_id: int | None) -> Incident:
    title = " ".join(title.split())
    if not title or len(title) > MAX_TITLE:
        raise IncidentError(f"title: 1 to {MAX_TITLE} characters")
    return await TenantScope(tenant_id).create(Incident, title=title, opened_at=now(),
                                 opened_by_id=user_id)


async def get_incident(tenant_id: int, incident_id: int | None) -> Incident:
    incident = (await TenantScope(tenant_id).rows(Incident).get_or_none(id=incident_id)
                if incident_id is not None else None)
    if incident is None:
        raise IncidentError("no such incident", not_found=True)
    return incident


def _open(incident: Incident) -> None:
    if incident.closed_at is not None:
        raise IncidentError("the incident is closed")


async def attach_scope(incident: Incident, request: ScopeRequest) -> Incident:
    """Compute the breach scope now and keep it with the incident (replacing an earlier one:
    a scope is refined as the investigation goes on)."""
    _open(incident)
    result = await scope(request)
    incident.scope, incident.scope_attached_at = result.as_json(), now()
    await incident.save(update_fields=["scope", "scope_attached_at"])
    return incident


async def record_notified(incident: Incident, at: datetime | None) -> Incident:
    _open(incident)
    at = at or now()
    if at.tzinfo is None:
        raise IncidentError("at: give a time with its UTC offset")
    if not incident.opened_at <= at <= now():
        raise IncidentError("at: between the incident's opening and now")
    incident.controller_notified_at = at
    await incident.save(update_fields=["controller_notified_at"])
    return incident


async def close(incident: Incident) -> Incident:
    _open(incident)
    incident.closed_at = now()
    await incident.save(update_fields=["closed_at"])
    return incident


async def list_incidents(tenant_id: int, open_only: bool) -> list[Incident]:
    query = TenantScope(tenant_id).rows(Incident)
    if open_only:
        query = query.filter(closed_at__isnull=True)
    return await query.order_by("-opened_at", "-id")
