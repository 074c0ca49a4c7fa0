"""What an operation returned, in data categories: the fields the client selected, per type,
against the fields each object built for the response withheld (`Access.touched`).

`project()` puts every readable field into an object whatever the client asked for, so the
objects alone would overstate what left the server; the selection alone would not know what was
withheld. The selection is read from the operation's document once per distinct query text
(about as long as the query, not the data) and the objects are grouped by their set of withheld
fields, so a page of 100 contacts costs a loop over 100 tuples."""

import hashlib
from collections import defaultdict
from functools import lru_cache

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLSchema,
    InlineFragmentNode,
    SelectionSetNode,
    get_named_type,
    is_abstract_type,
)
from graphql.utilities import get_operation_ast

from policies.decision import Touched
from policies.fields import categories_of

Selected = dict[type, frozenset[str]]  # personal-data type -> python names of selected fields


@lru_cache(maxsize=8)
def personal_types(schema) -> dict[str, tuple[type, dict[str, str]]]:
    """GraphQL type name -> (python class, {GraphQL field name: python name}) for every type with
    personal-data fields, once per schema."""
    converter = schema.config.name_converter
    found = {}
    for graphql_type in schema._schema.type_map.values():
        definition = schema.get_type_by_name(graphql_type.name)
        cls = getattr(definition, "origin", None)
        if cls is None or not hasattr(definition, "fields"):
            continue
        personal = categories_of(cls)
        if personal:
            found[graphql_type.name] = (cls, {converter.get_graphql_name(f): f.python_name
                                              for f in definition.fields if f.python_name in personal})
    return found


def _walk(schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode], parent,
          selection_set: SelectionSetNode, out: dict[str, set[str]], seen: set[str]) -> None:
    targets = schema.get_possible_types(parent) if is_abstract_type(parent) else [parent]
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            name = selection.name.value
            for target in targets:
                out[target.name].add(name)
            field = getattr(parent, "fields", {}).get(name)
            if field is not None and selection.selection_set:
                _walk(schema, fragments, get_named_type(field.type), selection.selection_set, out, seen)
        elif isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition
            inner = schema.get_type(condition.name.value) if condition else parent
            _walk(schema, fragments, inner, selection.selection_set, out, seen)
        elif (isinstance(selection, FragmentSpreadNode) and selection.name.value not in seen
              and selection.name.value in fragments):
            seen.add(selection.name.value)  # a fragment's fields are the same wherever it is spread
            fragment = fragments[selection.name.value]
            inner = schema.get_type(fragment.type_condition.name.value)
            _walk(schema, fragments, inner, fragment.selection_set, out, seen)


_CACHE: dict[tuple, Selected] = {}
CACHE_SIZE = 512


def selected_fields(schema, query: str, document: DocumentNode,
                    operation_name: str | None) -> Selected:
    """The personal-data fields the operation selects, per type (every path merged); remembered
    per schema, query text and operation name, since clients repeat the same few queries. The
    key holds a digest of the text, not the text: a query may carry a long string literal."""
    key = (schema, hashlib.blake2b(query.encode(), digest_size=16).digest(), operation_name)
    selected = _CACHE.get(key)
    if selected is None:
        if len(_CACHE) >= CACHE_SIZE:
            _CACHE.clear()
        selected = _CACHE[key] = _selected_fields(schema, document, operation_name)
    return selected


def _selected_fields(schema, document: DocumentNode, operation_name: str | None) -> Selected:
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return {}
    fragments = {d.name.value: d for d in document.definitions
                 if isinstance(d, FragmentDefinitionNode)}
    return _operation_selection(schema, operation, fragments)


_BY_OPERATION: dict[tuple[int, int], tuple] = {}


def operation_selection(schema, operation, fragments: dict[str, FragmentDefinitionNode]) -> Selected:
    """`selected_fields` of one operation given its fragments (a resolver's `info` has both),
    remembered per parsed operation: schema/limits.py `ParsedOnce` hands a repeated query text
    the same document. The entry holds the operation, so its id is not reused while cached."""
    key = (id(schema), id(operation))
    hit = _BY_OPERATION.get(key)
    if hit is not None and hit[0] is schema and hit[1] is operation:
        return hit[2]
    if len(_BY_OPERATION) >= CACHE_SIZE:
        _BY_OPERATION.clear()
    selected = _operation_selection(schema, operation, fragments)
    _BY_OPERATION[key] = (schema, operation, selected)
    return selected


def _operation_selection(schema, operation, fragments: dict[str, FragmentDefinitionNode]) -> Selected:
    graphql_schema = schema._schema
    out: dict[str, set[str]] = defaultdict(set)
    root = graphql_schema.get_root_type(operation.operation)
    _walk(graphql_schema, fragments, root, operation.selection_set, out, set())
    selected = {}
    for type_name, (cls, names) in personal_types(schema).items():
        chosen = frozenset(names[f] for f in out.get(type_name, ()) if f in names)
        if chosen:
            selected[cls] = chosen
    return selected


def categories(touched: Touched, selected: Selected) -> tuple[set[str], set[str]]:
    """(categories returned, categories denied) by the operation."""
    returned, denied = set(touched.noted), set(touched.refused)
    # Objects of a type mostly share one withheld dict (denied_fields memoizes it per request).
    shapes = {(o[0], id(o[3])): (o[0], o[3]) for o in touched.objects}
    for cls, withheld in shapes.values():
        of = categories_of(cls)
        for name in selected.get(cls, ()):
            (denied if name in withheld else returned).add(of[name].value)
    return returned, denied


def returned_by_object(touched: Touched, selected: Selected) -> list[tuple[str, object, list[str]]]:
    """(type name, object id, categories returned) per object: what a disclosure record lists."""
    rows = []
    for cls, object_id, _contact_id, withheld in touched.objects:
        of = categories_of(cls)
        rows.append((cls.__name__, object_id,
                     sorted({of[n].value for n in selected.get(cls, ()) if n not in withheld})))
    return rows
