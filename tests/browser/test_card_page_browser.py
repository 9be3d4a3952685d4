"""The customer's card page in a real Chromium, opened from the QR code a terminal scans."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import urljoin

import numpy as np
import qrcode
from browser_kit import new_context
from live_server import LiveServer
from playwright.sync_api import Browser

from app.domain.card_code import public_key_from_text
from app.domain.scan import Scan, ScanKind
from app.policy.payload import CardRef, parse_scan
from hardware.camera.decoders import ZxingDecoder


def qr_frame(text: str) -> np.ndarray:
    """A camera-sized gray frame with the card's QR code in it (8 px a module)."""
    code = qrcode.QRCode(border=4)
    code.add_data(text)
    code.make(fit=True)
    modules = np.where(np.array(code.get_matrix(), dtype=bool), 0, 255).astype(np.uint8)
    symbol = np.kron(modules, np.ones((8, 8), np.uint8))
    frame = np.full((720, 1280), 200, np.uint8)
    frame[100 : 100 + symbol.shape[0], 300 : 300 + symbol.shape[1]] = symbol
    return frame


def scanned_url(server: LiveServer) -> str:
    """What the terminal reads from the printed QR code: decoded, checked as a signed card."""
    [code] = ZxingDecoder().decode(qr_frame(server.demo["cardUrl"]))
    text = code.payload
    assert isinstance(text, str)
    ref = parse_scan(
        Scan(kind=ScanKind.QR, payload=text),
        require_signed=True,
        public_key=public_key_from_text(server.demo["publicKey"]),
    )
    assert isinstance(ref, CardRef), ref
    assert ref.value == server.demo["cardInstanceId"]
    return text


def stamp(server: LiveServer, count: int, first_event: int) -> None:
    """``count`` visits an hour apart, reported as the demo terminal does."""
    start = datetime.now(UTC) - timedelta(days=2)
    events = [
        {
            "eventId": f"browser-{first_event + n}",
            "cardInstanceId": server.demo["cardInstanceId"],
            "eventTime": (start + timedelta(hours=first_event + n)).isoformat(
                timespec="milliseconds"
            ),
            "eventType": "STAMP",
            "stampValue": server.demo["stampValue"],
        }
        for n in range(count)
    ]
    answer = server.post("reportMultiStampEvents", {"events": events})
    assert [r["result"]["code"] for r in answer["eventResults"]] == [0] * count


def test_the_card_page_from_a_scanned_qr_shows_the_stamps(
    browser: Browser, web_server: LiveServer
) -> None:
    url = scanned_url(web_server)
    stamp(web_server, 3, first_event=0)
    context = new_context(browser, phone=True)
    page = context.new_page()
    answer = page.goto(url)
    assert answer is not None and answer.status == 200
    count = page.locator("[data-stamps]")
    assert count.get_attribute("data-stamps") == "3"
    assert count.get_attribute("data-of") == "10"
    assert page.locator(".stamp-grid li.filled").count() == 3
    assert "Demo Coffee" in page.content()
    # Readable on the phone: nothing wider than the screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390

    stamp(web_server, 2, first_event=3)
    page.reload()
    assert page.locator("[data-stamps]").get_attribute("data-stamps") == "5"
    context.close()


def test_the_card_page_speaks_the_browsers_language(
    browser: Browser, web_server: LiveServer
) -> None:
    for locale, lang in (("de-DE", "de"), ("ko-KR", "ko"), ("zh-CN", "zh-Hans"), ("fr-FR", "en")):
        context = new_context(browser, phone=True, locale=locale)
        page = context.new_page()
        page.goto(web_server.demo["cardUrl"])
        assert page.locator("html").get_attribute("lang") == lang, locale
        context.close()


def test_a_wrong_signature_gives_the_not_a_valid_card_page(
    browser: Browser, web_server: LiveServer
) -> None:
    good = web_server.demo["cardUrl"]
    last = good[-1]
    forged = good[:-1] + ("A" if last != "A" else "B")
    context = new_context(browser, phone=True)
    page = context.new_page()
    answer = page.goto(forged)
    assert answer is not None and answer.status == 404
    text = page.inner_text("body")
    assert "not a valid card" in text.lower()
    assert "Demo Coffee" not in page.content()
    assert "Traceback" not in page.content()
    context.close()


def test_the_card_can_be_added_to_the_home_screen(browser: Browser, web_server: LiveServer) -> None:
    context = new_context(browser, phone=True)
    page = context.new_page()
    page.goto(web_server.demo["cardUrl"])
    manifest_url = page.evaluate("document.querySelector('link[rel=manifest]').href")
    manifest = page.request.get(manifest_url)
    assert manifest.ok
    data = manifest.json()
    assert urljoin(manifest_url, data["start_url"]) == web_server.demo["cardUrl"]
    sizes = {icon.get("sizes") for icon in data["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in data["icons"]:
        if icon.get("type") == "image/png":
            got = page.request.get(urljoin(manifest_url, icon["src"]))
            assert got.ok and got.body()[:8] == b"\x89PNG\r\n\x1a\n"
    context.close()
