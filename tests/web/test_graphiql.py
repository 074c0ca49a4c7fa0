"""web/graphiql.py: GraphiQL from vendored files only, in development only, rendered by a real
browser that can reach nothing but 127.0.0.1."""

import hashlib
import re
from urllib.parse import urlsplit

import httpx
import pytest

from config import load_settings
from server import create_app
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, need_browser
from tests.support.live_server import live_server
from web import graphiql

VENDORED = graphiql.ASSETS / "VENDORED.md"


def vendored_digests() -> dict[str, str]:
    rows = re.findall(r"^\| `([^`]+)` \| `[^`]+` \| [^|]+ \| `?([0-9a-f]{64})?`? ?\|$",
                      VENDORED.read_text(), re.MULTILINE)
    return dict(rows)


def test_every_vendored_file_is_listed_with_its_digest():
    listed = vendored_digests()
    shipped = {p.name for p in graphiql.ASSETS.iterdir()} - {"VENDORED.md", "boot.js"}
    assert shipped == set(listed)
    for name, digest in listed.items():
        if digest:
            assert hashlib.sha256((graphiql.ASSETS / name).read_bytes()).hexdigest() == digest, name
    assert {"LICENSE.graphiql", "LICENSE.react", "LICENSE.react-dom"} <= set(listed)


async def test_the_page_and_its_assets_come_from_the_app(http):
    page = await http.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(s.startswith(graphiql.PREFIX + "/") for s in sources), sources
    for source in sources:
        asset = await http.get(source)
        assert asset.status_code == 200 and len(asset.content) > 500, source
    assert "<script>" not in page.text  # no inline script (a strict CSP keeps working)


async def test_production_serves_neither_page_nor_assets(monkeypatch, app):
    monkeypatch.setenv("SALESPLUS_ENV", "production")
    production = create_app(load_settings())
    production.state.engine = app.state.engine
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=production), base_url="http://t") as client:
        assert (await client.get("/graphql", headers={"accept": "text/html"})).status_code != 200
        assert (await client.get(f"{graphiql.PREFIX}/graphiql.min.js")).status_code == 404


async def test_chromium_renders_graphiql_with_every_other_host_blocked(tmp_path):
    need_browser()
    from playwright.async_api import async_playwright  # noqa: PLC0415

    blocked, served = [], []

    async def only_loopback(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            served.append(route.request.url)
            await route.continue_()
        else:
            blocked.append(route.request.url)
            await route.abort()

    async with live_server(tmp_path) as server, async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page()
            await page.route("**/*", only_loopback)
            await page.goto(f"{server.base}/graphql")
            editor = page.locator(".graphiql-query-editor .CodeMirror")
            await editor.wait_for(timeout=30_000)
            assert "query Contacts" in await editor.inner_text()
            await page.get_by_text("Headers", exact=True).first.wait_for()
            headers = await page.locator(".graphiql-editor-tool .CodeMirror").last.inner_text()
            assert "X-Purpose" in headers and "Authorization" in headers
            await page.screenshot(path=str(tmp_path / "graphiql.png"))
        finally:
            await browser.close()
    assert not blocked, blocked
    assert any(url.endswith("graphiql.min.js") for url in served)
