"""The Starlette app: routes, lifespan, and the per-request context."""

from contextlib import asynccontextmanager

import structlog
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from strawberry.asgi import GraphQL

import logs
from accountability import subprocessors
from audit import commit as audit_commit
from auth.bearer import bearer_token, principal_for_bearer
from auth.ratelimit import LimitSettings, RateLimited, RateLimits
from config import Settings, settings
from db import close_db, init_db
from dbscope import SYSTEM, enter_scope, leave_scope, scope
from health.bounded import Bounded
from health.database import guarded
from health.database import ready as database_ready
from health.redis_link import close_links
from policies.decision import Access
from policies.engine import PolicyEngine
from policies.watcher import start_watcher
from resolvers.context import RequestContext
from schema import build_schema
from schema.limits import Limits
from web import graphiql, metrics, observability, tracing
from web import unsubscribe as unsubscribe_pages
from web.hsts import StrictTransportSecurity
from web.hygiene import RequestHygiene

log = structlog.get_logger("salesplus.server")


class SalesPlusGraphQL(GraphQL):
    @property
    def graphql_ide_html(self) -> str:  # GraphiQL from files shipped with the app (web/graphiql.py)
        return graphiql.page()

    async def process_result(self, request, result):
        return observability.answered(request, await super().process_result(request, result))

    async def get_context(self, request: Request, response) -> RequestContext:
        engine: PolicyEngine = request.app.state.engine
        with scope(SYSTEM):  # who is asking: looked up before any tenant is known
            principal = await principal_for_bearer(
                bearer_token(request.headers.get("authorization", "")))
        # From here on the request sees its own tenant's rows only (db.py, row-level security).
        enter_scope(principal.tenant_id if principal is not None else None)
        await request.app.state.limiter.check_principal(principal)  # RateLimited: 429, see run()
        if principal is not None:  # the tenant's policy, loaded or re-read if behind (engine.py)
            await engine.prepare(principal.domain, principal.policy_version)
        access = Access(engine, principal, request.headers.get("x-purpose") or None,
                        legal_reference=request.headers.get("x-legal-reference"))
        return RequestContext(request=request, response=response, engine=engine, access=access)

    async def run(self, request, *args, **kwargs):
        return await guarded(lambda: self._run(request, *args, **kwargs))  # 503 without a database

    async def _run(self, request, *args, **kwargs):
        token = enter_scope(None)  # a request starts with no scope, whatever its caller had
        try:
            return await super().run(request, *args, **kwargs)
        except RateLimited as limited:  # from get_context, before any GraphQL work
            return limited.response(**observability.request_id_extension())
        finally:
            leave_scope(token)


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    if not await database_ready():  # logged once per outage, by the database breaker
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ready"})


def create_app(config: Settings | None = None) -> Starlette:
    config = config or settings()
    logs.configure()

    @asynccontextmanager
    async def lifespan(app: Starlette):
        await init_db(config.database_url, owner_url=config.migration_database_url,
                      statement_timeout_ms=config.statement_timeout_ms)
        try:
            if config.load_demo:
                from demo import load_demo_if_empty  # noqa: PLC0415  (demo data only on request)

                with scope(SYSTEM):
                    await load_demo_if_empty()
            app.state.engine = await PolicyEngine.load()
            await subprocessors.record_file()  # a changed register becomes a new, dated version
            # Policy changes of other workers and hosts (Redis or PostgreSQL; policies/watcher.py).
            with scope(None):  # the watcher's tasks enter the scope of what they read
                watcher = await start_watcher(app.state.engine, config)
            try:
                yield
            finally:
                if watcher is not None:
                    await watcher.stop()
                await close_links()
                metrics.worker_exited()
        finally:
            await audit_commit.settle()  # seal what this process recorded (docs/audit.md)
            await close_db()

    tracer_provider = tracing.provider_for(config.otlp_endpoint)  # None unless configured
    schema = build_schema(production=config.production, limits=Limits.of(config),
                          observers=observability.schema_extensions(tracer_provider))
    graphql = SalesPlusGraphQL(schema, graphql_ide=None if config.production else "graphiql",
                               allow_queries_via_get=False)
    app = Starlette(
        routes=[
            *([] if config.production else graphiql.routes()),
            *([Route("/metrics", metrics.endpoint(config.metrics_token.get_secret_value()))]
              if config.metrics_token else []),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            # The data subject's signed links (RFC 8058 one-click unsubscribe, preference page).
            Route("/unsubscribe/{token}", unsubscribe_pages.unsubscribe, methods=["GET", "POST"]),
            Route("/preferences/{token}", unsubscribe_pages.preferences, methods=["GET", "POST"]),
        ],
        lifespan=lifespan,
    )
    app.add_middleware(RequestHygiene, max_bytes=config.max_body_bytes)  # web/hygiene.py
    app.add_middleware(Bounded, deadline_seconds=config.request_deadline_seconds)  # health/bounded.py
    observability.install(app, config, tracer_provider)  # request ids, CORS, traces, metrics
    app.add_middleware(StrictTransportSecurity, max_age=config.hsts_max_age)  # web/hsts.py: outermost
    app.state.schema, app.state.tracer_provider = schema, tracer_provider
    app.state.limiter = RateLimits.create(config.redis_url, config.secret_key,  # auth/ratelimit.py
                                          LimitSettings.from_config(config),
                                          timeout=config.redis_timeout_seconds)
    return app


def __getattr__(name: str):
    """`server:app` for uvicorn, built on first access so importing this module has no effects."""
    if name == "app":
        return create_app()
    raise AttributeError(name)
