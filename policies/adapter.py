"""The policy's storage over our own Tortoise model (stack-notes.md: the published Tortoise adapter
pulls in the old `casbin` distribution and loses role lines).

The built-in policy is read from `policies/policy.csv` and never written to the database; the
database holds what changes at run time: role assignments (`g`) and per-tenant rules, each row
filed under its tenant. The engine reads and writes one tenant's rows at a time, through that
tenant's scope (`tenant_lines`, `add_lines`, `remove_lines`; data/scope.py) — the role Casbin's
filtered adapter interface (`load_filtered_policy`) plays. Casbin's whole-policy adapter calls
(`load_policy`, `remove_policy`, ...) are not offered: they would read and delete across
tenants, and the engine never uses them."""

from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from tortoise.transactions import in_transaction

from data.scope import TenantScope
from dbscope import scope
from models import PolicyRule, Tenant
from models.ids import parse_id
from policies import versions

BUILTIN_POLICY = Path(__file__).with_name("policy.csv")
MODEL_CONF = Path(__file__).with_name("model.conf")


def tenant_of(rule: list[str]) -> int | None:
    """The tenant a stored line belongs to: the first `tenant:N` value in it."""
    for value in rule:
        if value.startswith("tenant:"):
            number = value.removeprefix("tenant:")
            return parse_id(number, Tenant)
    return None


def _columns(rule: list[str]) -> dict[str, str]:
    return {f"v{i}": value for i, value in enumerate(rule)}


class TortoiseAdapter:
    """What `PolicyEngine` reads from and writes to (`MemorySource` below is its twin in memory)."""

    async def tenant_state(self, tenant_id: int) -> tuple[int, list[list[str]]]:
        """The tenant's policy version, then its lines: read in this order, the lines hold at
        least every change the version counts. Read inside a transaction (which may hold
        uncommitted changes of its own) the version is reported as -1, so that the copy made
        from it is replaced on the next request."""
        found = await versions.current(tenant_id)
        version = found.policy if found else 0
        if versions.inside_transaction():
            version = -1
        return version, await self.tenant_lines(tenant_id)

    @asynccontextmanager
    async def changing(self, tenant_id: int) -> AsyncIterator[tuple[int, list[list[str]]]]:
        """A transaction for one change of the tenant's policy: the version bumped first (the
        row lock orders changes), then the lines as committed before it, under that lock."""
        async with in_transaction():
            version = await versions.bump_policy(tenant_id)
            yield version, await self.tenant_lines(tenant_id)

    async def tenant_lines(self, tenant_id: int) -> list[list[str]]:
        # Read in the tenant's scope, whoever asks (a request, or a watcher's reload).
        with scope(tenant_id):
            rows = await TenantScope(tenant_id).rows(PolicyRule).order_by("id").values_list(
                "ptype", "v0", "v1", "v2", "v3", "v4", "v5")
        return [_trimmed(row) for row in rows]

    async def add_lines(self, tenant_id: int, lines: list[list[str]]) -> None:
        await TenantScope(tenant_id).bulk_create(
            PolicyRule, [{"ptype": line[0], **_columns(line[1:])} for line in lines])

    async def remove_lines(self, tenant_id: int, lines: list[list[str]]) -> None:
        rules = TenantScope(tenant_id).rows(PolicyRule)
        for line in lines:
            await rules.filter(ptype=line[0], **_columns(line[1:])).delete()


def _trimmed(row) -> list[str]:
    values = list(row)
    while values and values[-1] == "":
        values.pop()
    return values


class MemorySource:
    """The engine's storage for decision tables, tests and benchmarks: lines in a dict, filed under
    the first `tenant:N` value of each (or under the tenant they are added for)."""

    def __init__(self, lines=()):
        self.rows: dict[int, list[list[str]]] = defaultdict(list)
        self.versions: dict[int, int] = defaultdict(int)
        for line in lines:
            tenant_id = tenant_of(list(line))
            if tenant_id is None:
                raise ValueError(f"not a tenant line: {', '.join(line)}")
            self.rows[tenant_id].append(list(line))

    async def tenant_state(self, tenant_id: int) -> tuple[int, list[list[str]]]:
        return self.versions[tenant_id], await self.tenant_lines(tenant_id)

    @asynccontextmanager
    async def changing(self, tenant_id: int) -> AsyncIterator[tuple[int, list[list[str]]]]:
        self.versions[tenant_id] += 1
        yield self.versions[tenant_id], await self.tenant_lines(tenant_id)

    async def tenant_lines(self, tenant_id: int) -> list[list[str]]:
        return [list(line) for line in self.rows.get(tenant_id, ())]

    async def add_lines(self, tenant_id: int, lines: list[list[str]]) -> None:
        self.rows[tenant_id].extend(list(line) for line in lines)
        self.versions[tenant_id] += 1

    async def remove_lines(self, tenant_id: int, lines: list[list[str]]) -> None:
        gone = [list(line) for line in lines]
        self.rows[tenant_id] = [line for line in self.rows[tenant_id] if line not in gone]
        self.versions[tenant_id] += 1
