"""Benchmark: what authenticating a partner API token adds to a request.

    .venv/bin/python -m bench.token_auth [--database-url URL] [--rounds 20] [--per-round 100]

In one run, on one database (a temporary SQLite file unless --database-url is given) holding
`--tokens` API tokens (so the lookup goes through a real index, not a one-row table):

  1. the auth step alone, in-process, per call: `principal_for_bearer(secret)` for an API token
     (checksum, HMAC-SHA256, one indexed lookup), its checksum and HMAC alone (the part before
     the query), a malformed token (no query), and a login session (the lookup the API had before
     tokens), plus the per-principal rate-limit hit that follows authentication (in memory);
  2. requests to one real uvicorn worker on a loopback port, sent one at a time by one keep-alive
     client: (h) GET /healthz (no auth; the baseline), (g) POST /graphql `{ __typename }` with no
     token, (t) the same with the API token, (s) with the session token.

The share of a /healthz-sized request that token authentication costs is auth step / (h), both
medians of this run. The end-to-end difference (t) - (g) is reported too: it adds the rate-limit
hit and is noisier (two medians of requests that each cost ~1 ms). Rounds interleave the variants
in a rotating order; medians are reported; the ratios matter, not the absolute microseconds.

Target (issue 5): token authentication adds under 2% to a request to /healthz-sized work."""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TYPENAME = {"query": "{ __typename }"}


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.token_auth", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    parser.add_argument("--tokens", type=int, default=10_000, help="API tokens in the table")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--per-round", type=int, default=100, help="calls per variant and round")
    return parser.parse_args(argv)


async def prepare(database_url: str, count: int) -> dict:
    """Tenant, admin, `count` tokens (one whose secret we keep), a session. Returns the secrets."""
    import db  # noqa: PLC0415
    from auth import tokens  # noqa: PLC0415
    from auth.sessions import SESSION_PREFIX, token_digest  # noqa: PLC0415
    from models import ApiToken, Session, Tenant, User  # noqa: PLC0415

    await db.init_db(database_url)
    tenant = await Tenant.create(slug=f"bench-auth-{secrets.token_hex(4)}", name="Bench")
    user = await User.create(tenant_id=tenant.id, email="admin@bench.example", password_hash="!")
    expires = datetime.now(timezone.utc) + timedelta(days=30)
    secret = tokens.new_secret()
    secrets_ = [secret] + [tokens.new_secret() for _ in range(count - 1)]
    await ApiToken.bulk_create([
        ApiToken(tenant_id=tenant.id, name=f"t{i}", prefix=s[:12], token_hash=token_digest(s),
                 purposes=["sales"], categories=["identity"], actions=["read"],
                 issued_by_id=user.id, expires_at=expires) for i, s in enumerate(secrets_)
    ], batch_size=1000)
    session = f"{SESSION_PREFIX}{secrets.token_urlsafe(32)}"
    await Session.create(tenant_id=tenant.id, user_id=user.id, token_hash=token_digest(session),
                         expires_at=expires)
    await db.close_db()
    return {"token": secret, "session": session, "malformed": secret[:-1] + "!"}


async def time_auth_step(database_url: str, creds: dict, rounds: int, per_round: int) -> dict:
    """Median seconds per call of each in-process step."""
    import db  # noqa: PLC0415
    from auth import tokens  # noqa: PLC0415
    from auth.bearer import principal_for_bearer  # noqa: PLC0415
    from auth.sessions import token_digest  # noqa: PLC0415
    from auth.ratelimit import LimitSettings, RateLimits  # noqa: PLC0415

    await db.init_db(database_url)
    limiter = RateLimits.create(None, b"bench", LimitSettings.from_env(
        {"SALESPLUS_RATE_LIMIT_TOKEN": "100000000/minute"}))
    principal = await principal_for_bearer(creds["token"])
    assert principal is not None and principal.token_id is not None
    assert await principal_for_bearer(creds["session"]) is not None

    async def hashing_only():  # what the token costs before its one query
        return tokens.well_formed(creds["token"]) and token_digest(creds["token"])

    steps = {
        "api token": lambda: principal_for_bearer(creds["token"]),
        "checksum + HMAC": hashing_only,
        "session": lambda: principal_for_bearer(creds["session"]),
        "malformed token": lambda: principal_for_bearer(creds["malformed"]),
        "rate-limit hit": lambda: limiter.check_principal(principal),
    }
    samples: dict[str, list[float]] = {name: [] for name in steps}
    for round_ in range(rounds + 2):
        names = list(steps)
        names = names[round_ % len(names):] + names[:round_ % len(names)]
        for name in names:
            started = time.perf_counter()
            for _ in range(per_round):
                await steps[name]()
            if round_ >= 2:  # two warm-up rounds
                samples[name].append((time.perf_counter() - started) / per_round)
    await db.close_db()
    return {name: statistics.median(values) for name, values in samples.items()}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def time_requests(database_url: str, creds: dict, rounds: int, per_round: int) -> dict:
    """Median seconds per request of each variant against one uvicorn worker."""
    import httpx  # noqa: PLC0415

    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT),
           "SALESPLUS_RATE_LIMIT_TOKEN": "100000000/minute",
           "SALESPLUS_RATE_LIMIT_USER": "100000000/minute"}
    env.pop("REDIS_URL", None)  # in-memory limits: the request, not Redis, is measured here
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "server:app", "--host", "127.0.0.1",
                               "--port", str(port), "--log-level", "warning", "--no-access-log"],
                              env=env, cwd=ROOT, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=10) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if client.get("/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise RuntimeError(server.stderr.read().decode()[-2000:]) from None
                    time.sleep(0.2)

            def graphql(token: str | None):
                headers = {"Authorization": f"Bearer {token}"} if token else {}
                return lambda: client.post("/graphql", json=TYPENAME, headers=headers)

            variants = {
                "(h) GET /healthz": lambda: client.get("/healthz"),
                "(g) { __typename }, no token": graphql(None),
                "(t) { __typename }, API token": graphql(creds["token"]),
                "(s) { __typename }, session": graphql(creds["session"]),
            }
            for name, send in variants.items():  # every variant answers 200 with data
                response = send()
                if response.status_code != 200 or "errors" in response.text:
                    raise RuntimeError(f"{name}: HTTP {response.status_code} {response.text[:300]}")
            samples: dict[str, list[float]] = {name: [] for name in variants}
            for round_ in range(rounds + 2):
                names = list(variants)
                names = names[round_ % len(names):] + names[:round_ % len(names)]
                for name in names:
                    started = time.perf_counter()
                    for _ in range(per_round):
                        variants[name]()
                    if round_ >= 2:
                        samples[name].append((time.perf_counter() - started) / per_round)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {name: statistics.median(values) for name, values in samples.items()}


def us(seconds: float) -> str:
    return f"{seconds * 1e6:8.1f} µs"


def main(argv=None) -> int:
    args = parse_args(argv)
    tmp = tempfile.mkdtemp(prefix="salesplus-bench-auth-")
    os.environ.setdefault("SALESPLUS_SECRET_KEY", "bench-secret-key")
    os.environ.setdefault("SALESPLUS_DATA_DIR", tmp)
    database_url = args.database_url or f"sqlite://{tmp}/bench.db"
    sys.path.insert(0, str(ROOT))

    creds = asyncio.run(prepare(database_url, args.tokens))
    steps = asyncio.run(time_auth_step(database_url, creds, args.rounds, args.per_round))
    requests = time_requests(database_url, creds, args.rounds, args.per_round)

    healthz = requests["(h) GET /healthz"]
    anonymous, with_token = requests["(g) { __typename }, no token"], requests["(t) { __typename }, API token"]
    print(f"database: {database_url.split('@')[-1]}, {args.tokens} API tokens; "
          f"{args.rounds} rounds x {args.per_round} calls, medians\n")
    print("1. auth step, in-process, per call")
    for name, seconds in steps.items():
        print(f"   {name:<18} {us(seconds)}   = {seconds / healthz:6.2%} of (h)")
    print("\n2. requests to one uvicorn worker over loopback, per request")
    for name, seconds in requests.items():
        print(f"   {name:<32} {us(seconds)}   = {seconds / healthz:5.2f} x (h)")
    print("\nAPI-token authentication added to a /healthz-sized request: "
          f"{steps['api token'] / healthz:.2%} (auth step / (h); target < 2%)")
    print(f"measured end to end, (t) - (g): {us(with_token - anonymous).strip()} = "
          f"{(with_token - anonymous) / healthz:.2%} of (h), "
          f"{(with_token - anonymous) / anonymous:.2%} of (g)  (includes the rate-limit hit)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
