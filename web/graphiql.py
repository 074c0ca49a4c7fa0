"""GraphiQL for development, served entirely by the application.

Strawberry's own page loads React and GraphiQL from a CDN, so with no internet it shows only
"Loading…". Here the page and its assets come from `web/static/graphiql/`, files copied unchanged
from pinned npm packages (VENDORED.md there says which, with their licences and digests), and the
page's one script is a file too (no inline script: a strict Content-Security-Policy keeps it
working). It opens on an example for this API and a template of the two headers every call needs.

Production serves neither the page nor the assets (server.py mounts `routes()` in development)."""

import json
from pathlib import Path

from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

ASSETS = Path(__file__).parent / "static" / "graphiql"
PREFIX = "/graphiql"  # where the assets are served

EXAMPLE_QUERY = """# Sales Plus CRM API, with the demo data (make run):
# 1. Run "Login" (▶ asks which operation);
#    copy the token it returns.
# 2. In Headers below, put it in place of <token>.
#    X-Purpose names the purpose of each call.
# 3. Run "Contacts".
# More roles and purposes: README, "Trying it".

mutation Login {
  login(tenant: "acme", email: "sales@acme.example", password: "demo-sales-pass") {
    token
    expiresAt
  }
}

query Contacts {
  me { tenant roles purposes }
  contacts(first: 10, orderBy: LAST_NAME) {
    totalCount
    edges { node { id firstName lastName email company } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
HEADERS_TEMPLATE = {"Authorization": "Bearer <token>", "X-Purpose": "sales"}

# In the order the page loads them: React, ReactDOM, then GraphiQL (a UMD build over both).
SCRIPTS = ("react.production.min.js", "react-dom.production.min.js", "graphiql.min.js", "boot.js")
STYLESHEETS = ("graphiql.min.css",)


def page(endpoint: str = "/graphql") -> str:
    """The HTML of GraphiQL: same-origin assets only, settings as inert JSON for boot.js."""
    settings = json.dumps({"url": endpoint, "query": EXAMPLE_QUERY,
                           "headers": json.dumps(HEADERS_TEMPLATE, indent=2)})
    styles = "".join(f'<link rel="stylesheet" href="{PREFIX}/{name}">' for name in STYLESHEETS)
    scripts = "".join(f'<script src="{PREFIX}/{name}"></script>' for name in SCRIPTS)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>Sales Plus CRM API · GraphiQL</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"{styles}<style>body{{margin:0}}#graphiql{{height:100vh}}</style></head><body>"
        '<div id="graphiql">Loading GraphiQL…</div>'
        # "</" cannot end the element early: JSON escapes it as "<\/".
        f'<script type="application/json" id="graphiql-settings">{escape_json(settings)}</script>'
        f"{scripts}</body></html>"
    )


def escape_json(text: str) -> str:
    return text.replace("</", "<\\/")


def routes() -> list[BaseRoute]:
    return [Mount(PREFIX, app=StaticFiles(directory=ASSETS), name="graphiql-assets")]

