"""NFC tags on loopback UDP for the tests: the product's NTAG213 emulator and test fixtures.

``Ntag213Emulator`` and the memory images come from :mod:`hardware.nfc.emulator` (the demo uses
them too); this module adds the damaged, locked and text tags the tests need and
``Type3Emulator``, nfcpy's own Type 3 tag emulation (``ContactlessFrontend('udp:...')``
listening as ``LocalTarget('212F')`` with the NDEF services).
"""

from __future__ import annotations

import socket
import struct
import threading
from typing import Any

import ndef
import nfc

from hardware.nfc import emulator
from hardware.nfc.emulator import (
    FACTORY_TLVS,
    NTAG213_PAGES,
    NTAG213_UID,
    NTAG213_VERSION,
    Ntag213Emulator,
    blank_ntag213,
    free_udp_port,
    ndef_message,
    ntag213_image,
)
from hardware.nfc.emulator import UdpTagPeer as _UdpTag

__all__ = [
    "CARD_URL",
    "NTAG213_PAGES",
    "NTAG213_UID",
    "NTAG213_VERSION",
    "Ntag213Emulator",
    "Type3Emulator",
    "bad_record_ntag213",
    "bad_tlv_ntag213",
    "blank_ntag213",
    "free_udp_port",
    "locked_ntag213",
    "ndef_message",
    "ntag213_image",
    "text_ntag213",
    "type3_attribute_block",
    "uri_ntag213",
]

CARD_URL = "https://shop.example/c/0131cef8-56e1-461a-b82b-7e220b925481.Ab_9-x"


def uri_ntag213(url: str = CARD_URL) -> bytearray:
    return emulator.uri_ntag213(url)


def text_ntag213(text: str) -> bytearray:
    return ntag213_image(ndef_message(ndef.TextRecord(text, "en")))


def bad_record_ntag213() -> bytearray:
    """A valid NDEF TLV holding a record whose payload length runs past the message."""
    return ntag213_image(bytes.fromhex("D101FF5504"))


def bad_tlv_ntag213() -> bytearray:
    """An NDEF TLV whose 3-byte length (4095) runs past the end of the tag's memory."""
    return ntag213_image(None, tlvs=FACTORY_TLVS + bytes.fromhex("03FF0FFFD101"))


def locked_ntag213(url: str = CARD_URL) -> bytearray:
    return ntag213_image(ndef_message(ndef.UriRecord(url)), locked=True)


def type3_attribute_block(length: int, *, nmaxb: int = 13) -> bytes:
    """The NDEF attribute information block (block 0) of a read-only NFC Forum Type 3 tag."""
    head = struct.pack(">BBBH4xBB", 0x10, 4, 0, nmaxb, 0x00, 0x00)
    head += length.to_bytes(3, "big")
    return head + struct.pack(">H", sum(head))


class Type3Emulator(_UdpTag):
    """An NFC Forum Type 3 tag emulated by nfcpy itself in target mode over ``udp``.

    System code 12FC with the NDEF read service (000B), read-only. ``remove`` ends the emulated
    session (an ``RFOFF`` datagram to its own port) and stops listening.
    """

    IDM = "03FE010203040506"
    PMM = "FFFFFFFFFFFFFFFF"  # IC code FF: a generic Type 3 tag, generous command timeouts

    def __init__(self, message: bytes, *, present: bool = True, port: int | None = None) -> None:
        super().__init__(port)
        self.message = bytearray(message)
        self._present = threading.Event()
        if present:
            self._present.set()

    def present(self) -> None:
        self._present.set()

    def remove(self) -> None:
        self._present.clear()
        self._poke()

    def close(self) -> None:
        self._closed.set()
        self._present.set()
        self._poke()
        super().close()

    def _poke(self) -> None:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.sendto(b"RFOFF", ("127.0.0.1", self.port))

    def _serve(self) -> None:
        clf = nfc.ContactlessFrontend(self.uri)
        try:
            while not self._closed.is_set():
                self._present.wait()
                clf.connect(
                    card={
                        "on-startup": self._on_startup,
                        "on-connect": self._on_connect,
                        "on-release": lambda tag: True,
                        "timeout": 0.5,
                    },
                    terminate=self._ended,
                )
        finally:
            clf.close()

    def _ended(self) -> bool:
        return self._closed.is_set() or not self._present.is_set()

    def _on_startup(self, target: Any) -> Any:
        target.brty = "212F"
        target.sensf_res = bytearray.fromhex("01" + self.IDM + self.PMM + "12FC")
        return target

    def _on_connect(self, tag: Any) -> bool:
        tag.add_service(0x000B, self._read_block, None)
        return True

    def _read_block(self, block: int, rb: bool, re: bool) -> bytes | None:
        if block == 0:
            return type3_attribute_block(len(self.message))
        if block > 13:
            return None
        chunk = self.message[(block - 1) * 16 : block * 16]
        return bytes(chunk) + bytes(16 - len(chunk))
