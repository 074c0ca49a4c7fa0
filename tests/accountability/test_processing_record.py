"""The Art. 30(2) record (accountability/processing_record.py) follows what the system declares:
a purpose added, a field's category changed or a sub-processor added shows at once."""

import dataclasses

import pytest

import models
from accountability import processing_record, subprocessors
from auth import passwords
from models import Contact
from models.personal import catalog
from policies import tenant_rules
from policies.vocabulary import Category


async def _record(app, tenant, **kwargs):
    return await processing_record.build(tenant, app.state.engine, **kwargs)


def _purpose(record, name):
    return next((p for p in record["purposes"] if p["purpose"] == name), None)


async def test_a_tenant_purpose_and_a_grant_appear_in_the_record(app, factory):
    tenant = await factory.tenant()
    before = await _record(app, tenant)
    assert before["controller"] == {"name": tenant.name, "tenant": tenant.slug}
    assert _purpose(before, "partner_events") is None
    assert _purpose(before, "sales")["lawfulBasis"] == "legitimate_interest"
    engine = app.state.engine
    await tenant_rules.add_purpose(engine, tenant.id, "partner_events", "consent")
    await tenant_rules.grant(engine, tenant.id, "marketing", "identity", "read", "partner_events")
    after = await _record(app, tenant)
    added = _purpose(after, "partner_events")
    assert added == {"purpose": "partner_events", "lawfulBasis": "consent", "builtIn": False,
                     "roles": ["marketing"], "categoriesRead": ["identity"],
                     "categoriesWritten": []}
    other = await factory.tenant()
    assert _purpose(await _record(app, other), "partner_events") is None  # the tenant's own only


def test_every_catalogued_column_is_in_the_record_under_its_category():
    fields = processing_record.catalogued_fields()
    assert set(fields) == {c.value for c in Category}
    assert "Contact.email" in fields["contact_details"]
    assert "Contact.sensitiveNotes" in fields["sensitive"]
    assert "Contact.location.city" in fields["location"]
    assert "FinancialRecord.amount" in fields["financial"]
    everything = [column for name in models.__all__ for column in catalog(getattr(models, name))]
    assert sum(len(v) for v in fields.values()) == len(everything)


async def test_changing_a_columns_category_changes_the_record(app, factory, monkeypatch):
    tenant = await factory.tenant()
    columns = tuple(dataclasses.replace(c, category=Category.COMMERCIAL) if c.column == "company"
                    else c for c in catalog(Contact))
    monkeypatch.setattr(Contact, "_catalog", columns)
    categories = {c["category"]: c["fields"] for c in (await _record(app, tenant))["categories"]}
    assert "Contact.company" in categories["commercial"]
    assert "Contact.company" not in categories["identity"]


async def test_sub_processors_and_transfers_come_from_the_register(app, factory):
    tenant = await factory.tenant()
    register = subprocessors.load()
    extra = dataclasses.replace(register.subprocessors[0], name="Offshore Support Ltd",
                                location="IN", safeguards="SCCs 2021/914 module 3")
    changed = dataclasses.replace(register, subprocessors=(*register.subprocessors, extra))
    record = await _record(app, tenant, register=changed)
    assert [s["name"] for s in record["subprocessors"]][-1] == "Offshore Support Ltd"
    assert {"recipient": "Offshore Support Ltd", "country": "IN",
            "safeguards": "SCCs 2021/914 module 3"} in record["transfersOutsideEea"]
    assert record["processor"] == register.processor


async def test_measures_are_read_from_the_code_and_the_database(app, factory):
    tenant = await factory.tenant()
    measures = {m["measure"]: m for m in (await _record(app, tenant))["technicalMeasures"]}
    hashing = measures["password hashing"]["detail"]
    assert hashing.startswith("argon2id")
    assert f"m={passwords.MEMORY_KIB}, t={passwords.TIME_COST}, p={passwords.PARALLELISM}" in hashing
    assert measures["audit trail"]["inForce"] is True
    assert measures["TLS"]["inForce"] is False
    assert measures["encryption at rest"]["inForce"] is True
    assert "Contact.sensitiveNotes" in measures["encryption at rest"]["detail"]
    # not opted in:
    assert "Contact.competitiveNotes" not in measures["encryption at rest"]["detail"]
    assert "TLS-terminating proxy" in measures["TLS"]["detail"]
    assert isinstance(measures["row-level security"]["inForce"], bool)


async def test_tls_is_in_force_when_serve_has_a_certificate(app, factory, monkeypatch):
    monkeypatch.setenv("SALESPLUS_TLS_CERT", "/etc/salesplus/api.crt")  # not opened: only serve does
    monkeypatch.setenv("SALESPLUS_TLS_KEY", "/etc/salesplus/api.key")
    measures = {m["measure"]: m for m in (await _record(app, await factory.tenant()))["technicalMeasures"]}
    assert measures["TLS"]["inForce"] is True and "SALESPLUS_TLS_CERT" in measures["TLS"]["detail"]


async def test_without_the_audit_extension_the_record_says_so(app, factory):
    from schema import build_schema

    tenant = await factory.tenant()
    record = await _record(app, tenant, graphql_schema=build_schema(production=False, audit=False))
    audit = next(m for m in record["technicalMeasures"] if m["measure"] == "audit trail")
    assert audit["inForce"] is False


@pytest.mark.parametrize("output", ["md", "json"])
def test_the_command(tmp_path, output):
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/r.db", "PYTHONPATH": str(root)}
    seed = ("import asyncio, sys, db\nfrom models import Tenant\nasync def s():\n"
            "    async with db.database(sys.argv[1]):\n"
            "        await Tenant.create(slug='acme', name='Acme Corp')\nasyncio.run(s())\n")
    subprocess.run([sys.executable, "-c", seed, env["DATABASE_URL"]], env=env, check=True,
                   timeout=120)
    done = subprocess.run([sys.executable, "-m", "cli", "processing-record", "--tenant", "acme",
                           "--format", output], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    if output == "json":
        assert json.loads(done.stdout)["controller"]["name"] == "Acme Corp"
    else:
        assert done.stdout.startswith("# Record of processing activities (GDPR Art. 30(2)) — Acme")
        for heading in ("## Purposes", "## Data categories", "## Sub-processors",
                        "## Transfers outside the EEA", "## Technical and organisational measures"):
            assert heading in done.stdout
