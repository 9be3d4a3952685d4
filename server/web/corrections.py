"""Corrections a shop owner makes on a customer's card from the dashboard: add stamps, remove
stamps, remove a reward, always with a reason.

A correction is not a shortcut around the rules: it is reported like a terminal's events,
through ``services.events.apply`` (the only way events are applied), under the dashboard user's
own credential (kind ``dashboard``, named "Dashboard (<e-mail>)"), so the card's history shows
who made it, and the reason goes with the events as their ``note`` (stored in the same
transaction, like a terminal's note). The rules may
refuse a correction (an expired card, a reward already redeemed ...); the dashboard then shows
the refusal, and the refused event stays in the card's history with its reason.

Added stamps and the anti-fraud rules: the k stamps of one correction are k STAMP events with
the same event time (the server's now), which the rules count as one visit, so they never
refuse each other by the stamp card's cooldown. They are not exempt from the rules, though: a
correction made within the cooldown of another visit, or one that takes the card over the
stamp card's maximum stamps per day, is refused (33003) like a terminal's stamp and the page
says so, with what to do (wait, or change the stamp card's limits). Event times are never made
up to slip past the limits: the history shows when a correction was made, and the daily
maximum counts manual stamps too.

Each added stamp uses the stamp card's oldest active STAMP stamp that awards exactly one stamp
(a card without any STAMP stamp gets the rules' default of one stamp per event).
"""

from __future__ import annotations

import enum
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from app.domain.events import EventType
from app.domain.models import ReportedEvent
from server import errors
from server.auth import TERMINAL, Principal
from server.db import tables as t
from server.db.tables import ACTIVE
from server.services import Services
from server.web.accounts import dashboard_credential
from server.web.customer_queries import CardView, own_card, refusal_reason
from server.web.form_reader import FormReader
from server.web.pages import PageNotFound
from server.web.sessions import Viewer

MAX_ADDED_STAMPS = 50
MAX_REASON_LENGTH = 500
MAX_EVENTS = 10_000
"""Bound of the counts read back from an outcome's query parameters."""


class Action(enum.StrEnum):
    """What a correction does to a card."""

    ADD_STAMP = "add_stamp"
    REMOVE_STAMP = "remove_stamp"
    REMOVE_REWARD = "remove_reward"


ACTION_LABELS = {
    Action.ADD_STAMP: "Add stamps",
    Action.REMOVE_STAMP: "Remove stamps",
    Action.REMOVE_REWARD: "Remove a reward",
}
_EVENT_TYPES = {
    Action.ADD_STAMP: EventType.STAMP,
    Action.REMOVE_STAMP: EventType.REMOVE_STAMP,
    Action.REMOVE_REWARD: EventType.REMOVE_REWARD,
}


class InvalidCorrection(ValueError):
    """A correction form that cannot be applied; ``errors`` maps each field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass(frozen=True, slots=True)
class Correction:
    """A correction to apply: ``count`` stamps, or the reward ``reward_instance_id``."""

    card_instance_id: str
    action: Action
    count: int
    reason: str
    reward_instance_id: str | None = None


@dataclass(frozen=True, slots=True)
class CorrectionOutcome:
    """What the rules did with a correction: ``applied`` of its ``asked`` events were applied;
    ``refusal`` is the code of the first refused one (None when all were applied)."""

    action: Action
    asked: int
    applied: int
    refusal: int | None

    @property
    def succeeded(self) -> bool:
        return self.refusal is None

    def message(self) -> str:
        """The outcome in words for the page."""
        noun = "stamp" if self.asked == 1 else "stamps"
        if self.refusal is None:
            if self.action is Action.REMOVE_REWARD:
                return "The reward was removed. The reason is kept in the card's history."
            verb = "Added" if self.action is Action.ADD_STAMP else "Removed"
            return f"{verb} {self.asked} {noun}. The reason is kept in the card's history."
        reason = refusal_reason(self.refusal)
        if self.refusal == errors.MULTIPLE_STAMP_ATTEMPT.code:
            reason += (
                " Wait until the stamp card's cooldown has passed or the next day, or change"
                " the stamp card's anti-fraud limits, then try again."
            )
        if self.applied == 0:
            return f"The correction was refused and nothing was changed. {reason}"
        done = "added" if self.action is Action.ADD_STAMP else "removed"
        return (
            f"Only {self.applied} of {self.asked} {noun} were {done}; "
            f"the rest was refused. {reason}"
        )

    def query(self) -> str:
        """The outcome as query parameters of the page shown after the POST."""
        text = f"done={self.action.value}&asked={self.asked}&applied={self.applied}"
        return text + (f"&refused={self.refusal}" if self.refusal is not None else "")

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> CorrectionOutcome | None:
        """The outcome of ``query()`` read back; None for anything else (the page then shows
        no message: the parameters only choose among fixed texts)."""
        try:
            action = Action(params.get("done", ""))
            asked = int(params.get("asked", ""))
            applied = int(params.get("applied", ""))
            refused = params.get("refused")
            refusal = int(refused) if refused is not None else None
        except ValueError:
            return None
        if not (0 < asked <= MAX_EVENTS and 0 <= applied <= asked):
            return None
        if refusal is not None and refusal not in errors.BY_CODE:
            return None
        return cls(action, asked, applied, refusal)


def read_correction(form: FormData, card: CardView) -> Correction:
    """The correction posted for ``card``; InvalidCorrection with a message per field."""
    # The customer page shows the typed values again itself: the reader only collects messages.
    reader = FormReader(form, names=())
    action = _action(reader)
    reason = reader.text("reason", required=False, max_length=MAX_REASON_LENGTH)
    if not reason and "reason" not in reader.errors:
        reader.errors["reason"] = "Give the reason for this correction; it is kept in the history."
    if not card.usable:
        reader.errors["action"] = f"This card is {card.status.lower()}: it cannot be corrected."
    count = 1
    reward_id: str | None = None
    if action in (Action.ADD_STAMP, Action.REMOVE_STAMP) and "action" not in reader.errors:
        count = _count(reader, action, card)
    elif action is Action.REMOVE_REWARD and "action" not in reader.errors:
        reward_id = str(form.get("reward_instance_id") or "").strip().lower()
        if not card.rewards:
            reader.errors["reward_instance_id"] = "This card has no active reward to remove."
        elif reward_id not in {reward.id for reward in card.rewards}:
            reader.errors["reward_instance_id"] = "Choose one of the card's rewards."
    if reader.errors or action is None:
        raise InvalidCorrection(reader.errors)
    return Correction(card.id, action, count, reason, reward_id)


def _action(reader: FormReader) -> Action | None:
    """The chosen action; a missing, too long or unknown one gets one message (an empty text,
    which the reader gives for a field it refused, is no action either)."""
    try:
        return Action(reader.text("action"))
    except ValueError:
        reader.errors["action"] = "Choose what to correct."
        return None


def _count(reader: FormReader, action: Action, card: CardView) -> int:
    if action is Action.ADD_STAMP:
        return reader.number("count", minimum=1, maximum=MAX_ADDED_STAMPS)
    if card.current_stamps == 0:
        reader.errors["count"] = "The card has no stamps to remove."
        return 1
    return reader.number("count", minimum=1, maximum=card.current_stamps)


class NoSingleStamp(ValueError):
    """The stamp card has STAMP stamps, but none that awards exactly one stamp."""


def manual_stamp_value(session: Session, stamp_card_id: str) -> str | None:
    """The stamp value of a manually added stamp: the oldest active STAMP stamp of the stamp
    card that awards exactly one stamp; None when the card has no active STAMP stamp at all
    (the rules then give one stamp per event); NoSingleStamp when every one awards more."""
    rows = session.execute(
        select(t.Stamp.stamp_value, t.Stamp.award_stamps)
        .where(
            t.Stamp.stamp_card_id == stamp_card_id,
            t.Stamp.state == ACTIVE,
            t.Stamp.event_type == EventType.STAMP.value,
        )
        .order_by(t.Stamp.created_at, t.Stamp.id)
    ).all()
    if not rows:
        return None
    for value, award in rows:
        if award == 1:
            return str(value)
    raise NoSingleStamp(
        "This stamp card has no stamp that gives exactly one stamp; add the stamps at a terminal."
    )


def _events(
    correction: Correction, stamp_value: str | None, services: Services
) -> list[ReportedEvent]:
    now = services.now()
    kind = _EVENT_TYPES[correction.action]
    count = 1 if correction.action is Action.REMOVE_REWARD else correction.count
    return [
        ReportedEvent(
            event_id=str(uuid.uuid4()),
            card_instance_id=correction.card_instance_id,
            event_time=now,
            event_type=kind,
            reward_instance_id=correction.reward_instance_id,
            stamp_value=stamp_value if kind is EventType.STAMP else None,
            note=correction.reason,
        )
        for _ in range(count)
    ]


def apply_correction(
    services: Services, viewer: Viewer, correction: Correction
) -> CorrectionOutcome:
    """Apply ``correction`` through the server's rules as the viewer's dashboard credential and
    its reason as the events' note. PageNotFound when the card is not the viewer's
    merchant's; NoSingleStamp when stamps cannot be added by hand to this card."""
    with services.db.write() as session:
        card = own_card(session, viewer.merchant_id, correction.card_instance_id)
        user = session.get(t.MerchantUser, viewer.user_id)
        if card is None or user is None or user.merchant_id != viewer.merchant_id:
            raise PageNotFound()
        stamp_value = None
        if correction.action is Action.ADD_STAMP:
            stamp_value = manual_stamp_value(session, card.stamp_card_id)
        credential_id = dashboard_credential(session, user, services.now())
    events = _events(correction, stamp_value, services)
    principal = Principal(TERMINAL, credential_id, viewer.merchant_id, None)
    texts = services.events.apply(principal, events)
    codes = [int(json.loads(text)["result"]["code"]) for text in texts]
    refused = [code for code in codes if code != 0]
    return CorrectionOutcome(
        correction.action, len(codes), len(codes) - len(refused), refused[0] if refused else None
    )
