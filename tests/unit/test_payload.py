"""parse_scan: every accepted and refused shape, with real Ed25519 signatures, and fuzzing."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.card_code import card_url, generate_private_key, sign_card_id
from app.domain.scan import Scan, ScanKind
from app.policy.payload import MESSAGES, CardRef, Refusal, parse_scan

CARD_ID = "0131cef8-56e1-461a-b82b-7e220b925481"
OTHER_ID = "4cd8ef60-719a-43bf-8d91-6c8d4be24a2d"
BASE = "https://cards.example.com/shop"
TYPED = (ScanKind.STAMP, ScanKind.WEDGE)
PROPERTY_KEY = generate_private_key()


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return generate_private_key()


@pytest.fixture(scope="module")
def public(key: Ed25519PrivateKey) -> Ed25519PublicKey:
    return key.public_key()


@pytest.fixture(scope="module")
def signed_url(key: Ed25519PrivateKey) -> str:
    return card_url(BASE, CARD_ID, sign_card_id(key, CARD_ID))


def scan(payload: str | bytes | None, kind: ScanKind = ScanKind.QR, tag: str | None = None) -> Scan:
    return Scan(kind=kind, payload=payload, tag_uid=tag)


def refused(result: CardRef | Refusal, code: str) -> bool:
    return isinstance(result, Refusal) and result.code == code


def card(value: str, *, signed: bool, kind: ScanKind) -> CardRef:
    return CardRef("card", value, signed=signed, source_kind=kind)


# --- bare card ids -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(ScanKind))
@pytest.mark.parametrize("text", [CARD_ID, CARD_ID.upper(), f"  {CARD_ID}\r\n", f"\t{CARD_ID} "])
def test_bare_card_id_is_accepted_offline_from_any_source(kind: ScanKind, text: str) -> None:
    assert parse_scan(scan(text, kind)) == card(CARD_ID, signed=False, kind=kind)


def test_bare_card_id_as_utf8_bytes_is_text() -> None:
    assert parse_scan(scan(CARD_ID.encode())) == card(CARD_ID, signed=False, kind=ScanKind.QR)


def test_bare_card_id_with_a_byte_order_mark() -> None:
    assert parse_scan(scan("\ufeff" + CARD_ID)) == card(CARD_ID, signed=False, kind=ScanKind.QR)


def test_bare_card_id_is_refused_when_signed_codes_are_required(public: Ed25519PublicKey) -> None:
    result = parse_scan(scan(CARD_ID), require_signed=True, public_key=public)
    assert refused(result, "unsigned_code")


def test_bare_id_with_signature_is_verified(
    key: Ed25519PrivateKey, public: Ed25519PublicKey
) -> None:
    text = f"{CARD_ID}.{sign_card_id(key, CARD_ID)}"
    assert parse_scan(scan(text), public_key=public) == card(CARD_ID, signed=True, kind=ScanKind.QR)


# --- card URLs -----------------------------------------------------------------------------


def test_signed_url_with_known_key_is_signed(signed_url: str, public: Ed25519PublicKey) -> None:
    expected = card(CARD_ID, signed=True, kind=ScanKind.QR)
    assert parse_scan(scan(signed_url), public_key=public) == expected
    assert parse_scan(scan(signed_url), require_signed=True, public_key=public) == expected


def test_signed_url_without_a_key_is_accepted_unsigned(signed_url: str) -> None:
    assert parse_scan(scan(signed_url)) == card(CARD_ID, signed=False, kind=ScanKind.QR)


def test_signed_url_without_a_key_is_refused_when_signatures_are_required(signed_url: str) -> None:
    result = parse_scan(scan(signed_url), require_signed=True)
    assert refused(result, "no_signing_key")


@pytest.mark.parametrize(
    "url",
    [
        f"https://cards.example.com/c/{CARD_ID}",
        f"http://localhost:8000/c/{CARD_ID}",
        f"HTTPS://Cards.Example.com/a/b/c/{CARD_ID.upper()}",
        f"https://cards.example.com/c/{CARD_ID}/",
        f"https://cards.example.com/c/{CARD_ID}?utm_source=qr&x=1",
        f"https://cards.example.com/c/{CARD_ID}#top",
        f"https://192.168.1.5/c/{CARD_ID}",
    ],
)
def test_unsigned_card_urls_are_accepted(url: str) -> None:
    assert parse_scan(scan(url)) == card(CARD_ID, signed=False, kind=ScanKind.QR)


def test_unsigned_url_is_refused_when_signed_codes_are_required(public: Ed25519PublicKey) -> None:
    result = parse_scan(scan(f"{BASE}/c/{CARD_ID}"), require_signed=True, public_key=public)
    assert refused(result, "unsigned_code")


def test_signed_url_keeps_its_signature_through_query_and_fragment(
    signed_url: str, public: Ed25519PublicKey
) -> None:
    result = parse_scan(scan(signed_url + "?ref=qr#x"), public_key=public)
    assert result == card(CARD_ID, signed=True, kind=ScanKind.QR)


def test_tampered_signature_is_refused(signed_url: str, public: Ed25519PublicKey) -> None:
    flipped = "A" if signed_url[-5] != "A" else "B"
    tampered = signed_url[:-5] + flipped + signed_url[-4:]
    result = parse_scan(scan(tampered), public_key=public)
    assert refused(result, "bad_signature")
    assert isinstance(result, Refusal)
    assert result.message == MESSAGES["bad_signature"]


def test_signature_from_another_key_is_refused(public: Ed25519PublicKey) -> None:
    forged = card_url(BASE, CARD_ID, sign_card_id(generate_private_key(), CARD_ID))
    assert refused(parse_scan(scan(forged), public_key=public), "bad_signature")


def test_signature_of_another_card_is_refused(
    key: Ed25519PrivateKey, public: Ed25519PublicKey
) -> None:
    swapped = card_url(BASE, OTHER_ID, sign_card_id(key, CARD_ID))
    assert refused(parse_scan(scan(swapped), public_key=public), "bad_signature")


def test_uppercased_signed_url_still_verifies(
    key: Ed25519PrivateKey, public: Ed25519PublicKey
) -> None:
    url = card_url(BASE, CARD_ID.upper(), sign_card_id(key, CARD_ID))
    assert parse_scan(scan(url), public_key=public) == card(CARD_ID, signed=True, kind=ScanKind.QR)


def test_malformed_signature_with_a_key_is_bad_signature(public: Ed25519PublicKey) -> None:
    result = parse_scan(scan(f"{BASE}/c/{CARD_ID}.abc"), public_key=public)
    assert refused(result, "bad_signature")


# --- NFC -----------------------------------------------------------------------------------


def test_nfc_uri_record_with_signed_url(signed_url: str, public: Ed25519PublicKey) -> None:
    result = parse_scan(scan(signed_url, ScanKind.NFC, "04A1B2C3D4E5F6"), public_key=public)
    assert result == card(CARD_ID, signed=True, kind=ScanKind.NFC)


@pytest.mark.parametrize("text", [CARD_ID, f"{BASE}/c/{CARD_ID}"])
def test_nfc_text_record_with_bare_id_or_url(text: str) -> None:
    assert parse_scan(scan(text, ScanKind.NFC)) == card(CARD_ID, signed=False, kind=ScanKind.NFC)


@pytest.mark.parametrize("payload", [None, "", "  ", b"", b"\xff\xfe\x00", "https://nxp.com/"])
def test_nfc_without_a_card_code_falls_back_to_the_tag_uid(payload: str | bytes | None) -> None:
    result = parse_scan(scan(payload, ScanKind.NFC, "04:a1:b2:c3:d4:e5:f6"))
    assert result == CardRef("tag", "04A1B2C3D4E5F6", signed=False, source_kind=ScanKind.NFC)


@pytest.mark.parametrize("uid", ["04a1b2c3", "04-A1-B2-C3-D4-E5-F6", "0102030405060708"])
def test_tag_uids_are_normalised(uid: str) -> None:
    result = parse_scan(scan(None, ScanKind.NFC, uid))
    assert isinstance(result, CardRef)
    assert result.kind == "tag"
    assert result.value == uid.replace(":", "").replace("-", "").upper()


@pytest.mark.parametrize("uid", ["", "zz11zz11", "04A1B", "04", "0" * 80])
def test_unreadable_tag_uid_is_refused(uid: str) -> None:
    assert refused(parse_scan(scan(None, ScanKind.NFC, uid)), "unreadable_tag")


def test_nfc_with_a_bad_signature_does_not_fall_back_to_the_uid(public: Ed25519PublicKey) -> None:
    forged = card_url(BASE, CARD_ID, sign_card_id(generate_private_key(), CARD_ID))
    result = parse_scan(scan(forged, ScanKind.NFC, "04A1B2C3"), public_key=public)
    assert refused(result, "bad_signature")


def test_nfc_unsigned_code_is_refused_when_signatures_are_required() -> None:
    result = parse_scan(scan(CARD_ID, ScanKind.NFC, "04A1B2C3"), require_signed=True)
    assert refused(result, "unsigned_code")


def test_nfc_without_payload_or_uid() -> None:
    assert refused(parse_scan(scan(None, ScanKind.NFC)), "empty")
    result = parse_scan(scan("https://nxp.com/", ScanKind.NFC))
    assert refused(result, "not_a_card")
    assert isinstance(result, Refusal)
    assert result.message.startswith("This tag is not a loyalty card")


def test_nfc_oversized_payload_is_refused_even_with_a_uid() -> None:
    assert refused(parse_scan(scan("x" * 3000, ScanKind.NFC, "04A1B2C3")), "too_large")


# --- typed entries and phone numbers -------------------------------------------------------


@pytest.mark.parametrize("kind", TYPED)
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("+49 170 1234567", "+491701234567"),
        ("(030) 123-45.67", "0301234567"),
        ("1234567", "1234567"),
        ("+123456789012345", "+123456789012345"),
        (" 0170-123 4567\n", "01701234567"),
    ],
)
def test_phone_numbers_are_accepted_from_typed_entries(
    kind: ScanKind, text: str, value: str
) -> None:
    assert parse_scan(scan(text, kind)) == CardRef("phone", value, signed=False, source_kind=kind)


@pytest.mark.parametrize("kind", TYPED)
@pytest.mark.parametrize("text", ["123456", "1234567890123456", "12+34567890", "+12 34", "(---)1"])
def test_phone_numbers_of_the_wrong_shape_are_refused(kind: ScanKind, text: str) -> None:
    assert refused(parse_scan(scan(text, kind)), "bad_phone")


@pytest.mark.parametrize("kind", [ScanKind.QR, ScanKind.NFC])
def test_phone_numbers_are_not_accepted_from_qr_or_nfc(kind: ScanKind) -> None:
    assert refused(parse_scan(scan("+49 170 1234567", kind)), "not_a_card")


def test_typed_card_url_is_accepted(signed_url: str, public: Ed25519PublicKey) -> None:
    result = parse_scan(scan(signed_url, ScanKind.WEDGE), public_key=public)
    assert result == card(CARD_ID, signed=True, kind=ScanKind.WEDGE)


def test_typed_text_that_is_neither_card_nor_phone() -> None:
    result = parse_scan(scan("hello", ScanKind.STAMP))
    assert refused(result, "not_a_card")
    assert isinstance(result, Refusal)
    assert "phone number" in result.message


def test_unicode_digits_are_not_a_phone_number() -> None:
    assert refused(parse_scan(scan("\u0661" * 9, ScanKind.STAMP)), "not_a_card")


# --- refusals --------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", [None, "", "   ", "\r\n\t", b"", b"  \n"])
def test_empty_payloads_are_refused(payload: str | bytes | None) -> None:
    assert refused(parse_scan(scan(payload)), "empty")


@pytest.mark.parametrize(
    "payload",
    [
        "x" * 2049,
        b"x" * 2049,
        "\u20ac" * 700,  # 2100 UTF-8 bytes in 700 characters
        CARD_ID + " " * 3000,
    ],
)
def test_oversized_payloads_are_refused(payload: str | bytes) -> None:
    assert refused(parse_scan(scan(payload, ScanKind.STAMP)), "too_large")


def test_size_limit_is_configurable_and_inclusive() -> None:
    assert isinstance(parse_scan(scan(CARD_ID), max_bytes=len(CARD_ID)), CardRef)
    assert refused(parse_scan(scan(CARD_ID), max_bytes=len(CARD_ID) - 1), "too_large")


@pytest.mark.parametrize(
    "payload",
    [
        b"\xff\xd8\xff\xe0",
        b"\x80abc",
        "abc\x00def",
        f"{CARD_ID}\x1b",
        "\x07",
        "bad \ud800 surrogate",
        "del\x7f",
    ],
)
def test_binary_payloads_are_refused(payload: str | bytes) -> None:
    assert refused(parse_scan(scan(payload)), "binary")


@pytest.mark.parametrize(
    "payload",
    [
        "https://example.com/",
        "https://example.com/c/not-a-uuid",
        f"https://example.com/x/{CARD_ID}",
        f"ftp://example.com/c/{CARD_ID}",
        f"javascript:alert(1)//c/{CARD_ID}",
        f"https://example.com/c/{CARD_ID}/extra",
        f"https://example.com/c/{CARD_ID}.sig.more",
        f"/c/{CARD_ID}",
        "WIFI:T:WPA;S:ShopGuest;P:secret123;;",
        "BCD\n002\n1\nSCT\nBIC\nShop\nDE89370400440532013000\nEUR12.50",
        "00020101021129370016A000000677010111011300669900000005802TH5303764540510.006304ABCD",
        "hello world",
        f"{CARD_ID} {OTHER_ID}",
        f"{CARD_ID}x",
        "3ab8fd17-2fb5-468c-9079-dfb887aacc5",
    ],
)
def test_foreign_content_is_not_a_card(payload: str) -> None:
    result = parse_scan(scan(payload))
    assert isinstance(result, Refusal)
    assert result.code == "not_a_card"
    assert result.message.startswith("This QR code is not a loyalty card")


def test_every_refusal_message_is_one_sentence() -> None:
    for code, message in MESSAGES.items():
        assert code.islower()
        assert message.endswith(".")
        assert message.count(". ") == 0, code


def test_unknown_scan_kind_is_handled_like_a_qr_code() -> None:
    odd = Scan(kind="SOMETHING", payload=CARD_ID)  # type: ignore[arg-type]
    assert parse_scan(odd) == card(CARD_ID, signed=False, kind=ScanKind.QR)
    assert refused(parse_scan(Scan(kind="SOMETHING", payload="1234567")), "not_a_card")  # type: ignore[arg-type]


def test_non_text_payload_objects_are_binary() -> None:
    assert refused(parse_scan(Scan(kind=ScanKind.QR, payload=12345)), "binary")  # type: ignore[arg-type]


# --- property-based -----------------------------------------------------------------------

uids = st.one_of(
    st.none(),
    st.text(max_size=80),
    st.binary(min_size=4, max_size=10).map(lambda b: b.hex()),
)
urls = st.builds(
    lambda scheme, host, path, tail: f"{scheme}://{host}/{path}{tail}",
    st.sampled_from(["http", "https", "HTTP", "ftp", ""]),
    st.from_regex(r"[a-z0-9.-]{1,30}", fullmatch=True),
    st.sampled_from(["c/", "x/c/", "c", ""]),
    st.one_of(
        st.uuids().map(str),
        st.text(max_size=200),
        st.builds(
            lambda u, s: f"{u}.{s}",
            st.uuids().map(str),
            st.from_regex(r"[A-Za-z0-9_-]{0,100}", fullmatch=True),
        ),
    ),
)
payloads = st.one_of(st.none(), st.text(max_size=3000), st.binary(max_size=3000), urls)


@settings(deadline=None, max_examples=300)
@given(
    payload=payloads,
    kind=st.sampled_from(list(ScanKind)),
    uid=uids,
    require_signed=st.booleans(),
    with_key=st.booleans(),
)
def test_parse_scan_never_raises(
    payload: str | bytes | None,
    kind: ScanKind,
    uid: str | None,
    require_signed: bool,
    with_key: bool,
) -> None:
    public = PROPERTY_KEY.public_key() if with_key else None
    result = parse_scan(
        Scan(kind=kind, payload=payload, tag_uid=uid),
        require_signed=require_signed,
        public_key=public,
    )
    assert isinstance(result, CardRef | Refusal)
    if isinstance(payload, str):
        payload = payload.encode("utf-8", "surrogatepass")
    if payload is not None and len(payload) > 2048:
        assert refused(result, "too_large")
    if isinstance(result, Refusal):
        assert result.message
    elif result.kind == "card":
        assert len(result.value) == 36
        assert result.value == result.value.lower()
        assert not result.signed or with_key
        assert result.signed or not require_signed
    elif result.kind == "phone":
        assert kind in TYPED
    else:
        assert kind is ScanKind.NFC


@settings(deadline=None, max_examples=200)
@given(
    card_id=st.uuids().map(str),
    base=st.sampled_from([BASE, "http://localhost:8000", "https://a.b/"]),
)
def test_every_issued_card_url_parses_back_signed(card_id: str, base: str) -> None:
    url = card_url(base, card_id, sign_card_id(PROPERTY_KEY, card_id))
    result = parse_scan(scan(url), require_signed=True, public_key=PROPERTY_KEY.public_key())
    assert result == card(card_id, signed=True, kind=ScanKind.QR)


@settings(deadline=None, max_examples=100)
@given(extra=st.text(min_size=2049, max_size=2100))
def test_anything_over_two_kilobytes_is_too_large(extra: str) -> None:
    for kind in ScanKind:
        assert refused(parse_scan(scan(extra, kind, "04A1B2C3")), "too_large")
