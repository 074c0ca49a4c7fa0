"""Retention per category (accountability/retention.py) on a fixture with known ages: the dry run
reports exactly what the run then does, the run changes exactly that (and audits it), and nothing
outside the rules is touched: younger data, active contacts, invoices under their legal
retention, other tenants, tenants whose rules keep everything."""

from datetime import datetime, timedelta, timezone

from accountability import retention
from audit import commit
from models import AuditEvent, Contact, FinancialRecord, Interaction
from models.personal import catalog
from policies.vocabulary import Category

NOW = datetime.now(timezone.utc)


def ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


async def aged_contact(factory, tenant, days: int):
    contact = await factory.contact(tenant)
    await Contact.filter(id=contact.id).update(updated_at=ago(days))
    return contact


async def fixture(factory):
    """Known ages against the defaults (3 years for fields on the contact, 2 for competitive,
    1 for sensitive, 2 / 3 years for interaction content / metadata) and a financial rule of one
    year for this tenant."""
    tenant = await factory.tenant()
    await retention.set_rule(tenant.id, Category.FINANCIAL, 365)
    c = {
        "old": await aged_contact(factory, tenant, 4 * 365),          # every contact field goes
        "old_but_active": await aged_contact(factory, tenant, 4 * 365),  # an interaction 10 days ago
        "middle": await aged_contact(factory, tenant, 500),            # sensitive only
        "young": await aged_contact(factory, tenant, 100),             # nothing
    }
    i = {
        "recent": await factory.interaction(c["old_but_active"], occurred_at=ago(10)),
        "content_due": await factory.interaction(c["young"], occurred_at=ago(800)),
        "row_due": await factory.interaction(c["young"], occurred_at=ago(1200)),
    }
    f = {
        "deal_due": await factory.financial(c["young"], kind="DEAL", occurred_at=ago(400)),
        "invoice_legal": await factory.financial(c["young"], kind="INVOICE", occurred_at=ago(5 * 365)),
        "invoice_due": await factory.financial(c["young"], kind="INVOICE", occurred_at=ago(11 * 365)),
        "deal_young": await factory.financial(c["young"], kind="DEAL", occurred_at=ago(100)),
    }
    return tenant, c, i, f


async def snapshot(tenant_id: int) -> dict:
    return {model.__name__: {row["id"]: row for row in await model.filter(tenant_id=tenant_id).values()}
            for model in (Contact, Interaction, FinancialRecord)}


def report(actions) -> dict:
    return {(a.category, a.records, a.contacts) for a in actions if a.records}


EXPECTED = {
    ("identity", 1, 1), ("contact_details", 1, 1), ("preferences", 1, 1), ("commercial", 1, 1),
    ("location", 1, 1), ("competitive", 1, 1), ("sensitive", 2, 2),
    ("interaction_metadata", 1, 1), ("interaction_content", 1, 1), ("financial", 3, 1),
}


async def test_dry_run_reports_what_the_run_does_and_changes_nothing(factory):
    tenant, *_ = await fixture(factory)
    before = await snapshot(tenant.id)
    dry = await retention.run_tenant(tenant, dry_run=True, moment=NOW)
    assert report(dry) == EXPECTED
    assert await snapshot(tenant.id) == before
    assert not await AuditEvent.filter(tenant_id=tenant.id).exists()
    done = await retention.run_tenant(tenant, dry_run=False, moment=NOW)
    assert report(done) == EXPECTED
    assert report(await retention.run_tenant(tenant, dry_run=True, moment=NOW)) == set()  # idempotent


async def test_the_run_changes_exactly_what_the_rules_say(factory):
    tenant, c, i, f = await fixture(factory)
    before = await snapshot(tenant.id)
    await retention.run_tenant(tenant, dry_run=False, moment=NOW)
    after = await snapshot(tenant.id)
    old = after["Contact"][c["old"].id]
    for column in catalog(Contact):
        assert old[column.column] == column.erased, column.column
    kept = {"id", "tenant_id", "created_at", "updated_at", "erased_at", "processing_restricted"}
    assert {k: old[k] for k in kept} == {k: before["Contact"][c["old"].id][k] for k in kept}
    assert old["erased_at"] is None  # nulled by retention, not an erasure
    middle = after["Contact"][c["middle"].id]
    assert middle["sensitive_notes"] is None
    assert {k: v for k, v in middle.items() if k != "sensitive_notes"} == {
        k: v for k, v in before["Contact"][c["middle"].id].items() if k != "sensitive_notes"}
    for untouched in ("old_but_active", "young"):
        assert after["Contact"][c[untouched].id] == before["Contact"][c[untouched].id]
    assert set(after["Interaction"]) == {i["recent"].id, i["content_due"].id}
    content = after["Interaction"][i["content_due"].id]
    assert (content["subject"], content["content"]) == (None, None)
    assert content["kind"] == before["Interaction"][i["content_due"].id]["kind"]
    assert after["Interaction"][i["recent"].id] == before["Interaction"][i["recent"].id]
    assert set(after["FinancialRecord"]) == {f["invoice_legal"].id, f["deal_young"].id}
    invoice, was = after["FinancialRecord"][f["invoice_legal"].id], before["FinancialRecord"][
        f["invoice_legal"].id]
    for column in catalog(FinancialRecord):  # under its legal retention: the retained columns only
        assert invoice[column.column] == (was[column.column] if column.retain else column.erased)
    assert invoice["contact_id"] == c["young"].id
    assert after["FinancialRecord"][f["deal_young"].id] == before["FinancialRecord"][
        f["deal_young"].id]


async def test_every_batch_is_audited(factory, monkeypatch):
    monkeypatch.setattr(retention, "BATCH", 1)
    tenant, c, _i, _f = await fixture(factory)
    await retention.run_tenant(tenant, dry_run=False, moment=NOW)
    await commit.settle()
    events = await AuditEvent.filter(tenant_id=tenant.id).order_by("seq").values(
        "principal", "operation", "contact_ids", "categories_returned")
    assert {e["principal"] for e in events} == {retention.PRINCIPAL}
    assert all(e["categories_returned"] == [] for e in events)  # nothing was returned to anyone
    sensitive = [e for e in events if e["operation"].startswith("retention sensitive")]
    assert sorted(e["contact_ids"][0] for e in sensitive) == sorted([c["old"].id, c["middle"].id])
    assert len(events) == sum(records for _c, records, _n in EXPECTED)  # a batch per record


async def test_other_tenants_and_tenants_keeping_everything_are_not_touched(factory):
    tenant, *_ = await fixture(factory)
    keeper, *_ = await fixture(factory)
    for category in Category:
        await retention.set_rule(keeper.id, category, None)
    bystander, *_ = await fixture(factory)
    before = {t.id: await snapshot(t.id) for t in (keeper, bystander)}
    await retention.run_all(tenant.slug, dry_run=False, moment=NOW)
    assert await snapshot(bystander.id) == before[bystander.id]
    assert report(await retention.run_tenant(keeper, dry_run=False, moment=NOW)) == set()
    assert await snapshot(keeper.id) == before[keeper.id]


async def test_rules_over_defaults(factory):
    tenant = await factory.tenant()
    assert await retention.rules(tenant.id) == retention.DEFAULT_MAX_AGE_DAYS
    await retention.set_rule(tenant.id, Category.LOCATION, 30)
    await retention.set_rule(tenant.id, Category.SENSITIVE, None)
    rules = await retention.rules(tenant.id)
    assert (rules[Category.LOCATION], rules[Category.SENSITIVE]) == (30, None)
    await retention.set_rule(tenant.id, Category.LOCATION, None, default=True)
    assert (await retention.rules(tenant.id))[Category.LOCATION] == retention.DEFAULT_MAX_AGE_DAYS[
        Category.LOCATION]


def test_every_catalogued_column_has_its_treatment():
    treatments = retention.treatments()
    covered = sorted((t.model.__name__, c.column) for t in treatments for c in t.columns)
    assert covered == sorted((m.__name__, c.column) for m in retention.tables() for c in catalog(m))
    for treatment in treatments:
        row_bound = [c.column for c in treatment.columns if not retention.nullable(c)]
        assert treatment.in_place is not bool(row_bound), treatment
    assert set(retention.DEFAULT_MAX_AGE_DAYS) == set(Category)
    by_name = {(t.model.__name__, t.category.value): t.in_place for t in treatments}
    assert by_name[("Interaction", "interaction_metadata")] is False  # kind and time: the row
    assert by_name[("Interaction", "interaction_content")] is True
    assert by_name[("Contact", "identity")] is True
