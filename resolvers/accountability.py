"""Breach scope and incidents: the dpo's, under `legal_compliance` (policy line `incident
manage`); the sub-processor register: admin and dpo, not purpose-bound (`subprocessors read`,
`subprocessors acknowledge`). The work is in accountability/, shared with the command line."""

from datetime import datetime

import strawberry

from accountability import incidents, subprocessors
from accountability.breach import ScopeError, ScopeRequest, scope
from models import ApiToken, Session
from models import Incident as IncidentRow
from models.ids import parse_id
from policies.errors import CodedError, not_found
from policies.vocabulary import Action, ErrorCode, Resource
from schema.accountability import (BreachScope, CategoryCount, ChainBreak, ChainCheck, Incident,
                                   IncidentStatus, OperationCount, RegisterVersion, Subprocessor,
                                   SubprocessorRegister)


def to_scope(data: dict) -> BreachScope:
    """From `Scope.as_json()`: the live answer and the one kept with an incident are one shape."""
    chain = data["chain"]
    ids = [strawberry.ID(str(c)) for c in data["contactIds"]]
    return BreachScope(
        principal=data["principal"],
        since=datetime.fromisoformat(data["since"]) if data["since"] else None,
        until=datetime.fromisoformat(data["until"]) if data["until"] else None,
        chain=ChainCheck(ok=chain["ok"], checked_from_seq=chain["checkedFromSeq"],
                         checked_to_seq=chain["checkedToSeq"], events_checked=chain["eventsChecked"],
                         breaks=[ChainBreak(event_id=strawberry.ID(str(b["eventId"]))
                                            if b["eventId"] is not None else None,
                                            seq=b["seq"], reason=b["reason"])
                                 for b in chain["breaks"]],
                         more_breaks=chain["moreBreaks"]),
        events=data["events"], data_subjects=data["dataSubjects"], records=data["records"],
        categories=[CategoryCount(category=k, data_subjects=v) for k, v in data["categories"].items()],
        contact_ids=ids,
        reached_without_data=[strawberry.ID(str(c)) for c in data["reachedWithoutData"]],
        operations=[OperationCount(operation=k, events=v) for k, v in data["operations"].items()])


def _id(value: strawberry.ID | None, name: str, model: type) -> int | None:
    if value is None:
        return None
    parsed = parse_id(value, model)
    if parsed is None:
        raise CodedError(ErrorCode.BAD_USER_INPUT, f"{name}: not an id.")
    return parsed


def _request(info, principal, token_id, session_id, since, until) -> ScopeRequest:
    info.context.access.require(Resource.INCIDENT, Action.MANAGE)
    for name, moment in (("since", since), ("until", until)):
        if moment is not None and moment.tzinfo is None:
            raise CodedError(ErrorCode.BAD_USER_INPUT, f"{name}: give a time with its UTC offset.")
    return ScopeRequest(info.context.access.principal.tenant_id,
                        email=principal.strip().lower() if principal else None,
                        token_id=_id(token_id, "tokenId", ApiToken),
                        session_id=_id(session_id, "sessionId", Session),
                        since=since, until=until)


def _coded(error: ScopeError | incidents.IncidentError) -> CodedError:
    return not_found() if error.not_found else CodedError(ErrorCode.BAD_USER_INPUT, str(error))


async def breach_scope(info: strawberry.Info, principal: str | None = None,
                       token_id: strawberry.ID | None = None,
                       session_id: strawberry.ID | None = None, since: datetime | None = None,
                       until: datetime | None = None) -> BreachScope:
    request = _request(info, principal, token_id, session_id, since, until)
    try:
        return to_scope((await scope(request)).as_json())
    except ScopeError as error:
        raise _coded(error) from None


# -- incidents ------------------------------------------------------------------------------------
def to_incident(row) -> Incident:
    times = incidents.clock(row)
    status = (IncidentStatus.CLOSED if row.closed_at else IncidentStatus.CONTROLLER_NOTIFIED
              if row.controller_notified_at else IncidentStatus.OPEN)
    return Incident(id=strawberry.ID(str(row.id)), title=row.title, status=status,
                    opened_at=row.opened_at,
                    opened_by=f"user:{row.opened_by_id}" if row.opened_by_id else None,
                    hours_since_opening=times.hours_since_opening,
                    scope=to_scope(row.scope) if row.scope else None,
                    scope_attached_at=row.scope_attached_at,
                    controller_notified_at=row.controller_notified_at,
                    hours_to_notification=times.hours_to_notification, closed_at=row.closed_at)


async def _incident(info, incident_id: strawberry.ID):
    access = info.context.access
    access.require(Resource.INCIDENT, Action.MANAGE)
    try:
        return await incidents.get_incident(access.principal.tenant_id, parse_id(incident_id, IncidentRow))
    except incidents.IncidentError as error:
        raise _coded(error) from None


async def incidents_list(info: strawberry.Info, open_only: bool = False) -> list[Incident]:
    access = info.context.access
    access.require(Resource.INCIDENT, Action.MANAGE)
    return [to_incident(row) for row in
            await incidents.list_incidents(access.principal.tenant_id, open_only)]


async def open_incident(info: strawberry.Info, title: str) -> Incident:
    access = info.context.access
    access.require(Resource.INCIDENT, Action.MANAGE)
    try:
        row = await incidents.open_incident(access.principal.tenant_id, title,
                                            access.principal.user_id)
    except incidents.IncidentError as error:
        raise _coded(error) from None
    return to_incident(row)


async def attach_breach_scope(info: strawberry.Info, incident_id: strawberry.ID,
                              principal: str | None = None, token_id: strawberry.ID | None = None,
                              session_id: strawberry.ID | None = None,
                              since: datetime | None = None,
                              until: datetime | None = None) -> Incident:
    incident = await _incident(info, incident_id)
    request = _request(info, principal, token_id, session_id, since, until)
    try:
        return to_incident(await incidents.attach_scope(incident, request))
    except (ScopeError, incidents.IncidentError) as error:
        raise _coded(error) from None


async def record_controller_notified(info: strawberry.Info, incident_id: strawberry.ID,
                                     at: datetime | None = None) -> Incident:
    incident = await _incident(info, incident_id)
    try:
        return to_incident(await incidents.record_notified(incident, at))
    except incidents.IncidentError as error:
        raise _coded(error) from None


async def close_incident(info: strawberry.Info, incident_id: strawberry.ID) -> Incident:
    incident = await _incident(info, incident_id)
    try:
        return to_incident(await incidents.close(incident))
    except incidents.IncidentError as error:
        raise _coded(error) from None


# -- the sub-processor register (admin and dpo; administration) -----------------------------------
def to_register(view: subprocessors.TenantView) -> SubprocessorRegister:
    current, ack = view.current, view.acknowledged
    return SubprocessorRegister(
        version=current.number, recorded_at=current.recorded_at,
        subprocessors=[Subprocessor(**entry, outside_eea=entry["location"] not in subprocessors.EEA)
                       for entry in current.entries["subprocessors"]],
        acknowledged_version=ack.version.number if ack else None,
        acknowledged_at=ack.acknowledged_at if ack else None,
        changed_since_acknowledged=bool(view.unacknowledged),
        changes_since_acknowledged=[RegisterVersion(version=v.number, recorded_at=v.recorded_at,
                                                    changes=v.changes) for v in view.unacknowledged])


async def subprocessor_register(info: strawberry.Info) -> SubprocessorRegister:
    access = info.context.access
    access.require_administration(Resource.SUBPROCESSORS, Action.READ)
    return to_register(await subprocessors.tenant_view(access.principal.tenant_id))


async def acknowledge_subprocessor_register(info: strawberry.Info,
                                            version: int) -> SubprocessorRegister:
    access = info.context.access
    access.require_administration(Resource.SUBPROCESSORS, Action.ACKNOWLEDGE)
    try:
        view = await subprocessors.acknowledge(access.principal.tenant_id, version,
                                               access.principal.user_id)
    except subprocessors.StaleAcknowledgement as error:
        raise CodedError(ErrorCode.BAD_USER_INPUT, str(error)) from None
    return to_register(view)
