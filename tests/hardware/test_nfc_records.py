"""NDEF decoding and reader addresses: no I/O."""

from __future__ import annotations

import ndef
import pytest
from nfc_emulators import CARD_URL, ndef_message

from hardware.device import DeviceStatus
from hardware.nfc import NdefDecodeError, NfcDeviceError
from hardware.nfc.frontend import ReaderAddress
from hardware.nfc.tagread import decode_message, uri_message


def test_the_first_uri_or_text_record_is_the_payload() -> None:
    message = ndef_message(
        ndef.Record("application/vnd.shop", "", b"\x01\x02"),
        ndef.UriRecord(CARD_URL),
        ndef.TextRecord("later", "en"),
    )
    content = decode_message(message)
    assert content.payload == CARD_URL
    assert content.records == (
        {"type": "application/vnd.shop", "data": "0102"},
        {"type": "urn:nfc:wkt:U", "uri": CARD_URL},
        {"type": "urn:nfc:wkt:T", "text": "later", "language": "en"},
    )


def test_a_smart_poster_counts_as_its_uri() -> None:
    content = decode_message(ndef_message(ndef.SmartposterRecord(CARD_URL, title="Card")))
    assert content.payload == CARD_URL


def test_an_empty_message_has_no_payload_and_is_no_error() -> None:
    assert decode_message(b"").records == ()
    assert decode_message(b"").payload is None
    assert decode_message(ndef_message(ndef.Record("application/x", "", b""))).payload is None


@pytest.mark.parametrize("octets", ["D101FF5504", "FF", "D1010355FF00", "0000"])
def test_garbage_is_a_decode_error(octets: str) -> None:
    with pytest.raises(NdefDecodeError, match="broken NDEF message"):
        decode_message(bytes.fromhex(octets))


def test_uri_message_round_trips() -> None:
    assert decode_message(uri_message(CARD_URL)).payload == CARD_URL
    assert len(uri_message(CARD_URL)) == 63


@pytest.mark.parametrize(
    ("uri", "kind", "path"),
    [
        ("usb", "usb", "usb"),
        ("usb:072f:2200", "usb", "usb:072f:2200"),
        ("tty:USB0:pn532", "tty", "tty:USB0:pn532"),
        ("udp", "udp", "udp:localhost:54321"),
        ("udp:127.0.0.1:54000", "udp", "udp:127.0.0.1:54000"),
    ],
)
def test_reader_addresses(uri: str, kind: str, path: str) -> None:
    address = ReaderAddress.parse(uri)
    assert (address.kind, address.nfcpy_path) == (kind, path)


@pytest.mark.parametrize(
    "uri", ["", "camera:0", "udp:localhost:http", "udp:localhost:70000", "udp:localhost:53"]
)
def test_bad_reader_addresses_are_an_error_state(uri: str) -> None:
    with pytest.raises(NfcDeviceError) as raised:
        ReaderAddress.parse(uri)
    assert raised.value.status is DeviceStatus.ERROR
