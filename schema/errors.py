"""What clients see of errors: the codes of api.md, and nothing else.

Errors raised as `CodedError` pass as they are. Errors graphql-core or Strawberry's limiters
create while parsing and validating carry no data: they keep their message and get
`QUERY_TOO_COMPLEX` (depth, aliases, tokens) or `BAD_USER_INPUT`. Anything else is an internal
failure: the client gets "Unexpected error." and the details go to the log only."""

from collections.abc import Iterator

import strawberry
import structlog
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from policies.errors import CodedError
from policies.vocabulary import ErrorCode

log = structlog.get_logger("salesplus.errors")

# Messages of Strawberry's QueryDepthLimiter, MaxAliasesLimiter and MaxTokensLimiter.
TOO_COMPLEX_MARKERS = ("exceeds maximum operation depth", "aliases found. Allowed",
                       "Document contains more than")


INTERNAL = "INTERNAL_SERVER_ERROR"


def _is_internal(error: GraphQLError) -> bool:
    """A failure of ours: raised by a resolver (it has a path), or already marked internal by an
    extension that withheld the answer (audit trail, disclosures)."""
    if (error.extensions or {}).get("code") == INTERNAL:
        return True
    return error.original_error is not None and error.path is not None


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


class QuietSchema(strawberry.Schema):
    """Strawberry logs every error with its traceback. Here denials and invalid queries are the
    expected answers of a policy API, and unexpected failures are logged once, by `ClientErrors`."""

    def process_errors(self, errors, execution_context=None) -> None:
        return None


class ClientErrors(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and getattr(result, "errors", None):
            result.errors = [client_error(e) for e in result.errors]
