"""web/observability.py: the request id of every answer, its log lines and its errors."""

import io
import json
import logging

import pytest

import logs
from web.observability import valid_request_id


@pytest.mark.parametrize("value", ["abc", "a" * 128, "01HZX3-trace.id:7_x"])
def test_sane_ids_are_kept(value):
    assert valid_request_id(value) == value


@pytest.mark.parametrize("value", ["", "a" * 129, "two words", "line\nbreak", 'quote"', "é", "<x>"])
def test_other_ids_are_refused(value):
    assert valid_request_id(value) is None


async def test_an_id_is_generated_echoed_and_put_in_every_error(gql, http):
    response = await http.post("/graphql", json={"query": "{ me { id } nope }"})
    request_id = response.headers["x-request-id"]
    assert len(request_id) == 32 and int(request_id, 16) >= 0
    errors = response.json()["errors"]
    assert errors and all(e["extensions"]["requestId"] == request_id for e in errors)


async def test_a_valid_id_is_taken_an_invalid_one_replaced(http):
    kept = await http.post("/graphql", json={"query": "{ me { id } }"}, headers={"X-Request-Id": "client-42"})
    assert kept.headers["x-request-id"] == "client-42"
    assert kept.json()["errors"][0]["extensions"]["requestId"] == "client-42"
    replaced = await http.get("/healthz", headers={"X-Request-Id": "x" * 300})
    assert replaced.headers["x-request-id"] != "x" * 300 and len(replaced.headers["x-request-id"]) == 32


async def test_answers_outside_graphql_carry_the_id_too(http):
    too_large = await http.post("/graphql", content=b"{" + b" " * 1_100_000 + b"}",
                                headers={"content-type": "application/json", "X-Request-Id": "big-1"})
    assert too_large.status_code == 413 and too_large.headers["x-request-id"] == "big-1"


async def test_log_lines_of_a_request_carry_its_id(gql, factory, monkeypatch):
    from resolvers import loaders

    async def broken(access, ids):
        raise RuntimeError("boom")

    monkeypatch.setitem(loaders.BATCHES, "contact_by_id", broken)
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, "sales")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.formatter(json_lines=True))
    logging.getLogger().addHandler(handler)
    try:
        result = await gql('{ contact(id: "1") { id } }', token=token, purpose="sales",
                           headers={"X-Request-Id": "trace-me-7"})
    finally:
        logging.getLogger().removeHandler(handler)
    assert result["errors"][0]["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}  # the id: checked by gql
    entries = [json.loads(line) for line in stream.getvalue().splitlines()]
    entries = [entry for entry in entries if entry["logger"] != "httpx"]  # the test's own client
    assert entries and all(entry.get("request_id") == "trace-me-7" for entry in entries)
