"""One-shot reads and writes for ``stamp-terminal nfc read`` and ``nfc write``.

``write_url`` issues a card: it writes the card URL as an NDEF URI record onto a blank NTAG21x
and reads it back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hardware.nfc.errors import NdefDecodeError, NfcTagError, NfcWriteError
from hardware.nfc.frontend import DEFAULT_TARGETS, Frontend
from hardware.nfc.tag import TagHandle
from hardware.nfc.tagread import decode_message, read_tag, uri_message

HOLD_STILL = "Hold the tag still on the reader until it is done, then try again."


def read_one(
    uri: str, timeout: float = 10.0, *, targets: Sequence[str] = DEFAULT_TARGETS
) -> dict[str, Any] | None:
    """Wait up to ``timeout`` seconds for one tag and return what it holds; None if none came.

    Raises ``NfcDeviceError`` when the reader cannot be opened or stops answering.
    """
    frontend = Frontend.open(uri)
    try:
        tag = frontend.first_tag(targets, timeout)
        return None if tag is None else read_tag(tag).as_dict()
    finally:
        frontend.close()


def write_url(
    uri: str,
    url: str,
    timeout: float = 10.0,
    *,
    targets: Sequence[str] = DEFAULT_TARGETS,
    overwrite: bool = False,
) -> dict[str, Any]:
    """Write ``url`` onto the first NTAG21x presented within ``timeout`` s and verify it.

    A tag already holding another NDEF message (another customer's card?) is refused unless
    ``overwrite``. Raises ``NfcWriteError`` (with a ``reason`` code) when no tag came, the tag was
    refused or the write failed, ``NfcDeviceError`` when the reader cannot be used.
    """
    if not url.strip():
        raise NfcWriteError("bad_url", "The card URL is empty.")
    octets = uri_message(url)
    frontend = Frontend.open(uri)
    try:
        tag = frontend.first_tag(targets, timeout)
        if tag is None:
            raise NfcWriteError("no_tag", f"No tag was presented within {timeout:g} s.")
        return _issue(tag, url, octets, overwrite)
    finally:
        frontend.close()


def write_url_on_tag(tag: TagHandle, url: str, *, overwrite: bool = False) -> dict[str, Any]:
    """Write ``url`` onto a tag already activated and verify it, with the checks of
    :func:`write_url`; for a reader thread that holds the tag in its own polling loop."""
    if not url.strip():
        raise NfcWriteError("bad_url", "The card URL is empty.")
    return _issue(tag, url, uri_message(url), overwrite)


def _product(tag: TagHandle) -> str:
    """``a FeliCa Lite-S (RC-S966)``, or ``an NFC Forum Type 3 tag`` when nfcpy knows no product."""
    if tag.product != tag.type:
        return f"a {tag.product}"
    return f"an NFC Forum {tag.type.removesuffix('Tag').replace('Type', 'Type ')} tag"


def _summary(octets: bytes) -> str:
    """What a tag holds, short: its payload text or a byte count."""
    try:
        payload = decode_message(octets).payload
    except NdefDecodeError:
        payload = None
    return repr(payload) if payload else f"{len(octets)} bytes of NDEF data"


def _issue(tag: TagHandle, url: str, octets: bytes, overwrite: bool) -> dict[str, Any]:
    if not tag.is_ntag21x:
        raise NfcWriteError(
            "unsupported",
            f"This tag is {_product(tag)}; cards are issued on NXP NTAG213, NTAG215 or NTAG216 "
            "tags and key fobs only.",
        )
    try:
        area = tag.read_ndef()
        if area is None:
            raise NfcWriteError(
                "not_formatted",
                f"This {tag.product} is not formatted for NDEF (no capability container); use a "
                "factory-formatted blank tag.",
            )
        if not area.writeable or tag.lock_bits_set():
            raise NfcWriteError(
                "locked",
                f"This {tag.product} is locked (read-only) and cannot be written; use a blank, "
                "unlocked tag.",
            )
        if area.octets not in (b"", octets) and not overwrite:
            raise NfcWriteError(
                "not_blank",
                f"This {tag.product} already holds data ({_summary(area.octets)}); use a blank "
                "tag, or overwrite it on purpose.",
            )
        if len(octets) > area.capacity:
            raise NfcWriteError(
                "too_small",
                f"The card URL needs {len(octets)} bytes but this {tag.product} holds only "
                f"{area.capacity}; use an NTAG215 or NTAG216 tag.",
            )
        tag.write_ndef(octets)
        verified = tag.ndef_unchanged()
        written = tag.read_ndef()
    except NfcTagError as exc:
        raise NfcWriteError("write_failed", f"{exc.message} {HOLD_STILL}") from exc
    if not verified or written is None or written.octets != octets:
        raise NfcWriteError("verify_failed", f"The tag did not read back the URL. {HOLD_STILL}")
    try:
        payload = decode_message(written.octets).payload
    except NdefDecodeError as exc:
        raise NfcWriteError("verify_failed", f"{exc.message} {HOLD_STILL}") from exc
    if payload != url:
        raise NfcWriteError("verify_failed", f"The tag read back {payload!r}. {HOLD_STILL}")
    return {
        "uid": tag.uid,
        "type": tag.type,
        "product": tag.product,
        "url": url,
        "bytes": len(octets),
        "capacity": area.capacity,
        "verified": True,
    }
