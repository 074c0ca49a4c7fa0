"""Breach scope and incidents (dpo, legal_compliance; docs/accountability.md). None of these types
carries a contact's personal data: contacts are named by id, categories by name."""

from datetime import datetime
from enum import Enum

import strawberry


@strawberry.type(description="A place where the audit chain does not hold.")
class ChainBreak:
    event_id: strawberry.ID | None
    seq: int | None
    reason: str


@strawberry.type(description="The audit chain checked over the window: from the last event "
                 "before it to the first event after it (or the head).")
class ChainCheck:
    ok: bool
    checked_from_seq: int | None
    checked_to_seq: int | None
    events_checked: int
    breaks: list[ChainBreak]
    more_breaks: bool


@strawberry.type
class CategoryCount:
    category: str
    data_subjects: int


@strawberry.type
class OperationCount:
    operation: str
    events: int


@strawberry.type(description="What the audit trail says was returned to a principal in a window. "
                 "Each category an event returned is counted for every contact of the event (an "
                 "upper bound: the trail keeps categories per event, not per contact).")
class BreachScope:
    principal: str | None = strawberry.field(description="`user:ID`, `token:ID`, or null: everyone.")
    since: datetime | None
    until: datetime | None
    chain: ChainCheck
    events: int
    data_subjects: int
    records: int = strawberry.field(description="Contact × category pairs returned.")
    categories: list[CategoryCount]
    contact_ids: list[strawberry.ID] = strawberry.field(description="The data subjects to notify.")
    reached_without_data: list[strawberry.ID] = strawberry.field(
        description="Contacts reached by operations that returned no data.")
    operations: list[OperationCount]


@strawberry.enum
class IncidentStatus(Enum):
    OPEN = "OPEN"
    CONTROLLER_NOTIFIED = "CONTROLLER_NOTIFIED"
    CLOSED = "CLOSED"


@strawberry.type(description="A security incident: opened, its breach scope attached, the "
                 "controller notified (without undue delay, Art. 33(2)), closed.")
class Incident:
    id: strawberry.ID
    title: str
    status: IncidentStatus
    opened_at: datetime
    opened_by: str | None = strawberry.field(description="`user:ID`.")
    hours_since_opening: float = strawberry.field(
        description="Hours from opening to now, or to closing once closed.")
    scope: BreachScope | None
    scope_attached_at: datetime | None
    controller_notified_at: datetime | None
    hours_to_notification: float | None
    closed_at: datetime | None


@strawberry.type(description="A sub-processor: who, for what, where, under which safeguards.")
class Subprocessor:
    name: str
    service: str
    purposes: list[str]
    categories: list[str] = strawberry.field(description="Data categories it reaches.")
    location: str = strawberry.field(description="ISO 3166 country code.")
    outside_eea: bool = strawberry.field(description="A transfer outside the EEA (Art. 44–46).")
    safeguards: str


@strawberry.type(description="A version of the register and what it changed.")
class RegisterVersion:
    version: int
    recorded_at: datetime
    changes: list[str]


@strawberry.type(description="The sub-processor register (Art. 28(2)) as this tenant sees it.")
class SubprocessorRegister:
    version: int
    recorded_at: datetime
    subprocessors: list[Subprocessor]
    acknowledged_version: int | None
    acknowledged_at: datetime | None
    changed_since_acknowledged: bool = strawberry.field(
        description="A version was recorded after the one this tenant last acknowledged (or it "
        "never acknowledged one).")
    changes_since_acknowledged: list[RegisterVersion]
