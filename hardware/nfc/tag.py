"""One activated tag behind a typed face; nfcpy's tag errors come out as ``NfcTagError``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import nfc.clf
import nfc.tag
import nfc.tag.tt2
import nfc.tag.tt2_nxp

from hardware.nfc.errors import NfcTagError

TAG_ERRORS = (nfc.tag.TagCommandError, nfc.clf.CommunicationError)
# nfcpy's Type 2 transceive raises RuntimeError when the udp peer turns its field off mid-command.
READ_ERRORS = (*TAG_ERRORS, RuntimeError)
# The page holding the dynamic lock bytes, per NTAG21x product (NTAG210 has none).
DYNAMIC_LOCK_PAGE: dict[type, int] = {
    nfc.tag.tt2_nxp.NTAG212: 36,
    nfc.tag.tt2_nxp.NTAG213: 40,
    nfc.tag.tt2_nxp.NTAG215: 130,
    nfc.tag.tt2_nxp.NTAG216: 226,
}


@dataclass(frozen=True, slots=True)
class NdefArea:
    """The tag's NDEF message and what the tag says about its NDEF area."""

    octets: bytes
    capacity: int
    writeable: bool


class TagHandle:
    """An activated nfcpy tag; calls may also raise ``OSError`` when the reader itself fails."""

    def __init__(self, tag: Any) -> None:
        self._tag = tag

    @property
    def uid(self) -> str:
        """The UID (Type 2/4) or IDm (Type 3) in upper-case hex."""
        return bytes(self._tag.identifier).hex().upper()

    @property
    def type(self) -> str:
        return str(self._tag.type)

    @property
    def product(self) -> str:
        return str(self._tag.product)

    @property
    def is_ntag21x(self) -> bool:
        return isinstance(self._tag, nfc.tag.tt2_nxp.NTAG21x)

    def is_present(self) -> bool:
        try:
            return bool(self._tag.is_present)
        except READ_ERRORS:
            return False

    def read_ndef(self) -> NdefArea | None:
        """The NDEF area, or None when the tag has none or it cannot be read to the end."""
        try:
            ndef = self._tag.ndef
            if ndef is None:
                return None
            return NdefArea(bytes(ndef.octets), int(ndef.capacity), bool(ndef.is_writeable))
        except READ_ERRORS as exc:
            raise NfcTagError(f"The tag stopped answering while it was read ({exc}).") from exc

    def claims_ndef(self) -> bool:
        """For a Type 2 tag, whether its capability container says it is NDEF-formatted."""
        if not isinstance(self._tag, nfc.tag.tt2.Type2Tag):
            return False
        try:
            return bytes(self._tag.read(3))[0] == 0xE1
        except READ_ERRORS:
            return False

    def lock_bits_set(self) -> bool:
        """For an NTAG21x, whether any static or dynamic lock bit protects NDEF data pages."""
        if not self.is_ntag21x:
            return False
        try:
            static = bytes(self._tag.read(2))[2:4]
            if static[0] & 0xF0 or static[1]:
                return True
            page = next((p for c, p in DYNAMIC_LOCK_PAGE.items() if isinstance(self._tag, c)), 0)
            if page:
                dynamic = bytes(self._tag.read(page))[0:2]
                return bool(dynamic[0] or dynamic[1])
        except READ_ERRORS as exc:
            raise NfcTagError(f"The tag stopped answering while it was read ({exc}).") from exc
        return False

    def write_ndef(self, octets: bytes) -> None:
        """Write an NDEF message; capacity and write access must have been checked."""
        try:
            ndef = self._tag.ndef
            if ndef is None:
                raise NfcTagError("The tag lost its NDEF area before it was written.")
            ndef.octets = octets
        except (*READ_ERRORS, AttributeError, ValueError) as exc:
            raise NfcTagError(f"The tag refused the write ({exc}).") from exc

    def ndef_unchanged(self) -> bool:
        """Read the NDEF message back from the tag: True if it equals what was last read or written.

        This is nfcpy's own verification (``NDEF.has_changed`` reads the tag memory again).
        """
        try:
            ndef = self._tag.ndef
            return ndef is not None and not bool(ndef.has_changed)
        except READ_ERRORS as exc:
            raise NfcTagError(f"The tag stopped answering while it was verified ({exc}).") from exc
