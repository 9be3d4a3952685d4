"""Signed-in browsers: a random session id in an HttpOnly, SameSite=Lax cookie (``Secure`` and
``__Host-`` prefixed when the server's public URL is https), stored only as its SHA-256 digest,
with a CSRF token per session that every form posts back.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from server.auth import digest
from server.db import tables as t
from server.web.shop_time import DEFAULT_ZONE, usable_zone_name

SESSION_LIFETIME = timedelta(hours=12)
COOKIE_NAME = "stamp_session"
SECURE_COOKIE_NAME = "__Host-stamp_session"


def cookie_name(secure: bool) -> str:
    return SECURE_COOKIE_NAME if secure else COOKIE_NAME


@dataclass(frozen=True, slots=True)
class Viewer:
    """The signed-in dashboard user of a request, with the merchant's time zone (an IANA name
    the server can use; the dashboard's days and times follow it)."""

    user_id: str
    email: str
    merchant_id: str
    merchant_name: str
    csrf_token: str
    timezone: str = DEFAULT_ZONE


def start_session(session: Session, user_id: str, now: datetime) -> str:
    """A new session of ``user_id``; returns the cookie value (the only copy of the id)."""
    session_id = secrets.token_urlsafe(32)
    session.add(
        t.WebSession(
            id_hash=digest(session_id),
            user_id=user_id,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            expires_at=now + SESSION_LIFETIME,
        )
    )
    session.execute(delete(t.WebSession).where(t.WebSession.expires_at < now))
    return session_id


def find_viewer(session: Session, session_id: str, now: datetime) -> Viewer | None:
    """The viewer of a cookie's session id, or None (unknown or expired)."""
    if not session_id or len(session_id) > 100:
        return None
    row = session.execute(
        select(t.WebSession, t.MerchantUser, t.Merchant.name, t.Merchant.timezone)
        .join(t.MerchantUser, t.MerchantUser.id == t.WebSession.user_id)
        .join(t.Merchant, t.Merchant.id == t.MerchantUser.merchant_id)
        .where(t.WebSession.id_hash == digest(session_id))
    ).one_or_none()
    if row is None:
        return None
    web_session, user, merchant_name, zone_name = row
    if web_session.expires_at <= now:
        return None
    return Viewer(
        user.id,
        user.email,
        user.merchant_id,
        merchant_name,
        web_session.csrf_token,
        usable_zone_name(zone_name),
    )


def end_session(session: Session, session_id: str) -> None:
    session.execute(delete(t.WebSession).where(t.WebSession.id_hash == digest(session_id)))


def end_all_sessions(session: Session, user_id: str) -> None:
    """Sign ``user_id`` out on every browser (after a password change, or when asked to)."""
    session.execute(delete(t.WebSession).where(t.WebSession.user_id == user_id))
