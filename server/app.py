"""The FastAPI application: ``create_app(settings)`` builds one, ``app_from_env`` for uvicorn.

/openapi.json describes what is really returned: the documented bodies, the error envelopes
with their 400/401/403/404/409 statuses, the ``api-key`` and bearer security schemes (both
required together), and no FastAPI 422 (validation errors are answered 400 with a code of the
error table). ``GET /healthz`` and ``GET /readyz`` (``server.health``) answer without
credentials; the web pages (card page, merchant dashboard) are in ``server.web``; every request
is logged by ``server.access_log``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app import __version__
from server.access_log import AccessLog
from server.api import issue_card, members
from server.api.envelopes import install_error_handlers
from server.api.stamp_v2 import mount_stamp_api
from server.db.engine import Database
from server.health import mount_health
from server.services import Clock, Services, utc_now
from server.settings import Settings
from server.signing_key import load_or_create_signing_key
from server.web.routes import mount_web

DESCRIPTION = (
    "Reference implementation of the Digital stamp API v2 (seed 002), issuing cards to "
    "customers (seed 000) and registering members (seed 001), with the extensions a stamp "
    "terminal needs. See docs/server-api.md."
)
UNUSED_SCHEMAS = ("HTTPValidationError", "ValidationError")


class StampServerApp(FastAPI):
    """FastAPI whose OpenAPI document leaves out the 422 responses it never sends."""

    def openapi(self) -> dict[str, Any]:
        if self.openapi_schema:
            return self.openapi_schema
        schema = get_openapi(
            title=self.title,
            version=self.version,
            description=self.description,
            routes=self.routes,
        )
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                operation.get("responses", {}).pop("422", None)
                _require_all_schemes(operation)
        components = schema.get("components", {}).get("schemas", {})
        for name in UNUSED_SCHEMAS:
            components.pop(name, None)
        self.openapi_schema = schema
        return schema


def _require_all_schemes(operation: dict[str, Any]) -> None:
    """One security requirement with every scheme: ``api-key`` AND the bearer token.

    FastAPI lists each ``Security`` dependency as its own requirement, which OpenAPI reads as
    "either one is enough"; the server needs both.
    """
    requirements = operation.get("security")
    if not requirements or len(requirements) < 2:
        return
    merged: dict[str, list[str]] = {}
    for requirement in requirements:
        merged.update(requirement)
    operation["security"] = [merged]


def create_app(settings: Settings, *, clock: Clock | None = None) -> FastAPI:
    """An application on ``settings``' database (which must be migrated already)."""
    database = Database(settings.database_url)
    try:
        key = load_or_create_signing_key(settings.signing_key_path)
    except BaseException:
        database.dispose()
        raise
    services = Services(settings, database, key, clock or utc_now)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            database.dispose()

    app = StampServerApp(
        title="Stamp server", version=__version__, description=DESCRIPTION, lifespan=lifespan
    )
    app.state.services = services
    install_error_handlers(app)
    mount_stamp_api(app)
    app.include_router(issue_card.router)
    app.include_router(members.router)
    mount_health(app, database)
    mount_web(app)
    app.add_middleware(AccessLog)
    return app


def app_from_env() -> FastAPI:
    """The application for ``STAMP_SERVER_*`` settings (uvicorn's factory)."""
    return create_app(Settings.from_env())
