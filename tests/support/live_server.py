"""A real `salesplus serve` (uvicorn) on a free port of 127.0.0.1, for tests that need a process
as users run it: browsers, real HTTP clients, several workers. Always stopped at the end."""

import asyncio
import os
import socket
import ssl
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
SECRET = "live-server-test-secret-key"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(folder: Path, **overrides: str) -> dict[str, str]:
    """A fresh SQLite file in `folder`, no Redis, development unless overridden."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'live.db'}", "SALESPLUS_SECRET_KEY": SECRET,
           "SALESPLUS_DATA_DIR": str(folder / "data"), "SALESPLUS_DEMO": "0", "PYTHONPATH": str(ROOT)}
    env.pop("REDIS_URL", None)
    env.update(overrides)
    return env


@dataclass
class LiveServer:
    base: str
    process: subprocess.Popen
    log_path: Path
    verify: ssl.SSLContext | bool = True  # what a client of `base` trusts (https)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@asynccontextmanager
async def live_server(folder: Path, *args: str, env: dict[str, str] | None = None,
                      timeout: float = 60, tls: ssl.SSLContext | None = None) -> AsyncIterator[LiveServer]:
    """Run `salesplus serve --port N *args` in `folder`; yield once /healthz answers (over HTTPS,
    trusting `tls`, when it is given: the server was given --tls-cert and --tls-key in `args`)."""
    port = free_port()
    log_path = folder / f"server-{port}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--port", str(port), *args],
                                   env=env or environment(folder), cwd=folder, stdout=log,
                                   stderr=subprocess.STDOUT)
    server = LiveServer(f"{'https' if tls else 'http'}://127.0.0.1:{port}", process, log_path,
                        verify=tls or True)
    try:
        await _wait_until_healthy(server, timeout)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def _wait_until_healthy(server: LiveServer, timeout: float) -> None:
    async with httpx.AsyncClient(verify=server.verify) as client:
        for _ in range(int(timeout / 0.2)):
            try:
                if (await client.get(f"{server.base}/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if server.process.poll() is not None:
                raise AssertionError(f"the server exited: {server.log()}")
            await asyncio.sleep(0.2)
    raise AssertionError(f"the server did not answer in {timeout} s: {server.log()}")


def run_cli(folder: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "cli", *args], env=env or environment(folder),
                            cwd=folder, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    return result
