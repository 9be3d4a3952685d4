"""The API client against the real reference server on loopback: catalogue, rewards, stamps,
enrolment (seed 001 member + seed 000 card) and the refusals of the signed member request."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from live_server import LiveServer

from app.config import Config
from app.domain.card_code import public_key_from_text, verify_card_signature
from app.domain.events import EventType
from app.domain.models import InstanceStatus
from app.domain.models_customers import CustomerInfo
from app.sync.client import StampApiClient
from app.sync.enrolment import enrol, issue_member_card, new_member_number
from app.sync.errors import CredentialsError, RejectedError
from app.sync.factory import api_client


def config_of(server: LiveServer, **changes: Any) -> Config:
    demo = server.demo
    config = Config(
        server_url=server.url,
        api_key=demo["apiKey"],
        terminal_token=demo["terminalToken"],
        app_id=demo["appId"],
        app_secret=demo["appSecret"],
    )
    return dataclasses.replace(config, **changes)


@pytest.fixture
def http(live_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.url, timeout=30.0) as client:
        yield client


def stamp_events(card_id: str, count: int) -> list[dict[str, str]]:
    start = datetime.now(UTC) - timedelta(hours=1)
    return [
        {
            "eventId": f"visit-{n}-{card_id}",
            "cardInstanceId": card_id,
            "eventTime": (start + timedelta(minutes=n)).strftime("%Y-%m-%dT%H:%M:%S.000+0000"),
            "eventType": EventType.STAMP.value,
        }
        for n in range(count)
    ]


def test_catalogue_stamps_and_rewards_of_the_demo_shop(
    live_server: LiveServer, http: httpx.Client
) -> None:
    demo = live_server.demo
    client = api_client(http, config_of(live_server))

    catalog = client.catalog()
    assert [card.stamp_card_id for card in catalog] == [demo["stampCardId"]]
    card = catalog[0]
    assert card.name == "10 stamps -> free coffee"
    assert [(r.reward_id, r.threshold) for r in card.rewards] == [(demo["rewardId"], 10)]
    assert card.merchant is not None and card.merchant.merchant_id == demo["merchantId"]

    near = client.catalog(latitude=34.0445, longitude=-84.4806, radius=100)
    assert near[0].merchant is not None and near[0].merchant.store is not None
    assert near[0].merchant.store.distance == pytest.approx(20.0, abs=1.0)
    assert client.catalog(latitude=34.0445, longitude=-84.4806, radius=1) == []
    assert client.catalog(stamp_card_id=demo["stampCardId"], max_results=1) == catalog

    stamps = {s.stamp_event_type: s.stamp_value for s in client.stamps(demo["stampCardId"])}
    assert stamps == {
        EventType.STAMP: demo["stampValue"],
        EventType.REDEEM: demo["redeemStampValue"],
    }

    card_id = demo["cardInstanceId"]
    assert client.rewards(card_id) == []
    answer = live_server.post("reportMultiStampEvents", {"events": stamp_events(card_id, 10)})
    assert all(r["result"]["code"] == 0 for r in answer["eventResults"])
    rewards = client.rewards(card_id)
    assert len(rewards) == 1
    earned = rewards[0]
    assert earned.status is InstanceStatus.ACTIVE
    assert earned.card_instance_id == card_id
    assert earned.reward is not None and earned.reward.reward_id == demo["rewardId"]
    assert earned.reward_expiration_date is not None
    assert earned.reward_expiration_date > datetime.now(UTC) + timedelta(days=29)

    with pytest.raises(RejectedError) as unknown:
        client.rewards("00000000-0000-4000-8000-000000000000")
    assert unknown.value.code == 31002


def test_enrol_makes_a_member_and_a_card_found_by_id_and_by_phone(
    live_server: LiveServer, http: httpx.Client
) -> None:
    demo = live_server.demo
    client = api_client(http, config_of(live_server))

    enrolled = enrol(
        client,
        card_idx=demo["cardIdx"],
        name="Ada Lovelace",
        phone="+1 555 010-0777",
        email="ada@example.com",
    )
    assert len(enrolled.member_number) == 10

    by_id = client.lookup_card(card_instance_id=enrolled.card_instance_id)
    card = by_id.card_instance
    assert card is not None
    assert card.card_instance_id == enrolled.card_instance_id
    assert card.stamp_card_id == demo["stampCardId"]
    assert (card.current_stamps, card.status) == (0, InstanceStatus.ACTIVE)
    assert card.expiration_date is not None
    expected_end = datetime.now(UTC).date() + timedelta(days=365)
    assert abs((card.expiration_date.date() - expected_end).days) <= 1

    by_phone = client.lookup_card(phone="+15550100777")
    assert by_phone.card_instance is not None
    assert by_phone.card_instance.card_instance_id == enrolled.card_instance_id

    assert enrolled.card_url is not None
    assert enrolled.card_url.startswith(f"{live_server.url}/c/{enrolled.card_instance_id}.")
    signature = enrolled.card_url.rsplit(".", 1)[1]
    key = public_key_from_text(demo["publicKey"])
    assert verify_card_signature(key, enrolled.card_instance_id, signature)

    with pytest.raises(RejectedError) as again:
        enrol(client, card_idx=demo["cardIdx"], member_number=enrolled.member_number)
    assert again.value.code == 36006
    assert "use another member number" in str(again.value)

    second = issue_member_card(
        client, card_idx=demo["cardIdx"], member_number=enrolled.member_number, valid_days=30
    )
    assert second.card_instance_id != enrolled.card_instance_id
    assert client.lookup_card(card_instance_id=second.card_instance_id).card_instance is not None


def test_a_wrong_app_secret_is_refused_and_creates_nothing(
    live_server: LiveServer, http: httpx.Client
) -> None:
    demo = live_server.demo
    wrong_secret = "not-the-app-secret-0123456789"
    wrong = api_client(http, config_of(live_server, app_secret=wrong_secret))
    number = new_member_number()

    with pytest.raises(CredentialsError) as refused:
        enrol(wrong, card_idx=demo["cardIdx"], phone="+1 555 010-0888", member_number=number)
    text = str(refused.value)
    assert "36002" in text and "member.signature.invalid" in text
    assert "check app_id and app_secret" in text
    for secret in (wrong_secret, demo["appSecret"], demo["apiKey"], demo["terminalToken"]):
        assert secret not in text and secret not in repr(refused.value)

    right = api_client(http, config_of(live_server))
    with pytest.raises(RejectedError) as missing:
        right.lookup_card(phone="+15550100888")
    assert missing.value.code == 34002  # no card was issued
    enrolled = enrol(right, card_idx=demo["cardIdx"], member_number=number)  # nor a member made
    assert enrolled.member_number == number


def test_a_replayed_member_request_is_refused(live_server: LiveServer, http: httpx.Client) -> None:
    demo = live_server.demo
    frozen = datetime.now(UTC).timestamp()
    client = StampApiClient(
        http,
        api_key=demo["apiKey"],
        terminal_token=demo["terminalToken"],
        app_id=demo["appId"],
        app_secret=demo["appSecret"],
        wall_clock=lambda: frozen,
    )
    member = CustomerInfo(number=new_member_number(), name="Grace Hopper")
    client.register_member(member)

    with pytest.raises(RejectedError) as replayed:
        client.register_member(member)  # the same bytes and Time-stamp: the same signature
    assert replayed.value.code == 36004
    assert replayed.value.key == "member.signature.replayed"
    assert "seen this signed request before" in str(replayed.value)
    assert demo["appSecret"] not in str(replayed.value)


def test_issue_card_refusals_are_typed(live_server: LiveServer, http: httpx.Client) -> None:
    demo = live_server.demo
    client = api_client(http, config_of(live_server))
    number = new_member_number()
    with pytest.raises(RejectedError) as unknown:
        issue_member_card(client, card_idx=2_000_000_000, member_number=number)
    assert unknown.value.code == 31001
    assert "knows no stamp card with this cardIdx" in str(unknown.value)

    stranger = api_client(http, config_of(live_server, terminal_token="tt-unknown-token-42"))
    today = datetime.now(UTC).date()
    with pytest.raises(CredentialsError) as credentials:
        issue_member_card(stranger, card_idx=demo["cardIdx"], member_number=number, today=today)
    assert "check api_key and terminal_token" in str(credentials.value)
    assert "tt-unknown-token-42" not in str(credentials.value)
