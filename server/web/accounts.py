"""Dashboard logins: creating a merchant's user, signing in with the login rate limit, changing
a password, and the credential under which a user's corrections are recorded.

A sign-in is refused for an e-mail after ``MAX_FAILURES_PER_EMAIL`` failures within
``WINDOW``, and for a client address after ``MAX_FAILURES_PER_ADDRESS``; the refusal says when
to try again and never whether the e-mail exists.

Changing the password asks for the current one, and a wrong one counts as a failed sign-in of
the user's e-mail (the same ``LoginAttempt`` rows and limits): a stolen session cookie gives no
more guesses at the password than the login page does. A new password ends every session of
the user (the caller starts a new one for the browser that changed it) and forgets the failed
attempts of the e-mail.
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
from server.web.sessions import end_all_sessions

WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_EMAIL = 5
MAX_FAILURES_PER_ADDRESS = 20
KEEP_ATTEMPTS = timedelta(days=1)
BAD_LOGIN = "The e-mail address or the password is not right."
WRONG_CURRENT = "This is not your current password."
NO_CURRENT = "Enter your current password."
NEW_DIFFERS = "The two new passwords differ. Type the same new password twice."
NEW_SAME = "The new password is the same as the current one. Choose another."


@dataclass(frozen=True, slots=True)
class LoginRefused:
    """A sign-in that did not succeed, with the message for the login page."""

    message: str


@dataclass(frozen=True, slots=True)
class SignedIn:
    user_id: str
    merchant_id: str


@dataclass(frozen=True, slots=True)
class PasswordRefused:
    """A password change that was not made: a message per form field, and whether the user has
    to wait (too many wrong passwords)."""

    errors: dict[str, str]
    too_many: bool = False


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


def user_by_email(session: Session, email: str) -> t.MerchantUser | None:
    return session.scalar(
        select(t.MerchantUser).where(t.MerchantUser.email == normalize_email(email)[:320])
    )


def set_password(session: Session, user_id: str, password: str) -> None:
    """Replace a user's password, end all of the user's sessions and forget the failed
    sign-ins of the user's e-mail (an owner locked out by them can sign in at once)."""
    check_new_password(password)
    user = session.get(t.MerchantUser, user_id)
    if user is None:
        raise LookupError(f"no dashboard user with id {user_id!r}")
    user.password_hash = hash_password(password)
    end_all_sessions(session, user.id)
    session.execute(
        delete(t.LoginAttempt).where(t.LoginAttempt.email == user.email, ~t.LoginAttempt.succeeded)
    )


def _failures(
    session: Session, column: InstrumentedAttribute[str], value: str, since: datetime
) -> list[datetime]:
    query = (
        select(t.LoginAttempt.at)
        .where(column == value, t.LoginAttempt.at >= since, ~t.LoginAttempt.succeeded)
        .order_by(t.LoginAttempt.at)
    )
    return list(session.scalars(query))


def _wait_message(oldest: datetime, now: datetime, what: str) -> str:
    minutes = max(1, math.ceil((oldest + WINDOW - now).total_seconds() / 60))
    return f"Too many {what}. Try again in {minutes} minute{'s' if minutes > 1 else ''}."


def _rate_limited(
    session: Session, now: datetime, email: str, address: str, what: str
) -> str | None:
    """Why ``email`` or ``address`` may not try a password now (what to wait), or None."""
    since = now - WINDOW
    by_email = _failures(session, t.LoginAttempt.email, email, since)
    by_address = _failures(session, t.LoginAttempt.address, address, since)
    if len(by_email) >= MAX_FAILURES_PER_EMAIL:
        return _wait_message(by_email[-MAX_FAILURES_PER_EMAIL], now, what)
    if len(by_address) >= MAX_FAILURES_PER_ADDRESS:
        return _wait_message(by_address[-MAX_FAILURES_PER_ADDRESS], now, what)
    return None


def _record_attempt(
    session: Session, now: datetime, email: str, address: str, *, succeeded: bool
) -> None:
    session.add(t.LoginAttempt(email=email, address=address, succeeded=succeeded, at=now))
    session.execute(delete(t.LoginAttempt).where(t.LoginAttempt.at < now - KEEP_ATTEMPTS))


def sign_in(
    session: Session, now: datetime, *, email: str, password: str, address: str
) -> SignedIn | LoginRefused:
    """The user of ``email`` and ``password``, or why not. Every try is recorded, so the
    caller commits the session whatever the outcome."""
    wanted = normalize_email(email)[:320]
    waiting = _rate_limited(session, now, wanted, address, "failed sign-ins")
    if waiting is not None:
        return LoginRefused(waiting)
    user = session.scalar(select(t.MerchantUser).where(t.MerchantUser.email == wanted))
    matches = verify_password(password, user.password_hash if user else DUMMY_HASH)
    succeeded = user is not None and matches
    _record_attempt(session, now, wanted, address, succeeded=succeeded)
    if not succeeded or user is None:
        return LoginRefused(BAD_LOGIN)
    user.last_login_at = now
    return SignedIn(user.id, user.merchant_id)


def change_password(
    session: Session,
    now: datetime,
    *,
    user_id: str,
    current: str,
    new: str,
    again: str,
    address: str,
) -> PasswordRefused | None:
    """Set the user's password to ``new`` (typed twice, ``again``) if ``current`` is the
    password now (``set_password``: every session of the user ends); else why not, per field
    (``current_password``, ``new_password``, ``new_password_again``). A wrong current password
    is recorded as a failed sign-in, so the caller commits whatever the outcome."""
    user = session.get(t.MerchantUser, user_id)
    if user is None:
        raise LookupError(f"no dashboard user with id {user_id!r}")
    waiting = _rate_limited(session, now, user.email, address, "wrong passwords")
    if waiting is not None:
        return PasswordRefused({"current_password": waiting}, too_many=True)
    errors: dict[str, str] = {}
    if not current:
        errors["current_password"] = NO_CURRENT
    elif not verify_password(current, user.password_hash):
        _record_attempt(session, now, user.email, address, succeeded=False)
        errors["current_password"] = WRONG_CURRENT
    try:
        check_new_password(new)
    except ValueError as weak:
        errors["new_password"] = f"{str(weak).capitalize()}."
    else:
        if new != again:
            errors["new_password_again"] = NEW_DIFFERS
        elif "current_password" not in errors and new == current:
            errors["new_password"] = NEW_SAME
    if errors:
        return PasswordRefused(errors)
    set_password(session, user.id, new)
    return None


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
