"""The card-signing key: an Ed25519 PEM file in the server's home, created on first use (0600)."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.domain.card_code import generate_private_key, private_key_from_text, private_key_to_text


def load_or_create_signing_key(path: Path) -> Ed25519PrivateKey:
    """Read the key at ``path``; create it first when missing.

    Creation writes a private temporary file and links it into place, so processes starting
    together all end up with the one key that won.
    """
    if not path.exists():
        _create(path)
    return private_key_from_text(path.read_text(encoding="ascii"))


def _create(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = private_key_to_text(generate_private_key())
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
