"""The dashboard's account and shop settings page.

- ``GET /dashboard/account``: the signed-in user's e-mail, the password form, the shop's time
  zone and "sign out everywhere".
- ``POST /dashboard/account/password``: the current password and the new one twice
  (``server.web.accounts.change_password``: a wrong current password counts as a failed
  sign-in, with the login page's limits). On success every session of the user ends and this
  browser gets a new session (a new id and CSRF token), so a session cookie someone else may
  hold stops working; a refused change shows the form again with a message per field (400, or
  429 after too many wrong passwords). Typed passwords are never written back into the page.
- ``POST /dashboard/account/timezone``: the merchant's time zone, one of
  ``server.web.shop_time.zone_names()`` (anything else: 400, nothing changed). It is the
  merchant's, so it changes the dashboard of every login of the shop.
- ``POST /dashboard/account/sign-out-everywhere``: ends every session of the user, this one
  included, and shows ``GET /dashboard/signed-out``.

Every POST carries the session's CSRF token (``CheckedForm``) and answers with a redirect (303)
to a page with a fixed notice.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from server.db import tables as t
from server.services import Services, ServicesDep
from server.web.accounts import PasswordRefused, change_password
from server.web.pages import (
    CheckedForm,
    FormError,
    ViewerDep,
    client_address,
    field,
    redirect,
    redirect_signed_in,
    redirect_signed_out,
)
from server.web.passwords import MIN_PASSWORD_LENGTH
from server.web.sessions import (
    Viewer,
    end_all_sessions,
    start_session,
)
from server.web.shop_time import is_zone_name, zone_names
from server.web.templating import render

router = APIRouter(prefix="/dashboard", include_in_schema=False)
ACCOUNT_PATH = "/dashboard/account"
SIGNED_OUT_PATH = "/dashboard/signed-out"
SECTION = "account"
PASSWORD_FIELDS = ("current_password", "new_password", "new_password_again")
MAX_PASSWORD_FIELD = 1024 * 4
"""A posted password longer than this is cut; the password rules refuse it anyway."""

NOTICES = {
    "password": (
        "Your password was changed. You are still signed in on this browser; every other "
        "browser and device was signed out."
    ),
    "timezone": "The time zone was saved. The dashboard's days and times now follow it.",
}
"""The fixed messages a ``?done=`` parameter may ask for."""


def _page(
    services: Services,
    viewer: Viewer,
    *,
    notice: str | None = None,
    password_errors: dict[str, str] | None = None,
    zone_value: str | None = None,
    zone_error: str | None = None,
    status_code: int = 200,
) -> Response:
    context: dict[str, Any] = {
        "viewer": viewer,
        "section": SECTION,
        "notice": notice,
        "now": services.now(),
        "password_errors": password_errors or {},
        "min_password": MIN_PASSWORD_LENGTH,
        "zone_names": zone_names(),
        "zone_value": zone_value if zone_value is not None else viewer.timezone,
        "zone_error": zone_error,
    }
    return render("account.html", context, status_code=status_code)


@router.get("/account")
def account(viewer: ViewerDep, services: ServicesDep, done: str | None = None) -> Response:
    return _page(services, viewer, notice=NOTICES.get(done or ""))


def _secret(form: FormData, name: str) -> str:
    """A password field as typed (not stripped: spaces may be part of a password)."""
    value = form.get(name)
    return value[:MAX_PASSWORD_FIELD] if isinstance(value, str) else ""


def _change(
    services: Services, viewer: Viewer, typed: dict[str, str], address: str
) -> str | PasswordRefused:
    """The new session id after the change, or why there was none (committed either way:
    a wrong current password is recorded)."""
    with services.db.write() as session:
        now = services.now()
        refused = change_password(
            session,
            now,
            user_id=viewer.user_id,
            current=typed["current_password"],
            new=typed["new_password"],
            again=typed["new_password_again"],
            address=address,
        )
        if refused is not None:
            return refused
        return start_session(session, viewer.user_id, now)


@router.post("/account/password")
def new_password(
    request: Request, viewer: ViewerDep, form: CheckedForm, services: ServicesDep
) -> Response:
    typed = {name: _secret(form, name) for name in PASSWORD_FIELDS}
    outcome = _change(services, viewer, typed, client_address(request))
    if isinstance(outcome, PasswordRefused):
        status = 429 if outcome.too_many else 400
        return _page(services, viewer, password_errors=outcome.errors, status_code=status)
    return redirect_signed_in(f"{ACCOUNT_PATH}?done=password", outcome, services)


def _zone_field(form: FormData) -> str:
    """The chosen time zone: one of the list's names exactly, else FormError."""
    name = field(form, "timezone", max_length=100)
    if not is_zone_name(name):
        raise FormError("timezone", "Choose a time zone from the list.")
    return name


@router.post("/account/timezone")
def shop_zone(viewer: ViewerDep, form: CheckedForm, services: ServicesDep) -> Response:
    typed = form.get("timezone")
    try:
        name = _zone_field(form)
    except FormError as error:
        shown = typed.strip()[:100] if isinstance(typed, str) else ""
        return _page(services, viewer, zone_value=shown, zone_error=str(error), status_code=400)
    with services.db.write() as session:
        merchant = session.get(t.Merchant, viewer.merchant_id)
        if merchant is not None:
            merchant.timezone = name
    return redirect(f"{ACCOUNT_PATH}?done=timezone")


@router.post("/account/sign-out-everywhere")
def sign_out_everywhere(viewer: ViewerDep, form: CheckedForm, services: ServicesDep) -> Response:
    with services.db.write() as session:
        end_all_sessions(session, viewer.user_id)
    return redirect_signed_out(SIGNED_OUT_PATH, services)


@router.get("/signed-out")
def signed_out() -> Response:
    """Shown after "sign out everywhere" (nobody is signed in any more, so no dashboard)."""
    return render("signed_out.html", {})
