"""The settings screen's "Test connection": one check, an answer in words.

:func:`check_connection` builds a client from the settings being edited (not the ones the kiosk
runs with), asks the server for its time (which needs valid credentials) and for the shop's
master data, and says what it found: reachable, credentials accepted and how far the clocks are
apart, or what failed and what to do about it. It blocks for up to the client's timeouts, so
the screen runs it on a worker thread. The report keeps what was found; its message is rendered
(in the language shown, ``ConnectionCheck`` context) each time it is read, on the GUI thread. No
message carries a key, a token or a secret.
"""

from __future__ import annotations

import enum
import ssl
from dataclasses import dataclass

import httpx
from PySide6.QtCore import QCoreApplication

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
from app.ui.settings_values import url_problem, url_problem_text

CLOCK_TOLERANCE_MS = 2000


class Finding(enum.StrEnum):
    """What one test found."""

    CONNECTED = "connected"
    NO_ADDRESS = "no_address"
    BAD_ADDRESS = "bad_address"
    NO_CREDENTIALS = "no_credentials"
    CREDENTIALS_REFUSED = "credentials_refused"
    FORBIDDEN = "forbidden"
    TLS_FAILED = "tls_failed"
    TIMED_OUT = "timed_out"
    UNREACHABLE = "unreachable"
    SERVER_FAILING = "server_failing"
    NOT_A_STAMP_SERVER = "not_a_stamp_server"
    REFUSED = "refused"
    TEST_FAILED = "test_failed"


@dataclass(frozen=True, slots=True)
class ConnectionReport:
    """The answer of one test: what was found, at which address, and technical details.

    ``cards`` and ``clock_offset_ms`` when connected; ``reason`` the TLS failure. :attr:`message`
    is the sentence for the manager, rendered in the language shown.
    """

    finding: Finding
    url: str = ""
    details: str = ""
    cards: int = 0
    clock_offset_ms: int = 0
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.finding is Finding.CONNECTED

    @property
    def message(self) -> str:
        return report_text(self)


def check_connection(
    config: Config, transport: httpx.BaseTransport | None = None
) -> ConnectionReport:
    """Reach the server of ``config`` with its credentials; never raises for a failed test."""
    url = config.server_url
    if not url:
        return ConnectionReport(Finding.NO_ADDRESS)
    if url_problem(url) is not None:
        return ConnectionReport(Finding.BAD_ADDRESS)
    if not config.api_key or not config.terminal_token:
        return ConnectionReport(Finding.NO_CREDENTIALS)
    try:
        with http_client(config, transport) as http:
            client = api_client(http, config)
            clock = client.server_clock()
            cards = len(client.master_data().stamp_cards)
    except ApiError as error:
        return failure_report(error, url)
    return ConnectionReport(Finding.CONNECTED, url, cards=cards, clock_offset_ms=clock.offset_ms)


def failure_report(error: ApiError, url: str) -> ConnectionReport:
    """What failed, with the error as the details."""
    reason = tls_reason(error) if isinstance(error, ServerUnreachable) else None
    return ConnectionReport(failure_finding(error), url, str(error), reason=reason or "")


def failure_finding(error: ApiError) -> Finding:
    """Which kind of failure ``error`` is."""
    if isinstance(error, ServerUnreachable):
        if tls_reason(error) is not None:
            return Finding.TLS_FAILED
        if isinstance(error.__cause__, httpx.TimeoutException):
            return Finding.TIMED_OUT
        return Finding.UNREACHABLE
    kinds: tuple[tuple[type[ApiError], Finding], ...] = (
        (CredentialsError, Finding.CREDENTIALS_REFUSED),
        (ForbiddenError, Finding.FORBIDDEN),
        (ServerBusy, Finding.SERVER_FAILING),
        (BadResponse, Finding.NOT_A_STAMP_SERVER),
    )
    for kind, finding in kinds:
        if isinstance(error, kind):
            return finding
    if isinstance(error, RejectedError) and not error.code:
        return Finding.NOT_A_STAMP_SERVER
    return Finding.REFUSED


def report_text(report: ConnectionReport) -> str:
    """The sentence for the manager: what was found and what to do."""
    if report.finding is Finding.CONNECTED:
        return connected_text(report)
    if report.finding is Finding.NO_ADDRESS:
        return QCoreApplication.translate(
            "ConnectionCheck", "Type the server address first. {problem}"
        ).format(problem=url_problem_text())
    if report.finding is Finding.BAD_ADDRESS:
        return url_problem_text()
    if report.finding is Finding.TEST_FAILED:
        return QCoreApplication.translate(
            "ConnectionCheck",
            "The test failed unexpectedly. Try again; if it keeps happening, restart the kiosk.",
        )
    return failure_text(report)


def connected_text(report: ConnectionReport) -> str:
    if report.cards == 1:
        text = QCoreApplication.translate(
            "ConnectionCheck",
            "Connected: the server at {url} answers and accepts the API key and terminal token "
            "(1 stamp card for this shop). {clock}",
        )
    else:
        text = QCoreApplication.translate(
            "ConnectionCheck",
            "Connected: the server at {url} answers and accepts the API key and terminal token "
            "({count} stamp cards for this shop). {clock}",
        )
    return text.format(url=report.url, count=report.cards, clock=clock_text(report.clock_offset_ms))


def failure_text(report: ConnectionReport) -> str:
    """What failed and what to do, for each kind of failure."""
    texts = {
        Finding.NO_CREDENTIALS: QCoreApplication.translate(
            "ConnectionCheck",
            "Type the API key and the terminal token first: the server needs both.",
        ),
        Finding.CREDENTIALS_REFUSED: QCoreApplication.translate(
            "ConnectionCheck",
            "The server at {url} does not accept the API key or the terminal token (HTTP "
            "401). Type both again exactly as the server's set-up gave them, then test again.",
        ),
        Finding.FORBIDDEN: QCoreApplication.translate(
            "ConnectionCheck",
            "The server accepts the credentials but does not let this terminal read the shop's "
            "data (HTTP 403). Ask whoever runs the server to allow this terminal.",
        ),
        Finding.TLS_FAILED: QCoreApplication.translate(
            "ConnectionCheck",
            "The secure connection to {url} failed ({reason}). Check that the address starts "
            "with the right http:// or https://, that the server's certificate is valid, "
            "and that this computer's date and time are right.",
        ),
        Finding.TIMED_OUT: QCoreApplication.translate(
            "ConnectionCheck",
            "The server at {url} did not answer in time. Check the network; if it keeps "
            "happening, the server may be overloaded or down — try again later.",
        ),
        Finding.UNREACHABLE: QCoreApplication.translate(
            "ConnectionCheck",
            "The server cannot be reached at {url}. Check the address and that this computer "
            "is online (cable or Wi-Fi); if both are right, the server may be down — try "
            "again later.",
        ),
        Finding.SERVER_FAILING: QCoreApplication.translate(
            "ConnectionCheck",
            "The server is reachable but failing right now (it answered with an error). "
            "Try again in a few minutes; the events are kept until it works.",
        ),
        Finding.NOT_A_STAMP_SERVER: QCoreApplication.translate(
            "ConnectionCheck",
            "Something answers at {url}, but it is not a stamp server. Check the address, "
            "including any path after the host name (a Wi-Fi login page can also cause this).",
        ),
    }
    refused = QCoreApplication.translate(
        "ConnectionCheck",
        "The server refused the test ({error}). Check the settings with whoever runs the server.",
    )
    text = texts.get(report.finding, refused)
    return text.format(url=report.url, reason=report.reason, error=report.details)


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
        return QCoreApplication.translate("ConnectionCheck", "The clocks agree.")
    if offset_ms > 0:
        text = QCoreApplication.translate(
            "ConnectionCheck",
            "This computer's clock is {duration} behind the server's: stamps still count, but "
            "set this computer's date and time right.",
        )
    else:
        text = QCoreApplication.translate(
            "ConnectionCheck",
            "This computer's clock is {duration} ahead of the server's: stamps still count, "
            "but set this computer's date and time right.",
        )
    return text.format(duration=_duration(abs(offset_ms) / 1000))


def _duration(seconds: float) -> str:
    if seconds < 120:
        return QCoreApplication.translate("ConnectionCheck", "{count} s").format(
            count=round(seconds)
        )
    if seconds < 7200:
        return QCoreApplication.translate("ConnectionCheck", "{count} min").format(
            count=round(seconds / 60)
        )
    return QCoreApplication.translate("ConnectionCheck", "{count} h").format(
        count=round(seconds / 3600)
    )
