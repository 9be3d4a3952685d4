"""Dashboard logins: creating a merchant's user, signing in with the login rate limit, and the
credential under which a user's corrections are recorded.

A sign-in is refused for an e-mail after ``MAX_FAILURES_PER_EMAIL`` failures within
``WINDOW``, and for a client address after ``MAX_FAILURES_PER_ADDRESS``; the refusal says when
to try again and never whether the e-mail exists.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from server.auth import DASHBOARD, digest, new_secret
from server.db import tables as t
from server.web.passwords import DUMMY_HASH, check_new_password, hash_password, verify_password

WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_EMAIL = 5
MAX_FAILURES_PER_ADDRESS = 20
KEEP_ATTEMPTS = timedelta(days=1)
BAD_LOGIN = "The e-mail address or the password is not right."


@dataclass(frozen=True, slots=True)
class LoginRefused:
    """A sign-in that did not succeed, with the message for the login page."""

    message: str


@dataclass(frozen=True, slots=True)
class SignedIn:
    user_id: str
    merchant_id: str


def normalize_email(email: str) -> str:
    return email.strip().lower()


def create_merchant_user(
    session: Session,
    now: datetime,
    *,
    merchant_id: str,
    email: str,
    password: str,
    name: str | None = None,
) -> t.MerchantUser:
    """A new dashboard login of ``merchant_id``; ValueError for a bad e-mail, a weak password
    or an e-mail already used, LookupError for an unknown merchant."""
    address = normalize_email(email)
    if "@" not in address or len(address) > 320 or any(c.isspace() for c in address):
        raise ValueError(f"{email!r} is not an e-mail address")
    check_new_password(password)
    merchant = session.get(t.Merchant, merchant_id.strip().upper())
    if merchant is None:
        raise LookupError(f"no merchant with id {merchant_id!r}")
    taken = session.scalar(select(t.MerchantUser.id).where(t.MerchantUser.email == address))
    if taken is not None:
        raise ValueError(f"a dashboard user with the e-mail {address} exists already")
    user = t.MerchantUser(
        id=str(uuid.uuid4()),
        merchant_id=merchant.id,
        email=address,
        name=name,
        password_hash=hash_password(password),
        credential_id=None,
        created_at=now,
    )
    session.add(user)
    return user


def set_password(session: Session, user_id: str, password: str) -> None:
    """Replace a user's password and end all of the user's sessions."""
    check_new_password(password)
    user = session.get(t.MerchantUser, user_id)
    if user is None:
        raise LookupError(f"no dashboard user with id {user_id!r}")
    user.password_hash = hash_password(password)
    session.execute(delete(t.WebSession).where(t.WebSession.user_id == user.id))


def _failures(
    session: Session, column: InstrumentedAttribute[str], value: str, since: datetime
) -> list[datetime]:
    query = (
        select(t.LoginAttempt.at)
        .where(column == value, t.LoginAttempt.at >= since, ~t.LoginAttempt.succeeded)
        .order_by(t.LoginAttempt.at)
    )
    return list(session.scalars(query))


def _wait_message(oldest: datetime, now: datetime) -> str:
    minutes = max(1, math.ceil((oldest + WINDOW - now).total_seconds() / 60))
    return f"Too many failed sign-ins. Try again in {minutes} minute{'s' if minutes > 1 else ''}."


def sign_in(
    session: Session, now: datetime, *, email: str, password: str, address: str
) -> SignedIn | LoginRefused:
    """The user of ``email`` and ``password``, or why not. Every try is recorded, so the
    caller commits the session whatever the outcome."""
    wanted = normalize_email(email)[:320]
    since = now - WINDOW
    by_email = _failures(session, t.LoginAttempt.email, wanted, since)
    by_address = _failures(session, t.LoginAttempt.address, address, since)
    if len(by_email) >= MAX_FAILURES_PER_EMAIL:
        return LoginRefused(_wait_message(by_email[-MAX_FAILURES_PER_EMAIL], now))
    if len(by_address) >= MAX_FAILURES_PER_ADDRESS:
        return LoginRefused(_wait_message(by_address[-MAX_FAILURES_PER_ADDRESS], now))
    user = session.scalar(select(t.MerchantUser).where(t.MerchantUser.email == wanted))
    matches = verify_password(password, user.password_hash if user else DUMMY_HASH)
    succeeded = user is not None and matches
    session.add(t.LoginAttempt(email=wanted, address=address, succeeded=succeeded, at=now))
    session.execute(delete(t.LoginAttempt).where(t.LoginAttempt.at < now - KEEP_ATTEMPTS))
    if not succeeded or user is None:
        return LoginRefused(BAD_LOGIN)
    user.last_login_at = now
    return SignedIn(user.id, user.merchant_id)


def dashboard_credential(session: Session, user: t.MerchantUser, now: datetime) -> str:
    """The id of the credential that records ``user``'s corrections (made on first use; its
    token is random and never shown, and the API refuses its kind)."""
    if user.credential_id is not None:
        return user.credential_id
    credential = t.Credential(
        id=str(uuid.uuid4()),
        kind=DASHBOARD,
        token_hash=digest(new_secret("dsh")),
        merchant_id=user.merchant_id,
        user_id=None,
        name=f"Dashboard ({user.email})",
        created_at=now,
    )
    session.add(credential)
    session.flush()
    user.credential_id = credential.id
    return credential.id
