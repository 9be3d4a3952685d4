"""``read_one`` and ``write_url`` (``nfc read`` / ``nfc write``) on emulated tags."""

from __future__ import annotations

import json
import time

import ndef
import pytest
from nfc_emulators import (
    CARD_URL,
    Ntag213Emulator,
    Type3Emulator,
    blank_ntag213,
    free_udp_port,
    locked_ntag213,
    ndef_message,
    uri_ntag213,
)

from hardware.device import DeviceStatus
from hardware.nfc import NfcDeviceError, NfcWriteError, read_one, write_url


def test_read_one_prints_uid_type_and_records_of_an_ntag213() -> None:
    with Ntag213Emulator(uri_ntag213()) as tag:
        found = read_one(tag.uri, timeout=5)
    assert found == {
        "uid": "04A1B2C3D4E5F6",
        "type": "Type2Tag",
        "product": "NXP NTAG213",
        "records": [{"type": "urn:nfc:wkt:U", "uri": CARD_URL}],
        "payload": CARD_URL,
        "ndef": {"capacity": 137, "writeable": True},
        "error": None,
    }
    assert json.loads(json.dumps(found)) == found


def test_read_one_on_a_type3_tag() -> None:
    message = ndef_message(ndef.TextRecord("Stamp me", "de"), ndef.UriRecord(CARD_URL))
    with Type3Emulator(message) as tag:
        found = read_one(tag.uri, timeout=5, targets=["212F"])
    assert found is not None
    assert (found["uid"], found["type"], found["payload"]) == (
        "03FE010203040506",
        "Type3Tag",
        "Stamp me",
    )
    assert found["records"] == [
        {"type": "urn:nfc:wkt:T", "text": "Stamp me", "language": "de"},
        {"type": "urn:nfc:wkt:U", "uri": CARD_URL},
    ]


def test_read_one_gives_none_when_no_tag_comes_in_time() -> None:
    with Ntag213Emulator(present=False) as tag:
        started = time.monotonic()
        assert read_one(tag.uri, timeout=0.2, targets=["106A"]) is None
    assert time.monotonic() - started < 2.5  # the udp sense in flight waits up to 1 s


def test_read_one_without_a_reader_says_so() -> None:
    uri = f"udp:127.0.0.1:{free_udp_port()}"
    with pytest.raises(NfcDeviceError) as raised:
        read_one(uri, timeout=0.2)
    assert raised.value.status is DeviceStatus.MISSING
    assert uri in raised.value.message


def test_write_url_onto_a_blank_ntag213_reads_back_equal() -> None:
    with Ntag213Emulator(blank_ntag213()) as tag:
        written = write_url(tag.uri, CARD_URL, timeout=5)
        found = read_one(tag.uri, timeout=5)
        memory = bytes(tag.memory)
    assert written == {
        "uid": "04A1B2C3D4E5F6",
        "type": "Type2Tag",
        "product": "NXP NTAG213",
        "url": CARD_URL,
        "bytes": 63,
        "capacity": 137,
        "verified": True,
    }
    assert found is not None
    assert found["records"] == [{"type": "urn:nfc:wkt:U", "uri": CARD_URL}]
    assert memory[21:23] == bytes([0x03, 63])  # NDEF TLV after the lock control TLV
    assert memory[23 : 23 + 63] == ndef_message(ndef.UriRecord(CARD_URL))
    assert memory[23 + 63] == 0xFE


def test_a_tag_holding_another_card_is_only_overwritten_on_purpose() -> None:
    other = "https://shop.example/c/another-customer"
    with Ntag213Emulator(uri_ntag213(other)) as tag:
        with pytest.raises(NfcWriteError) as raised:
            write_url(tag.uri, CARD_URL, timeout=5)
        assert tag.writes == 0
        assert other in raised.value.message
        assert raised.value.reason == "not_blank"
        assert write_url(tag.uri, CARD_URL, timeout=5, overwrite=True)["verified"] is True
        found = read_one(tag.uri, timeout=5)
    assert found is not None
    assert found["payload"] == CARD_URL


def test_write_is_refused_on_a_locked_tag_without_touching_it() -> None:
    before = locked_ntag213("https://other.example/c/old")
    with Ntag213Emulator(bytearray(before)) as tag:
        with pytest.raises(NfcWriteError) as raised:
            write_url(tag.uri, CARD_URL, timeout=5)
        assert tag.writes == 0
        assert tag.memory == before
    assert raised.value.reason == "locked"
    assert "locked (read-only)" in raised.value.message


def test_write_is_refused_when_only_the_lock_bits_are_set() -> None:
    memory = blank_ntag213()
    memory[10:12] = b"\xf0\x00"  # static lock bits for pages 4-7, CC still says writeable
    with Ntag213Emulator(memory) as tag:
        with pytest.raises(NfcWriteError) as raised:
            write_url(tag.uri, CARD_URL, timeout=5)
        assert tag.writes == 0
    assert raised.value.reason == "locked"


def test_write_is_refused_when_the_url_does_not_fit() -> None:
    long_url = CARD_URL + "?" + "x" * 120
    with Ntag213Emulator(blank_ntag213()) as tag:
        with pytest.raises(NfcWriteError) as raised:
            write_url(tag.uri, long_url, timeout=5)
        assert tag.writes == 0
    assert raised.value.reason == "too_small"
    assert "holds only 137" in raised.value.message


def test_write_is_refused_on_a_tag_that_is_not_an_ntag() -> None:
    message = ndef_message(ndef.UriRecord(CARD_URL))
    with Type3Emulator(message) as tag, pytest.raises(NfcWriteError) as raised:
        write_url(tag.uri, CARD_URL, timeout=5, targets=["212F"])
    assert raised.value.reason == "unsupported"
    assert "an NFC Forum Type 3 tag" in raised.value.message
    assert "NTAG213" in raised.value.message


def test_write_without_a_tag_times_out_with_a_message() -> None:
    with Ntag213Emulator(present=False) as tag, pytest.raises(NfcWriteError) as raised:
        write_url(tag.uri, CARD_URL, timeout=0.2, targets=["106A"])
    assert raised.value.reason == "no_tag"
