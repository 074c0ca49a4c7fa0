"""Benchmark: export and erasure of one contact with 10,000 interactions, beside a plain fetch of
the same rows.

    .venv/bin/python -m bench.dsr_cost [--database-url URL] [--interactions 10000] [--rounds 5]

Per round, two fresh contacts of one tenant, each with N interactions (plus a few consents,
financial records, subscriptions and a change history), and:

  fetch        Interaction.filter(contact).values(every column): the plain baseline
  fetch_json   the same + json.dumps (datetimes as ISO strings), as a response would need
  export_fn    rights.export.export_contact + json.dumps (no GraphQL, no policy)
  export       exportContactData over HTTP (httpx.ASGITransport, the real app: session lookup,
               policy, audit event, disclosure record), as the dpo under legal_compliance
  erase        eraseContact over HTTP, on the contact just exported (one transaction)
  delete       Interaction.filter(contact).delete() on the second contact: the plain baseline
               of erasure's biggest statement

Rounds rotate the order of the read variants; the table gives medians (and min–max over the
rounds), the ratio to `fetch`, and the SQL statements of one call. Target: export and erase
≤ 1 s each on SQLite. Absolute times depend on the machine; ratios much less."""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import secrets
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone

REFERENCE = "bench: DSR 1/2026"
EXPORT = "mutation($c: ID!) { exportContactData(contactId: $c) }"
ERASE = "mutation($c: ID!) { eraseContact(contactId: $c) { erasedAt erasedRecords { kind count } } }"


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.dsr_cost", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="default: a temporary SQLite file; for PostgreSQL a "
                        "database of its own (never the test database)")
    parser.add_argument("--interactions", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    return parser.parse_args(argv)


async def _person(tenant_id: int, n: int, i: int) -> int:
    from decimal import Decimal  # noqa: PLC0415

    from models import Contact, ContactChange, FinancialRecord, Interaction, Subscription  # noqa: PLC0415
    from models.consent import record_consent  # noqa: PLC0415

    contact = await Contact.create(tenant_id=tenant_id, external_ref=f"dsr-{i}-{secrets.token_hex(4)}",
                                   first_name=f"First{i}", last_name=f"Last{i}", email=f"p{i}@example.com",
                                   company="Acme", city="Lyon", country="FR")
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    await Interaction.bulk_create([
        Interaction(tenant_id=tenant_id, contact_id=contact.id, kind="EMAIL", direction="INBOUND",
                    occurred_at=start + timedelta(minutes=k), participants_count=2,
                    subject=f"Follow-up {k}", content="Discussed the next order in some detail.")
        for k in range(n)], batch_size=1000)
    for k, purpose in enumerate(("marketing", "surveys", "sales")):
        await record_consent(contact, purpose=purpose, status="GRANTED", explicit=False,
                             source="bench", evidence=None, captured_at=start + timedelta(days=k),
                             recorded_by_id=None)
    await FinancialRecord.bulk_create([
        FinancialRecord(tenant_id=tenant_id, contact_id=contact.id, kind=kind, amount=Decimal("99.00"),
                        currency="EUR", occurred_at=start, status="PAID", description="Widgets")
        for kind in ("INVOICE", "PAYMENT", "DEAL", "SUBSCRIPTION") for _ in range(5)])
    await Subscription.create(tenant_id=tenant_id, contact_id=contact.id, topic="newsletter")
    await ContactChange.create(tenant_id=tenant_id, contact_id=contact.id, kind="RECTIFICATION",
                               changes={"first_name": ["Old", f"First{i}"]})
    return contact.id


async def _dpo_token(engine, tenant) -> str:
    from auth.sessions import SESSION_PREFIX, token_digest  # noqa: PLC0415
    from models import Session, User  # noqa: PLC0415

    user = await User.create(tenant_id=tenant.id, email="dpo@bench.example", password_hash="!")
    await engine.assign_role(user.subject, "dpo", tenant.domain)
    token = f"{SESSION_PREFIX}bench-{secrets.token_urlsafe(16)}"
    await Session.create(tenant_id=tenant.id, user_id=user.id, token_hash=token_digest(token),
                         expires_at=datetime.now(timezone.utc) + timedelta(hours=6))
    return token


async def _post(client, headers, query: str, contact_id: int) -> bytes:
    response = await client.post("/graphql", json={"query": query, "variables": {"c": str(contact_id)}},
                                 headers=headers)
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"{query.split('(')[0]} failed: {response.text[:300]}")
    return response.content


async def _timed(work) -> tuple[float, object]:
    started = time.perf_counter()
    result = await work()
    return time.perf_counter() - started, result


async def run(args: argparse.Namespace) -> int:
    tmp = tempfile.mkdtemp(prefix="salesplus-bench-")
    os.environ.setdefault("SALESPLUS_SECRET_KEY", "bench-secret-key-not-for-production")
    os.environ.setdefault("SALESPLUS_DATA_DIR", tmp)
    os.environ["SALESPLUS_ENV"] = "production"
    database_url = args.database_url or f"sqlite://{tmp}/bench.db"
    os.environ["DATABASE_URL"] = database_url

    import httpx  # noqa: PLC0415
    from rich.console import Console  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    from config import load_settings  # noqa: PLC0415
    from models import Interaction, SubscriptionTopic, Tenant  # noqa: PLC0415
    from resolvers.loaders import row_columns  # noqa: PLC0415
    from rights.export import export_contact  # noqa: PLC0415
    from server import create_app  # noqa: PLC0415
    from tests.support.query_counter import count_queries  # noqa: PLC0415

    console = Console(width=None if sys.stdout.isatty() else 120)
    app = create_app(load_settings())
    times: dict[str, list[float]] = {k: [] for k in ("fetch", "fetch_json", "export_fn", "export",
                                                      "erase", "delete")}
    statements: dict[str, int] = {}
    async with app.router.lifespan_context(app):
        tenant = await Tenant.create(slug=f"dsr-bench-{secrets.token_hex(4)}", name="DSR bench")
        await SubscriptionTopic.create(tenant_id=tenant.id, topic="newsletter", opt_out=True)
        headers = {"Authorization": f"Bearer {await _dpo_token(app.state.engine, tenant)}",
                   "X-Purpose": "legal_compliance", "X-Legal-Reference": REFERENCE}
        columns = row_columns(Interaction)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://bench") as client:
            for round_no in range(args.rounds + 1):  # round 0 warms up, untimed
                built = time.perf_counter()
                target = await _person(tenant.id, args.interactions, 2 * round_no)
                other = await _person(tenant.id, args.interactions, 2 * round_no + 1)
                if round_no == 0:
                    console.print(f"two contacts x {args.interactions} interactions built in "
                                  f"{time.perf_counter() - built:.1f} s ({database_url.split('://')[0]})")
                variants = {
                    "fetch": lambda: _fetch(Interaction, tenant.id, target, columns, False),
                    "fetch_json": lambda: _fetch(Interaction, tenant.id, target, columns, True),
                    "export_fn": lambda: _export_fn(export_contact, tenant.id, target),
                    "export": lambda: _post(client, headers, EXPORT, target),
                }
                shift = round_no % len(variants)
                order = list(variants)[shift:] + list(variants)[:shift]
                gc.collect()
                for name in order:
                    elapsed, _ = await _timed(variants[name])
                    if round_no:
                        times[name].append(elapsed)
                if round_no == 0:
                    exported = json.loads(await variants["export"]())["data"]["exportContactData"]
                    if len(exported["interactions"]) != args.interactions:
                        raise RuntimeError("the export does not hold every interaction")
                    for name, work in variants.items():
                        with count_queries() as log:
                            await work()
                        statements[name] = len(log)
                gc.collect()
                with count_queries() as log:
                    elapsed, _ = await _timed(lambda: _post(client, headers, ERASE, target))
                statements["erase"] = len(log)
                with count_queries() as log:
                    deleted, _ = await _timed(
                        lambda: Interaction.filter(tenant_id=tenant.id, contact_id=other).delete())
                statements["delete"] = len(log)
                if round_no:
                    times["erase"].append(elapsed)
                    times["delete"].append(deleted)
    _report(console, Table, times, statements, args)
    return 0


async def _fetch(model, tenant_id: int, contact_id: int, columns, dump: bool):
    rows = await model.filter(tenant_id=tenant_id, contact_id=contact_id).order_by(
        "occurred_at", "id").values(*columns)
    if not rows:
        raise RuntimeError("no rows: check the dataset")
    if not dump:
        return rows
    return json.dumps([{k: v.isoformat() if isinstance(v, datetime) else v for k, v in row.items()}
                       for row in rows]).encode()


async def _export_fn(export_contact, tenant_id: int, contact_id: int) -> bytes:
    return json.dumps(await export_contact(tenant_id, contact_id)).encode()


def _report(console, table_cls, times: dict, statements: dict, args) -> None:
    base = statistics.median(times["fetch"])
    table = table_cls(title=f"one contact, {args.interactions} interactions; medians of "
                      f"{args.rounds} rounds")
    for column in ("variant", "median ms", "min–max ms", "× fetch", "SQL statements"):
        table.add_column(column, justify="right" if column != "variant" else "left")
    for name, values in times.items():
        low, high = min(values), max(values)
        median = statistics.median(values)
        table.add_row(name, f"{median * 1000:.1f}", f"{low * 1000:.1f}–{high * 1000:.1f}",
                      f"{median / base:.2f}", str(statements.get(name, "")))
    console.print(table)
    for name in ("export", "erase"):
        verdict = "meets" if statistics.median(times[name]) <= 1.0 else "MISSES"
        console.print(f"{name}: {statistics.median(times[name]):.3f} s, {verdict} the 1 s target")


def main(argv=None) -> int:
    return asyncio.run(run(parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
