"""Bounded work per request: a deadline for each `/graphql` request (body included), and its work
cancelled when the client goes away.

The request runs in a task of its own. When the deadline passes, or the client disconnects after
sending its body, the task is cancelled: asyncpg then asks PostgreSQL to cancel the running
statement, the request's transaction rolls back, and on SQLite the running statement is
interrupted (sqlite3's `interrupt()`; cancelling the coroutine alone would leave it running in
aiosqlite's thread). A request past its deadline that has not started its response is answered
`QUERY_TOO_COMPLEX` (HTTP 200, the GraphQL error shape); a client that left gets nothing.

PostgreSQL's own `statement_timeout` (db.py, a connection setting) bounds each statement as well,
so a statement cannot outlive the server process's patience even outside a request."""

import asyncio
import json

import structlog
from tortoise import connections

from policies.errors import CodedError
from policies.vocabulary import ErrorCode

log = structlog.get_logger("salesplus.health")


def interrupt_sqlite() -> None:
    """Interrupt the statement running on the SQLite connection, if the database is SQLite."""
    try:
        client = connections.get("default")
    except RuntimeError:
        return
    outer = getattr(client, "_connection", None)  # Tortoise's aiosqlite.Connection
    inner = getattr(outer, "_connection", None)  # the sqlite3.Connection in aiosqlite's thread
    if client.capabilities.dialect == "sqlite" and inner is not None:
        inner.interrupt()


class Bounded:
    """ASGI middleware for the paths given (default `/graphql`)."""

    def __init__(self, app, deadline_seconds: float, paths: tuple[str, ...] = ("/graphql",)):
        self.app, self.deadline, self.paths = app, deadline_seconds, paths

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["path"] not in self.paths:
            return await self.app(scope, receive, send)
        body_done, gone = asyncio.Event(), asyncio.Event()
        later: asyncio.Queue = asyncio.Queue()
        started = False

        async def app_receive():
            if body_done.is_set():
                return await later.get()
            message = await receive()
            if message["type"] == "http.disconnect":
                gone.set()
            elif not message.get("more_body"):
                body_done.set()
            return message

        async def watch_disconnect():
            await body_done.wait()
            message = await receive()  # after the body, the next message is the client leaving
            await later.put(message)
            if message["type"] == "http.disconnect":
                gone.set()

        async def tracked_send(message):
            nonlocal started
            started = True
            await send(message)

        work = asyncio.ensure_future(self.app(scope, app_receive, tracked_send))
        watcher = asyncio.ensure_future(watch_disconnect())
        left = asyncio.ensure_future(gone.wait())
        try:
            done, _ = await asyncio.wait({work, left}, timeout=self.deadline,
                                         return_when=asyncio.FIRST_COMPLETED)
            if work in done:
                return work.result()
            await self._stop(work)
            if left in done:
                log.info("client went away; its request was cancelled", path=scope["path"])
                return None
            log.warning("request deadline passed; its work was cancelled", path=scope["path"],
                        deadline_s=self.deadline)
            if not started:
                await self._too_long(send)
            return None
        finally:
            for task in (watcher, left):
                task.cancel()

    @staticmethod
    async def _stop(work: asyncio.Future) -> None:
        work.cancel()
        interrupt_sqlite()
        await asyncio.gather(work, return_exceptions=True)

    async def _too_long(self, send) -> None:
        error = CodedError(ErrorCode.QUERY_TOO_COMPLEX, f"The request took longer than "
                           f"{self.deadline:g} s and was stopped.")
        body = json.dumps({"data": None, "errors": [{"message": error.message,
                                                     "extensions": error.extensions}]}).encode()
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
