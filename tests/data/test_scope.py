"""One tenant-scoped data layer: outside it (data/), no code queries a tenant table directly or
names `tenant_id` — every read and write of tenant data goes through a `TenantScope`, which
applies the tenant. The source tree is read, so new code is held to it as soon as it exists."""

import ast
from pathlib import Path

import pytest

import models

ROOT = Path(__file__).parents[2]
# The layer itself, the tables' definitions and their migrations; tests and benchmarks set up
# and measure data of every tenant on purpose.
OUTSIDE = {"data", "models", "migrations", "tests", "bench", ".venv", "build"}
QUERY_METHODS = {"filter", "exclude", "get", "get_or_none", "all", "create", "bulk_create",
                 "bulk_update", "get_or_create", "update_or_create", "select_for_update", "first",
                 "exists", "count", "annotate", "values", "values_list", "delete", "update",
                 "only", "order_by", "in_bulk", "raw"}
TENANT_KEYWORDS = {"tenant", "tenant_id", "tenant_id__in"}
TENANT_MODELS = {name for name in models.__all__
                 if "tenant" in getattr(models, name)._meta.fk_fields}


def sources() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py")
                  if p.relative_to(ROOT).parts[0] not in OUTSIDE)


def tenant_model_names(tree: ast.Module) -> set[str]:
    """Names a module binds to tenant models: `from models import Contact as ContactRow`."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "models":
            names |= {alias.asname or alias.name for alias in node.names
                      if alias.name in TENANT_MODELS}
    return names


def violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    table_names = tenant_model_names(tree)
    found = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Call):
            func = node.func
            if (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                    and func.value.id in table_names and func.attr in QUERY_METHODS):
                found.append(f"{where} queries {func.value.id} directly ({func.attr})")
            callee = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if callee in QUERY_METHODS | table_names:
                for keyword in node.keywords:
                    if keyword.arg in TENANT_KEYWORDS:
                        found.append(f"{where} filters on {keyword.arg} by hand")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and (
                "tenant_id =" in node.value or "tenant_id=" in node.value):
            found.append(f"{where} names tenant_id in SQL")
    return found


def test_the_scan_sees_the_tree():
    assert len(sources()) > 50 and {"Contact", "Interaction", "AuditEvent"} <= TENANT_MODELS


@pytest.mark.parametrize("path", sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_code_outside_the_data_layer_reaches_a_tenant_table_directly(path):
    assert violations(path) == []


async def test_bulk_create_writes_values_and_defaults_without_model_instances(app):
    """`TenantScope.bulk_create` (through `_insert_values`): the values given, the tenant, and for
    the fields not given the model's defaults (a default value, `auto_now_add`), as
    `Model.bulk_create` would write them; a misspelt field is refused, not dropped."""
    from datetime import datetime, timezone

    from data.scope import TenantScope
    from models import ConsentRecord
    from tests.support.factories import Factory

    factory = Factory(app.state.engine)
    tenant = await factory.tenant()
    contact = await factory.contact(tenant)
    scope = TenantScope(tenant.id)
    at = datetime(2026, 1, 1, tzinfo=timezone.utc)
    await scope.bulk_create(ConsentRecord, [
        {"contact_id": contact.id, "purpose": "marketing", "status": "GRANTED",
         "source": "web", "captured_at": at},
        {"contact_id": contact.id, "purpose": "surveys", "status": "WITHDRAWN", "explicit": True,
         "source": "phone", "evidence": "call #7", "captured_at": at}])
    rows = await scope.rows(ConsentRecord).filter(contact_id=contact.id).order_by("purpose") \
        .values("tenant_id", "purpose", "explicit", "evidence", "captured_at", "recorded_by_id")
    assert rows == [
        {"tenant_id": tenant.id, "purpose": "marketing", "explicit": False, "evidence": None,
         "captured_at": at, "recorded_by_id": None},
        {"tenant_id": tenant.id, "purpose": "surveys", "explicit": True, "evidence": "call #7",
         "captured_at": at, "recorded_by_id": None}]
    with pytest.raises(ValueError, match="has no field purpos"):
        await scope.bulk_create(ConsentRecord, [{"contact_id": contact.id, "purpos": "x"}])


async def test_bulk_update_refuses_rows_of_another_tenant(app):
    from data.scope import TenantScope
    from models import ContactPurposeState
    from tests.support.factories import Factory

    factory = Factory(app.state.engine)
    mine, theirs = await factory.tenant(), await factory.tenant()
    contact = await factory.contact(theirs)
    row = await TenantScope(theirs.id).create(ContactPurposeState, contact_id=contact.id,
                                              purpose="sales", basis_state="none")
    row.basis_state = "granted"
    with pytest.raises(ValueError, match="another tenant"):
        await TenantScope(mine.id).bulk_update(ContactPurposeState, [row], ("basis_state",))
    await TenantScope(theirs.id).bulk_update(ContactPurposeState, [row], ("basis_state",))
    assert (await ContactPurposeState.get(id=row.id)).basis_state == "granted"
