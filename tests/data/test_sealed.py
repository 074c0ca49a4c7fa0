"""Encryption at rest, generated from the field catalog: every encryptable column, written by
every write path (the API's mutations, rectification, the importer, a bare Model.create), is
ciphertext in the database — no table of the tenant holds its plaintext — and the API and the
export return the values written. Opting in is an audited admin mutation; values stored before
it stay readable until `keys encrypt` seals them; filters on encrypted columns are refused."""

import uuid
from pathlib import Path

import pytest

import db
from data import rotation, sealed
from data.columns import refuse_encrypted
from data.crypto import is_sealed
from demo import load_demo
from importer import import_document
from models import Contact, FinancialRecord, Interaction
from models.activity import FinancialKind
from models.personal import Column, api_groups, camel, catalog
from policies.decision import Access, Principal
from policies.errors import CodedError
from policies.vocabulary import Category
from rights.export import export_contact
from tests.support import raw
from tests.support.catalog_values import api_input, stored

ENCRYPTABLE = [column for model in sealed.ENCRYPTED_MODELS
               for column in sealed.encryptable_columns(model)]
ENCRYPT = "mutation($c: String!) { encryptCategory(category: $c) }"
CREATE = "mutation($i: ContactInput!) { createContact(input: $i) { id } }"
UPDATE = "mutation($id: ID!, $i: ContactInput!) { updateContact(id: $id, input: $i) { id } }"
LOG = "mutation($i: InteractionInput!) { logInteraction(input: $i) { id } }"
RECORD = "mutation($i: FinancialInput!) { recordFinancial(input: $i) { id } }"
READ = """query($id: ID!) { contact(id: $id) { sensitiveNotes competitiveNotes
  interactions(first: 5) { edges { node { content } } }
  financials(first: 5) { edges { node { description } } } } }"""
LEGAL = "legal_compliance"


def text(column: Column, marker: str) -> str:
    return stored(column, marker)


def test_the_catalog_declares_what_is_encrypted():
    assert {(c.model.__name__, c.column) for c in ENCRYPTABLE} == {
        ("Contact", "competitive_notes"), ("Contact", "sensitive_notes"),
        ("Interaction", "subject"), ("Interaction", "content"), ("FinancialRecord", "description")}
    sensitive = [c for m in (Contact, Interaction, FinancialRecord) for c in catalog(m)
                 if c.category is Category.SENSITIVE]
    assert sensitive and all(c.encryptable for c in sensitive)
    assert sealed.OPTIONAL == {Category.INTERACTION_CONTENT, Category.COMPETITIVE,
                               Category.FINANCIAL}


def test_docs_list_every_encryptable_column():
    """docs/security.md's table of what is encrypted names exactly the catalog's columns."""
    import re

    doc = (Path(__file__).resolve().parents[2] / "docs" / "security.md").read_text()
    table = doc.split("## What is encrypted", 1)[1].split("\n\n", 2)[1]
    listed = {name for row in table.splitlines()[2:]
              for name in re.findall(r"`(\w+\.\w+)`", row.split("|")[1])}
    assert listed == {f"{c.model.__name__}.{c.api_name}" for c in ENCRYPTABLE}


async def opted_in_tenant(gql, factory):
    tenant = await factory.tenant()
    admin = await factory.login_as(tenant, "admin")
    for category in sorted(c.value for c in sealed.OPTIONAL):
        result = await gql(ENCRYPT, {"c": category}, token=admin)
        assert "errors" not in result, result
    assert sorted(result["data"]["encryptCategory"]) == sorted(
        c.value for c in sealed.OPTIONAL | {Category.SENSITIVE})
    return tenant, admin


def contact_input(marker: str) -> dict:
    return dict(api_input(Contact, name, marker) for name in api_groups(Contact))


def record_input(model: type, contact_id: str, marker: str, **extra) -> dict:
    return {"contactId": contact_id, **dict(api_input(model, name, marker)
                                            for name in api_groups(model)), **extra}


async def write_through_the_api(gql, admin: str, marker: str) -> str:
    created = await gql(CREATE, {"i": contact_input(f"{marker}old")}, token=admin, purpose="sales")
    assert "errors" not in created, created
    contact_id = created["data"]["createContact"]["id"]
    rectified = {camel(c.column): text(c, marker) for c in sealed.encryptable_columns(Contact)}
    updated = await gql(UPDATE, {"id": contact_id, "i": rectified}, token=admin, purpose="sales")
    assert "errors" not in updated, updated
    for model, mutation in ((Interaction, LOG), (FinancialRecord, RECORD)):
        result = await gql(mutation, {"i": record_input(model, contact_id, marker)}, token=admin,
                           purpose="sales")
        assert "errors" not in result, result
    return contact_id


async def write_through_the_importer(tenant, marker: str) -> str:
    def document(mark: str) -> dict:
        contact = {"externalRef": f"imp-{marker}", **dict(
            api_input(Contact, name, mark) for name in api_groups(Contact)
            if name != "external_ref")}
        contact["interactions"] = [dict(api_input(Interaction, n, mark) for n in api_groups(Interaction))]
        contact["financials"] = [{**dict(api_input(FinancialRecord, n, mark)
                                         for n in api_groups(FinancialRecord)),
                                  "kind": FinancialKind.INVOICE.value}]
        return {"tenants": [{"slug": tenant.slug, "contacts": [contact]}]}

    await import_document(document(f"{marker}first"))
    await import_document(document(marker))  # the contact updated, records appended
    return str((await Contact.get(tenant_id=tenant.id, external_ref=f"imp-{marker}")).id)


async def write_through_the_models(tenant, marker: str) -> str:
    """A writer that bypasses the data layer's functions: Model.create seals too (signals)."""
    contact = await Contact.create(tenant_id=tenant.id, **{
        c.column: text(c, marker) for c in catalog(Contact) if c.column != "external_ref"})
    for model in (Interaction, FinancialRecord):
        await model.create(tenant_id=tenant.id, contact_id=contact.id,
                           **{c.column: stored(c, marker) for c in catalog(model)})
    return str(contact.id)


WRITERS = {"api": write_through_the_api, "importer": write_through_the_importer,
           "models": write_through_the_models}


@pytest.mark.parametrize("writer", list(WRITERS))
async def test_no_plaintext_of_an_encrypted_column_reaches_the_database(gql, factory, writer):
    tenant, admin = await opted_in_tenant(gql, factory)
    marker = f"mk{uuid.uuid4().hex[:10]}"
    if writer == "api":
        contact_id = await write_through_the_api(gql, admin, marker)
    else:
        contact_id = await WRITERS[writer](tenant, marker)

    for column in ENCRYPTABLE:  # not in its own table, not in the history, nowhere
        assert await raw.tables_holding(tenant.id, text(column, marker)) == [], column.column
        assert await raw.tables_holding(tenant.id, text(column, f"{marker}first")) == []
        assert await raw.tables_holding(tenant.id, text(column, f"{marker}old")) == []
        table = column.model._meta.db_table
        values = [row[column.column] for row in await raw.rows_of(table, tenant.id)]
        assert values and all(is_sealed(v) for v in values if v is not None), column.column
    # Columns not encrypted are stored as they were: the check above can fail.
    assert "contact" in await raw.tables_holding(tenant.id, marker)

    # Those allowed read the values written, through the API and in the export.
    dpo = await factory.login_as(tenant, "dpo")
    read = (await gql(READ, {"id": contact_id}, token=dpo, purpose=LEGAL))["data"]["contact"]
    assert read["sensitiveNotes"] == f"{marker}-sensitive_notes"
    assert read["competitiveNotes"] == f"{marker}-competitive_notes"
    assert {e["node"]["content"] for e in read["interactions"]["edges"]} >= {f"{marker}-content"}
    assert {e["node"]["description"] for e in read["financials"]["edges"]} >= {
        f"{marker}-description"}
    document = await export_contact(tenant.id, int(contact_id))
    assert document["contact"]["sensitiveNotes"] == f"{marker}-sensitive_notes"
    assert document["interactions"][-1]["content"] == f"{marker}-content"
    history = [f for change in document["changes"] for f in change["fields"]
               if f["field"] == "sensitiveNotes"]
    if writer == "api":  # rectification: the history's old and new values, opened
        assert history == [{"field": "sensitiveNotes", "old": f"{marker}old-sensitive_notes",
                            "new": f"{marker}-sensitive_notes"}]


async def test_a_category_not_opted_in_stays_plaintext_and_sensitive_never_does(gql, factory):
    tenant = await factory.tenant()
    admin = await factory.login_as(tenant, "admin")
    marker = f"mk{uuid.uuid4().hex[:10]}"
    await write_through_the_api(gql, admin, marker)
    assert await raw.tables_holding(tenant.id, f"{marker}-content") == ["interaction"]
    assert await raw.tables_holding(tenant.id, f"{marker}-sensitive_notes") == []


async def test_values_stored_before_an_opt_in_stay_readable_until_encrypted(gql, factory):
    tenant = await factory.tenant()
    admin = await factory.login_as(tenant, "admin")
    marker = f"mk{uuid.uuid4().hex[:10]}"
    contact_id = await write_through_the_api(gql, admin, marker)
    for category in sorted(c.value for c in sealed.OPTIONAL):
        assert "errors" not in await gql(ENCRYPT, {"c": category}, token=admin)
    dpo = await factory.login_as(tenant, "dpo")
    before = await gql(READ, {"id": contact_id}, token=dpo, purpose=LEGAL)
    assert await raw.tables_holding(tenant.id, f"{marker}-competitive_notes") == [
        "contact", "contact_change"]  # the rectification history holds the old and new values

    assert await rotation.encrypt_stored([tenant.id], batch=1) == 3  # contact, interaction, record
    assert await rotation.encrypt_stored([tenant.id]) == 0  # idempotent
    for column in ENCRYPTABLE:
        assert await raw.tables_holding(tenant.id, text(column, marker)) == []
        assert await raw.tables_holding(tenant.id, text(column, f"{marker}old")) == []
    assert await gql(READ, {"id": contact_id}, token=dpo, purpose=LEGAL) == before


async def test_an_interrupted_encryption_is_finished_by_the_next_run(gql, factory):
    tenant = await factory.tenant()
    marker = f"mk{uuid.uuid4().hex[:10]}"
    for _ in range(3):
        await write_through_the_models(tenant, marker)
    await sealed.opt_in(tenant.id, Category.COMPETITIVE, None)

    def interrupt(_count):
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        await rotation.encrypt_stored([tenant.id], batch=1, after_batch=interrupt)
    assert await rotation.count_plaintext([tenant.id]) == 2  # one batch committed
    assert await rotation.encrypt_stored([tenant.id], batch=1) == 2
    assert await raw.tables_holding(tenant.id, f"{marker}-competitive_notes") == []


def _policy_lines() -> list[list[str]]:
    text = (Path(__file__).resolve().parents[2] / "policies" / "policy.csv").read_text()
    return [[part.strip() for part in line.split(",")] for line in text.splitlines()
            if line.startswith("p,")]


ROLES = sorted({line[1] for line in _policy_lines()})
MANAGES_POLICY = {line[1] for line in _policy_lines() if line[3:5] == ["policy", "manage"]}


@pytest.mark.parametrize("role", ROLES)
async def test_only_a_role_that_manages_the_policy_opts_a_category_in(gql, factory, role):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, role)
    result = await gql(ENCRYPT, {"c": "competitive"}, token=token)
    if role in MANAGES_POLICY:
        assert "errors" not in result, result
        assert await sealed.opted_categories(tenant.id) == {Category.COMPETITIVE}
    else:
        assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert await sealed.opted_categories(tenant.id) == frozenset()


async def test_opting_in_names_a_category_that_can_be_encrypted(gql, factory):
    tenant = await factory.tenant()
    admin = await factory.login_as(tenant, "admin")
    for bad in ("identity", "sensitive", "nope"):
        result = await gql(ENCRYPT, {"c": bad}, token=admin)
        assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", bad
    sales = await factory.login_as(tenant, "sales")
    result = await gql(ENCRYPT, {"c": "competitive"}, token=sales)
    assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await sealed.opted_categories(tenant.id) == frozenset()


@pytest.mark.parametrize("column", ENCRYPTABLE, ids=lambda c: f"{c.model.__name__}.{c.column}")
async def test_filtering_on_an_encrypted_column_is_refused(app, factory, column):
    tenant = await factory.tenant()
    access = Access(app.state.engine, Principal("user:1", tenant.id), "sales")
    what = f"filter.{column.api_name}"
    if column.category is not Category.SENSITIVE:
        await refuse_encrypted(access, column.model, [column.column], what)  # not opted in yet
        await sealed.opt_in(tenant.id, column.category, None)
        access = Access(app.state.engine, Principal("user:1", tenant.id), "sales")
    with pytest.raises(CodedError) as refused:
        await refuse_encrypted(access, column.model, [column.column], what)
    assert refused.value.code == "BAD_USER_INPUT" and "encrypted at rest" in refused.value.message


async def test_the_demo_loader_stores_sensitive_notes_sealed(tmp_path):
    """The demo loader (through the importer), into a database of its own; loading it again
    changes nothing (the importer compares opened values)."""
    async with db.database(f"sqlite:///{tmp_path / 'demo.db'}"):
        await load_demo()
        notes = [n for n in await Contact.all().values_list("sensitive_notes", flat=True) if n]
        assert notes and all(is_sealed(n) for n in notes)
        assert dict(await load_demo()) == {"contacts unchanged": 60}


async def test_reimporting_a_tenant_that_opted_in_adds_no_record(gql, factory):
    tenant, _admin = await opted_in_tenant(gql, factory)
    marker = f"mk{uuid.uuid4().hex[:10]}"
    contact_id = await write_through_the_importer(tenant, marker)
    count = await Interaction.filter(contact_id=int(contact_id)).count()
    await write_through_the_importer(tenant, marker)
    assert await Interaction.filter(contact_id=int(contact_id)).count() == count


# Every root field that returns contacts or their records, with how to ask it for each encryptable
# column it can return; the test below fails when a root field of those types has no entry here.
CONTACT_FIELDS = "competitiveNotes interactions(first: 5) { edges { node { content } } } " \
                 "financials(first: 5) { edges { node { description } } }"
READ_PATHS = {
    "contact": ("marketing", "query($id: ID!) { contact(id: $id) { %s } }" % CONTACT_FIELDS),
    "contacts": ("marketing", "{ contacts(first: 5) { edges { node { %s } } } }" % CONTACT_FIELDS),
    "marketingAudience": ("marketing", "{ marketingAudience(topic: \"newsletter\", first: 5) "
                                       "{ edges { node { %s } } } }" % CONTACT_FIELDS),
    "interactions": ("marketing", "{ interactions(first: 5) { edges { node { content "
                                  "contact { competitiveNotes } } } } }"),
    "financials": ("marketing", "{ financials(first: 5) { edges { node { description "
                                "contact { competitiveNotes } } } } }"),
}
RECORD_TYPES = {"Contact", "ContactConnection", "InteractionConnection", "FinancialRecordConnection"}


def test_every_root_field_returning_contacts_or_records_has_a_read_path():
    from graphql import get_named_type

    from schema import schema

    fields = schema._schema.query_type.fields
    assert {name for name, f in fields.items()
            if get_named_type(f.type).name in RECORD_TYPES} == set(READ_PATHS)


def _strings(tree) -> set[str]:
    if isinstance(tree, dict):
        return set().union(*map(_strings, tree.values())) if tree else set()
    if isinstance(tree, list):
        return set().union(*map(_strings, tree)) if tree else set()
    return {tree} if isinstance(tree, str) else set()


@pytest.mark.parametrize("path", list(READ_PATHS))
async def test_every_read_path_opens_the_sealed_values_it_returns(gql, factory, path):
    from models import Subscription
    from tests.rights.support import topics

    tenant, admin = await opted_in_tenant(gql, factory)
    await topics(tenant, newsletter=True)
    marker = f"mk{uuid.uuid4().hex[:10]}"
    contact = await factory.contact(tenant, competitive_notes=f"{marker}-competitive")
    await factory.consent(contact, "marketing")
    await Subscription.create(tenant_id=tenant.id, contact=contact, topic="newsletter", subscribed=True)
    await factory.interaction(contact, content=f"{marker}-content")
    await factory.financial(contact, description=f"{marker}-description")
    assert await raw.tables_holding(tenant.id, marker) == []  # all three sealed

    purpose, query = READ_PATHS[path]
    result = await gql(query, {"id": str(contact.id)}, token=admin, purpose=purpose)
    assert "errors" not in result, result
    returned = _strings(result["data"]) & {f"{marker}-{n}" for n in ("competitive", "content",
                                                                     "description")}
    expected = {f"{marker}-competitive"} | (
        {f"{marker}-content"} if "content" in query else set()) | (
        {f"{marker}-description"} if "description" in query else set())
    assert returned == expected
