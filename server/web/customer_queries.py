"""What the dashboard's customer pages read: finding a merchant's customers, and one customer's
cards of the merchant with their event histories.

A merchant's customers are the users holding a card instance of that merchant
(``card_instances.merchant_id``); every query here is limited to that merchant, so another
merchant's customer or card is never found (the pages answer 404, as for an unknown id).

The search box takes what a shop owner has at hand: a phone number (its digits are matched, as
the API stores them: ``server.access.normalize_phone``), a part of a name (case-insensitive; on
SQLite only ASCII letters fold case), or a card code: the card instance id, or the whole card
URL a phone's QR scanner shows (``<base>/c/<id>.<signature>``), of which the id is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from app.domain.card_code import normalize_card_id
from app.domain.events import EventType
from app.domain.phone import phone_key
from server import errors
from server.db import tables as t
from server.db.tables import ACTIVE, EXPIRED

SEARCH_LIMIT = 50
"""At most this many customers are listed for one search (the most recently active first)."""
HISTORY_LIMIT = 100
"""A card's history on the customer page shows this many of its newest events."""
MIN_PHONE_DIGITS = 3
"""A search with fewer digits than this is not tried as a phone number."""
MAX_QUERY_LENGTH = 200

EVENT_LABELS = {
    EventType.STAMP.value: "Stamp",
    EventType.REDEEM.value: "Reward redeemed",
    EventType.REWARD.value: "Reward earned",
    EventType.REMOVE_STAMP.value: "Stamp removed",
    EventType.REMOVE_REWARD.value: "Reward removed",
}

REFUSAL_REASONS = {
    errors.MULTIPLE_STAMP_ATTEMPT.code: (
        "Anti-fraud rule of the stamp card: too soon after the previous stamp, "
        "or more stamps than allowed in one day."
    ),
    errors.CARD_EXPIRED.code: "The card had expired.",
    errors.CARD_INACTIVE.code: "The card was deleted, deactivated or not valid yet.",
    errors.REWARD_ALREADY_REDEEMED.code: "The reward had already been redeemed.",
    errors.REWARD_EXPIRED.code: "The reward had expired.",
    errors.REWARD_NOT_ACTIVE.code: "The reward had been removed.",
    errors.STAMP_VALUE_UNKNOWN.code: "The scanned stamp code is not an active stamp of this card.",
    errors.EVENT_TYPE_NOT_ALLOWED.code: "This stamp code cannot be used for this kind of event.",
    errors.REWARD_INSTANCE_REQUIRED.code: "No reward was chosen.",
    errors.CARD_INSTANCE_REQUIRED.code: "No card was given.",
    errors.CARD_INSTANCE_NOT_FOUND.code: "The card is not known.",
    errors.REWARD_INSTANCE_NOT_FOUND.code: "The reward is not on this card.",
    errors.FORBIDDEN.code: "The card belongs to another shop.",
    errors.EVENT_ID_CONFLICT.code: (
        "The terminal sent the same event twice with different contents."
    ),
}


def refusal_reason(code: int) -> str:
    """Why the server refused an event, in words a shop owner understands."""
    reason = REFUSAL_REASONS.get(code)
    if reason is not None:
        return reason
    known = errors.BY_CODE.get(code)
    return known.meaning if known is not None else f"Refused by the server (code {code})."


def event_label(event_type: str) -> str:
    return EVENT_LABELS.get(event_type, event_type)


def card_id_in(text: str) -> str | None:
    """The card instance id of a card code: the id itself, or a card URL (``.../c/<id>.<sig>``,
    with or without signature); None when ``text`` is neither."""
    candidate = text.strip()
    marker = candidate.rfind("/c/")
    if marker >= 0:
        candidate = re.split(r"[.?#/]", candidate[marker + 3 :], maxsplit=1)[0]
    return normalize_card_id(candidate)


@dataclass(frozen=True, slots=True)
class CustomerRow:
    """One customer of a search result."""

    user_id: str
    name: str | None
    phone: str | None
    cards: int
    last_active: datetime


def _matching(merchant_id: str, query: str) -> ColumnElement[bool]:
    """The users of ``query``: the holder of the card of a card code, else a name or phone."""
    card_id = card_id_in(query)
    if card_id is not None:
        holder = select(t.CardInstance.user_id).where(
            t.CardInstance.id == card_id, t.CardInstance.merchant_id == merchant_id
        )
        return t.User.id.in_(holder.scalar_subquery())
    wanted: list[ColumnElement[bool]] = [
        func.lower(t.User.name).contains(query.lower(), autoescape=True)
    ]
    digits = phone_key(query)
    if len(digits) >= MIN_PHONE_DIGITS:
        wanted.append(t.User.phone.contains(digits, autoescape=True))
    return or_(*wanted)


def search_customers(
    session: Session, merchant_id: str, query: str, *, limit: int = SEARCH_LIMIT
) -> list[CustomerRow]:
    """The merchant's customers matching ``query`` (all when empty), most recently active
    first; a customer's activity is the last change of any of their cards of this merchant."""
    text = query.strip()[:MAX_QUERY_LENGTH]
    last_active = func.max(t.CardInstance.update_time)
    statement = (
        select(t.User.id, t.User.name, t.User.phone, func.count(t.CardInstance.id), last_active)
        .join(t.CardInstance, t.CardInstance.user_id == t.User.id)
        .where(t.CardInstance.merchant_id == merchant_id)
        .group_by(t.User.id, t.User.name, t.User.phone)
        .order_by(last_active.desc(), t.User.id)
        .limit(limit)
    )
    if text:
        statement = statement.where(_matching(merchant_id, text))
    return [
        CustomerRow(user_id, name, phone, int(cards), active)
        for user_id, name, phone, cards, active in session.execute(statement)
    ]


@dataclass(frozen=True, slots=True)
class RewardView:
    """An ACTIVE reward instance of a card (not past its expiration date)."""

    id: str
    name: str
    earned: datetime
    expires: datetime | None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One event of a card's history as the dashboard shows it."""

    pk: int
    event_time: datetime
    received_at: datetime
    event_type: str
    label: str
    stamps_delta: int
    applied: bool
    reason: str | None
    source: str
    note: str | None
    flagged: bool
    reward_name: str | None


@dataclass(slots=True)
class CardView:
    """A card of the customer at this merchant, with its rewards and newest events."""

    id: str
    stamp_card_id: str
    stamp_card_name: str
    current_stamps: int
    stamp_count: int
    status: str
    expires: datetime | None
    issued: datetime
    rewards: list[RewardView] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    more_history: bool = False

    @property
    def usable(self) -> bool:
        return self.status == "Active"


@dataclass(frozen=True, slots=True)
class CustomerPage:
    """A customer and their cards of one merchant."""

    user_id: str
    name: str | None
    phone: str | None
    cards: list[CardView]


def card_status(card: t.CardInstance, now: datetime) -> str:
    """The card's status as the rules would see it now (an ACTIVE card past its expiration date
    is expired even before an event marks it so)."""
    if card.status == ACTIVE:
        if card.expiration_date is not None and card.expiration_date <= now:
            return "Expired"
        if not card.active:
            return "Deactivated"
        if card.start_date > now:
            return "Not valid yet"
        return "Active"
    return {EXPIRED: "Expired"}.get(card.status, card.status.capitalize())


def own_card(session: Session, merchant_id: str, card_id: str) -> t.CardInstance | None:
    """The card instance ``card_id`` if it is one of this merchant's, else None."""
    wanted = normalize_card_id(card_id)
    if wanted is None:
        return None
    card = session.get(t.CardInstance, wanted)
    return card if card is not None and card.merchant_id == merchant_id else None


def customer_page(
    session: Session,
    merchant_id: str,
    user_id: str,
    now: datetime,
    *,
    history_limit: int = HISTORY_LIMIT,
    with_history: bool = True,
) -> CustomerPage | None:
    """The customer ``user_id`` with their cards of this merchant (newest first), or None when
    the user holds no card of this merchant (or does not exist); ``with_history`` False leaves
    the cards' histories out (to check a correction against the cards)."""
    if not user_id or len(user_id) > 64:
        return None
    user = session.get(t.User, user_id)
    if user is None:
        return None
    rows = session.execute(
        select(t.CardInstance, t.StampCard.name, t.StampCard.stamp_count)
        .join(t.StampCard, t.StampCard.id == t.CardInstance.stamp_card_id)
        .where(t.CardInstance.user_id == user.id, t.CardInstance.merchant_id == merchant_id)
        .order_by(t.CardInstance.issue_date.desc(), t.CardInstance.id)
    ).all()
    if not rows:
        return None
    cards = [
        CardView(
            id=card.id,
            stamp_card_id=card.stamp_card_id,
            stamp_card_name=name,
            current_stamps=card.current_stamps,
            stamp_count=stamp_count,
            status=card_status(card, now),
            expires=card.expiration_date,
            issued=card.issue_date,
        )
        for card, name, stamp_count in rows
    ]
    by_id = {card.id: card for card in cards}
    for reward in active_rewards(session, list(by_id), now):
        by_id[reward[0]].rewards.append(reward[1])
    for card in cards if with_history else ():
        entries = card_history(session, card.id, limit=history_limit + 1)
        card.more_history = len(entries) > history_limit
        card.history = entries[:history_limit]
    return CustomerPage(user.id, user.name, user.phone, cards)


def active_rewards(
    session: Session, card_ids: list[str], now: datetime
) -> list[tuple[str, RewardView]]:
    """(card id, reward) of the cards' ACTIVE rewards not past their expiration date, oldest
    first."""
    if not card_ids:
        return []
    rows = session.execute(
        select(t.RewardInstance, t.Reward.name)
        .join(t.Reward, t.Reward.id == t.RewardInstance.reward_id)
        .where(t.RewardInstance.card_instance_id.in_(card_ids), t.RewardInstance.status == ACTIVE)
        .order_by(t.RewardInstance.rewarded_time, t.RewardInstance.id)
    ).all()
    return [
        (
            instance.card_instance_id,
            RewardView(instance.id, name, instance.rewarded_time, instance.expiration_date),
        )
        for instance, name in rows
        if instance.expiration_date is None or instance.expiration_date > now
    ]


def card_history(session: Session, card_id: str, *, limit: int) -> list[HistoryEntry]:
    """The card's newest ``limit`` events, newest first, each with the name of the terminal (or
    dashboard login) that sent it and, for reward events, the reward's name."""
    rows = session.execute(
        select(t.Event, t.Credential.name, t.Reward.name)
        .outerjoin(t.Credential, t.Credential.id == t.Event.credential_id)
        .outerjoin(t.RewardInstance, t.RewardInstance.id == t.Event.reward_instance_id)
        .outerjoin(t.Reward, t.Reward.id == t.RewardInstance.reward_id)
        .where(t.Event.card_instance_id == card_id)
        .order_by(t.Event.event_time.desc(), t.Event.id.desc())
        .limit(limit)
    ).all()
    return [
        HistoryEntry(
            pk=event.id,
            event_time=event.event_time,
            received_at=event.received_at,
            event_type=event.event_type,
            label=event_label(event.event_type),
            stamps_delta=event.stamps_delta,
            applied=event.result_code == 0,
            reason=None if event.result_code == 0 else refusal_reason(event.result_code),
            source=source or "Unknown",
            note=event.note,
            flagged=event.flag == "policy",
            reward_name=reward_name,
        )
        for event, source, reward_name in rows
    ]
