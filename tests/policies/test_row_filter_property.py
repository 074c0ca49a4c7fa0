"""policy.md §6: the SQL row filter (`contact_filter`) and the per-object decision (`contact_denial`)
agree, for every built-in purpose, on random contacts; and the derived per-purpose state is the
latest record of the consent history (latest by captured_at, then id).

pytest-asyncio runs `@given` on an async test: it wraps Hypothesis' inner test so that every
example runs to completion on the session loop (EXAMPLES counts them; see the last test)."""

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import ConsentRecord, Contact, ContactPurposeState
from policies.decision import Access, Principal
from policies.vocabulary import ConsentStatus, ErrorCode, Purpose
from resolvers.loaders import CONTACT_COLUMNS
from models.consent import record_consent, record_objection

PURPOSES = [p.value for p in Purpose]
T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
EXAMPLES: list[int] = []

# One consent record: status, explicit flag, and a time offset drawn from a small range, so that
# histories arrive out of order and often share a timestamp (the id then decides).
record = st.tuples(st.sampled_from([s.value for s in ConsentStatus]), st.booleans(),
                   st.integers(min_value=0, max_value=4))
purpose_history = st.fixed_dictionaries({
    "records": st.lists(record, max_size=4),
    "objected": st.booleans(),
})
contact_spec = st.fixed_dictionaries({
    "restricted": st.booleans(),
    "erased": st.sampled_from([False, False, False, True]),
    "purposes": st.dictionaries(st.sampled_from(PURPOSES), purpose_history, max_size=4),
})


def expected_visible(spec: dict, purpose: str) -> bool:
    """policy.md §2 and §4 rule 5, written out independently of policy.csv."""
    if spec["erased"]:
        return False
    if purpose == "legal_compliance":
        return True
    if spec["restricted"]:
        return False
    history = spec["purposes"].get(purpose, {"records": [], "objected": False})
    basis = {"sales": "li", "analytics": "li", "fraud_prevention": "li", "support": "contract",
             "billing": "contract", "marketing": "consent", "surveys": "consent"}[purpose]
    if basis == "contract":
        return True
    if history["objected"]:
        return False
    if basis == "li":
        return True
    latest = max(enumerate(history["records"]), key=lambda ir: (ir[1][2], ir[0]), default=None)
    return latest is not None and latest[1][0] == "GRANTED"


async def make_contacts(tenant, specs: list[dict]) -> dict[int, dict]:
    by_id = {}
    for spec in specs:
        contact = await Contact.create(tenant=tenant, last_name="x",
                                       processing_restricted=spec["restricted"],
                                       erased_at=T0 if spec["erased"] else None)
        for purpose, history in spec["purposes"].items():
            for status, explicit, offset in history["records"]:
                await record_consent(contact, purpose=purpose, status=status, explicit=explicit,
                                     source="property", evidence=None,
                                     captured_at=T0 + timedelta(minutes=offset), recorded_by_id=None)
            if history["objected"]:
                await record_objection(contact, purpose=purpose, source="property",
                                       recorded_by_id=None)
        by_id[contact.id] = spec
    return by_id


async def check_state_is_latest_record(contact_id: int, purpose: str, spec: dict) -> None:
    state = await ContactPurposeState.get_or_none(contact_id=contact_id, purpose=purpose)
    latest = await ConsentRecord.filter(contact_id=contact_id, purpose=purpose).order_by(
        "-captured_at", "-id").first()
    history = spec["purposes"].get(purpose) or {"records": [], "objected": False}
    if not history["records"] and not history["objected"]:
        assert state is None
        return
    assert state is not None
    assert state.objected == history["objected"]
    if latest is None:
        assert state.consent is None and not state.explicit
    else:
        assert state.consent == latest.status
        assert state.explicit == (latest.explicit and latest.status == "GRANTED")
    expected_basis = ("objected" if history["objected"] else
                      {None: "none", "GRANTED": "granted", "WITHDRAWN": "withdrawn"}[state.consent])
    assert state.basis_state == expected_basis


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(specs=st.lists(contact_spec, min_size=1, max_size=6))
async def test_row_filter_agrees_with_per_object_decision(factory, specs):
    tenant = await factory.tenant()
    dpo = await factory.user(tenant, "dpo")
    principal = Principal(dpo.subject, tenant.id, dpo.id)
    by_id = await make_contacts(tenant, specs)

    for purpose in PURPOSES:
        access = Access(factory.engine, principal, purpose, legal_reference="property-test")
        filtered = set(await access.visible_contacts().values_list("id", flat=True))
        rows = await Contact.filter(id__in=list(by_id)).values(*CONTACT_COLUMNS)
        decided, expected = set(), set()
        for row in rows:
            state = await ContactPurposeState.get_or_none(tenant_id=tenant.id, contact_id=row["id"],
                                                          purpose=purpose)
            denial = access.contact_denial(row, state)
            if denial is None:
                decided.add(row["id"])
            elif by_id[row["id"]]["erased"]:
                assert denial.code is ErrorCode.NOT_FOUND
            elif by_id[row["id"]]["restricted"]:
                assert denial.code is ErrorCode.PROCESSING_RESTRICTED
            else:
                assert denial.code is ErrorCode.CONSENT_REQUIRED
            if expected_visible(by_id[row["id"]], purpose):
                expected.add(row["id"])
            await check_state_is_latest_record(row["id"], purpose, by_id[row["id"]])
        assert filtered == decided, (purpose, filtered, decided)
        assert decided == expected, (purpose, decided, expected)
    EXAMPLES.append(len(specs))  # only once the whole body ran


def test_the_property_ran_its_examples(request):
    """Runs after the property test of this module: a wrapper that never awaited the body would
    leave EXAMPLES empty and the property vacuously true."""
    if not any(item.name == "test_row_filter_agrees_with_per_object_decision"
               for item in request.session.items):
        pytest.skip("the property test was not selected")
    assert len(EXAMPLES) >= 20, EXAMPLES
