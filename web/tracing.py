"""OpenTelemetry traces, only when OTEL_EXPORTER_OTLP_ENDPOINT is set: one server span per HTTP
request and, inside it, Strawberry's OpenTelemetryExtension (operation, parsing, validation, one
span per resolver). Without the variable nothing is added: no middleware, no extension, and
OpenTelemetry is not even imported, so tracing costs nothing.

Spans carry no personal data. Strawberry's extension would record the whole query text and
every resolver argument (`createContact(input: {email: …})`); here arguments are dropped and the
query attribute keeps only the operation's name. The request span is ours rather than
opentelemetry-instrumentation-asgi's because that one records the full URL, and a URL here can
hold a signed unsubscribe link: ours names the route template, method and status."""

from starlette.types import ASGIApp

from web import metrics

SERVICE_NAME = "salesplus"


def make_exporter(endpoint: str):
    """OTLP over HTTP; tests replace this with an in-memory exporter."""
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter  # noqa: PLC0415

    return OTLPSpanExporter(endpoint=endpoint.rstrip("/") + "/v1/traces")


def provider_for(endpoint: str | None):
    """A tracer provider exporting to `endpoint`, or None when tracing is off."""
    if not endpoint:
        return None
    from opentelemetry.sdk.resources import Resource  # noqa: PLC0415
    from opentelemetry.sdk.trace import TracerProvider  # noqa: PLC0415
    from opentelemetry.sdk.trace.export import BatchSpanProcessor  # noqa: PLC0415

    provider = TracerProvider(resource=Resource.create({"service.name": SERVICE_NAME}))
    provider.add_span_processor(BatchSpanProcessor(make_exporter(endpoint)))
    return provider


def schema_extension(provider):
    """Strawberry's OpenTelemetryExtension bound to `provider`, without arguments or query text."""
    from strawberry.extensions.tracing import OpenTelemetryExtension  # noqa: PLC0415
    from strawberry.extensions.tracing.opentelemetry import LifecycleStep  # noqa: PLC0415

    class PrivateOpenTelemetry(OpenTelemetryExtension):
        def __init__(self, *, execution_context=None):
            super().__init__(execution_context=execution_context, tracer_provider=provider,
                             arg_filter=lambda args, info: {})

        def on_operation(self):
            steps = super().on_operation()
            next(steps)  # the span has started, with the query text as an attribute
            self._span_holder[LifecycleStep.OPERATION].set_attribute(
                "query", self.execution_context.operation_name or "anonymous")
            yield
            next(steps, None)

    return PrivateOpenTelemetry


class RequestSpans:
    """ASGI middleware: a SERVER span per HTTP request, parent of the GraphQL spans."""

    def __init__(self, app: ASGIApp, provider):
        from opentelemetry import trace  # noqa: PLC0415

        self.app, self.trace = app, trace
        self.tracer = trace.get_tracer("salesplus.http", tracer_provider=provider)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        route = metrics.route_of(scope["path"])
        status = 500

        async def send_and_note(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        with self.tracer.start_as_current_span(f"{scope['method']} {route}",
                                               kind=self.trace.SpanKind.SERVER) as span:
            span.set_attribute("http.request.method", scope["method"])
            span.set_attribute("http.route", route)
            try:
                await self.app(scope, receive, send_and_note)
            finally:
                span.set_attribute("http.response.status_code", status)
                request_id = (scope.get("state") or {}).get("request_id")
                if request_id:
                    span.set_attribute("salesplus.request_id", request_id)
