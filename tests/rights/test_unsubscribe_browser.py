"""The data subject's pages in a real browser: headless Chromium (Debian's `chromium`) driven by
Playwright, against a real `salesplus serve` (uvicorn) on 127.0.0.1 with its own SQLite file.

Without Chromium or Playwright the test is skipped with the reason, except in CI (CI=true),
where it fails: the project's setup installs both (docs/rights.md)."""

import asyncio
import json
import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from rights import links

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("SALESPLUS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
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


def _need_browser():
    missing = []
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"Chromium at {CHROMIUM} (apt-get install -y chromium)")
    try:
        import playwright.async_api  # noqa: F401, PLC0415
    except ImportError:
        missing.append("Playwright for Python (pip install -e '.[test]')")
    if missing:
        reason = "the browser test needs " + " and ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; CI must install it")
        pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
async def server(tmp_path):
    """`salesplus serve` on a free port with a fresh SQLite file holding DOCUMENT."""
    _need_browser()
    db_path = tmp_path / "browser.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db_path}", "SALESPLUS_SECRET_KEY": SECRET,
           "SALESPLUS_DATA_DIR": str(tmp_path / "data"), "SALESPLUS_DEMO": "0",
           "PYTHONPATH": str(ROOT)}
    env.pop("REDIS_URL", None)
    data = tmp_path / "seed.json"
    data.write_text(json.dumps(DOCUMENT))
    seeded = subprocess.run([sys.executable, "-m", "cli", "import", str(data)], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert seeded.returncode == 0, seeded.stdout + seeded.stderr
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--port", str(port)], env=env,
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient() as client:
            for _ in range(150):  # up to 30 s
                try:
                    if (await client.get(f"{base}/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert process.poll() is None, process.stdout.read().decode()
                await asyncio.sleep(0.2)
            else:
                pytest.fail("the server did not start in 30 s")
        yield base, db_path
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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
