"""Prometheus metrics (prometheus-client), served on `/metrics` only when SALESPLUS_METRICS_TOKEN
is set, and then only to `Authorization: Bearer <that token>` (off by default; docs/operations.md).

With `salesplus serve --workers N` every worker writes its samples to files in one directory
(prometheus-client's multiprocess mode, PROMETHEUS_MULTIPROC_DIR, set by `serve` before any
worker starts) and `/metrics` answers the sum over all workers, whichever worker it reaches.
Without that variable (tests, a bare `uvicorn server:app`) the process's own registry is served.

Labels are bounded vocabularies (operation type, error code, route template, status), never a
value from the request: no personal data can reach a metric, and cardinality stays small."""

import hmac
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from strawberry.extensions import SchemaExtension

MULTIPROC_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
# Codes of policy decisions (api.md), as opposed to input, limits and internal failures.
POLICY_CODES = frozenset({"UNAUTHENTICATED", "PURPOSE_REQUIRED", "PURPOSE_NOT_ALLOWED", "FORBIDDEN",
                          "CONSENT_REQUIRED", "PROCESSING_RESTRICTED", "NOT_FOUND"})
OPERATION_TYPES = frozenset({"query", "mutation", "subscription"})
ROUTES = ("/graphql", "/healthz", "/readyz", "/metrics", "/unsubscribe/{token}",
          "/preferences/{token}", "/graphiql/{asset}")

GRAPHQL_REQUESTS = Counter(
    "salesplus_graphql_requests", "GraphQL operations by type and outcome (OK or the first error code)",
    ["operation_type", "outcome"])
GRAPHQL_LATENCY = Histogram(
    "salesplus_graphql_request_duration_seconds", "GraphQL operation latency, parsing to response",
    ["operation_type"])
HTTP_LATENCY = Histogram(
    "salesplus_http_request_duration_seconds", "HTTP request latency by route template and status",
    ["route", "method", "status"])
POLICY_DENIALS = Counter(
    "salesplus_policy_denials", "Errors of policy decisions in responses, by code", ["code"])
AUDIT_APPEND_LATENCY = Histogram(
    "salesplus_audit_append_duration_seconds", "Appending one event to a tenant's audit chain")
AUDIT_APPEND_FAILURES = Counter(
    "salesplus_audit_append_failures", "Audit events that could not be recorded (answer withheld)")
AUDIT_SEAL_LATENCY = Histogram(
    "salesplus_audit_seal_duration_seconds", "One pass of a tenant's sealer (pending events chained)")
AUDIT_SEAL_FAILURES = Counter(
    "salesplus_audit_seal_failures", "Sealer passes that failed (the events stay pending, durable)")
RATE_LIMITED = Counter(
    "salesplus_rate_limited", "Requests refused with 429 by the rate limiter, by route", ["route"])
DB_POOL = Gauge(
    "salesplus_db_pool_connections", "Database connections of the pool (PostgreSQL), by state",
    ["state"], multiprocess_mode="livesum")


def route_of(path: str) -> str:
    """The route template of a path (a bounded label; tokens in paths are never labels)."""
    for route in ROUTES:
        prefix = route.split("{", 1)[0]
        if path == route or ("{" in route and path.startswith(prefix) and len(path) > len(prefix)):
            return route
    return "other"


class GraphQLMetrics(SchemaExtension):
    """Outermost schema extension: notes the operation's type and duration on the request; the
    counts wait for the answer as clients get it (`observe_answer`), whichever layer mapped its
    errors to codes."""

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        request = getattr(self.execution_context.context, "request", None)
        if request is None:  # executed without HTTP (benchmarks, scripts)
            return
        try:
            operation_type = self.execution_context.operation_type.value
        except Exception:  # noqa: BLE001  (unparsable document: no operation)
            operation_type = None
        request.state.graphql_observed = (operation_type, time.perf_counter() - started)


def observe_answer(request, response_data: dict) -> None:
    """Counts one GraphQL answer by its operation type and the codes of its errors."""
    operation_type, seconds = getattr(request.state, "graphql_observed", (None, None))
    codes = [str((error.get("extensions") or {}).get("code", "INTERNAL_SERVER_ERROR"))
             for error in response_data.get("errors") or ()]
    kind = operation_type if operation_type in OPERATION_TYPES else "unknown"
    GRAPHQL_REQUESTS.labels(kind, codes[0] if codes else "OK").inc()
    if seconds is not None:
        GRAPHQL_LATENCY.labels(kind).observe(seconds)
    for code in codes:
        if code in POLICY_CODES:
            POLICY_DENIALS.labels(code).inc()


@contextmanager
def _timed(histogram: Histogram, failures: Counter) -> Iterator[None]:
    """Times the block; an exception counts as a failure (and propagates)."""
    started = time.perf_counter()
    try:
        yield
    except Exception:
        failures.inc()
        raise
    finally:
        histogram.observe(time.perf_counter() - started)


def audit_append():
    """A request's audit event, until it is durable (audit/extension.py)."""
    return _timed(AUDIT_APPEND_LATENCY, AUDIT_APPEND_FAILURES)


def audit_seal():
    """One sealer pass (audit/commit.py)."""
    return _timed(AUDIT_SEAL_LATENCY, AUDIT_SEAL_FAILURES)


def observe_pool() -> None:
    """The default connection's pool, if it has one (asyncpg); SQLite has a single connection."""
    from tortoise import connections  # noqa: PLC0415  (the data layer, only when measuring)

    try:
        pool = getattr(connections.get("default"), "_pool", None)
    except Exception:  # noqa: BLE001  (no database configured: nothing to measure)
        return
    if pool is not None and hasattr(pool, "get_size"):
        size, idle = pool.get_size(), pool.get_idle_size()
        DB_POOL.labels("in_use").set(size - idle)
        DB_POOL.labels("idle").set(idle)
        DB_POOL.labels("max").set(pool.get_max_size())


class HttpMetrics:
    """ASGI middleware: latency by route and status, 429s, and the pool after each request."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started, status = time.perf_counter(), 500

        async def send_and_note(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            route = route_of(scope["path"])
            HTTP_LATENCY.labels(route, scope["method"], str(status)).observe(time.perf_counter() - started)
            if status == 429:
                RATE_LIMITED.labels(route).inc()
            observe_pool()


def _multiprocess() -> bool:
    """Whether this process's samples live in files: prometheus-client decided when imported."""
    from prometheus_client import values  # noqa: PLC0415

    return values.ValueClass is not values.MutexValue


def exposition() -> bytes:
    directory = os.environ.get(MULTIPROC_VARIABLE)
    if not directory or not _multiprocess():
        from prometheus_client import REGISTRY  # noqa: PLC0415

        return generate_latest(REGISTRY)
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=directory)
    return generate_latest(registry)


def endpoint(token: str):
    """The `/metrics` route's handler: 401 without the bearer secret (compared in constant time)."""
    expected = f"Bearer {token}".encode()

    async def metrics(request: Request) -> Response:
        given = request.headers.get("authorization", "").encode()
        if not hmac.compare_digest(given, expected):
            return PlainTextResponse("Unauthorized", 401, headers={"WWW-Authenticate": "Bearer"})
        return Response(exposition(), media_type=CONTENT_TYPE_LATEST)

    return metrics


def worker_exited() -> None:
    """Drop this worker's live gauges (its counters stay in the sum, as Prometheus expects)."""
    if os.environ.get(MULTIPROC_VARIABLE) and _multiprocess():
        multiprocess.mark_process_dead(os.getpid())
