"""Cross-origin access for browser front ends on other origins, from configuration only
(SALESPLUS_CORS_ORIGINS, SALESPLUS_CORS_CREDENTIALS) through Starlette's CORSMiddleware.

Default: no origin is allowed and no CORS header is sent, so browsers refuse cross-origin calls;
an `OPTIONS` preflight then gets 405 like any other method `/graphql` does not serve. With origins
configured, preflights from them are answered (200) and others refused (400). Credentials
(cookies, HTTP authentication) stay off unless asked for; the API's own `Authorization: Bearer`
header does not need them."""

from starlette.middleware.cors import CORSMiddleware

# What a front end sends and may read: the API's headers (docs/api.md).
REQUEST_HEADERS = ["Authorization", "Content-Type", "X-Purpose", "X-Legal-Reference", "X-Request-Id"]
EXPOSED_HEADERS = ["X-Request-Id", "Retry-After"]


def install(app, config) -> None:
    if not config.cors_origins:
        return
    app.add_middleware(CORSMiddleware, allow_origins=config.cors_origins,
                       allow_credentials=config.cors_credentials, allow_methods=["GET", "POST"],
                       allow_headers=REQUEST_HEADERS, expose_headers=EXPOSED_HEADERS, max_age=600)
