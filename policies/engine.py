"""The policy engine: one Casbin enforcer per process, and a memo of its decisions.

pycasbin scans policy lines one by one (~0.6 ms per decision with the default policy here), so
decisions are memoized per process. The memo is dropped on every policy change made through this
engine (and, across processes, by the watcher), so no decision outlives the policy it came from."""

from dataclasses import dataclass

import casbin

from policies.adapter import MODEL_CONF, TortoiseAdapter
from policies.vocabulary import BasisState, ConsentLevel

MEMO_LIMIT = 100_000


def _domain_matches(request_domain: str, line_domain: str) -> bool:
    """Lines in domain `*` are the built-in defaults of every tenant."""
    return line_domain == "*" or request_domain == line_domain


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    lines: tuple[tuple[str, ...], ...]  # the policy lines that decided, for explain


class PolicyEngine:
    def __init__(self, enforcer: casbin.AsyncEnforcer):
        self.enforcer = enforcer
        self._memo: dict[tuple, bool] = {}
        self.enforce_calls = 0  # real Casbin evaluations, for benchmarks and tests
        self._basis_ctx = enforcer.new_enforce_context("2")
        self._special_ctx = enforcer.new_enforce_context("3")

    @classmethod
    async def load(cls) -> "PolicyEngine":
        enforcer = casbin.AsyncEnforcer(str(MODEL_CONF), TortoiseAdapter())
        enforcer.add_named_domain_matching_func("g2", _domain_matches)
        await enforcer.load_policy()
        return cls(enforcer)

    async def reload(self) -> None:
        await self.enforcer.load_policy()
        self.invalidate()

    def invalidate(self) -> None:
        self._memo.clear()

    def _decide(self, key: tuple, *rvals) -> bool:
        allowed = self._memo.get(key)
        if allowed is None:
            self.enforce_calls += 1
            allowed = self.enforcer.enforce(*rvals)
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            self._memo[key] = allowed
        return allowed

    # -- the three questions of model.conf -------------------------------------------------------
    def permits(self, subject: str, domain: str, obj: str, action: str, purpose: str) -> bool:
        return self._decide(("r", subject, domain, obj, action, purpose),
                            subject, domain, obj, action, purpose)

    def basis_accepts(self, domain: str, purpose: str, state: BasisState) -> bool:
        return self._decide(("r2", domain, purpose, state.value),
                            self._basis_ctx, domain, purpose, state.value)

    def special_allows(self, domain: str, purpose: str, category: str, consent: ConsentLevel) -> bool:
        return self._decide(("r3", domain, purpose, category, consent.value),
                            self._special_ctx, domain, purpose, category, consent.value)

    def special_categories(self) -> frozenset[str]:
        """Categories that rule 6 governs: those named in `p3` lines."""
        return frozenset(line[1] for line in self.enforcer.get_named_policy("p3"))

    def known_purposes(self, domain: str) -> frozenset[str]:
        """Purposes with a lawful basis in this tenant: built-in (`*`) and the tenant's own."""
        return frozenset(
            purpose for purpose, _basis, line_domain in self.enforcer.get_named_grouping_policy("g2")
            if _domain_matches(domain, line_domain)
        )

    # -- explain: the same questions, with the lines that decided --------------------------------
    def explain_permits(self, subject, domain, obj, action, purpose) -> Verdict:
        allowed, line = self.enforcer.enforce_ex(subject, domain, obj, action, purpose)
        return Verdict(allowed, (("p", *line),) if line else ())

    def explain_basis(self, domain: str, purpose: str, state: BasisState) -> Verdict:
        allowed, line = self.enforcer.enforce_ex(self._basis_ctx, domain, purpose, state.value)
        basis = [g for g in self.enforcer.get_named_grouping_policy("g2")
                 if g[0] == purpose and _domain_matches(domain, g[2])]
        return Verdict(allowed, tuple(tuple(x) for x in [*(["g2", *b] for b in basis),
                                                        *([["p2", *line]] if line else [])]))

    def explain_special(self, domain, purpose, category, consent: ConsentLevel) -> Verdict:
        allowed, line = self.enforcer.enforce_ex(self._special_ctx, domain, purpose, category,
                                                 consent.value)
        return Verdict(allowed, (("p3", *line),) if line else ())

    # -- changes ---------------------------------------------------------------------------------
    async def assign_role(self, subject: str, role: str, domain: str) -> None:
        await self.enforcer.add_named_grouping_policy("g", subject, role, domain)
        self.invalidate()

    async def revoke_role(self, subject: str, role: str, domain: str) -> None:
        await self.enforcer.remove_named_grouping_policy("g", subject, role, domain)
        self.invalidate()

    def roles_of(self, subject: str, domain: str) -> list[str]:
        """Direct roles of `subject` in `domain` (the enforcer's own method is a coroutine)."""
        return [role for sub, role, dom in self.enforcer.get_named_grouping_policy("g")
                if sub == subject and dom == domain]
