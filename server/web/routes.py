"""Mounting the web pages on the application: static files, the card page, the dashboard."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

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
from server.web.pages import install_page_handlers
from server.web.templating import STATIC


def mount_web(app: FastAPI) -> None:
    install_page_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(card_page.router)
    app.include_router(dashboard_login.router)
    app.include_router(overview.router)
    app.include_router(customers.router)
    app.include_router(review.router)
    app.include_router(stamp_cards.router)
    app.include_router(terminals.router)
    app.include_router(account.router)
