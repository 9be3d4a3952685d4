"""Which objects a principal may see: a terminal its merchant's, a customer their own cards.

Unknown ids are 404; ids of another merchant or customer are 403 and reveal nothing else.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from server import errors
from server.auth import Principal
from server.db import tables as t
from server.db.tables import DELETED
from server.errors import ApiError


def instance_id(text: str) -> str:
    """A card or reward instance id as stored (lowercase)."""
    return text.strip().lower()


def master_id(text: str) -> str:
    """A merchant, stamp card, reward or stamp id as stored (uppercase)."""
    return text.strip().upper()


def normalize_phone(text: str) -> str:
    """A phone number as stored and looked up: digits, with a leading + kept.

    "+49 170 123-4567" -> "+491701234567".
    """
    digits = re.sub(r"\D", "", text)
    return f"+{digits}" if text.strip().startswith("+") else digits


def card_for(session: Session, principal: Principal, card_instance_id: str) -> t.CardInstance:
    """The card instance if the principal may use it; a customer's removed card is unknown."""
    card = session.get(t.CardInstance, instance_id(card_instance_id))
    if card is None:
        raise ApiError(errors.CARD_INSTANCE_NOT_FOUND)
    if principal.is_terminal:
        if card.merchant_id != principal.merchant_id:
            raise ApiError(errors.FORBIDDEN)
    elif card.user_id != principal.user_id:
        raise ApiError(errors.FORBIDDEN)
    elif card.status == DELETED:
        raise ApiError(errors.CARD_INSTANCE_NOT_FOUND)
    return card


def own_stamp_card(session: Session, principal: Principal, stamp_card_id: str) -> t.StampCard:
    """A stamp card of the terminal's merchant."""
    card = session.get(t.StampCard, master_id(stamp_card_id))
    if card is None:
        raise ApiError(errors.STAMP_CARD_NOT_FOUND)
    if card.merchant_id != principal.merchant_id:
        raise ApiError(errors.FORBIDDEN)
    return card


def user_cards(session: Session, principal: Principal) -> list[t.CardInstance]:
    """The customer's cards that were not removed, oldest first."""
    return list(
        session.scalars(
            select(t.CardInstance)
            .where(t.CardInstance.user_id == principal.user_id, t.CardInstance.status != DELETED)
            .order_by(t.CardInstance.issue_date, t.CardInstance.id)
        )
    )
