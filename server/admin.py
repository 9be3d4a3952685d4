"""Setting up a shop without touching the database: merchants, stores, stamp cards, stamps,
rewards, apps, terminals and customers, and a look at the events.

Secrets (api keys, tokens, app secrets) are returned once by the function that makes them; only
their SHA-256 digests are stored, except the app secret, which seed 001's HMAC needs as is.
Unknown ids raise ``LookupError``, bad values ``ValueError``.
"""

from __future__ import annotations

import secrets
import string
import uuid
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.dates import format_api_datetime
from app.domain.events import EventType
from app.domain.models import StampType
from server.access import normalize_phone
from server.auth import CUSTOMER, TERMINAL, digest, new_secret
from server.db import tables as t
from server.db.tables import ACTIVE

STAMP_VALUE_ALPHABET = string.ascii_uppercase + string.digits
_Row = TypeVar("_Row", t.Merchant, t.StampCard, t.Reward, t.User)


def master_uuid() -> str:
    """A new id for master data (uppercase, as the documents write them)."""
    return str(uuid.uuid4()).upper()


def new_stamp_value() -> str:
    """A stamp value like ``GZ23-A457-Z50E-E56X-O23G``."""
    return "-".join(
        "".join(secrets.choice(STAMP_VALUE_ALPHABET) for _ in range(4)) for _ in range(5)
    )


def _get(session: Session, table: type[_Row], key: str) -> _Row:
    row = session.get(table, key.strip().upper() if table is not t.User else key.strip())
    if row is None:
        raise LookupError(f"no {table.__tablename__[:-1].replace('_', ' ')} with id {key!r}")
    return row


def _at_least(name: str, value: int, minimum: int) -> None:
    if value < minimum:
        raise ValueError(f"{name} must be {minimum} or more, not {value}")


def create_merchant(
    session: Session, now: datetime, *, name: str, image_url: str | None = None
) -> t.Merchant:
    merchant = t.Merchant(
        id=master_uuid(), name=name, image_url=image_url, created_at=now, updated_at=now
    )
    session.add(merchant)
    return merchant


def create_store(
    session: Session,
    now: datetime,
    *,
    merchant_id: str,
    name: str,
    latitude: float | None = None,
    longitude: float | None = None,
    street1: str | None = None,
    city: str | None = None,
    state: str | None = None,
    zip_code: str | None = None,
    country: str | None = None,
) -> t.Store:
    merchant = _get(session, t.Merchant, merchant_id)
    if (latitude is None) != (longitude is None):
        raise ValueError("give both latitude and longitude, or neither")
    if (
        latitude is not None
        and longitude is not None
        and not (-90 <= latitude <= 90 and -180 <= longitude <= 180)
    ):
        raise ValueError("latitude or longitude out of range")
    store = t.Store(
        id=master_uuid(),
        merchant_id=merchant.id,
        name=name,
        street1=street1,
        city=city,
        state=state,
        zip_code=zip_code,
        country=country,
        latitude=latitude,
        longitude=longitude,
        created_at=now,
    )
    session.add(store)
    merchant.updated_at = now
    return store


def create_stamp_card(
    session: Session,
    now: datetime,
    *,
    merchant_id: str,
    name: str,
    stamp_type: str = StampType.QR.value,
    publish: bool = True,
    card_validity_days: int = 365,
    cooldown_seconds: int = 0,
    max_stamps_per_day: int = 0,
    details: dict[str, Any] | None = None,
    default_stamps: bool = True,
) -> t.StampCard:
    """A stamp card, with its default stamps: a STAMP stamp (1 stamp) and a REDEEM stamp.

    ``details`` sets the optional descriptive columns (tnc, phone_number, service_id, ...).
    Without ``default_stamps`` the stamps are left to ``create_stamp``.
    """
    merchant = _get(session, t.Merchant, merchant_id)
    StampType(stamp_type)
    _at_least("card validity days", card_validity_days, 1)
    _at_least("cooldown seconds", cooldown_seconds, 0)
    _at_least("max stamps per day", max_stamps_per_day, 0)
    idx = session.scalar(select(func.coalesce(func.max(t.StampCard.idx), 0) + 1))
    card = t.StampCard(
        id=master_uuid(),
        idx=int(idx or 1),
        merchant_id=merchant.id,
        name=name,
        stamp_type=stamp_type,
        stamp_count=0,
        is_publish_to_market="Y" if publish else "N",
        card_validity_days=card_validity_days,
        cooldown_seconds=cooldown_seconds,
        max_stamps_per_day=max_stamps_per_day,
        revision=1,
        created_at=now,
        **(details or {}),
    )
    session.add(card)
    session.flush()
    if not default_stamps:
        return card
    create_stamp(session, now, stamp_card_id=card.id, event_type=EventType.STAMP.value)
    create_stamp(
        session, now, stamp_card_id=card.id, event_type=EventType.REDEEM.value, award_stamps=0
    )
    return card


def create_stamp(
    session: Session,
    now: datetime,
    *,
    stamp_card_id: str,
    event_type: str = EventType.STAMP.value,
    award_stamps: int = 1,
    reward_id: str | None = None,
    value: str | None = None,
) -> t.Stamp:
    """Stamp master data: what a scan presents (``value``) and what it does.

    Stamps of a card are created in a strict order (the default STAMP stamp is the oldest).
    """
    card = _get(session, t.StampCard, stamp_card_id)
    latest = session.scalar(
        select(func.max(t.Stamp.created_at)).where(t.Stamp.stamp_card_id == card.id)
    )
    created = now if latest is None else max(now, latest + timedelta(milliseconds=1))
    if event_type not in (EventType.STAMP.value, EventType.REDEEM.value):
        raise ValueError("a stamp is of event type STAMP or REDEEM")
    _at_least("award stamps", award_stamps, 0)
    if reward_id is not None and _get(session, t.Reward, reward_id).stamp_card_id != card.id:
        raise ValueError("the reward belongs to another stamp card")
    stamp = t.Stamp(
        id=master_uuid(),
        stamp_card_id=card.id,
        stamp_value=value or new_stamp_value(),
        state=ACTIVE,
        award_stamps=award_stamps,
        reward_id=reward_id.strip().upper() if reward_id else None,
        event_type=event_type,
        created_at=created,
    )
    session.add(stamp)
    card.revision += 1
    session.flush()
    return stamp


def create_reward(
    session: Session,
    now: datetime,
    *,
    stamp_card_id: str,
    name: str,
    threshold: int,
    validity_days: int = 30,
    description: str | None = None,
    message: str | None = None,
    image_url: str | None = None,
) -> t.Reward:
    """A reward earned at ``threshold`` stamps; the stamp card's stampCount follows the largest."""
    card = _get(session, t.StampCard, stamp_card_id)
    _at_least("threshold", threshold, 1)
    _at_least("validity days", validity_days, 0)
    reward = t.Reward(
        id=master_uuid(),
        stamp_card_id=card.id,
        name=name,
        threshold=threshold,
        image_url=image_url,
        reward_message=message,
        reward_description=description,
        validity_days=validity_days,
        created_at=now,
    )
    session.add(reward)
    card.stamp_count = max(card.stamp_count, threshold)
    card.revision += 1
    session.flush()
    return reward


def set_stamp_card_limits(
    session: Session,
    *,
    stamp_card_id: str,
    cooldown_seconds: int | None = None,
    max_stamps_per_day: int | None = None,
) -> t.StampCard:
    """Change a stamp card's anti-fraud settings (None keeps a setting; 0 turns it off)."""
    card = _get(session, t.StampCard, stamp_card_id)
    if cooldown_seconds is not None:
        _at_least("cooldown seconds", cooldown_seconds, 0)
        card.cooldown_seconds = cooldown_seconds
    if max_stamps_per_day is not None:
        _at_least("max stamps per day", max_stamps_per_day, 0)
        card.max_stamps_per_day = max_stamps_per_day
    card.revision += 1
    return card


def create_app_credentials(
    session: Session, now: datetime, *, merchant_id: str, name: str = "app"
) -> tuple[t.App, str, str]:
    """An app of the merchant: (row, api key, app secret); both secrets are shown only now."""
    merchant = _get(session, t.Merchant, merchant_id)
    api_key = new_secret("key")
    app_secret = secrets.token_hex(16)
    app = t.App(
        id=master_uuid(),
        app_id=secrets.token_hex(8),
        merchant_id=merchant.id,
        name=name,
        api_key_hash=digest(api_key),
        app_secret=app_secret,
        created_at=now,
    )
    session.add(app)
    return app, api_key, app_secret


def create_terminal(
    session: Session, now: datetime, *, merchant_id: str, name: str = "terminal"
) -> tuple[t.Credential, str]:
    """A terminal credential of the merchant: (row, token); the token is shown only now."""
    merchant = _get(session, t.Merchant, merchant_id)
    token = new_secret("trm")
    credential = t.Credential(
        id=str(uuid.uuid4()),
        kind=TERMINAL,
        token_hash=digest(token),
        merchant_id=merchant.id,
        name=name,
        created_at=now,
    )
    session.add(credential)
    return credential, token


def create_customer(
    session: Session, now: datetime, *, name: str | None = None, phone: str | None = None
) -> tuple[t.User, str]:
    """A wallet customer and their token: (row, token); the token is shown only now."""
    stored_phone = normalize_phone(phone) if phone else None
    user = t.User(id=str(uuid.uuid4()), name=name, phone=stored_phone, created_at=now)
    session.add(user)
    session.flush()
    token = new_secret("cus")
    session.add(
        t.Credential(
            id=str(uuid.uuid4()),
            kind=CUSTOMER,
            token_hash=digest(token),
            user_id=user.id,
            name=name or "customer",
            created_at=now,
        )
    )
    return user, token


def issue_card(
    session: Session, now: datetime, *, stamp_card_id: str, user_id: str
) -> t.CardInstance:
    """A new card instance of the stamp card for the customer, valid for its validity days."""
    card = _get(session, t.StampCard, stamp_card_id)
    user = _get(session, t.User, user_id)
    instance = t.CardInstance(
        id=str(uuid.uuid4()),
        stamp_card_id=card.id,
        merchant_id=card.merchant_id,
        user_id=user.id,
        current_stamps=0,
        status=ACTIVE,
        active=True,
        issue_date=now,
        start_date=now,
        update_time=now,
        expiration_date=now + timedelta(days=card.card_validity_days),
    )
    session.add(instance)
    return instance


def list_events(
    session: Session,
    *,
    merchant_id: str | None = None,
    card_instance_id: str | None = None,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """The newest events (applied and refused), newest first, with the terminal's ``note`` and
    ``flag`` (``"policy"``: its policy held the event for a manager, who let it go)."""
    query = select(t.Event).order_by(t.Event.id.desc()).limit(limit)
    if card_instance_id is not None:
        query = query.where(t.Event.card_instance_id == card_instance_id.strip().lower())
    if merchant_id is not None:
        owned = select(t.CardInstance.id).where(
            t.CardInstance.merchant_id == merchant_id.strip().upper()
        )
        query = query.where(t.Event.card_instance_id.in_(owned))
    return [
        {
            "id": event.id,
            "eventId": event.event_id,
            "cardInstanceId": event.card_instance_id,
            "eventType": event.event_type,
            "eventTime": format_api_datetime(event.event_time),
            "stampsDelta": event.stamps_delta,
            "resultCode": event.result_code,
            "receivedAt": format_api_datetime(event.received_at),
            "note": event.note,
            "flag": event.flag,
        }
        for event in session.scalars(query)
    ]


def stamps_of_card(session: Session, stamp_card_id: str) -> list[dict[str, Any]]:
    """The stamp master data of a stamp card as the CLI prints it."""
    return [
        {
            "stampId": stamp.id,
            "stampValue": stamp.stamp_value,
            "stampEventType": stamp.event_type,
            "awardStamps": stamp.award_stamps,
        }
        for stamp in session.scalars(
            select(t.Stamp)
            .where(t.Stamp.stamp_card_id == stamp_card_id)
            .order_by(t.Stamp.created_at, t.Stamp.id)
        )
    ]
