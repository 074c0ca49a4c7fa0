"""Input checks (schema/inputs.py): every String, ID and Decimal input of the schema has a limit
from the declarations, and a value over it, or text a column cannot store, is BAD_USER_INPUT
naming the field before anything runs. Generated from the schema: every argument, every input
field."""

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    Undefined,
    get_named_type,
    parse,
)

from policies.errors import CodedError
from schema import schema
from schema.inputs import check_operation, limit_of

GRAPHQL = schema._schema
ROOTS = {"Query": "query", "Mutation": "mutation"}
MINIMAL = {"String": "x", "ID": "1", "Int": 1, "Float": 1.0, "Boolean": False, "Decimal": "1",
           "DateTime": "2026-01-01T00:00:00+00:00", "Date": "2026-01-01", "JSON": {}}


def scalar_name(graphql_type) -> str | None:
    named = get_named_type(graphql_type)
    return named.name if isinstance(named, GraphQLScalarType) else None


def input_coordinates():
    """(coordinate, scalar) of every String, ID and Decimal argument and input field."""
    for type_name, graphql_type in GRAPHQL.type_map.items():
        if type_name.startswith("__") or not hasattr(graphql_type, "fields"):
            continue
        for name, field in graphql_type.fields.items():
            if isinstance(graphql_type, GraphQLInputObjectType):
                yield f"{type_name}.{name}", scalar_name(field.type)
            else:
                for argument_name, argument in field.args.items():
                    yield f"{type_name}.{name}.{argument_name}", scalar_name(argument.type)


TEXT_INPUTS = [(c, s) for c, s in input_coordinates() if s in ("String", "ID", "Decimal")]


@pytest.mark.parametrize("coordinate, scalar", TEXT_INPUTS, ids=[c for c, _ in TEXT_INPUTS])
def test_every_text_input_has_a_declared_limit(coordinate, scalar):
    assert limit_of(coordinate, scalar) is not None, f"declare where {coordinate} is stored"


def minimal(graphql_type, required_only=True):
    """A valid value for a type: required input fields filled, optional ones left out."""
    if isinstance(graphql_type, GraphQLNonNull):
        return minimal(graphql_type.of_type, required_only)
    if isinstance(graphql_type, GraphQLList):
        return [minimal(graphql_type.of_type, required_only)]
    if isinstance(graphql_type, GraphQLEnumType):
        return next(iter(graphql_type.values))
    if isinstance(graphql_type, GraphQLInputObjectType):
        return {name: minimal(field.type) for name, field in graphql_type.fields.items()
                if isinstance(field.type, GraphQLNonNull) and field.default_value is Undefined}
    return MINIMAL[graphql_type.name]


def text_paths(graphql_type, path: str, coordinate: str):
    """(path inside the argument, coordinate, scalar) of every text value an argument can hold."""
    if isinstance(graphql_type, (GraphQLNonNull, GraphQLList)):
        yield from text_paths(graphql_type.of_type, path, coordinate)
    elif isinstance(graphql_type, GraphQLInputObjectType):
        for name, field in graphql_type.fields.items():
            yield from text_paths(field.type, f"{path}.{name}", f"{graphql_type.name}.{name}")
    elif isinstance(graphql_type, GraphQLScalarType) and graphql_type.name == "String":
        yield path, coordinate, graphql_type.name


def place(value, parts: list[str], graphql_type, text):
    """`value` with `text` at the path `parts` (lists get one item)."""
    while isinstance(graphql_type, (GraphQLNonNull, GraphQLList)):
        if isinstance(graphql_type, GraphQLList):
            return [place(value[0] if value else None, parts, graphql_type.of_type, text)]
        graphql_type = graphql_type.of_type
    if not parts:
        return text
    value = dict(value or {})
    field = graphql_type.fields[parts[0]]
    value[parts[0]] = place(value.get(parts[0], minimal(field.type)), parts[1:], field.type, text)
    return value


def root_cases():
    """One case per text value any root field's arguments can hold."""
    for root_name, keyword in ROOTS.items():
        for field_name, field in GRAPHQL.get_type(root_name).fields.items():
            for argument_name, argument in field.args.items():
                coordinate = f"{root_name}.{field_name}.{argument_name}"
                for path, inner, scalar in text_paths(argument.type, argument_name, coordinate):
                    yield keyword, field_name, field, argument_name, path, inner, scalar


CASES = list(root_cases())


def refusal(keyword, field_name, field, argument_name, path, text) -> CodedError | None:
    variables, definitions = {}, []
    for name, argument in field.args.items():
        if name == argument_name or isinstance(argument.type, GraphQLNonNull):
            value = minimal(argument.type)
            if name == argument_name:
                value = place(value, path.split(".")[1:], argument.type, text)
            variables[name] = value
            definitions.append(f"${name}: {argument.type}")
    arguments = ", ".join(f"{name}: ${name}" for name in variables)
    selection = " { __typename }" if get_named_type(field.type).name not in MINIMAL \
        and not isinstance(get_named_type(field.type), GraphQLEnumType) else ""
    query = f"{keyword}({', '.join(definitions)}) {{ {field_name}({arguments}){selection} }}"
    try:
        check_operation(GRAPHQL, parse(query), None, variables)
    except CodedError as error:
        return error
    return None


@pytest.mark.parametrize("case", CASES, ids=[f"{c[1]}:{c[4]}" for c in CASES])
def test_over_long_or_unstorable_text_is_refused_naming_the_field(case):
    keyword, field_name, field, argument_name, path, coordinate, scalar = case
    limit = limit_of(coordinate, scalar).max_length
    for text in ["a\x00b", "a\ud800b"] + ([] if limit is None else ["x" * (limit + 1)]):
        error = refusal(keyword, field_name, field, argument_name, path, text)
        assert error is not None, (coordinate, text[:10])
        assert error.extensions["code"] == "BAD_USER_INPUT"
        assert error.extensions["field"].replace("[0]", "") == path
    if limit is not None:  # the limit itself is allowed
        assert refusal(keyword, field_name, field, argument_name, path, "x" * limit) is None


def test_the_limits_are_the_columns():
    from models import Contact, FinancialRecord, Subscription

    assert limit_of("ContactInput.firstName", "String").max_length == \
        Contact._meta.fields_map["first_name"].max_length
    assert limit_of("Mutation.setSubscription.topic", "String").max_length == \
        Subscription._meta.fields_map["topic"].max_length
    amount = limit_of("FinancialInput.amount", "Decimal")
    assert (amount.max_digits, amount.decimal_places) == (18, 2)
    assert FinancialRecord._meta.fields_map["amount"].max_digits == 18


ISSUE_CASES = {  # the inputs of issue 10 the database refused, as the client sends them
    "firstName": ("admin", "sales", 'mutation { createContact(input: {firstName: "%s", lastName: "A"}) { id } }'
                  % ("x" * 201), "input.firstName"),
    "externalRef": ("admin", "sales", 'mutation { createContact(input: {externalRef: "%s", lastName: "A"}) { id } }'
                    % ("x" * 129), "input.externalRef"),
    "search": ("sales", "sales", '{ contacts(filter: {search: "%s"}) { totalCount } }' % ("x" * 60_000),
               "filter.search"),
    "NUL in a filter": ("sales", "sales", '{ contacts(filter: {company: "a\\u0000"}) { totalCount } }',
                        "filter.company"),
}


@pytest.mark.parametrize("name", ISSUE_CASES)
async def test_hostile_inputs_are_bad_user_input_over_http(gql, factory, name):
    role, purpose, query, field = ISSUE_CASES[name]
    tenant = await factory.tenant()
    token = await factory.login_as(tenant, role)
    result = await gql(query, token=token, purpose=purpose)
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", result
    assert result["errors"][0]["extensions"]["field"] == field


async def test_a_refused_write_runs_nothing(gql, factory):
    from models import AuditEvent, FinancialRecord

    tenant = await factory.tenant()
    contact = await factory.contact(tenant)
    token = await factory.login_as(tenant, "finance")
    events = await AuditEvent.filter(tenant_id=tenant.id).count()
    result = await gql("""mutation($c: ID!) { recordFinancial(input: {contactId: $c, kind: INVOICE,
        amount: "1e30", currency: "EUR", occurredAt: "2026-01-01T00:00:00Z"}) { id } }""",
                       {"c": str(contact.id)}, token=token, purpose="billing")
    assert result["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT", "field": "input.amount",
        "reason": "input.amount: at most 16 digits before the point and 2 after."}
    assert await FinancialRecord.filter(contact_id=contact.id).count() == 0
    assert await AuditEvent.filter(tenant_id=tenant.id).count() == events
