"""Everything held about one contact, as one versioned JSON document (GDPR Art. 15 and 20).

The document's shape is published as a JSON Schema (docs/export.schema.json, `schemaVersion`
"1"); names follow the API and the import format (docs/import.md). A change that removes or
renames a key is a new schema version. One query per kind of record, never one per row: a
contact with 10,000 interactions costs the same eleven statements as one with none (twelve with
the contact's data key: sealed values are opened for the data subject's copy, data/sealed.py)."""

from datetime import datetime
from typing import Any

from data import sealed
from data.sealed import Opener
from data.scope import TenantScope
from models import (ConsentRecord, Contact, ContactChange, DataSubjectRequest, Disclosure,
                    FinancialRecord, Interaction, Objection, Subscription, SubscriptionTopic,
                    Tenant)
from models.personal import catalog
from rights import clock

SCHEMA_VERSION = "1"


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _plain(value: Any) -> Any:
    return iso(value) if isinstance(value, datetime) else value


def catalog_section(model: type, row: dict, opener: Opener) -> dict:
    """A row's catalogued columns under their API names, nested objects always present (the
    field catalog, models/personal.py, says which columns and how each reads)."""
    row = opener.row(model, row)
    section: dict = {}
    for column in catalog(model):
        *groups, leaf = column.api_name.split(".")
        target = section
        for group in groups:
            target = target.setdefault(group, {})
        target[leaf] = _plain(column.api_value(row[column.column]))
    return section


def contact_section(row: dict, opener: Opener) -> dict:
    return {"id": str(row["id"]), "createdAt": iso(row["created_at"]),
            "updatedAt": iso(row["updated_at"]), **catalog_section(Contact, row, opener),
            "processingRestricted": row["processing_restricted"]}


def api_name(model: type, column: str) -> str:
    """The API name of a catalogued column, or the column's own name (a structural one)."""
    return next((c.api_name for c in catalog(model) if c.column == column), column)


def _rows(model, scope: TenantScope, contact_id: int, order: tuple[str, ...], *columns: str):
    return scope.rows(model).filter(contact_id=contact_id).order_by(*order).values(*columns)


async def _consents(scope: TenantScope, c: int) -> list[dict]:
    rows = await _rows(ConsentRecord, scope, c, ("captured_at", "id"), "purpose", "status",
                       "explicit", "source", "evidence", "captured_at")
    return [{"purpose": r["purpose"], "status": r["status"], "explicit": r["explicit"],
             "source": r["source"], "evidence": r["evidence"], "capturedAt": iso(r["captured_at"])}
            for r in rows]


async def _objections(scope: TenantScope, c: int) -> list[dict]:
    rows = await _rows(Objection, scope, c, ("created_at", "id"), "purpose", "source", "created_at")
    return [{"purpose": r["purpose"], "source": r["source"], "recordedAt": iso(r["created_at"])}
            for r in rows]


async def _subscriptions(scope: TenantScope, c: int) -> list[dict]:
    topics = dict(await scope.rows(SubscriptionTopic).values_list("topic", "opt_out"))
    rows = await _rows(Subscription, scope, c, ("topic",), "topic", "subscribed", "updated_at")
    return [{"topic": r["topic"], "subscribed": r["subscribed"],
             "optOut": topics.get(r["topic"], True), "updatedAt": iso(r["updated_at"])}
            for r in rows]


async def _records(model: type, scope: TenantScope, c: int, opener: Opener) -> list[dict]:
    """Interactions or financial records, oldest first, every catalogued column."""
    columns = [column.column for column in catalog(model)]
    rows = await _rows(model, scope, c, ("occurred_at", "id"), "id", "contact_id", *columns)
    return [{"id": str(r["id"]), **catalog_section(model, r, opener)} for r in rows]


async def _requests(scope: TenantScope, c: int) -> list[dict]:
    rows = await _rows(DataSubjectRequest, scope, c, ("received_at", "id"), "id", "kind", "status",
                       "received_at", "due_at", "extension_reason", "closed_at", "rejection_reason")
    return [{"id": str(r["id"]), "kind": r["kind"], "status": r["status"],
             "receivedAt": iso(r["received_at"]), "dueAt": iso(r["due_at"]),
             "extensionReason": r["extension_reason"], "closedAt": iso(r["closed_at"]),
             "rejectionReason": r["rejection_reason"]} for r in rows]


async def _disclosures(scope: TenantScope, c: int) -> list[dict]:
    rows = await _rows(Disclosure, scope, c, ("disclosed_at", "id"), "legal_reference", "principal",
                       "operation", "categories", "disclosed_at")
    return [{"legalReference": r["legal_reference"], "recipient": r["principal"],
             "operation": r["operation"], "categories": list(r["categories"] or []),
             "disclosedAt": iso(r["disclosed_at"])} for r in rows]


async def _changes(scope: TenantScope, c: int, opener: Opener) -> list[dict]:
    rows = await _rows(ContactChange, scope, c, ("changed_at", "id"), "kind", "changes",
                       "changed_at", "changed_by_id", "source")

    def plain(column: str, value):  # sealed as the contact's column was (rights/history.py)
        return opener.value(Contact, column, value, c, c)

    return [{"kind": r["kind"], "changedAt": iso(r["changed_at"]),
             "changedBy": f"user:{r['changed_by_id']}" if r["changed_by_id"] else None,
             "source": r["source"],
             "fields": sorted(({"field": api_name(Contact, column), "old": plain(column, old),
                                "new": plain(column, new)}
                               for column, (old, new) in r["changes"].items()),
                              key=lambda f: f["field"])}
            for r in rows]


def _restriction(row: dict, changes: list[dict]) -> dict:
    history = [{"restricted": change["fields"][0]["new"], "changedAt": change["changedAt"],
                "changedBy": change["changedBy"]}
               for change in changes if change["kind"] == "RESTRICTION" and change["fields"]]
    return {"restricted": row["processing_restricted"], "history": history}


async def export_contact(tenant_id: int, contact_id: int) -> dict | None:
    """The document for a contact of the tenant; None when there is none (or it was erased)."""
    scope, c = TenantScope(tenant_id), contact_id
    rows = await scope.rows(Contact).filter(id=c, erased_at__isnull=True).values()
    if not rows:
        return None
    row = rows[0]
    tenant = await Tenant.get(id=tenant_id)
    opener = await sealed.opener_for(tenant_id, [c])
    changes = await _changes(scope, c, opener)
    return {
        "schemaVersion": SCHEMA_VERSION,
        "exportedAt": iso(clock.now()),
        "controller": {"tenant": tenant.slug, "name": tenant.name},
        "contact": contact_section(row, opener),
        "consents": await _consents(scope, c),
        "objections": await _objections(scope, c),
        "restriction": _restriction(row, changes),
        "subscriptions": await _subscriptions(scope, c),
        "interactions": await _records(Interaction, scope, c, opener),
        "financials": await _records(FinancialRecord, scope, c, opener),
        "dataSubjectRequests": await _requests(scope, c),
        "disclosures": await _disclosures(scope, c),
        "changes": changes,
    }
