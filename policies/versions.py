"""Per-tenant versions of the policy and of the credentials: the check that makes a revocation
effective on the next request, on every worker, whether or not a message got through.

`tenant.policy_version` grows in the transaction of every change to the tenant's `policy_rule`
rows, `tenant.credential_version` in that of every session or token revoked, expired early or
deleted and every user deactivated or deleted. Database triggers do the counting (migration 2),
so no writer — a mutation, a command, the importer, a hand-written UPDATE — can forget it; the
policy engine also bumps the policy version first thing in each of its changes, which takes the
tenant row's lock and so runs one tenant's changes one at a time across workers.

Each request reads both numbers in the statement that authenticates it (auth/sessions.py,
auth/tokens.py): a worker whose copy of the policy is older reloads it before deciding
(`PolicyEngine.prepare`), and a remembered session or token counts only while the credential
version it was checked at is still current (auth/credentials.py)."""

from dataclasses import dataclass

from tortoise import connections
from tortoise.backends.base.client import TransactionalDBClient


@dataclass(frozen=True)
class Versions:
    policy: int
    credentials: int


def inside_transaction() -> bool:
    """Whether the current task runs inside a database transaction (False without a database:
    the in-memory engines of decision tables and benchmarks)."""
    try:
        return isinstance(connections.get("default"), TransactionalDBClient)
    except RuntimeError:  # Tortoise not initialised
        return False


def placeholder(connection, number: int) -> str:
    """The placeholder of raw SQL parameter `number` (1-based): `$n` on PostgreSQL, `?n` on
    SQLite (numbered on both, so a statement may use a parameter twice)."""
    return f"${number}" if connection.capabilities.dialect == "postgres" else f"?{number}"


async def current(tenant_id: int) -> Versions | None:
    """Both versions of a tenant, by primary key: one cheap statement."""
    connection = connections.get("default")
    rows = await connection.execute_query_dict(
        "SELECT policy_version, credential_version FROM tenant WHERE id = "
        f"{placeholder(connection, 1)}", [tenant_id])
    return Versions(rows[0]["policy_version"], rows[0]["credential_version"]) if rows else None


async def bump_policy(tenant_id: int) -> int:
    """Count one policy change (inside the caller's transaction) and return the new version. The
    UPDATE locks the tenant's row until the transaction ends: the caller's reads that follow see
    every change committed before it, and no other change of the tenant can interleave."""
    connection = connections.get("default")
    await connection.execute_query(
        "UPDATE tenant SET policy_version = policy_version + 1 WHERE id = "
        f"{placeholder(connection, 1)}", [tenant_id])
    rows = await connection.execute_query_dict(
        f"SELECT policy_version FROM tenant WHERE id = {placeholder(connection, 1)}", [tenant_id])
    return rows[0]["policy_version"] if rows else 0
