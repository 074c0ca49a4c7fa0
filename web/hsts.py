"""Strict-Transport-Security (RFC 6797) on every answer to a request that arrived over HTTPS.

"Arrived over HTTPS" is the ASGI scope's `scheme`: `https` when uvicorn terminates TLS itself
(`salesplus serve --tls-cert … --tls-key …`), or when a proxy uvicorn trusts (`--forwarded-allow-ips`)
says `X-Forwarded-Proto: https` (uvicorn's proxy headers rewrite the scheme before the app runs).
Never over plain HTTP: a browser must ignore the header there (RFC 6797 §8.1), and a man in the
middle could strip or forge it anyway.

`includeSubDomains` always: the API's host has no business serving anything in plain text below
it. `preload` is left out: it is a promise about the whole registrable domain, the operator's to
make, not the API's. The outermost layer of the app, so refusals (413, 429, 503) carry it too."""

HEADER = b"strict-transport-security"


def header_value(max_age: int) -> bytes:
    return f"max-age={max_age}; includeSubDomains".encode()


class StrictTransportSecurity:
    def __init__(self, app, max_age: int):
        self.app, self.value = app, header_value(max_age)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("scheme") != "https":
            return await self.app(scope, receive, send)

        async def send_with_hsts(message):
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (HEADER, self.value)]
            await send(message)

        await self.app(scope, receive, send_with_hsts)
