"""`salesplus import` at 10,000 and 100,000 contacts (5 interactions and 2 financial records
each, a subscription, a consent for a quarter, an objection for a tenth), on SQLite and
PostgreSQL, each run on a fresh database, as a separate process: wall time and peak RSS, with
the target of issue 11 (100,000 in ≤ 60 s) beside them. Then, on the database the new importer
filled, the acceptance checks: the same file again changes nothing, and a file whose LAST record
fails inside the transaction (an undeclared subscription topic, found only against the
database, so every other record is written first) into a fresh database writes nothing. For comparison the importer of main before issue 11 runs in the same
process conditions (`--old DIR`: a checkout of it, e.g. `git -C /work/main archive <commit> | tar
-x -C DIR`), by default at 10,000 only (at 100,000 it took 134 s / 705 s).

    .venv/bin/python -m bench.import_speed [--contacts 10000 100000] [--old DIR] [--old-sizes 10000]
        [--database-url postgres://postgres@127.0.0.1:5432/bench_imp]

The PostgreSQL database is emptied (its public schema dropped) before every run: give it one of
its own, never the test database. The import runs as production should, as the application's
role `salesplus_app` behind row-level security, the owner migrating."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
TABLES = ("tenant", "contact", "interaction", "financial_record", "consent_record", "objection",
          "contact_purpose_state", "subscription")
TARGET_S = {100_000: 60.0}
APP_ROLE = "salesplus_app"


def contact(i: int) -> dict:
    record = {
        "externalRef": f"imp-{i:07d}", "firstName": f"First{i}", "lastName": f"Last{i}",
        "company": f"Company {i % 500}", "jobTitle": "Buyer", "email": f"person{i}@example.com",
        "phone": f"+33 1 {i:08d}", "address": f"{i} rue de la Paix, Lyon",
        "preferences": {"channel": "EMAIL", "frequency": "MONTHLY"},
        "interests": ["widgets", f"topic{i % 7}"], "requirements": "Delivery on Mondays",
        "commercialProfile": {"businessType": "retail", "purchaseFrequency": "monthly",
                              "annualVolume": str(1000 + i)},
        "location": {"city": "Lyon", "country": "FR", "latitude": 45.76, "longitude": 4.84},
        "competitiveNotes": "Also buys from Globex" if i % 3 == 0 else None,
        "subscriptions": [{"topic": "newsletter", "subscribed": i % 2 == 0}],
        "interactions": [{"kind": ("EMAIL", "CALL", "MEETING", "NOTE")[k % 4],
                          "occurredAt": f"2026-0{1 + k}-0{1 + i % 9}T10:00:00Z",
                          "direction": "INBOUND", "participantsCount": 2,
                          "subject": f"Follow-up {i}.{k}", "content": "Discussed the next order."}
                         for k in range(5)],
        "financials": [{"kind": "INVOICE", "amount": f"{100 + i % 900}.{k}0", "currency": "EUR",
                        "occurredAt": f"2026-0{2 + k}-03T00:00:00+01:00", "status": "PAID"}
                       for k in range(2)],
    }
    if i % 4 == 0:
        record["consents"] = [{"purpose": ("marketing", "surveys", "analytics")[i % 3],
                               "status": "GRANTED", "explicit": i % 8 == 0, "source": "web-form",
                               "at": "2026-01-01T00:00:00Z"}]
    if i % 10 == 0:
        record["objections"] = ["analytics"]
    return record


def write_file(path: Path, contacts: int, *, bad_last: bool = False) -> Path:
    """The document, written record by record (the generator holds one record at a time)."""
    if path.exists():
        return path
    partial = path.with_suffix(".partial")  # renamed when complete: an interrupted run's is not reused
    with partial.open("w") as out:
        out.write('{"tenants": [{"slug": "imp", "name": "Import bench", "subscriptionTopics": '
                  '[{"topic": "newsletter"}], "contacts": [\n')
        for i in range(contacts):
            record = contact(i)
            if bad_last and i == contacts - 1:
                record["subscriptions"] = [{"topic": "undeclared", "subscribed": True}]
            out.write(("," if i else "") + json.dumps(record) + "\n")
        out.write("]}]}\n")
    partial.rename(path)
    return path


class Database:
    """A fresh database per run, and its row counts."""

    def __init__(self, url: str | None, work: Path) -> None:
        self.url, self.work, self.runs = url, work, 0
        self.path = work / "none.db"
        self.env: dict[str, str] = {}

    @property
    def name(self) -> str:
        return "PostgreSQL" if self.url else "SQLite"

    def fresh(self) -> dict[str, str]:
        self.runs += 1
        if self.url is None:
            for old in self.work.glob("import-*.db*"):  # one at a time: 100,000 is ~0.5 GB
                old.unlink()
            self.path = self.work / f"import-{self.runs}.db"
            self.env = {"DATABASE_URL": f"sqlite:///{self.path}"}
        else:
            asyncio.run(self._reset())
            parts = urlsplit(self.url)
            app = urlunsplit(parts._replace(netloc=f"{APP_ROLE}@{parts.netloc.rpartition('@')[2]}"))
            self.env = {"DATABASE_URL": app, "SALESPLUS_MIGRATION_DATABASE_URL": self.url}
        return self.env

    async def _reset(self) -> None:
        import asyncpg  # noqa: PLC0415

        connection = await asyncpg.connect(self.url)
        try:
            await connection.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
            if not await connection.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", APP_ROLE):
                await connection.execute(f"CREATE ROLE {APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS")
        finally:
            await connection.close()

    def counts(self) -> dict[str, int]:
        if self.url is None:
            with sqlite3.connect(self.path) as connection:
                return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                        for t in TABLES}
        return asyncio.run(self._pg_counts())

    async def _pg_counts(self) -> dict[str, int]:
        import asyncpg  # noqa: PLC0415

        connection = await asyncpg.connect(self.url)
        try:
            return {t: await connection.fetchval(f"SELECT count(*) FROM {t}") for t in TABLES}
        finally:
            await connection.close()


def run_import(path: Path, env: dict[str, str], code: Path) -> tuple[float, float, int, str]:
    """`python -m cli import PATH` from the checkout `code`: (seconds, peak RSS in MB, exit
    code, last output line)."""
    full = {**os.environ, **env, "PYTHONPATH": str(code),
            "SALESPLUS_SECRET_KEY": "bench-secret-key-not-for-production",
            "SALESPLUS_DATA_DIR": tempfile.mkdtemp(prefix="salesplus-import-bench-")}
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "cli", "import", str(path)], cwd=code,
                               env=full, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    lines = [line for line in output.strip().splitlines() if line.strip()]
    return elapsed, usage.ru_maxrss / 1024, process.returncode, lines[-1] if lines else ""


def report(database: str, contacts: int, importer: str, seconds: float, rss: float,
           note: str) -> None:
    target = TARGET_S.get(contacts)
    verdict = "" if target is None else (" ok" if seconds <= target else " MISSED")
    target_text = f"≤ {target:.0f} s{verdict}" if target else "-"
    print(f"| {database} | {contacts:,} | {importer} | {seconds:6.1f} s | {rss:6.0f} MB | "
          f"{target_text} | {note} |", flush=True)


def bench(db: Database, contacts: int, files: Path, old: Path | None, old_sizes: set[int]) -> None:
    files.mkdir(parents=True, exist_ok=True)
    good = write_file(files / f"import-{contacts}.json", contacts)
    if old is not None and contacts in old_sizes:
        seconds, rss, code, line = run_import(good, db.fresh(), old)
        report(db.name, contacts, "main before issue 11", seconds, rss,
               "imported" if code == 0 else f"FAILED: {line}")
    seconds, rss, code, line = run_import(good, db.fresh(), ROOT)
    report(db.name, contacts, "set-based", seconds, rss, "imported" if code == 0 else line)
    if code != 0:
        return
    before = db.counts()
    seconds, rss, code, line = run_import(good, db.env, ROOT)
    same = code == 0 and line.endswith(f": {contacts} contacts unchanged.") \
        and db.counts() == before
    report(db.name, contacts, "set-based, same file again", seconds, rss,
           "nothing changed" if same else f"CHANGED: {line}")
    bad = write_file(files / f"import-{contacts}-bad-last.json", contacts, bad_last=True)
    # On a fresh database: every record but the last is written before the last one fails.
    seconds, rss, code, line = run_import(bad, db.fresh(), ROOT)
    named = f"tenants[0].contacts[{contacts - 1}].subscriptions[0].topic" in line
    empty = set(db.counts().values()) == {0}
    report(db.name, contacts, "set-based, bad last record, fresh database", seconds, rss,
           "nothing written, record named" if code != 0 and named and empty else f"WRONG: {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--database-url", help="PostgreSQL (its own database: it is emptied)")
    parser.add_argument("--sqlite", action=argparse.BooleanOptionalAction, default=True,
                        help="also run on SQLite (default: yes)")
    parser.add_argument("--old", type=Path, help="a checkout of the importer before issue 11")
    parser.add_argument("--old-sizes", type=int, nargs="*", default=[10_000])
    parser.add_argument("--files", type=Path, default=Path(tempfile.gettempdir()),
                        help="where the generated files are kept (reused when present)")
    args = parser.parse_args()
    databases = ([None] if args.sqlite else []) + ([args.database_url] if args.database_url else [])
    print("| database | contacts | importer | wall | peak RSS | target | result |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="salesplus-import-bench-") as work:
        for url in databases:
            for contacts in args.contacts:
                bench(Database(url, Path(work)), contacts, args.files, args.old,
                      set(args.old_sizes))


if __name__ == "__main__":
    main()
