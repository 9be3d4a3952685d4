"""Geo filters, getCards sortType 0-7, getMerchants searchType 0-2, getCatalog paging."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from server_testkit import PREFIX, Shop, bearer

from server import admin
from server.rules.geo import haversine_km

POINT = {"latitude": 34.044454912173904, "longitude": -84.48063315578163}
ALPHARETTA = (34.089487, -84.270758)
PLACES = {
    "Charlie": [(32.0809, -81.0912)],
    "alpha": [(32.0835, -81.0998), (33.7490, -84.3880)],
    "Bravo": [(34.0754, -84.2941)],
}
"""Savannah (~380 km from the point), Atlanta (~34 km, alpha's nearest), Alpharetta (~17.6 km);
the demo merchant's store is at ALPHARETTA (~20.0 km)."""


def km(place: tuple[float, float]) -> float:
    return haversine_km(POINT["latitude"], POINT["longitude"], *place)


@dataclass
class Town:
    """Three merchants with stores and published stamp cards, and a customer with their cards."""

    shop: Shop
    merchants: dict[str, str] = field(default_factory=dict)
    stamp_cards: dict[str, str] = field(default_factory=dict)
    cards: dict[str, str] = field(default_factory=dict)
    terminals: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)

    def customer(self, op: str, body: Any) -> Any:
        response = self.shop.post(f"{PREFIX}/{op}", body, self.headers)
        assert response.status_code == 200, response.text
        return response.json()

    def names_of_cards(self, body: dict[str, Any]) -> list[str]:
        by_card = {card: name for name, card in self.cards.items()}
        return [by_card[c["cardInstanceId"]] for c in self.customer("getCards", body)["cards"]]


@pytest.fixture
def town(shop: Shop) -> Town:
    town = Town(shop)
    now = shop.services.now()
    with shop.write() as session:
        user, token = admin.create_customer(session, now, name="Walker")
        for order, (name, places) in enumerate(PLACES.items()):
            now = shop.services.now() - timedelta(minutes=10) + timedelta(seconds=order)
            merchant = admin.create_merchant(session, now, name=name)
            session.flush()
            for latitude, longitude in places:
                admin.create_store(
                    session,
                    now,
                    merchant_id=merchant.id,
                    name=f"{name} store",
                    latitude=latitude,
                    longitude=longitude,
                )
            stamp_card = admin.create_stamp_card(
                session,
                now,
                merchant_id=merchant.id,
                name=f"{name} card",
                details={"service_id": "S-" + name},
            )
            admin.create_reward(session, now, stamp_card_id=stamp_card.id, name="R", threshold=9)
            card = admin.issue_card(session, now, stamp_card_id=stamp_card.id, user_id=user.id)
            town.terminals[name] = admin.create_terminal(session, now, merchant_id=merchant.id)[1]
            town.keys[name] = admin.create_app_credentials(session, now, merchant_id=merchant.id)[1]
            town.merchants[name] = merchant.id
            town.stamp_cards[name] = stamp_card.id
            town.cards[name] = card.id
    town.headers = bearer(shop.demo["apiKey"], token)
    return town


def test_haversine_matches_the_documents_example_distance() -> None:
    assert km(ALPHARETTA) == pytest.approx(19.971244473406266, abs=0.01)
    assert haversine_km(0, 0, 0, 180) == pytest.approx(20015.1, abs=0.1)
    assert haversine_km(51.5, -0.12, 51.5, -0.12) == 0


@pytest.mark.parametrize(
    ("sort_type", "expected"),
    [
        (0, ["Charlie", "alpha", "Bravo"]),
        (1, ["alpha", "Bravo", "Charlie"]),
        (2, ["Charlie", "Bravo", "alpha"]),
        (3, ["Bravo", "alpha", "Charlie"]),
        (4, ["Charlie", "alpha", "Bravo"]),
    ],
)
def test_get_cards_sort_types(town: Town, sort_type: int, expected: list[str]) -> None:
    assert town.names_of_cards({**POINT, "sortType": sort_type}) == expected


def test_get_cards_by_usage_and_by_the_users_sequence(town: Town) -> None:
    for name, count in (("alpha", 3), ("Bravo", 1)):
        events = [town.shop.event(f"{name}{i}", card=town.cards[name]) for i in range(count)]
        headers = bearer(town.keys[name], town.terminals[name])
        response = town.shop.post(f"{PREFIX}/reportMultiStampEvents", {"events": events}, headers)
        assert [r["result"]["code"] for r in response.json()["eventResults"]] == [0] * count
    assert town.names_of_cards({"sortType": 5}) == ["alpha", "Bravo", "Charlie"]
    assert town.names_of_cards({"sortType": 6}) == ["Charlie", "Bravo", "alpha"]
    order = {"Bravo": 1, "Charlie": 2, "alpha": 3}
    town.customer(
        "updateCardSequences",
        {
            "updateCardSeqList": [
                {"cardInstanceId": town.cards[n], "sequence": s} for n, s in order.items()
            ]
        },
    )
    assert town.names_of_cards({"sortType": 7}) == ["Bravo", "Charlie", "alpha"]


def test_get_cards_radius_filters_by_the_nearest_store(town: Town) -> None:
    assert town.names_of_cards({**POINT, "radius": 100, "sortType": 3}) == ["Bravo", "alpha"]
    assert town.names_of_cards({**POINT, "radius": 20, "sortType": 3}) == ["Bravo"]
    assert town.names_of_cards({**POINT, "radius": 1000000}) == ["Charlie", "alpha", "Bravo"]


@pytest.mark.parametrize(
    "body",
    [
        {"sortType": 3},
        {"latitude": 1.0},
        {"radius": 5},
        {**POINT, "radius": -1},
        {"latitude": 91, "longitude": 0},
    ],
)
def test_get_cards_refuses_incomplete_geo_input(town: Town, body: dict[str, Any]) -> None:
    response = town.shop.post(f"{PREFIX}/getCards", body, town.headers)
    assert response.status_code == 400
    assert response.json()["result"]["code"] == 10002


def test_get_merchants_search_types_and_name_filter(town: Town) -> None:
    def names(body: dict[str, Any]) -> list[str]:
        return [m["merchantName"] for m in town.customer("getMerchants", body)["merchants"]]

    assert names({}) == ["Charlie", "alpha", "Bravo", "Demo Coffee"]
    assert names({**POINT, "searchType": 1}) == ["Bravo", "Demo Coffee", "alpha", "Charlie"]
    assert names(
        {"Latitude": POINT["latitude"], "longitude": POINT["longitude"], "searchType": 1}
    ) == [
        "Bravo",
        "Demo Coffee",
        "alpha",
        "Charlie",
    ]
    assert names({"searchType": 2}) == ["alpha", "Bravo", "Charlie", "Demo Coffee"]
    assert names({**POINT, "radius": 30, "searchType": 2}) == ["Bravo", "Demo Coffee"]
    assert names({"merchantName": "CHAR"}) == ["Charlie"]
    assert names({"merchantName": "%"}) == []
    refused = town.shop.post(f"{PREFIX}/getMerchants", {"searchType": 1}, town.headers)
    assert refused.status_code == 400


def test_get_catalog_by_distance_with_paging_and_filters(town: Town) -> None:
    def catalog(body: dict[str, Any]) -> list[dict[str, Any]]:
        entries: list[dict[str, Any]] = town.customer("getCatalog", body)["catalog"]
        return entries

    nearest = catalog({**POINT})
    assert [e["merchant"]["merchantName"] for e in nearest] == [
        "Bravo",
        "Demo Coffee",
        "alpha",
        "Charlie",
    ]
    distances = [e["merchant"]["store"]["distance"] for e in nearest]
    assert distances == sorted(distances)
    assert distances[0] == pytest.approx(km(PLACES["Bravo"][0]))
    assert distances[2] == pytest.approx(km(PLACES["alpha"][1]))
    assert nearest[2]["merchant"]["store"]["latitude"] == PLACES["alpha"][1][0]
    page = catalog({**POINT, "skipRows": 1, "maxResults": 2})
    assert [e["stampCardId"] for e in page] == [e["stampCardId"] for e in nearest[1:3]]
    assert catalog({**POINT, "skipRows": 4}) == []
    assert [e["merchant"]["merchantName"] for e in catalog({**POINT, "radius": 25})] == [
        "Bravo",
        "Demo Coffee",
    ]
    chosen = catalog({"merchantIds": [town.merchants["alpha"], town.merchants["Charlie"]]})
    assert sorted(e["name"] for e in chosen) == ["Charlie card", "alpha card"]
    assert "distance" not in chosen[0]["merchant"]["store"]
    assert [e["name"] for e in catalog({"serviced": "S-Bravo"})] == ["Bravo card"]
    by_id = catalog({"stampCardId": town.stamp_cards["Charlie"]})
    assert [e["stampCardId"] for e in by_id] == [town.stamp_cards["Charlie"]]
    assert by_id[0]["rewards"][0]["threshold"] == 9


@pytest.mark.parametrize("body", [{"skipRows": -1}, {"maxResults": 0}])
def test_get_catalog_refuses_bad_paging(town: Town, body: dict[str, Any]) -> None:
    response = town.shop.post(f"{PREFIX}/getCatalog", body, town.headers)
    assert response.status_code == 400


def test_terminal_catalog_shows_its_merchants_cards_published_or_not(town: Town) -> None:
    shop = town.shop
    with shop.write() as session:
        hidden = admin.create_stamp_card(
            session,
            shop.services.now(),
            merchant_id=shop.demo["merchantId"],
            name="Staff card",
            publish=False,
        )
    terminal = [e["name"] for e in shop.terminal("getCatalog", {}).json()["catalog"]]
    assert terminal == ["10 stamps -> free coffee", "Staff card"]
    public = [e["stampCardId"] for e in town.customer("getCatalog", {})["catalog"]]
    assert hidden.id not in public
    assert len(public) == 4
    refused = town.shop.post(f"{PREFIX}/addCard", {"stampCardId": hidden.id}, town.headers)
    assert refused.status_code == 404
