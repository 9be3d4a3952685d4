"""Corrections: what a manager may take back from a card, checked inside the recording transaction.

A correction removes stamps (at most the card's current stamps) and/or one ACTIVE reward
instance of the card, always with a reason; the reason is kept as the events' note in the local
history. A card that is expired, removed or otherwise inactive is not corrected here: the server
would refuse the events.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.policy.ledger import RECORD, CardView, Verdict
from app.policy.rules import INACTIVE_STATUSES

MAX_REASON_LENGTH = 200
ACTIVE = "ACTIVE"


@dataclass(frozen=True, slots=True)
class Correction:
    """A manager's correction of one card: stamps and/or one reward to remove, and why."""

    card_instance_id: str
    reason: str
    remove_stamps: int = 0
    reward_instance_id: str | None = None

    @property
    def clean_reason(self) -> str:
        """The reason as stored: surrounding and repeated white space removed."""
        return " ".join(self.reason.split())


def correction_verdict(
    correction: Correction, card: CardView | None, reward_status: str | None, now: datetime
) -> Verdict:
    """Whether ``correction`` may be recorded at device time ``now``, given the card and the
    current status of its reward.

    ``reward_status`` is the status of the named reward instance on this card as the terminal
    knows it (a local redemption counts), None when the card has no such reward.
    """
    return (
        _reason_refusal(correction)
        or _card_refusal(card, now)
        or _stamps_refusal(correction.remove_stamps, card)
        or _reward_refusal(correction.reward_instance_id, reward_status)
        or RECORD
    )


def _reason_refusal(correction: Correction) -> Verdict | None:
    reason = correction.clean_reason
    if not reason:
        return _refuse(
            "reason_required",
            "Give a reason for the correction — it is kept in the card's history.",
        )
    if len(reason) > MAX_REASON_LENGTH:
        return _refuse(
            "reason_too_long",
            f"The reason is too long — keep it under {MAX_REASON_LENGTH} characters.",
        )
    stamps = correction.remove_stamps
    if stamps < 0 or (stamps == 0 and correction.reward_instance_id is None):
        return _refuse("nothing_to_correct", "Choose the stamps or the reward to remove.")
    return None


def _card_refusal(card: CardView | None, now: datetime) -> Verdict | None:
    if card is None:
        return None
    if card.status.upper() in INACTIVE_STATUSES:
        return _refuse(
            "card_inactive",
            f"This card is {card.status.lower()}, so it cannot be corrected — nothing was changed.",
        )
    if card.expiration is not None and _passed(card.expiration, now):
        return _refuse(
            "card_expired",
            "This card has expired, so it cannot be corrected — nothing was changed.",
        )
    return None


def _stamps_refusal(stamps: int, card: CardView | None) -> Verdict | None:
    have = 0 if card is None else card.stamps
    if stamps <= have:
        return None
    noun = "stamp" if have == 1 else "stamps"
    return _refuse(
        "not_enough_stamps",
        f"This card has {have} {noun} on this terminal, so {stamps} cannot be removed — "
        "nothing was changed. Scan the card again to see its stamps.",
    )


def _reward_refusal(reward_instance_id: str | None, status: str | None) -> Verdict | None:
    if reward_instance_id is None:
        return None
    if status is None:
        return _refuse(
            "unknown_reward",
            "This reward is not on this card on this terminal — nothing was changed. Scan "
            "the card again to see its rewards.",
        )
    if status.upper() != ACTIVE:
        return _refuse(
            "reward_inactive",
            f"This reward is {status.lower()}, so it cannot be removed — nothing was changed.",
        )
    return None


def _passed(moment: datetime, now: datetime) -> bool:
    if (moment.tzinfo is None) != (now.tzinfo is None):
        moment, now = moment.astimezone(), now.astimezone()
    return moment < now


def _refuse(code: str, message: str) -> Verdict:
    return Verdict("refuse", code, message)
