"""What clients see of errors: the codes of api.md, and nothing else.

Errors raised as `CodedError` pass as they are. Errors graphql-core or Strawberry create while
parsing, validating and coercing variables describe the caller's own input: they keep their
message and get `QUERY_TOO_COMPLEX` (tokens) or `BAD_USER_INPUT`. Anything else is an internal
failure: the client gets "Unexpected error." and the details go to the log only. The mapping is
applied to every result `QuietSchema.execute` returns, so an error raised by an extension's hook
(which skips the other extensions' hooks) is mapped as well, and a code outside api.md's list
never leaves."""

import strawberry
import structlog
from graphql import GraphQLError
from strawberry.exceptions import MissingQueryError
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult

from policies.errors import CodedError
from policies.vocabulary import ErrorCode

log = structlog.get_logger("salesplus.errors")

# The message of Strawberry's MaxTokensLimiter (graphql-core's parser raises it).
TOO_COMPLEX_MARKERS = ("Document contains more than",)


INTERNAL = "INTERNAL_SERVER_ERROR"


def _is_internal(error: GraphQLError) -> bool:
    """A failure of ours: raised by a resolver (it has a path), raised by an extension or the
    server while preparing the operation (an exception that is not a GraphQLError and points at
    no node of the query: its text is not about the caller's input), or already marked internal
    by an extension that withheld the answer (audit trail, disclosures)."""
    if (error.extensions or {}).get("code") == INTERNAL:
        return True
    original = error.original_error
    if original is None:
        return False
    if error.path is not None:
        return True
    if isinstance(original, GraphQLError):
        return False
    return not error.nodes


def client_error(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if isinstance(original, CodedError) or isinstance(error, CodedError):
        return error
    if not _is_internal(error):
        # Parsing, validation or variable coercion (an unknown enum value, a malformed DateTime):
        # it describes the caller's own input, so its message may be shown.
        code = (ErrorCode.QUERY_TOO_COMPLEX if any(m in error.message for m in TOO_COMPLEX_MARKERS)
                else ErrorCode.BAD_USER_INPUT)
        return GraphQLError(error.message, nodes=error.nodes, path=error.path,
                            extensions={**(error.extensions or {}), "code": code.value})
    log.error("unexpected error", path=error.path, exc_info=original)
    return GraphQLError("Unexpected error.", nodes=error.nodes, path=error.path,
                        extensions={"code": INTERNAL})


def client_errors(errors: list[GraphQLError] | None) -> list[GraphQLError] | None:
    return [client_error(e) for e in errors] if errors else errors


class QuietSchema(strawberry.Schema):
    """Strawberry logs every error with its traceback. Here denials and invalid queries are the
    expected answers of a policy API, and unexpected failures are logged once, by `client_error`,
    which every result passes through on its way out."""

    def process_errors(self, errors, execution_context=None) -> None:
        return None

    async def execute(self, *args, **kwargs):
        try:
            result = await super().execute(*args, **kwargs)
        except (MissingQueryError, CannotGetOperationTypeError, InvalidOperationTypeError) as error:
            # Strawberry's view would answer these with a plain-text 400: an answer like any other.
            return ExecutionResult(data=None, errors=[CodedError(ErrorCode.BAD_USER_INPUT,
                                                                 refusal_reason(error))])
        result.errors = client_errors(result.errors)
        return result


def refusal_reason(error: Exception) -> str:
    if isinstance(error, CannotGetOperationTypeError):
        return error.as_http_error_reason()
    if isinstance(error, InvalidOperationTypeError):
        return f"{error.operation_type.value} operations are not allowed here."
    return "No GraphQL query found in the request."
