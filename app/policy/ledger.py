"""What the scan policy may ask of the local ledger, inside the recording transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class CardView:
    """The terminal's local picture of one card instance (last known from the server + local)."""

    card_instance_id: str
    stamp_card_id: str | None
    stamps: int  # last known from the server plus local changes not yet confirmed
    total_stamps: int | None  # the reward threshold when known
    status: str  # ACTIVE, REDEEMED, DELETED, EXPIRED, or UNKNOWN for a card never seen online
    expiration: datetime | None


class LedgerView(Protocol):
    """Read-only queries over committed local events, answered inside one transaction."""

    def last_stamp_time(self, card_instance_id: str) -> datetime | None:
        """Device time of the newest STAMP event of this card that is not rejected."""
        ...

    def stamps_since(self, card_instance_id: str, since: datetime) -> int:
        """Number of STAMP events of this card (pending, sent or review) at or after ``since``."""
        ...

    def unsynced_redemptions(self, card_instance_id: str) -> int:
        """REDEEM events of this card recorded by this terminal and not yet sent."""
        ...

    def card(self, card_instance_id: str) -> CardView | None:
        """The local projection of a card, if the terminal knows it."""
        ...


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the policy decided about a set of events, inside the recording transaction.

    ``action`` is ``record`` (store as pending), ``review`` (store, held for a manager) or
    ``refuse`` (store nothing). ``code`` is a stable machine-readable reason and ``message`` the
    sentence shown at the counter.
    """

    action: str
    code: str | None = None
    message: str | None = None

    @property
    def refused(self) -> bool:
        return self.action == "refuse"


RECORD = Verdict("record")
