"""``NfcReader.write_next``: the reader's own thread writes a card URL onto the next tag.

The tags are the NTAG213 emulator on loopback UDP, read and written by nfcpy's real code.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import ndef
import pytest
from nfc_emulators import (
    CARD_URL,
    Ntag213Emulator,
    blank_ntag213,
    free_udp_port,
    locked_ntag213,
    ndef_message,
    uri_ntag213,
)

from app.domain.scan import Scan
from hardware.device import DeviceStatus
from hardware.nfc import NfcReader
from hardware.nfc.write_request import WriteRequest, WriteResult

NTAG_UID = "04A1B2C3D4E5F6"
NEW_CARD_URL = "https://shop.example/c/7c0a3f52-1d2e-4b8a-9f60-3e5d2c1b0a99.Zq_4-k"


def wait_until(condition: Callable[[], bool], timeout: float, step: float = 0.005) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


@dataclass
class Outcome:
    """What the completion callback received, and on which thread."""

    results: list[WriteResult] = field(default_factory=list)
    threads: list[str] = field(default_factory=list)
    came: threading.Event = field(default_factory=threading.Event)

    def __call__(self, result: WriteResult) -> None:
        self.results.append(result)
        self.threads.append(threading.current_thread().name)
        self.came.set()

    def wait(self, timeout: float = 10.0) -> WriteResult:
        assert self.came.wait(timeout), "the write request did not complete"
        assert len(self.results) == 1
        return self.results[0]


@contextmanager
def running(reader: NfcReader) -> Iterator[list[Scan]]:
    scans: list[Scan] = []
    reader.start(scans.append)
    try:
        yield scans
    finally:
        reader.stop()


def url_in(memory: bytearray) -> bytes:
    """The NDEF message bytes of the TLV after the factory lock control TLV."""
    assert memory[21] == 0x03
    return bytes(memory[23 : 23 + memory[22]])


def ready(reader: NfcReader, tag: Ntag213Emulator) -> None:
    assert wait_until(lambda: reader.state.status is DeviceStatus.READY, 5)
    assert tag.wait_for_poll(5)


def test_a_blank_card_presented_next_is_written_read_back_and_not_reported() -> None:
    with Ntag213Emulator(present=False) as tag:
        reader = NfcReader(tag.uri, targets=("106A",))
        with running(reader) as scans:
            ready(reader, tag)
            outcome = Outcome()
            request = reader.write_next(NEW_CARD_URL, outcome, timeout=10)
            assert request.pending
            tag.present(blank_ntag213())
            result = outcome.wait()
            assert (result.ok, result.reason, result.uid) == (True, "", NTAG_UID)
            assert result.url == NEW_CARD_URL
            assert request.done and request.result == result
            assert not request.cancel()  # too late: it is written
            time.sleep(0.3)
            assert scans == []  # the written card is not a scan
            tag.remove()
            assert tag.wait_for_poll(5)
            tag.present()  # the customer taps the new card: it reads as their card
            assert wait_until(lambda: len(scans) == 1, 5)
        memory = tag.memory
    assert outcome.threads == ["nfc-reader"]
    assert url_in(memory) == ndef_message(ndef.UriRecord(NEW_CARD_URL))
    assert (scans[0].payload, scans[0].tag_uid) == (NEW_CARD_URL, NTAG_UID)
    assert reader.errors == 0


def test_a_blank_card_already_on_the_reader_is_written() -> None:
    with Ntag213Emulator(blank_ntag213()) as tag:
        reader = NfcReader(tag.uri, targets=("106A",))
        with running(reader) as scans:
            assert wait_until(lambda: len(scans) == 1, 5)  # reported once, as a blank tag
            outcome = Outcome()
            reader.write_next(NEW_CARD_URL, outcome, timeout=10)
            result = outcome.wait()
            time.sleep(0.3)
        memory = tag.memory
    assert result.ok
    assert [scan.payload for scan in scans] == [None]
    assert url_in(memory) == ndef_message(ndef.UriRecord(NEW_CARD_URL))


@pytest.mark.parametrize(
    ("memory", "url", "reason", "words"),
    [
        (locked_ntag213, NEW_CARD_URL, "locked", "locked (read-only)"),
        (blank_ntag213, NEW_CARD_URL + "?" + "x" * 120, "too_small", "holds only 137"),
        (uri_ntag213, NEW_CARD_URL, "not_blank", "already holds data"),
    ],
    ids=["locked", "too-small", "another-card"],
)
def test_a_card_that_cannot_take_the_url_is_refused_untouched(
    memory: Callable[[], bytearray], url: str, reason: str, words: str
) -> None:
    before = memory()
    with Ntag213Emulator(present=False) as tag:
        reader = NfcReader(tag.uri, targets=("106A",))
        with running(reader) as scans:
            ready(reader, tag)
            outcome = Outcome()
            reader.write_next(url, outcome, timeout=10)
            tag.present(bytearray(before))
            result = outcome.wait()
        assert tag.writes == 0
        assert tag.memory == before
    assert (result.ok, result.reason, result.uid) == (False, reason, NTAG_UID)
    assert words in result.message
    assert scans == []


def test_a_card_not_formatted_for_ndef_is_refused() -> None:
    unformatted = blank_ntag213()
    unformatted[12:16] = bytes(4)  # no capability container
    with Ntag213Emulator(present=False) as tag:
        reader = NfcReader(tag.uri, targets=("106A",))
        with running(reader):
            ready(reader, tag)
            outcome = Outcome()
            reader.write_next(NEW_CARD_URL, outcome, timeout=10)
            tag.present(unformatted)
            result = outcome.wait()
        assert tag.writes == 0
    assert result.reason == "not_formatted"
    assert "not formatted for NDEF" in result.message


def test_a_card_taken_away_while_it_is_written_says_so_and_the_next_try_works() -> None:
    with Ntag213Emulator(present=False) as tag:
        reader = NfcReader(tag.uri, targets=("106A",))
        with running(reader):
            ready(reader, tag)
            outcome = Outcome()
            reader.write_next(NEW_CARD_URL, outcome, timeout=10)
            tag.present(blank_ntag213(), answer_limit=20)  # leaves after the first writes
            result = outcome.wait()
            assert tag.writes > 0
            assert result.reason == "removed"
            assert "taken away" in result.message
            assert "Hold the tag still" in result.message
            assert tag.wait_for_poll(5)
            again = Outcome()
            reader.write_next(NEW_CARD_URL, again, timeout=10)
            tag.present(tag.memory)  # the same card, half written: it takes the URL now
            assert again.wait().ok
        memory = tag.memory
    assert url_in(memory) == ndef_message(ndef.UriRecord(NEW_CARD_URL))


def test_no_card_within_the_timeout_ends_the_request_and_the_next_tap_is_a_scan() -> None:
    with Ntag213Emulator(present=False) as tag:
        reader = NfcReader(tag.uri, targets=("106A",))
        with running(reader) as scans:
            ready(reader, tag)
            outcome = Outcome()
            started = time.monotonic()
            reader.write_next(NEW_CARD_URL, outcome, timeout=0.3)
            result = outcome.wait(5)
            assert time.monotonic() - started < 2.5  # a udp sense in flight waits up to 1 s
            assert result.reason == "no_tag"
            assert "No card was held on the reader within 0.3 s" in result.message
            tag.present(uri_ntag213())
            assert wait_until(lambda: len(scans) == 1, 5)
        assert tag.writes == 0
    assert scans[0].payload == CARD_URL


def test_a_cancelled_request_writes_nothing_and_a_new_one_replaces_an_old_one() -> None:
    with Ntag213Emulator(present=False) as tag:
        reader = NfcReader(tag.uri, targets=("106A",))
        with running(reader) as scans:
            ready(reader, tag)
            first, second = Outcome(), Outcome()
            reader.write_next(CARD_URL, first, timeout=10)
            request = reader.write_next(NEW_CARD_URL, second, timeout=10)
            assert first.wait().reason == "cancelled"  # replaced by the second
            assert request.cancel()
            assert not request.cancel()
            assert second.wait().reason == "cancelled"
            assert "nothing was written" in second.results[0].message
            tag.present(blank_ntag213())
            assert wait_until(lambda: len(scans) == 1, 5)
        assert tag.writes == 0
    assert (scans[0].payload, scans[0].tag_uid) == (None, NTAG_UID)
    assert first.threads == second.threads == [threading.current_thread().name]


def test_without_a_usable_reader_the_request_fails_at_once_with_the_reason() -> None:
    uri = f"udp:127.0.0.1:{free_udp_port()}"
    idle = NfcReader(uri)
    outcome = Outcome()
    idle.write_next(NEW_CARD_URL, outcome)
    assert outcome.wait(0.1).reason == "no_reader"
    assert "not running" in outcome.results[0].message

    reader = NfcReader(uri, targets=("106A",), retry_initial=0.05, retry_max=0.2)
    with running(reader):
        assert wait_until(lambda: reader.state.status is DeviceStatus.MISSING, 5)
        missing = Outcome()
        reader.write_next(NEW_CARD_URL, missing)
        result = missing.wait(0.1)
    assert result.reason == "no_reader"
    assert "start the tag emulator" in result.message


def test_stopping_the_reader_ends_a_waiting_request() -> None:
    with Ntag213Emulator(present=False) as tag:
        reader = NfcReader(tag.uri, targets=("106A",))
        outcome = Outcome()
        with running(reader):
            ready(reader, tag)
            request: WriteRequest = reader.write_next(NEW_CARD_URL, outcome, timeout=30)
        result = outcome.wait(1)
    assert result.reason == "stopped"
    assert request.done
    assert reader.state.status is DeviceStatus.STOPPED


def test_a_request_needs_a_positive_timeout() -> None:
    with pytest.raises(ValueError, match="timeout"):
        NfcReader("udp:127.0.0.1:1").write_next(NEW_CARD_URL, Outcome(), timeout=0)
