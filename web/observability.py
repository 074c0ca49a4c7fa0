"""Request ids: taken from the request's `X-Request-Id` when it is a sane token, generated
otherwise; echoed in the response, bound into every log line written while the request runs
(logs.py merges structlog's context variables, uvicorn's access line included), and added to
every GraphQL error's `extensions.requestId`, so a user's report and the operator's log meet.

A client's id is kept only if it is 1–128 characters of letters, digits and `-_.:`; anything
else (too long, spaces, control characters, quotes) could forge log lines or carry data, and is
replaced by a fresh one (a UUID4 in hex)."""

import re
import uuid
from contextvars import ContextVar

import structlog

HEADER = "X-Request-Id"
_VALID = re.compile(r"[A-Za-z0-9_.:-]{1,128}")
_current: ContextVar[str | None] = ContextVar("request_id", default=None)


def valid_request_id(value: str | None) -> str | None:
    return value if value is not None and _VALID.fullmatch(value) else None


def current_request_id() -> str | None:
    return _current.get()


class RequestId:
    """ASGI middleware, outermost but for CORS: every answer carries the header, 413s included."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        given = headers.get(HEADER.lower().encode(), b"").decode("latin-1")
        request_id = valid_request_id(given) or uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        token = _current.set(request_id)

        async def send_with_id(message):
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []),
                                      (HEADER.lower().encode(), request_id.encode())]
            await send(message)

        with structlog.contextvars.bound_contextvars(request_id=request_id):
            try:
                await self.app(scope, receive, send_with_id)
            finally:
                _current.reset(token)


def answered(request, response_data: dict) -> dict:
    """The GraphQL answer as it leaves (SalesPlusGraphQL.process_result): counted in the
    metrics, and each error given the request id."""
    from web import metrics  # noqa: PLC0415

    metrics.observe_answer(request, response_data)
    return with_request_id(response_data)


def request_id_extension() -> dict[str, str]:
    """`{"requestId": …}` for an error's extensions, within a request (else nothing)."""
    request_id = current_request_id()
    return {} if request_id is None else {"requestId": request_id}


def with_request_id(response_data: dict) -> dict:
    """A GraphQL response body with the request id in each error's extensions."""
    for error in response_data.get("errors") or ():
        error["extensions"] = {**(error.get("extensions") or {}), **request_id_extension()}
    return response_data


def schema_extensions(provider) -> list:
    """Outermost schema extensions: metrics always, traces when a tracer provider is given."""
    from web import metrics, tracing  # noqa: PLC0415

    return [metrics.GraphQLMetrics] + ([tracing.schema_extension(provider)] if provider else [])


def install(app, config, provider) -> None:
    """The operational middleware, outermost last: request id, CORS, request spans, metrics."""
    from web import cors, metrics, tracing  # noqa: PLC0415

    app.add_middleware(metrics.HttpMetrics)
    if provider is not None:
        app.add_middleware(tracing.RequestSpans, provider=provider)
    cors.install(app, config)
    app.add_middleware(RequestId)
