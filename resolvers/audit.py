"""auditEvents: the tenant's audit log, newest first, for the roles the policy lets read it."""

import strawberry
from tortoise import connections
from tortoise.expressions import Q, RawSQL

from audit import chain
from models import AuditEvent as AuditEventRow
from policies.errors import CodedError
from policies.vocabulary import Action, ErrorCode, Resource
from models.ids import parse_id
from resolvers.pagination import SortKey, anchored_after, check_first, connection, ordering
from schema.audit import AuditEvent, AuditEventConnection, AuditFilter

# seq orders a tenant's events; it stays out of the cursor, which names only the anchor row.
NEWEST_FIRST = SortKey("AUDIT_NEWEST_FIRST", "seq", True, value_in_cursor=False, unique=True)
COLUMNS = ("id", "seq", "at", "principal", "purpose", "operation", "contact_ids",
           "categories_returned", "categories_denied", "codes", "legal_reference", "prev_hash",
           "hash")


def to_event(row: dict, may_read_legal_process: bool) -> AuditEvent:
    """An event as the caller may see it: the text of a legal reference only for the roles the
    policy lets read legal process (the dpo); the others learn that there was one."""
    fields = {**row, "id": strawberry.ID(str(row["id"])),
              "contact_ids": [strawberry.ID(str(c)) for c in row["contact_ids"]]}
    reference = fields.pop("legal_reference")
    event = AuditEvent(**fields, has_legal_reference=reference is not None)
    event._legal_reference = reference if may_read_legal_process else None
    event._reference_withheld = reference is not None and not may_read_legal_process
    return event


def touching(query, contact_id: int):
    """Events whose `contact_ids` (a JSON list) holds `contact_id`: jsonb containment on
    PostgreSQL, `json_each` on SQLite. `contact_id` is an int, so inlining it is safe."""
    if connections.get("default").capabilities.dialect == "postgres":
        return query.filter(contact_ids__contains=[contact_id])
    sql = f"EXISTS (SELECT 1 FROM json_each(contact_ids) WHERE json_each.value = {int(contact_id)})"
    return query.annotate(touches_contact=RawSQL(sql)).filter(touches_contact=True)


def filtered(access, audit_filter: AuditFilter | None):
    query = access.rows(AuditEventRow)
    if audit_filter is None:
        return query
    condition = Q()
    for name in ("principal", "purpose"):
        value = getattr(audit_filter, name)
        if value is not None:
            condition &= Q(**{name: value})
    if audit_filter.since is not None:
        condition &= Q(at__gte=audit_filter.since)
    if audit_filter.until is not None:
        condition &= Q(at__lt=audit_filter.until)
    query = query.filter(condition)
    if audit_filter.contact_id is not None:
        contact_id = parse_id(audit_filter.contact_id)
        if contact_id is None:
            raise CodedError(ErrorCode.BAD_USER_INPUT, "filter.contactId: not a contact id.")
        query = touching(query, contact_id)
    return query


async def audit_events(info: strawberry.Info, first: int = 50, after: str | None = None,
                       filter: AuditFilter | None = None) -> AuditEventConnection:
    access = info.context.access
    access.require_administration(Resource.AUDIT, Action.READ)
    check_first(first)
    # Chain what is pending first, so the log shows every event recorded until now, each
    # with its seq (docs/audit.md: the sealer); a dpo's read is rare, the pass cheap.
    await chain.seal_pending(access.principal.tenant_id)
    base = filtered(access, filter)
    after_condition = await anchored_after(NEWEST_FIRST, base, after)
    rows = await base.filter(after_condition).order_by(*ordering(NEWEST_FIRST)).limit(
        first + 1).values(*COLUMNS)
    may_read_legal_process = access.can_administer(Resource.LEGAL_PROCESS, Action.READ)
    nodes = [to_event(row, may_read_legal_process) for row in rows[:first]]
    return connection(NEWEST_FIRST, rows, first, nodes, lambda: base.count())
