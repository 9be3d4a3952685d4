"""Dashboard passwords, hashed with scrypt (RFC 7914) from the standard library.

Stored form: ``scrypt$<log2 n>$<r>$<p>$<salt, base64url>$<hash, base64url>``, so the cost can be
raised later and old hashes still verify. Verifying an unknown user's password against a fixed
dummy hash keeps the time of a failed login the same whether or not the e-mail exists.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

SCHEME = "scrypt"
LOG2_N = 15
BLOCK_SIZE = 8
PARALLELISM = 1
HASH_BYTES = 32
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _scrypt(password: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    n = 1 << log2_n
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=256 * n * r * p,
        dklen=HASH_BYTES,
    )


def check_new_password(password: str) -> None:
    """ValueError with a message a person can act on, for a password too weak to set."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValueError(f"the password may have at most {MAX_PASSWORD_LENGTH} characters")


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    derived = _scrypt(password, salt, LOG2_N, BLOCK_SIZE, PARALLELISM)
    return f"{SCHEME}${LOG2_N}${BLOCK_SIZE}${PARALLELISM}${_b64(salt)}${_b64(derived)}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches ``stored``; a malformed stored hash never matches."""
    if len(password) > MAX_PASSWORD_LENGTH:
        return False
    try:
        scheme, log2_n, r, p, salt, expected = stored.split("$")
        if scheme != SCHEME:
            return False
        derived = _scrypt(password, _unb64(salt), int(log2_n), int(r), int(p))
        return hmac.compare_digest(derived, _unb64(expected))
    except ValueError:
        return False


DUMMY_HASH = hash_password(secrets.token_urlsafe(16))
"""Verified against when the e-mail is unknown, so that the answer takes as long."""
