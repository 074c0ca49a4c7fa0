"""Test fixtures: one database per test session (SQLite by default, PostgreSQL when
SALESPLUS_TEST_DATABASE points at one), the ASGI app over HTTP, and a few factories.

Every test makes its own tenants, so tests share the database without seeing each other's data:
the same isolation the product promises its tenants."""

import itertools
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone

os.environ.setdefault("SALESPLUS_SECRET_KEY", "test-secret-key-not-for-production")
# The master key of encryption at rest (docs/security.md), which production requires: 32 bytes.
os.environ.setdefault("SALESPLUS_MASTER_KEY", "dGVzdC1tYXN0ZXIta2V5LW5vdC1mb3ItcHJvZHVjdGk=")
os.environ.setdefault("SALESPLUS_DATA_DIR", tempfile.mkdtemp(prefix="salesplus-test-"))
# The suite's server holds big imports and scans of a loaded CI machine: bounded, but loosely.
os.environ.setdefault("SALESPLUS_STATEMENT_TIMEOUT_MS", "120000")
os.environ.setdefault("SALESPLUS_REQUEST_DEADLINE", "300")

import httpx  # noqa: E402
import pytest  # noqa: E402

from audit import commit  # noqa: E402
from dbscope import SYSTEM, set_process_scope  # noqa: E402
from tests.support.database import test_database_url  # noqa: E402

# The tests themselves set up and inspect every tenant's data directly: they run in the system
# scope of row-level security. Each request the app serves starts with no scope (server.py).
set_process_scope(SYSTEM)

_counter = itertools.count(1)


@pytest.fixture(scope="session")
def database_url() -> str:
    return test_database_url()


@pytest.fixture(scope="session")
async def app(database_url):
    from config import load_settings
    from server import create_app

    os.environ["DATABASE_URL"] = database_url
    application = create_app(load_settings())
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
def postgres(app):
    """The session's PostgreSQL connection, for what only PostgreSQL has (row-level security, its
    scope setting); skipped in the SQLite run, which `make test` (and CI) always follows with a
    PostgreSQL run."""
    from tortoise import connections

    conn = connections.get("default")
    if conn.capabilities.dialect != "postgres":
        pytest.skip("PostgreSQL only (row-level security and its scope); the PostgreSQL run of "
                    "`make test` covers it")
    return conn


@pytest.fixture
async def http(app):
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


LEGAL_COMPLIANCE = "legal_compliance"


@dataclass
class Gql:
    http: httpx.AsyncClient

    async def __call__(self, query: str, variables: dict | None = None, *, token: str | None = None,
                       purpose: str | None = None, headers: dict | None = None) -> dict:
        headers = dict(headers or {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if purpose:
            headers["X-Purpose"] = purpose
        if purpose == LEGAL_COMPLIANCE:  # needs a legal reference (docs/tokens.md); tests of that
            headers.setdefault("X-Legal-Reference", "TEST-LEGAL-REF")  # rule pass their own
        response = await self.http.post("/graphql", json={"query": query, "variables": variables or {}},
                                        headers=headers)
        assert response.status_code == 200, response.text
        # The audit sealer chains the request's event in the background (docs/audit.md): let it
        # finish, so that tests read a settled chain.
        await commit.settle()
        return without_request_ids(response)


def without_request_ids(response: httpx.Response) -> dict:
    """The body, after checking that every error carries the answer's request id (and removing
    it, so tests can compare whole answers; web/observability.py)."""
    body = response.json()
    for error in body.get("errors") or ():
        assert error["extensions"].pop("requestId") == response.headers["x-request-id"], error
    return body


@pytest.fixture
def gql(http) -> Gql:
    return Gql(http)


def unique(prefix: str) -> str:
    return f"{prefix}-{os.getpid()}-{next(_counter)}"


@pytest.fixture
def factory(app):
    from tests.support.factories import Factory

    return Factory(app.state.engine)


def now() -> datetime:
    return datetime.now(timezone.utc)
