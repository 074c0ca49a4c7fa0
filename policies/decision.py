"""The decision point: every resolver asks an `Access` (one per request) before it reads or writes.

It answers the six rules of policy.md §4 for one principal and one declared purpose:
rule 1 `principal`, rule 3 `purpose`, rule 4 `can`/`require`, rules 2 and 5 as a SQL row filter
(`contact_filter`) and per object (`contact_denial`), rule 6 `special_allowed`. Every answer comes
from the Casbin policy through `PolicyEngine`; nothing here knows a role or a purpose by name."""

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from tortoise.expressions import Q, Subquery

from data.scope import TenantScope
from models import Contact, ContactPurposeState
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
    LawfulBasis,
    Resource,
    basis_state,
)

LEGAL_REFERENCE_MAX = 200  # characters of X-Legal-Reference (the column's size)


# What a token's scope says about resources that are not data categories: recording consent or an
# objection is a write of preferences data (api.md files `consents` under [preferences]). Every
# other resource (restriction, erasure, data subject requests, administration) is outside any scope.
SCOPED_RESOURCES = {Resource.CONSENT: Category.PREFERENCES, Resource.OBJECTION: Category.PREFERENCES}


@dataclass(frozen=True)
class TokenScope:
    """A partner token's purposes, categories and actions (read, write): a bound on its issuer's
    rights, checked on every decision together with them (docs/tokens.md)."""

    purposes: frozenset[str]
    categories: frozenset[str]
    actions: frozenset[str]

    def allows(self, obj: Category | Resource, action: Action, purpose: str) -> bool:
        if purpose not in self.purposes:
            return False
        if obj is Resource.PURPOSE:
            return action is Action.USE
        if isinstance(obj, Resource) and obj in SCOPED_RESOURCES:
            obj, action = SCOPED_RESOURCES[obj], Action.WRITE
        return (isinstance(obj, Category) and obj.value in self.categories
                and action.value in self.actions)


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
    scope: TokenScope | None = None  # a token's scope; None for a user
    # The tenant's policy version, read with the credentials (policies/versions.py): the engine
    # re-reads an older copy of the tenant's policy before deciding. None: no check (commands).
    policy_version: int | None = field(default=None, compare=False)

    @property
    def domain(self) -> str:
        return f"tenant:{self.tenant_id}"

    @property
    def tenant_scope(self) -> TenantScope:
        """The principal's tenant as the data layer applies it (data/scope.py)."""
        return TenantScope(self.tenant_id)

    @property
    def actor(self) -> str:
        return f"token:{self.token_id}" if self.token_id is not None else self.subject


@dataclass
class Touched:
    """What one request did with contacts' personal data, noted by the decision point while it
    decides: the contacts it reached, the objects built for the response (with the fields each
    withheld), the categories refused outright. Both the audit trail (audit/, one event per
    operation) and legal disclosures read it, so there is one record of an access, not two.

    `objects` holds (type, object id, contact id, denied fields) per object from `project()`;
    which categories were *returned* also depends on the fields the client selected, so it is
    worked out at the end of the operation (audit/selection.py). Noting costs one append."""

    contact_ids: set = field(default_factory=set)
    objects: list = field(default_factory=list)
    refused: set = field(default_factory=set)  # category values refused by `Access.require`
    noted: set = field(default_factory=set)  # categories returned outside `project()` (exports)

    def saw(self, cls: type, object_id: Any, contact_id: int | None, denied: dict) -> None:
        self.objects.append((cls, object_id, contact_id, denied))
        if contact_id is not None:
            self.contact_ids.add(contact_id)

    def note(self, contact_id: int | None, returned=(), denied=()) -> None:
        """For data returned without `project()` (an export, a disclosure): say what it was."""
        if contact_id is not None:
            self.contact_ids.add(contact_id)
        self.noted.update(getattr(c, "value", c) for c in returned)
        self.refused.update(getattr(c, "value", c) for c in denied)

    def __bool__(self) -> bool:
        return bool(self.contact_ids or self.objects or self.refused or self.noted)


@dataclass
class Access:
    """One request's decisions. For a token, every answer is the issuer's current rights AND the
    token's scope (`_permits`), so `can`, `can_for`, `purpose` and `require_administration` all
    narrow alike. A purpose whose lawful basis is legal_obligation is refused without a valid
    X-Legal-Reference (`legal_reference`, as sent); once granted, `legal_process` holds it for the
    records of the operation. `touched` collects what the request returned."""

    engine: PolicyEngine
    principal_or_none: Principal | None
    declared_purpose: str | None
    reported: set = field(default_factory=set)  # denials already reported in this request
    memo: dict = field(default_factory=dict)  # per-request results of the field helpers
    touched: Touched = field(default_factory=Touched)  # for the audit trail and disclosures
    legal_reference: str | None = None  # X-Legal-Reference as sent, checked by `purpose`
    # The reference the operation answers: set (trimmed, 1-200 printable characters) only once
    # rule 3 granted a purpose whose basis is legal_obligation; None otherwise. Records use this.
    legal_process: str | None = field(default=None, init=False)

    # -- rule 2: the caller's tenant, applied by the data layer ------------------------------------
    def rows(self, model: type):
        """The caller's tenant's rows of `model` (data/scope.py): the way resolvers query."""
        return self.principal.tenant_scope.rows(model)

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
        purpose = self.declared_purpose or self._implied_purpose()
        if not purpose:
            raise CodedError(ErrorCode.PURPOSE_REQUIRED)
        known = self.engine.known_purposes(principal.domain)
        if purpose not in known or not self.may_declare(purpose):
            # One answer for unknown and not granted: the caller learns no purpose it may not use.
            raise CodedError(ErrorCode.PURPOSE_NOT_ALLOWED,
                             f"The purpose {purpose!r} is unknown or not granted to the caller.")
        self._check_legal_reference(purpose)
        return purpose

    @property
    def decided_purpose(self) -> str | None:
        """The operation's purpose if rule 3 granted one in this request (a token's implied
        purpose included), without deciding it now: for records made after the operation."""
        return self.__dict__.get("purpose")

    def may_declare(self, purpose: str) -> bool:
        """Rule 3 for one purpose: a role grants it (and, for a token, so does its scope)."""
        return self._permits(Resource.PURPOSE, Action.USE, purpose)

    def _implied_purpose(self) -> str | None:
        """A token with exactly one purpose may leave X-Purpose out (policy.md §2)."""
        scope = self.principal.scope
        return next(iter(scope.purposes)) if scope and len(scope.purposes) == 1 else None

    def _check_legal_reference(self, purpose: str) -> None:
        """Processing under a legal obligation answers legal process (a subpoena, a court order):
        the request names it in X-Legal-Reference, which is recorded with what was disclosed."""
        basis = self.engine.lawful_basis(self.principal.domain, purpose)
        if basis != LawfulBasis.LEGAL_OBLIGATION.value:
            return
        reference = (self.legal_reference or "").strip()
        if not reference or len(reference) > LEGAL_REFERENCE_MAX or not reference.isprintable():
            raise CodedError(ErrorCode.PURPOSE_NOT_ALLOWED,
                             f"The purpose {purpose!r} needs the legal reference it answers (a "
                             f"subpoena or case number) in the X-Legal-Reference header, 1 to "
                             f"{LEGAL_REFERENCE_MAX} printable characters.")
        self.legal_process = reference

    # -- rule 4 ----------------------------------------------------------------------------------
    def can(self, obj: Category | Resource, action: Action = Action.READ) -> bool:
        return self._permits(obj, action, self.purpose)

    def can_for(self, obj: Category | Resource, action: Action, purpose: str) -> bool:
        """Rule 4 for an action done *for* another purpose than the operation's (consent records)."""
        return self._permits(obj, action, purpose)

    def _permits(self, obj: Category | Resource, action: Action, purpose: str) -> bool:
        """The subject's current rights, narrowed by a token's scope: the one place both meet."""
        principal = self.principal
        if principal.scope is not None and not principal.scope.allows(obj, action, purpose):
            return False
        return self.engine.permits(principal.subject, principal.domain, obj.value, action.value,
                                   purpose)

    def require(self, obj: Category | Resource, action: Action = Action.READ, *,
                field: str | None = None) -> None:
        """Rule 4 or FORBIDDEN; `field` names the input field or argument the decision was for."""
        if not self.can(obj, action):
            if isinstance(obj, Category):
                self.touched.refused.add(obj.value)
            where = f"{field}: n" if field else "N"
            raise CodedError(ErrorCode.FORBIDDEN, f"{where}ot allowed to {action.value} "
                             f"{obj.value} for purpose {self.purpose!r}.")

    def can_administer(self, resource: Resource, action: Action) -> bool:
        """Operations on users, tokens and the audit log: not tied to a processing purpose, so
        outside every token's scope (a token's purposes are processing purposes)."""
        return self._permits(resource, action, ADMINISTRATION)

    def require_administration(self, resource: Resource, action: Action) -> None:
        if not self.can_administer(resource, action):
            raise CodedError(ErrorCode.FORBIDDEN, f"Not allowed to {action.value} {resource.value}.")

    # -- rule 5 ----------------------------------------------------------------------------------
    @cached_property
    def allowed_states(self) -> frozenset[BasisState]:
        domain, purpose = self.principal.domain, self.purpose
        return frozenset(s for s in BasisState if self.engine.basis_accepts(domain, purpose, s))

    def contact_filter(self) -> Q:
        """Rules 5 (and erasure) as a SQL filter on the caller's contacts (`visible_contacts`),
        derived from the basis lines of the policy."""
        q = Q(erased_at__isnull=True)
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
        return Subquery(self.rows(ContactPurposeState).filter(
            purpose=self.purpose, basis_state__in=[s.value for s in states]).values("contact_id"))

    def visible_contacts(self):
        """Rules 2 and 5 as SQL: the caller's contacts with a lawful basis for the purpose."""
        return self.rows(Contact).filter(self.contact_filter())

    def contact_denial(self, contact: dict | None,
                       state: ContactPurposeState | None) -> CodedError | None:
        """Rules 2 and 5 for one loaded contact row; the same policy lines as `contact_filter`."""
        if (contact is None or not self.principal.tenant_scope.owns(contact)
                or contact["erased_at"] is not None):
            return not_found()
        # Reached, whatever the answer: a refused attempt on a contact is worth answering for too.
        self.touched.contact_ids.add(contact["id"])
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
