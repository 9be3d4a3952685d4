"""Screenshots of the customer's card page (phone size) and of the merchant dashboard.

    python docs/screenshots/take_web_screenshots.py [--out DIR] [--chromium PATH]

The reference server runs with the demo shop on loopback (as ``stamp-terminal demo`` starts it)
and gets three weeks of visits from the demo terminal: several customers, stamps most days,
rewards earned and redeemed, one stamp refused by the stamp card's anti-fraud rule and one
visit the terminal's policy held for the manager. Debian's Chromium, driven by Playwright, then
opens the pages as a customer's phone and as the shop owner would. The PNGs go to
``<out>/web/<name>.png`` (default ``docs/screenshots``).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from app.demo_server import (  # noqa: E402
    REPORT_PATH,
    DemoCustomer,
    DemoServer,
    DemoShop,
    issue_card,
    open_demo_shop,
)
from app.domain.dates import format_api_datetime  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 860}
MORE_CUSTOMERS = (
    DemoCustomer("Jordan Lee", "+1 555 0100 104", 0, "camera"),
    DemoCustomer("Priya Shah", "+1 555 0100 105", 0, "camera"),
    DemoCustomer("Chen Wei", "+1 555 0100 106", 0, "camera"),
    DemoCustomer("Maria Rossi", "+1 555 0100 107", 0, "camera"),
)
DAYS = 21
SHOP_ZONE = "America/New_York"  # the demo shop is in Alpharetta, Georgia


class History:
    """Reports the demo terminal's visits of the last weeks, redeeming rewards as they come."""

    def __init__(self, http: httpx.Client, shop: DemoShop) -> None:
        self.http = http
        self.headers = {"api-key": shop.api_key, "Authorization": f"Bearer {shop.terminal_token}"}

    def report(self, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        answer = self.http.post(REPORT_PATH, json={"events": events}, headers=self.headers)
        answer.raise_for_status()
        results: list[dict[str, Any]] = answer.json()["eventResults"]
        return results

    def visit(self, card: str, when: datetime, stamps: int = 1, **extra: Any) -> list[int]:
        events = [
            {
                "eventId": str(uuid.uuid4()),
                "cardInstanceId": card,
                "eventTime": format_api_datetime(when),
                "eventType": "STAMP",
                **extra,
            }
            for _ in range(stamps)
        ]
        results = self.report(events)
        for result in results:
            for reward in result.get("rewards") or []:
                if when.date() < datetime.now(UTC).date() - timedelta(days=1):
                    self.redeem(card, reward["rewardInstanceId"], when + timedelta(minutes=1))
        return [result["result"]["code"] for result in results]

    def redeem(self, card: str, reward_id: str, when: datetime) -> None:
        event = {
            "eventId": str(uuid.uuid4()),
            "cardInstanceId": card,
            "eventTime": format_api_datetime(when),
            "eventType": "REDEEM",
            "rewardInstanceId": reward_id,
        }
        self.report([event])


def seed(server: DemoServer, shop: DemoShop, card_idx: int) -> None:
    """Three weeks of visits of the demo customers and a few more."""
    rng = random.Random(8)
    today = datetime.now(UTC).replace(hour=8, minute=0, second=0, microsecond=0)
    with httpx.Client(base_url=server.url, timeout=30.0) as http:
        history = History(http, shop)
        cards = [card.card_instance_id for card in shop.cards]
        for customer in MORE_CUSTOMERS:
            card_id, _url = issue_card(http, history.headers, card_idx, customer)
            cards.append(card_id)
        for day in range(DAYS, 0, -1):
            morning = today - timedelta(days=day)
            busy = 2 + (3 if morning.weekday() >= 5 else 0) + rng.randint(0, 3)
            for n in range(busy):
                when = morning + timedelta(minutes=37 * n + rng.randint(0, 20))
                history.visit(rng.choice(cards[3:]), when, stamps=rng.choice((1, 1, 1, 2)))


def held_visit(server: DemoServer, shop: DemoShop) -> None:
    """A visit the terminal's policy held and the manager let go (reported with its note)."""
    when = datetime.now(UTC) - timedelta(minutes=30)
    with httpx.Client(base_url=server.url, timeout=30.0) as http:
        History(http, shop).visit(
            shop.cards[0].card_instance_id,
            when,
            stamps=1,
            heldByPolicy=True,
            note="4 stamps asked in one visit (limit 3). Released by manager: office order",
        )


def refused_visit(server: DemoServer, shop: DemoShop) -> list[int]:
    """Two stamps five minutes apart on a card whose stamp card asks for ten."""
    when = datetime.now(UTC) - timedelta(minutes=20)
    with httpx.Client(base_url=server.url, timeout=30.0) as http:
        history = History(http, shop)
        card = shop.cards[1].card_instance_id
        return history.visit(card, when) + history.visit(card, when + timedelta(minutes=5))


def shoot(page: Page, out: Path, name: str) -> None:
    path = out / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"  {path}")


def owner_pages(browser: Browser, server: DemoServer, shop: DemoShop, out: Path) -> None:
    """Sign in, set the shop's time zone and the anti-fraud rule, and photograph every
    dashboard page."""
    context = browser.new_context(viewport=DESKTOP, device_scale_factor=1)
    page = context.new_page()
    page.goto(f"{server.url}/dashboard/")
    page.get_by_label("E-mail").fill(shop.dashboard_email)
    page.get_by_label("Password").fill(shop.dashboard_password)
    shoot(page, out, "login")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r".*/dashboard/$"))

    page.get_by_role("link", name="Account").click()
    page.get_by_label("Time zone").select_option(SHOP_ZONE)
    page.get_by_role("button", name="Save time zone").click()
    page.wait_for_url(re.compile(r".*done=.*"))
    shoot(page, out, "account")

    nav = page.get_by_role("navigation", name="Dashboard")
    nav.get_by_role("link", name="Stamp cards").click()
    shoot(page, out, "stamp-cards")
    page.locator("table a").first.click()
    cooldown = page.get_by_label("Least time between stamps (seconds)")
    cooldown.fill("600")
    cooldown.press("Enter")
    page.wait_for_url(re.compile(r".*done=.*"))
    shoot(page, out, "stamp-card")

    codes = refused_visit(server, shop)
    assert codes == [0, 33003], codes
    held_visit(server, shop)

    nav.get_by_role("link", name="Overview").click()
    shoot(page, out, "overview")
    nav.get_by_role("link", name="Customers").click()
    shoot(page, out, "customers")
    page.get_by_label("Phone number, name or card code").fill("555 0100 102")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Sam").click()
    shoot(page, out, "customer")
    nav.get_by_role("link", name="Review").click()
    shoot(page, out, "review")
    nav.get_by_role("link", name="Terminals").click()
    shoot(page, out, "terminals")
    page.get_by_label("Name", exact=True).fill("Counter 2")
    page.get_by_role("button", name="Add terminal").click()
    shoot(page, out, "terminal-added")
    context.close()


def customer_pages(browser: Browser, shop: DemoShop, out: Path) -> None:
    """The card page on a phone, in English and Korean, and a mistyped card address."""
    for locale, name in (("en-US", "card-phone"), ("ko-KR", "card-phone-ko")):
        context = browser.new_context(
            viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale=locale
        )
        page = context.new_page()
        page.goto(shop.cards[1].url)
        shoot(page, out, name)
        if name == "card-phone":
            page.goto(shop.cards[1].url[:-3] + "xyz")
            shoot(page, out, "card-not-valid")
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--chromium", default=CHROMIUM)
    args = parser.parse_args(argv)
    out: Path = args.out / "web"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="stamp-web-shots-") as home:
        server = DemoServer(Path(home) / "server")
        shop = open_demo_shop(server)
        try:
            seed(server, shop, shop.card_idx)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=args.chromium, args=CHROMIUM_ARGS
                )
                try:
                    customer_pages(browser, shop, out)
                    owner_pages(browser, server, shop, out)
                finally:
                    browser.close()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
