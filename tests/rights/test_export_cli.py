"""`salesplus export` writes the same document as exportContactData (validated against the
published schema), to a file readable by its owner only or to standard output."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

from tests.rights.support import EXPORT_SCHEMA

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = {"tenants": [{
    "slug": "exporter", "name": "Exporter Ltd",
    "subscriptionTopics": [{"topic": "newsletter", "optOut": True}],
    "contacts": [{
        "externalRef": "ada", "firstName": "Ada", "lastName": "Archer", "email": "ada@example.com",
        "location": {"city": "Lyon", "country": "FR"},
        "consents": [{"purpose": "marketing", "status": "GRANTED", "source": "web-form",
                      "at": "2026-01-01T00:00:00Z"}],
        "objections": ["analytics"],
        "subscriptions": [{"topic": "newsletter", "subscribed": True}],
        "interactions": [{"kind": "CALL", "occurredAt": "2026-02-01T10:00:00Z",
                          "direction": "OUTBOUND", "subject": "Follow-up", "content": "Called"}],
        "financials": [{"kind": "INVOICE", "amount": "120.00", "currency": "EUR",
                        "occurredAt": "2026-02-03T00:00:00Z", "status": "PAID"}],
    }],
}]}


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "cli", *args], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)


def test_export_writes_the_documented_json(tmp_path):
    (tmp_path / "data.json").write_text(json.dumps(DOCUMENT))
    assert _run(tmp_path, "import", "data.json").returncode == 0

    done = _run(tmp_path, "export", "--tenant", "exporter", "--external-ref", "ada",
                "--output", "ada.json")
    assert done.returncode == 0, done.stderr
    assert "to ada.json (1 interactions)" in done.stderr
    path = tmp_path / "ada.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # personal data: the owner's only
    document = json.loads(path.read_text())
    Draft202012Validator(EXPORT_SCHEMA, format_checker=FormatChecker()).validate(document)
    assert document["contact"]["email"] == "ada@example.com"
    assert document["contact"]["location"]["city"] == "Lyon"
    assert [(c["purpose"], c["capturedAt"]) for c in document["consents"]] == [
        ("marketing", "2026-01-01T00:00:00+00:00")]
    assert [o["purpose"] for o in document["objections"]] == ["analytics"]
    assert [i["subject"] for i in document["interactions"]] == ["Follow-up"]
    assert [(f["kind"], f["amount"]) for f in document["financials"]] == [("INVOICE", "120.00")]

    by_id = _run(tmp_path, "export", "--tenant", "exporter", "--contact", document["contact"]["id"])
    assert by_id.returncode == 0
    assert json.loads(by_id.stdout)["contact"] == document["contact"]


def test_export_errors_are_one_line(tmp_path):
    (tmp_path / "data.json").write_text(json.dumps(DOCUMENT))
    assert _run(tmp_path, "import", "data.json").returncode == 0
    for args, message in [
        (("--tenant", "nowhere", "--contact", "1"), "no tenant with slug 'nowhere'"),
        (("--tenant", "exporter", "--contact", "999"), "tenant 'exporter' has no contact with id 999"),
        (("--tenant", "exporter", "--external-ref", "bob"), "no contact with externalRef 'bob'"),
        (("--tenant", "exporter"), "exactly one of --contact ID and --external-ref REF"),
    ]:
        result = _run(tmp_path, "export", *args)
        assert result.returncode == 1, args
        assert message in result.stderr and "Traceback" not in result.stderr


def test_export_is_listed_and_has_help():
    from click.testing import CliRunner  # noqa: PLC0415

    from cli.main import cli  # noqa: PLC0415

    assert "  export " in CliRunner().invoke(cli, ["--help"]).output
    result = CliRunner().invoke(cli, ["export", "--help"])
    assert result.exit_code == 0 and "--external-ref REF" in result.output
