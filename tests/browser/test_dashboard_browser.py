"""The merchant dashboard in a real Chromium against the server on loopback: a shop owner sets
up a stamp card and a terminal, the terminal (the real terminal core) enrols and stamps a
customer and syncs, and the owner finds that customer's visit."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
from browser_kit import new_context, sign_in
from live_server import LiveServer
from playwright.sync_api import Browser, Page

from app.config import Config
from app.store.writer import StoreWriter
from app.sync.enrolment import enrol
from app.sync.factory import api_client
from app.sync.worker import SyncWorker
from app.terminal import Terminal

CUSTOMER_PHONE = "+1 555 0199 777"


def owner_page(browser: Browser, server: LiveServer) -> Page:
    context = new_context(browser)
    page = context.new_page()
    sign_in(page, server.url, server.demo["dashboardEmail"], server.demo["dashboardPassword"])
    return page


def go_to(page: Page, section: str) -> None:
    """Follow a link of the dashboard's navigation bar."""
    page.get_by_role("navigation", name="Dashboard").get_by_role("link", name=section).click()


def create_stamp_card(page: Page, name: str) -> int:
    """Fill the new stamp card form; the IDX shown on the card's page."""
    go_to(page, "Stamp cards")
    page.get_by_role("link", name=re.compile("New stamp card")).click()
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Card valid for (days)").fill("365")
    page.get_by_label("Least time between stamps (seconds)").fill("0")
    page.get_by_label("Most stamps per card per day").fill("0")
    page.get_by_label("Reward", exact=True).fill("Free tea")
    page.get_by_label("Stamps needed").fill("5")
    page.get_by_label("Reward valid for (days)").fill("30")
    page.get_by_role("button", name="Create stamp card").click()
    page.wait_for_url(re.compile(r".*/dashboard/stamp-cards/[^/]+\?done=.*"))
    assert page.get_by_role("heading", level=1).inner_text() == name
    return int(page.locator(".idx-badge .value").inner_text())


def create_terminal(page: Page, name: str) -> dict[str, str]:
    """Add a terminal with a new API key; the settings the page shows once."""
    go_to(page, "Terminals")
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_role("button", name="Add terminal").click()
    page.get_by_role("heading", name=re.compile(f"Terminal .{name}. added")).wait_for()
    settings = {
        key: page.locator(f"[data-setting={key}]").inner_text()
        for key in ("server_url", "api_key", "terminal_token", "app_id", "app_secret")
    }
    assert all(settings.values()), settings
    return settings


def run_terminal(settings: dict[str, str], card_idx: int, home: Path, stamps: int) -> str:
    """The terminal core with the shown settings: enrol a customer on the new stamp card,
    stamp the card ``stamps`` times and sync. The new card's id."""
    config = Config(
        server_url=settings["server_url"],
        api_key=settings["api_key"],
        terminal_token=settings["terminal_token"],
        app_id=settings["app_id"],
        app_secret=settings["app_secret"],
    )
    writer = StoreWriter.open(home / "terminal.sqlite3")
    try:
        with httpx.Client(base_url=config.server_url, timeout=30.0) as http:
            client = api_client(http, config)
            enrolled = enrol(client, card_idx=card_idx, name="Mina Park", phone=CUSTOMER_PHONE)
            terminal = Terminal(config, writer)
            recorded = terminal.stamp(enrolled.card_instance_id, stamps, source="browser test")
            assert not recorded.refused, recorded.verdict
            report = SyncWorker(writer, client).sync_once()
            assert report.sent == stamps, report
    finally:
        writer.close()
    return enrolled.card_instance_id


def find_customer(page: Page, query: str) -> None:
    go_to(page, "Customers")
    page.get_by_label("Phone number, name or card code").fill(query)
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Mina Park").click()
    page.get_by_role("heading", level=1, name="Mina Park").wait_for()


def test_an_owner_sets_up_a_card_and_a_terminal_and_sees_what_it_sent(
    browser: Browser, web_server: LiveServer, tmp_path: Path
) -> None:
    page = owner_page(browser, web_server)
    card_idx = create_stamp_card(page, "5 teas, 1 free")
    go_to(page, "Stamp cards")
    assert page.get_by_role("cell", name="5 teas, 1 free").is_visible()
    settings = create_terminal(page, "Tea counter")
    assert settings["server_url"] == web_server.url

    card_id = run_terminal(settings, card_idx, tmp_path, stamps=2)

    find_customer(page, "555 0199 777")
    card = page.locator(f"#card-{card_id}")
    assert "5 teas, 1 free" in card.inner_text()
    history = card.locator("table tbody tr")
    rows = [history.nth(n).inner_text() for n in range(history.count())]
    stamped = [row for row in rows if "Tea counter" in row]
    assert len(stamped) == 2, rows

    go_to(page, "Terminals")
    row = page.get_by_role("row", name=re.compile("Tea counter"))
    assert re.search(r"\b2\b", row.inner_text()), row.inner_text()  # events today
    page.context.close()


def test_another_merchants_customer_is_refused_when_the_id_is_changed(
    browser: Browser, web_server: LiveServer
) -> None:
    other = json.loads(web_server.cli("init-demo"))
    page = owner_page(browser, web_server)
    own = page.goto(f"{web_server.url}/dashboard/customers/{web_server.demo['userId']}")
    assert own is not None and own.status == 200
    assert page.get_by_role("heading", level=1, name="Demo Customer").is_visible()

    answer = page.goto(f"{web_server.url}/dashboard/customers/{other['userId']}")
    assert answer is not None and answer.status == 404
    assert "Demo Customer" not in page.content()
    assert other["cardInstanceId"] not in page.content()
    page.get_by_role("heading", name="Not found").wait_for()
    page.context.close()
