"""Explain one decision: for a principal, purpose, contact and field, which rule allowed or denied
it, and the policy lines that decided. Rules are checked in the order of policy.md §4 and the first
failure decides, so an explanation never reveals more than the decision itself would."""

from dataclasses import dataclass, field

from models import Contact, ContactPurposeState
from policies.engine import PolicyEngine
from policies.vocabulary import Action, BasisState, Category, ConsentLevel, ErrorCode, Resource, basis_state


@dataclass
class Explanation:
    allowed: bool
    code: ErrorCode | None
    reason: str
    category: Category | None
    lines: list[str] = field(default_factory=list)


def _line(values) -> str:
    return ", ".join(values)


async def explain(engine: PolicyEngine, subject: str, tenant_id: int, contact_id: int | None,
                  category: Category | None, purpose: str) -> Explanation:
    domain = f"tenant:{tenant_id}"
    roles = [_line(("g", subject, role, domain)) for role in engine.roles_of(subject, domain)]

    def deny(code: ErrorCode, reason: str, lines=()) -> Explanation:
        return Explanation(False, code, reason, category, [*roles, *lines])

    contact = await Contact.get_or_none(id=contact_id or 0, tenant_id=tenant_id, erased_at__isnull=True)
    if contact is None:
        return deny(ErrorCode.NOT_FOUND, "Rule 2: no such contact in the tenant.")
    if purpose not in engine.known_purposes(domain):
        return deny(ErrorCode.PURPOSE_NOT_ALLOWED, f"Rule 3: {purpose!r} is not a purpose of the tenant.")
    granted = engine.explain_permits(subject, domain, Resource.PURPOSE.value, Action.USE.value, purpose)
    if not granted.allowed:
        return deny(ErrorCode.PURPOSE_NOT_ALLOWED, f"Rule 3: no role grants purpose {purpose!r}.")
    lines = [_line(granted.lines[0])]
    if category is not None:
        rights = engine.explain_permits(subject, domain, category.value, Action.READ.value, purpose)
        if not rights.allowed:
            return deny(ErrorCode.FORBIDDEN, f"Rule 4: no role may read {category.value} for "
                        f"{purpose!r}.", lines)
        lines.append(_line(rights.lines[0]))
    state = await ContactPurposeState.get_or_none(tenant_id=tenant_id, contact_id=contact.id, purpose=purpose)
    current = basis_state(restricted=contact.processing_restricted, objected=bool(state and state.objected),
                          consent=state.consent if state else None)
    basis = engine.explain_basis(domain, purpose, current)
    lines += [_line(line) for line in basis.lines]
    if not basis.allowed:
        code = (ErrorCode.PROCESSING_RESTRICTED if current is BasisState.RESTRICTED
                else ErrorCode.CONSENT_REQUIRED)
        return deny(code, f"Rule 5: the contact is in state {current.value!r}, which the lawful "
                    f"basis of {purpose!r} does not accept.", lines)
    if category is not None and category.value in engine.special_categories():
        level = ConsentLevel.EXPLICIT if state and state.explicit else ConsentLevel.NONE
        special = engine.explain_special(domain, purpose, category.value, level)
        if not special.allowed:
            return deny(ErrorCode.CONSENT_REQUIRED, f"Rule 6: {category.value} data needs explicit "
                        f"consent for {purpose!r}.", lines)
        lines += [_line(line) for line in special.lines]
    return Explanation(True, None, "Allowed: every rule of policy.md §4 holds.", category, [*roles, *lines])
