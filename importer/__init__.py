"""Bulk import of tenants, users, roles and contacts (api.md "Import format").

    summary = await import_file(Path("data.json"))            # JSON document
    summary = await import_file(Path("contacts.csv"), tenant="acme")   # CSV of contacts

The file is validated completely before anything is written, then written in one transaction;
re-importing the same file changes nothing (see contacts_writer.py for what "the same" means)."""

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from importer.errors import ImportFailed, InvalidRecord
from importer.sources import read_csv, read_json
from importer.validate import TenantPlan, validate_contacts, validate_document
from importer.writer import write_plans

__all__ = ["ImportFailed", "InvalidRecord", "count_contacts", "import_document", "import_file",
           "load_plans"]


def load_plans(path: Path, tenant: str | None = None) -> list[TenantPlan]:
    """Read and validate a file (no database access). CSV files need the tenant's slug."""
    if not path.is_file():
        raise ImportFailed(f"{path}: no such file")
    if path.suffix.lower() == ".csv":
        if not tenant:
            raise ImportFailed("a CSV file holds contacts only: say which tenant with --tenant SLUG")
        records, labels = read_csv(path)
        return validate_contacts(records, labels, tenant)
    if tenant:
        raise ImportFailed("--tenant applies to CSV files; a JSON file names its tenants")
    return validate_document(read_json(path))


def count_contacts(plans: list[TenantPlan]) -> int:
    return sum(len(plan.contacts) for plan in plans)


async def import_document(document: dict, progress: Callable[[int], None] | None = None) -> Counter:
    """Import an already parsed JSON document (used by the demo loader)."""
    return await write_plans(validate_document(document), progress=progress)


async def import_file(path: Path, tenant: str | None = None,
                      progress: Callable[[int], None] | None = None) -> Counter:
    plans = load_plans(path, tenant)
    # A CSV names an existing tenant; only a JSON document may create tenants.
    return await write_plans(plans, create_tenants=tenant is None, progress=progress)
