"""The dashboard's terminals: the merchant's terminal credentials with their last sync and
today's events, a new terminal (its settings shown once), and revoking one.

"Events today" counts from the shop's last midnight, in the merchant's time zone.

A terminal is a credential of kind ``terminal`` of the viewer's merchant (dashboard and customer
credentials are not). Its token is stored only as its SHA-256 digest, so the page that shows it
after it was made is the only place it ever appears; the same holds for the API key, which a new
terminal can get with it (an app of its own, as ``stamp-server app create`` makes): a shop owner
setting up a counter PC needs the server address, an API key and the token together, and the
key of an older app cannot be shown again. A revoked token is refused by this process at once
(its authentication cache is cleared) and by other processes when their cache entry ends
(``server.auth_cache``: at most 5 seconds).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import APIRouter
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.responses import Response

from server import admin
from server.auth import TERMINAL
from server.db import tables as t
from server.services import Services, ServicesDep
from server.web.pages import CheckedForm, FormError, PageNotFound, ViewerDep, field, redirect
from server.web.sessions import Viewer
from server.web.shop_time import DEFAULT_ZONE, day_start, local_day
from server.web.templating import render

BASE = "/dashboard/terminals"
SECTION = "terminals"
router = APIRouter(prefix=BASE, include_in_schema=False)

NOTICES = {
    "revoked": (
        "The terminal was revoked. This server refuses its token from now on; other server "
        "processes refuse it within 5 seconds."
    ),
}
"""The fixed messages a ``?done=`` parameter may ask for."""


@dataclass(frozen=True, slots=True)
class TerminalRow:
    id: str
    name: str
    created_at: datetime
    last_sync: datetime | None
    events_today: int
    revoked_at: datetime | None


@dataclass(frozen=True, slots=True)
class NewTerminal:
    """What the page after creating a terminal shows, once."""

    name: str
    token: str
    server_url: str
    api_key: str | None
    app_id: str | None
    app_secret: str | None
    existing_app_ids: list[str]


def start_of_day(now: datetime, zone_name: str = DEFAULT_ZONE) -> datetime:
    """The UTC instant of the shop's last midnight before ``now`` (in ``zone_name``)."""
    return day_start(local_day(now, zone_name), zone_name)


def list_terminals(
    session: Session, merchant_id: str, now: datetime, zone_name: str = DEFAULT_ZONE
) -> list[TerminalRow]:
    """The merchant's terminals, newest first, with the time of their latest report (the last
    sync) and how many events they reported since the shop's midnight (in ``zone_name``; the
    REWARD rows the server writes next to an event are not reports and are not counted)."""
    terminals = list(
        session.scalars(
            select(t.Credential)
            .where(t.Credential.kind == TERMINAL, t.Credential.merchant_id == merchant_id)
            .order_by(t.Credential.created_at.desc(), t.Credential.id)
        )
    )
    ids = [terminal.id for terminal in terminals]
    last_sync: dict[str, datetime] = {}
    for credential_id in ids:
        # One max() per terminal: PostgreSQL reads it backwards off the received_at index.
        received = session.scalar(
            select(func.max(t.Event.received_at)).where(t.Event.credential_id == credential_id)
        )
        if received is not None:
            last_sync[credential_id] = received
    today: dict[str, int] = {
        credential_id: count
        for credential_id, count in session.execute(
            select(t.Event.credential_id, func.count())
            .where(
                t.Event.credential_id.in_(ids),
                t.Event.received_at >= start_of_day(now, zone_name),
                t.Event.event_id.is_not(None),
            )
            .group_by(t.Event.credential_id)
        )
        if credential_id is not None
    }
    return [
        TerminalRow(
            id=terminal.id,
            name=terminal.name,
            created_at=terminal.created_at,
            last_sync=last_sync.get(terminal.id),
            events_today=today.get(terminal.id, 0),
            revoked_at=terminal.revoked_at,
        )
        for terminal in terminals
    ]


def app_ids(session: Session, merchant_id: str) -> list[str]:
    return list(
        session.scalars(
            select(t.App.app_id).where(t.App.merchant_id == merchant_id).order_by(t.App.created_at)
        )
    )


def create_terminal(
    session: Session, now: datetime, viewer: Viewer, name: str, *, new_api_key: bool, url: str
) -> NewTerminal:
    """A new terminal of the viewer's merchant, with a new API key (an app of its own) when
    asked for."""
    existing = app_ids(session, viewer.merchant_id)
    _credential, token = admin.create_terminal(
        session, now, merchant_id=viewer.merchant_id, name=name
    )
    if not new_api_key:
        return NewTerminal(name, token, url, None, None, None, existing)
    app, api_key, app_secret = admin.create_app_credentials(
        session, now, merchant_id=viewer.merchant_id, name=f"Terminal {name}"[:120]
    )
    return NewTerminal(name, token, url, api_key, app.app_id, app_secret, existing)


def revoke_terminal(session: Session, now: datetime, merchant_id: str, terminal_id: str) -> None:
    """Revoke the merchant's terminal (once: a second revoke keeps the first date), else
    PageNotFound."""
    terminal = session.scalar(
        select(t.Credential).where(
            t.Credential.id == terminal_id.strip().lower(),
            t.Credential.kind == TERMINAL,
            t.Credential.merchant_id == merchant_id,
        )
    )
    if terminal is None:
        raise PageNotFound()
    if terminal.revoked_at is None:
        terminal.revoked_at = now


def _list_page(
    services: Services,
    viewer: Viewer,
    *,
    notice: str | None = None,
    name: str = "",
    new_api_key: bool = True,
    error: str | None = None,
) -> Response:
    with services.db.read() as session:
        rows = list_terminals(session, viewer.merchant_id, services.now(), viewer.timezone)
    context: dict[str, Any] = {
        "viewer": viewer,
        "section": SECTION,
        "notice": notice,
        "terminals": rows,
        "name": name,
        "new_api_key": new_api_key,
        "error": error,
    }
    return render("terminals.html", context, status_code=400 if error else 200)


@router.get("")
def terminals(viewer: ViewerDep, services: ServicesDep, done: str | None = None) -> Response:
    return _list_page(services, viewer, notice=NOTICES.get(done or ""))


@router.post("")
def new_terminal(viewer: ViewerDep, form: CheckedForm, services: ServicesDep) -> Response:
    new_api_key = form.get("new_api_key") is not None
    try:
        name = field(form, "name", max_length=100)
    except FormError as error:
        typed = form.get("name")
        return _list_page(
            services,
            viewer,
            name=typed if isinstance(typed, str) else "",
            new_api_key=new_api_key,
            error=str(error),
        )
    with services.db.write() as session:
        created = create_terminal(
            session,
            services.now(),
            viewer,
            name,
            new_api_key=new_api_key,
            url=services.settings.public_url,
        )
    context = {"viewer": viewer, "section": SECTION, "terminal": created}
    return render("terminal_created.html", context)


@router.post("/{terminal_id}/revoke")
def revoke(
    terminal_id: str, viewer: ViewerDep, form: CheckedForm, services: ServicesDep
) -> Response:
    with services.db.write() as session:
        revoke_terminal(session, services.now(), viewer.merchant_id, terminal_id)
    services.principals.clear()
    return redirect(f"{BASE}?done=revoked")
