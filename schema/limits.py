"""Query limits: cost, depth and aliases, measured in one walk of the document that expands each
fragment once, before graphql-core validates it or anything else walks it.

Strawberry's `QueryDepthLimiter` and `MaxAliasesLimiter` re-expand a fragment at every spread, so
20 fragments that each spread the next twice cost 2^20 visits (7-9 s of event loop) before any
limit answered. Here each fragment's measure is computed once and reused wherever it is spread;
a cycle or an unknown fragment is refused on the way, with the message graphql-core would give.

The cost follows GraphQL Armor's cost limit, counting what the answer can hold: every field
costs 1 (Armor: 1 a scalar, 2 an object), and a field with a `first` argument multiplies the cost
of its selection by `first` (the literal, the variable's value, or the argument's default).
Armor's default maximum is 5,000; here it is 10,000, because a page of contacts at the default
sizes with their interactions (50 x 20) costs 7,851 and a page of 100 contacts with 14 fields and
5 interactions each (bench/guarded_list.py) 5,201: both are ordinary requests. A list
without `first` counts once: its length is bounded by the data, not by the query. Introspection
fields count for the cost but not for the depth (as in Strawberry's depth limiter), so GraphiQL's
introspection query stays allowed.

`QueryLimits` also caches validation (it is Strawberry's `ValidationCache`, with the limits in
front): a repeated query text, parsed once by `ParserCache`, is not validated again."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.extensions.utils import is_introspection_key

from config import Settings
from policies.errors import CodedError
from policies.vocabulary import ErrorCode

PAGE_ARGUMENT = "first"
REPORTED_CEILING = 10**15  # a cost above this is reported as this (JSON numbers stay exact)


def _configured(name: str) -> int:
    """The default of a limit, declared once, with its variable, in config.Settings."""
    return Settings.model_fields[name].default


@dataclass(frozen=True)
class Limits:
    max_cost: int = _configured("max_cost")
    max_depth: int = _configured("max_depth")
    max_aliases: int = _configured("max_aliases")
    max_tokens: int = _configured("max_tokens")  # counted by Strawberry's MaxTokensLimiter

    @classmethod
    def of(cls, config: Settings) -> "Limits":
        return cls(config.max_cost, config.max_depth, config.max_aliases, config.max_tokens)


@dataclass(frozen=True)
class Measure:
    cost: int = 0
    depth: int = 0
    aliases: int = 0

    def __add__(self, other: "Measure") -> "Measure":
        return Measure(self.cost + other.cost, max(self.depth, other.depth), self.aliases + other.aliases)


class _Walk:
    """One measurement of one document: fragments are measured once and remembered by name."""

    def __init__(self, schema: GraphQLSchema, document: DocumentNode, variables: dict[str, Any]):
        self.schema, self.variables = schema, variables
        self.fragments = {d.name.value: d for d in document.definitions
                          if isinstance(d, FragmentDefinitionNode)}
        self.measured: dict[str, Measure] = {}
        self.entered: set[str] = set()

    def operation(self, operation: OperationDefinitionNode) -> Measure:
        root = self.schema.get_root_type(operation.operation)
        return self.selections(root, operation.selection_set)

    def selections(self, parent, selection_set: SelectionSetNode) -> Measure:
        total = Measure()
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                total += self.field(parent, node)
            elif isinstance(node, InlineFragmentNode):
                condition = node.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else parent
                total += self.selections(inner, node.selection_set)
            elif isinstance(node, FragmentSpreadNode):
                total += self.fragment(node.name.value)
        return total

    def fragment(self, name: str) -> Measure:
        if name in self.measured:
            return self.measured[name]
        definition = self.fragments.get(name)
        if definition is None:
            raise CodedError(ErrorCode.BAD_USER_INPUT, f"Unknown fragment '{name}'.")
        if name in self.entered:
            raise CodedError(ErrorCode.BAD_USER_INPUT, f"Cannot spread fragment '{name}' within itself.")
        self.entered.add(name)
        inner = self.schema.get_type(definition.type_condition.name.value)
        measure = self.measured[name] = self.selections(inner, definition.selection_set)
        return measure

    def field(self, parent, node: FieldNode) -> Measure:
        name = node.name.value
        definition = getattr(parent, "fields", {}).get(name) if parent is not None else None
        inner = Measure()
        if node.selection_set is not None:
            child = get_named_type(definition.type) if definition is not None else None
            inner = self.selections(child, node.selection_set)
        factor = self.page_size(definition, node)
        depth = 0 if is_introspection_key(name) else inner.depth + 1
        return Measure(cost=1 + factor * inner.cost, depth=depth,
                       aliases=(1 if node.alias else 0) + inner.aliases)

    def page_size(self, definition, node: FieldNode) -> int:
        """The field's `first`, for the cost; 1 for a field without one."""
        argument = definition.args.get(PAGE_ARGUMENT) if definition is not None else None
        if argument is None:
            return 1
        value = argument.default_value
        for given in node.arguments or ():
            if given.name.value == PAGE_ARGUMENT:
                value = self._value(given.value, value)
        if type(value) is not int:  # not an Int: refused by validation or coercion later
            return 1
        return max(value, 0)

    def _value(self, node, default):
        if isinstance(node, IntValueNode):
            return int(node.value)
        if isinstance(node, VariableNode):
            return self.variables.get(node.name.value, default)
        return default


def measure(schema: GraphQLSchema, document: DocumentNode,
            variables: dict[str, Any] | None) -> Measure:
    """The largest measure over the document's operations (every one is validated, even those
    not executed). Raises CodedError for an unknown or cyclic fragment."""
    walk = _Walk(schema, document, variables if isinstance(variables, dict) else {})
    found = Measure()
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            one = walk.operation(definition)
            found = Measure(max(found.cost, one.cost), max(found.depth, one.depth),
                            max(found.aliases, one.aliases))
    for name in walk.fragments:  # fragments never spread are validated too: measure them as well
        walk.fragment(name)
    return found


def refusals(found: Measure, limits: Limits) -> list[GraphQLError]:
    errors = []
    if found.cost > limits.max_cost:
        cost = min(found.cost, REPORTED_CEILING)
        errors.append(CodedError(ErrorCode.QUERY_TOO_COMPLEX,
                                 f"Query cost {cost} exceeds the limit of {limits.max_cost}.",
                                 cost=cost, limit=limits.max_cost))
    if found.depth > limits.max_depth:
        errors.append(CodedError(ErrorCode.QUERY_TOO_COMPLEX,
                                 f"Query depth {found.depth} exceeds the limit of {limits.max_depth}.",
                                 depth=found.depth, limit=limits.max_depth))
    if found.aliases > limits.max_aliases:
        errors.append(CodedError(ErrorCode.QUERY_TOO_COMPLEX,
                                 f"{found.aliases} aliases exceed the limit of {limits.max_aliases}.",
                                 aliases=found.aliases, limit=limits.max_aliases))
    return errors


class QueryLimits(ValidationCache):
    """Measure, refuse what is over a limit, else validate (cached per document)."""

    def __init__(self, limits: Limits) -> None:
        super().__init__(maxsize=512)
        self.limits = limits

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        try:
            errors = refusals(measure(context.schema._schema, context.graphql_document,
                                      context.variables), self.limits)
        except CodedError as error:
            errors = [error]
        if errors:
            context.pre_execution_errors = errors
            yield
            return
        yield from super().on_validate()


class ParsedOnce(ParserCache):
    """Strawberry's ParserCache, except that a document that does not parse is left to
    Strawberry's own parse step: its syntax error then becomes the operation's answer, where a
    hook's exception would skip the other extensions."""

    def __init__(self) -> None:
        super().__init__(maxsize=512)

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        try:
            context.graphql_document = self.cached_parse_document(context.query,
                                                                  **context.parse_options)
        except GraphQLError:
            pass  # parsed again, and refused, by Strawberry
        yield
