"""Errors of the stamp API client.

The tree::

    ApiError (StampTerminalError)
    ├── RetryableError        keep the events and try again later
    │   ├── ServerUnreachable   connection refused or reset, DNS, timeout
    │   ├── ServerBusy          HTTP 429 or 5xx; ``retry_after`` when the server said
    │   └── BadResponse         the answer is not the API's JSON (an HTML page, garbage)
    ├── CredentialsError      HTTP 401: the api key or terminal token is wrong; stop sending
    ├── ForbiddenError        HTTP 403: the credentials may not do this
    └── RejectedError         the server refused the request itself (4xx with a result code)

Only :class:`RetryableError` is retried. Messages name the operation and the HTTP status, never
a header, a token or a key.
"""

from __future__ import annotations

from app.errors import StampTerminalError


class ApiError(StampTerminalError):
    """A request to the stamp server failed."""


class RetryableError(ApiError):
    """Nothing was decided; the same request may be sent again."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ServerUnreachable(RetryableError):
    """The server could not be reached or did not answer in time."""


class ServerBusy(RetryableError):
    """The server answered 429 or 5xx."""


class BadResponse(RetryableError):
    """The answer was not the stamp API's JSON."""


class CredentialsError(ApiError):
    """The server does not accept this terminal's credentials (HTTP 401)."""


class ForbiddenError(ApiError):
    """The credentials are valid but may not do this (HTTP 403)."""


class RejectedError(ApiError):
    """The server refused the request with a result code."""

    def __init__(self, message: str, *, code: int | None, key: str | None) -> None:
        super().__init__(message)
        self.code = code
        self.key = key
