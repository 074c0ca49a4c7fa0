"""web/cors.py: no cross-origin access by default; configured origins get their preflight."""

import httpx
import pytest

from config import load_settings
from server import create_app

FRONT = "https://app.example"
PREFLIGHT = {"Access-Control-Request-Method": "POST",
             "Access-Control-Request-Headers": "authorization, content-type, x-purpose"}


@pytest.fixture
def client_for(monkeypatch, app):
    clients = []

    def make(**variables: str) -> httpx.AsyncClient:
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
        application = create_app(load_settings())
        application.state.engine = app.state.engine
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=application), base_url="http://t")
        clients.append(client)
        return client

    yield make


async def test_no_cross_origin_access_by_default(http):
    preflight = await http.options("/graphql", headers={"Origin": FRONT, **PREFLIGHT})
    assert preflight.status_code == 405
    assert "access-control-allow-origin" not in preflight.headers
    answer = await http.post("/graphql", json={"query": "{ purposes { name } }"}, headers={"Origin": FRONT})
    assert "access-control-allow-origin" not in answer.headers


async def test_a_configured_origin_gets_its_preflight_and_answers(client_for):
    client = client_for(SALESPLUS_CORS_ORIGINS=f"{FRONT},https://admin.example")
    preflight = await client.options("/graphql", headers={"Origin": FRONT, **PREFLIGHT})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == FRONT
    allowed = preflight.headers["access-control-allow-headers"].lower()
    assert {"authorization", "content-type", "x-purpose"} <= {h.strip() for h in allowed.split(",")}
    assert "access-control-allow-credentials" not in preflight.headers  # off by default
    answer = await client.post("/graphql", json={"query": "{ purposes { name } }"}, headers={"Origin": FRONT})
    assert answer.headers["access-control-allow-origin"] == FRONT
    assert "x-request-id" in answer.headers["access-control-expose-headers"].lower()


async def test_other_origins_are_refused(client_for):
    client = client_for(SALESPLUS_CORS_ORIGINS=FRONT)
    preflight = await client.options("/graphql", headers={"Origin": "https://evil.example", **PREFLIGHT})
    assert preflight.status_code == 400 and "access-control-allow-origin" not in preflight.headers
    answer = await client.post("/graphql", json={"query": "{ purposes { name } }"},
                               headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in answer.headers


async def test_credentials_only_when_asked_for(client_for):
    client = client_for(SALESPLUS_CORS_ORIGINS=FRONT, SALESPLUS_CORS_CREDENTIALS="1")
    preflight = await client.options("/graphql", headers={"Origin": FRONT, **PREFLIGHT})
    assert preflight.headers["access-control-allow-credentials"] == "true"


def test_a_wildcard_with_credentials_is_a_configuration_error(monkeypatch):
    from config import ConfigError

    monkeypatch.setenv("SALESPLUS_CORS_ORIGINS", "*")
    monkeypatch.setenv("SALESPLUS_CORS_CREDENTIALS", "true")
    with pytest.raises(ConfigError, match="SALESPLUS_CORS_ORIGINS"):
        load_settings()
