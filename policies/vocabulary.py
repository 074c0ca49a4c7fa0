"""The policy vocabulary: data categories, actions, purposes, lawful bases and contact states.

`schema/` and `resolvers/` import these; the rules that combine them live only in the Casbin files
beside this module (model.conf, policy.csv) and in per-tenant lines stored in the database."""

from enum import Enum


class Category(str, Enum):
    IDENTITY = "identity"
    CONTACT_DETAILS = "contact_details"
    PREFERENCES = "preferences"
    INTERACTION_METADATA = "interaction_metadata"
    INTERACTION_CONTENT = "interaction_content"
    COMMERCIAL = "commercial"
    FINANCIAL = "financial"
    LOCATION = "location"
    COMPETITIVE = "competitive"
    SENSITIVE = "sensitive"


class Action(str, Enum):
    READ = "read"
    WRITE = "write"
    USE = "use"  # with object `purpose`: the purpose is granted to the principal
    RECORD = "record"  # consent records, objections
    SET = "set"  # processing restriction
    EXECUTE = "execute"  # erasure
    MANAGE = "manage"  # users, roles, tokens, data subject requests
    EXPLAIN = "explain"  # another principal's access decisions
    LIFT = "lift"  # an erasure block (lets an erased person's email or externalRef be imported again)
    ACKNOWLEDGE = "acknowledge"  # a change of the sub-processor register


class Resource(str, Enum):
    """Objects of policy lines that are not data categories."""

    PURPOSE = "purpose"
    CONSENT = "consent"
    OBJECTION = "objection"
    RESTRICTION = "restriction"
    ERASURE = "erasure"
    DSR = "dsr"
    USERS = "users"
    TOKENS = "tokens"
    AUDIT = "audit"
    PRINCIPALS = "principals"
    ERASURE_BLOCK = "erasure_block"
    POLICY = "policy"  # a tenant's own purposes, roles and role grants (policies/tenant_rules.py)
    INCIDENT = "incident"  # breach scope and incident records (accountability/)
    SUBPROCESSORS = "subprocessors"  # the sub-processor register and its acknowledgements
    LEGAL_PROCESS = "legal_process"  # the text of X-Legal-Reference in the audit trail


class Purpose(str, Enum):
    """Built-in purposes (policy.md §2). Tenants may add their own; these cannot be weakened."""

    SALES = "sales"
    SUPPORT = "support"
    BILLING = "billing"
    MARKETING = "marketing"
    SURVEYS = "surveys"
    ANALYTICS = "analytics"
    FRAUD_PREVENTION = "fraud_prevention"
    LEGAL_COMPLIANCE = "legal_compliance"


# Administrative operations (users, tokens, audit) touch no contact's data and are not tied to a
# processing purpose; their policy lines carry this value in the purpose column.
ADMINISTRATION = "administration"


class LawfulBasis(str, Enum):
    CONSENT = "consent"
    CONTRACT = "contract"
    LEGITIMATE_INTEREST = "legitimate_interest"
    LEGAL_OBLIGATION = "legal_obligation"


class BasisState(str, Enum):
    """A contact's state with respect to one purpose, as the lawful-basis policy sees it. The states
    are exclusive and derived in this priority: restricted, objected, then the latest consent."""

    RESTRICTED = "restricted"
    OBJECTED = "objected"
    GRANTED = "granted"
    WITHDRAWN = "withdrawn"
    NONE = "none"


UNRESTRICTED_STATES = frozenset(BasisState) - {BasisState.RESTRICTED}


class ConsentLevel(str, Enum):
    """What special-category (`sensitive`) data needs from the latest consent for the purpose."""

    EXPLICIT = "explicit"
    NONE = "none"


class ConsentStatus(str, Enum):
    GRANTED = "GRANTED"
    WITHDRAWN = "WITHDRAWN"


class ErrorCode(str, Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    PURPOSE_REQUIRED = "PURPOSE_REQUIRED"
    PURPOSE_NOT_ALLOWED = "PURPOSE_NOT_ALLOWED"
    FORBIDDEN = "FORBIDDEN"
    CONSENT_REQUIRED = "CONSENT_REQUIRED"
    PROCESSING_RESTRICTED = "PROCESSING_RESTRICTED"
    NOT_FOUND = "NOT_FOUND"
    BAD_USER_INPUT = "BAD_USER_INPUT"
    RATE_LIMITED = "RATE_LIMITED"
    QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
    # Beyond api.md's list: the database cannot be reached (HTTP 503, Retry-After; docs/api.md).
    SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"


def basis_state(*, restricted: bool, objected: bool, consent: str | None) -> BasisState:
    """The one place that derives a contact's state for a purpose from its stored facts."""
    if restricted:
        return BasisState.RESTRICTED
    if objected:
        return BasisState.OBJECTED
    if consent == ConsentStatus.GRANTED:
        return BasisState.GRANTED
    if consent == ConsentStatus.WITHDRAWN:
        return BasisState.WITHDRAWN
    return BasisState.NONE
