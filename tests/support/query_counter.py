"""Count the SQL statements Tortoise sends to the database during a block.

    with count_queries() as queries:
        await gql(...)
    assert len(queries) == 4, queries.pretty()

Every statement goes through one of the `execute_*` methods of a Tortoise client
(`BaseDBAsyncClient`): `execute_query` (querysets, `.count()`, `.first()`, updates, deletes, model
selects through `BaseExecutor.execute_select`), `execute_query_dict` (`.values()`,
`.values_list()`, raw SQL), `execute_insert` (`Model.create`), `execute_many` (`bulk_create`) and
`execute_script`. `SqliteClient` and `AsyncpgDBClient` (and their transaction wrappers) implement
these methods themselves, while the base class implements `execute_query_dict` on top of
`execute_query_dict_with_affected` -> `execute_query`. The methods are therefore patched on every
client class that defines them, and a context variable marks "already inside a counted call",
so a statement is counted exactly once whichever path it takes. Transaction control
(BEGIN / COMMIT / ROLLBACK, issued on the driver connection directly) is not counted.

The patch is installed when the first counter opens and removed when the last one closes; it
counts statements of every task (the ASGI app runs the request in its own task), so do not run
unrelated database work concurrently with a counted block. Statements of the audit sealer's
background task go to `QueryLog.sealer` instead."""

from __future__ import annotations

import contextvars
import functools
import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from tortoise.backends.base.client import BaseDBAsyncClient

from audit.commit import SEALING

METHODS = ("execute_query", "execute_query_dict", "execute_query_dict_with_affected",
           "execute_insert", "execute_many", "execute_script")
# Backends whose client classes should be patched even when not yet imported.
BACKENDS = ("tortoise.backends.sqlite.client", "tortoise.backends.asyncpg.client")

_inside = contextvars.ContextVar("salesplus_counted_sql", default=False)
_active: list[QueryLog] = []
_originals: dict[tuple[type, str], object] = {}


@dataclass
class QueryLog:
    statements: list[str] = field(default_factory=list)
    # The audit sealer's, kept apart: it runs in the background, once for a batch of requests
    # (audit/commit.py), so it is no request's statement.
    sealer: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.statements)

    @property
    def count(self) -> int:
        return len(self.statements)

    def pretty(self) -> str:
        return "\n".join(f"{i}. {sql}" for i, sql in enumerate(self.statements, 1))

    def __repr__(self) -> str:
        return f"QueryLog({len(self)} statements)\n{self.pretty()}"


def _client_classes() -> list[type]:
    for module in BACKENDS:
        try:
            importlib.import_module(module)
        except ImportError:  # driver not installed: nothing to patch there
            pass
    found, todo = [], [BaseDBAsyncClient]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def _wrap(method):
    @functools.wraps(method)
    async def counted(self, query, *args, **kwargs):
        if _inside.get():  # a nested call of a counted one: the same statement
            return await method(self, query, *args, **kwargs)
        token = _inside.set(True)
        try:
            sealing = SEALING.get()
            for log in _active:
                (log.sealer if sealing else log.statements).append(str(query))
            return await method(self, query, *args, **kwargs)
        finally:
            _inside.reset(token)
    counted.__salesplus_counted__ = True
    return counted


def _install() -> None:
    for cls in _client_classes():
        for name in METHODS:
            method = cls.__dict__.get(name)
            if method is None or getattr(method, "__salesplus_counted__", False):
                continue
            _originals[(cls, name)] = method
            setattr(cls, name, _wrap(method))


def _uninstall() -> None:
    for (cls, name), method in _originals.items():
        setattr(cls, name, method)
    _originals.clear()


@contextmanager
def count_queries() -> Iterator[QueryLog]:
    """Collects every SQL statement executed while the block runs."""
    log = QueryLog()
    if not _active:
        _install()
    _active.append(log)
    try:
        yield log
    finally:
        _active.remove(log)
        if not _active:
            _uninstall()
