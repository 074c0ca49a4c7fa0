"""Errors that carry a code of api.md. Only these pass the error mask: anything else the client
sees as a generic internal error, so no stack trace, SQL or data leaves the server."""

from graphql import GraphQLError

from policies.vocabulary import ErrorCode

DEFAULT_REASONS = {
    ErrorCode.UNAUTHENTICATED: "Authentication required: the token is missing, invalid, expired or revoked.",
    ErrorCode.PURPOSE_REQUIRED: "Declare the purpose of this operation in the X-Purpose header.",
    ErrorCode.PURPOSE_NOT_ALLOWED: "This purpose is unknown or not granted to the caller.",
    ErrorCode.FORBIDDEN: "The caller's role does not allow this for the declared purpose.",
    ErrorCode.CONSENT_REQUIRED: "The contact has no lawful basis for the declared purpose.",
    ErrorCode.PROCESSING_RESTRICTED: "Processing of this contact is restricted.",
    ErrorCode.NOT_FOUND: "No such object.",
    ErrorCode.BAD_USER_INPUT: "Invalid input.",
    ErrorCode.RATE_LIMITED: "Too many requests.",
    ErrorCode.QUERY_TOO_COMPLEX: "The query is too deep, too wide or too long.",
    ErrorCode.SERVICE_UNAVAILABLE: "The service cannot reach its database; retry after the delay given.",
}


class CodedError(GraphQLError):
    def __init__(self, code: ErrorCode, reason: str | None = None, **extensions):
        reason = reason or DEFAULT_REASONS[code]
        super().__init__(reason, extensions={"code": code.value, "reason": reason, **extensions})
        self.code = code


def not_found() -> CodedError:
    """The one answer for an id that never existed, belongs to another tenant, or was erased."""
    return CodedError(ErrorCode.NOT_FOUND)
