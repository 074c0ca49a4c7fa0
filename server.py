"""The Starlette app: routes, lifespan, and the per-request context."""

from contextlib import asynccontextmanager

import structlog
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route
from strawberry.asgi import GraphQL
from tortoise import connections

from auth.sessions import principal_for_token
from config import Settings, settings
from db import close_db, init_db
from policies.decision import Access
from policies.engine import PolicyEngine
from resolvers.context import RequestContext
from schema import build_schema

log = structlog.get_logger("salesplus.server")


class SalesPlusGraphQL(GraphQL):
    async def get_context(self, request: Request, response) -> RequestContext:
        engine: PolicyEngine = request.app.state.engine
        authorization = request.headers.get("authorization", "")
        token = authorization[7:].strip() if authorization[:7].lower() == "bearer " else None
        principal = await principal_for_token(token)
        access = Access(engine, principal, request.headers.get("x-purpose") or None)
        return RequestContext(request=request, response=response, engine=engine, access=access)


class BodyLimit:
    """Refuses request bodies over `max_bytes` with 413, by header and while streaming."""

    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope["headers"]).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.max_bytes:
            return await PlainTextResponse("Request body too large", 413)(scope, receive, send)
        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise TooLarge
            return message

        try:
            await self.app(scope, limited_receive, send)
        except TooLarge:
            await PlainTextResponse("Request body too large", 413)(scope, receive, send)


class TooLarge(Exception):
    pass


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    try:
        await connections.get("default").execute_query("SELECT 1")
    except Exception:  # noqa: BLE001  (any failure means: not ready; details stay in the log)
        log.warning("database not reachable", exc_info=True)
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ready"})


def create_app(config: Settings | None = None) -> Starlette:
    config = config or settings()

    @asynccontextmanager
    async def lifespan(app: Starlette):
        await init_db(config.database_url)
        try:
            if config.load_demo:
                from demo import load_demo_if_empty  # noqa: PLC0415  (demo data only on request)

                await load_demo_if_empty()
            app.state.engine = await PolicyEngine.load()
            yield
        finally:
            await close_db()

    schema = build_schema(production=config.production, max_depth=config.max_depth,
                          max_aliases=config.max_aliases, max_tokens=config.max_tokens)
    graphql = SalesPlusGraphQL(schema, graphql_ide=None if config.production else "graphiql",
                               allow_queries_via_get=False)
    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
        ],
        lifespan=lifespan,
    )
    app.add_middleware(BodyLimit, max_bytes=config.max_body_bytes)
    return app


def __getattr__(name: str):
    """`server:app` for uvicorn, built on first access so importing this module has no effects."""
    if name == "app":
        return create_app()
    raise AttributeError(name)
