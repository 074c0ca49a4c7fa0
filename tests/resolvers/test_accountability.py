"""breachScope and incidents over GraphQL: the dpo's under legal_compliance, every other role and
purpose refused, the incident's path and clock, audited, tenant-bound."""

from datetime import datetime, timedelta, timezone

import pytest

from audit import chain, commit
from models import AuditEvent, Incident
from schema import Mutation, Query
from tests.support.activity import codes

LEGAL = "legal_compliance"
SCOPE_FIELDS = ("principal events dataSubjects records contactIds reachedWithoutData "
                "categories { category dataSubjects } operations { operation events } "
                "chain { ok checkedFromSeq checkedToSeq eventsChecked breaks { seq reason } }")
INCIDENT_FIELDS = ("id title status openedAt openedBy hoursSinceOpening scopeAttachedAt "
                   f"controllerNotifiedAt hoursToNotification closedAt scope {{ {SCOPE_FIELDS} }}")
SCOPE = ("query($t: ID, $p: String, $s: DateTime, $u: DateTime) { breachScope(tokenId: $t, "
         f"principal: $p, since: $s, until: $u) {{ {SCOPE_FIELDS} }} }}")
OPERATIONS = {  # every dpo-only root field of resolvers/accountability.py, with valid arguments
    "breachScope": (SCOPE, {}),
    "incidents": ("query { incidents { id } }", {}),
    "openIncident": ('mutation { openIncident(title: "Laptop stolen") { id } }', {}),
    "attachBreachScope": ('mutation { attachBreachScope(incidentId: "1") { id } }', {}),
    "recordControllerNotified": ('mutation { recordControllerNotified(incidentId: "1") { id } }', {}),
    "closeIncident": ('mutation { closeIncident(incidentId: "1") { id } }', {}),
}


def test_every_accountability_field_is_covered_here():
    from strawberry.types.base import get_object_definition

    from schema import schema

    declared = {schema.config.name_converter.get_graphql_name(f) for root in (Query, Mutation) for f in get_object_definition(root).fields
                if f.base_resolver and f.base_resolver.wrapped_func.__module__ == "resolvers.accountability"}
    assert declared == set(OPERATIONS) | {"subprocessorRegister", "acknowledgeSubprocessorRegister"}


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@pytest.mark.parametrize(("role", "purpose", "code"), [
    ("admin", "sales", "FORBIDDEN"), ("admin", LEGAL, "PURPOSE_NOT_ALLOWED"),
    ("sales", "sales", "FORBIDDEN"), ("support", "support", "FORBIDDEN"),
    ("marketing", "marketing", "FORBIDDEN"), ("analyst", "analytics", "FORBIDDEN"),
    ("finance", "billing", "FORBIDDEN"), ("dpo", "sales", "FORBIDDEN"),
    ("dpo", None, "PURPOSE_REQUIRED"), (None, LEGAL, "UNAUTHENTICATED"),
])
async def test_only_the_dpo_under_legal_compliance(gql, factory, operation, role, purpose, code):
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, role) if role else None
    query, variables = OPERATIONS[operation]
    assert codes(await gql(query, variables, token=token, purpose=purpose)) == [code]
    assert not await Incident.filter(tenant_id=tenant.id).exists()


async def test_breach_scope_of_a_token_over_graphql(gql, factory):
    tenant = await factory.tenant()
    dpo = await factory.login_as(tenant, "dpo")
    since = datetime.now(timezone.utc)
    for page in (range(1, 11), range(11, 21)):
        await commit.record(tenant.id, chain.Entry("token:5", "sales", "query contacts", list(page),
                                                  ["contact_details", "financial"], [], []))
    until = datetime.now(timezone.utc)
    result = await gql(SCOPE, {"t": "5", "s": since.isoformat(), "u": until.isoformat()},
                       token=dpo, purpose=LEGAL)
    scope = result["data"]["breachScope"]
    assert scope["principal"] == "token:5"
    assert (scope["dataSubjects"], scope["records"], scope["events"]) == (20, 40, 2)
    assert scope["contactIds"] == [str(n) for n in range(1, 21)]
    assert scope["categories"] == [{"category": "contact_details", "dataSubjects": 20},
                                   {"category": "financial", "dataSubjects": 20}]
    assert scope["chain"]["ok"] is True


async def test_a_broken_chain_and_bad_input_are_answered(gql, factory):
    tenant = await factory.tenant()
    dpo = await factory.login_as(tenant, "dpo")
    await commit.record(tenant.id, chain.Entry("token:5", "sales", "query contacts", [1],
                                              ["identity"], [], []))
    await commit.settle()
    await AuditEvent.filter(tenant_id=tenant.id, seq=1).update(contact_ids=[2])
    scope = (await gql(SCOPE, {"t": "5"}, token=dpo, purpose=LEGAL))["data"]["breachScope"]
    assert scope["chain"]["ok"] is False
    assert scope["chain"]["breaks"][0]["seq"] == 1
    assert codes(await gql(SCOPE, {"t": "x"}, token=dpo, purpose=LEGAL)) == ["BAD_USER_INPUT"]
    assert codes(await gql(SCOPE, {"p": "nobody@example.com"}, token=dpo,
                           purpose=LEGAL)) == ["NOT_FOUND"]
    assert codes(await gql(SCOPE, {"s": "2026-01-01T00:00:00"}, token=dpo,
                           purpose=LEGAL)) == ["BAD_USER_INPUT"]


async def _incident_op(gql, token, name, incident_id, extra=""):
    args = f'incidentId: "{incident_id}"{extra}'
    return await gql(f"mutation {{ {name}({args}) {{ {INCIDENT_FIELDS} }} }}", token=token,
                     purpose=LEGAL)


async def test_an_incident_from_opening_to_closing(gql, factory):
    tenant = await factory.tenant()
    dpo_user = await factory.user(tenant, "dpo")
    dpo = await factory.token(dpo_user)
    await commit.record(tenant.id, chain.Entry("token:9", "sales", "query contacts", [4, 5],
                                              ["identity"], [], []))
    opened = await gql(f'mutation {{ openIncident(title: " Token leaked  on a forum ") '
                       f'{{ {INCIDENT_FIELDS} }} }}', token=dpo, purpose=LEGAL)
    incident = opened["data"]["openIncident"]
    assert (incident["title"], incident["status"], incident["openedBy"]) == (
        "Token leaked on a forum", "OPEN", f"user:{dpo_user.id}")
    assert incident["scope"] is None and 0 <= incident["hoursSinceOpening"] < 1
    # The clock runs from the opening: an incident opened 30 hours ago says so.
    await Incident.filter(id=int(incident["id"])).update(
        opened_at=datetime.now(timezone.utc) - timedelta(hours=30))
    attached = (await _incident_op(gql, dpo, "attachBreachScope", incident["id"],
                                   ', tokenId: "9"'))["data"]["attachBreachScope"]
    assert attached["scope"]["contactIds"] == ["4", "5"] and attached["scopeAttachedAt"]
    assert 30 <= attached["hoursSinceOpening"] < 31
    notified = (await _incident_op(gql, dpo, "recordControllerNotified",
                                   incident["id"]))["data"]["recordControllerNotified"]
    assert notified["status"] == "CONTROLLER_NOTIFIED" and 30 <= notified["hoursToNotification"] < 31
    closed = (await _incident_op(gql, dpo, "closeIncident", incident["id"]))["data"]["closeIncident"]
    assert closed["status"] == "CLOSED" and closed["closedAt"]
    again = await _incident_op(gql, dpo, "closeIncident", incident["id"])
    assert codes(again) == ["BAD_USER_INPUT"]
    listed = await gql("query { incidents { id status } }", token=dpo, purpose=LEGAL)
    assert listed["data"]["incidents"] == [{"id": incident["id"], "status": "CLOSED"}]
    await commit.settle()
    operations = await AuditEvent.filter(tenant_id=tenant.id, principal=dpo_user.subject).order_by(
        "seq").values_list("operation", flat=True)
    assert operations == ["mutation openIncident", "mutation attachBreachScope",
                          "mutation recordControllerNotified", "mutation closeIncident",
                          "mutation closeIncident", "query incidents"]


@pytest.mark.parametrize("title", ["", "   ", "x" * 201])
async def test_a_title_is_needed(gql, factory, title):
    tenant = await factory.tenant()
    dpo = await factory.login_as(tenant, "dpo")
    result = await gql("mutation($t: String!) { openIncident(title: $t) { id } }", {"t": title},
                       token=dpo, purpose=LEGAL)
    assert codes(result) == ["BAD_USER_INPUT"]


async def test_notification_time_must_be_after_opening_and_not_in_the_future(gql, factory):
    tenant = await factory.tenant()
    dpo = await factory.login_as(tenant, "dpo")
    opened = await gql('mutation { openIncident(title: "x") { id } }', token=dpo, purpose=LEGAL)
    incident_id = opened["data"]["openIncident"]["id"]
    for at in ("2020-01-01T00:00:00+00:00", "2099-01-01T00:00:00+00:00"):
        result = await _incident_op(gql, dpo, "recordControllerNotified", incident_id,
                                    f', at: "{at}"')
        assert codes(result) == ["BAD_USER_INPUT"]


async def test_another_tenants_incident_does_not_exist(gql, factory):
    tenant, other = await factory.tenant(), await factory.tenant()
    dpo, other_dpo = await factory.login_as(tenant, "dpo"), await factory.login_as(other, "dpo")
    opened = await gql('mutation { openIncident(title: "x") { id } }', token=dpo, purpose=LEGAL)
    incident_id = opened["data"]["openIncident"]["id"]
    for name in ("attachBreachScope", "recordControllerNotified", "closeIncident"):
        refused = await _incident_op(gql, other_dpo, name, incident_id)
        assert codes(refused) == ["NOT_FOUND"]
    assert (await gql("query { incidents { id } }", token=other_dpo,
                      purpose=LEGAL))["data"]["incidents"] == []
    assert (await Incident.get(id=int(incident_id))).closed_at is None


# -- the sub-processor register -------------------------------------------------------------------
REGISTER = ("query { subprocessorRegister { version recordedAt acknowledgedVersion acknowledgedAt "
            "changedSinceAcknowledged changesSinceAcknowledged { version changes } "
            "subprocessors { name location outsideEea purposes categories safeguards } } }")
ACK = ("mutation($v: Int!) { acknowledgeSubprocessorRegister(version: $v) { version "
       "changedSinceAcknowledged acknowledgedVersion } }")


async def _register(gql, token):
    result = await gql(REGISTER, token=token)
    assert "errors" not in result, result
    return result["data"]["subprocessorRegister"]


async def test_a_register_change_is_seen_until_acknowledged(gql, factory, tmp_path):
    import yaml

    from accountability import subprocessors

    tenant, newcomer = await factory.tenant(), await factory.tenant()
    admin, dpo = await factory.login_as(tenant, "admin"), await factory.login_as(newcomer, "dpo")
    await subprocessors.record_file()
    seen = await _register(gql, admin)
    assert seen["subprocessors"] == [
        {"name": s.name, "location": s.location, "outsideEea": s.outside_eea,
         "purposes": list(s.purposes), "categories": list(s.categories), "safeguards": s.safeguards}
        for s in subprocessors.load().subprocessors]
    acked = (await gql(ACK, {"v": seen["version"]}, token=admin))["data"]
    assert acked["acknowledgeSubprocessorRegister"]["changedSinceAcknowledged"] is False
    assert (await _register(gql, admin))["acknowledgedVersion"] == seen["version"]

    data = yaml.safe_load(subprocessors.REGISTER.read_text())
    data["subprocessors"][1]["location"] = "IN"
    data["subprocessors"].append({**data["subprocessors"][0], "name": "Backup Co"})
    changed = tmp_path / "subprocessors.yaml"
    changed.write_text(yaml.safe_dump(data))
    try:
        version = await subprocessors.record_file(changed)
        now_seen = await _register(gql, admin)
        assert now_seen["version"] == version.number == seen["version"] + 1
        assert now_seen["changedSinceAcknowledged"] is True
        assert now_seen["changesSinceAcknowledged"] == [{"version": version.number, "changes": [
            "added Backup Co", f"changed {data['subprocessors'][1]['name']}: location"]}]
        assert [s["outsideEea"] for s in now_seen["subprocessors"]][1] is True
        # A tenant that never acknowledged sees every version; a stale number is refused.
        fresh = await _register(gql, dpo)
        assert fresh["changedSinceAcknowledged"] and fresh["acknowledgedVersion"] is None
        assert len(fresh["changesSinceAcknowledged"]) == version.number
        assert codes(await gql(ACK, {"v": seen["version"]}, token=admin)) == ["BAD_USER_INPUT"]
        done = (await gql(ACK, {"v": version.number}, token=admin))["data"]
        assert done["acknowledgeSubprocessorRegister"]["changedSinceAcknowledged"] is False
        assert (await _register(gql, dpo))["changedSinceAcknowledged"] is True  # its own ack only
    finally:
        await subprocessors.record_file()  # the repository's register is current again


@pytest.mark.parametrize("role", ["sales", "support", "marketing", "analyst", "finance"])
async def test_the_register_is_for_admin_and_dpo(gql, factory, role):
    token = await factory.login_as(await factory.tenant(), role)
    assert codes(await gql(REGISTER, token=token)) == ["FORBIDDEN"]
    assert codes(await gql(ACK, {"v": 1}, token=token)) == ["FORBIDDEN"]
