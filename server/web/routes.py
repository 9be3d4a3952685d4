"""Mounting the web pages on the application: static files, the card page, the dashboard."""

from __future__ import annotations

from fastapi import FastAPI, Request
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles

from server.api.envelopes import http_error
from server.web import (
    account,
    card_page,
    customers,
    dashboard_login,
    overview,
    review,
    stamp_cards,
    terminals,
)
from server.web.card_page import not_valid_page
from server.web.card_texts import choose_language
from server.web.pages import install_page_handlers, not_found_page
from server.web.templating import STATIC


async def _http_error(request: Request, exc: Exception) -> Response:
    """A path no route takes: under ``/c/`` the customer's "not a valid card" page, under
    ``/dashboard`` the dashboard's "not found" page (both 404), elsewhere the API's envelope."""
    assert isinstance(exc, HTTPException)
    path = request.url.path
    if exc.status_code in (404, 405) and path.startswith("/c/"):
        return not_valid_page(choose_language(request.headers.get("accept-language")))
    if exc.status_code in (404, 405) and path.startswith("/dashboard"):
        return not_found_page()
    return await http_error(request, exc)


def mount_web(app: FastAPI) -> None:
    install_page_handlers(app)
    app.add_exception_handler(HTTPException, _http_error)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(card_page.router)
    app.include_router(dashboard_login.router)
    app.include_router(overview.router)
    app.include_router(customers.router)
    app.include_router(review.router)
    app.include_router(stamp_cards.router)
    app.include_router(terminals.router)
    app.include_router(account.router)
