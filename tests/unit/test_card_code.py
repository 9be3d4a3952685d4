"""Signed card codes: keys as text, signing, verification of good, tampered and foreign codes."""

from __future__ import annotations

import base64
import uuid

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1
from cryptography.hazmat.primitives.asymmetric.ec import generate_private_key as ec_key
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.domain.card_code import (
    SIGNATURE_TEXT_LENGTH,
    SIGNING_PREFIX,
    card_url,
    generate_private_key,
    is_card_id,
    normalize_card_id,
    private_key_from_text,
    private_key_to_text,
    public_key_from_text,
    public_key_to_text,
    sign_card_id,
    verify_card_signature,
)

CARD_ID = "3ab8fd17-2fb5-468c-9079-dfb887aacc54"


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return generate_private_key()


def test_private_key_round_trips_through_pem_pkcs8(key: Ed25519PrivateKey) -> None:
    text = private_key_to_text(key)
    assert text.startswith("-----BEGIN PRIVATE KEY-----")
    loaded = private_key_from_text(text)
    assert public_key_to_text(loaded.public_key()) == public_key_to_text(key.public_key())


@pytest.mark.parametrize("text", ["", "not a key", "-----BEGIN PRIVATE KEY-----\nAAAA\n"])
def test_private_key_from_garbage_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError, match="private key"):
        private_key_from_text(text)


def test_private_key_of_another_algorithm_is_refused() -> None:
    pem = ec_key(SECP256R1()).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    with pytest.raises(ValueError, match="not an Ed25519 key"):
        private_key_from_text(pem.decode())


def test_public_key_text_is_unpadded_base64url_of_32_raw_bytes(key: Ed25519PrivateKey) -> None:
    text = public_key_to_text(key.public_key())
    assert len(text) == 43
    assert "=" not in text
    assert len(base64.urlsafe_b64decode(text + "=")) == 32
    loaded = public_key_from_text(f"  {text}=\n")
    assert public_key_to_text(loaded) == text


@pytest.mark.parametrize(
    "text",
    ["", "abc", "A" * 44, "!" * 43, base64.urlsafe_b64encode(b"x" * 31).decode(), "é" * 43],
)
def test_public_key_from_bad_text_is_a_clear_value_error(text: str) -> None:
    with pytest.raises(ValueError, match="32 raw Ed25519 bytes"):
        public_key_from_text(text)


def test_signature_verifies_and_covers_the_domain_prefix(key: Ed25519PrivateKey) -> None:
    signature = sign_card_id(key, CARD_ID)
    assert len(signature) == SIGNATURE_TEXT_LENGTH
    assert verify_card_signature(key.public_key(), CARD_ID, signature)
    raw = base64.urlsafe_b64decode(signature + "==")
    key.public_key().verify(raw, (SIGNING_PREFIX + CARD_ID).encode())


def test_signature_of_the_bare_id_without_prefix_is_not_accepted(key: Ed25519PrivateKey) -> None:
    raw = key.sign(CARD_ID.encode())
    bare = base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    assert not verify_card_signature(key.public_key(), CARD_ID, bare)


def test_signature_is_bound_to_its_card(key: Ed25519PrivateKey) -> None:
    signature = sign_card_id(key, CARD_ID)
    assert not verify_card_signature(key.public_key(), str(uuid.uuid4()), signature)


def test_tampered_signature_is_refused(key: Ed25519PrivateKey) -> None:
    signature = sign_card_id(key, CARD_ID)
    flipped = "B" if signature[10] == "A" else "A"
    tampered = signature[:10] + flipped + signature[11:]
    assert not verify_card_signature(key.public_key(), CARD_ID, tampered)


def test_signature_from_another_key_is_refused(key: Ed25519PrivateKey) -> None:
    other = generate_private_key()
    assert not verify_card_signature(key.public_key(), CARD_ID, sign_card_id(other, CARD_ID))


def test_non_canonical_signature_text_is_refused(key: Ed25519PrivateKey) -> None:
    signature = sign_card_id(key, CARD_ID)
    last = signature[-1]
    sibling = next(
        c
        for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        if c != last
        and base64.urlsafe_b64decode(signature[:-1] + c + "==")
        == base64.urlsafe_b64decode(signature + "==")
    )
    assert not verify_card_signature(key.public_key(), CARD_ID, signature[:-1] + sibling)


@pytest.mark.parametrize(
    "garbage",
    ["", "x", "=" * 86, "%" * 86, "A" * 85, "A" * 87, "A" * 10_000, "\ud800" * 86, "é" * 86],
)
def test_verify_never_raises_on_garbage(key: Ed25519PrivateKey, garbage: str) -> None:
    assert not verify_card_signature(key.public_key(), CARD_ID, garbage)
    assert not verify_card_signature(key.public_key(), garbage, sign_card_id(key, CARD_ID))


def test_verify_tolerates_non_text_arguments(key: Ed25519PrivateKey) -> None:
    signature = sign_card_id(key, CARD_ID)
    assert not verify_card_signature(key.public_key(), CARD_ID, None)  # type: ignore[arg-type]
    assert not verify_card_signature(key.public_key(), b"x", signature)  # type: ignore[arg-type]


@pytest.mark.parametrize("card_id", [CARD_ID.upper(), f" {CARD_ID}", "not-a-uuid", ""])
def test_only_canonical_card_ids_are_signed(key: Ed25519PrivateKey, card_id: str) -> None:
    with pytest.raises(ValueError, match="lowercase UUID"):
        sign_card_id(key, card_id)


def test_card_url_shape(key: Ed25519PrivateKey) -> None:
    signature = sign_card_id(key, CARD_ID)
    url = card_url("https://cards.example.com/shop/", CARD_ID, signature)
    assert url == f"https://cards.example.com/shop/c/{CARD_ID}.{signature}"
    assert card_url("https://x.test", CARD_ID, None) == f"https://x.test/c/{CARD_ID}"


def test_card_id_helpers() -> None:
    assert normalize_card_id(f"  {CARD_ID.upper()}\n") == CARD_ID
    assert normalize_card_id("3ab8fd17-2fb5-468c-9079-dfb887aacc5") is None
    assert normalize_card_id("\uff13ab8fd17-2fb5-468c-9079-dfb887aacc54") is None
    assert is_card_id(CARD_ID)
    assert not is_card_id(CARD_ID.upper())
