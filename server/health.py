"""Health and readiness for load balancers and service managers (extensions, no credentials).

- ``GET /healthz``: the process is alive and serving; no database access. Always 200
  ``{"status": "ok"}``.
- ``GET /readyz``: the database answers and its schema is at the revision this server needs:
  200 ``{"status": "ok", "revision": "<alembic head>"}``; otherwise 503
  ``{"status": "unavailable", "reason": "<what is wrong and what to do>"}`` (never a stack
  trace, never the database URL).

One readiness check runs at a time per process: callers that come while one is running share
its answer, so a hung database ties up at most one thread however often the probe asks.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from typing import Literal

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from server.db.engine import Database
from server.db.migrate import current_revision, head_revision

log = logging.getLogger(__name__)

READY_TIMEOUT_SECONDS = 5.0
MIGRATE_HINT = "run `stamp-server migrate` with the version of the server that is installed"

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: Literal["ok"]


class Readiness(BaseModel):
    status: Literal["ok", "unavailable"]
    revision: str | None = None
    reason: str | None = None


class ReadinessCheck:
    """The database's answer to "are you there, and at my schema?", one check at a time."""

    def __init__(self, db: Database, timeout: float = READY_TIMEOUT_SECONDS) -> None:
        self._db = db
        self._timeout = timeout
        self._running: asyncio.Future[str | None] | None = None

    async def problem(self) -> str | None:
        """None when ready, else the reason it is not."""
        loop = asyncio.get_running_loop()
        running = self._running
        if running is None or running.done() or running.get_loop() is not loop:
            self._running = running = loop.run_in_executor(None, self._check)
        try:
            return await asyncio.wait_for(asyncio.shield(running), self._timeout)
        except TimeoutError:
            return f"the database did not answer within {self._timeout:g} s"

    @property
    def head(self) -> str:
        return _head()

    def _check(self) -> str | None:
        try:
            revision = current_revision(self._db.engine)
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready", said plainly
            log.warning("Readiness: the database cannot be reached (%s)", type(exc).__name__)
            return f"the database cannot be reached ({type(exc).__name__})"
        if revision is None:
            return f"the database has no schema yet: {MIGRATE_HINT}"
        if revision != self.head:
            return (
                f"the database is at schema revision {revision}, this server needs "
                f"{self.head}: {MIGRATE_HINT}"
            )
        return None


@functools.cache
def _head() -> str:
    """The newest shipped revision (read from the migrations once per process)."""
    return head_revision()


@router.get("/healthz", response_model=Health, summary="The process is alive (no database)")
async def healthz() -> Health:
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Readiness,
    responses={503: {"model": Readiness, "description": "Not ready; `reason` says why"}},
    summary="The database answers and is at this server's schema revision",
)
async def readyz(request: Request) -> JSONResponse:
    check: ReadinessCheck = request.app.state.readiness
    problem = await check.problem()
    if problem is None:
        return JSONResponse({"status": "ok", "revision": check.head})
    return JSONResponse({"status": "unavailable", "reason": problem}, status_code=503)


def mount_health(app: FastAPI, db: Database) -> None:
    """Add ``/healthz`` and ``/readyz`` to ``app``, readiness judged on ``db``."""
    app.state.readiness = ReadinessCheck(db)
    app.include_router(router)
