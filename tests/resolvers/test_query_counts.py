"""A contact list costs a fixed number of SQL statements and no Casbin evaluations once warm,
whatever its page size: nested interactions are batched (resolvers/loaders.py) and field
decisions are computed once per request and type, then memoized per process (policies/engine.py).

The statement counts are pinned exactly (as Saleor does): a change that adds a statement per
request fails here, and whoever makes it updates the number on purpose. Timings are not tested
here; see bench/."""

from datetime import datetime, timedelta, timezone

import pytest

from data.scope import TenantScope
from models import Contact, ContactPurposeState, Interaction
from tests.support.query_counter import count_queries

CONTACTS = 105  # more than the largest page (MAX_PAGE = 100), so hasNextPage is true at N = 100
INTERACTIONS_PER_CONTACT = 6  # more than the nested page of 5

LIST = """
query($first: Int!) {
  contacts(first: $first) {
    %(total)s
    edges { node {
      id firstName email %(extra)s
      location { city }
      interactions(first: 5) { totalCount edges { node { kind subject occurredAt } } }
    } }
  }
}"""

# Statements of one request: the session lookup (auth), the contact page, the window statement
# of the nested interaction pages (their rows, with the selected columns: data/pages.py), the
# interaction counts.
# Then the audit event (docs/audit.md): one INSERT into the pending table (the group commit's;
# it was three before the sealer: lock the head, insert, move the head). Chaining it is the
# background sealer's work, shared by every request whose events a pass seals, so its
# statements are counted apart (QueryLog.sealer) and pinned in tests/audit/test_commit.py.
AUDIT_STATEMENTS = 1
BASE_STATEMENTS = 4 + AUDIT_STATEMENTS


async def _bulk_tenant(factory):
    tenant = await factory.tenant()
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    # Through the data layer, so that the sensitive notes are sealed (data/sealed.py).
    await TenantScope(tenant.id).bulk_create(Contact, [
        dict(external_ref=f"bulk-{i}", first_name=f"First{i}",
                last_name=f"Last{i}", company="Acme", job_title="Buyer", email=f"c{i}@example.com",
                phone="+33 1 23 45 67 89", address="1 rue de la Paix", preferred_channel="EMAIL",
                preferred_frequency="MONTHLY", interests=["widgets"], requirements="none",
                business_type="retail", purchase_frequency="monthly", annual_volume="100k",
                city="Lyon", country="FR", latitude=45.76, longitude=4.84,
                competitive_notes="uses Globex", sensitive_notes="allergic to peanuts")
        for i in range(CONTACTS)
    ])
    ids = await Contact.filter(tenant_id=tenant.id).order_by("id").values_list("id", flat=True)
    assert len(ids) == CONTACTS
    await Interaction.bulk_create([
        Interaction(tenant_id=tenant.id, contact_id=contact_id, kind="EMAIL",
                    occurred_at=start + timedelta(days=k, minutes=n), direction="INBOUND",
                    participants_count=2, subject=f"Subject {k}", content="Body")
        for n, contact_id in enumerate(ids) for k in range(INTERACTIONS_PER_CONTACT)
    ], batch_size=1000)
    return tenant, ids


@pytest.fixture(scope="module")
async def dataset(app):
    from tests.support.factories import Factory

    factory = Factory(app.state.engine)
    tenant, ids = await _bulk_tenant(factory)
    tokens = {
        "sales": await factory.login_as(tenant, "sales"),
        "dpo": await factory.login_as(tenant, "dpo"),
    }
    # Every second contact gave explicit consent for sales: sensitive notes are readable by the
    # dpo there only, so the request needs the explicit-consent statement.
    await ContactPurposeState.bulk_create([
        ContactPurposeState(tenant_id=tenant.id, contact_id=contact_id, purpose="sales",
                            consent="GRANTED", explicit=True, basis_state="granted")
        for contact_id in ids[::2]
    ])
    return tenant, tokens


def _codes(result: dict) -> set[str]:
    return {error["extensions"]["code"] for error in result.get("errors", [])}


async def _measure(gql, engine, query: str, first: int, token: str, purpose: str,
                   expected_codes: set[str]):
    """(statements, enforce calls, result) of one request, after a warm-up request."""
    warm = await gql(query, {"first": first}, token=token, purpose=purpose)
    assert _codes(warm) == expected_codes, warm.get("errors")
    before = engine.enforce_calls
    with count_queries() as queries:
        result = await gql(query, {"first": first}, token=token, purpose=purpose)
    assert _codes(result) == expected_codes, result.get("errors")
    return queries, engine.enforce_calls - before, result


SCENARIOS = {
    # name: (role, purpose, contacts totalCount, extra contact fields, pinned statements)
    "sales": ("sales", "sales", False, "", BASE_STATEMENTS),
    "sales+totalCount": ("sales", "sales", True, "", BASE_STATEMENTS + 1),
    # dpo for sales: sensitive notes need explicit consent, one statement for the page's consents,
    # and one for the data keys of the page's contacts (encrypted at rest, data/sealed.py).
    "dpo+sensitiveNotes": ("dpo", "sales", False, "sensitiveNotes", BASE_STATEMENTS + 2),
    "dpo+sensitiveNotes+totalCount": ("dpo", "sales", True, "sensitiveNotes", BASE_STATEMENTS + 3),
    # dpo for legal compliance: no consent needed, so no consent statement; one INSERT of the
    # page's disclosure records (schema/disclosures.py), whatever the page size; the data keys.
    "dpo+legal_compliance": ("dpo", "legal_compliance", False, "sensitiveNotes",
                             BASE_STATEMENTS + 2),
}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
async def test_statements_and_enforce_calls_do_not_grow_with_page_size(gql, app, dataset, scenario):
    _tenant, tokens = dataset
    role, purpose, total, extra, pinned = SCENARIOS[scenario]
    query = LIST % {"total": "totalCount" if total else "", "extra": extra}
    engine = app.state.engine

    measured = {}
    for first in (5, 100):
        # Contacts without explicit consent for sales: sensitiveNotes null with CONSENT_REQUIRED.
        expected_codes = {"CONSENT_REQUIRED"} if extra and purpose == "sales" else set()
        queries, enforce_calls, result = await _measure(gql, engine, query, first, tokens[role],
                                                        purpose, expected_codes)
        edges = result["data"]["contacts"]["edges"]
        assert len(edges) == first
        assert all(len(e["node"]["interactions"]["edges"]) == 5 for e in edges)
        assert all(e["node"]["interactions"]["totalCount"] == INTERACTIONS_PER_CONTACT
                   for e in edges)
        if total:
            assert result["data"]["contacts"]["totalCount"] == CONTACTS
        if extra:
            notes = {e["node"]["sensitiveNotes"] for e in edges}
            assert notes == ({"allergic to peanuts", None} if purpose == "sales"
                             else {"allergic to peanuts"})
        measured[first] = (queries, enforce_calls)

    (small, small_calls), (large, large_calls) = measured[5], measured[100]
    assert len(small) == len(large), f"N=5:\n{small.pretty()}\n\nN=100:\n{large.pretty()}"
    assert len(large) == pinned, large.pretty()
    # Decisions are memoized per process: once warm, a request evaluates no Casbin line at all.
    assert small_calls == large_calls == 0


async def test_counter_counts_each_statement_once(app, dataset):
    """The counter itself: raw SQL, `.values()`, `.count()`, model instances, one each."""
    tenant, _tokens = dataset
    from tortoise import connections

    client = type(connections.get("default"))
    with count_queries() as queries:
        await Contact.filter(tenant_id=tenant.id).count()
        await Contact.filter(tenant_id=tenant.id).limit(2).values("id")
        await Contact.filter(tenant_id=tenant.id).first()
        await Contact.filter(tenant_id=tenant.id).limit(2)
        await connections.get("default").execute_query_dict("SELECT 1 AS one")
    assert len(queries) == 5, queries.pretty()
    # The patch is gone once the last counter closes.
    assert not getattr(client.execute_query, "__salesplus_counted__", False)
    with count_queries() as outside:
        pass
    await Contact.filter(tenant_id=tenant.id).count()
    assert len(outside) == 0


async def test_a_list_fetches_the_columns_it_returns_and_no_others(gql, dataset):
    """Contacts and their nested interactions: the structural columns and those of the selected
    readable fields only (data/columns.py `selected_columns`; a nested object's field, such as
    `location`, reads its columns together), from the catalog."""
    from data.columns import structural_columns  # noqa: PLC0415
    from models.personal import api_groups, catalog  # noqa: PLC0415

    _tenant, tokens = dataset
    query = LIST % {"total": "", "extra": ""}
    with count_queries() as queries:
        result = await gql(query, {"first": 5}, token=tokens["sales"], purpose="sales")
    assert not result.get("errors")
    selected = {Contact: {"first_name", "email", "location"},
                Interaction: {"kind", "subject", "occurred_at"}}
    for model, fields in selected.items():
        wanted = {c.column for name in fields for c in api_groups(model)[name]}
        table = f'FROM "{model._meta.db_table}"' if model is Contact \
            else f"FROM {model._meta.db_table} t"
        (statement,) = [sql for sql in queries.statements if table in sql]
        for column in (*catalog(model), *structural_columns(model)):
            name = getattr(column, "column", column)
            if name in structural_columns(model) or name in wanted:
                assert f'"{name}"' in statement, (name, statement)
            else:
                assert f'"{name}"' not in statement, (name, statement)
