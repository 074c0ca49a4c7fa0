"""Headless Chromium (Debian's `chromium`) for the browser tests, driven by Playwright, which never
downloads a browser of its own. Without either the test is skipped with the reason, except in CI
(CI=true), where it fails: `.ci/run` installs Chromium and `.[test]` Playwright."""

import os

import pytest

CHROMIUM = os.environ.get("SALESPLUS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def need_browser() -> None:
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
