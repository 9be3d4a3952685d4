"""Finding a customer without their card: the phone search and the check of a typed entry."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from live_server import LiveServer

from app.config import Config
from app.policy.payload import Refusal
from app.store.writer import StoreWriter
from app.sync.factory import api_client, http_client
from app.sync.lookup import RemoteLookup
from app.terminal import (
    NO_CARD_FOR_PHONE,
    PHONE_UNKNOWN_OFFLINE,
    UNKNOWN_PHONE,
    Identified,
    Terminal,
)
from app.ui.find_customer import SearchMode, check_entry, code_is_phone, empty_entry, not_a_code

CARD = "0131cef8-56e1-461a-b82b-7e220b925481"
OTHER_CARD = "4cd8ef60-719a-43bf-8d91-6c8d4be24a2d"
PHONE = "+15550100001"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def writer(tmp_path: Path, clock: Clock) -> Iterator[StoreWriter]:
    store = StoreWriter.open(tmp_path / "terminal.sqlite3", clock)
    yield store
    store.close()


def cache(writer: StoreWriter, card_id: str, stamps: int, phone: str | None) -> None:
    writer.call(
        lambda o: o.upsert_card_from_server(card_id, "program", stamps, 10, "ACTIVE", None, phone)
    )


def test_a_phone_known_here_finds_its_card_offline_in_any_format(writer: StoreWriter) -> None:
    cache(writer, CARD, 4, PHONE)
    terminal = Terminal(Config(), writer)

    found = terminal.find_by_phone("+1 (555) 010-0001")

    assert isinstance(found, Identified)
    assert found.card_instance_id == CARD
    assert found.card is not None
    assert found.card.stamps == 4
    assert found.ref.kind == "phone"


def test_of_several_cards_for_one_phone_the_newest_is_found(
    writer: StoreWriter, clock: Clock
) -> None:
    terminal = Terminal(Config(), writer)
    cache(writer, CARD, 1, PHONE)
    clock.now += timedelta(minutes=5)
    cache(writer, OTHER_CARD, 2, PHONE)
    first = terminal.find_by_phone(PHONE)
    assert isinstance(first, Identified)
    assert first.card_instance_id == OTHER_CARD

    clock.now += timedelta(minutes=5)
    cache(writer, CARD, 3, None)
    again = terminal.find_by_phone(PHONE)
    assert isinstance(again, Identified)
    assert again.card_instance_id == CARD


@pytest.mark.parametrize(
    "entry",
    [
        "",
        "   ",
        "12345",
        "+49 170",
        "call me",
        "1234567890123456",
        CARD,
        f"https://x.example/c/{CARD}",
    ],
)
def test_what_is_not_a_phone_number_is_refused(writer: StoreWriter, entry: str) -> None:
    cache(writer, CARD, 4, PHONE)
    terminal = Terminal(Config(), writer, is_online=lambda: True)

    refused = terminal.find_by_phone(entry)

    assert isinstance(refused, Refusal)
    assert refused.code == "bad_phone"
    assert "7 to 15 digits" in refused.message


def test_an_unknown_phone_without_a_server_is_not_known_on_this_terminal(
    writer: StoreWriter,
) -> None:
    cache(writer, CARD, 4, PHONE)
    terminal = Terminal(Config(), writer, is_online=lambda: True)

    assert terminal.find_by_phone("+15550109999") == UNKNOWN_PHONE


def test_the_server_is_asked_only_when_online(
    tmp_path: Path, clock: Clock, live_server: LiveServer
) -> None:
    demo = live_server.demo
    config = Config(
        server_url=live_server.url, api_key=demo["apiKey"], terminal_token=demo["terminalToken"]
    )
    online = [False]
    with http_client(config) as http:
        writer = StoreWriter.open(tmp_path / "lookup.sqlite3", clock)
        try:
            lookup = RemoteLookup(api_client(http, config), writer)
            terminal = Terminal(config, writer, is_online=lambda: online[0], lookup=lookup)

            assert terminal.find_by_phone(PHONE) == PHONE_UNKNOWN_OFFLINE
            assert writer.call(lambda o: o.card_by_phone(PHONE)) is None

            online[0] = True
            assert terminal.find_by_phone("+15550109999") == NO_CARD_FOR_PHONE
            found = terminal.find_by_phone(PHONE)
            assert isinstance(found, Identified)
            assert found.card_instance_id == demo["cardInstanceId"]
            assert found.card is not None
            assert found.card.total_stamps == 10
            assert writer.call(lambda o: o.card_by_phone(PHONE)) == demo["cardInstanceId"]

            online[0] = False
            live_server.stop()
            again = terminal.find_by_phone("15550100001")
            assert isinstance(again, Identified)
            assert again.card_instance_id == demo["cardInstanceId"]
        finally:
            writer.close()


@pytest.mark.parametrize("entry", ["12345", "+49 170", "call me", CARD])
def test_a_typed_phone_number_of_the_wrong_shape_is_refused(entry: str) -> None:
    problem = check_entry(SearchMode.PHONE, entry)
    assert problem is not None
    assert problem.code == "bad_phone"


@pytest.mark.parametrize(
    ("mode", "entry", "problem"),
    [
        (SearchMode.PHONE, "", empty_entry(SearchMode.PHONE)),
        (SearchMode.CODE, " ", empty_entry(SearchMode.CODE)),
        (SearchMode.CODE, "0131CEF8-56E1", not_a_code()),
        (SearchMode.CODE, "0131cef8-56e1-461a-b82b-7e220b92548", not_a_code()),
        (SearchMode.CODE, "12345", not_a_code()),
        (SearchMode.CODE, "call me", not_a_code()),
        (SearchMode.CODE, PHONE, code_is_phone()),
    ],
)
def test_a_typed_entry_is_checked_before_any_search(
    mode: SearchMode, entry: str, problem: Refusal
) -> None:
    assert check_entry(mode, entry) == problem


@pytest.mark.parametrize(
    ("mode", "entry"),
    [
        (SearchMode.PHONE, "+15550100001"),
        (SearchMode.PHONE, "+1 (555) 010-0001"),
        (SearchMode.CODE, CARD.upper()),
        (SearchMode.CODE, f" {CARD}.c2lnbmF0dXJl "),
        (SearchMode.CODE, f"https://shop.example/c/{CARD}"),
    ],
)
def test_an_entry_of_the_right_shape_can_be_searched(mode: SearchMode, entry: str) -> None:
    assert check_entry(mode, entry) is None
