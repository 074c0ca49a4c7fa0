"""The rules of policy.md §4 for one question, in their order, asked of the policy engine alone: no
database, no request. `explain()` (after reading the contact's facts) and the decision tables
(`policies/tables.py`) both ask it, so an explanation and a table row cannot disagree about the
order of the rules or the code a denial carries.

The questions are the ones `Access` asks, through the same `PolicyEngine` methods and the same
`TokenScope.allows`; tests/policies/test_tables.py checks every row of the default tables against
`Access` itself. The first rule that fails decides: 1 authenticated, 2 own tenant, 3 purpose
granted (not for administration, which is no processing purpose), 4 role (and token scope) allows
the object and action, 5 the contact's lawful basis, 6 explicit consent for special categories
(when reading: writes of special-category data are governed by rules 4 and 5, as in the
resolvers)."""

from dataclasses import dataclass, field

from policies.decision import TokenScope
from policies.engine import PolicyEngine, domain_of
from policies.vocabulary import (
    ADMINISTRATION,
    Action,
    BasisState,
    Category,
    ConsentLevel,
    ErrorCode,
    Resource,
)


@dataclass(frozen=True)
class ContactFacts:
    """What rules 2, 5 and 6 need to know about the contact."""

    tenant_id: int | None  # None: no such contact (never existed, or erased)
    state: BasisState = BasisState.NONE
    explicit: bool = False  # the latest consent for the purpose is an explicit grant


@dataclass(frozen=True)
class Question:
    subject: str | None  # the Casbin subject (a token's issuer); None: nobody authenticated
    tenant_id: int  # the principal's tenant
    purpose: str
    obj: str | None  # a data category or a resource; None: a structural field
    action: str = Action.READ.value
    contact: ContactFacts | None = None  # None: the operation touches no contact
    scope: TokenScope | None = None  # a partner token's scope, narrowing rules 3 and 4


@dataclass
class Explanation:
    allowed: bool
    code: ErrorCode | None
    reason: str
    category: Category | None
    lines: list[str] = field(default_factory=list)


def _enum(value: str | None, *kinds):
    for kind in kinds:
        try:
            return kind(value)
        except ValueError:
            continue
    return None


def _line(values) -> str:
    return ", ".join(values)


class _Asker:
    """Asks the engine; with `explain`, through the `explain_*` methods and keeping their lines."""

    def __init__(self, engine: PolicyEngine, domain: str, explain: bool):
        self.engine, self.domain, self.explain = engine, domain, explain
        self.lines: list[str] = []

    def permits(self, subject, obj, action, purpose) -> bool:
        if not self.explain:
            return self.engine.permits(subject, self.domain, obj, action, purpose)
        return self._keep(self.engine.explain_permits(subject, self.domain, obj, action, purpose))

    def basis(self, purpose: str, state: BasisState) -> bool:
        if not self.explain:
            return self.engine.basis_accepts(self.domain, purpose, state)
        return self._keep(self.engine.explain_basis(self.domain, purpose, state), every=True)

    def special(self, purpose: str, category: str, level: ConsentLevel) -> bool:
        if not self.explain:
            return self.engine.special_allows(self.domain, purpose, category, level)
        return self._keep(self.engine.explain_special(self.domain, purpose, category, level))

    def _keep(self, verdict, every: bool = False) -> bool:
        # A denied rule 3/4/6 names no line (nothing matched); rule 5 shows the basis either way.
        if verdict.allowed or every:
            self.lines += [_line(line) for line in verdict.lines]
        return verdict.allowed


def _scope_allows(scope: TokenScope | None, obj: str, action: str, purpose: str) -> bool:
    if scope is None:
        return True
    obj_enum, action_enum = _enum(obj, Category, Resource), _enum(action, Action)
    return obj_enum is not None and action_enum is not None and scope.allows(obj_enum, action_enum,
                                                                              purpose)


def judge(engine: PolicyEngine, q: Question, *, explain: bool = False) -> Explanation:
    """The decision for `q` (the caller has prepared the tenant's policy in `engine`)."""
    domain = domain_of(q.tenant_id)
    category = _enum(q.obj, Category)
    ask = _Asker(engine, domain, explain)
    roles = [_line(("g", q.subject, role, domain)) for role in engine.roles_of(q.subject, domain)] \
        if explain and q.subject else []

    def deny(code: ErrorCode, reason: str) -> Explanation:
        return Explanation(False, code, reason, category, [*roles, *ask.lines])

    if q.subject is None:
        return deny(ErrorCode.UNAUTHENTICATED, "Rule 1: nobody is authenticated.")
    contact = q.contact
    if contact is not None and contact.tenant_id != q.tenant_id:
        return deny(ErrorCode.NOT_FOUND, "Rule 2: no such contact in the tenant.")
    if q.purpose != ADMINISTRATION:
        if q.purpose not in engine.known_purposes(domain):
            return deny(ErrorCode.PURPOSE_NOT_ALLOWED, f"Rule 3: {q.purpose!r} is not a purpose of the tenant.")
        if not (ask.permits(q.subject, Resource.PURPOSE.value, Action.USE.value, q.purpose)
                and _scope_allows(q.scope, Resource.PURPOSE.value, Action.USE.value, q.purpose)):
            return deny(ErrorCode.PURPOSE_NOT_ALLOWED, f"Rule 3: no role grants purpose {q.purpose!r}.")
    if q.obj is not None and not (ask.permits(q.subject, q.obj, q.action, q.purpose)
                                  and _scope_allows(q.scope, q.obj, q.action, q.purpose)):
        return deny(ErrorCode.FORBIDDEN, f"Rule 4: no role may {q.action} {q.obj} for {q.purpose!r}.")
    if contact is not None:
        if not ask.basis(q.purpose, contact.state):
            code = (ErrorCode.PROCESSING_RESTRICTED if contact.state is BasisState.RESTRICTED
                    else ErrorCode.CONSENT_REQUIRED)
            return deny(code, f"Rule 5: the contact is in state {contact.state.value!r}, which the "
                        f"lawful basis of {q.purpose!r} does not accept.")
        if (q.action == Action.READ.value and q.obj is not None
                and q.obj in engine.special_categories()):
            level = ConsentLevel.EXPLICIT if contact.explicit else ConsentLevel.NONE
            if not ask.special(q.purpose, q.obj, level):
                return deny(ErrorCode.CONSENT_REQUIRED, f"Rule 6: {q.obj} data needs explicit "
                            f"consent for {q.purpose!r}.")
    return Explanation(True, None, "Allowed: every rule of policy.md §4 holds.", category,
                       [*roles, *ask.lines])
