"""Turn a raw scan into a card reference, or a refusal the counter can show; never raises.

Accepted: a card instance id (a UUID, optionally followed by ``.<signature>``), a card URL
``http(s)://host[/prefix]/c/<uuid>[.<signature>]`` (query and fragment ignored), the same text
in an NFC NDEF URI or Text record, an NFC tag UID when the tag carries no card code, and for
typed entries (``STAMP``) and keyboard-wedge scanners (``WEDGE``) also a phone number.

Signatures: a signature that is present is verified when a public key is known, and a wrong one
is refused. With ``require_signed`` a card code is accepted only with a verified signature; tag
UIDs and phone numbers are lookups, not codes, and are not affected.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.domain.card_code import normalize_card_id, verify_card_signature
from app.domain.scan import Scan, ScanKind

CardRefKind = Literal["card", "tag", "phone"]

DEFAULT_MAX_BYTES = 2048

_SHOW_CARD = "ask the customer to show the card's QR code or tap the card."

MESSAGES: dict[str, str] = {
    "empty": "Nothing was read — ask the customer to show the code again or tap the card again.",
    "too_large": f"This code holds far too much data to be a loyalty card — {_SHOW_CARD}",
    "binary": f"This code holds unreadable data, not a loyalty card — {_SHOW_CARD}",
    "not_a_card": f"This code is not a loyalty card — {_SHOW_CARD}",
    "bad_signature": (
        "This card code failed its security check and may be forged — do not stamp it and "
        "ask the customer to open the card again from its original link."
    ),
    "unsigned_code": (
        "This card code is not signed and this shop accepts only signed codes — ask the "
        "customer to show the QR code from their card page."
    ),
    "no_signing_key": (
        "Signed codes are required but this terminal has no card signing key yet — connect "
        "it to the server once or ask a manager."
    ),
    "bad_phone": "A phone number needs 7 to 15 digits — check the number and enter it again.",
    "unreadable_tag": (
        "The tag could not be read — ask the customer to tap the card again and hold it still."
    ),
}
"""The sentence shown at the counter for each refusal code."""

_NOT_A_CARD_BY_KIND: dict[ScanKind, str] = {
    ScanKind.QR: f"This QR code is not a loyalty card — {_SHOW_CARD}",
    ScanKind.NFC: "This tag is not a loyalty card — ask the customer to tap their loyalty "
    "card or show its QR code.",
    ScanKind.STAMP: "This entry is neither a card code nor a phone number — check it and "
    "enter it again, or scan the card.",
}

_SIGNATURE = r"[A-Za-z0-9_-]+"
_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_BARE_CODE = re.compile(rf"(?P<id>{_UUID})(?:\.(?P<sig>{_SIGNATURE}))?", re.ASCII)
_CARD_URL = re.compile(
    rf"[hH][tT][tT][pP][sS]?://[^/?#\s]+(?:/[^?#\s]*)?/c/(?P<id>{_UUID})"
    rf"(?:\.(?P<sig>{_SIGNATURE}))?/?(?:[?#]\S*)?",
    re.ASCII,
)
_PHONE_CHARS = re.compile(r"[0-9+ ().-]*[0-9][0-9+ ().-]*", re.ASCII)
_PHONE_SEPARATORS = re.compile(r"[ ().-]", re.ASCII)
_PHONE = re.compile(r"\+?[0-9]{7,15}", re.ASCII)
_TAG_SEPARATORS = re.compile(r"[\s:-]", re.ASCII)
_TAG_UID = re.compile(r"(?:[0-9A-F]{2}){4,16}", re.ASCII)
_ALLOWED_CONTROLS = frozenset("\t\n\r")


@dataclass(frozen=True, slots=True)
class CardRef:
    """What a scan points at: a card instance id, or a tag UID or phone number to look up."""

    kind: CardRefKind
    value: str
    signed: bool
    source_kind: ScanKind


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a scan was not taken: a stable snake_case ``code`` and a sentence for the counter."""

    code: str
    message: str


def refusal(code: str, source_kind: ScanKind | None = None) -> Refusal:
    """The refusal for ``code``, worded for the kind of scan it came from."""
    if code == "not_a_card" and source_kind in _NOT_A_CARD_BY_KIND:
        return Refusal(code, _NOT_A_CARD_BY_KIND[source_kind])
    return Refusal(code, MESSAGES[code])


def parse_scan(
    scan: Scan,
    *,
    require_signed: bool = False,
    public_key: Ed25519PublicKey | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> CardRef | Refusal:
    """Classify one scan; every input gives a ``CardRef`` or a ``Refusal``, never an exception."""
    kind = _scan_kind(scan.kind)
    text = _payload_text(scan.payload, max_bytes)
    if isinstance(text, Refusal) and text.code == "too_large":
        return text
    if kind is ScanKind.NFC:
        return _parse_nfc(text, scan.tag_uid, require_signed, public_key)
    if isinstance(text, Refusal):
        return text
    found = _card_code(text, kind, require_signed, public_key)
    if found is not None:
        return found
    if kind in (ScanKind.STAMP, ScanKind.WEDGE):
        phone = _phone(text, kind)
        if phone is not None:
            return phone
    return refusal("not_a_card", kind)


def _scan_kind(kind: object) -> ScanKind:
    """The scan's kind; anything unknown is treated like a QR code (no phone numbers)."""
    if isinstance(kind, ScanKind):
        return kind
    if isinstance(kind, str):
        for member in ScanKind:
            if member.value == kind:
                return member
    return ScanKind.QR


def _parse_nfc(
    text: str | Refusal,
    tag_uid: object,
    require_signed: bool,
    public_key: Ed25519PublicKey | None,
) -> CardRef | Refusal:
    """A card code from the NDEF text when there is one, else the tag UID to look up."""
    if isinstance(text, str):
        found = _card_code(text, ScanKind.NFC, require_signed, public_key)
        if found is not None:
            return found
    if tag_uid is not None:
        uid = _normalize_tag_uid(tag_uid)
        if uid is None:
            return refusal("unreadable_tag")
        return CardRef("tag", uid, signed=False, source_kind=ScanKind.NFC)
    if isinstance(text, Refusal):
        return text
    return refusal("not_a_card", ScanKind.NFC)


def _payload_text(payload: object, max_bytes: int) -> str | Refusal:
    """The payload as stripped text, checking its size before anything else."""
    text = _decode(payload, max_bytes)
    if isinstance(text, Refusal):
        return text
    if _has_bad_characters(text):
        return refusal("binary")
    text = text.removeprefix("\ufeff").strip()
    return text or refusal("empty")


def _decode(payload: object, max_bytes: int) -> str | Refusal:
    """The payload as text if it is within ``max_bytes`` UTF-8 bytes and is text at all."""
    if payload is None:
        return refusal("empty")
    if isinstance(payload, str):
        too_large = (
            len(payload) > max_bytes or len(payload.encode("utf-8", "surrogatepass")) > max_bytes
        )
        return refusal("too_large") if too_large else payload
    if not isinstance(payload, bytes | bytearray):
        return refusal("binary")
    if len(payload) > max_bytes:
        return refusal("too_large")
    try:
        return bytes(payload).decode("utf-8")
    except UnicodeDecodeError:
        return refusal("binary")


def _has_bad_characters(text: str) -> bool:
    """True for control characters other than tab and line breaks, and for lone surrogates."""
    for char in text:
        if char.isprintable() or char in _ALLOWED_CONTROLS:
            continue
        if unicodedata.category(char) in ("Cc", "Cs"):
            return True
    return False


def _card_code(
    text: str,
    source_kind: ScanKind,
    require_signed: bool,
    public_key: Ed25519PublicKey | None,
) -> CardRef | Refusal | None:
    """The card in a bare id or card URL, a refusal for a bad signature, None if no card code."""
    match = _BARE_CODE.fullmatch(text) or _CARD_URL.fullmatch(text)
    if match is None:
        return None
    card_id = normalize_card_id(match.group("id"))
    if card_id is None:
        return None
    signature: str | None = match.group("sig")
    signed = False
    if signature is not None and public_key is not None:
        if not verify_card_signature(public_key, card_id, signature):
            return refusal("bad_signature")
        signed = True
    if require_signed and not signed:
        if signature is None:
            return refusal("unsigned_code")
        return refusal("no_signing_key")
    return CardRef("card", card_id, signed=signed, source_kind=source_kind)


def _phone(text: str, source_kind: ScanKind) -> CardRef | Refusal | None:
    """A phone number typed at the counter, a refusal if it has the wrong length, or None."""
    if _PHONE_CHARS.fullmatch(text) is None:
        return None
    compact = _PHONE_SEPARATORS.sub("", text)
    if _PHONE.fullmatch(compact) is None:
        return refusal("bad_phone")
    return CardRef("phone", compact, signed=False, source_kind=source_kind)


def _normalize_tag_uid(tag_uid: object) -> str | None:
    """Upper-case hex without separators, for UIDs of 4 to 16 bytes; None otherwise."""
    if not isinstance(tag_uid, str) or len(tag_uid) > 64:
        return None
    compact = _TAG_SEPARATORS.sub("", tag_uid).upper()
    if _TAG_UID.fullmatch(compact) is None:
        return None
    return compact
