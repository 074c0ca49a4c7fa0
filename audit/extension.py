"""The Strawberry extension that records one audit event per GraphQL operation on personal data.

A mutation runs inside one database transaction with its event: the event is inserted after the
resolvers and before the commit, so a write and its record commit together or not at all. A
read's event is committed after execution and before the response leaves, in a transaction it
shares with the events of other requests finishing at the same time (audit/commit.py). Either way
the event waits in the pending table until the tenant's sealer chains it (audit/chain.py). If the event cannot be
recorded, the operation answers `data: null` and one INTERNAL_SERVER_ERROR ("Unexpected error.",
masked by schema/errors.py like any unexpected failure): no unaudited access.

Nothing is recorded for a request without a principal (it failed authentication and has no
tenant to record in), nor for operations that select only `NOT_PERSONAL` root fields and reached
no contact. Every other root field is audited by default, fields added later included."""

import structlog
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
)
from graphql.utilities import get_operation_ast
from strawberry.extensions import SchemaExtension
from tortoise.transactions import in_transaction

from audit import chain, commit, selection
from health.database import is_outage, is_too_long
from policies.decision import Access
from policies.errors import CodedError
from web import metrics

# Root fields that touch no contact's data: who am I, what may I declare, sessions, introspection.
NOT_PERSONAL = frozenset({"me", "purposes", "login", "logout", "__typename", "__schema", "__type"})
INTERNAL = "INTERNAL_SERVER_ERROR"
log = structlog.get_logger("salesplus.audit")


def root_fields(document, operation: OperationDefinitionNode) -> list[str]:
    """Names (not aliases) of the operation's root fields, in order, fragments included."""
    fragments = {d.name.value: d for d in document.definitions
                 if isinstance(d, FragmentDefinitionNode)}
    names: list[str] = []
    spread: set[str] = set()  # a fragment adds the same root fields wherever it is spread

    def walk(selection_set) -> None:
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                if node.name.value not in names:
                    names.append(node.name.value)
            elif isinstance(node, InlineFragmentNode):
                walk(node.selection_set)
            elif (isinstance(node, FragmentSpreadNode) and node.name.value in fragments
                  and node.name.value not in spread):
                spread.add(node.name.value)
                walk(fragments[node.name.value].selection_set)

    walk(operation.selection_set)
    return names


def first_response_key(operation: OperationDefinitionNode) -> str:
    """The response key (alias or name) of the operation's first root field."""
    for node in operation.selection_set.selections:
        if isinstance(node, FieldNode):
            return (node.alias or node.name).value
    return operation.operation.value  # only fragments at the root: name the operation instead


def code_of(error: GraphQLError) -> str:
    """The `extensions.code` the client will see (as schema/errors.py assigns it)."""
    code = (error.extensions or {}).get("code")
    if code:
        return code
    if isinstance(error.original_error, CodedError):
        return error.original_error.code.value
    return "BAD_USER_INPUT" if error.original_error is None else INTERNAL


class AuditTrail(SchemaExtension):
    """Registered in build_schema after the limits; QuietSchema.execute masks what it reports."""

    async def on_execute(self):
        context = self.execution_context
        access: Access | None = getattr(context.context, "access", None)
        operation = get_operation_ast(context.graphql_document, context.operation_name)
        if access is None or access.principal_or_none is None or operation is None:
            yield  # unauthenticated: no tenant, nothing recorded (docs/audit.md)
            return
        roots = root_fields(context.graphql_document, operation)
        audited = any(name not in NOT_PERSONAL for name in roots)
        if audited and operation.operation.value == "mutation":
            executed = False
            try:
                async with in_transaction():
                    yield
                    executed = True
                    entry = self.entry(access, operation, roots)
                    with metrics.audit_append():
                        await chain.append(access.principal.tenant_id, entry)
            except Exception as error:  # noqa: BLE001  (the write is rolled back; fail closed)
                if not executed or is_outage(error) or is_too_long(error):
                    raise  # not ours to answer (health/database.py gives outages and timeouts codes)
                self.withhold(error, operation)
            else:
                commit.seal_soon(access.principal.tenant_id)
            return
        yield
        if audited or access.touched:
            try:
                entry = self.entry(access, operation, roots)
                with metrics.audit_append():  # until the event is durable (audit/commit.py)
                    await commit.record(access.principal.tenant_id, entry)
            except Exception as error:  # noqa: BLE001  (never return unaudited personal data)
                if is_outage(error) or is_too_long(error):
                    raise  # the whole answer gets its code in health/database.py
                self.withhold(error, operation)

    def entry(self, access: Access, operation: OperationDefinitionNode,
              roots: list[str]) -> chain.Entry:
        context = self.execution_context
        selected = selection.selected_fields(context.schema, context.query,
                                             context.graphql_document, context.operation_name)
        returned, denied = selection.categories(access.touched, selected)
        if getattr(context.result, "data", None) is None:
            returned = set()  # built, but nulled before it left (a non-null field failed)
        errors = getattr(context.result, "errors", None) or []
        kind, fields = operation.operation.value, ",".join(roots)
        label = f"{kind} {operation.name.value}: {fields}" if operation.name else f"{kind} {fields}"
        # The purpose rule 3 granted (a token's implied one included), else what was declared.
        purpose = access.decided_purpose or access.declared_purpose
        return chain.Entry(
            principal=access.principal.actor,
            purpose=purpose[:64] if purpose else None,
            operation=label[:200],
            contact_ids=sorted(access.touched.contact_ids),
            categories_returned=sorted(returned),
            categories_denied=sorted(denied),
            codes=sorted({code_of(e) for e in errors}),
            # X-Legal-Reference, once accepted for a legal-obligation purpose (policies/decision.py).
            legal_reference=access.legal_process,
        )

    def withhold(self, error: Exception, operation: OperationDefinitionNode) -> None:
        """Replace the answer with one internal error at the operation's first root field, as if
        that field had failed (schema/errors.py masks an error with a cause and a path as
        INTERNAL_SERVER_ERROR; one without a path it takes for bad input). The cause is logged
        here in one line, and the error handed on carries no traceback: a traceback's frames
        hold the response data, and a log renderer that shows local variables would copy
        personal data into the log."""
        log.error("audit event not recorded; the response is withheld",
                  error=error)  # logs.py keeps its type and frames, never its message
        result = self.execution_context.result
        if result is None:  # execution produced nothing, so there is nothing to withhold
            return
        result.data = None
        result.errors = [GraphQLError("Unexpected error.", path=[first_response_key(operation)],
                                      original_error=NotRecorded(), extensions={"code": INTERNAL})]


class NotRecorded(RuntimeError):
    """The audit event of an operation could not be recorded (the cause is in the log)."""

    def __init__(self) -> None:
        super().__init__("audit event not recorded")
