"""The Digital stamp API v2 (seed 002) and the terminal's extensions, mounted under both prefixes.

The document writes its URLs both as ``/stamp/{version}/<op>`` and ``/stampcard/v2/<op>``;
both ``/stamp/v2`` and ``/stampcard/v2`` serve every operation, and ``getCouponDetail`` is an
alias of ``getRewards``.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

from server.api import catalog, extensions, history, stamp_events, wallet

PREFIXES = ("/stamp/v2", "/stampcard/v2")
OPERATIONS = (
    "addCard",
    "getCards",
    "getCatalog",
    "getEventHistory",
    "getMerchants",
    "getRewards",
    "getStamps",
    "removeCard",
    "reportMultiStampEvents",
    "reportStampEvent",
    "updateCardSequences",
)
ALIASES = {"getCouponDetail": "getRewards"}
EXTENSIONS = ("lookupCard", "registerTag", "getServerTime", "getCardSigningKey", "getMasterData")


def stamp_router() -> APIRouter:
    """Every seed 002 operation and extension, relative to a prefix."""
    router = APIRouter()
    for part in (wallet, catalog, history, stamp_events, extensions):
        router.include_router(part.router)
    return router


def mount_stamp_api(app: FastAPI) -> None:
    router = stamp_router()
    for prefix in PREFIXES:
        app.include_router(router, prefix=prefix)
