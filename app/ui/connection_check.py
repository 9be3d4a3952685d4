"""The settings screen's "Test connection", without Qt: one check, an answer in words.

:func:`check_connection` builds a client from the settings being edited (not the ones the kiosk
runs with), asks the server for its time (which needs valid credentials) and for the shop's
master data, and says what it found: reachable, credentials accepted and how far the clocks are
apart, or what failed and what to do about it. It blocks for up to the client's timeouts, so
the screen runs it on a worker thread. No message carries a key, a token or a secret.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass

import httpx

from app.config import Config
from app.sync.errors import (
    ApiError,
    BadResponse,
    CredentialsError,
    ForbiddenError,
    RejectedError,
    ServerBusy,
    ServerUnreachable,
)
from app.sync.factory import api_client, http_client
from app.ui.settings_values import URL_PROBLEM, url_problem

CLOCK_TOLERANCE_MS = 2000


@dataclass(frozen=True, slots=True)
class ConnectionReport:
    """The answer of one test: ``ok``, a sentence for the manager and technical details."""

    ok: bool
    message: str
    details: str = ""


def check_connection(
    config: Config, transport: httpx.BaseTransport | None = None
) -> ConnectionReport:
    """Reach the server of ``config`` with its credentials; never raises for a failed test."""
    url = config.server_url
    if not url:
        return ConnectionReport(False, "Type the server address first. " + URL_PROBLEM)
    if url_problem(url) is not None:
        return ConnectionReport(False, URL_PROBLEM)
    if not config.api_key or not config.terminal_token:
        return ConnectionReport(
            False, "Type the API key and the terminal token first: the server needs both."
        )
    try:
        with http_client(config, transport) as http:
            client = api_client(http, config)
            clock = client.server_clock()
            cards = len(client.master_data().stamp_cards)
    except ApiError as error:
        return ConnectionReport(False, failure_text(error, url), str(error))
    noun = "stamp card" if cards == 1 else "stamp cards"
    return ConnectionReport(
        True,
        f"Connected: the server at {url} answers and accepts the API key and terminal token "
        f"({cards} {noun} for this shop). {clock_text(clock.offset_ms)}",
    )


def failure_text(error: ApiError, url: str) -> str:
    """What failed and what to do, for each kind of failure."""
    if isinstance(error, CredentialsError):
        return (
            f"The server at {url} does not accept the API key or the terminal token (HTTP "
            "401). Type both again exactly as the server's set-up gave them, then test again."
        )
    if isinstance(error, ForbiddenError):
        return (
            "The server accepts the credentials but does not let this terminal read the shop's "
            "data (HTTP 403). Ask whoever runs the server to allow this terminal."
        )
    if isinstance(error, ServerUnreachable):
        return unreachable_text(error, url)
    if isinstance(error, ServerBusy):
        return (
            "The server is reachable but failing right now (it answered with an error). "
            "Try again in a few minutes; the events are kept until it works."
        )
    if isinstance(error, BadResponse) or (isinstance(error, RejectedError) and not error.code):
        return (
            f"Something answers at {url}, but it is not a stamp server. Check the address, "
            "including any path after the host name (a Wi-Fi login page can also cause this)."
        )
    return (
        f"The server refused the test ({error}). Check the settings with whoever runs the server."
    )


def unreachable_text(error: ServerUnreachable, url: str) -> str:
    """Why the server could not be reached: TLS, no answer in time, or no connection at all."""
    tls = tls_reason(error)
    if tls is not None:
        return (
            f"The secure connection to {url} failed ({tls}). Check that the address starts "
            "with the right http:// or https://, that the server's certificate is valid, "
            "and that this computer's date and time are right."
        )
    if isinstance(error.__cause__, httpx.TimeoutException):
        return (
            f"The server at {url} did not answer in time. Check the network; if it keeps "
            "happening, the server may be overloaded or down — try again later."
        )
    return (
        f"The server cannot be reached at {url}. Check the address and that this computer "
        "is online (cable or Wi-Fi); if both are right, the server may be down — try "
        "again later."
    )


def tls_reason(error: BaseException) -> str | None:
    """The TLS (HTTPS) failure behind ``error``, in its short form, or None."""
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, ssl.SSLError):
            reason = getattr(cause, "reason", None)
            return str(reason or "TLS error").replace("_", " ").lower()
        cause = cause.__cause__ or cause.__context__
    return None


def clock_text(offset_ms: int) -> str:
    """How far this computer's clock is from the server's, and whether that matters."""
    if abs(offset_ms) <= CLOCK_TOLERANCE_MS:
        return "The clocks agree."
    way = "behind" if offset_ms > 0 else "ahead of"
    return (
        f"This computer's clock is {_duration(abs(offset_ms) / 1000)} {way} the server's: "
        "stamps still count, but set this computer's date and time right."
    )


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{round(seconds)} s"
    if seconds < 7200:
        return f"{round(seconds / 60)} min"
    return f"{round(seconds / 3600)} h"
