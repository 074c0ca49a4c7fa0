"""web/metrics.py: /metrics is off by default, behind its bearer secret when on; the counters move
with requests; with two real workers the answer is the sum over both."""

import asyncio
import re
from pathlib import Path

import httpx
import pytest
from prometheus_client import REGISTRY

from config import load_settings
from server import create_app
from tests.support.live_server import environment, live_server
from web import metrics

TOKEN = "metrics-secret-for-tests-0123456789"


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


@pytest.fixture
async def metered(monkeypatch, app):
    monkeypatch.setenv("SALESPLUS_METRICS_TOKEN", TOKEN)
    application = create_app(load_settings())
    application.state.engine = app.state.engine  # the database is already up
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=application),
                                 base_url="http://t") as client:
        yield client


async def test_off_by_default(http):
    assert (await http.get("/metrics")).status_code == 404


async def test_only_with_the_bearer_secret(metered):
    assert (await metered.get("/metrics")).status_code == 401
    wrong = await metered.get("/metrics", headers={"Authorization": "Bearer " + TOKEN[:-1]})
    assert wrong.status_code == 401
    right = await metered.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert right.status_code == 200 and "salesplus_graphql_requests_total" in right.text


async def test_counters_move_with_requests(metered, factory):
    tenant = await factory.tenant()
    contact = await factory.contact(tenant, first_name="Ada")
    from tests.conftest import Gql

    gql = Gql(metered)
    token = await factory.login_as(tenant, "analyst")
    before = {
        "ok": sample("salesplus_graphql_requests_total", operation_type="query", outcome="OK"),
        "forbidden": sample("salesplus_graphql_requests_total", operation_type="query", outcome="FORBIDDEN"),
        "denials": sample("salesplus_policy_denials_total", code="FORBIDDEN"),
        "latency": sample("salesplus_graphql_request_duration_seconds_count", operation_type="query"),
        "audit": sample("salesplus_audit_append_duration_seconds_count"),
        "http": sample("salesplus_http_request_duration_seconds_count", route="/graphql", method="POST",
                       status="200"),
    }
    await gql("{ me { roles } }", token=token, purpose="analytics")
    hidden = await gql(f'{{ contact(id: "{contact.id}") {{ firstName lastName }} }}', token=token,
                       purpose="analytics")
    assert [e["extensions"]["code"] for e in hidden["errors"]] == ["FORBIDDEN", "FORBIDDEN"]
    assert sample("salesplus_graphql_requests_total", operation_type="query", outcome="OK") == before["ok"] + 1
    assert sample("salesplus_graphql_requests_total", operation_type="query",
                  outcome="FORBIDDEN") == before["forbidden"] + 1
    assert sample("salesplus_policy_denials_total", code="FORBIDDEN") == before["denials"] + 2
    assert sample("salesplus_graphql_request_duration_seconds_count",
                  operation_type="query") == before["latency"] + 2
    assert sample("salesplus_audit_append_duration_seconds_count") == before["audit"] + 1  # the read
    assert sample("salesplus_http_request_duration_seconds_count", route="/graphql", method="POST",
                  status="200") == before["http"] + 2


async def test_audit_failures_are_counted(metered, factory, monkeypatch):
    from audit import commit
    from tests.conftest import Gql

    async def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(commit, "record", broken)
    tenant = await factory.tenant()
    contact = await factory.contact(tenant, first_name="Ada")
    token = await factory.login_as(tenant, "sales")
    before = sample("salesplus_audit_append_failures_total")
    result = await Gql(metered)(f'{{ contact(id: "{contact.id}") {{ firstName }} }}', token=token,
                                purpose="sales")
    assert result["data"] is None
    assert sample("salesplus_audit_append_failures_total") == before + 1


@pytest.mark.parametrize(("path", "route"), [
    ("/graphql", "/graphql"), ("/unsubscribe/abc.def", "/unsubscribe/{token}"),
    ("/preferences/x", "/preferences/{token}"), ("/unsubscribe/", "other"), ("/nope", "other"),
    ("/graphiql/graphiql.min.js", "/graphiql/{asset}"),
])
def test_labels_are_route_templates(path, route):
    assert metrics.route_of(path) == route


def total(text: str, name: str, **labels: str) -> float:
    wanted = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    found = 0.0
    for line in text.splitlines():
        match = re.fullmatch(rf"{name}\{{(.*)\}} (\S+)", line)
        if match and ",".join(sorted(match.group(1).split(","))) == wanted:
            found += float(match.group(2))
    return found


async def test_two_workers_are_summed(tmp_path: Path):
    directory = tmp_path / "prometheus"
    env = environment(tmp_path, SALESPLUS_METRICS_TOKEN=TOKEN, PROMETHEUS_MULTIPROC_DIR=str(directory))
    async with live_server(tmp_path, "--workers", "2", env=env) as server:
        sent = 0
        for _ in range(10):  # fresh connections until both workers have served some
            async with httpx.AsyncClient(base_url=server.base) as client:
                answers = await asyncio.gather(*(client.get("/readyz") for _ in range(10)))
            sent += len(answers)
            if len({p.name.split("_")[-1] for p in directory.glob("histogram_*.db")}) >= 2:
                break
        pids = {p.name.split("_")[-1] for p in directory.glob("histogram_*.db")}
        assert len(pids) == 2, pids
        async with httpx.AsyncClient(base_url=server.base) as client:
            scraped = [(await client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})).text
                       for _ in range(4)]
    for text in scraped:  # whichever worker answered, it counted both workers' requests
        assert total(text, "salesplus_http_request_duration_seconds_count",
                     route="/readyz", method="GET", status="200") == sent


async def test_the_database_pool_is_measured(metered, database_url):
    await metered.get("/readyz")
    size = sample("salesplus_db_pool_connections", state="max")
    if database_url.startswith(("postgres://", "asyncpg://")):
        assert size >= 1 and sample("salesplus_db_pool_connections", state="in_use") >= 0
    else:
        assert size == 0  # SQLite: one connection, no pool


async def test_sealer_passes_and_failures_are_counted(metered, factory, monkeypatch):
    from audit import chain, commit
    from tests.conftest import Gql

    tenant = await factory.tenant()
    contact = await factory.contact(tenant, first_name="Ada")
    token = await factory.login_as(tenant, "sales")
    passes = sample("salesplus_audit_seal_duration_seconds_count")
    await Gql(metered)(f'{{ contact(id: "{contact.id}") {{ firstName }} }}', token=token, purpose="sales")
    assert sample("salesplus_audit_seal_duration_seconds_count") > passes

    async def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(chain, "seal_pending", broken)
    failures = sample("salesplus_audit_seal_failures_total")
    await Gql(metered)(f'{{ contact(id: "{contact.id}") {{ firstName }} }}', token=token, purpose="sales")
    await commit.settle()
    assert sample("salesplus_audit_seal_failures_total") == failures + 1


async def test_outcomes_are_the_codes_clients_get(metered):
    before = sample("salesplus_graphql_requests_total", operation_type="query", outcome="BAD_USER_INPUT")
    answer = await metered.post("/graphql", json={"query": "{ noSuchField }"})
    assert answer.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert sample("salesplus_graphql_requests_total", operation_type="query",
                  outcome="BAD_USER_INPUT") == before + 1
