"""How ``stamp-server serve`` runs: address, worker processes, log format, graceful stop.

Each option comes from its command-line flag, else from its environment variable (which a
configuration file may set, ``server.config_file``), else from its default:

| option | flag | environment | default |
| --- | --- | --- | --- |
| host | ``--host`` | ``STAMP_SERVER_HOST`` | ``127.0.0.1`` |
| port | ``--port`` | ``STAMP_SERVER_PORT`` | 8080 |
| workers | ``--workers`` | ``STAMP_SERVER_WORKERS`` | 1 |
| log format | ``--log-format`` | ``STAMP_SERVER_LOG_FORMAT`` | ``text`` |
| graceful timeout | ``--graceful-timeout`` | ``STAMP_SERVER_GRACEFUL_TIMEOUT`` | 30 s |
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from server.logging_setup import LOG_FORMATS

HOST_ENV = "STAMP_SERVER_HOST"
PORT_ENV = "STAMP_SERVER_PORT"
WORKERS_ENV = "STAMP_SERVER_WORKERS"
LOG_FORMAT_ENV = "STAMP_SERVER_LOG_FORMAT"
GRACEFUL_TIMEOUT_ENV = "STAMP_SERVER_GRACEFUL_TIMEOUT"

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
DEFAULT_GRACEFUL_TIMEOUT = 30
"""Seconds a stopping server waits for requests in flight before it cancels them."""

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class ServeOptions:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    workers: int = 1
    log_format: str = "text"
    graceful_timeout: int = DEFAULT_GRACEFUL_TIMEOUT

    def __post_init__(self) -> None:
        if not 0 < self.port < 65536:
            raise ValueError(f"the port must be between 1 and 65535, not {self.port}")
        if self.workers < 1:
            raise ValueError(f"workers must be at least 1, not {self.workers}")
        if self.log_format not in LOG_FORMATS:
            raise ValueError(
                f"the log format must be one of {', '.join(LOG_FORMATS)}, not {self.log_format!r}"
            )
        if self.graceful_timeout <= 0:
            raise ValueError(
                f"the graceful timeout must be at least 1 second, not {self.graceful_timeout}"
            )

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str],
        *,
        host: str | None = None,
        port: int | None = None,
        workers: int | None = None,
        log_format: str | None = None,
        graceful_timeout: int | None = None,
    ) -> ServeOptions:
        """The options: explicit values (flags) first, then ``environ``, then the defaults."""
        return cls(
            host=_pick(host, environ, HOST_ENV, str, DEFAULT_HOST),
            port=_pick(port, environ, PORT_ENV, int, DEFAULT_PORT),
            workers=_pick(workers, environ, WORKERS_ENV, int, 1),
            log_format=_pick(log_format, environ, LOG_FORMAT_ENV, str, "text"),
            graceful_timeout=_pick(
                graceful_timeout, environ, GRACEFUL_TIMEOUT_ENV, int, DEFAULT_GRACEFUL_TIMEOUT
            ),
        )


def _pick(
    given: _T | None,
    environ: Mapping[str, str],
    name: str,
    parse: Callable[[str], _T],
    default: _T,
) -> _T:
    if given is not None:
        return given
    text = environ.get(name, "").strip()
    if not text:
        return default
    try:
        return parse(text)
    except ValueError:
        kind = "an integer" if parse is int else "text"
        raise ValueError(f"{name} must be {kind}, not {text!r}") from None
