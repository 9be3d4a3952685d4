"""A raw scan as a device reports it, before any policy has looked at it."""

from __future__ import annotations

import enum
import time
from dataclasses import dataclass, field


class ScanKind(enum.StrEnum):
    """Where a scan came from; the values are the stampType names of the stamp API."""

    QR = "QR"
    NFC = "NFC"
    STAMP = "STAMP"  # typed in by the cashier: a card code or a phone number
    WEDGE = "WEDGE"  # a keyboard-wedge barcode scanner typing a code and Enter


@dataclass(frozen=True, slots=True)
class Scan:
    """One read of something a customer presented.

    ``payload`` is the decoded text (QR content, NDEF URI or Text record, typed entry) or the raw
    bytes when a device could not decode them as text; ``tag_uid`` is the NFC tag's UID in upper
    case hex when the scan came from a tag.
    """

    kind: ScanKind
    payload: str | bytes | None
    tag_uid: str | None = None
    source: str = ""
    wall_time: float = field(default_factory=time.time)
    monotonic: float = field(default_factory=time.monotonic)
