"""Seed 000: issuing a card to a customer, ``POST /api/stamp/v1/create``."""

from __future__ import annotations

from typing import Any

import pytest
from server_testkit import Shop, bearer

from app.domain.card_code import public_key_from_text, verify_card_signature

PATH = "/api/stamp/v1/create"


def issue(shop: Shop, headers: dict[str, str] | None = None, **fields: Any) -> Any:
    body = {"cardIdx": shop.demo["cardIdx"], "strtYmd": "2025-01-01", "endYmd": "2025-12-31"}
    body.update(fields)
    body = {key: value for key, value in body.items() if value is not None}
    return shop.post(PATH, body, headers or shop.terminal_headers)


def test_issue_returns_the_new_card_and_its_signed_url(shop: Shop) -> None:
    response = issue(shop, userId="att78z", userPhnno="+1 555-0100 42", memo="New member")
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == 0 and body["message"] == ""
    card_id = body["result"]
    assert body["cardUrl"] == f"http://stamps.test/c/{card_id}.{body['cardUrl'].split('.')[-1]}"
    key = public_key_from_text(shop.demo["publicKey"])
    assert verify_card_signature(key, card_id, body["cardUrl"].rsplit(".", 1)[1])
    card = shop.card_state(card_id)["cardInstance"]
    assert card["expirationDate"] == "2025-12-31T23:59:59.999+0000"
    assert card["status"] == "ACTIVE" and card["currentStamps"] == 0
    found = shop.terminal("lookupCard", {"phone": "+15550100 42"}).json()
    assert found["cardInstance"]["cardInstanceId"] == card_id
    [stamped] = shop.report(shop.event("on-new-card", card=card_id))
    assert stamped["result"]["code"] == 0


def test_same_user_id_is_the_same_customer_and_absent_one_is_generated(shop: Shop) -> None:
    first = issue(shop, userId="u-1", userPhnno="111").json()["result"]
    second = issue(shop, userId="u-1").json()["result"]
    anonymous = issue(shop).json()["result"]
    assert len({first, second, anonymous}) == 3
    found = shop.terminal("lookupCard", {"phone": "111"}).json()["cardInstance"]
    assert found["cardInstanceId"] in (first, second)


def test_inactive_or_future_cards_take_no_events(shop: Shop) -> None:
    inactive = issue(shop, activeYn="N").json()["result"]
    future = issue(shop, strtYmd="2025-07-01").json()["result"]
    results = shop.report(
        shop.event("i", card=inactive), shop.event("f", card=future), shop.event("ok")
    )
    assert [r["result"]["code"] for r in results] == [32002, 32002, 0]


def test_end_date_up_to_five_years_from_today(shop: Shop) -> None:
    assert issue(shop, endYmd="2030-06-15").status_code == 200
    too_far = issue(shop, endYmd="2030-06-16")
    assert too_far.status_code == 400
    assert too_far.json()["code"] == 35001
    assert too_far.json()["result"] is None


@pytest.mark.parametrize(
    "fields",
    [
        {"cardIdx": None},
        {"strtYmd": None},
        {"endYmd": None},
        {"strtYmd": "2025/01/01"},
        {"endYmd": "2025-13-01"},
        {"endYmd": "2024-12-31"},
        {"activeYn": "X"},
        {"cardIdx": "1"},
    ],
)
def test_invalid_requests_are_400_with_a_message(shop: Shop, fields: dict[str, Any]) -> None:
    response = issue(shop, **fields)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == 10002
    assert body["message"].startswith("request.validation.failed: ")
    assert body["result"] is None


def test_unknown_or_foreign_card_idx(shop: Shop) -> None:
    assert issue(shop, cardIdx=999).status_code == 404
    assert issue(shop, cardIdx=999).json()["code"] == 31001
    other = shop.new_demo()
    foreign = issue(shop, cardIdx=other["cardIdx"])
    assert foreign.status_code == 403
    assert foreign.json()["code"] == 20006
    headers = bearer(other["apiKey"], other["terminalToken"])
    assert issue(shop, headers, cardIdx=other["cardIdx"]).status_code == 200


def test_malformed_json_uses_the_000_envelope(shop: Shop) -> None:
    response = shop.client.post(
        PATH, content=b"{", headers={**shop.terminal_headers, "Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["code"] == 10001
