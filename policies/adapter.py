"""A Casbin adapter over our own Tortoise model (stack-notes.md: the published Tortoise adapter
pulls in the old `casbin` distribution and loses role lines).

The built-in policy is read from `policies/policy.csv` and never written to the database; the
database holds what changes at run time: role assignments (`g`) and per-tenant rules."""

from pathlib import Path

from casbin.persist.adapter import load_policy_line
from casbin.persist.adapters.asyncio import AsyncAdapter

from models import PolicyRule

BUILTIN_POLICY = Path(__file__).with_name("policy.csv")
MODEL_CONF = Path(__file__).with_name("model.conf")


def tenant_of(rule: list[str]) -> int | None:
    """The tenant a stored line belongs to: the first `tenant:N` value in it."""
    for value in rule:
        if value.startswith("tenant:"):
            return int(value.removeprefix("tenant:"))
    return None


def _columns(rule: list[str]) -> dict[str, str]:
    return {f"v{i}": value for i, value in enumerate(rule)}


class TortoiseAdapter(AsyncAdapter):
    def __init__(self, builtin_path: Path = BUILTIN_POLICY):
        self.builtin_path = builtin_path

    async def load_policy(self, model) -> None:
        for line in self.builtin_path.read_text().splitlines():
            load_policy_line(line.strip(), model)
        async for rule in PolicyRule.all().order_by("id"):
            load_policy_line(", ".join(rule.as_line()), model)

    async def save_policy(self, model) -> bool:
        raise NotImplementedError("policy lines are stored one by one; the built-in file is read-only")

    async def add_policy(self, sec: str, ptype: str, rule: list[str]) -> bool:
        await PolicyRule.create(ptype=ptype, tenant_id=tenant_of(rule), **_columns(rule))
        return True

    async def add_policies(self, sec: str, ptype: str, rules: list[list[str]]) -> bool:
        await PolicyRule.bulk_create(
            [PolicyRule(ptype=ptype, tenant_id=tenant_of(rule), **_columns(rule)) for rule in rules]
        )
        return True

    async def remove_policy(self, sec: str, ptype: str, rule: list[str]) -> bool:
        await PolicyRule.filter(ptype=ptype, **_columns(rule)).delete()
        return True

    async def remove_policies(self, sec: str, ptype: str, rules: list[list[str]]) -> bool:
        for rule in rules:
            await self.remove_policy(sec, ptype, rule)
        return True

    async def remove_filtered_policy(self, sec: str, ptype: str, field_index: int, *field_values) -> bool:
        filters = {f"v{field_index + i}": value for i, value in enumerate(field_values) if value}
        await PolicyRule.filter(ptype=ptype, **filters).delete()
        return True
