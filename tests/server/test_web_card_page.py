"""The customer's card page ``/c/<id>.<signature>``: what it shows, in which language, that
only a URL signed by this server leads to a card (the same 404 page for every other URL, given
without a database query), and the web app manifest with its icons."""

from __future__ import annotations

import re
import struct
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from server_testkit import Shop, TestClient
from sqlalchemy import event

from app.domain.card_code import generate_private_key, sign_card_id
from server import admin
from server.db import tables as t
from server.web import make_icons
from server.web.card_texts import choose_language
from server.web.templating import STATIC

NOT_VALID = "This is not a valid card"
STAMP_ITEM = re.compile(r"<li(?: class=\"([^\"]*)\")?>")


def card_path(url: str) -> str:
    return urlsplit(url).path


def page(shop: Shop, path: str | None = None, language: str | None = None) -> httpx.Response:
    headers = {"Accept-Language": language} if language is not None else {}
    return shop.client.get(path or card_path(shop.demo["cardUrl"]), headers=headers)


def count_of(html: str) -> tuple[int, int]:
    """The data-stamps and data-of attributes of the page's count."""
    found = re.search(r'class="stamp-count" data-stamps="(\d+)" data-of="(\d+)"', html)
    assert found is not None, html
    return int(found.group(1)), int(found.group(2))


def grid(html: str) -> list[str]:
    """The classes of each circle of the stamp grid, in order."""
    found = re.search(r'<ol class="stamp-grid"[^>]*>(.*?)</ol>', html, re.S)
    assert found is not None, html
    return [classes or "" for classes in STAMP_ITEM.findall(found.group(1))]


def section(html: str, heading_id: str) -> str:
    found = re.search(rf'<h2 id="{heading_id}">.*?</section>', html, re.S)
    return found.group(0) if found else ""


def visits(html: str) -> list[tuple[str, str]]:
    """(shown time, what happened) of each visit line, in page order."""
    return re.findall(
        r'<time datetime="[^"]+">([^<]+)</time> <span class="visit-what">([^<]+)</span>', html
    )


def set_card(shop: Shop, card_id: str, **values: Any) -> None:
    with shop.write() as session:
        card = session.get(t.CardInstance, card_id)
        assert card is not None
        for name, value in values.items():
            setattr(card, name, value)


@contextmanager
def statements(shop: Shop) -> Iterator[list[str]]:
    """The SQL statements the server runs within the block."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    engine = shop.services.db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# What the page shows


def test_a_new_card_shows_its_shop_its_empty_grid_and_the_next_reward(shop: Shop) -> None:
    answer = page(shop)
    assert answer.status_code == 200
    html = answer.text
    assert '<html lang="en">' in html
    assert "Demo Coffee" in html
    assert "10 stamps -&gt; free coffee" in html
    assert count_of(html) == (0, 10)
    assert "0 of 10 stamps" in html
    assert grid(html) == [""] * 9 + ["reward"]
    assert "10 more stamps until Free coffee" in html
    assert "No rewards yet." in html
    assert "No visits yet." in html
    assert "One free coffee after 10 stamps" in section(html, "terms-heading")
    assert "Card valid until June 15, 2026, 12:00 UTC" in html
    assert "All times are in UTC." in html


def test_the_count_and_the_visit_follow_the_stamps(shop: Shop) -> None:
    shop.stamps(3)
    html = page(shop).text
    assert count_of(html) == (3, 10)
    assert "3 of 10 stamps" in html
    assert grid(html) == ["filled"] * 3 + [""] * 6 + ["reward"]
    assert "7 more stamps until Free coffee" in html
    assert visits(html) == [("June 15, 2025, 12:00 UTC", "3 stamps collected")]

    shop.clock.advance(minutes=90)
    shop.stamps(1, prefix="later")
    html = page(shop).text
    assert count_of(html) == (4, 10)
    assert visits(html) == [
        ("June 15, 2025, 13:30 UTC", "1 stamp collected"),
        ("June 15, 2025, 12:00 UTC", "3 stamps collected"),
    ]


def test_the_reward_appears_at_the_threshold_and_goes_when_it_is_used(shop: Shop) -> None:
    shop.stamps(9)
    html = page(shop).text
    assert "1 more stamp until Free coffee" in html
    assert "No rewards yet." in html

    results = shop.stamps(1, prefix="tenth")
    reward_id = results[0]["cardInstance"]["rewards"][0]["rewardInstanceId"]
    html = page(shop).text
    rewards = section(html, "rewards-heading")
    assert '<span class="reward-name">Free coffee</span>' in rewards
    assert "valid until July 15, 2025, 12:00 UTC" in rewards
    assert count_of(html) == (0, 10)  # the card starts over after its last reward

    shop.clock.advance(days=1)
    shop.report(shop.event("use", "REDEEM", rewardInstanceId=reward_id))
    html = page(shop).text
    assert "Free coffee" not in section(html, "rewards-heading")
    assert "No rewards yet." in html
    assert visits(html)[0] == ("June 16, 2025, 12:00 UTC", "Reward used: Free coffee")
    assert visits(html)[1] == ("June 15, 2025, 12:00 UTC", "10 stamps collected")


def test_a_reward_without_validity_says_no_expiry_and_markers_sit_at_each_threshold(
    shop: Shop,
) -> None:
    made = shop.stamp_card(threshold=6, reward_validity_days=0)
    with shop.write() as session:
        admin.create_reward(
            session,
            shop.services.now(),
            stamp_card_id=made["stampCardId"],
            name="Cookie",
            threshold=3,
        )
    card_id = made["cardInstanceId"]
    path = card_path(shop.services.card_url(card_id))
    assert grid(page(shop, path).text) == ["", "", "reward", "", "", "reward"]

    shop.stamps(4, card=card_id)
    html = page(shop, path).text
    assert grid(html) == ["filled", "filled", "filled reward", "filled", "", "reward"]
    assert "2 more stamps until Reward" in html
    rewards = section(html, "rewards-heading")
    assert '<span class="reward-name">Cookie</span>' in rewards
    assert "valid until July 15, 2025, 12:00 UTC" in rewards

    shop.stamps(2, prefix="more", card=card_id)
    rewards = section(page(shop, path).text, "rewards-heading")
    assert '<span class="reward-name">Reward</span> <span class="reward-validity">no expiry' in (
        rewards
    )


def test_a_stamp_card_without_rewards_still_shows_the_stamps(shop: Shop) -> None:
    now = shop.services.now()
    with shop.write() as session:
        bare = admin.create_stamp_card(
            session, now, merchant_id=shop.demo["merchantId"], name="No rewards yet"
        )
        card = admin.issue_card(session, now, stamp_card_id=bare.id, user_id=shop.demo["userId"])
    shop.stamps(2, card=card.id)
    answer = page(shop, card_path(shop.services.card_url(card.id)))
    assert answer.status_code == 200
    assert count_of(answer.text) == (2, 0)
    assert grid(answer.text) == ["filled", "filled"]
    assert "more stamp" not in answer.text


def test_at_most_ten_visits_are_shown_newest_first(shop: Shop) -> None:
    for visit in range(12):
        shop.stamps(1, prefix=f"v{visit}-")
        shop.clock.advance(minutes=5)
    shown = visits(page(shop).text)
    assert len(shown) == 10
    assert shown[0][0] == "June 15, 2025, 12:55 UTC"
    assert shown[-1][0] == "June 15, 2025, 12:10 UTC"


def test_refused_events_are_not_visits(shop: Shop) -> None:
    shop.report(shop.event("bad", stampValue="NO-SUCH-STAMP"))
    html = page(shop).text
    assert "No visits yet." in html
    assert count_of(html) == (0, 10)


def test_names_from_the_shop_are_escaped(shop: Shop) -> None:
    with shop.write() as session:
        merchant = session.get(t.Merchant, shop.demo["merchantId"])
        assert merchant is not None
        merchant.name = '<script>alert("x")</script>'
    html = page(shop).text
    assert "<script" not in html
    assert "&lt;script&gt;" in html


# The card's state


def test_an_expired_card_says_so_and_offers_no_rewards(shop: Shop) -> None:
    shop.stamps(10)
    shop.clock.advance(days=366)
    html = page(shop).text
    assert page(shop).status_code == 200
    assert 'data-state="expired"' in html
    assert "This card expired on June 15, 2026, 12:00 UTC." in html
    assert "rewards-heading" not in html
    assert "more stamps until" not in html
    assert count_of(html) == (0, 10)
    assert visits(html)  # its history is still there


def test_an_expired_card_in_german(shop: Shop) -> None:
    set_card(shop, shop.card, status=t.EXPIRED)
    html = page(shop, language="de").text
    assert "Diese Karte ist am 15.06.2026, 12:00 UTC abgelaufen." in html


def test_a_removed_card_still_opens_and_says_it_was_removed(shop: Shop) -> None:
    set_card(shop, shop.card, status=t.DELETED)
    answer = page(shop)
    assert answer.status_code == 200
    assert 'data-state="removed"' in answer.text
    assert "This card was removed. It can no longer be used." in answer.text
    assert "Demo Coffee" in answer.text


def test_a_deactivated_card_and_one_not_valid_yet(shop: Shop) -> None:
    set_card(shop, shop.card, active=False)
    assert "This card is not active at the moment." in page(shop).text
    later = shop.clock.now + timedelta(days=2)
    set_card(shop, shop.card, active=True, start_date=later)
    assert "This card can be used from June 17, 2025, 12:00 UTC." in page(shop).text
    set_card(shop, shop.card, start_date=shop.clock.now)
    assert 'class="card-state"' not in page(shop).text


# Languages


@pytest.mark.parametrize(
    ("header", "lang", "expected"),
    [
        ("de-DE,de;q=0.9,en;q=0.8", "de", "0 von 10 Stempeln"),
        ("ko-KR,ko;q=0.9", "ko", "스탬프 10개 중 0개 적립"),
        ("zh-CN,zh;q=0.9,en;q=0.5", "zh-Hans", "已集 0 个印章，共 10 个"),  # noqa: RUF001
        ("en;q=0.5, ko;q=0.8", "ko", "스탬프 10개 중 0개 적립"),
        ("fr-FR, de;q=0.3, zh;q=0.4", "zh-Hans", "印章"),
        ("fr, it", "en", "0 of 10 stamps"),
        ("de;q=0, ko;q=0", "en", "0 of 10 stamps"),
    ],
)
def test_the_language_follows_accept_language(
    shop: Shop, header: str, lang: str, expected: str
) -> None:
    answer = page(shop, language=header)
    assert f'<html lang="{lang}">' in answer.text
    assert expected in answer.text
    assert answer.headers["vary"] == "Accept-Language"


def test_german_korean_and_chinese_pages_say_everything_in_their_language(shop: Shop) -> None:
    shop.stamps(10)
    german = page(shop, language="de").text
    assert "Noch 10 Stempel bis Free coffee" in german
    assert "gültig bis 15.07.2025, 12:00 UTC" in german
    assert ("15.06.2025, 12:00 UTC", "10 Stempel gesammelt") in visits(german)
    korean = page(shop, language="ko").text
    assert "Free coffee까지 스탬프 10개 남았습니다" in korean
    assert "2025년 7월 15일 12:00 UTC까지 사용 가능" in korean
    assert ("2025년 6월 15일 12:00 UTC", "스탬프 10개 적립") in visits(korean)
    chinese = page(shop, language="zh-TW").text
    assert "再集 10 个印章即可获得 Free coffee" in chinese
    assert "有效期至 2025年7月15日 12:00 UTC" in chinese
    assert ("2025年6月15日 12:00 UTC", "获得 10 个印章") in visits(chinese)
    for html in (german, korean, chinese):
        english_texts = ("stamps collected", "more stamps", "valid until", "Your rewards", "Terms")
        for english in (*english_texts, "Last visits", "All times", "Tip:"):
            assert english not in html


@pytest.mark.parametrize(
    ("header", "language"),
    [
        (None, "en"),
        ("", "en"),
        ("*", "en"),
        ("de-AT", "de"),
        ("DE", "de"),
        ("en-US,en;q=0.9,de;q=0.8", "en"),
        ("ko;q=0.5, zh;q=0.5", "ko"),  # equal weights: the header's order
        ("ko;q=0.5, zh;q=0.6", "zh"),
        ("de;q=x, ko", "ko"),  # a malformed weight drops its range
        ("de;q=1.5, ko", "ko"),
        ("x" * 5000 + ",de", "en"),  # only the start of a giant header is read
        (",,;;==,de", "de"),
    ],
)
def test_choose_language(header: str | None, language: str) -> None:
    assert choose_language(header).language == language


# URLs that are not a card


def other_card_code(shop: Shop) -> str:
    other = shop.new_demo()
    return card_path(other["cardUrl"]).removeprefix("/c/")


def wrong_codes(shop: Shop) -> dict[str, str]:
    card_id = shop.card
    signature = card_path(shop.demo["cardUrl"]).rsplit(".", 1)[1]
    flipped = ("A" if signature[10] != "A" else "B").join((signature[:10], signature[11:]))
    other_id, other_signature = other_card_code(shop).split(".")
    stranger = str(uuid.uuid4())
    return {
        "wrong signature": f"{card_id}.{flipped}",
        "missing signature": card_id,
        "empty signature": f"{card_id}.",
        "signature cut short": f"{card_id}.{signature[:-2]}",
        "another key": f"{card_id}.{sign_card_id(generate_private_key(), card_id)}",
        "unknown card, another key": f"{stranger}.{sign_card_id(generate_private_key(), stranger)}",
        "A's signature on B's id": f"{other_id}.{signature}",
        "B's signature on A's id": f"{card_id}.{other_signature}",
        "malformed id": f"{card_id[:-1]}g.{signature}",
        "not an id": "hello",
        "too long": f"{card_id}.{signature}{'A' * 300}",
        "two dots": f"{card_id}.{signature}.x",
    }


def test_every_wrong_url_gets_the_same_plain_404_page_without_a_query(shop: Shop) -> None:
    bodies = set()
    for name, code in wrong_codes(shop).items():
        with statements(shop) as seen:
            answer = shop.client.get(f"/c/{code}")
        assert answer.status_code == 404, name
        assert seen == [], f"{name}: the database was asked {seen}"
        assert NOT_VALID in answer.text, name
        assert "Demo Coffee" not in answer.text and shop.card not in answer.text, name
        assert "Traceback" not in answer.text, name
        assert answer.headers["cache-control"] == "no-store", name
        bodies.add(answer.text)
    assert len(bodies) == 1


def test_a_card_signed_by_this_server_but_unknown_gets_the_same_page(shop: Shop) -> None:
    stranger = str(uuid.uuid4())
    answer = shop.client.get(card_path(shop.services.card_url(stranger)))
    assert answer.status_code == 404
    assert answer.text == shop.client.get(f"/c/{stranger}.x").text


def test_the_not_valid_page_is_localized(shop: Shop) -> None:
    answer = shop.client.get("/c/nothing", headers={"Accept-Language": "ko"})
    assert answer.status_code == 404
    assert '<html lang="ko">' in answer.text
    assert "유효한 카드가 아닙니다" in answer.text
    german = shop.client.get("/c/nothing", headers={"Accept-Language": "de"})
    assert "Dies ist keine gültige Karte" in german.text


def test_an_upper_case_id_with_its_signature_still_opens_the_card(shop: Shop) -> None:
    card_id, signature = card_path(shop.demo["cardUrl"]).removeprefix("/c/").split(".")
    assert page(shop, f"/c/{card_id.upper()}.{signature}").status_code == 200


def test_head_answers_like_get_without_a_body(shop: Shop) -> None:
    answer = shop.client.head(card_path(shop.demo["cardUrl"]))
    assert answer.status_code == 200
    assert answer.content == b""
    assert answer.headers["content-type"].startswith("text/html")
    assert shop.client.head("/c/nothing").status_code == 404
    manifest = shop.client.head(card_path(shop.demo["cardUrl"]) + "/manifest.webmanifest")
    assert manifest.status_code == 200


# Privacy and the content security policy


def test_the_page_is_private_and_has_no_inline_script_or_style(shop: Shop) -> None:
    answer = page(shop)
    headers = answer.headers
    assert headers["cache-control"] == "no-store"
    assert headers["referrer-policy"] == "same-origin"
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "noindex" in headers["x-robots-tag"]
    html = answer.text.lower()
    assert "<script" not in html
    assert "<style" not in html
    assert " style=" not in html
    assert re.search(r"\son[a-z]+=", html) is None  # no inline event handlers


# Home screen: manifest and icons


def test_the_manifest_opens_this_card_and_its_icons_are_served(shop: Shop) -> None:
    html = page(shop).text
    found = re.search(r'<link rel="manifest" href="([^"]+)">', html)
    assert found is not None
    assert '<link rel="apple-touch-icon" sizes="192x192" href="/static/icon-192.png">' in html
    assert '<meta name="theme-color" content="#6b3e26">' in html

    answer = shop.client.get(found.group(1), headers={"Accept-Language": "de"})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/manifest+json"
    assert answer.headers["cache-control"] == "no-store"
    manifest = answer.json()
    assert manifest["start_url"] == shop.demo["cardUrl"]
    assert manifest["id"] == shop.demo["cardUrl"]
    assert manifest["start_url"].startswith(manifest["scope"])
    assert manifest["name"] == "10 stamps -> free coffee"
    assert manifest["short_name"] == "Demo Coffee"
    assert manifest["display"] == "standalone"
    assert manifest["lang"] == "de"
    assert manifest["theme_color"] and manifest["background_color"]
    pngs = [icon for icon in manifest["icons"] if icon["type"] == "image/png"]
    assert {icon["sizes"] for icon in pngs} == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        served = shop.client.get(icon["src"])
        assert served.status_code == 200, icon
        assert served.headers["content-type"] == icon["type"]
        if icon["type"] == "image/png":
            width, height = png_size(served.content)
            assert f"{width}x{height}" == icon["sizes"]
        else:
            assert served.content.startswith(b"<svg")


def test_the_manifest_of_a_wrong_url_is_the_not_valid_page(shop: Shop) -> None:
    with statements(shop) as seen:
        answer = shop.client.get(f"/c/{shop.card}.nope/manifest.webmanifest")
    assert answer.status_code == 404
    assert seen == []
    assert NOT_VALID in answer.text


def test_the_committed_icons_are_what_the_script_draws(tmp_path: Path) -> None:
    for written in make_icons.write_icons(tmp_path):
        assert written.read_bytes() == (STATIC / written.name).read_bytes(), written.name
    assert png_size((STATIC / "icon-512.png").read_bytes()) == (512, 512)


# PostgreSQL


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_the_card_page_reads_the_card_on_postgresql(shop: Shop, client: TestClient) -> None:
    shop.stamps(12)
    html = page(shop).text
    assert count_of(html) == (2, 10)
    assert '<span class="reward-name">Free coffee</span>' in section(html, "rewards-heading")
    assert visits(html) == [("June 15, 2025, 12:00 UTC", "12 stamps collected")]
    assert client.get(f"/c/{shop.card}.x").status_code == 404
