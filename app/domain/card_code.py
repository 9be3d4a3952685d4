"""Signed card codes, shared by the server (which signs) and the terminal (which verifies).

The server signs each card instance id (a lowercase UUID) with Ed25519 and issues the card URL
``<base>/c/<cardInstanceId>.<signature>``. The signature is the unpadded base64url text of the
64-byte Ed25519 signature over the UTF-8 bytes of ``"stampcard:" + cardInstanceId``; the domain
prefix keeps the key from signing anything that could be mistaken for another kind of message.
"""

from __future__ import annotations

import base64
import binascii
import re

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

SIGNING_PREFIX = "stampcard:"
SIGNATURE_TEXT_LENGTH = 86
"""Length of the unpadded base64url text of a 64-byte signature."""
PUBLIC_KEY_TEXT_LENGTH = 43
"""Length of the unpadded base64url text of a 32-byte public key."""

_CARD_ID = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", re.ASCII
)
_B64URL = re.compile(r"[A-Za-z0-9_-]*", re.ASCII)


def normalize_card_id(text: str) -> str | None:
    """The card instance id in ``text`` (a UUID, any case, surrounding whitespace) lowercased."""
    candidate = text.strip()
    if _CARD_ID.fullmatch(candidate) is None:
        return None
    return candidate.lower()


def is_card_id(text: str) -> bool:
    """True when ``text`` is exactly a card instance id in canonical (lowercase UUID) form."""
    return _CARD_ID.fullmatch(text) is not None and text == text.lower()


def generate_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def private_key_to_text(key: Ed25519PrivateKey) -> str:
    """The key as unencrypted PEM PKCS8 text."""
    pem = key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )
    return pem.decode("ascii")


def private_key_from_text(text: str) -> Ed25519PrivateKey:
    """Load an unencrypted PEM PKCS8 Ed25519 private key; ValueError when it is anything else."""
    try:
        key = serialization.load_pem_private_key(text.encode("utf-8"), password=None)
    except (ValueError, TypeError, UnicodeEncodeError, UnsupportedAlgorithm) as exc:
        raise ValueError(
            "The card signing private key is not an unencrypted PEM PKCS8 key."
        ) from exc
    if isinstance(key, Ed25519PrivateKey):
        return key
    raise ValueError("The card signing private key is not an Ed25519 key.")


def public_key_to_text(key: Ed25519PublicKey) -> str:
    """Unpadded base64url text of the 32 raw public key bytes."""
    raw = key.public_bytes(
        encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw
    )
    return _b64url_encode(raw)


def public_key_from_text(text: str) -> Ed25519PublicKey:
    """Load a public key written by ``public_key_to_text`` (padding and whitespace tolerated)."""
    candidate = text.strip().rstrip("=")
    raw = _b64url_decode(candidate, PUBLIC_KEY_TEXT_LENGTH)
    if raw is None or len(raw) != 32:
        raise ValueError(
            "The card signing public key must be the base64url text of 32 raw Ed25519 bytes "
            f"({PUBLIC_KEY_TEXT_LENGTH} characters without padding); got {len(candidate)} "
            "characters that do not form one."
        )
    try:
        return Ed25519PublicKey.from_public_bytes(raw)
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise ValueError("The card signing public key is not a valid Ed25519 key.") from exc


def sign_card_id(key: Ed25519PrivateKey, card_id: str) -> str:
    """Signature text for a card instance id; ValueError unless it is a lowercase UUID."""
    if not isinstance(card_id, str) or not is_card_id(card_id):
        raise ValueError(f"Only a lowercase UUID card instance id can be signed, not {card_id!r}.")
    return _b64url_encode(key.sign(_message(card_id)))


def verify_card_signature(key: Ed25519PublicKey, card_id: str, signature: str) -> bool:
    """True only when ``signature`` is a valid signature of ``card_id``; never raises."""
    if not isinstance(card_id, str) or not isinstance(signature, str):
        return False
    raw = _b64url_decode(signature, SIGNATURE_TEXT_LENGTH)
    if raw is None or len(raw) != 64:
        return False
    try:
        key.verify(raw, _message(card_id))
    except (InvalidSignature, UnicodeEncodeError):
        return False
    return True


def card_url(base: str, card_id: str, signature: str | None) -> str:
    """The card URL ``<base>/c/<card_id>.<signature>`` (without ``.<signature>`` when None)."""
    root = base.rstrip("/")
    if signature:
        return f"{root}/c/{card_id}.{signature}"
    return f"{root}/c/{card_id}"


def _message(card_id: str) -> bytes:
    return (SIGNING_PREFIX + card_id).encode("utf-8")


def _b64url_encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _b64url_decode(text: str, expected_length: int) -> bytes | None:
    """Decode canonical unpadded base64url text of an exact length, or None."""
    if len(text) != expected_length or _B64URL.fullmatch(text) is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None
    if _b64url_encode(raw) != text:
        return None
    return raw
