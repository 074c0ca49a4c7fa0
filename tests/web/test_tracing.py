"""web/tracing.py: spans per request and resolver when OTEL_EXPORTER_OTLP_ENDPOINT is set, with
no personal data in them; nothing at all otherwise."""

import httpx
import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from config import load_settings
from server import create_app
from tests.conftest import Gql
from web import tracing

EMAIL = "traced.person@example.org"


def test_off_without_an_endpoint(app):
    assert app.state.tracer_provider is None
    names = [getattr(e, "__name__", type(e).__name__) for e in app.state.schema.extensions]
    assert not any("OpenTelemetry" in name for name in names)
    assert not any(m.cls is tracing.RequestSpans for m in app.user_middleware)


@pytest.fixture
async def traced(monkeypatch, app):
    exporter = InMemorySpanExporter()
    monkeypatch.setattr(tracing, "make_exporter", lambda endpoint: exporter)
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")
    application = create_app(load_settings())
    application.state.engine = app.state.engine
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=application), base_url="http://t") as client:
        yield client, application.state.tracer_provider, exporter


async def test_a_request_has_a_span_tree_without_personal_data(traced, factory):
    client, provider, exporter = traced
    tenant = await factory.tenant()
    contact = await factory.contact(tenant, first_name="Tracy", email=EMAIL)
    token = await factory.login_as(tenant, "sales")
    result = await Gql(client)(
        f'query Lookup {{ contacts(filter: {{email: "{EMAIL}"}}) {{ totalCount }} '
        f'contact(id: "{contact.id}") {{ firstName }} }}', token=token, purpose="sales")
    assert result["data"]["contact"]["firstName"] == "Tracy"
    provider.force_flush()
    spans = {span.name: span for span in exporter.get_finished_spans()}
    request = spans["POST /graphql"]
    operation = spans["GraphQL Query: Lookup"]
    resolver = spans["GraphQL Resolving: contact"]
    assert operation.parent.span_id == request.context.span_id
    assert resolver.parent.span_id == operation.context.span_id
    assert request.attributes["http.route"] == "/graphql"
    assert request.attributes["http.response.status_code"] == 200
    for span in exporter.get_finished_spans():
        assert EMAIL not in str(dict(span.attributes)) and "Tracy" not in str(dict(span.attributes))
