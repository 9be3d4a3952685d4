"""Reading the review queue: which events of the merchant's terminals wait for a manager's
decision, and the decisions taken on them.

Waiting for review (newest first, ``QUEUE_LIMIT`` shown, all counted) are the events reported
by a terminal of the viewer's merchant (``credentials.merchant_id``, kind ``terminal``) that

- the server refused (``result_code != 0``: anti-fraud 33003, an expired card 32001, ...), or
- the terminal's scan policy held for a manager before sending them (``events.flag`` is
  ``policy``; ``events.note`` holds the terminal's reason),

and that nobody has decided on yet (no ``event_reviews`` row). REWARD rows, which the server
writes itself, never wait.

The queries live apart from the routes of ``review`` (which record the decisions) because the
overview counts the waiting events too; every one is limited to the merchant's terminals, and
a card or customer is shown only when the card is the merchant's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from app.domain.events import EventType
from server.auth import TERMINAL
from server.db import tables as t
from server.db.tables import ACTIVE
from server.web.customer_queries import event_label, refusal_reason

POLICY = "policy"
DISMISS = "dismiss"
GRANT = "grant"
DECISION_LABELS = {DISMISS: "Dismissed", GRANT: "Stamp granted"}
QUEUE_LIMIT = 100
REVIEWED_LIMIT = 50


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """An event as the review page shows it."""

    pk: int
    event_time: datetime
    received_at: datetime
    terminal: str
    event_type: str
    label: str
    result_code: int
    reason: str | None
    flagged: bool
    note: str | None
    card_id: str | None
    user_id: str | None
    customer_name: str | None

    @property
    def applied(self) -> bool:
        return self.result_code == 0

    @property
    def can_grant(self) -> bool:
        """A refused STAMP of a known card of the merchant can be given as a correction."""
        return (
            self.event_type == EventType.STAMP.value
            and self.result_code != 0
            and self.card_id is not None
        )


@dataclass(frozen=True, slots=True)
class Decision:
    """A decision of the reviewed list."""

    item: ReviewItem
    decision: str
    note: str | None
    at: datetime
    by: str

    @property
    def label(self) -> str:
        return DECISION_LABELS.get(self.decision, self.decision)


def _reviewed() -> ColumnElement[bool]:
    """Whether someone has decided on the event already."""
    return select(t.EventReview.event_pk).where(t.EventReview.event_pk == t.Event.id).exists()


def _for_review(merchant_id: str) -> list[ColumnElement[bool]]:
    """An event for review: of a terminal of the merchant, refused or held by its policy (the
    query joins ``credentials`` on the event's credential)."""
    return [
        t.Credential.merchant_id == merchant_id,
        t.Credential.kind == TERMINAL,
        t.Event.event_type != EventType.REWARD.value,
        or_(t.Event.result_code != 0, t.Event.flag == POLICY),
    ]


def _items(merchant_id: str) -> Select[t.Event, str, str | None, str | None]:
    """The merchant's terminals' events that need a look, reviewed or not."""
    return (
        select(t.Event, t.Credential.name, t.CardInstance.user_id, t.User.name)
        .join(t.Credential, t.Credential.id == t.Event.credential_id)
        .outerjoin(
            t.CardInstance,
            and_(
                t.CardInstance.id == t.Event.card_instance_id,
                t.CardInstance.merchant_id == merchant_id,
            ),
        )
        .outerjoin(t.User, t.User.id == t.CardInstance.user_id)
        .where(*_for_review(merchant_id))
    )


def _item(row: Any) -> ReviewItem:
    event, terminal, user_id, customer_name = row
    return ReviewItem(
        pk=event.id,
        event_time=event.event_time,
        received_at=event.received_at,
        terminal=terminal,
        event_type=event.event_type,
        label=event_label(event.event_type),
        result_code=event.result_code,
        reason=None if event.result_code == 0 else refusal_reason(event.result_code),
        flagged=event.flag == POLICY,
        note=event.note,
        card_id=event.card_instance_id if user_id is not None else None,
        user_id=user_id,
        customer_name=customer_name,
    )


def waiting(session: Session, merchant_id: str, *, limit: int = QUEUE_LIMIT) -> list[ReviewItem]:
    """The events waiting for a decision, newest first."""
    query = (
        _items(merchant_id)
        .where(~_reviewed())
        .order_by(t.Event.received_at.desc(), t.Event.id.desc())
        .limit(limit)
    )
    return [_item(row) for row in session.execute(query)]


def count_waiting(session: Session, merchant_id: str) -> int:
    """How many events wait for a decision (the overview shows it)."""
    query = (
        select(func.count())
        .select_from(t.Event)
        .join(t.Credential, t.Credential.id == t.Event.credential_id)
        .where(*_for_review(merchant_id), ~_reviewed())
    )
    return int(session.scalar(query) or 0)


def decisions(session: Session, merchant_id: str, *, limit: int = REVIEWED_LIMIT) -> list[Decision]:
    """The merchant's latest decisions, newest first."""
    query = (
        _items(merchant_id)
        .add_columns(t.EventReview, t.MerchantUser.email)
        .join(t.EventReview, t.EventReview.event_pk == t.Event.id)
        .join(t.MerchantUser, t.MerchantUser.id == t.EventReview.user_id)
        .where(t.MerchantUser.merchant_id == merchant_id)
        .order_by(t.EventReview.at.desc(), t.EventReview.event_pk.desc())
        .limit(limit)
    )
    found = []
    for row in session.execute(query):
        review, email = row[-2], row[-1]
        found.append(Decision(_item(row[:-2]), review.decision, review.note, review.at, email))
    return found


def find_item(session: Session, merchant_id: str, event_pk: int) -> tuple[ReviewItem, bool] | None:
    """The merchant's event ``event_pk`` if it is one for review, with whether it is decided."""
    row = session.execute(
        _items(merchant_id).add_columns(_reviewed()).where(t.Event.id == event_pk)
    ).one_or_none()
    if row is None:
        return None
    return _item(row[:-1]), bool(row[-1])


def stamps_asked(session: Session, card_id: str, stamp_value: str | None) -> int:
    """How many stamps a STAMP event of ``stamp_value`` asks for on the card: the stamp's
    award (the stamp card's oldest active STAMP stamp without a value), at least 1."""
    card = session.get(t.CardInstance, card_id)
    if card is None:
        return 1
    query = select(t.Stamp.award_stamps).where(
        t.Stamp.stamp_card_id == card.stamp_card_id,
        t.Stamp.state == ACTIVE,
        t.Stamp.event_type == EventType.STAMP.value,
    )
    if stamp_value is not None:
        query = query.where(t.Stamp.stamp_value == stamp_value)
    award = session.scalar(query.order_by(t.Stamp.created_at, t.Stamp.id).limit(1))
    return max(1, award or 1)
