"""Offline limits on stamping and redeeming, checked inside the recording transaction.

Each ``*_guard`` function returns a guard: a callable that the outbox runs against the committed
local events (a ``LedgerView``) inside the same transaction that records the new events, so two
scans can never both pass a limit that only one of them may pass.

Always refused: a count outside 1..``max_stamps_per_visit``, the same card again within
``debounce_seconds``, a card known to be inactive or expired. The cooldown between visits and the
per-day cap follow ``limit_action``: ``refuse`` stores nothing, ``review`` records the stamps
held for a manager. Offline redemption is refused unless ``offline_redemption`` is on, and then
allowed once per card until the terminal has synced.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from typing import Literal

from app.policy.ledger import RECORD, CardView, LedgerView, Verdict

Guard = Callable[[LedgerView], Verdict]
LimitAction = Literal["refuse", "review"]

INACTIVE_STATUSES = frozenset({"EXPIRED", "DELETED", "REDEEMED"})


@dataclass(frozen=True, slots=True)
class PolicySettings:
    """The shop's scan policy; 0 turns ``cooldown_seconds`` and ``max_stamps_per_day`` off."""

    debounce_seconds: float = 3.0
    max_stamps_per_visit: int = 10
    cooldown_seconds: float = 0.0
    max_stamps_per_day: int = 0
    limit_action: LimitAction = "refuse"
    offline_redemption: bool = False
    require_signed_codes: bool = False

    def __post_init__(self) -> None:
        _check_seconds("debounce_seconds", self.debounce_seconds)
        _check_seconds("cooldown_seconds", self.cooldown_seconds)
        _check_count("max_stamps_per_visit", self.max_stamps_per_visit, minimum=1)
        _check_count("max_stamps_per_day", self.max_stamps_per_day, minimum=0)
        if self.limit_action not in ("refuse", "review"):
            raise ValueError(
                f"limit_action must be 'refuse' or 'review', not {self.limit_action!r}."
            )
        _check_flag("offline_redemption", self.offline_redemption)
        _check_flag("require_signed_codes", self.require_signed_codes)


def stamp_guard(
    settings: PolicySettings, card_instance_id: str, count: int, now: datetime
) -> Guard:
    """The guard for adding ``count`` stamps to a card in one visit at device time ``now``."""

    def guard(ledger: LedgerView) -> Verdict:
        refused = count_refusal(settings, count)
        if refused is not None:
            return refused
        last = ledger.last_stamp_time(card_instance_id)
        elapsed = None if last is None else abs(_seconds_between(last, now))
        if elapsed is not None and elapsed < settings.debounce_seconds:
            return Verdict("refuse", "duplicate_scan", _duplicate_message(elapsed))
        return (
            _inactive_card(ledger.card(card_instance_id), now)
            or _cooldown(settings, elapsed)
            or _daily_limit(settings, ledger, card_instance_id, count, now)
            or RECORD
        )

    return guard


def redeem_guard(
    settings: PolicySettings,
    card_instance_id: str,
    reward_instance_id: str,
    *,
    online: bool,
    now: datetime,
) -> Guard:
    """The guard for redeeming a reward; offline it follows the shop's opt-in policy."""
    if not reward_instance_id:
        raise ValueError("reward_instance_id is required to redeem a reward.")

    def guard(ledger: LedgerView) -> Verdict:
        if online:
            return RECORD
        if not settings.offline_redemption:
            return Verdict(
                "refuse",
                "offline_redemption_off",
                "Rewards can only be redeemed while the terminal is online — reconnect it, or a "
                "manager can allow offline redemption in the settings.",
            )
        inactive = _inactive_card(ledger.card(card_instance_id), now)
        if inactive is not None:
            return inactive
        if ledger.unsynced_redemptions(card_instance_id) >= 1:
            return Verdict(
                "refuse",
                "offline_redemption_limit",
                "This card already has a reward redeemed offline on this terminal — reconnect "
                "to the server before redeeming another one.",
            )
        return RECORD

    return guard


def start_of_local_day(now: datetime) -> datetime:
    """Midnight of ``now``'s calendar day on the device (local time when ``now`` is aware)."""
    if now.tzinfo is None:
        return datetime.combine(now.date(), time())
    return datetime.combine(now.astimezone().date(), time()).astimezone()


def count_refusal(settings: PolicySettings, count: int) -> Verdict | None:
    """The refusal of a stamp count outside 1..max_stamps_per_visit, or None when it is fine."""
    if count < 1:
        return Verdict("refuse", "bad_count", "Choose at least one stamp to add.")
    if count > settings.max_stamps_per_visit:
        return Verdict(
            "refuse",
            "too_many_stamps",
            f"At most {settings.max_stamps_per_visit} stamps can be added in one visit — "
            "lower the number and scan again.",
        )
    return None


def _cooldown(settings: PolicySettings, elapsed: float | None) -> Verdict | None:
    if elapsed is None or elapsed >= settings.cooldown_seconds:
        return None
    return _limit(
        settings,
        "cooldown",
        f"This card was stamped {_duration(elapsed)} ago and the shop allows one visit "
        f"every {_duration(settings.cooldown_seconds)}",
    )


def _daily_limit(
    settings: PolicySettings, ledger: LedgerView, card_instance_id: str, count: int, now: datetime
) -> Verdict | None:
    cap = settings.max_stamps_per_day
    if cap == 0:
        return None
    today = ledger.stamps_since(card_instance_id, start_of_local_day(now))
    if today + count <= cap:
        return None
    stamps = "stamp" if count == 1 else "stamps"
    return _limit(
        settings,
        "daily_limit",
        f"Adding {count} {stamps} would take this card past the limit of {cap} a day "
        f"({today} already today)",
    )


def _inactive_card(card: CardView | None, now: datetime) -> Verdict | None:
    if card is None:
        return None
    if card.status.upper() in INACTIVE_STATUSES:
        return Verdict(
            "refuse",
            "card_inactive",
            f"This card is {card.status.lower()} and takes no more stamps or rewards — ask the "
            "customer to open their current card.",
        )
    if card.expiration is not None and _seconds_between(card.expiration, now) > 0:
        return Verdict(
            "refuse",
            "card_expired",
            "This card has expired and takes no more stamps or rewards — ask the customer to "
            "open their current card.",
        )
    return None


def _limit(settings: PolicySettings, code: str, reason: str) -> Verdict:
    if settings.limit_action == "review":
        return Verdict(
            "review", code, f"{reason}, so the visit is recorded but held for a manager to review."
        )
    return Verdict("refuse", code, f"{reason}, so nothing is counted.")


def _duplicate_message(elapsed: float) -> str:
    if elapsed < 1:
        return "Already stamped just now — not counted twice."
    return f"Already stamped {int(elapsed)} s ago — not counted twice."


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{int(seconds)} s"
    if seconds < 7200:
        return f"{int(seconds // 60)} min"
    return f"{int(seconds // 3600)} h"


def _seconds_between(earlier: datetime, later: datetime) -> float:
    """``later - earlier`` in seconds; a naive time is taken as device local time."""
    if (earlier.tzinfo is None) != (later.tzinfo is None):
        earlier, later = earlier.astimezone(), later.astimezone()
    return (later - earlier).total_seconds()


def _check_seconds(name: str, value: object) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < 0
    ):
        raise ValueError(f"{name} must be a number of seconds, 0 or more, not {value!r}.")


def _check_count(name: str, value: object, *, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name} must be a whole number, {minimum} or more, not {value!r}.")


def _check_flag(name: str, value: object) -> None:
    if isinstance(value, bool):
        return
    raise ValueError(f"{name} must be true or false, not {value!r}.")
