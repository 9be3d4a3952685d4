"""NfcReader against emulated tags: nfcpy's real code through its udp driver on loopback."""

from __future__ import annotations

import errno
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import ndef
import nfc.clf.udp
import pytest
from nfc_emulators import (
    CARD_URL,
    Ntag213Emulator,
    Type3Emulator,
    bad_record_ntag213,
    bad_tlv_ntag213,
    blank_ntag213,
    free_udp_port,
    ndef_message,
    text_ntag213,
    uri_ntag213,
)

from app.domain.scan import Scan, ScanKind
from hardware.device import DeviceState, DeviceStatus
from hardware.nfc import NfcReader

NTAG_UID = "04A1B2C3D4E5F6"


def wait_until(condition: Callable[[], bool], timeout: float, step: float = 0.005) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


@dataclass
class Seen:
    scans: list[Scan] = field(default_factory=list)
    states: list[DeviceState] = field(default_factory=list)

    def statuses(self) -> list[DeviceStatus]:
        return [state.status for state in self.states]


@contextmanager
def running(reader: NfcReader, on_scan: Callable[[Scan], None] | None = None) -> Iterator[Seen]:
    seen = Seen()
    reader.start(on_scan or seen.scans.append, seen.states.append)
    try:
        yield seen
    finally:
        reader.stop()


def test_reads_the_card_url_and_uid_once_per_tap_then_the_next_tag() -> None:
    with Ntag213Emulator(uri_ntag213()) as tag:
        reader = NfcReader(tag.uri)
        with running(reader) as seen:
            assert wait_until(lambda: len(seen.scans) == 1, 5)
            time.sleep(0.4)  # the tag stays on the reader: nfcpy checks presence, no new scan
            assert len(seen.scans) == 1
            tag.remove()
            assert tag.wait_for_poll(5)
            tag.present(text_ntag213("Hello, café"))
            assert wait_until(lambda: len(seen.scans) == 2, 5)
            assert reader.state.status is DeviceStatus.READY
    first, second = seen.scans
    assert first.kind is ScanKind.NFC
    assert (first.payload, first.tag_uid, first.source) == (CARD_URL, NTAG_UID, tag.uri)
    assert (second.payload, second.tag_uid) == ("Hello, café", NTAG_UID)
    assert reader.errors == 0
    assert seen.statuses() == [DeviceStatus.READY, DeviceStatus.STOPPED]


@pytest.mark.parametrize(
    ("record", "payload"),
    [(ndef.UriRecord(CARD_URL), CARD_URL), (ndef.TextRecord("Stamp me", "en"), "Stamp me")],
)
def test_reads_a_type3_tag_emulated_by_nfcpy(record: ndef.Record, payload: str) -> None:
    with Type3Emulator(ndef_message(record)) as tag:
        reader = NfcReader(tag.uri, targets=("212F",))
        with running(reader) as seen:
            assert wait_until(lambda: len(seen.scans) == 1, 5)
            time.sleep(0.3)
            tag.remove()
    assert len(seen.scans) == 1
    assert (seen.scans[0].payload, seen.scans[0].tag_uid) == (payload, "03FE010203040506")
    assert reader.errors == 0


def test_a_blank_tag_is_reported_by_its_uid_with_no_payload() -> None:
    with Ntag213Emulator(blank_ntag213()) as tag:
        reader = NfcReader(tag.uri, targets=("106A",))
        with running(reader) as seen:
            assert wait_until(lambda: len(seen.scans) == 1, 5)
    assert (seen.scans[0].payload, seen.scans[0].tag_uid) == (None, NTAG_UID)
    assert reader.errors == 0


@pytest.mark.parametrize("memory", [bad_record_ntag213, bad_tlv_ntag213])
def test_garbage_ndef_gives_the_uid_and_a_counted_error(memory: Callable[[], bytearray]) -> None:
    with Ntag213Emulator(memory()) as tag:
        reader = NfcReader(tag.uri, targets=("106A",))
        with running(reader) as seen:
            assert wait_until(lambda: len(seen.scans) == 1, 5)
            assert reader.state.status is DeviceStatus.READY
    assert (seen.scans[0].payload, seen.scans[0].tag_uid) == (None, NTAG_UID)
    assert reader.errors == 1
    assert "broken" in reader.last_error


def test_a_tag_taken_away_mid_read_is_not_reported_and_the_next_tap_is() -> None:
    # 5 frames activate, AUTHENTICATE + re-select + GET_VERSION 5 more, then READ 0 and READ 4.
    with Ntag213Emulator(uri_ntag213(), answer_limit=12) as tag:
        reader = NfcReader(tag.uri, targets=("106A",))
        with running(reader) as seen:
            assert wait_until(lambda: reader.errors == 1, 5)
            assert "taken away" in reader.last_error
            assert tag.wait_for_poll(5)
            assert seen.scans == []
            tag.present(uri_ntag213())
            assert wait_until(lambda: len(seen.scans) == 1, 5)
            assert reader.state.status is DeviceStatus.READY
    assert seen.scans[0].payload == CARD_URL


def test_a_missing_simulator_is_a_state_and_the_reader_recovers_by_itself() -> None:
    port = free_udp_port()
    uri = f"udp:127.0.0.1:{port}"
    reader = NfcReader(uri, targets=("106A",), retry_initial=0.05, retry_max=0.2, health_every=0.2)
    with running(reader) as seen:
        assert wait_until(lambda: reader.state.status is DeviceStatus.MISSING, 5)
        assert uri in reader.state.message
        assert "start the tag emulator" in reader.state.message
        with Ntag213Emulator(uri_ntag213(), port=port):
            assert wait_until(lambda: len(seen.scans) == 1, 5)
            assert reader.state.status is DeviceStatus.READY
        assert wait_until(lambda: reader.state.status is DeviceStatus.MISSING, 5)
        with Ntag213Emulator(text_ntag213("back"), port=port):
            assert wait_until(lambda: len(seen.scans) == 2, 5)
    assert [scan.payload for scan in seen.scans] == [CARD_URL, "back"]
    assert seen.statuses() == [
        DeviceStatus.MISSING,
        DeviceStatus.READY,
        DeviceStatus.MISSING,
        DeviceStatus.READY,
        DeviceStatus.STOPPED,
    ]


@pytest.mark.parametrize(
    ("uri", "status", "hint"),
    [
        ("usb:ffff:ffff", DeviceStatus.MISSING, "pn533_usb"),
        ("tty:NOSUCH0:pn532", DeviceStatus.MISSING, "driver name"),
        ("bluetooth:reader", DeviceStatus.ERROR, "tty:USB0:pn532"),
    ],
)
def test_an_absent_reader_reports_what_to_check(uri: str, status: DeviceStatus, hint: str) -> None:
    reader = NfcReader(uri, retry_initial=0.05, retry_max=0.1)
    with running(reader) as seen:
        assert wait_until(lambda: reader.state.status is status, 5)
        time.sleep(0.3)  # it keeps retrying without a crash or a flood of state changes
    assert hint in reader.state.message or hint in seen.states[0].message
    assert seen.statuses() == [status, DeviceStatus.STOPPED]


def test_stop_interrupts_polling_and_a_failing_callback_does_not_stop_the_reader() -> None:
    delivered: list[Scan] = []

    def fragile(scan: Scan) -> None:
        delivered.append(scan)
        if len(delivered) == 1:
            raise RuntimeError("the user interface is gone")

    with Ntag213Emulator(uri_ntag213()) as tag:
        reader = NfcReader(tag.uri, targets=("106A",))
        with running(reader, fragile):
            assert wait_until(lambda: len(delivered) == 1, 5)
            tag.remove()
            assert tag.wait_for_poll(5)
            tag.present()
            assert wait_until(lambda: len(delivered) == 2, 5)
            tag.remove()
            assert tag.wait_for_poll(5)
            started = time.monotonic()
            reader.stop()
            assert time.monotonic() - started < 2.0  # one udp sense waits up to 1 s
            assert reader.state.status is DeviceStatus.STOPPED


def test_a_reader_that_times_out_is_reopened_by_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    """The ACR122U case: the device stops answering (ETIMEDOUT) after a read until reopened."""
    fail_next = threading.Event()
    sense_tta = nfc.clf.udp.Device.sense_tta

    def timing_out(device: object, target: object) -> object:
        if fail_next.is_set():
            fail_next.clear()
            raise OSError(errno.ETIMEDOUT, "Connection timed out")
        return sense_tta(device, target)

    monkeypatch.setattr(nfc.clf.udp.Device, "sense_tta", timing_out)
    with Ntag213Emulator(uri_ntag213()) as tag:
        reader = NfcReader(tag.uri, targets=("106A",), retry_initial=0.05)
        with running(reader) as seen:
            assert wait_until(lambda: len(seen.scans) == 1, 5)
            tag.remove()
            fail_next.set()
            assert wait_until(lambda: DeviceStatus.ERROR in seen.statuses(), 5)
            assert "ACR122U" in seen.states[1].message
            assert wait_until(lambda: reader.state.status is DeviceStatus.READY, 5)
            assert tag.wait_for_poll(5)
            tag.present()
            assert wait_until(lambda: len(seen.scans) == 2, 5)
    assert seen.statuses() == [
        DeviceStatus.READY,
        DeviceStatus.ERROR,
        DeviceStatus.READY,
        DeviceStatus.STOPPED,
    ]


def test_a_peer_sending_garbage_frames_is_counted_and_the_reader_goes_on() -> None:
    port = free_udp_port()
    reader = NfcReader(f"udp:127.0.0.1:{port}", targets=("106A",), retry_initial=0.05)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as peer:
        peer.bind(("127.0.0.1", port))
        peer.settimeout(5)
        with running(reader) as seen:
            while True:
                datagram, addr = peer.recvfrom(1024)
                if datagram == b"106A 26":
                    break
            peer.sendto(b"106A not-hex", addr)  # nfcpy's udp driver raises binascii.Error
            assert wait_until(lambda: reader.errors == 1, 5)
            peer.close()
            with Ntag213Emulator(uri_ntag213(), port=port):
                assert wait_until(lambda: len(seen.scans) == 1, 5)
    assert "Error" in reader.last_error
    assert seen.scans[0].payload == CARD_URL
