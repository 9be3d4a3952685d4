"""Debian's Chromium driven by Playwright (which downloads no browser of its own here).

``CHROMIUM`` is the browser's path (``$STAMP_TEST_CHROMIUM``, default ``/usr/bin/chromium``,
installed by ``./dev``). It runs headless with the flags that keep it off the network
(no background requests, no component updates, no sync) in a fresh profile per context.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, Playwright

CHROMIUM = Path(os.environ.get("STAMP_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 860}


def launch_chromium(playwright: Playwright) -> Browser:
    if not CHROMIUM.exists():
        raise RuntimeError(
            f"no Chromium at {CHROMIUM}: install Debian's chromium (./dev does) "
            "or set STAMP_TEST_CHROMIUM"
        )
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def new_context(browser: Browser, *, phone: bool = False, **options: Any) -> BrowserContext:
    """A fresh profile (no cookies); phone size with touch and a phone's pixel ratio."""
    if phone:
        options = {
            "viewport": PHONE,
            "device_scale_factor": 3,
            "is_mobile": True,
            "has_touch": True,
            **options,
        }
    else:
        options = {"viewport": DESKTOP, **options}
    return browser.new_context(**options)


def sign_in(page: Page, base_url: str, email: str, password: str) -> None:
    """Sign in through the login form, as a shop owner does."""
    page.goto(f"{base_url}/dashboard/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r".*/dashboard/$"))
