"""Plain in-memory records of the batch path: a card's and a reward's state, a stamp card's rules.

The batch path reads rows into these (no ORM identity map or change tracking), changes them in
memory and writes back only the records marked ``changed`` or ``new``, with executemany.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.domain.events import EventType
from app.domain.models import Reward
from server.db import tables as t
from server.db.tables import ACTIVE

CARD_COLUMNS = (
    t.CardInstance.id,
    t.CardInstance.stamp_card_id,
    t.CardInstance.current_stamps,
    t.CardInstance.status,
    t.CardInstance.active,
    t.CardInstance.start_date,
    t.CardInstance.issue_date,
    t.CardInstance.expiration_date,
)
REWARD_COLUMNS = (
    t.RewardInstance.id,
    t.RewardInstance.card_instance_id,
    t.RewardInstance.reward_id,
    t.RewardInstance.status,
    t.RewardInstance.rewarded_time,
    t.RewardInstance.expiration_date,
    t.RewardInstance.updated_at,
)


@dataclass(slots=True)
class CardState:
    """A card instance as the rules see it (fields in ``CARD_COLUMNS`` order); ``update_time``
    is set when an event changes the card."""

    id: str
    stamp_card_id: str
    current_stamps: int
    status: str
    active: bool
    start_date: datetime
    issue_date: datetime
    expiration_date: datetime | None
    update_time: datetime | None = None
    changed: bool = False


@dataclass(slots=True)
class RewardState:
    """A reward instance as the rules see it (fields in ``REWARD_COLUMNS`` order)."""

    id: str
    card_instance_id: str
    reward_id: str
    status: str
    rewarded_time: datetime
    expiration_date: datetime | None
    updated_at: datetime
    changed: bool = False
    new: bool = False


@dataclass(frozen=True, slots=True)
class StampRule:
    """Stamp master data: the value a scan presents and what it does."""

    id: str
    value: str
    state: str
    award_stamps: int
    reward_id: str | None
    event_type: str


@dataclass(frozen=True, slots=True)
class RewardRule:
    id: str
    threshold: int
    validity_days: int
    model: Reward


@dataclass(slots=True)
class Program:
    """The rules of one stamp card: stamps by value (oldest first), rewards by threshold."""

    stamp_card_id: str
    stamp_count: int
    cooldown_seconds: int
    max_stamps_per_day: int
    stamps: dict[str, StampRule] = field(default_factory=dict)
    rewards: list[RewardRule] = field(default_factory=list)
    reward_models: dict[str, Reward] = field(default_factory=dict)
    reward_texts: dict[str, str] = field(default_factory=dict)
    default_stamp: StampRule | None = None
    cycle: int = 0

    def add_stamp(self, stamp: StampRule) -> None:
        self.stamps[stamp.value] = stamp
        if (
            self.default_stamp is None
            and stamp.event_type == EventType.STAMP
            and stamp.state == ACTIVE
        ):
            self.default_stamp = stamp

    def add_reward(self, rule: RewardRule) -> None:
        self.rewards.append(rule)
        self.reward_models[rule.id] = rule.model
        self.reward_texts[rule.id] = rule.model.model_dump_json(
            by_alias=True, exclude_unset=True, exclude_none=True
        )
        self.cycle = max(self.cycle, rule.threshold)

    @property
    def limited(self) -> bool:
        return self.cooldown_seconds > 0 or self.max_stamps_per_day > 0
