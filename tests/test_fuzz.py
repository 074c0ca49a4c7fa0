"""Fuzzing a real server: schemathesis generates operations from the GraphQL schema (every
query and mutation, arguments from their types) and sends them, logged in and with a purpose,
to uvicorn; hypothesis sends raw bodies (random bytes, JSON of every shape). No answer may be a
5xx, carry an error without a code of api.md, or leave a traceback in the server's log.

Bounded so it stays within about a minute of `make test`: FUZZ_EXAMPLES examples per operation
(set SALESPLUS_FUZZ_EXAMPLES to dig deeper locally)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.graphql import nodes

from policies.vocabulary import ErrorCode
from tests.test_rate_limits import free_port, wait_until_up

ROOT = Path(__file__).resolve().parents[1]
FUZZ_EXAMPLES = int(os.environ.get("SALESPLUS_FUZZ_EXAMPLES", "4"))
API_CODES = {code.value for code in ErrorCode}
SKIPPED = {"logout"}  # it would end the fuzzer's own session, and with it everything after
PASSWORD = "fuzz correct horse"
FUZZ = settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None, derandomize=True,
                suppress_health_check=list(HealthCheck))

schemathesis.graphql.scalar("Decimal", st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    st.sampled_from(["1e30", "-0.001", "NaN", "Infinity", "1" * 40, "x"])).map(nodes.String))


@pytest.fixture(scope="module")
async def fuzz_user(app):
    from tests.support.factories import Factory

    factory = Factory(app.state.engine)
    tenant = await factory.tenant()
    user = await factory.user(tenant, "admin", "sales", "dpo", password=PASSWORD)
    for _ in range(3):
        await factory.contact(tenant)
    return tenant.slug, user.email


@pytest.fixture(scope="module")
def server(database_url, tmp_path_factory, fuzz_user):
    """uvicorn serving the app on the test session's database, its log kept in a file."""
    folder = tmp_path_factory.mktemp("fuzz")
    log = folder / "server.log"
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update({"DATABASE_URL": database_url, "PYTHONPATH": str(ROOT),
                "SALESPLUS_DATA_DIR": str(folder / "data"), "SALESPLUS_ENV": "development",
                "SALESPLUS_RATE_LIMIT_USER": "100000/minute",
                "SALESPLUS_LOGIN_LIMIT_ACCOUNT": "100000/minute",
                "SALESPLUS_LOGIN_LIMIT_ADDRESS": "100000/minute"})
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen([sys.executable, "-m", "uvicorn", "server:app", "--host",
                                    "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                                   env=env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield url, log
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def headers(server, fuzz_user):
    url, _log = server
    tenant, email = fuzz_user
    answer = httpx.post(f"{url}/graphql", timeout=30, json={
        "query": "mutation($t: String!, $e: String!, $p: String!) { login(tenant: $t, email: $e, "
                 "password: $p) { token } }", "variables": {"t": tenant, "e": email, "p": PASSWORD}})
    token = answer.json()["data"]["login"]["token"]
    return {"Authorization": f"Bearer {token}", "X-Purpose": "sales"}


def root_fields() -> list[str]:
    from schema import schema

    graphql = schema._schema
    return [*graphql.query_type.fields, *graphql.mutation_type.fields]


def assert_coded(status: int, text: str) -> None:
    assert status < 500, text[:2000]
    if status == 429:
        return
    body = json.loads(text)
    for error in body.get("errors") or ():
        assert error.get("extensions", {}).get("code") in API_CODES, error
    assert "Traceback" not in text


def test_generated_operations_get_no_server_error_and_only_coded_errors(server, headers):
    url, log = server
    schema = schemathesis.graphql.from_url(f"{url}/graphql", headers=headers, timeout=30)
    operations = [result.ok() for result in schema.get_all_operations()]
    tried = 0
    for operation in operations:
        if operation.definition.field_name in SKIPPED:
            continue

        @FUZZ
        @given(case=st.one_of(operation.as_strategy(GenerationMode.POSITIVE),
                              operation.as_strategy(GenerationMode.NEGATIVE)))
        def call(case):
            response = case.call(headers=dict(headers), timeout=30)
            assert_coded(response.status_code, response.text)

        call()
        tried += 1
    assert tried == len(root_fields()) - len(SKIPPED)  # every query and mutation but logout
    assert "Traceback" not in log.read_text(errors="replace")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20)
BODIES = st.one_of(
    st.binary(max_size=300),
    JSON_VALUES.map(lambda value: json.dumps(value).encode()),
    st.fixed_dictionaries({"query": st.text(max_size=200)},
                          optional={"variables": JSON_VALUES, "operationName": JSON_VALUES,
                                    "extensions": JSON_VALUES}).map(lambda b: json.dumps(b).encode()),
    st.text(max_size=200).map(lambda text: text.encode("utf-8", "surrogatepass")),
)


def test_raw_bodies_get_400_or_a_coded_answer(server, headers):
    url, log = server

    @settings(max_examples=FUZZ_EXAMPLES * 50, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(body=BODIES, content_type=st.sampled_from(["application/json", "text/plain", ""]))
    def post(body, content_type):
        response = httpx.post(f"{url}/graphql", content=body, timeout=30,
                              headers={**headers, "content-type": content_type})
        assert_coded(response.status_code, response.text)

    post()
    assert "Traceback" not in log.read_text(errors="replace")
