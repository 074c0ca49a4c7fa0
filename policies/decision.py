"""The decision point: every resolver asks an `Access` (one per request) before it reads or writes.

It answers the six rules of policy.md §4 for one principal and one declared purpose:
rule 1 `principal`, rule 3 `purpose`, rule 4 `can`/`require`, rules 2 and 5 as a SQL row filter
(`contact_filter`) and per object (`contact_denial`), rule 6 `special_allowed`. Every answer comes
from the Casbin policy through `PolicyEngine`; nothing here knows a role or a purpose by name."""

from dataclasses import dataclass, field
from functools import cached_property

from tortoise.expressions import Q, Subquery

from models import ContactPurposeState
from policies.engine import PolicyEngine
from policies.errors import CodedError, not_found
from policies.vocabulary import (
    ADMINISTRATION,
    UNRESTRICTED_STATES,
    Action,
    BasisState,
    Category,
    ConsentLevel,
    ErrorCode,
    Resource,
    basis_state,
)


@dataclass(frozen=True)
class Principal:
    """Who is asking: a user through a login session, or a partner's API token.

    `subject` is whose rights the policy checks: the user, and for a token its issuer, so a token
    never exceeds its issuer's current rights. `actor` is who acted, for the audit trail."""

    subject: str  # the Casbin subject, e.g. "user:12"
    tenant_id: int
    user_id: int | None = None
    session_id: int | None = None
    token_id: int | None = None

    @property
    def domain(self) -> str:
        return f"tenant:{self.tenant_id}"

    @property
    def actor(self) -> str:
        return f"token:{self.token_id}" if self.token_id is not None else self.subject


@dataclass
class Access:
    engine: PolicyEngine
    principal_or_none: Principal | None
    declared_purpose: str | None
    reported: set = field(default_factory=set)  # denials already reported in this request
    memo: dict = field(default_factory=dict)  # per-request results of the field helpers

    # -- rule 1 ----------------------------------------------------------------------------------
    @property
    def principal(self) -> Principal:
        if self.principal_or_none is None:
            raise CodedError(ErrorCode.UNAUTHENTICATED)
        return self.principal_or_none

    # -- rule 3: one purpose for the whole operation -----------------------------------------------
    @cached_property
    def purpose(self) -> str:
        principal = self.principal
        if not self.declared_purpose:
            raise CodedError(ErrorCode.PURPOSE_REQUIRED)
        purpose = self.declared_purpose
        known = self.engine.known_purposes(principal.domain)
        if purpose not in known or not self.engine.permits(
            principal.subject, principal.domain, Resource.PURPOSE.value, Action.USE.value, purpose
        ):
            # One answer for unknown and not granted: the caller learns no purpose it may not use.
            raise CodedError(ErrorCode.PURPOSE_NOT_ALLOWED,
                             f"The purpose {purpose!r} is unknown or not granted to the caller.")
        return purpose

    # -- rule 4 ----------------------------------------------------------------------------------
    def can(self, obj: Category | Resource, action: Action = Action.READ) -> bool:
        principal = self.principal
        return self.engine.permits(principal.subject, principal.domain, obj.value, action.value,
                                   self.purpose)

    def can_for(self, obj: Category | Resource, action: Action, purpose: str) -> bool:
        """Rule 4 for an action done *for* another purpose than the operation's (consent records)."""
        principal = self.principal
        return self.engine.permits(principal.subject, principal.domain, obj.value, action.value,
                                   purpose)

    def require(self, obj: Category | Resource, action: Action = Action.READ) -> None:
        if not self.can(obj, action):
            raise CodedError(ErrorCode.FORBIDDEN,
                             f"Not allowed to {action.value} {obj.value} for purpose {self.purpose!r}.")

    def require_administration(self, resource: Resource, action: Action) -> None:
        """Operations on users, tokens and the audit log: not tied to a processing purpose."""
        principal = self.principal
        if not self.engine.permits(principal.subject, principal.domain, resource.value,
                                   action.value, ADMINISTRATION):
            raise CodedError(ErrorCode.FORBIDDEN, f"Not allowed to {action.value} {resource.value}.")

    # -- rule 5 ----------------------------------------------------------------------------------
    @cached_property
    def allowed_states(self) -> frozenset[BasisState]:
        domain, purpose = self.principal.domain, self.purpose
        return frozenset(s for s in BasisState if self.engine.basis_accepts(domain, purpose, s))

    def contact_filter(self) -> Q:
        """Rules 2 and 5 as a SQL filter on contacts, derived from the basis lines of the policy."""
        q = Q(tenant_id=self.principal.tenant_id, erased_at__isnull=True)
        unrestricted = self._unrestricted_filter()
        if BasisState.RESTRICTED not in self.allowed_states:
            return q & Q(processing_restricted=False) & unrestricted
        if self.allowed_states >= UNRESTRICTED_STATES:
            return q
        return q & (Q(processing_restricted=True) | unrestricted)

    def _unrestricted_filter(self) -> Q:
        allowed = self.allowed_states & UNRESTRICTED_STATES
        if allowed == UNRESTRICTED_STATES:
            return Q()
        # A contact without a state row for the purpose is in state NONE, so when NONE is allowed
        # the filter excludes the denied states instead of listing the allowed ones.
        if BasisState.NONE in allowed:
            return ~Q(id__in=self._state_rows(UNRESTRICTED_STATES - allowed))
        return Q(id__in=self._state_rows(allowed))

    def _state_rows(self, states: frozenset[BasisState]) -> Subquery:
        return Subquery(
            ContactPurposeState.filter(
                tenant_id=self.principal.tenant_id,
                purpose=self.purpose,
                basis_state__in=[s.value for s in states],
            ).values("contact_id")
        )

    def contact_denial(self, contact: dict | None,
                       state: ContactPurposeState | None) -> CodedError | None:
        """Rules 2 and 5 for one loaded contact row; the same policy lines as `contact_filter`."""
        if (contact is None or contact["tenant_id"] != self.principal.tenant_id
                or contact["erased_at"] is not None):
            return not_found()
        current = basis_state(
            restricted=contact["processing_restricted"],
            objected=bool(state and state.objected),
            consent=state.consent if state else None,
        )
        if current in self.allowed_states:
            return None
        if current is BasisState.RESTRICTED:
            return CodedError(ErrorCode.PROCESSING_RESTRICTED)
        return CodedError(ErrorCode.CONSENT_REQUIRED,
                          f"The contact has no lawful basis for purpose {self.purpose!r}.")

    # -- rule 6 ----------------------------------------------------------------------------------
    def special_allowed(self, category: Category, explicit: bool) -> bool:
        level = ConsentLevel.EXPLICIT if explicit else ConsentLevel.NONE
        return self.engine.special_allows(self.principal.domain, self.purpose, category.value, level)

    @cached_property
    def special_categories(self) -> frozenset[str]:
        return self.engine.special_categories()

    def report_once(self, key: tuple) -> bool:
        """True the first time a denial is seen in this request: one error per field selection."""
        if key in self.reported:
            return False
        self.reported.add(key)
        return True
