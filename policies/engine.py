"""The policy engine: one Casbin enforcer per tenant, loaded lazily, and a memo of their decisions.

Each tenant's enforcer holds the built-in lines and that tenant's own lines only
(`policies/tenant_policy.py`), so a decision costs the same with one tenant or a thousand. A
tenant's policy is loaded on its first request (`prepare`, awaited by the server before the
request's `Access` is used) and kept while it is used; the decisions themselves stay synchronous.

Freshness (docs/policy-as-code.md#versions): every request brings the tenant's policy version,
read from the database with its session or token (policies/versions.py); a copy older than that
is re-read before anything is decided. So a change committed before a request started is in
effect for it, on every worker, whether or not the watcher's message arrived; the message only
makes the re-read happen earlier, off the request's path.

Changes (`change`, and `add_lines`/`remove_lines` through it) are decided against the lines the
database holds, inside their own transaction, under the tenant row's lock: never against this
process's copy, which may be behind. That copy is replaced from committed state only — right after
the change when it committed, else by the next request's version check — never from the
transaction's own view, which a rollback could still undo."""

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import structlog

from policies.adapter import BUILTIN_POLICY, MemorySource, TortoiseAdapter, tenant_of
from policies.tenant_policy import Builtin, TenantPolicy
from policies.versions import inside_transaction
from policies.vocabulary import BasisState, ConsentLevel

log = structlog.get_logger("salesplus.policy")
T = TypeVar("T")

MEMO_LIMIT = 100_000  # decisions remembered per process, all tenants together
MAX_TENANTS = 1_000  # tenant enforcers kept (~90 KiB each); the least recently used idle go first
IDLE_SECONDS = 60.0  # a tenant used this recently is never evicted (its requests may be running)


class PolicyNotLoaded(RuntimeError):
    """A decision was asked for a tenant whose policy was not prepared: a programming error (the
    server prepares the caller's tenant before building `Access`)."""


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    lines: tuple[tuple[str, ...], ...]  # the policy lines that decided, for explain


def domain_of(tenant_id: int) -> str:
    return f"tenant:{tenant_id}"


class PolicyEngine:
    def __init__(self, source, builtin: Builtin | None = None, *, max_tenants: int = MAX_TENANTS):
        self.source = source  # TortoiseAdapter (the database) or MemorySource (tables, benchmarks)
        self.builtin = builtin or Builtin()
        self.max_tenants = max_tenants
        self._tenants: OrderedDict[str, TenantPolicy] = OrderedDict()
        self._locks: dict[str, asyncio.Lock] = {}
        self._memo_size = 0
        self.enforce_calls = 0  # real Casbin evaluations, for benchmarks and tests
        self.loads = 0  # tenant policies read from the source, for benchmarks and tests
        self.watcher = None  # set by policies.watcher.start_watcher

    @classmethod
    async def load(cls) -> "PolicyEngine":
        """The production engine over the database. Tenants load on first use, not here."""
        return cls(TortoiseAdapter())

    @classmethod
    def in_memory(cls, lines=(), *, policy_path: Path | None = BUILTIN_POLICY) -> "PolicyEngine":
        """An engine over model.conf, `policy_path` (None: no built-in lines at all) and `lines`
        (tenant lines, each filed under the first `tenant:N` it names): decision tables, tests."""
        return cls(MemorySource(lines), Builtin(policy_path=policy_path))

    # -- loading ---------------------------------------------------------------------------------
    async def prepare(self, domain: str, version: int | None = None) -> None:
        """Make sure the tenant's policy is loaded before any decision for that tenant, and, given
        the tenant's current policy `version` (read with the request's credentials), that the copy
        held is not older: a worker that is behind re-reads first."""
        policy = self._tenants.get(domain)
        if policy is not None and (version is None or policy.version >= version):
            policy.last_used = time.monotonic()
            self._tenants.move_to_end(domain)
            return
        await self._load(domain, at_least=version)

    async def reload(self, domain: str | None = None) -> None:
        """Re-read one tenant's lines (None: every loaded tenant's) from the source. A tenant that
        is not loaded is left alone: it will be read fresh when first used."""
        for name in [domain] if domain else list(self._tenants):
            await self._load(name, only_loaded=True)

    def loaded(self) -> list[str]:
        return list(self._tenants)

    def version(self, domain: str) -> int | None:
        """The policy version of the copy held (None: not loaded)."""
        policy = self._tenants.get(domain)
        return None if policy is None else policy.version

    def invalidate(self, domain: str | None = None) -> None:
        """Forget memoized decisions (of one tenant, or all)."""
        for name, policy in self._tenants.items():
            if domain is None or name == domain:
                policy.memo.clear()
        if domain is None:
            self._memo_size = 0

    async def _load(self, domain: str, *, at_least: int | None = None, only_loaded: bool = False) -> None:
        """Read the tenant's version and lines, one load of a tenant at a time. Skipped when
        another task has meanwhile loaded a copy at least `at_least` new (a first load, or a
        version check), or, with `only_loaded`, when the tenant is not loaded (a watcher's re-read)."""
        tenant_id = tenant_of([domain])
        if tenant_id is None:
            raise ValueError(f"not a tenant domain: {domain!r}")
        async with self._lock(domain):
            held = self._tenants.get(domain)
            if only_loaded and held is None:
                return
            if not only_loaded and held is not None and (at_least is None or held.version >= at_least):
                return
            version, lines = await self.source.tenant_state(tenant_id)
            self.loads += 1
            self._install(TenantPolicy(self.builtin, domain, lines, version))

    def _lock(self, domain: str) -> asyncio.Lock:
        lock = self._locks.get(domain)
        if lock is None:
            lock = self._locks[domain] = asyncio.Lock()
        return lock

    def _install(self, policy: TenantPolicy) -> None:
        if policy.ignored:
            log.warning("tenant policy lines ignored", domain=policy.domain,
                        lines=[", ".join(line) for line in policy.ignored])
        self._tenants[policy.domain] = policy
        self._tenants.move_to_end(policy.domain)
        idle_before = time.monotonic() - IDLE_SECONDS
        for name in list(self._tenants)[: max(0, len(self._tenants) - self.max_tenants)]:
            if self._tenants[name].last_used < idle_before:
                del self._tenants[name]

    def tenant(self, domain: str) -> TenantPolicy:
        policy = self._tenants.get(domain)
        if policy is None:
            raise PolicyNotLoaded(f"the policy of {domain} was not prepared")
        return policy

    # -- the three questions of model.conf -------------------------------------------------------
    def _decide(self, policy: TenantPolicy, key: tuple, request: tuple) -> bool:
        allowed = policy.memo.get(key)
        if allowed is None:
            self.enforce_calls += 1
            allowed = policy.enforcer.enforce(*request)
            if self._memo_size >= MEMO_LIMIT:
                self.invalidate()
            policy.memo[key] = allowed
            self._memo_size += 1
        return allowed

    def permits(self, subject: str, domain: str, obj: str, action: str, purpose: str) -> bool:
        policy = self.tenant(domain)
        return self._decide(policy, ("r", subject, obj, action, purpose),
                            policy.permits_request(subject, obj, action, purpose))

    def basis_accepts(self, domain: str, purpose: str, state: BasisState) -> bool:
        policy = self.tenant(domain)
        return self._decide(policy, ("r2", purpose, state.value), policy.basis_request(purpose, state))

    def special_allows(self, domain: str, purpose: str, category: str, consent: ConsentLevel) -> bool:
        policy = self.tenant(domain)
        return self._decide(policy, ("r3", purpose, category, consent.value),
                            policy.special_request(purpose, category, consent))

    def special_categories(self) -> frozenset[str]:
        """Categories that rule 6 governs: those named in `p3` lines (built-in only)."""
        return self.builtin.special_categories

    def known_purposes(self, domain: str) -> frozenset[str]:
        """Purposes with a lawful basis in this tenant: built-in (`*`) and the tenant's own."""
        return frozenset(purpose for purpose, _basis, _builtin in self.tenant(domain).purpose_bases())

    def purpose_bases(self, domain: str) -> list[tuple[str, str, bool]]:
        """(purpose, lawful basis, built-in?) of every purpose of the tenant."""
        return self.tenant(domain).purpose_bases()

    def lawful_basis(self, domain: str, purpose: str) -> str | None:
        """The lawful basis of a purpose in this tenant (its `g2` line), or None if unknown."""
        return next((basis for name, basis, _builtin in self.tenant(domain).purpose_bases()
                     if name == purpose), None)

    def roles_of(self, subject: str, domain: str) -> list[str]:
        """Direct roles of `subject` in `domain`."""
        return self.tenant(domain).roles_of(subject)

    def tenant_lines(self, domain: str) -> tuple[tuple[str, ...], ...]:
        """The tenant's own lines in effect (role assignments and tenant rules)."""
        return self.tenant(domain).lines

    def in_group(self, domain: str, name: str, group: str) -> bool:
        """`g3` membership (builtin_purpose, reserved_purpose, ...), as the matchers read it."""
        return self.tenant(domain).in_group(name, group)

    # -- explain: the same questions, with the lines that decided --------------------------------
    def explain_permits(self, subject, domain, obj, action, purpose) -> Verdict:
        policy = self.tenant(domain)
        allowed, line = policy.enforcer.enforce_ex(*policy.permits_request(subject, obj, action, purpose))
        return Verdict(allowed, (("p", *line),) if line else ())

    def explain_basis(self, domain: str, purpose: str, state: BasisState) -> Verdict:
        policy = self.tenant(domain)
        allowed, line = policy.enforcer.enforce_ex(*policy.basis_request(purpose, state))
        return Verdict(allowed, (*policy.basis_lines(purpose), *([("p2", *line)] if line else [])))

    def explain_special(self, domain, purpose, category, consent: ConsentLevel) -> Verdict:
        policy = self.tenant(domain)
        allowed, line = policy.enforcer.enforce_ex(*policy.special_request(purpose, category, consent))
        return Verdict(allowed, (("p3", *line),) if line else ())

    # -- changes ---------------------------------------------------------------------------------
    async def change(self, tenant_id: int, edit: Callable[["PolicyEngine"], Awaitable[T]]) -> T:
        """Run `edit(view)` in one transaction against the tenant's policy as the database holds
        it: the version is bumped first (the tenant row's lock: one change of a tenant at a time,
        on every worker), then the committed lines are read into `view`, an engine of its own
        whose `add_lines`/`remove_lines` write to the database and apply to the view at once, so
        `edit` decides (checks, diffs, answers) against what is stored, its own writes included.
        Nested in a caller's transaction (a mutation with its audit event), it commits with it."""
        domain = domain_of(tenant_id)
        async with self.source.changing(tenant_id) as (version, lines):
            view = PolicyEngine(self.source, self.builtin)
            view._editing = domain
            view._install(self._same_or_new(domain, lines, version))
            result = await edit(view)
        if view._changed:
            await self._committed(domain, version)
        return result

    def _same_or_new(self, domain: str, lines, version: int) -> TenantPolicy:
        """The copy held here when it holds exactly `lines` (the usual case: its enforcer and
        memo are reused, as a change's checks ask dozens of questions), else a new one."""
        held = self._tenants.get(domain)
        if held is not None and (*held.lines, *held.ignored) == tuple(tuple(line) for line in lines):
            return held
        return TenantPolicy(self.builtin, domain, lines, version)

    async def _committed(self, domain: str, version: int) -> None:
        """After a change: read it here once it is committed, and tell the other processes."""
        if not inside_transaction():
            await self._load(domain, at_least=version)  # committed: this copy follows at once
        # else the caller's transaction is still open: the next request's version check (or the
        # watcher, once the transaction has ended) re-reads the committed state.
        if self.watcher is not None:
            await self.watcher.changed(domain)

    _editing: str | None = None  # the tenant whose view this engine is, inside `change`
    _changed = False

    async def add_lines(self, tenant_id: int, lines) -> list[list[str]]:
        """Store `lines` as rules of the tenant (those not stored yet) and return them. No
        validation here (policies/tenant_rules.py validates what admins ask for): whatever is
        stored, the model bounds what a tenant line can do."""
        domain = domain_of(tenant_id)
        if self._editing != domain:
            return await self.change(tenant_id, lambda view: view.add_lines(tenant_id, lines))
        policy = self.tenant(domain)
        present = {*policy.lines, *policy.ignored}
        new = [list(line) for line in dict.fromkeys(tuple(line) for line in lines)
               if tuple(line) not in present]
        if new:
            await self.source.add_lines(tenant_id, new)
            self._install(policy.with_lines([*policy.lines, *policy.ignored, *new]))
            self._changed = True
        return new

    async def remove_lines(self, tenant_id: int, lines) -> list[list[str]]:
        """Delete rules of the tenant; returns those that were stored."""
        domain = domain_of(tenant_id)
        if self._editing != domain:
            return await self.change(tenant_id, lambda view: view.remove_lines(tenant_id, lines))
        policy = self.tenant(domain)
        gone = {tuple(line) for line in lines}
        held = [*policy.lines, *policy.ignored]
        removed = [list(line) for line in held if line in gone]
        if removed:
            await self.source.remove_lines(tenant_id, removed)
            self._install(policy.with_lines([line for line in held if line not in gone]))
            self._changed = True
        return removed

    async def assign_role(self, subject: str, role: str, domain: str) -> None:
        await self.add_lines(tenant_of([domain]), [["g", subject, role, domain]])

    async def revoke_role(self, subject: str, role: str, domain: str) -> None:
        await self.remove_lines(tenant_of([domain]), [["g", subject, role, domain]])
