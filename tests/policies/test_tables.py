"""The decision tables of policies/tests/: one test per row, the request's decision point agreeing
with every row, full coverage of policy.md §5, and `salesplus policy test` failing by row."""

import itertools
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from cli.main import cli
from policies.adapter import BUILTIN_POLICY
from policies.decision import Access, Principal
from policies.errors import CodedError
from policies.tables import HOME, MISSING, NO_CONTACT, discover, engine_for, load, principal_of, question
from policies.verdict import judge
from policies.vocabulary import ADMINISTRATION, Action, Category, Resource

TABLES = {path.name: load(path) for path in discover()}
ROWS = [row for table in TABLES.values() for row in table.rows]
_engines: dict = {}


async def engine_of(row):
    name = Path(row.file).name
    if name not in _engines:
        _engines[name] = await engine_for(TABLES[name])
    return _engines[name]


@pytest.mark.parametrize("row", ROWS, ids=[f"{Path(r.file).name}:{r.line}" for r in ROWS])
async def test_row(row):
    actual = judge(await engine_of(row), question(row))
    got = ("allow", "") if actual.allowed else ("deny", actual.code.value)
    assert got == (row.decision, row.code), f"{row}: {actual.reason}"


# -- the decision point of a request agrees with every row ----------------------------------------
def _enum(value, *kinds):
    for kind in kinds:
        if value in {member.value for member in kind}:
            return kind(value)
    return None


def access_code(engine, row) -> str:
    """The row asked of `Access`, the object every resolver asks, combining its methods as the
    resolvers do: rules 2 and 3, then 4 (`require`), 5 (`contact_denial`), 6 (`special_allowed`)."""
    principal = principal_of(row.principal)
    who = Principal(principal.subject, HOME, scope=principal.scope) if principal.subject else None
    access = Access(engine, who, row.purpose, legal_reference="TABLE-REFERENCE")
    obj, action = _enum(row.object, Category, Resource), Action(row.action)
    try:
        access.principal
        contact = state = None
        if row.state != NO_CONTACT:
            restricted = row.state == "restricted"
            contact = None if row.state == MISSING else {
                "id": 1, "tenant_id": int(row.tenant), "erased_at": None,
                "processing_restricted": restricted}
            state = SimpleNamespace(objected=row.state == "objected", explicit=row.state == "explicit",
                                    consent={"granted": "GRANTED", "explicit": "GRANTED",
                                             "withdrawn": "WITHDRAWN"}.get(row.state))
            if contact is None or contact["tenant_id"] != HOME:
                raise access.contact_denial(contact, state)
        if row.purpose == ADMINISTRATION:
            access.require_administration(obj, action)
            return "allow"
        access.purpose
        if obj is not None:
            access.require(obj, action)
        if contact is not None:
            denial = access.contact_denial(contact, state)
            if denial:
                raise denial
            if (action is Action.READ and obj is not None and obj.value in access.special_categories
                    and not access.special_allowed(obj, row.state == "explicit")):
                return "CONSENT_REQUIRED"
        return "allow"
    except CodedError as error:
        return error.code.value


AGREEMENT = [row for name in ("default.csv", "resources.csv", "tokens.yaml", "tenant_rules.yaml")
             for row in TABLES[name].rows if row.object == "-" or _enum(row.object, Category, Resource)]


async def test_access_decides_every_row_as_the_table_says():
    disagreements = []
    for row in AGREEMENT:
        code = access_code(await engine_of(row), row)
        if code != (row.code or "allow"):
            disagreements.append(f"{Path(row.file).name}:{row.line} {row}: Access says {code}")
    assert len(AGREEMENT) > 7000
    assert disagreements == []


# -- the default table is the whole of policy.md §5 ----------------------------------------------
def test_default_table_covers_every_cell():
    roles = ("admin", "sales", "support", "marketing", "analyst", "finance", "dpo")
    purposes = ("sales", "support", "billing", "marketing", "surveys", "analytics",
                "fraud_prevention", "legal_compliance")
    states = ("none", "granted", "withdrawn", "objected", "restricted", "explicit")
    cells = [(r.principal, r.purpose, r.object, r.action, r.state) for r in TABLES["default.csv"].rows]
    assert len(cells) == len(set(cells))
    assert set(cells) == set(itertools.product(roles, purposes, [c.value for c in Category],
                                               ("read", "write"), states))


def test_default_table_says_what_the_spec_says():
    """Spot checks written from policy.md, against edits of the table that follow a wrong policy."""
    rows = {(r.principal, r.purpose, r.object, r.action, r.state): (r.decision, r.code)
            for r in TABLES["default.csv"].rows}
    assert rows["analyst", "analytics", "identity", "read", "granted"] == ("deny", "FORBIDDEN")
    assert rows["admin", "sales", "sensitive", "read", "explicit"] == ("deny", "FORBIDDEN")
    assert rows["admin", "legal_compliance", "identity", "read", "none"] == ("deny", "PURPOSE_NOT_ALLOWED")
    assert rows["dpo", "legal_compliance", "sensitive", "read", "restricted"] == ("allow", "")
    assert rows["dpo", "sales", "sensitive", "read", "granted"] == ("deny", "CONSENT_REQUIRED")
    assert rows["marketing", "marketing", "contact_details", "read", "none"] == (
        "deny", "CONSENT_REQUIRED")
    assert rows["sales", "sales", "identity", "read", "objected"] == ("deny", "CONSENT_REQUIRED")
    assert rows["support", "support", "identity", "read", "objected"] == ("allow", "")
    assert rows["finance", "billing", "financial", "write", "restricted"] == ("deny", "PROCESSING_RESTRICTED")


# -- the command ----------------------------------------------------------------------------------
def test_command_passes_on_the_default_tables():
    result = CliRunner().invoke(cli, ["policy", "test"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == f"{len(ROWS)} passed, 0 failed"


def test_command_fails_naming_the_row_when_a_policy_line_is_changed(tmp_path):
    text = BUILTIN_POLICY.read_text()
    line = "p, finance, *, financial, write, billing, allow"
    assert text.count(line) == 1
    broken = tmp_path / "policy.csv"
    broken.write_text(text.replace(line, "p, finance, *, financial, write, sales, allow"))
    result = CliRunner().invoke(cli, ["policy", "test", "--policy", str(broken)])
    assert result.exit_code == 1
    failures = [line for line in result.output.splitlines() if line.startswith("FAIL")]
    # billing: 6 states lose the grant; sales: finance holds no sales purpose, so nothing gains
    assert len(failures) == 6, result.output
    first = TABLES["default.csv"].rows
    expected_line = next(r.line for r in first if (r.principal, r.purpose, r.object, r.action, r.state)
                         == ("finance", "billing", "financial", "write", "none"))
    assert failures[0] == (f"FAIL  policies/tests/default.csv:{expected_line}: finance | tenant 1 | "
                           "billing | financial | write | none: expected allow, got deny FORBIDDEN")
    assert result.output.splitlines()[-1] == f"{len(ROWS) - 6} passed, 6 failed"


def test_command_reports_a_malformed_table(tmp_path):
    table = tmp_path / "bad.csv"
    table.write_text("principal,tenant,purpose,object,action,state,decision,code\n"
                     "admin,1,sales,identity,read,none,maybe,\n")
    result = CliRunner().invoke(cli, ["policy", "test", str(table)])
    assert result.exit_code == 1
    assert f"{table}:2: decision must be allow or deny" in result.output


def test_explain_command_reads_the_database(tmp_path):
    """`salesplus policy explain` in a subprocess (it opens a database of its own)."""
    import json
    import os
    import subprocess
    import sys

    data = {"tenants": [{"slug": "shop", "name": "Shop",
                         "users": [{"email": "sam@shop.example", "password": "pw", "roles": ["sales"]}],
                         "contacts": [{"externalRef": "c-1", "firstName": "Ada"}]}]}
    (tmp_path / "data.json").write_text(json.dumps(data))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
           "PYTHONPATH": str(Path(__file__).resolve().parents[2])}

    def salesplus(*args):
        done = subprocess.run([sys.executable, "-m", "cli", *args], env=env, cwd=tmp_path,
                              capture_output=True, text=True, timeout=120)
        return done.returncode, done.stdout + done.stderr

    assert salesplus("import", "data.json")[0] == 0
    explain = ("policy", "explain", "--tenant", "shop", "--principal", "sam@shop.example",
               "--contact", "1")
    code, output = salesplus(*explain, "--field", "firstName", "--purpose", "sales")
    assert code == 0, output
    lines = output.splitlines()
    assert lines[0] == "allowed"
    assert "  p, sales, *, identity, read, sales, allow" in lines
    code, output = salesplus(*explain, "--field", "sensitiveNotes", "--purpose", "sales")
    assert output.splitlines()[:2] == ["denied: FORBIDDEN", "Rule 4: no role may read sensitive "
                                       "for 'sales'."]
    code, output = salesplus(*explain, "--field", "email", "--purpose", "marketing")
    assert output.splitlines()[0] == "denied: PURPOSE_NOT_ALLOWED"
    code, output = salesplus(*explain, "--field", "noSuchField", "--purpose", "sales")
    assert code == 1 and "Contact has no field 'noSuchField'" in output
