"""Bulk import of tenants, users, roles and contacts (api.md "Import format").

    summary = await import_file(Path("data.json"))            # JSON document
    summary = await import_file(Path("contacts.csv"), tenant="acme")   # CSV of contacts

The file is validated completely before anything is written, then written in one transaction;
re-importing the same file changes nothing (see contacts_writer.py for what "the same" means).
Files are streamed (read once to validate, once to write), so memory does not grow with them."""

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from importer.errors import ImportFailed, InvalidRecord
from importer.validate import ImportPlan, document_plan, validate_csv, validate_json
from importer.writer import write_plan

__all__ = ["ImportFailed", "ImportPlan", "InvalidRecord", "import_document", "import_file",
           "load_plan"]


def load_plan(path: Path, tenant: str | None = None) -> ImportPlan:
    """Read and validate a file (no database access). CSV files need the tenant's slug."""
    if not path.is_file():
        raise ImportFailed(f"{path}: no such file")
    if path.suffix.lower() == ".csv":
        if not tenant:
            raise ImportFailed("a CSV file holds contacts only: say which tenant with --tenant SLUG")
        return validate_csv(path, tenant)
    if tenant:
        raise ImportFailed("--tenant applies to CSV files; a JSON file names its tenants")
    return validate_json(path)


async def import_document(document: dict, progress: Callable[[int], None] | None = None) -> Counter:
    """Import an already parsed JSON document (used by the demo loader)."""
    return await write_plan(document_plan(document), progress=progress)


async def import_file(path: Path, tenant: str | None = None,
                      progress: Callable[[int], None] | None = None) -> Counter:
    plan = load_plan(path, tenant)
    # A CSV names an existing tenant; only a JSON document may create tenants.
    return await write_plan(plan, create_tenants=tenant is None, progress=progress)
