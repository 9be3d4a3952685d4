"""NFC readers and writers through nfcpy, for ``usb``, ``usb:VID:PID``, ``tty:...`` and ``udp:...``.

``NfcReader`` is the terminal's device (``hardware.device.Device``); ``read_one`` and
``write_url`` serve ``stamp-terminal nfc read`` / ``nfc write``. Nothing here imports Qt.

Exceptions::

    NfcError                  anything this package reports; .message is for a person
    ├── NfcDeviceError        the reader cannot be used; .status is missing or error
    ├── NfcWriteError         a card URL was not written; .reason: no_tag, unsupported,
    │                         not_formatted, not_blank, locked, too_small, write_failed,
    │                         verify_failed, bad_url
    ├── NfcTagError           a tag left or misbehaved mid-command (handled inside the package)
    └── NdefDecodeError       a tag's NDEF message is broken (handled inside the package)

The reader never lets an exception out of its thread: device problems become its state, tag
problems a counted error.
"""

from hardware.nfc.errors import (
    NdefDecodeError,
    NfcDeviceError,
    NfcError,
    NfcTagError,
    NfcWriteError,
)
from hardware.nfc.frontend import DEFAULT_TARGETS
from hardware.nfc.reader import NfcReader
from hardware.nfc.tagread import TagRead
from hardware.nfc.tools import read_one, write_url

__all__ = [
    "DEFAULT_TARGETS",
    "NdefDecodeError",
    "NfcDeviceError",
    "NfcError",
    "NfcReader",
    "NfcTagError",
    "NfcWriteError",
    "TagRead",
    "read_one",
    "write_url",
]
