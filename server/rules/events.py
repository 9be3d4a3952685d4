"""What one reported event does to a card, decided in memory (no database access here).

- STAMP adds the ``awardStamps`` of the stamp named by ``stampValue`` (absent: the stamp card's
  first active STAMP stamp; no such stamp: 1). Each reward whose ``threshold`` the count reaches
  is earned (a new ACTIVE reward instance); on reaching the stamp card's ``stampCount`` (its
  largest threshold) the count carries over: ``currentStamps -= stampCount``.
- REDEEM marks an ACTIVE reward instance REDEEMED; REMOVE_REWARD marks it DELETED.
- REMOVE_STAMP takes one stamp off, never below 0.
- REWARD is written by the server only. Expired cards and rewards (by server time) refuse events.
- Anti-fraud per stamp card: a STAMP less than ``cooldown_seconds`` (by event time) away from
  another visit's STAMP on the card, or one that takes the card over ``max_stamps_per_day`` on
  the event's calendar day (at the event's own UTC offset), is refused with 33003. Stamps with
  the very same event time are one visit.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.domain.events import EventType
from app.domain.models import ReportedEvent
from app.domain.models_requests import ReportStampEventRequest
from server import errors
from server.db.tables import ACTIVE, DELETED, EXPIRED, REDEEMED
from server.errors import ErrorCode
from server.rules.records import CardState, Program, RewardRule, RewardState, StampRule

AnyReported = ReportedEvent | ReportStampEventRequest


class StampHistory:
    """Applied STAMP events per card: (event time, stamps), for the anti-fraud rules."""

    def __init__(self) -> None:
        self._visits: dict[str, list[tuple[datetime, int]]] = defaultdict(list)

    def add(self, card_id: str, when: datetime, stamps: int) -> None:
        self._visits[card_id].append((when, stamps))

    def violates(self, program: Program, card_id: str, when: datetime, stamps: int) -> bool:
        visits = self._visits.get(card_id, ())
        cooldown = program.cooldown_seconds
        if cooldown and any(
            0 < abs((when - other).total_seconds()) < cooldown for other, _ in visits
        ):
            return True
        cap = program.max_stamps_per_day
        if cap:
            start = when.replace(hour=0, minute=0, second=0, microsecond=0)
            end = start + timedelta(days=1)
            today = sum(count for other, count in visits if start <= other < end)
            if today + stamps > cap:
                return True
        return False


@dataclass(slots=True)
class Outcome:
    """The verdict on one event and what it changed."""

    error: ErrorCode
    delta: int = 0
    stamp: StampRule | None = None
    earned: list[RewardState] = field(default_factory=list)


def expire(record: CardState | RewardState, now: datetime) -> None:
    """Mark an ACTIVE card or reward past its expiration date EXPIRED."""
    if (
        record.status == ACTIVE
        and record.expiration_date is not None
        and record.expiration_date <= now
    ):
        record.status = EXPIRED
        record.changed = True


def apply_event(
    event: AnyReported,
    card: CardState,
    *,
    program: Program,
    rewards: dict[str, RewardState],
    history: StampHistory,
    now: datetime,
) -> Outcome:
    """Apply one event to ``card`` (changing it in place) or say why it is refused."""
    if event.event_type == EventType.REWARD:
        return Outcome(errors.EVENT_TYPE_NOT_ALLOWED)
    expire(card, now)
    if card.status == EXPIRED:
        return Outcome(errors.CARD_EXPIRED)
    if card.status != ACTIVE or not card.active or card.start_date > now:
        return Outcome(errors.CARD_INACTIVE)
    if event.event_type == EventType.STAMP:
        outcome = _stamp(event, card, program, history, now)
    elif event.event_type == EventType.REMOVE_STAMP:
        outcome = Outcome(errors.OK, delta=-1 if card.current_stamps > 0 else 0)
        card.current_stamps = max(0, card.current_stamps - 1)
    else:
        outcome = _reward_change(event, card, program, rewards, now)
    if outcome.error is errors.OK:
        card.update_time = now
        card.changed = True
    return outcome


def _stamp(
    event: AnyReported, card: CardState, program: Program, history: StampHistory, now: datetime
) -> Outcome:
    if event.stamp_value is None:
        stamp = program.default_stamp
    else:
        stamp = program.stamps.get(event.stamp_value)
        if stamp is None or stamp.state != ACTIVE:
            return Outcome(errors.STAMP_VALUE_UNKNOWN)
    if stamp is not None and stamp.event_type != EventType.STAMP:
        return Outcome(errors.EVENT_TYPE_NOT_ALLOWED)
    award = stamp.award_stamps if stamp is not None else 1
    if program.limited and history.violates(program, card.id, event.event_time, award):
        return Outcome(errors.MULTIPLE_STAMP_ATTEMPT)
    history.add(card.id, event.event_time, award)
    earned: list[RewardState] = []
    cycle = program.cycle
    for _ in range(award):
        card.current_stamps += 1
        earned.extend(
            _new_reward(card, rule, now)
            for rule in program.rewards
            if rule.threshold == card.current_stamps
        )
        if cycle and card.current_stamps >= cycle:
            card.current_stamps -= cycle
    return Outcome(errors.OK, delta=award, stamp=stamp, earned=earned)


def _new_reward(card: CardState, rule: RewardRule, now: datetime) -> RewardState:
    expiration = now + timedelta(days=rule.validity_days) if rule.validity_days > 0 else None
    return RewardState(
        id=str(uuid.uuid4()),
        card_instance_id=card.id,
        reward_id=rule.id,
        status=ACTIVE,
        rewarded_time=now,
        expiration_date=expiration,
        updated_at=now,
        new=True,
    )


def _reward_change(
    event: AnyReported,
    card: CardState,
    program: Program,
    rewards: dict[str, RewardState],
    now: datetime,
) -> Outcome:
    """REDEEM or REMOVE_REWARD of one reward instance of the card."""
    if not event.reward_instance_id:
        return Outcome(errors.REWARD_INSTANCE_REQUIRED)
    instance = rewards.get(event.reward_instance_id.strip().lower())
    if instance is None or instance.card_instance_id != card.id:
        return Outcome(errors.REWARD_INSTANCE_NOT_FOUND)
    stamp = None
    if event.stamp_value is not None:
        stamp = program.stamps.get(event.stamp_value)
        if stamp is None or stamp.state != ACTIVE:
            return Outcome(errors.STAMP_VALUE_UNKNOWN)
        if stamp.event_type != event.event_type or stamp.reward_id not in (
            None,
            instance.reward_id,
        ):
            return Outcome(errors.EVENT_TYPE_NOT_ALLOWED)
    expire(instance, now)
    refusal = {
        REDEEMED: errors.REWARD_ALREADY_REDEEMED,
        EXPIRED: errors.REWARD_EXPIRED,
        DELETED: errors.REWARD_NOT_ACTIVE,
    }.get(instance.status)
    if refusal is not None:
        return Outcome(refusal)
    instance.status = REDEEMED if event.event_type == EventType.REDEEM else DELETED
    instance.updated_at = now
    instance.changed = True
    return Outcome(errors.OK, stamp=stamp)
