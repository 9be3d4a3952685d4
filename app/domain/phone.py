"""Phone numbers as lookup keys."""

from __future__ import annotations


def phone_key(text: str) -> str:
    """The digits of a phone number, so ``+1 123-4567`` and ``11234567`` find the same member."""
    return "".join(ch for ch in text if ch.isascii() and ch.isdigit())
