"""Explain one decision: for a principal, purpose, contact and field, which rule allowed or denied
it, and the policy lines that decided. The rules are checked by `policies.verdict.judge` in the
order of policy.md §4 and the first failure decides, so an explanation never reveals more than the
decision itself would; this module only reads the contact's facts from the database."""

from data.scope import TenantScope
from models import Contact, ContactPurposeState
from policies.engine import PolicyEngine, domain_of
from policies.verdict import ContactFacts, Explanation, Question, judge
from policies.vocabulary import Category, basis_state

__all__ = ["Explanation", "explain"]


async def contact_facts(tenant_id: int, contact_id: int | None, purpose: str) -> ContactFacts:
    """Rules 2, 5 and 6's inputs: the contact's tenant (None if it is not in this tenant or
    erased), its basis state for the purpose and whether its consent is explicit."""
    scope = TenantScope(tenant_id)
    contact = await scope.rows(Contact).get_or_none(id=contact_id or 0, erased_at__isnull=True)
    if contact is None:
        return ContactFacts(None)
    state = await scope.rows(ContactPurposeState).get_or_none(contact_id=contact.id,
                                                             purpose=purpose)
    current = basis_state(restricted=contact.processing_restricted,
                          objected=bool(state and state.objected),
                          consent=state.consent if state else None)
    return ContactFacts(tenant_id, current, bool(state and state.explicit))


async def explain(engine: PolicyEngine, subject: str, tenant_id: int, contact_id: int | None,
                  category: Category | None, purpose: str) -> Explanation:
    await engine.prepare(domain_of(tenant_id))
    facts = await contact_facts(tenant_id, contact_id, purpose)
    question = Question(subject, tenant_id, purpose, category.value if category else None,
                        contact=facts)
    return judge(engine, question, explain=True)
