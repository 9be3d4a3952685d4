"""The manager PIN: stored as a salted scrypt hash, checked with a lockout after wrong tries.

The configuration key ``manager_pin`` holds ``scrypt$<salt base64>$<hash base64>``, never the
digits; ``stamp-terminal config set manager_pin 1234`` writes it (see :func:`hash_pin`).
:class:`PinChecker` answers whether manager actions are possible at all (a PIN is set and the
pad is not locked), checks a PIN against the hash, and counts wrong PINs in a row: after
``MAX_WRONG`` of them the pad is locked for ``LOCKOUT_SECONDS``. No Qt here; checking a PIN
costs a fraction of a second of CPU, so the kiosk runs :meth:`PinChecker.matches` on a worker
thread. Neither the PIN nor its hash appear in a repr or a message.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

SCHEME = "scrypt"
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
HASH_BYTES = 32
SALT_BYTES = 16
MIN_DIGITS = 4
MAX_DIGITS = 8
MAX_WRONG = 5
LOCKOUT_SECONDS = 60.0

SET_COMMAND = f"stamp-terminal config set manager_pin <{MIN_DIGITS} to {MAX_DIGITS} digits>"
NOT_SET_MESSAGE = (
    "No manager PIN is set on this terminal, so manager actions are switched off. "
    f"Set one with: {SET_COMMAND} — then restart the kiosk."
)
NOT_A_HASH_MESSAGE = (
    "The manager PIN in the configuration is not a stored PIN, so manager actions are switched "
    f"off. Set it again with: {SET_COMMAND} — then restart the kiosk."
)


def pin_problem(pin: str) -> str | None:
    """Why ``pin`` cannot be a manager PIN, or None when it can."""
    if not (pin.isascii() and pin.isdigit()) or not MIN_DIGITS <= len(pin) <= MAX_DIGITS:
        return f"The manager PIN must be {MIN_DIGITS} to {MAX_DIGITS} digits (0-9)."
    return None


def _derive(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(
        pin.encode("ascii"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=HASH_BYTES
    )


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """The text stored for ``pin``: ``scrypt$<salt>$<hash>`` with a fresh random salt."""
    problem = pin_problem(pin)
    if problem is not None:
        raise ValueError(problem)
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    digest = _derive(pin, salt)
    return "$".join((SCHEME, _b64(salt), _b64(digest)))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def parse_hash(stored: str) -> tuple[bytes, bytes] | None:
    """(salt, hash) of a stored PIN, or None when ``stored`` is not one."""
    parts = stored.strip().split("$")
    if len(parts) != 3 or parts[0] != SCHEME:
        return None
    try:
        salt = base64.b64decode(parts[1], validate=True)
        digest = base64.b64decode(parts[2], validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(salt) < 8 or len(digest) != HASH_BYTES:
        return None
    return salt, digest


def is_pin_hash(stored: str) -> bool:
    """Whether ``stored`` is a PIN hash as :func:`hash_pin` writes it."""
    return parse_hash(stored) is not None


def verify_pin(stored: str, pin: str) -> bool:
    """Whether ``pin`` is the PIN behind ``stored`` (False when ``stored`` is no PIN hash)."""
    parsed = parse_hash(stored)
    if parsed is None or pin_problem(pin) is not None:
        return False
    salt, digest = parsed
    return hmac.compare_digest(_derive(pin, salt), digest)


@dataclass(frozen=True, slots=True)
class PinCheck:
    """The outcome of one PIN entry: granted, or the message to show."""

    granted: bool
    message: str = ""


class PinChecker:
    """Checks PINs against the configured hash and locks after ``max_wrong`` wrong ones."""

    def __init__(
        self,
        stored: str,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_wrong: int = MAX_WRONG,
        lockout_seconds: float = LOCKOUT_SECONDS,
    ) -> None:
        self._stored = stored.strip()
        self._clock = clock
        self._max_wrong = max_wrong
        self._lockout = lockout_seconds
        self._wrong = 0
        self._locked_until: float | None = None

    def __repr__(self) -> str:
        return f"PinChecker(set={self.configured}, locked={self.locked_seconds() > 0})"

    @property
    def configured(self) -> bool:
        """Whether a usable PIN hash is configured."""
        return is_pin_hash(self._stored)

    def locked_seconds(self) -> int:
        """Whole seconds (rounded up) until the pad unlocks; 0 when it is not locked."""
        if self._locked_until is None:
            return 0
        left = self._locked_until - self._clock()
        if left <= 0:
            self._locked_until = None
            return 0
        return math.ceil(left)

    def refusal(self) -> str | None:
        """Why no PIN can be checked now (none set, or locked), or None when one can."""
        if not self._stored:
            return NOT_SET_MESSAGE
        if not self.configured:
            return NOT_A_HASH_MESSAGE
        seconds = self.locked_seconds()
        if seconds:
            return locked_message(seconds)
        return None

    def matches(self, pin: str) -> bool:
        """Whether ``pin`` is the configured PIN; slow on purpose, counts nothing."""
        return verify_pin(self._stored, pin)

    def register(self, matched: bool) -> PinCheck:
        """Count the result of :meth:`matches`: a right PIN clears the wrong ones in a row."""
        refusal = self.refusal()
        if refusal is not None:
            return PinCheck(False, refusal)
        if matched:
            self._wrong = 0
            return PinCheck(True)
        self._wrong += 1
        if self._wrong >= self._max_wrong:
            self._wrong = 0
            self._locked_until = self._clock() + self._lockout
            return PinCheck(False, locked_message(self.locked_seconds(), wrong=self._max_wrong))
        left = self._max_wrong - self._wrong
        tries = "try" if left == 1 else "tries"
        return PinCheck(
            False,
            f"Wrong PIN — nothing was changed. {left} more wrong {tries} lock the pad for "
            f"{_duration(self._lockout)}.",
        )

    def check(self, pin: str) -> PinCheck:
        """:meth:`matches` and :meth:`register` in one call, on the calling thread."""
        refusal = self.refusal()
        if refusal is not None:
            return PinCheck(False, refusal)
        return self.register(self.matches(pin))


def locked_message(seconds: int, *, wrong: int | None = None) -> str:
    """The message of a locked pad, saying how long it stays locked."""
    lead = "Too many wrong PINs" if wrong is None else f"{wrong} wrong PINs in a row"
    return (
        f"{lead} — the PIN pad is locked for {_duration(seconds)}. "
        "Try again after that, or ask the manager."
    )


def _duration(seconds: float) -> str:
    whole = math.ceil(seconds)
    return f"{whole} s" if whole < 120 else f"{math.ceil(whole / 60)} min"
