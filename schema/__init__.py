"""The root schema: queries and mutations of api.md, each delegating to a resolver."""

import strawberry
from strawberry.scalars import JSON

from resolvers import (accountability, activity, auth, consent, contacts, encryption, explain,
                       policy_admin)
from resolvers import audit as audit_log
from resolvers import rights as rights_resolvers
from resolvers import subscriptions as subscription_resolvers
from resolvers import tokens as token_resolvers
from schema.accountability import BreachScope, Incident, SubprocessorRegister
from schema.activity import FinancialRecord, FinancialRecordConnection, Interaction, InteractionConnection
from schema.audit import AuditEventConnection
from schema.auth import AccessDecision, Principal, Purpose, Session
from schema.contacts import ConsentRecord, Contact, ContactConnection, Subscription
from schema.policy_admin import TenantPolicy, TenantPurpose, TenantRole, UserRoles
from schema.rights import DataSubjectRequest, DataSubjectRequestConnection, ErasureReport, UnsubscribeLink
from schema.tokens import ApiToken, NewApiToken


@strawberry.type
class Query:
    me: Principal = strawberry.field(resolver=auth.me)
    purposes: list[Purpose] = strawberry.field(resolver=auth.purposes)
    contact: Contact | None = strawberry.field(resolver=contacts.contact)
    contacts: ContactConnection = strawberry.field(resolver=contacts.contacts)
    interactions: InteractionConnection = strawberry.field(resolver=activity.interactions)
    financials: FinancialRecordConnection = strawberry.field(resolver=activity.financials)
    explain_access: AccessDecision = strawberry.field(
        resolver=explain.explain_access,
        description="Explain a decision. principalId (another user of the tenant) needs admin or dpo.")
    audit_events: AuditEventConnection = strawberry.field(
        resolver=audit_log.audit_events,
        description="The tenant's audit log, newest first (dpo and admin; docs/audit.md).")
    data_subject_requests: DataSubjectRequestConnection = strawberry.field(
        resolver=rights_resolvers.data_subject_requests,
        description="The tenant's data subject requests, due soonest first (dpo, legal_compliance).")
    marketing_audience: ContactConnection = strawberry.field(
        resolver=subscription_resolvers.marketing_audience,
        description="Contacts with consent for marketing and an active subscription to an "
        "opt-out-able topic (X-Purpose: marketing).")
    unsubscribe_link: UnsubscribeLink = strawberry.field(
        resolver=subscription_resolvers.unsubscribe_link,
        description="Signed one-click unsubscribe and preference links for a mailing (RFC 8058).")

    api_tokens: list[ApiToken] = strawberry.field(
        resolver=token_resolvers.api_tokens,
        description="The tenant's API tokens, newest first; never their secrets (admin).")
    tenant_policy: TenantPolicy = strawberry.field(
        resolver=policy_admin.tenant_policy,
        description="The tenant's own purposes, roles, grants and assignments (admin; "
        "docs/policy-as-code.md).")

    # Accountability to the controller (docs/accountability.md)
    breach_scope: BreachScope = strawberry.field(
        resolver=accountability.breach_scope,
        description="What the audit trail says was returned to a principal (a user's email, a "
        "token or a session; everyone if none) in [since, until), after checking the chain over "
        "that window (dpo, legal_compliance).")
    incidents: list[Incident] = strawberry.field(
        resolver=accountability.incidents_list,
        description="The tenant's incidents, newest first (dpo, legal_compliance).")
    subprocessor_register: SubprocessorRegister = strawberry.field(
        resolver=accountability.subprocessor_register,
        description="The processor's sub-processors, and the changes this tenant has not "
        "acknowledged yet (admin, dpo).")


@strawberry.type
class Mutation:
    login: Session = strawberry.field(resolver=auth.login)
    logout: bool = strawberry.field(resolver=auth.logout)
    create_contact: Contact = strawberry.field(resolver=contacts.create_contact)
    update_contact: Contact = strawberry.field(resolver=contacts.update_contact,
                                               description="Rectification (GDPR Art. 16).")
    record_consent: ConsentRecord = strawberry.field(resolver=consent.record_consent)
    record_objection: Contact = strawberry.field(resolver=consent.record_objection)
    set_processing_restriction: Contact = strawberry.field(resolver=consent.set_processing_restriction)
    set_subscription: Subscription = strawberry.field(resolver=consent.set_subscription)
    log_interaction: Interaction = strawberry.field(resolver=activity.log_interaction)
    record_financial: FinancialRecord = strawberry.field(resolver=activity.record_financial)
    open_data_subject_request: DataSubjectRequest = strawberry.field(
        resolver=rights_resolvers.open_data_subject_request)
    update_data_subject_request: DataSubjectRequest = strawberry.field(
        resolver=rights_resolvers.update_data_subject_request)
    export_contact_data: JSON = strawberry.field(
        resolver=rights_resolvers.export_contact_data,
        description="Everything held about one contact (GDPR Art. 15, 20): a JSON document "
        "following docs/export.schema.json.")
    erase_contact: ErasureReport = strawberry.field(
        resolver=rights_resolvers.erase_contact,
        description="Erasure (GDPR Art. 17) in one transaction; see docs/rights.md.")
    lift_erasure_block: int = strawberry.field(
        resolver=rights_resolvers.lift_erasure_block,
        description="Let an erased person's email or externalRef be imported again (admin).")

    create_api_token: NewApiToken = strawberry.field(
        resolver=token_resolvers.create_api_token,
        description="Issue a partner token (admin); the secret is shown once. See docs/tokens.md.")
    revoke_api_token: ApiToken = strawberry.field(
        resolver=token_resolvers.revoke_api_token,
        description="Revoke a token at once (admin).")

    # A tenant's own policy (admin; docs/policy-as-code.md): in effect in every worker within a second.
    add_tenant_purpose: TenantPurpose = strawberry.field(
        resolver=policy_admin.add_tenant_purpose,
        description="Add a purpose of the tenant's own, with its lawful basis.")
    remove_tenant_purpose: bool = strawberry.field(
        resolver=policy_admin.remove_tenant_purpose,
        description="Remove a purpose of the tenant's own and every grant for it.")
    grant_role_permission: TenantRole = strawberry.field(
        resolver=policy_admin.grant_role_permission,
        description="Let a role read or write a data category for a purpose (a role of the "
        "tenant's own, or a built-in role for a purpose of the tenant's own).")
    revoke_role_permission: TenantRole = strawberry.field(
        resolver=policy_admin.revoke_role_permission,
        description="Take back a grant of grantRolePermission.")
    encrypt_category: list[str] = strawberry.field(
        resolver=encryption.encrypt_category,
        description="Encrypt a further data category at rest for the tenant (interaction_content, "
        "competitive or financial; sensitive always is): new values from now on, stored ones "
        "when the operator runs `salesplus keys encrypt`. Filtering, searching and ordering on "
        "its columns are refused from then on. Returns the categories encrypted (admin; "
        "docs/security.md).")
    assign_role: UserRoles = strawberry.field(
        resolver=policy_admin.assign_role, description="Give a user of the tenant a role.")
    revoke_role: UserRoles = strawberry.field(
        resolver=policy_admin.revoke_role,
        description="Take a role from a user of the tenant (never the last user who manages users).")


    open_incident: Incident = strawberry.field(
        resolver=accountability.open_incident,
        description="Open an incident now; its clock starts (dpo, legal_compliance).")
    attach_breach_scope: Incident = strawberry.field(
        resolver=accountability.attach_breach_scope,
        description="Compute the breach scope (as breachScope) and keep it with the incident.")
    record_controller_notified: Incident = strawberry.field(
        resolver=accountability.record_controller_notified,
        description="The controller was notified of the incident, now or at `at`.")
    close_incident: Incident = strawberry.field(resolver=accountability.close_incident)
    acknowledge_subprocessor_register: SubprocessorRegister = strawberry.field(
        resolver=accountability.acknowledge_subprocessor_register,
        description="Acknowledge the current version of the sub-processor register, named by its "
        "number (admin, dpo).")


def build_schema(*, production: bool, limits=None, audit: bool = True,
                 observers=()) -> strawberry.Schema:
    """`audit=False` only for bench/audit_cost.py, which measures what the audit trail costs.
    `observers`: metrics and tracing extensions (web/observability.py), outermost."""
    from functools import partial  # noqa: PLC0415

    from strawberry.extensions import DisableIntrospection, MaxTokensLimiter  # noqa: PLC0415
    from strawberry.schema.config import StrawberryConfig  # noqa: PLC0415

    from schema.errors import QuietSchema  # noqa: PLC0415
    from schema.inputs import InputChecks  # noqa: PLC0415
    from schema.limits import Limits, ParsedOnce, QueryLimits  # noqa: PLC0415

    limits = limits or Limits()
    from health.database import DatabaseAnswers  # noqa: PLC0415

    extensions = [  # errors are mapped to the codes of api.md by QuietSchema.execute
        *observers,
        DatabaseAnswers,  # outages and timeouts get their codes before that mapping
        partial(MaxTokensLimiter, max_token_count=limits.max_tokens),  # while parsing
        ParsedOnce,  # a repeated query text is parsed once...
        partial(QueryLimits, limits),  # ...measured before any other walk, validated once
        InputChecks,  # every argument against its column, before any resolver or transaction
    ]
    if production:
        extensions.append(DisableIntrospection)
    if audit:
        from audit.extension import AuditTrail  # noqa: PLC0415

        extensions.append(AuditTrail)  # its errors are masked by QuietSchema.execute
    from schema.disclosures import LegalDisclosures  # noqa: PLC0415

    extensions.append(LegalDisclosures)  # after the audit trail: inside a mutation's transaction
    return QuietSchema(query=Query, mutation=Mutation, extensions=extensions,
                       config=StrawberryConfig(disable_field_suggestions=production))


# The schema as committed in schema.graphql (development settings, introspection on).
schema = build_schema(production=False)
