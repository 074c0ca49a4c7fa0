"""logs.py: one pipeline, JSON in production, and no personal data in any line: the hidden-field,
validation-error and unexpected-error paths run against a fixture whose name, email and notes
are then searched for in everything that was logged."""

import io
import json
import logging

import pytest
import structlog

import logs

FIRST, LAST, EMAIL = "Zebulonia", "Quaxworthy", "zebulonia.quaxworthy@example.org"
NOTE = "prefers-decaf-and-has-a-bad-knee"


@pytest.fixture
def captured():
    """Every line the root handler would write, rendered as JSON lines."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.formatter(json_lines=True))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield stream
    finally:
        root.removeHandler(handler)


def lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


async def test_no_personal_data_reaches_the_log(gql, factory, captured, monkeypatch):
    tenant = await factory.tenant()
    contact = await factory.contact(tenant, first_name=FIRST, last_name=LAST, email=EMAIL,
                                    sensitive_notes=NOTE)
    analyst = await factory.login_as(tenant, "analyst")
    sales = await factory.login_as(tenant, "sales")

    hidden = await gql(f'{{ contact(id: "{contact.id}") {{ firstName lastName email sensitiveNotes }} }}',
                       token=analyst, purpose="analytics")
    assert {e["extensions"]["code"] for e in hidden["errors"]} == {"FORBIDDEN"}

    too_long = await gql("mutation($i: ContactInput!) { createContact(input: $i) { id } }",
                         {"i": {"externalRef": "x-1", "firstName": FIRST * 40, "lastName": LAST,
                                "email": EMAIL, "requirements": NOTE}}, token=sales, purpose="sales")
    assert too_long["errors"]  # today INTERNAL_SERVER_ERROR: the model rejects the length

    bad_variable = await gql("mutation($i: ContactInput!) { createContact(input: $i) { id } }",
                             {"i": {"externalRef": 7, "firstName": FIRST, "email": [EMAIL]}},
                             token=sales, purpose="sales")
    assert bad_variable["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"

    from resolvers import loaders

    async def broken(access, ids):
        raise RuntimeError(f"duplicate key (email)=({EMAIL}) for {FIRST} {LAST}: {NOTE}")

    monkeypatch.setitem(loaders.BATCHES, "contact_by_id", broken)
    failed = await gql(f'{{ contact(id: "{contact.id}") {{ id }} }}', token=sales, purpose="sales")
    assert failed["errors"][0]["extensions"]["code"] == "INTERNAL_SERVER_ERROR"

    logged = captured.getvalue()
    assert "unexpected error" in logged and "RuntimeError" in logged  # the failures are in the log,
    # the model refuses the length with a message quoting the value (unless input validation
    # refuses it first, as BAD_USER_INPUT)
    assert "ValidationError" in logged or too_long["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    for secret in (FIRST, LAST, EMAIL, NOTE):
        assert secret not in logged


def test_exceptions_are_logged_by_type_and_frames_only(captured):
    def fail():
        raise ValueError(f"bad value {EMAIL}")

    try:
        try:
            fail()
        except ValueError as error:
            raise KeyError(NOTE) from error
    except KeyError:
        structlog.get_logger("salesplus.test").error("failed", exc_info=True, cause=ValueError(EMAIL))
    (line,) = [entry for entry in lines(captured) if entry["event"] == "failed"]
    assert line["level"] == "error" and line["logger"] == "salesplus.test"
    assert line["exception"].startswith("builtins.KeyError at test_logs.py:")
    assert "caused by builtins.ValueError at test_logs.py:" in line["exception"]
    assert line["cause"] == "builtins.ValueError"
    assert EMAIL not in json.dumps(line) and NOTE not in json.dumps(line)


def test_standard_library_and_uvicorn_lines_take_the_same_path(captured):
    logging.getLogger("uvicorn.error").warning("Invalid HTTP request received.")
    access = logging.getLogger("uvicorn.access")
    access.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5000", "GET",
                "/unsubscribe/abc.def?email=someone@example.org", "1.1", 200)
    error_line, access_line = lines(captured)[-2:]
    assert error_line["logger"] == "uvicorn.error" and error_line["level"] == "warning"
    assert access_line == {**access_line, "event": "request", "method": "GET", "status": 200,
                           "path": "/unsubscribe/<token>", "client": "127.0.0.1:5000"}
    assert "timestamp" in access_line


def test_development_renders_a_console_line():
    record = logging.LogRecord("salesplus.x", logging.INFO, __file__, 1, "hello %s", ("there",), None)
    text = logs.formatter(json_lines=False).format(record)
    assert "hello there" in text and not text.startswith("{")


async def test_a_production_server_writes_only_json_lines_with_request_ids(tmp_path):
    import httpx  # noqa: PLC0415

    from tests.support.live_server import environment, live_server  # noqa: PLC0415

    env = environment(tmp_path, SALESPLUS_ENV="production")
    async with live_server(tmp_path, env=env) as server:
        async with httpx.AsyncClient() as client:
            await client.get(f"{server.base}/unsubscribe/some.signed.token?email={EMAIL}",
                             headers={"X-Request-Id": "prod-line-1"})
    entries = [json.loads(line) for line in server.log().splitlines() if line.strip()]  # all JSON
    assert any(e["logger"].startswith("uvicorn") and "Started server process" in e["event"]
               for e in entries)
    (access,) = [e for e in entries if e.get("request_id") == "prod-line-1"]
    assert access["logger"] == "uvicorn.access" and access["path"] == "/unsubscribe/<token>"
    assert EMAIL not in server.log() and "some.signed.token" not in server.log()
