"""HTTP hygiene in one place: what a request must be before GraphQL sees it.

An ASGI layer in front of the whole app. Every request: a Content-Length that is not one run of
ASCII digits is 400; a body over the size limit is 413 (by the header, and while streaming when
there is none). `POST /graphql` besides: the body must be UTF-8 JSON, nested at most
`MAX_JSON_DEPTH` deep, with no lone surrogate or NUL in any string, and an object with a string
`query` (`variables` and `extensions` objects or null, `operationName` a string or null); the
Content-Type must be JSON; and `X-Purpose` must carry one value, not several. A query sent with
`GET /graphql` is refused (GET serves only GraphiQL, in development).

Each refusal is JSON, `{"errors": [{"message", "extensions": {"code", "reason"}}]}`, with a code
of api.md: BAD_USER_INPUT, or PURPOSE_REQUIRED for an ambiguous purpose. Written here rather than
left to Strawberry's view, which answers some of these with a plain-text 400 and others (a body
that is JSON but not an object, bytes that are not UTF-8, JSON nested 2,000 deep) with a 500."""

import json
from urllib.parse import parse_qs

from starlette.responses import JSONResponse

from models import values
from policies.vocabulary import ErrorCode
from web.observability import request_id_extension

MAX_JSON_DEPTH = 32  # arrays and objects inside one another; the deepest input of the schema is 4
GRAPHQL_PATH = "/graphql"
BODY_FIELDS = {"query": (str,), "operationName": (str, type(None)),
               "variables": (dict, type(None)), "extensions": (dict, type(None))}


class Refusal(Exception):
    def __init__(self, status: int, reason: str, code: ErrorCode = ErrorCode.BAD_USER_INPUT):
        super().__init__(reason)
        self.status, self.reason, self.code = status, reason, code

    def response(self) -> JSONResponse:
        error = {"message": self.reason, "extensions": {"code": self.code.value, "reason": self.reason,
                                                        **request_id_extension()}}
        return JSONResponse({"errors": [error]}, status_code=self.status)


TOO_LARGE = "The request body is too large."


class RequestHygiene:
    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        try:
            declared = declared_length(scope["headers"], self.max_bytes)
            if scope["path"] != GRAPHQL_PATH:
                return await self.streamed(scope, receive, send)
            if scope["method"] == "GET":
                refuse_query_in_url(scope.get("query_string", b""))
                return await self.app(scope, receive, send)
            if scope["method"] != "POST":
                return await self.app(scope, receive, send)
            check_headers(scope["headers"])
            body = await read_body(receive, self.max_bytes, declared)
            check_body(body)
        except Refusal as refusal:
            return await refusal.response()(scope, receive, send)
        await self.app(scope, replay(body, receive), send)

    async def streamed(self, scope, receive, send):
        """Other routes read their own bodies (forms of the unsubscribe pages): count as they do."""
        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise Refusal(413, TOO_LARGE)
            return message

        try:
            await self.app(scope, limited_receive, send)
        except Refusal as refusal:
            await refusal.response()(scope, receive, send)


def declared_length(headers, max_bytes: int) -> int | None:
    values = [value for name, value in headers if name == b"content-length"]
    if not values:
        return None
    if len(values) > 1 or not values[0] or not all(0x30 <= b <= 0x39 for b in values[0]):
        raise Refusal(400, "Malformed Content-Length header.")
    if len(values[0]) > 18 or int(values[0]) > max_bytes:
        raise Refusal(413, TOO_LARGE)
    return int(values[0])


def refuse_query_in_url(query_string: bytes) -> None:
    if "query" in parse_qs(query_string.decode("latin-1")):
        raise Refusal(400, "Send GraphQL operations with POST and a JSON body.")


def check_headers(headers) -> None:
    purposes = [value for name, value in headers if name == b"x-purpose"]
    if len(purposes) > 1 or any(b"," in value for value in purposes):
        raise Refusal(400, "Declare exactly one purpose in X-Purpose; nothing was run.",
                      ErrorCode.PURPOSE_REQUIRED)
    types = [value for name, value in headers if name == b"content-type"]
    media = types[0].split(b";")[0].strip().lower() if len(types) == 1 else b""
    if media != b"application/json":
        raise Refusal(400, "Content-Type must be application/json.")


async def read_body(receive, max_bytes: int, declared: int | None) -> bytes:
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise Refusal(400, "The request body is incomplete.")
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > max_bytes:
            raise Refusal(413, TOO_LARGE)
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    body = b"".join(chunks)
    if declared is not None and len(body) != declared:
        raise Refusal(400, "The request body does not match its Content-Length.")
    return body


def _no_constants(name: str):
    raise ValueError(name)  # NaN, Infinity: not JSON


def check_body(body: bytes) -> None:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refusal(400, "The request body is not UTF-8.") from None
    try:
        document = json.loads(text, parse_constant=_no_constants)
    except (ValueError, RecursionError):
        raise Refusal(400, "The request body is not JSON.") from None
    check_strings_and_depth(document)
    if not isinstance(document, dict) or not isinstance(document.get("query"), str) \
            or not document["query"]:
        raise Refusal(400, 'The request body must be a JSON object with a non-empty string "query".')
    for name, allowed in BODY_FIELDS.items():
        if name in document and not isinstance(document[name], allowed):
            kinds = " or ".join("null" if t is type(None) else {str: "a string", dict: "an object"}[t]
                                for t in allowed)
            raise Refusal(400, f'"{name}" must be {kinds}.')


def check_strings_and_depth(document) -> None:
    """Depth first, without recursion: every array and object at most MAX_JSON_DEPTH deep, and
    every string (keys included) well-formed Unicode without NUL, named by its path."""
    stack = [(document, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, str):
            check_text(value, path or "body")
        elif isinstance(value, (dict, list)):
            if depth >= MAX_JSON_DEPTH:
                raise Refusal(400, f"The request body is nested deeper than {MAX_JSON_DEPTH} levels.")
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(key, str):
                    inner = f"{path}.{key}" if path else key
                    check_text(key, inner)
                else:
                    inner = f"{path}[{key}]"
                stack.append((item, inner, depth + 1))


def check_text(text: str, where: str) -> None:
    """Text a column can store and an answer can carry (models/values.py)."""
    try:
        values.well_formed(text)
    except values.Bad as bad:
        raise Refusal(400, f"{_safe(where)}: {bad}.") from None


def _safe(where: str) -> str:
    """A path built from the caller's keys, printable in the answer."""
    return where.encode("utf-8", "replace").decode("utf-8").replace("\x00", "\\0")[:200]


def replay(body: bytes, receive):
    """The body, read once here, handed on to the app as one message."""
    sent = False

    async def again():
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return again

