"""Servers for the benchmarks, run the way the product runs: separate uvicorn processes on a free
loopback port, stopped (and waited for) when the block ends."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# Production requires a master key (docs/security.md); a fixed one, as the secret key is fixed.
BENCH_MASTER_KEY = "YmVuY2gtbWFzdGVyLWtleS1ub3QtZm9yLXByb2R1Y3Q="


def free_port() -> int:
    """A free loopback port: any, or one of `BENCH_PORTS` (e.g. `18400-18499`) on a machine
    where each engineer has a range of their own."""
    low, _, high = os.environ.get("BENCH_PORTS", "0-0").partition("-")
    for port in range(int(low), int(high or low) + 1):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port in BENCH_PORTS={os.environ['BENCH_PORTS']}")


def environment(database_url: str, data_dir: str, **extra: str) -> dict[str, str]:
    """What both servers need: the database, a production secret, no rate limit in the way of a
    benchmark's thousands of requests (the limiter still runs: 1,000,000 a minute)."""
    env = dict(os.environ)
    env.update(DATABASE_URL=database_url, SALESPLUS_DATA_DIR=data_dir, SALESPLUS_ENV="production",
               SALESPLUS_SECRET_KEY="bench-secret-key-not-for-production",
               SALESPLUS_MASTER_KEY=BENCH_MASTER_KEY,
               SALESPLUS_RATE_LIMIT_USER="1000000/minute",
               SALESPLUS_RATE_LIMIT_TOKEN="1000000/minute", **extra)
    env.pop("REDIS_URL", None)
    return env


def run_environment(database_url: str | None) -> tuple[str, dict[str, str]]:
    """A benchmark run's set-up: a temporary folder, the database (default: a SQLite file in
    it), the servers' environment, and this process configured as the servers are, so that what
    it writes (data keys, sessions) the servers can read. Returns (database URL, environment)."""
    from bench.dataset import configure_environment  # noqa: PLC0415

    tmp = tempfile.mkdtemp(prefix="salesplus-bench-")
    configure_environment(tmp)
    database_url = database_url or f"sqlite://{tmp}/bench.db"
    env = environment(database_url, tmp)
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "SALESPLUS_ENV", "SALESPLUS_SECRET_KEY",
                                           "SALESPLUS_MASTER_KEY")})
    return database_url, env


@contextmanager
def serving(command: list[str], env: dict[str, str], port: int,
            ready_path: str = "/healthz") -> Iterator[str]:
    """Run `command` (which listens on `port`), wait until it answers, yield its base URL."""
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(process, base + ready_path, log)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def _wait(process: subprocess.Popen, url: str, log, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"server exited: {log.read().decode()[-2000:]}")
        try:
            # Any answer means it listens (the plain server answers GET /graphql with 405).
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError(f"server did not answer {url} within {timeout} s")


def guarded(env: dict[str, str], workers: int = 1):
    """`salesplus serve` (it migrates, then starts uvicorn with `workers` processes)."""
    port = free_port()
    return serving([str(BIN / "salesplus"), "serve", "--port", str(port), "--workers",
                    str(workers)], env, port)


def plain(env: dict[str, str], tenant_id: int):
    """bench/plain_server.py under uvicorn with the options `salesplus serve` gives uvicorn."""
    port = free_port()
    return serving([str(BIN / "uvicorn"), "bench.plain_server:app", "--port", str(port),
                    "--proxy-headers"], {**env, "BENCH_TENANT_ID": str(tenant_id)}, port,
                   ready_path="/graphql")
