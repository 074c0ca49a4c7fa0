"""web/hsts.py: Strict-Transport-Security on every answer to a request whose scheme is https (the
refusals of outer layers included), never on one over plain HTTP. Real TLS and a trusted proxy's
X-Forwarded-Proto, through uvicorn, are in tests/cli/test_tls.py."""

import httpx
import pytest

from web.hsts import StrictTransportSecurity, header_value

YEAR = "max-age=31536000; includeSubDomains"
TOO_LARGE = {"content": b"x" * 1_000_001, "headers": {"content-type": "application/json"}}
REQUESTS = [(200, "GET", "/healthz", {}), (200, "POST", "/graphql", {"json": {"query": "{ __typename }"}}),
            (404, "GET", "/nowhere", {}),
            (413, "POST", "/graphql", TOO_LARGE)]  # refused by RequestHygiene, before the app


def client(app, scheme: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=f"{scheme}://testserver")


@pytest.mark.parametrize(("status", "method", "path", "extra"), REQUESTS,
                         ids=[f"{status} {method} {path}" for status, method, path, _ in REQUESTS])
async def test_every_answer_over_https_has_hsts_and_none_over_http(app, status, method, path, extra):
    async with client(app, "https") as secure, client(app, "http") as plain:
        over_https = await secure.request(method, path, **extra)
        over_http = await plain.request(method, path, **extra)
    assert over_https.status_code == over_http.status_code == status
    assert over_https.headers.get_list("strict-transport-security") == [YEAR]
    assert "strict-transport-security" not in over_http.headers


async def test_the_max_age_is_configured_and_other_scopes_pass_through():
    seen, sent = [], []

    async def inner(scope, receive, send):
        seen.append(scope["type"])
        if scope["type"] == "http":
            await send({"type": "http.response.start", "status": 204, "headers": []})
            await send({"type": "http.response.body", "body": b""})

    async def record(message):
        sent.append(message)

    middleware = StrictTransportSecurity(inner, max_age=0)  # 0: browsers forget the host
    await middleware({"type": "http", "scheme": "https"}, None, record)
    await middleware({"type": "lifespan"}, None, record)
    assert sent[0]["headers"] == [(b"strict-transport-security", b"max-age=0; includeSubDomains")]
    assert seen == ["http", "lifespan"] and header_value(600) == b"max-age=600; includeSubDomains"
