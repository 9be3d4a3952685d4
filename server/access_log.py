"""The access log: one ``server.access`` record per HTTP request, written when it ends.

The record's message is ``METHOD path status duration ms`` and it carries ``method``, ``path``
(as sent, without the query string, and without the signature of a card page's URL: that
signature is what lets anyone open the card), ``status`` and ``duration_ms`` as fields for the
JSON log (``server.logging_setup``). Headers, credentials and bodies are never looked at.
"""

from __future__ import annotations

import logging
import re
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("server.access")
CARD_SIGNATURE = re.compile(r"^(/c/[^/.]*)\.[^/]*")


def loggable_path(path: str) -> str:
    """``path`` without its query string and with a card URL's signature left out."""
    return CARD_SIGNATURE.sub(r"\1.(signature)", path.partition("?")[0], count=1)


class AccessLog:
    """ASGI middleware logging each request's method, path, status and duration."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not log.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()
        status = 500  # what the client gets if the application fails before it answers

        async def watch(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, watch)
        finally:
            elapsed = round((time.perf_counter() - began) * 1000, 1)
            method = str(scope.get("method", ""))
            raw = scope.get("raw_path")
            path = raw.decode("latin-1") if isinstance(raw, bytes) else str(scope.get("path", ""))
            path = loggable_path(path)
            log.info(
                "%s %s %d %.1f ms",
                method,
                path,
                status,
                elapsed,
                extra={"method": method, "path": path, "status": status, "duration_ms": elapsed},
            )
