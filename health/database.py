"""The database being away, and database work that takes too long: the answers clients get.

Outage (docs/api.md#service_unavailable): when a statement fails because the database cannot be
reached, the process's database breaker opens and logs one line; `/graphql` answers **HTTP 503**,
`Retry-After`, and `errors[0].extensions.code = SERVICE_UNAVAILABLE` — at once, without trying the
database, while the breaker is open; a background probe (`SELECT 1` every second) closes it and
logs one more line. `/readyz` answers 503 meanwhile. Nothing is half-written: a mutation's
transaction never commits without its audit event.

Too long: a statement cancelled by PostgreSQL's `statement_timeout` (or interrupted on SQLite by
the request deadline, health/bounded.py) is answered `QUERY_TOO_COMPLEX` for the field it served,
with the request's transaction rolled back."""

import asyncio
import sqlite3
from collections.abc import Iterator

import asyncpg
from graphql import GraphQLError
from starlette.responses import JSONResponse
from strawberry.extensions import SchemaExtension
from tortoise import connections
from tortoise.exceptions import DBConnectionError

from health.breaker import Breaker
from policies.errors import CodedError
from policies.vocabulary import ErrorCode

RETRY_AFTER_SECONDS = 2
_OUTAGES = (OSError, DBConnectionError, asyncpg.PostgresConnectionError, asyncpg.InterfaceError,
            asyncpg.exceptions.CannotConnectNowError, asyncpg.exceptions.AdminShutdownError,
            asyncpg.exceptions.CrashShutdownError)
_SQLITE_OUTAGE = ("unable to open database", "disk i/o error")


async def _probe() -> None:
    await connections.get("default").execute_query("SELECT 1")


database = Breaker("database", _probe, timeout=5.0, retry_seconds=1.0,
                   meanwhile="answering 503 SERVICE_UNAVAILABLE until it is back")


def _chain(error: BaseException | None) -> Iterator[BaseException]:
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = (getattr(error, "original_error", None) or error.__cause__ or error.__context__)


def is_outage(error: BaseException | None) -> bool:
    """Whether `error` (or what caused it) says the database cannot be reached."""
    for cause in _chain(error):
        if isinstance(cause, _OUTAGES):
            return True
        if isinstance(cause, sqlite3.OperationalError) and any(
                text in str(cause).lower() for text in _SQLITE_OUTAGE):
            return True
    return False


def is_too_long(error: BaseException | None) -> bool:
    """A statement stopped for taking too long: PostgreSQL's statement_timeout, SQLite's interrupt."""
    for cause in _chain(error):
        if isinstance(cause, asyncpg.exceptions.QueryCanceledError):
            return True
        if isinstance(cause, sqlite3.OperationalError) and str(cause) == "interrupted":
            return True
    return False


def unavailable_error() -> CodedError:
    return CodedError(ErrorCode.SERVICE_UNAVAILABLE)


def unavailable_response() -> JSONResponse:
    error = unavailable_error()
    return JSONResponse({"data": None, "errors": [{"message": error.message,
                                                   "extensions": error.extensions}]},
                        status_code=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


async def guarded(call):
    """Run one /graphql request (`call()`), answering 503 instead while the database is away or
    when it turns out to be away (the principal's lookup is usually the first to notice)."""
    if database.is_open:
        return unavailable_response()
    try:
        return await call()
    except Exception as error:
        if not is_outage(error):
            raise
        database.trip(error)
        return unavailable_response()


async def ready() -> bool:
    """For /readyz: one `SELECT 1`; a failure opens the breaker (logged once), a success after an
    outage closes it."""
    try:
        await asyncio.wait_for(_probe(), database.timeout)
    except Exception as error:  # noqa: BLE001  (any failure means: not ready)
        database.trip(error)
        return False
    database.recovered()
    return True


class DatabaseAnswers(SchemaExtension):
    """Registered right inside ClientErrors: sees the operation's errors before they are masked
    (and an unexpected one logged with its traceback). An outage replaces the whole answer with
    SERVICE_UNAVAILABLE and HTTP 503; a statement stopped for time becomes QUERY_TOO_COMPLEX."""

    def on_operation(self):
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None) or []
        outage = next((e for e in errors if is_outage(e.original_error)), None)
        if outage is not None:
            database.trip(outage.original_error)
            result.data, result.errors = None, [unavailable_error()]
            response = getattr(self.execution_context.context, "response", None)
            if response is not None:
                response.status_code = 503
                response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return
        if any(is_too_long(e.original_error) for e in errors):
            result.errors = [too_long(e) if is_too_long(e.original_error) else e for e in errors]


def too_long(error: GraphQLError) -> GraphQLError:
    coded = CodedError(ErrorCode.QUERY_TOO_COMPLEX, "The database work of this request took too "
                       "long and was stopped; narrow the query (a shorter filter, a smaller page).")
    return GraphQLError(coded.message, nodes=error.nodes, path=error.path, original_error=coded,
                        extensions=coded.extensions)
