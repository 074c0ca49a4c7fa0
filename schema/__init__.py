"""The root schema: queries and mutations of api.md, each delegating to a resolver."""

import strawberry
from strawberry.scalars import JSON  # noqa: F401  (used by later DSR operations)

from resolvers import activity, auth, consent, contacts, explain
from schema.activity import FinancialRecord, FinancialRecordConnection, Interaction, InteractionConnection
from schema.auth import AccessDecision, Principal, Purpose, Session
from schema.contacts import ConsentRecord, Contact, ContactConnection, Subscription


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


def build_schema(*, production: bool, max_depth: int = 10, max_aliases: int = 15,
                 max_tokens: int = 2_000) -> strawberry.Schema:
    from functools import partial  # noqa: PLC0415

    from strawberry.extensions import (  # noqa: PLC0415
        DisableIntrospection,
        MaxAliasesLimiter,
        MaxTokensLimiter,
        QueryDepthLimiter,
    )
    from strawberry.schema.config import StrawberryConfig  # noqa: PLC0415

    from schema.errors import ClientErrors, QuietSchema  # noqa: PLC0415

    extensions = [
        ClientErrors,
        partial(MaxTokensLimiter, max_token_count=max_tokens),
        partial(QueryDepthLimiter, max_depth=max_depth),
        partial(MaxAliasesLimiter, max_alias_count=max_aliases),
    ]
    if production:
        extensions.append(DisableIntrospection)
    return QuietSchema(query=Query, mutation=Mutation, extensions=extensions,
                       config=StrawberryConfig(disable_field_suggestions=production))


# The schema as committed in schema.graphql (development settings, introspection on).
schema = build_schema(production=False)
