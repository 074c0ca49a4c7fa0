"""The demo dataset (demo/data.json): tenants `acme` and `globex`, one user per role in each
(`<role>@<slug>.example`, password `demo-<role>-pass`), 30 contacts each with varied consent,
objection and restriction states. Documented in docs/demo.md. For demonstrations only: the
passwords are public."""

import json
from collections import Counter
from pathlib import Path

from importer import import_document
from models import Tenant

DATA = Path(__file__).with_name("data.json")


def demo_document() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


async def load_demo() -> Counter:
    """Load (or re-load) the demo data through the importer, so it is idempotent: a second call
    changes nothing. Requires an initialised database (db.init_db)."""
    return await import_document(demo_document())


async def load_demo_if_empty() -> bool:
    """For the server's first start with SALESPLUS_DEMO=1: load only into a database without
    tenants, so demo data never mixes into real data. True if it loaded."""
    if await Tenant.exists():
        return False
    await load_demo()
    return True
