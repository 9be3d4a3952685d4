"""Loyalty events as the terminal records them in its outbox."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class EventType(enum.StrEnum):
    """The event types of the stamp API (seed 002, event object)."""

    STAMP = "STAMP"
    REDEEM = "REDEEM"
    REWARD = "REWARD"
    REMOVE_STAMP = "REMOVE_STAMP"
    REMOVE_REWARD = "REMOVE_REWARD"


class EventState(enum.StrEnum):
    """Life of an outbox event.

    ``pending``: committed locally, waiting to be sent. ``sent``: the server applied it (or had
    applied it already). ``rejected``: the server refused it; kept for review, never resent.
    ``review``: recorded locally against a policy limit; held until a manager decides.
    """

    PENDING = "pending"
    SENT = "sent"
    REJECTED = "rejected"
    REVIEW = "review"


@dataclass(frozen=True, slots=True)
class EventDraft:
    """An event the terminal wants to record; the outbox gives it its id and sequence."""

    card_instance_id: str
    event_type: EventType
    stamp_value: str | None = None
    reward_instance_id: str | None = None
    source: str = ""
    note: str | None = None


@dataclass(frozen=True, slots=True)
class OutboxEvent:
    """An event as stored in the outbox."""

    seq: int
    event_id: str
    terminal_id: str
    card_instance_id: str
    event_type: EventType
    stamp_value: str | None
    reward_instance_id: str | None
    device_time: datetime
    clock_offset_ms: int
    state: EventState
    attempts: int
    last_error: str | None
    next_attempt_at: datetime | None
    result_code: int | None
    result_message: str | None
    source: str
    note: str | None
