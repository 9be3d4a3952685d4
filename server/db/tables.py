"""The server's tables (SQLAlchemy 2 typed ORM). The schema itself is made by the migrations.

Ids of API objects are lowercase UUID text; a stamp card also has the integer ``idx`` that seed
000 calls ``cardIdx``. Tokens and api keys are stored only as SHA-256 hex digests. ``events``
is both the card history and the idempotency ledger: one row per reported event (applied or
refused) with the per-event result JSON as first answered, unique per (credential, eventId);
REWARD rows written by the server have no eventId. ``note`` is the reason given with a
correction or the terminal's note on an event; ``flag`` is ``policy`` for an event the
terminal's scan policy held for a manager before it was sent.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from server.db.types import UtcDateTime

ACTIVE = "ACTIVE"
REDEEMED = "REDEEMED"
DELETED = "DELETED"
EXPIRED = "EXPIRED"
"""Stored statuses of card and reward instances (the API's values)."""

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime(),
        str: String(),
        Decimal: Numeric(18, 4),
    }


class Merchant(Base):
    __tablename__ = "merchants"

    id: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str]
    image_url: Mapped[str | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    timezone: Mapped[str | None]
    """The shop's IANA time zone (``Europe/Berlin``) for the dashboard's days; NULL is UTC."""


class Store(Base):
    __tablename__ = "stores"

    id: Mapped[str] = mapped_column(primary_key=True)
    merchant_id: Mapped[str] = mapped_column(ForeignKey("merchants.id"), index=True)
    name: Mapped[str]
    street1: Mapped[str | None]
    city: Mapped[str | None]
    state: Mapped[str | None]
    zip_code: Mapped[str | None]
    country: Mapped[str | None]
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    created_at: Mapped[datetime]


class App(Base):
    """An API client of a merchant: ``api-key`` for seed 002, appId/appSecret for seed 001."""

    __tablename__ = "apps"

    id: Mapped[str] = mapped_column(primary_key=True)
    app_id: Mapped[str] = mapped_column(unique=True)
    merchant_id: Mapped[str | None] = mapped_column(ForeignKey("merchants.id"), index=True)
    name: Mapped[str]
    api_key_hash: Mapped[str] = mapped_column(unique=True)
    app_secret: Mapped[str]
    created_at: Mapped[datetime]


class User(Base):
    """A customer holding cards; ``user_ref`` is seed 000's userId (unique per merchant)."""

    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("merchant_id", "user_ref"),)

    id: Mapped[str] = mapped_column(primary_key=True)
    merchant_id: Mapped[str | None] = mapped_column(ForeignKey("merchants.id"))
    user_ref: Mapped[str | None]
    name: Mapped[str | None]
    phone: Mapped[str | None] = mapped_column(index=True)
    email: Mapped[str | None]
    etc1: Mapped[str | None]
    etc2: Mapped[str | None]
    created_at: Mapped[datetime]


class Credential(Base):
    """A bearer token: ``terminal`` (bound to a merchant) or ``customer`` (bound to a user)."""

    __tablename__ = "credentials"

    id: Mapped[str] = mapped_column(primary_key=True)
    kind: Mapped[str]
    token_hash: Mapped[str] = mapped_column(unique=True)
    merchant_id: Mapped[str | None] = mapped_column(ForeignKey("merchants.id"), index=True)
    user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str]
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


class Member(Base):
    """A member registered through seed 001, unique by ``number`` within its app."""

    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("app_pk", "number"),)

    id: Mapped[str] = mapped_column(primary_key=True)
    app_pk: Mapped[str] = mapped_column(ForeignKey("apps.id"))
    number: Mapped[str]
    category_name: Mapped[str | None]
    name: Mapped[str | None]
    point: Mapped[Decimal]
    discount: Mapped[Decimal]
    balance: Mapped[Decimal]
    phone: Mapped[str | None] = mapped_column(index=True)
    birthday: Mapped[str | None]
    qq: Mapped[str | None]
    email: Mapped[str | None]
    address: Mapped[str | None]
    remarks: Mapped[str | None]
    on_account: Mapped[int]
    enable: Mapped[int]
    password_hash: Mapped[str | None]
    created_at: Mapped[datetime]


class SignatureNonce(Base):
    """A seed 001 signature already accepted, kept to refuse its replay."""

    __tablename__ = "signature_nonces"
    __table_args__ = (UniqueConstraint("app_pk", "signature"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    app_pk: Mapped[str] = mapped_column(ForeignKey("apps.id"))
    signature: Mapped[str]
    seen_at: Mapped[datetime] = mapped_column(index=True)


class StampCard(Base):
    """A stamp card program; ``stamp_count`` is its largest reward threshold.

    ``revision`` goes up with every change to the stamp card, its stamps or its rewards; the
    server caches a stamp card's rules by it.
    """

    __tablename__ = "stamp_cards"

    id: Mapped[str] = mapped_column(primary_key=True)
    idx: Mapped[int] = mapped_column(unique=True)
    merchant_id: Mapped[str] = mapped_column(ForeignKey("merchants.id"), index=True)
    name: Mapped[str]
    stamp_type: Mapped[str]
    stamp_count: Mapped[int]
    tnc: Mapped[str | None]
    available_store: Mapped[str | None]
    website_url: Mapped[str | None]
    phone_number: Mapped[str | None]
    information: Mapped[str | None]
    is_publish_to_market: Mapped[str]
    background_image_url: Mapped[str | None]
    stamp_area_image_url: Mapped[str | None]
    start_date: Mapped[datetime | None]
    end_date: Mapped[datetime | None]
    catalog_description: Mapped[str | None]
    service_id: Mapped[str | None]
    wallet_id: Mapped[str | None]
    card_validity_days: Mapped[int]
    cooldown_seconds: Mapped[int]
    max_stamps_per_day: Mapped[int]
    revision: Mapped[int]
    created_at: Mapped[datetime]


class Reward(Base):
    __tablename__ = "rewards"

    id: Mapped[str] = mapped_column(primary_key=True)
    stamp_card_id: Mapped[str] = mapped_column(ForeignKey("stamp_cards.id"), index=True)
    name: Mapped[str]
    threshold: Mapped[int]
    image_url: Mapped[str | None]
    reward_message: Mapped[str | None]
    reward_description: Mapped[str | None]
    validity_days: Mapped[int]
    created_at: Mapped[datetime]


class Stamp(Base):
    """Stamp master data: a value a scan presents, the stamps it awards, its event type."""

    __tablename__ = "stamps"
    __table_args__ = (UniqueConstraint("stamp_card_id", "stamp_value"),)

    id: Mapped[str] = mapped_column(primary_key=True)
    stamp_card_id: Mapped[str] = mapped_column(ForeignKey("stamp_cards.id"))
    stamp_value: Mapped[str]
    state: Mapped[str]
    award_stamps: Mapped[int]
    reward_id: Mapped[str | None] = mapped_column(ForeignKey("rewards.id"))
    event_type: Mapped[str]
    created_at: Mapped[datetime]


class CardInstance(Base):
    """A customer's card; ``merchant_id`` repeats the stamp card's for tenant checks."""

    __tablename__ = "card_instances"

    id: Mapped[str] = mapped_column(primary_key=True)
    stamp_card_id: Mapped[str] = mapped_column(ForeignKey("stamp_cards.id"), index=True)
    merchant_id: Mapped[str] = mapped_column(ForeignKey("merchants.id"), index=True)
    user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), index=True)
    current_stamps: Mapped[int]
    status: Mapped[str]
    active: Mapped[bool]
    issue_date: Mapped[datetime]
    start_date: Mapped[datetime]
    update_time: Mapped[datetime]
    expiration_date: Mapped[datetime | None]
    sequence: Mapped[int | None]
    domain: Mapped[str | None]
    memo: Mapped[str | None]


class RewardInstance(Base):
    __tablename__ = "reward_instances"

    id: Mapped[str] = mapped_column(primary_key=True)
    card_instance_id: Mapped[str] = mapped_column(ForeignKey("card_instances.id"), index=True)
    reward_id: Mapped[str] = mapped_column(ForeignKey("rewards.id"))
    status: Mapped[str]
    rewarded_time: Mapped[datetime]
    expiration_date: Mapped[datetime | None]
    updated_at: Mapped[datetime]


class Tag(Base):
    """An NFC tag UID registered to a card, per merchant."""

    __tablename__ = "tags"

    merchant_id: Mapped[str] = mapped_column(ForeignKey("merchants.id"), primary_key=True)
    tag_uid: Mapped[str] = mapped_column(primary_key=True)
    card_instance_id: Mapped[str] = mapped_column(ForeignKey("card_instances.id"), index=True)
    created_at: Mapped[datetime]


class Event(Base):
    """A reported event (applied or refused) or a REWARD written by the server."""

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("credential_id", "event_id"),
        Index(None, "card_instance_id", "event_time"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    credential_id: Mapped[str | None] = mapped_column(ForeignKey("credentials.id"))
    event_id: Mapped[str | None]
    card_instance_id: Mapped[str | None] = mapped_column(ForeignKey("card_instances.id"))
    event_type: Mapped[str]
    event_time: Mapped[datetime]
    stamp_id: Mapped[str | None]
    stamp_value: Mapped[str | None]
    reward_instance_id: Mapped[str | None]
    stamps_delta: Mapped[int]
    result_code: Mapped[int]
    result_json: Mapped[str | None] = mapped_column(Text)
    request_hash: Mapped[str | None]
    received_at: Mapped[datetime]
    note: Mapped[str | None] = mapped_column(Text, default=None)
    flag: Mapped[str | None] = mapped_column(default=None)


Index(None, Event.received_at, Event.credential_id)
"""For the dashboard's "events today" and "last sync" of a terminal. ``received_at`` leads on
purpose: an index led by ``credential_id`` competes with the unique (credential_id, event_id)
index that the duplicate check probes, and on a fresh PostgreSQL table without statistics the
planner picked it and scanned every event of the terminal for each eventId."""


class MerchantUser(Base):
    """A login to the merchant dashboard; ``credential_id`` is the credential under which the
    user's corrections are recorded as events (made at the first correction)."""

    __tablename__ = "merchant_users"

    id: Mapped[str] = mapped_column(primary_key=True)
    merchant_id: Mapped[str] = mapped_column(ForeignKey("merchants.id"), index=True)
    email: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str | None]
    password_hash: Mapped[str]
    credential_id: Mapped[str | None] = mapped_column(ForeignKey("credentials.id"))
    created_at: Mapped[datetime]
    last_login_at: Mapped[datetime | None] = mapped_column(default=None)


class WebSession(Base):
    """A signed-in browser; only the SHA-256 digest of the cookie's session id is stored."""

    __tablename__ = "web_sessions"

    id_hash: Mapped[str] = mapped_column(primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("merchant_users.id"), index=True)
    csrf_token: Mapped[str]
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class LoginAttempt(Base):
    """One try to sign in, kept for the login rate limit (by e-mail and by address)."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index(None, "email", "at"), Index(None, "address", "at"))

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    email: Mapped[str]
    address: Mapped[str]
    succeeded: Mapped[bool]
    at: Mapped[datetime]


class EventReview(Base):
    """A merchant's decision on a refused event of the review queue."""

    __tablename__ = "event_reviews"

    event_pk: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), ForeignKey("events.id"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(ForeignKey("merchant_users.id"))
    decision: Mapped[str]
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime]
