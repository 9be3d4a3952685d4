"""Every example request of the documents, sent to the server: the response has the SHAPE of
the documented example (same keys, same JSON types; ids and values differ).

The documents' ids are replaced by ids of a shop set up like the examples (a merchant with an
image and an addressed store, a stamp card with every documented attribute, a reward of 5).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from server_testkit import Shop, bearer

from server import admin
from server.api.members import data_signature
from server.db import tables as t

EXAMPLES = Path(__file__).parents[1] / "data" / "seed_examples"

DOC_STAMP_CARD_IDS = (
    "1F7C3F59-2478-44DD-8059-6E6969542099",
    "0616DE94-DED7-4D51-B766-2203296654FB",
)
DOC_MERCHANT_ID = "1467250E-1CB1-40F4-85B2-85C5BE4EB0A0"
DOC_CARD_IDS = (
    "3ab8fd17-2fb5-468c-9079-dfb887aacc54",
    "4cd8ef60-719a-43bf-8d91-6c8d4be24a2d",
    "0131cef8-56e1-461a-b82b-7e220b925481",
)
DOC_STAMP_VALUE = "GZ23-A457-Z50-E56X-O23G"

ALLOWED_EXTRA = {
    "getCatalog": {"walletId"},
    "create_stamp": {"cardUrl"},
}
"""Keys the server adds to a documented object: the reward object's walletId (the Reward
object lists it; the catalog example leaves it out) and 000's cardUrl extension."""


def load(name: str) -> Any:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def kind(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if value is None:
        return "null"
    return type(value).__name__


def assert_same_shape(actual: Any, documented: Any, extra: set[str], path: str = "$") -> None:
    assert kind(actual) == kind(documented), f"{path}: {kind(actual)} != {kind(documented)}"
    if isinstance(documented, dict):
        missing = set(documented) - set(actual)
        added = set(actual) - set(documented) - extra
        assert not missing and not added, f"{path}: missing {missing}, unexpected {added}"
        for key in documented:
            assert_same_shape(actual[key], documented[key], extra, f"{path}.{key}")
    elif isinstance(documented, list) and documented:
        assert actual, f"{path}: empty, the example has {len(documented)} entries"
        pairs = (
            zip(actual, documented, strict=True)
            if len(actual) == len(documented)
            else ((item, documented[0]) for item in actual)
        )
        for index, (item, model) in enumerate(pairs):
            assert_same_shape(item, model, extra, f"{path}[{index}]")


class Documented:
    """The shop of the examples, ids keyed by the documents' ids."""

    def __init__(self, shop: Shop) -> None:
        self.shop = shop
        self._setup_events = 0
        now = shop.services.now()
        with shop.write() as session:
            merchant = admin.create_merchant(
                session, now, name="Coffee House", image_url="http://stamps.test/m.png"
            )
            session.flush()
            admin.create_store(
                session,
                now,
                merchant_id=merchant.id,
                name="Coffee House - Alpharetta",
                street1="12600 Deerfield Parkway Suite 425",
                city="Alpharetta",
                state="Georgia",
                zip_code="30004",
                country="US",
                latitude=34.089487,
                longitude=-84.270758,
            )
            card = admin.create_stamp_card(
                session,
                now,
                merchant_id=merchant.id,
                name="Coffee House",
                default_stamps=False,
                details={
                    "phone_number": "2024419862",
                    "background_image_url": "http://stamps.test/bg.png",
                    "stamp_area_image_url": "http://stamps.test/stamp.png",
                    "service_id": "10520",
                    "wallet_id": "JANUS",
                },
            )
            reward = admin.create_reward(
                session,
                now,
                stamp_card_id=card.id,
                name="Free Coffee",
                threshold=5,
                description="Free Coffee",
                message="Congratulations, this one is on us!",
                image_url="http://stamps.test/reward.png",
            )
            stamp = admin.create_stamp(session, now, stamp_card_id=card.id, reward_id=reward.id)
            admin.create_stamp(
                session,
                now,
                stamp_card_id=card.id,
                event_type="REDEEM",
                award_stamps=0,
                reward_id=reward.id,
            )
            cards = [
                admin.issue_card(session, now, stamp_card_id=card.id, user_id=shop.demo["userId"])
                for _ in DOC_CARD_IDS
            ]
            app, self.api_key, self.app_secret = admin.create_app_credentials(
                session, now, merchant_id=merchant.id
            )
            self.tokens = [
                admin.create_terminal(session, now, merchant_id=merchant.id)[1] for _ in range(5)
            ]
            demo_merchant = session.get(t.Merchant, shop.demo["merchantId"])
            assert demo_merchant is not None
            demo_merchant.image_url = "http://stamps.test/demo.png"
        self.app_id = app.app_id
        self.idx = card.idx
        self.stamp_card_id = card.id
        self.reward_id = reward.id
        self.stamp_value = stamp.stamp_value
        self.cards = [instance.id for instance in cards]
        self.ids = {
            **{doc_id: card.id for doc_id in DOC_STAMP_CARD_IDS},
            DOC_MERCHANT_ID: merchant.id,
            DOC_STAMP_VALUE: stamp.stamp_value,
            **{doc: real for doc, real in zip(DOC_CARD_IDS, self.cards, strict=True)},
        }

    def request(self, name: str, card: int = 0) -> Any:
        """The example request with real ids; the first card instance id becomes ``card``."""
        text = (EXAMPLES / name).read_text(encoding="utf-8")
        text = text.replace(DOC_CARD_IDS[0], self.cards[card])
        for doc_id, real_id in self.ids.items():
            text = text.replace(doc_id, real_id)
        return json.loads(text)

    def terminal(self, op: str, body: Any, terminal: int = 0) -> Any:
        headers = bearer(self.api_key, self.tokens[terminal])
        response = self.shop.post(f"/stampcard/v2/{op}", body, headers)
        assert response.status_code == 200, response.text
        return response.json()

    def customer(self, op: str, body: Any) -> Any:
        response = self.shop.post(f"/stampcard/v2/{op}", body, self.shop.customer_headers)
        assert response.status_code == 200, response.text
        return response.json()

    def stamps(self, count: int, at: str, card: int = 0) -> None:
        """Stamps reported like the examples' (with stampValue and rewardInstanceId)."""
        events = []
        for _ in range(count):
            self._setup_events += 1
            events.append(
                {
                    "eventId": f"setup-{self._setup_events}",
                    "cardInstanceId": self.cards[card],
                    "eventTime": at,
                    "eventType": "STAMP",
                    "stampValue": self.stamp_value,
                    "rewardInstanceId": self.reward_id,
                }
            )
        results = self.terminal("reportMultiStampEvents", {"events": events}, terminal=4)
        assert [r["result"]["code"] for r in results["eventResults"]] == [0] * count


@pytest.fixture
def documented(shop: Shop) -> Documented:
    return Documented(shop)


CUSTOMER_OPERATIONS = [
    "getCards",
    "getCatalog",
    "getMerchants",
    "updateCardSequences",
    "removeCard",
]


@pytest.mark.parametrize("op", CUSTOMER_OPERATIONS)
def test_customer_examples(documented: Documented, op: str) -> None:
    response = documented.customer(op, documented.request(f"{op}.request.json"))
    assert_same_shape(response, load(f"{op}.response.json"), ALLOWED_EXTRA.get(op, set()))


def test_add_card_example(documented: Documented) -> None:
    for card in documented.cards:
        documented.customer("removeCard", {"cardInstanceId": card})
    response = documented.customer("addCard", documented.request("addCard.request.json"))
    assert_same_shape(response, load("addCard.response.json"), set())


def test_get_stamps_example(documented: Documented) -> None:
    response = documented.terminal("getStamps", documented.request("getStamps.request.json"))
    assert_same_shape(response, load("getStamps.response.json"), set())


def test_report_stamp_event_example(documented: Documented) -> None:
    body = documented.request("reportStampEvent.request.json")
    response = documented.terminal("reportStampEvent", body)
    assert_same_shape(response, load("reportStampEvent.response.json"), set())


def test_get_event_history_and_rewards_examples(documented: Documented) -> None:
    documented.terminal(
        "reportMultiStampEvents", documented.request("reportMultiStampEvents.request.json")
    )
    documented.stamps(4, at="2019-03-14T20:30:03.278+0000")
    request = documented.request("getEventHistory.request.json")
    history = documented.customer("getEventHistory", request)
    assert_same_shape(history, load("getEventHistory.response.json"), set())
    assert [e["eventType"] for e in history["events"]].count("REWARD") == 1
    rewards = documented.customer("getRewards", documented.request("getRewards.request.json"))
    assert_same_shape(rewards, load("getRewards.response.json"), set())
    alias = documented.terminal("getCouponDetail", documented.request("getRewards.request.json"))
    assert alias == rewards


def test_report_multi_stamp_events_examples(documented: Documented, shop: Shop) -> None:
    """Response 1: the first event earns the reward; 2: the first is within the cooldown of an
    earlier visit; 3: both are. Each scenario has its own card and terminal."""
    documented.stamps(4, at="2019-03-14T10:00:00.000+0000", card=0)
    first = documented.terminal(
        "reportMultiStampEvents", documented.request("reportMultiStampEvents.request.json", 0), 0
    )
    assert_same_shape(first, load("reportMultiStampEvents.response-1.json"), set())
    assert len(first["eventResults"][0]["rewards"]) == 1
    with shop.write() as session:
        admin.set_stamp_card_limits(
            session, stamp_card_id=documented.stamp_card_id, cooldown_seconds=45 * 60
        )
    documented.stamps(5, at="2019-03-14T18:00:00.000+0000", card=1)
    body = documented.request("reportMultiStampEvents.request.json", 1)
    second = documented.terminal("reportMultiStampEvents", body, 1)
    assert_same_shape(second, load("reportMultiStampEvents.response-2.json"), set())
    assert documented.terminal("reportMultiStampEvents", body, 1) == second
    documented.stamps(1, at="2019-03-14T19:00:00.000+0000", card=2)
    body = documented.request("reportMultiStampEvents.request.json", 2)
    third = documented.terminal("reportMultiStampEvents", body, 2)
    assert_same_shape(third, load("reportMultiStampEvents.response-3.json"), set())


def test_issue_card_example(documented: Documented, shop: Shop) -> None:
    body = documented.request("create_stamp.request.json")
    body["cardIdx"] = documented.idx
    headers = bearer(documented.api_key, documented.tokens[0])
    response = shop.post("/api/stamp/v1/create", body, headers)
    assert response.status_code == 200, response.text
    assert_same_shape(response.json(), load("create_stamp.response.json"), {"cardUrl"})


def test_add_customer_example(documented: Documented, shop: Shop) -> None:
    body = documented.request("add_customer.request.json")
    body["appId"] = documented.app_id
    raw = json.dumps(body).encode("utf-8")
    stamp = str(int(shop.clock().timestamp() * 1000))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "Time-stamp": stamp,
        "Data-signature": data_signature(documented.app_secret, stamp, raw),
    }
    response = shop.client.post("/openapi/v1/customerOpenApi/add", content=raw, headers=headers)
    assert response.status_code == 200, response.text
    assert_same_shape(response.json(), load("add_customer.response.json"), set())
