"""Telling a barcode scanner's typing from a person's: fast bursts that end with Enter."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_GAP_SECONDS = 0.05
MIN_LENGTH = 4
MAX_LENGTH = 2048


@dataclass
class BurstDetector:
    """Collects characters typed less than ``max_gap`` apart; Enter ends a burst."""

    max_gap: float = MAX_GAP_SECONDS
    min_length: int = MIN_LENGTH
    chars: list[str] = field(default_factory=list)
    last: float | None = None

    def key(self, char: str, now: float) -> None:
        """A printable character arrived at ``now`` (seconds, monotonic)."""
        if self.last is not None and now - self.last > self.max_gap:
            self.chars.clear()
        if len(self.chars) < MAX_LENGTH:
            self.chars.append(char)
        self.last = now

    def enter(self, now: float) -> str | None:
        """Enter arrived: the burst's text if it was one, else None (a person typing)."""
        fast = self.last is not None and now - self.last <= self.max_gap
        text = "".join(self.chars)
        self.chars.clear()
        self.last = None
        return text if fast and len(text) >= self.min_length else None
