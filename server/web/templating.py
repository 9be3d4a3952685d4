"""The Jinja2 environment of the web pages (autoescaped HTML) and the response helper.

The filters ``datetime`` (``2026-11-25 18:04 CET``) and ``date`` (``2026-11-25``) show an
instant in the shop's time zone: the one of the page's ``viewer`` (the signed-in dashboard
user's merchant, ``Viewer.timezone``), or the zone given as argument; a page without a viewer
(the customer's card page, which writes its own dates) gets UTC.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from starlette.responses import HTMLResponse

from server.web.shop_time import DEFAULT_ZONE, format_date, format_datetime

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
"""Sent with every page: no inline script, no framing, no leaking the card URL as referrer."""


def page_zone(context: Context) -> str:
    """The time zone of a page: its viewer's, else UTC."""
    viewer = context.get("viewer")
    zone_name = getattr(viewer, "timezone", None)
    return zone_name if isinstance(zone_name, str) else DEFAULT_ZONE


@pass_context
def _date(context: Context, value: datetime | date | None, zone_name: str | None = None) -> str:
    if value is None:
        return ""
    return format_date(value, zone_name or page_zone(context))


@pass_context
def _datetime(context: Context, value: datetime | None, zone_name: str | None = None) -> str:
    if value is None:
        return ""
    return format_datetime(value, zone_name or page_zone(context))


environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html", "xml", "svg"], default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
environment.filters["date"] = _date
environment.filters["datetime"] = _datetime


def render(
    template: str,
    context: dict[str, Any],
    *,
    status_code: int = 200,
    private: bool = True,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """The page ``template`` with ``context``, with the security headers; ``private`` pages
    (every page but static ones) are never stored by a cache."""
    body = environment.get_template(template).render(context)
    all_headers = dict(SECURITY_HEADERS)
    if private:
        all_headers["Cache-Control"] = "no-store"
    if headers:
        all_headers.update(headers)
    return HTMLResponse(body, status_code=status_code, headers=all_headers)
