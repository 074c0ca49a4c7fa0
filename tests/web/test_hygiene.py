"""HTTP hygiene (web/hygiene.py): malformed requests are 400 (413 for size) with a JSON errors[]
and a code, before GraphQL runs."""

import json

import pytest

from web.hygiene import MAX_JSON_DEPTH

MALFORMED_BODIES = {
    "a JSON string": b'"x"',
    "a JSON number": b"123",
    "JSON null": b"null",
    "JSON true": b"true",
    "a JSON array": b'[{"query": "{ me { id } }"}]',
    "not JSON": b"{not json",
    "empty": b"",
    "not UTF-8": b'{"query": "{ me { id } }", "x": "\xff\xfe"}',
    "UTF-16": '{"query": "{ me { id } }"}'.encode("utf-16"),
    "nested 2,000 deep": b'{"query": "{ me { id } }", "variables": {"a": ' + b"[" * 2000 + b"]" * 2000 + b"}}",
    f"nested {MAX_JSON_DEPTH + 1} deep": (b'{"query": "{ me { id } }", "variables": {"a": '
                                          + b"[" * MAX_JSON_DEPTH + b"]" * MAX_JSON_DEPTH + b"}}"),
    "no query": b'{"variables": {}}',
    "a query that is not a string": b'{"query": ["{ me { id } }"]}',
    "variables that are not an object": b'{"query": "{ me { id } }", "variables": [1]}',
    "an operationName that is not a string": b'{"query": "{ me { id } }", "operationName": 3}',
    "a lone surrogate": b'{"query": "{ me { id } }", "variables": {"name": "\\ud800"}}',
    "a lone surrogate in a key": b'{"query": "{ me { id } }", "variables": {"\\udc00": 1}}',
    "a NUL": b'{"query": "{ me { id } }", "variables": {"input": {"firstName": "a\\u0000b"}}}',
    "NaN": b'{"query": "{ me { id } }", "variables": {"x": NaN}}',
    "an integer of 5,000 digits": b'{"query": "{ me { id } }", "variables": {"x": ' + b"9" * 5000 + b"}}",
}


def assert_refused(response, status: int, code: str = "BAD_USER_INPUT") -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error, = response.json()["errors"]
    assert error["extensions"]["code"] == code and error["message"] == error["extensions"]["reason"]
    assert error["extensions"]["requestId"] == response.headers["x-request-id"]  # web/observability.py
    return error


@pytest.mark.parametrize("body", MALFORMED_BODIES.values(), ids=MALFORMED_BODIES.keys())
async def test_each_malformed_body_is_400_with_a_code(http, body):
    response = await http.post("/graphql", content=body, headers={"content-type": "application/json"})
    assert_refused(response, 400)


async def test_a_string_is_named_by_its_path(http):
    body = {"query": "{ me { id } }", "variables": {"input": {"firstName": "a\x00b", "tags": ["\x00"]}}}
    response = await http.post("/graphql", content=json.dumps(body),
                               headers={"content-type": "application/json"})
    assert "variables.input." in assert_refused(response, 400)["message"]


async def test_the_body_must_be_declared_json(http):
    response = await http.post("/graphql", content=b'{"query": "{ me { id } }"}',
                               headers={"content-type": "text/plain"})
    assert_refused(response, 400)


async def test_over_the_size_limit_is_413_json(http):
    response = await http.post("/graphql", content=b"{" + b" " * 1_100_000 + b"}",
                               headers={"content-type": "application/json"})
    assert_refused(response, 413)


async def test_a_query_in_the_url_is_refused(http):
    assert_refused(await http.get("/graphql", params={"query": "{ me { id } }"}), 400)


async def call(app, headers: list[tuple[bytes, bytes]], body: bytes, path: str = "/graphql"):
    """One raw ASGI request, for headers an HTTP client would not send."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
             "root_path": "", "headers": headers, "client": ("127.0.0.1", 1), "server": ("t", 80)}
    messages = [{"type": "http.request", "body": body, "more_body": False}]
    sent = []

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    await app(scope, receive, send)
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


@pytest.mark.parametrize("length", [b"abc", b"-1", b"1e3", b"\xd9\xa3", b"", b" 26", b"+26"])
async def test_a_malformed_content_length_is_400(app, length):
    body = b'{"query": "{ me { id } }"}'
    status, answer = await call(app, [(b"content-type", b"application/json"),
                                      (b"content-length", length)], body)
    assert status == 400 and json.loads(answer)["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_two_content_lengths_or_a_wrong_one_are_400(app):
    body = b'{"query": "{ me { id } }"}'
    json_type = (b"content-type", b"application/json")
    for headers in ([json_type, (b"content-length", b"26"), (b"content-length", b"26")],
                    [json_type, (b"content-length", b"5")]):
        status, _ = await call(app, headers, body)
        assert status == 400


async def test_a_huge_content_length_is_413(app):
    status, answer = await call(app, [(b"content-type", b"application/json"),
                                      (b"content-length", b"9" * 40)], b"{}")
    assert status == 413 and json.loads(answer)["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize("purposes", [["sales", "marketing"], ["sales,marketing"], ["sales", "sales"]])
async def test_an_ambiguous_purpose_is_refused_and_nothing_runs(http, factory, purposes):
    from models import Contact

    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "admin")
    before = await Contact.filter(tenant_id=tenant.id).count()
    headers = [("Authorization", f"Bearer {token}"), *[("X-Purpose", p) for p in purposes]]
    response = await http.post("/graphql", headers=headers, json={
        "query": 'mutation { createContact(input: {firstName: "Ada", lastName: "A"}) { id } }'})
    assert_refused(response, 400, "PURPOSE_REQUIRED")
    assert await Contact.filter(tenant_id=tenant.id).count() == before
