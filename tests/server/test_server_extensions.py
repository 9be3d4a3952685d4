"""The terminal's extensions: lookupCard, registerTag, getCardSigningKey, getMasterData."""

from __future__ import annotations

import stat
from typing import Any

import pytest
from fastapi import FastAPI
from server_testkit import Shop, TestClient

from app.domain.card_code import public_key_from_text, verify_card_signature
from server.app import create_app
from server.settings import Settings


def lookup(shop: Shop, **body: str) -> Any:
    return shop.terminal("lookupCard", body)


def test_lookup_by_card_id_returns_card_rewards_stamp_card_and_stamps(shop: Shop) -> None:
    earned = shop.stamps(10)[-1]["rewards"]
    found = lookup(shop, cardInstanceId=shop.card.upper()).json()
    assert found["result"] == {"code": 0}
    assert found["cardInstance"]["cardInstanceId"] == shop.card
    assert found["cardInstance"]["totalStamps"] == 10
    assert found["rewards"] == earned
    assert found["cardInstance"]["rewards"] == earned
    stamp_card = found["stampCard"]
    assert stamp_card["stampCardId"] == shop.demo["stampCardId"]
    assert [r["threshold"] for r in stamp_card["rewards"]] == [10]
    assert stamp_card["merchant"]["merchantId"] == shop.demo["merchantId"]
    assert {(s["stampEventType"], s["awardStamps"]) for s in found["stamps"]} == {
        ("STAMP", 1),
        ("REDEEM", 0),
    }
    assert {s["stampCardId"] for s in found["stamps"]} == {shop.demo["stampCardId"]}


def test_register_a_tag_then_look_the_card_up_by_it(shop: Shop) -> None:
    assert lookup(shop, tagUid="04A1B2C3D4").status_code == 404
    registered = shop.terminal(
        "registerTag", {"tagUid": "04:a1:b2:c3:d4", "cardInstanceId": shop.card}
    )
    assert registered.json() == {"result": {"code": 0}}
    again = shop.terminal("registerTag", {"tagUid": "04A1B2C3D4", "cardInstanceId": shop.card})
    assert again.status_code == 200
    assert (
        lookup(shop, tagUid="04 A1 B2 C3 D4").json()["cardInstance"]["cardInstanceId"] == shop.card
    )
    second = shop.stamp_card()["cardInstanceId"]
    taken = shop.terminal("registerTag", {"tagUid": "04A1B2C3D4", "cardInstanceId": second})
    assert taken.status_code == 409
    assert taken.json()["result"]["code"] == 34001
    bad = shop.terminal("registerTag", {"tagUid": "not hex", "cardInstanceId": shop.card})
    assert bad.status_code == 400


def test_tags_and_phones_are_per_merchant(shop: Shop) -> None:
    other = shop.new_demo()
    shop.terminal("registerTag", {"tagUid": "04FFEE", "cardInstanceId": shop.card})
    other_headers = {
        "api-key": other["apiKey"],
        "Authorization": f"Bearer {other['terminalToken']}",
    }
    response = shop.post("/stamp/v2/lookupCard", {"tagUid": "04FFEE"}, other_headers)
    assert response.status_code == 404
    by_phone = shop.post("/stamp/v2/lookupCard", {"phone": "+15550100001"}, other_headers)
    assert by_phone.json()["cardInstance"]["cardInstanceId"] == other["cardInstanceId"]
    mine = lookup(shop, phone="+1 (555) 0100-001").json()
    assert mine["cardInstance"]["cardInstanceId"] == shop.card
    assert lookup(shop, phone="+19999999").status_code == 404


@pytest.mark.parametrize("body", [{}, {"cardInstanceId": "x", "phone": "1"}])
def test_lookup_needs_exactly_one_key(shop: Shop, body: dict[str, str]) -> None:
    response = shop.terminal("lookupCard", body)
    assert response.status_code == 400
    assert response.json()["result"]["code"] == 10002


def test_card_urls_verify_with_the_published_key(shop: Shop) -> None:
    published = shop.customer("getCardSigningKey").json()
    assert published["algorithm"] == "Ed25519"
    assert published["publicKey"] == shop.demo["publicKey"]
    key = public_key_from_text(published["publicKey"])
    card_id, signature = shop.demo["cardUrl"].rsplit("/c/", 1)[1].split(".")
    assert card_id == shop.card
    assert verify_card_signature(key, card_id, signature)
    assert not verify_card_signature(key, shop.new_demo()["cardInstanceId"], signature)


def test_signing_key_is_a_private_file_kept_across_restarts(
    shop: Shop, settings: Settings, app: FastAPI
) -> None:
    path = settings.signing_key_path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    with TestClient(create_app(settings)) as again:
        response = again.post("/stamp/v2/getCardSigningKey", headers=shop.terminal_headers).json()
    assert response["publicKey"] == shop.demo["publicKey"]


def test_master_data_lists_the_merchants_stamp_cards_and_stamps_only(shop: Shop) -> None:
    extra = shop.stamp_card(threshold=4)
    shop.new_demo()
    data = shop.terminal("getMasterData").json()
    ids = [card["stampCardId"] for card in data["stampCards"]]
    assert ids == [shop.demo["stampCardId"], extra["stampCardId"]]
    assert [card["rewards"][0]["threshold"] for card in data["stampCards"]] == [10, 4]
    assert {stamp["stampCardId"] for stamp in data["stamps"]} == set(ids)
    assert len(data["stamps"]) == 4
    assert data["stampCards"][0]["cardIdx"] == shop.demo["cardIdx"]
    assert isinstance(data["stampCards"][1]["cardIdx"], int)
    assert data["stampCards"][1]["cardIdx"] != shop.demo["cardIdx"]
