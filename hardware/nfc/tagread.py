"""What one tap yields: the tag's UID and type and its NDEF records, decoded with ndeflib."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import ndef  # ndeflib ships no type hints

from hardware.nfc.errors import NdefDecodeError, NfcTagError
from hardware.nfc.tag import TagHandle

Record = dict[str, str]
URI = "urn:nfc:wkt:U"
TEXT = "urn:nfc:wkt:T"
SMART_POSTER = "urn:nfc:wkt:Sp"


@dataclass(frozen=True, slots=True)
class NdefContent:
    """The decoded records and the scan payload: the first URI or Text record's text, if any."""

    records: tuple[Record, ...]
    payload: str | None


def decode_message(octets: bytes) -> NdefContent:
    """Decode an NDEF message; an empty message has no records and no payload."""
    if not octets:
        return NdefContent((), None)
    try:
        decoded = list(ndef.message_decoder(octets, errors="relax"))
    except (ndef.DecodeError, ValueError, TypeError, UnicodeDecodeError) as exc:
        raise NdefDecodeError(f"The tag holds a broken NDEF message ({exc}).") from exc
    records = tuple(_plain(record) for record in decoded)
    payload = next(
        (r.get("uri", r.get("text")) for r in records if r["type"] in (URI, TEXT, SMART_POSTER)),
        None,
    )
    return NdefContent(records, payload)


def _plain(record: ndef.Record) -> Record:
    """One record as JSON-ready strings: ``uri`` or ``text`` for the kinds a card uses."""
    kind = str(record.type)
    if isinstance(record, ndef.UriRecord):
        return {"type": kind, "uri": str(record.iri)}
    if isinstance(record, ndef.TextRecord):
        return {"type": kind, "text": str(record.text), "language": str(record.language)}
    if isinstance(record, ndef.SmartposterRecord):
        return {"type": kind, "uri": str(record.resource.iri)}
    return {"type": kind, "data": bytes(record.data).hex()}


def uri_message(url: str) -> bytes:
    """The NDEF message holding one URI record for ``url``."""
    return b"".join(ndef.message_encoder([ndef.UriRecord(url)]))


UNREADABLE_TLV = (
    "The tag is formatted for NDEF but its NDEF data cannot be found or read (a broken TLV)."
)


@dataclass(frozen=True, slots=True)
class TagRead:
    """One tag as read: ``error`` when its NDEF data is broken, ``removed`` when it left early."""

    uid: str
    type: str
    product: str
    records: tuple[Record, ...] = ()
    payload: str | None = None
    capacity: int | None = None
    writeable: bool | None = None
    error: str | None = None
    removed: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``stamp-terminal nfc read``."""
        return {
            "uid": self.uid,
            "type": self.type,
            "product": self.product,
            "records": [dict(record) for record in self.records],
            "payload": self.payload,
            "ndef": None
            if self.capacity is None
            else {"capacity": self.capacity, "writeable": self.writeable},
            "error": self.error,
        }


def read_tag(tag: TagHandle) -> TagRead:
    """Read a tag's NDEF message; never raises for a broken or vanishing tag (only ``OSError``)."""
    base = TagRead(tag.uid, tag.type, tag.product)
    try:
        area = tag.read_ndef()
    except NfcTagError as exc:
        return replace(base, error=exc.message, removed=not tag.is_present())
    if area is None:
        if not tag.is_present():
            return replace(base, error="The tag left the reader before it was read.", removed=True)
        return replace(base, error=UNREADABLE_TLV) if tag.claims_ndef() else base
    try:
        content = decode_message(area.octets)
    except NdefDecodeError as exc:
        return replace(base, capacity=area.capacity, writeable=area.writeable, error=exc.message)
    return replace(
        base,
        records=content.records,
        payload=content.payload,
        capacity=area.capacity,
        writeable=area.writeable,
    )
