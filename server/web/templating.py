"""The Jinja2 environment of the web pages (autoescaped HTML) and the response helper."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.responses import HTMLResponse

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


def _date(value: datetime | None, pattern: str = "%Y-%m-%d") -> str:
    return value.strftime(pattern) if value is not None else ""


def _datetime(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value is not None else ""


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
