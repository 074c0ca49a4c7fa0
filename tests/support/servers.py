"""Real processes for tests: uvicorn workers of the app, a private redis-server, a TCP server that
accepts and never answers. Each binds a free port on 127.0.0.1 and is stopped by its context
manager (the shared PostgreSQL and Redis are never touched)."""

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://", "asyncpg://"))


@asynccontextmanager
async def app_servers(count: int, env: dict, log_dir: Path, *,
                      keep_alive: bool = True) -> AsyncIterator[list[httpx.AsyncClient]]:
    """`count` uvicorn processes of server:app (each one worker) with `env`; yields a client per
    server (without `keep_alive`, each request on a new connection). Their output (the app's
    log and uvicorn's) goes to `log_dir/server-<port>.log` (see `logged`)."""
    env = {**os.environ, **env}
    ports = [free_port() for _ in range(count)]
    processes = [subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "server:app", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning"], cwd=ROOT, env=env, stdout=open(log_dir / f"server-{port}.log", "w"),
        stderr=subprocess.STDOUT) for port in ports]
    limits = httpx.Limits() if keep_alive else httpx.Limits(max_keepalive_connections=0)
    clients = [httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30, limits=limits)
               for port in ports]
    try:
        for client, process in zip(clients, processes):
            await _started(client, process)
        yield clients
    finally:
        for client in clients:
            await client.aclose()
        for process in processes:
            process.terminate()
        for process in processes:  # waited for without blocking the loop (a proxy may run in it)
            deadline = time.monotonic() + 15
            while process.poll() is None and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            if process.poll() is None:
                process.kill()
                raise AssertionError("a server did not stop within 15 s of SIGTERM")


def logged(log_dir: Path) -> str:
    return "".join(path.read_text() for path in sorted(log_dir.glob("server-*.log")))


async def _started(client: httpx.AsyncClient, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server exited at start-up"
        try:
            if (await client.get("/healthz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.1)
    raise AssertionError("the server did not start")


class PrivateRedis:
    """A redis-server of our own (no persistence), which a test may stop and start again."""

    def __init__(self, directory: Path):
        self.directory, self.port = directory, free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@contextmanager
def private_redis(directory: Path) -> Iterator[PrivateRedis]:
    if shutil.which("redis-server") is None:
        import pytest  # noqa: PLC0415

        pytest.skip("needs redis-server (Debian package redis-server)")
    redis = PrivateRedis(directory)
    redis.start()
    try:
        yield redis
    finally:
        redis.stop()


@contextmanager
def silent_server() -> Iterator[int]:
    """A TCP server that accepts connections and never answers (a hung Redis, say): yields its port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    try:
        yield listener.getsockname()[1]  # the kernel completes handshakes; nothing ever replies
    finally:
        listener.close()


class CuttableProxy:
    """A TCP proxy on a free port to `target` (host, port), run in the test's event loop: `cut()`
    drops every connection and refuses new ones (the database "stops"), `restore()` listens again
    on the same port. The real server behind it is never touched."""

    def __init__(self, target: tuple[str, int]):
        self.target, self.port = target, free_port()
        self._server: asyncio.base_events.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._pipe, "127.0.0.1", self.port)

    async def cut(self) -> None:
        self._server.close()
        for writer in list(self._writers):
            writer.transport.abort()
        self._writers.clear()
        await self._server.wait_closed()

    restore = start

    async def _pipe(self, reader, writer) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self._writers |= {writer, upstream_writer}

        async def copy(source, sink):
            try:
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            except (OSError, asyncio.CancelledError):
                pass
            finally:
                sink.transport.abort()

        await asyncio.gather(copy(reader, upstream_writer), copy(upstream_reader, writer))
