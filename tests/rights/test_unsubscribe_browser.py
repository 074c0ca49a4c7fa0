"""The data subject's pages in a real browser (tests/support/browser.py), against a real
`salesplus serve` (uvicorn) on 127.0.0.1 with its own SQLite file."""

import json
import sqlite3
from pathlib import Path

import pytest

from rights import links
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, need_browser
from tests.support.live_server import environment, live_server, run_cli

SECRET = "browser-test-secret-key"
DOCUMENT = {"tenants": [{
    "slug": "browser", "name": "Browser & Co",
    "subscriptionTopics": [{"topic": "newsletter", "optOut": True},
                           {"topic": "offers", "optOut": True},
                           {"topic": "service", "optOut": False}],
    "contacts": [{"externalRef": "ada", "firstName": "Ada", "email": "ada@example.com",
                  "subscriptions": [{"topic": "newsletter", "subscribed": True},
                                    {"topic": "offers", "subscribed": True},
                                    {"topic": "service", "subscribed": True}]}],
}]}


@pytest.fixture
async def server(tmp_path):
    """`salesplus serve` on a free port with a fresh SQLite file holding DOCUMENT."""
    need_browser()
    env = environment(tmp_path, SALESPLUS_SECRET_KEY=SECRET)
    data = tmp_path / "seed.json"
    data.write_text(json.dumps(DOCUMENT))
    run_cli(tmp_path, "import", str(data), env=env)
    async with live_server(tmp_path, env=env) as running:
        yield running.base, tmp_path / "live.db"


def _subscriptions(db_path: Path) -> dict[str, bool]:
    with sqlite3.connect(db_path) as connection:
        rows = connection.execute("SELECT topic, subscribed FROM subscription ORDER BY topic").fetchall()
    return {topic: bool(on) for topic, on in rows}


def _contact(db_path: Path) -> tuple[int, int]:
    with sqlite3.connect(db_path) as connection:
        return connection.execute("SELECT tenant_id, id FROM contact WHERE external_ref = 'ada'").fetchone()


async def test_a_person_unsubscribes_with_one_click_then_changes_their_preferences(server, tmp_path):
    from playwright.async_api import async_playwright  # noqa: PLC0415

    base, db_path = server
    tenant_id, contact_id = _contact(db_path)
    token = links.unsubscribe_token(tenant_id, contact_id, "newsletter", secret=SECRET.encode())
    requested = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page()
            page.on("request", lambda request: requested.append(request.url))
            await page.goto(f"{base}/unsubscribe/{token}")
            assert await page.locator("html").get_attribute("lang") == "en"
            assert await page.get_by_role("heading", level=1).inner_text() == "Unsubscribe"
            assert "newsletter" in await page.locator("main p").first.inner_text()
            assert _subscriptions(db_path)["newsletter"] is True  # showing the page changed nothing

            await page.get_by_role("button", name="Unsubscribe from newsletter").click()
            status = page.get_by_role("status")
            await status.wait_for()
            assert "You are unsubscribed from newsletter of Browser & Co." in await status.inner_text()
            assert _subscriptions(db_path) == {"newsletter": False, "offers": True, "service": True}
            await page.screenshot(path=str(tmp_path / "unsubscribed.png"))

            await page.get_by_role("link", name="Manage all your subscriptions").click()
            await page.get_by_role("heading", name="Your subscriptions").wait_for()
            newsletter, offers = page.get_by_label("newsletter"), page.get_by_label("offers")
            assert (await newsletter.is_checked(), await offers.is_checked()) == (False, True)
            assert await page.get_by_label("service").count() == 0  # cannot be opted out of
            await page.screenshot(path=str(tmp_path / "preferences.png"))  # to look at, if need be
            await newsletter.check()
            await offers.uncheck()
            await page.get_by_role("button", name="Save my choices").click()
            await page.get_by_role("status").wait_for()
            assert _subscriptions(db_path) == {"newsletter": True, "offers": False, "service": True}
        finally:
            await browser.close()
    assert requested and all(url.startswith(base + "/") for url in requested), requested
