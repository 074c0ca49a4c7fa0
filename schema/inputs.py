"""Input checks from the declarations, before any resolver or the database sees a value.

Every argument and input field of the executed operation, literals and variables alike, nested
input objects and lists included, is checked: a string must be text a column can store
(`models/values.py`: no lone surrogate, no NUL) and no longer than the column it is stored in or
matched against; a decimal must fit its column's digits. A value that does not answers one
`BAD_USER_INPUT` naming its GraphQL path (`input.firstName`, `filter.search`) in the message and
in `extensions.field`, and nothing runs (the hook raises before the audit trail opens its
transaction). Without this the database refused such values, and the client got an internal error.

Where a limit comes from (`limit_of`), so that no number is written twice:
- `STORED_IN`: an input type, or a field's arguments, stored in one model. For a table of the
  field catalog (`models/personal.py`: contacts, interactions, financial records) the catalogued
  column whose API name ends in the field's name; for any other table the column of the same
  (snake_case) name, its `max_length` read from the Tortoise model;
- `COLUMNS`: a coordinate stored in a column of another name;
- `OTHER_LIMITS`: the few inputs no column holds (a password, a search text, a field name);
- every `after` by its name (a cursor, `resolvers/pagination.py`). An `ID` is not checked here:
  `models/ids.py` parses it, and anything but a key names nothing (NOT_FOUND).
A text column (`TextField`) has no length: such values are bounded by the request body (1 MB).
tests/schema/test_inputs.py fails for a String, ID or Decimal input with no limit."""

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    InlineFragmentNode,
    get_named_type,
)
from graphql.execution.values import get_argument_values, get_variable_values
from graphql.utilities import get_operation_ast
from strawberry.extensions import SchemaExtension
from tortoise import fields as columns
from tortoise.models import Model

from models import (
    ApiToken,
    AuditEvent,
    ConsentRecord,
    Contact,
    DataSubjectRequest,
    EncryptedCategory,
    FinancialRecord,
    Incident,
    Interaction,
    Objection,
    PolicyRule,
    Subscription,
    Tenant,
    User,
)
from models import values
from models.personal import camel, catalog
from policies.errors import CodedError
from policies.vocabulary import ErrorCode
from resolvers.pagination import MAX_CURSOR_LENGTH

CURSOR_ARGUMENT = "after"


@dataclass(frozen=True)
class Limit:
    max_length: int | None = None  # characters; None: bounded only by the request body
    max_digits: int | None = None  # decimals: digits in all, and after the point
    decimal_places: int | None = None


def column(model: type[Model], name: str) -> Limit:
    field = model._meta.fields_map[name]
    if isinstance(field, columns.DecimalField):
        return Limit(max_digits=field.max_digits, decimal_places=field.decimal_places)
    return Limit(max_length=getattr(field, "max_length", None))


# An input type, or a field whose arguments, are stored in one model: columns of the same names.
STORED_IN: dict[str, type[Model]] = {
    "ContactInput": Contact, "ContactFilter": Contact, "CommercialProfileInput": Contact,
    "LocationInput": Contact, "PreferencesInput": Contact, "InteractionInput": Interaction,
    "FinancialInput": FinancialRecord, "ApiTokenInput": ApiToken, "AuditFilter": AuditEvent,
    "Mutation.recordConsent": ConsentRecord, "Mutation.recordObjection": Objection,
    "Mutation.setSubscription": Subscription, "Query.marketingAudience": Subscription,
    "Query.unsubscribeLink": Subscription, "Mutation.liftErasureBlock": Contact,
}
# Coordinates stored in (or matched against) a column of another name.
PURPOSE_COLUMN = (ConsentRecord, "purpose")
POLICY_VALUE_COLUMN = (PolicyRule, "v0")  # role and category names live in policy lines
COLUMNS: dict[str, tuple[type[Model], str]] = {
    "Mutation.login.tenant": (Tenant, "slug"),
    "Mutation.login.email": (User, "email"),
    "ContactInput.interests": (Contact, "company"),  # one interest: a short phrase, as a company name
    "ApiTokenInput.purposes": PURPOSE_COLUMN,
    "ApiTokenInput.categories": POLICY_VALUE_COLUMN,
    "ApiTokenInput.actions": POLICY_VALUE_COLUMN,
    "Mutation.updateDataSubjectRequest.reason": (DataSubjectRequest, "rejection_reason"),
    "Query.explainAccess.purpose": PURPOSE_COLUMN,
    "Mutation.addTenantPurpose.name": PURPOSE_COLUMN,
    "Mutation.removeTenantPurpose.name": PURPOSE_COLUMN,
    **{f"Mutation.{name}.{argument}": where
       for name in ("grantRolePermission", "revokeRolePermission")
       for argument, where in (("role", POLICY_VALUE_COLUMN), ("category", POLICY_VALUE_COLUMN),
                               ("purpose", PURPOSE_COLUMN))},
    "Mutation.assignRole.role": POLICY_VALUE_COLUMN,
    "Mutation.encryptCategory.category": (EncryptedCategory, "category"),
    # accountability (resolvers/accountability.py): a principal is named by a user's email
    "Mutation.openIncident.title": (Incident, "title"),
    "Query.breachScope.principal": (User, "email"),
    "Mutation.attachBreachScope.principal": (User, "email"),
    "Mutation.revokeRole.role": POLICY_VALUE_COLUMN,
}
SEARCHED = ("first_name", "last_name", "company", "email")  # resolvers/contacts.py searches these
OTHER_LIMITS: dict[str, Limit] = {
    # argon2 hashes whatever it is given; a bound keeps one login's cost bounded.
    "Mutation.login.password": Limit(max_length=1_024),
    # Matched inside the searched columns: longer than the longest of them matches nothing
    # (and SQLite refuses a LIKE pattern of 50,000 characters).
    "ContactFilter.search": Limit(max_length=max(column(Contact, c).max_length for c in SEARCHED)),
    # A GraphQL field name of the Contact type.
    "Query.explainAccess.field": Limit(max_length=64),
}


def limit_of(coordinate: str, scalar: str) -> Limit | None:
    """The limit of a String, ID or Decimal input at `coordinate` (`Type.field` for input
    fields, `Type.field.argument` for arguments); None if nothing declares one."""
    if scalar == "ID":
        return Limit()  # parsed by models/ids.py: what is not a key names nothing
    if coordinate.rsplit(".", 1)[-1] == CURSOR_ARGUMENT:
        return Limit(max_length=MAX_CURSOR_LENGTH)
    if coordinate in OTHER_LIMITS:
        return OTHER_LIMITS[coordinate]
    if coordinate in COLUMNS:
        return column(*COLUMNS[coordinate])
    owner, name = coordinate.rsplit(".", 1)
    model = STORED_IN.get(owner)
    if model is None:
        return None
    catalogued = {camel(c.leaf): c for c in catalog(model)}
    if catalogued:
        found = catalogued.get(name)
        if found is None:
            return None
        return column(model, found.column) if found.decimal else Limit(max_length=found.max_length)
    snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in name)
    return column(model, snake) if snake in model._meta.fields_map else None


@cache
def _limit(coordinate: str, scalar: str) -> Limit:
    limit = limit_of(coordinate, scalar)
    if limit is None:  # tests/schema/test_inputs.py keeps this from happening
        raise LookupError(f"no declared limit for {coordinate}")
    return limit


def refuse(path: str, reason: str) -> CodedError:
    return CodedError(ErrorCode.BAD_USER_INPUT, f"{path}: {reason}", field=path)


def check_value(coordinate: str, graphql_type, value, path: str) -> None:
    if isinstance(graphql_type, GraphQLNonNull):
        graphql_type = graphql_type.of_type
    if value is None:
        return
    if isinstance(graphql_type, GraphQLList):
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            check_value(coordinate, graphql_type.of_type, item, f"{path}[{index}]")
    elif isinstance(graphql_type, GraphQLInputObjectType):
        for name, field in graphql_type.fields.items():
            if isinstance(value, dict) and value.get(name) is not None:
                check_value(f"{graphql_type.name}.{name}", field.type, value[name], f"{path}.{name}")
    elif isinstance(value, str):
        check_text(coordinate, graphql_type.name, value, path)
    elif isinstance(value, Decimal):
        check_decimal(_limit(coordinate, graphql_type.name), value, path)


def check_text(coordinate: str, scalar: str, value: str, path: str) -> None:
    if scalar == "ID":
        return
    try:
        values.well_formed(value)
    except values.Bad as bad:
        raise refuse(path, f"{bad}.") from None
    if scalar != "String":
        return
    limit = _limit(coordinate, scalar).max_length
    if limit is not None and len(value) > limit:
        raise refuse(path, f"at most {limit} characters.")


def check_decimal(limit: Limit, value: Decimal, path: str) -> None:
    if not value.is_finite():
        raise refuse(path, "not a decimal number.")
    whole = limit.max_digits - limit.decimal_places
    sign, digits, exponent = value.normalize().as_tuple()
    places = max(-exponent, 0)
    integral = max(len(digits) + exponent, 0) if digits != (0,) else 0
    if places > limit.decimal_places or integral > whole:
        raise refuse(path, f"at most {whole} digits before the point and {limit.decimal_places} after.")


def check_operation(schema: GraphQLSchema, document, operation_name: str | None, variables) -> None:
    """Raise the first refusal among the operation's arguments. Values that do not even coerce
    are left to execution, which reports them as graphql-core does."""
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return
    coerced = get_variable_values(schema, operation.variable_definitions or (), variables or {})
    if isinstance(coerced, list):
        return
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    spread: set[str] = set()  # each fragment checked once: its arguments are the same everywhere

    def walk(parent, selection_set) -> None:
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                definition = getattr(parent, "fields", {}).get(node.name.value)
                if definition is None:
                    continue
                if definition.args and node.arguments:
                    check_arguments(parent, definition, node)
                if node.selection_set:
                    walk(get_named_type(definition.type), node.selection_set)
            elif isinstance(node, InlineFragmentNode):
                condition = node.type_condition
                walk(schema.get_type(condition.name.value) if condition else parent, node.selection_set)
            elif isinstance(node, FragmentSpreadNode) and node.name.value in fragments \
                    and node.name.value not in spread:
                spread.add(node.name.value)
                fragment = fragments[node.name.value]
                walk(schema.get_type(fragment.type_condition.name.value), fragment.selection_set)

    def check_arguments(parent, definition, node) -> None:
        try:
            values = get_argument_values(definition, node, coerced)
        except GraphQLError:
            return
        for name, value in values.items():
            check_value(f"{parent.name}.{node.name.value}.{name}", definition.args[name].type,
                        value, name)

    walk(schema.get_root_type(operation.operation), operation.selection_set)


class InputChecks(SchemaExtension):
    """Registered before the audit trail: a refused operation opens no transaction."""

    def on_execute(self):
        context = self.execution_context
        check_operation(context.schema._schema, context.graphql_document, context.operation_name,
                        context.variables)
        yield
