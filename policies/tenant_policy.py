"""One tenant's compiled policy: a Casbin enforcer holding the built-in lines (domain `*`) and that
tenant's own lines, and nothing of any other tenant.

pycasbin checks policy lines one by one (~2 µs each here), so one enforcer holding every tenant's
lines would decide in time proportional to the number of tenants. An enforcer per tenant decides
at the cost of the built-in policy plus one tenant's rules, however many tenants there are. The
built-in part is parsed once (`Builtin`) and shared: a tenant's enforcer copies only the lists
that point at the built-in lines (~25 KB a tenant)."""

import copy
import time
from pathlib import Path

import casbin

from policies.adapter import BUILTIN_POLICY, MODEL_CONF
from policies.vocabulary import BasisState, ConsentLevel

# The line types a tenant may hold, and where their domain is (index after the ptype). `p2`, `p3`
# and `g3` lines have no domain: they are built-in only.
TENANT_LINE_DOMAIN = {"p": 1, "g": 2, "g2": 2}
# g3 groups of policy.csv that model.conf's matchers refer to.
BUILTIN_PURPOSE, RESERVED_PURPOSE, RESERVED_BASIS = "builtin_purpose", "reserved_purpose", "reserved_basis"
TENANT_GRANTABLE = "tenant_grantable"


def domain_matches(request_domain: str, line_domain: str) -> bool:
    """Lines in domain `*` are the built-in defaults of every tenant."""
    return line_domain == "*" or request_domain == line_domain


def parse_line(text: str) -> list[str] | None:
    """`p, admin, *, identity, read, sales, allow` -> its values; None for blanks and comments."""
    text = text.strip()
    if not text or text.startswith("#"):
        return None
    return [value.strip() for value in text.split(",")]


def foreign(domain: str, line) -> str | None:
    """Why `line` cannot be a rule of the tenant `domain` (None when it can). Such a line is never
    loaded into the tenant's enforcer, whoever stored it: a tenant's rules live in its own domain."""
    ptype, values = line[0], line[1:]
    if ptype not in TENANT_LINE_DOMAIN:
        return f"{ptype!r} lines are built-in only"
    index = TENANT_LINE_DOMAIN[ptype]
    if len(values) <= index or values[index] != domain:
        return f"its domain is not {domain}"
    return None


class Builtin:
    """model.conf parsed once, with the built-in lines (policy.csv, or another file for tests)."""

    def __init__(self, model_path: Path = MODEL_CONF, policy_path: Path | None = BUILTIN_POLICY):
        self._empty = casbin.Enforcer.new_model(str(model_path))
        self.model = copy.deepcopy(self._empty)
        self.lines: list[list[str]] = []
        if policy_path is not None:
            for text in Path(policy_path).read_text().splitlines():
                line = parse_line(text)
                if line and self._add(self.model, line):
                    self.lines.append(line)
        self.special_categories = frozenset(rule[1] for rule in self.model["p"]["p3"].policy)

    @staticmethod
    def _add(model, line: list[str]) -> bool:
        sec = line[0][0]
        if sec not in ("p", "g") or line[0] not in model[sec].keys():
            return False
        return model.add_policy(sec, line[0], line[1:])

    def enforcer(self, lines) -> casbin.Enforcer:
        """An enforcer with the built-in lines (shared, not copied) and `lines`."""
        model = copy.deepcopy(self._empty)
        for sec in ("p", "g"):
            for ptype, source in self.model[sec].items():
                target = model[sec][ptype]
                target.policy, target.policy_map = list(source.policy), dict(source.policy_map)
        for line in lines:
            self._add(model, list(line))
        enforcer = casbin.Enforcer(model)
        enforcer.add_named_domain_matching_func("g2", domain_matches)
        enforcer.build_role_links()
        return enforcer


class TenantPolicy:
    """One tenant's enforcer, the lines it holds besides the built-in ones, and its decision memo."""

    def __init__(self, builtin: Builtin, domain: str, lines, version: int = 0):
        self.domain = domain
        self.version = version  # the tenant's policy version the lines were read at (versions.py)
        self.builtin = builtin
        self.lines = tuple(tuple(line) for line in lines if foreign(domain, line) is None)
        self.ignored = tuple(tuple(line) for line in lines if foreign(domain, line) is not None)
        self.enforcer = builtin.enforcer(self.lines)
        self.memo: dict[tuple, bool] = {}
        self.basis_ctx = self.enforcer.new_enforce_context("2")
        self.special_ctx = self.enforcer.new_enforce_context("3")
        self.last_used = time.monotonic()

    def with_lines(self, lines) -> "TenantPolicy":
        return TenantPolicy(self.builtin, self.domain, lines, self.version)

    def in_group(self, name: str, group: str) -> bool:
        """g3 membership, as the matchers test it (pycasbin: every name is in its own group)."""
        return self.enforcer.get_named_role_manager("g3").has_link(name, group)

    # -- the three questions, for Casbin (memoized by the engine) --------------------------------
    def permits_request(self, subject, obj, action, purpose) -> tuple:
        return (subject, self.domain, obj, action, purpose)

    def basis_request(self, purpose: str, state: BasisState) -> tuple:
        return (self.basis_ctx, self.domain, purpose, state.value)

    def special_request(self, purpose: str, category: str, consent: ConsentLevel) -> tuple:
        return (self.special_ctx, self.domain, purpose, category, consent.value)

    # -- what the lines say, read the way the matchers read them ----------------------------------
    def purpose_bases(self) -> list[tuple[str, str, bool]]:
        """(purpose, basis, built_in) of every purpose definition that takes effect here: the
        built-in ones, and the tenant's own for names that are not built-in or reserved."""
        result = []
        for purpose, basis, line_domain in self.enforcer.get_named_grouping_policy("g2"):
            if line_domain == "*":
                result.append((purpose, basis, True))
            elif (line_domain == self.domain and not self.in_group(purpose, BUILTIN_PURPOSE)
                  and not self.in_group(basis, RESERVED_BASIS)):
                result.append((purpose, basis, False))
        return result

    def roles_of(self, subject: str) -> list[str]:
        return [role for sub, role, dom in self.enforcer.get_named_grouping_policy("g")
                if sub == subject and dom == self.domain]

    def basis_lines(self, purpose: str) -> list[tuple[str, ...]]:
        return [("g2", name, basis, "*" if built_in else self.domain)
                for name, basis, built_in in self.purpose_bases() if name == purpose]
