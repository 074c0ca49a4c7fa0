"""Benchmark: what decrypting costs the guarded list (issue 13: ≤ 10 % for a page of 100).

    .venv/bin/python -m bench.encryption_cost [--database-url URL] [--contacts 2000]
                                              [--rounds 40]

Two tenants of the same N contacts x 5 interactions in one database (a temporary SQLite file
unless --database-url), each with a dpo and a session; their sensitive notes are stored in
plaintext in one ("plain": as before encryption) and sealed in the other ("sealed": by
`salesplus keys encrypt`'s function, data/rotation.py). One `salesplus serve` process answers
both: the bench guarded list (bench/guarded_list.py's 12 contact fields + interactions(first: 5))
plus `sensitiveNotes`, `first: 100`, as the dpo under legal_compliance (which reads sensitive
data without consent), for each tenant in turn within every round (the order alternating),
medians. Both answers must be equal but for ids and cursors (checked first). Nothing here is
run by the tests."""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone

import httpx

from bench.guarded_list import CONTACT_SELECTION

QUERY = ("query($first: Int!) { contacts(first: $first) { edges { node {%s sensitiveNotes } } } }"
         % CONTACT_SELECTION)
PAGE = 100
TARGET = 1.10
NOTES = "Special-category note {i}: dietary requirement, to be kept confidential."


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.encryption_cost", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    parser.add_argument("--contacts", type=int, default=2_000, help="per tenant")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=5)
    return parser.parse_args(argv)


async def _tenant(slug: str, contacts: int, seal: bool) -> str:
    """A tenant of `contacts` contacts with notes (sealed or not), 5 interactions each, and a
    dpo's session token."""
    from auth.sessions import SESSION_PREFIX, token_digest  # noqa: PLC0415
    from bench.dataset import CONTACT_COLUMNS, INTERACTION_COLUMNS, _insert  # noqa: PLC0415
    from data import rotation  # noqa: PLC0415
    from models import Contact, Session, Tenant, User  # noqa: PLC0415
    from policies.engine import PolicyEngine  # noqa: PLC0415

    tenant = await Tenant.create(slug=f"{slug}-{secrets.token_hex(3)}", name=slug)
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    rows = [(tenant.id, f"b-{i}", start + timedelta(seconds=i), start, f"First{i}", f"Last{i}",
             f"Company {i % 500}", "Buyer", f"contact{i}@example.com", f"+33 1 {i:08d}",
             f"{i} rue de la Paix", "EMAIL", "MONTHLY", json.dumps(["widgets"]), "Mondays",
             "retail", "monthly", "100k", "Lyon", "FR", 45.7, 4.8, "Also buys from Globex",
             NOTES.format(i=i), False) for i in range(contacts)]
    await _insert("contact", CONTACT_COLUMNS, rows)
    ids = await Contact.filter(tenant_id=tenant.id).order_by("id").values_list("id", flat=True)
    await _insert("interaction", INTERACTION_COLUMNS, [
        (tenant.id, contact_id, "EMAIL", start + timedelta(minutes=k), "INBOUND", 2,
         f"Follow-up {k}", "Discussed the next order.", start)
        for contact_id in ids for k in range(5)])
    if seal:
        await rotation.encrypt_stored([tenant.id])
    user = await User.create(tenant_id=tenant.id, email="dpo@example.com", password_hash="!")
    engine = await PolicyEngine.load()
    await engine.prepare(tenant.domain)
    await engine.assign_role(user.subject, "dpo", tenant.domain)
    token = f"{SESSION_PREFIX}bench-{secrets.token_urlsafe(16)}"
    await Session.create(tenant_id=tenant.id, user_id=user.id, token_hash=token_digest(token),
                         expires_at=datetime.now(timezone.utc) + timedelta(hours=6))
    return token


async def prepare(database_url: str, contacts: int) -> dict[str, str]:
    from data.crypto import is_sealed  # noqa: PLC0415
    from db import database  # noqa: PLC0415
    from models import Contact, Session  # noqa: PLC0415

    async with database(database_url):
        tokens = {"plain": await _tenant("plain", contacts, False),
                  "sealed": await _tenant("sealed", contacts, True)}
        for name, token in tokens.items():  # what the database holds, as the names say
            from auth.sessions import token_digest  # noqa: PLC0415

            tenant_id = (await Session.get(token_hash=token_digest(token))).tenant_id
            notes = await Contact.filter(tenant_id=tenant_id).limit(50).values_list(
                "sensitive_notes", flat=True)
            assert all(is_sealed(n) == (name == "sealed") for n in notes), name
        return tokens


def fetch(client: httpx.Client, url: str, token: str) -> dict:
    response = client.post(url, json={"query": QUERY, "variables": {"first": PAGE}}, headers={
        "Authorization": f"Bearer {token}", "X-Purpose": "legal_compliance",
        "X-Legal-Reference": "BENCH-REF"})
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"HTTP {response.status_code}: {response.text[:500]}")
    return body


def comparable(body: dict) -> list[dict]:
    return [{k: v for k, v in e["node"].items() if k not in ("id", "interactions", "createdAt")}
            for e in body["data"]["contacts"]["edges"]]


def measure(tokens: dict[str, str], env: dict, rounds: int, warmup: int) -> dict[str, float]:
    from bench import servers  # noqa: PLC0415

    with servers.guarded(env) as base, httpx.Client(timeout=60) as client:
        url = base + "/graphql"
        answers = {name: fetch(client, url, token) for name, token in tokens.items()}
        if comparable(answers["plain"]) != comparable(answers["sealed"]) or any(
                n["sensitiveNotes"] is None for n in comparable(answers["sealed"])):
            raise RuntimeError("the two tenants do not answer the same page")
        names, timings = list(tokens), {name: [] for name in tokens}
        for round_no in range(warmup + rounds):
            for name in (names if round_no % 2 else names[::-1]):
                started = time.perf_counter()
                fetch(client, url, tokens[name])
                if round_no >= warmup:
                    timings[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) * 1000 for name, values in timings.items()}


def main(argv=None) -> int:
    from bench import servers  # noqa: PLC0415

    args = parse_args(argv)
    database_url, env = servers.run_environment(args.database_url)
    tokens = asyncio.run(prepare(database_url, args.contacts))
    medians = measure(tokens, env, args.rounds, args.warmup)
    ratio = medians["sealed"] / medians["plain"]
    print(json.dumps({k: round(v, 2) for k, v in medians.items()}))
    print(f"\ncontacts(first: {PAGE}) + sensitiveNotes as the dpo, {args.contacts:,} contacts per "
          f"tenant ({database_url.split('://')[0]}), medians of {args.rounds} rounds:")
    print(f"  plain {medians['plain']:.2f} ms  sealed {medians['sealed']:.2f} ms  "
          f"sealed/plain {ratio:.3f}  target ≤ {TARGET} {'met' if ratio <= TARGET else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
