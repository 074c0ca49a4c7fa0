"""The tenant scope of the running task, and how PostgreSQL learns it (row-level security,
migrations/rls.py).

The scope is a context variable: a request enters its tenant once it knows the principal
(server.py), authentication lookups and operator commands run under `SYSTEM`, anything else runs
under no scope — where row-level security shows no tenant row at all. On PostgreSQL every
connection the application takes from its pool is given the scope of the task that takes it
(asyncpg's `setup` hook, `apply_to_connection`); a connection keeps it when released, and is
given another scope on its next acquire if that task's differs."""

import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token

SCOPE_SETTING = "salesplus.scope"  # the PostgreSQL setting the policies read
SYSTEM = "system"

_scope: ContextVar[str] = ContextVar("salesplus_scope")
_default_scope = ""  # of a task where no scope was entered: none, unless a process says otherwise
_connection_scope: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def set_process_scope(tenant_id: int | str | None) -> None:
    """The scope of tasks that entered none, for a whole process: the test suite, which sets
    up and inspects every tenant's data (the server enters its own scopes: server.py)."""
    global _default_scope
    _default_scope = "" if tenant_id is None else str(tenant_id)


def enter_scope(tenant_id: int | str | None) -> Token:
    """Make `tenant_id` (or SYSTEM, or None: no scope) the scope of the current task and of the
    tasks it starts from now on; returns the token to reset it with."""
    return _scope.set("" if tenant_id is None else str(tenant_id))


def leave_scope(token: Token) -> None:
    _scope.reset(token)


@contextmanager
def scope(tenant_id: int | str | None) -> Iterator[None]:
    token = enter_scope(tenant_id)
    try:
        yield
    finally:
        leave_scope(token)


def current_scope() -> str:
    return _scope.get(_default_scope)


async def apply_to_connection(connection) -> None:
    """asyncpg pool `setup`: runs on every acquire, in the acquiring task's context; a round trip
    only when the connection's scope is not already the one wanted."""
    raw = getattr(connection, "_con", connection)
    wanted = current_scope()
    if _connection_scope.get(raw) != wanted:
        await connection.execute(f"SELECT set_config('{SCOPE_SETTING}', $1, false)", wanted)
        _connection_scope[raw] = wanted


async def reset_connection(connection) -> None:
    """asyncpg pool `reset`, on every release; asyncpg has already rolled back any transaction
    left open. Nothing is sent: the application keeps no other session state on pooled
    connections (no session advisory locks, cursors, LISTEN or SET), so the default RESET ALL
    would only cost a round trip per statement, and another to set the scope again on the next
    acquire. The connection keeps its scope; `apply_to_connection` runs on every acquire and
    changes it when the acquiring task's scope differs, so no task ever runs under another's."""
