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
