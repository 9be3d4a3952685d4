"""The errors of the NFC layer; the tree is described in ``hardware.nfc``."""

from __future__ import annotations

from hardware.device import DeviceStatus


class NfcError(Exception):
    """Anything the NFC layer reports; ``message`` is written for the person who has to act."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NfcDeviceError(NfcError):
    """The reader cannot be used: ``status`` is ``missing`` (not found) or ``error`` (failing)."""

    def __init__(self, status: DeviceStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


class NfcTagError(NfcError):
    """The tag left the field or answered something unexpected in the middle of a command."""


class NdefDecodeError(NfcError):
    """The tag's NDEF message is not a valid NDEF message."""


class NfcWriteError(NfcError):
    """A card URL was not written; ``reason`` is a short code, ``message`` says what to do."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
